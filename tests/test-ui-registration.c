/* test-ui-registration.c — the registration desk under Xvfb, against a
 * real manager: a new patient through the page's own form, the live
 * suggestion, registering and the ticket, and the desk worked with real
 * key presses only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-desk-visits.h"
#include "gil-registration-page.h"
#include "gil-test-api.h"
#include "gil-test-desk.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

typedef GilTestDesk Fixture;
typedef GilTestExpect Expect;

/* An elderly returning patient with a BPJS number, as the API takes him. */
#define LALU_AHMAD \
  "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\",\"bpjs\":\"0001234567890\"}"

static gboolean
row_title_contains (gpointer data)
{
  Expect *e = data;
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (e->widget));

  return title != NULL && strstr (title, e->text) != NULL;
}

/* The new-patient form filled in (@nik may be %NULL) and "Save Patient"
 * pressed. */
static void
save_new_patient (Fixture    *f,
                  const char *name,
                  const char *nik,
                  const char *birth,
                  guint       sex)
{
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "name_row")), name);
  if (nik != NULL)
    gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "nik_row")), nik);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), birth);
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "sex_row")), sex);
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
}

/* @keys typed (the search's shortcut and the name, as xdotool names
 * them), then Enter once results are listed: the first one chosen. */
static void
find_by_keys (Fixture    *f,
              const char *keys)
{
  gil_test_ui_type (GTK_WIDGET (f->window), keys);
  gil_test_ui_wait (gil_test_ui_list_filled, gil_test_ui_get_named (f->page, "results_list"), "search results");
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
}

/* The new-patient form's fields, in the order the clerk fills them. */
static const char * const patient_fields[] = {
  "name_row", "nik_row", "birth_row", "bpjs_row", "address_row", "phone_row", NULL
};


static void
test_new_patient_and_register (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *nik_note;
  GtkWidget *patient_label;
  GtkWidget *suggestion;
  Expect e;

  /* The desk opens the form and types a patient with a wrong NIK. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  save_new_patient (f, "Baiq Nurul Aini", "5271014507800000", "05-07-1980", GIL_TEST_DESK_SEX_FEMALE);

  /* It says what is wrong with the NIK, in Indonesian, at the NIK. */
  nik_note = gil_test_ui_get_named (f->page, "nik_note");
  e = (Expect) { nik_note, "Nomor urut pada NIK" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the NIK error");
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->page, "nik_row"), "error"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-nik-error"));

  /* Corrected, it saves and the patient is chosen. */
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "nik_row")), "5271014507800003");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  patient_label = gil_test_ui_find_label (f->page, "Tidak ada pasien dipilih");
  g_assert_nonnull (patient_label);
  gil_test_ui_wait_label (f->page, "patient_label", "Baiq Nurul Aini");

  /* The suggestion follows the fields: an adult woman, then pregnant. */
  suggestion = gil_test_ui_get_named (f->page, "suggestion_row");
  e = (Expect) { suggestion, "Ruang Usia Dewasa" };
  gil_test_ui_wait (row_title_contains, &e, "the adult room to be suggested");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (suggestion)), "Usia "));
  gtk_switch_set_active (GTK_SWITCH (gil_test_ui_get_named (f->page, "pregnant_switch")), TRUE);
  e = (Expect) { suggestion, "Ruang Kesehatan Ibu" };
  gil_test_ui_wait (row_title_contains, &e, "the mothers' room to be suggested");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (suggestion)), ==,
                   "Hamil: Klaster 2, Ruang Kesehatan Ibu");

  /* Register (Ctrl+Enter): the ticket appears large. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "payer_row")), gil_test_desk_payer_index ("umum"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  gil_test_ui_wait_label (f->page, "ticket_label", "A-001");
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Ruang Kesehatan Ibu"));
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Tidak ada antrean sebelum Anda"));
  g_assert_cmpstr (gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (f->page)), ==, "A-001");
  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-ticket"));

  /* The manager has it, as registered. */
  {
    guint status = 0;
    g_autoptr(JsonNode) visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_get_boolean_member (gil_test_api_object (visit), "pregnant"));
    g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "cluster"), ==, "k2");
  }
}

static void
test_returning_patient_by_keyboard (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_get_named (f->page, "search_entry");
  GtkWidget *list = gil_test_ui_get_named (f->page, "results_list");

  gil_test_desk_add_patient (f, LALU_AHMAD);

  /* Ctrl+F, type, Enter, Ctrl+Enter: no mouse. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.find", NULL));
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (f->window))));
  gtk_editable_set_text (GTK_EDITABLE (search), "lalu");
  gil_test_ui_wait (gil_test_ui_list_filled, list, "search results");
  g_signal_emit_by_name (search, "activate");
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));

  gil_test_ui_wait_label (f->page, "ticket_label", "E-001");

  /* The desk is ready for the next patient. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
}


/* A day at the desk with no mouse, every key a real key press: a
 * returning patient found and registered, the same patient once more
 * (refused), a new patient typed in and registered. After each, the
 * focus is where the next thing is typed and the desk's keys work. */
static void
test_keyboard_only (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_get_named (f->page, "search_entry");
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");
  GtkWidget *purpose = gil_test_ui_get_named (f->page, "purpose_row");
  Expect e;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  gil_test_desk_add_patient (f, LALU_AHMAD);

  /* Ctrl+F, the name, Enter, Ctrl+Enter. */
  find_by_keys (f, "ctrl+f l a l u");
  gil_test_desk_wait_focus (f, purpose, "the purpose of the visit");
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait_label (f->page, "ticket_label", "E-001");
  gil_test_desk_wait_focus (f, search, "the search for the next patient");

  /* The same patient again, registered with Enter on "Register": the
   * manager refuses; the focus comes back to the button. */
  find_by_keys (f, "l a l u");
  gil_test_desk_wait_focus (f, purpose, "the purpose of the visit");
  g_assert_true (gtk_widget_grab_focus (register_button));
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  gil_test_ui_wait (gil_test_desk_error_shown, f->page, "the refusal");
  gil_test_desk_wait_focus (f, register_button, "“Register” after the refusal");

  /* A new patient: Ctrl+N, the name typed, Tab to the birth date, Enter
   * on "Save Patient", Ctrl+Enter. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "name_row"), "the new patient's name");
  gil_test_ui_type (GTK_WIDGET (f->window), "S i t i space A m i n a h");
  /* xdotool has sent the keys; the app may not have read them all yet. */
  e = (Expect) { gil_test_ui_get_named (f->page, "name_row"), "Siti Aminah" };
  gil_test_ui_wait (gil_test_expect_text, &e, "the typed name");
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), "10-03-1990");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "sex_row")), GIL_TEST_DESK_SEX_FEMALE);
  g_assert_true (gtk_widget_grab_focus (gil_test_ui_find_button (f->page, "Simpan Pasien")));
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  gil_test_desk_wait_focus (f, purpose, "the new patient's purpose of the visit");
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Siti Aminah"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "payer_row")), gil_test_desk_payer_index ("umum"));
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait_label (f->page, "ticket_label", "D-001");
  gil_test_desk_wait_focus (f, search, "the search for the next patient");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-keyboard"));

  /* With the focus nowhere, as GTK leaves it when the focused widget is
   * made insensitive or goes away, the desk's keys still work. */
  gtk_window_set_focus (f->window, NULL);
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "name_row"), "the new patient's name, from nowhere");
}

/* Issue 17: a patient chosen, then the new-patient form opened and its
 * save refused; Ctrl+Enter must not give the chosen patient a ticket
 * meant for the one being typed in. While the form is open, Register
 * cannot be pressed. */
static void
test_register_blocked_while_form_open (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_get_named (f->page, "search_entry");
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");
  g_autoptr(JsonNode) visit = NULL;
  guint status = 0;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  /* With a BPJS number, so nothing but the form stands in the way. */
  gil_test_desk_add_patient (f, LALU_AHMAD);

  /* Patient A chosen. */
  find_by_keys (f, "ctrl+f l a l u");
  gil_test_ui_wait_label (f->page, "patient_label", "Lalu Ahmad");
  g_assert_true (gtk_widget_get_sensitive (register_button));

  /* The form opened (Ctrl+N), a new patient with a wrong NIK refused. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "name_row"), "the new patient's name");
  g_assert_false (gtk_widget_is_sensitive (register_button));
  save_new_patient (f, "Baiq Nurul Aini", "5271014507800000", "05-07-1980", GIL_TEST_DESK_SEX_FEMALE);
  gil_test_ui_wait (gil_test_desk_error_shown, f->page, "the NIK error");
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->page, "nik_row"), "error"));

  /* Ctrl+Enter, with the focus in the form: nobody is registered. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+KP_Enter");
  gil_test_ui_spin (500);
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_null (gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (f->page)));
  g_assert_false (gtk_widget_is_sensitive (register_button));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-form-open"));

  /* Cancelled, the form is gone and Register can be pressed again. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.cancel-patient", NULL));
  gil_test_desk_wait_focus (f, search, "the search");
  g_assert_true (gtk_widget_is_sensitive (register_button));
}

/* Issue 17: the sex of the last new patient carried over to the next.
 * Each new patient starts from an empty form, and one saved without a
 * sex is refused at the desk with a clear message. */
static void
test_new_patient_form_starts_empty (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *sex;
  GtkWidget *form_error;
  g_autoptr(JsonNode) patient = NULL;
  Expect e;
  guint status = 0;

  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  sex = gil_test_ui_get_named (f->page, "sex_row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sex)), ==, 0);
  save_new_patient (f, "Siti Aminah", NULL, "10-03-1990", GIL_TEST_DESK_SEX_FEMALE);
  gil_test_ui_wait_label (f->page, "patient_label", "Siti Aminah");

  /* The next new patient: nothing of Siti's is left. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sex)), ==, 0);
  for (guint i = 0; patient_fields[i] != NULL; i++)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, patient_fields[i]))), ==, "");

  /* Saved without a sex: refused here, and the manager has no one new. */
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "name_row")), "Lalu Zainal");
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), "01-06-2024");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  form_error = gil_test_ui_get_named (f->page, "form_error");
  e = (Expect) { form_error, "Pilih jenis kelamin" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the sex error");
  g_assert_true (gtk_widget_has_css_class (sex, "error"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-sex-unset"));

  /* No such day: refused here too, in the format the field asks for
   * (HH-BB-TTTT), not the API's. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sex), GIL_TEST_DESK_SEX_MALE);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), "30-02-2024");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  e = (Expect) { form_error, "Tanggal lahir harus tanggal yang benar dengan format HH-BB-TTTT" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the birth date error");
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->page, "birth_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (sex, "error"));
  patient = gil_test_desk_get (f, "/api/v1/patients?q=zainal", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (patient)), ==, 0);
}

/* Issue 17: the payer was BPJS unless the clerk changed it, so the
 * report said everyone came on BPJS. Nothing is chosen for a patient
 * without a BPJS number, and registering then asks for it; a patient
 * with one starts at BPJS. */
static void
test_payer_not_chosen (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *payer = gil_test_ui_get_named (f->page, "payer_row");
  GtkWidget *register_error = gil_test_ui_get_named (f->page, "register_error");
  g_autoptr(JsonNode) visit = NULL;
  guint status = 0;

  gil_test_desk_add_patient (f, "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\"}");
  gil_test_desk_add_patient (f, "{\"name\":\"Baiq Rina\",\"birth_date\":\"1985-02-02\",\"sex\":\"F\","
                             "\"bpjs\":\"0001234567890\"}");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);

  /* No BPJS number: nothing chosen; Register asks, nobody registered. */
  gil_test_desk_choose (f, "lalu", "Lalu Ahmad");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  g_assert_true (gtk_widget_get_visible (register_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (register_error)), ==, "Pilih cara bayar.");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-payer-not-chosen"));
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpuint (status, ==, 404);

  /* Chosen, it registers with that payer. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (payer), gil_test_desk_payer_index ("umum"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  gil_test_ui_wait_label (f->page, "ticket_label", "E-001");
  g_clear_pointer (&visit, json_node_unref);
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "payer"), ==, "umum");

  /* The desk ready for the next: nothing chosen again; a patient with a
   * BPJS number starts at BPJS. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);
  gil_test_desk_choose (f, "rina", "Baiq Rina");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, gil_test_desk_payer_index ("bpjs"));
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_get_named (f->page, "search_entry");
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Cari pasien");
  g_assert_nonnull (register_button);
  g_assert_nonnull (gil_test_ui_find_button (f->page, "Pasien Baru"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_get_named (f->page, "pregnant_switch")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Hamil");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_get_named (f->page, "cough-2-weeks")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Batuk 2 minggu atau lebih");
}

/* ── today's visits: correcting at the desk ────────────────────────── */

static const char *
manager_url (Fixture *f)
{
  return gil_test_manager_get_url (f->manager);
}

static const char *
manager_token (Fixture *f)
{
  return gil_test_manager_get_admin_token (f->manager);
}

/* An adult's visit as another desk registers it; returns the visit id. */
static gint64
register_elsewhere (Fixture    *f,
                    const char *name,
                    const char *extra)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *birth = g_strdup_printf ("%04d-01-15", g_date_time_get_year (now) - 30);
  g_autoptr(JsonNode) visit = gil_test_api_register (manager_url (f), manager_token (f), name, birth, extra);

  return json_object_get_int_member (gil_test_api_object (visit), "id");
}

static JsonNode *
manager_get (Fixture    *f,
             const char *path)
{
  return gil_test_api_expect (manager_url (f), manager_token (f), "GET", path, NULL, NULL, 200);
}

/* The manager's record of the visit @visit. */
static JsonNode *
manager_visit (Fixture *f,
               gint64   visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);

  return manager_get (f, path);
}

/* The manager's record of the patient of the visit @visit. */
static JsonNode *
manager_visit_patient (Fixture *f,
                       gint64   visit)
{
  g_autoptr(JsonNode) record = manager_visit (f, visit);
  JsonObject *patient = json_object_get_object_member (gil_test_api_object (record), "patient");
  g_autofree char *path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT,
                                           json_object_get_int_member (patient, "id"));

  return manager_get (f, path);
}

static guint
manager_waiting (Fixture    *f,
                 const char *room_code)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue",
                                           gil_test_api_room_id (manager_url (f), manager_token (f), room_code));
  g_autoptr(JsonNode) queue = manager_get (f, path);

  return json_array_get_length (json_object_get_array_member (gil_test_api_object (queue), "waiting"));
}

typedef struct
{
  Fixture    *f;
  const char *title;
  const char *subtitle;  /* in the row's subtitle; NULL for any */
  GtkWidget  *found;
} FindRow;

/* The visit's row in today's list, titled "TICKET · NAME" (made anew at
 * each refresh), with @subtitle in its own. */
static gboolean
visit_row_shown (gpointer data)
{
  FindRow *find = data;

  find->found = NULL;
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (find->f->page, ADW_TYPE_EXPANDER_ROW, i);
      const char *subtitle;

      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), find->title) != 0)
        continue;
      find->found = row;
      subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      return find->subtitle == NULL || (subtitle != NULL && strstr (subtitle, find->subtitle) != NULL);
    }
}

static GtkWidget *
open_visit (Fixture    *f,
            const char *title)
{
  FindRow find = { f, title, NULL, NULL };
  GtkWidget *button = gil_test_ui_find_button (f->page, "Kunjungan Hari Ini");

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  gil_test_ui_wait (visit_row_shown, &find, title);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find.found), TRUE);
  return find.found;
}

/* One of the visit's corrections, as a row under it. */
static GtkWidget *
correction_row (GtkWidget  *visit_row,
                const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (visit_row, ADW_TYPE_ACTION_ROW, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
}

static GtkWidget *
activate_correction (GtkWidget  *visit_row,
                     const char *title)
{
  GtkWidget *row = correction_row (visit_row, title);

  g_assert_true (gtk_widget_get_sensitive (row));
  g_assert_true (gtk_widget_activate (row));
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, title);
  return gil_test_ui_find_dialog ();
}

typedef struct
{
  Fixture    *f;
  const char *room_code;
  guint       waiting;
} Waiting;

static gboolean
manager_has_waiting (gpointer data)
{
  Waiting *w = data;

  return manager_waiting (w->f, w->room_code) == w->waiting;
}

static GtkWidget *
desk_visits (Fixture *f)
{
  GtkWidget *desk = gil_test_ui_find_type (f->page, GIL_TYPE_DESK_VISITS, 0);

  g_assert_nonnull (desk);
  return desk;
}

typedef struct
{
  GtkWidget  *root;
  const char *css_class;
  const char *text;
} Message;

static gboolean
message_shown (gpointer data)
{
  Message *m = data;

  return gil_test_ui_find_label_containing (m->root, m->text, m->css_class) != NULL;
}

/* The desk's message after a correction: the result, or (@css_class
 * field-error) what went wrong. */
static void
wait_desk_message (Fixture    *f,
                   const char *css_class,
                   const char *text)
{
  Message m = { desk_visits (f), css_class, text };

  gil_test_ui_wait (message_shown, &m, text);
}

/* Cancelling a visit from today's list: the reason is required, the
 * patient leaves the manager's queue, the row says so. */
static void
test_cancel_visit (Fixture       *f,
                   gconstpointer  data)
{
  gint64 visit = register_elsewhere (f, "Ayu Lestari", NULL);
  g_autoptr(JsonNode) after = NULL;
  Waiting w = { f, "K3-DEWASA", 0 };
  FindRow says = { f, "D-001 · Ayu Lestari", "Dibatalkan: Terdaftar dua kali", NULL };
  GtkWidget *row = open_visit (f, "D-001 · Ayu Lestari");
  GtkWidget *dialog;
  GtkWidget *entry;

  g_assert_cmpuint (manager_waiting (f, "K3-DEWASA"), ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Ruang Usia Dewasa · Menunggu");
  dialog = activate_correction (row, "Batalkan Kunjungan");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Batalkan Kunjungan D-001?");

  /* Without a reason it cannot be confirmed. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-visit"));
  entry = gil_test_ui_get_named (dialog, "reason");
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-visit"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Terdaftar dua kali");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-visit"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-cancel-visit"));
  gil_test_ui_press_button (dialog, "Batalkan Kunjungan", GIL_TEST_UI_PRESS_CLICK);
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the dialog to close");

  /* The manager's queue is empty; the visit keeps why; the desk says so. */
  gil_test_ui_wait (manager_has_waiting, &w, "the queue to empty");
  after = manager_visit (f, visit);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (after), "cancel_reason"), ==,
                   "Terdaftar dua kali");
  wait_desk_message (f, NULL, "Kunjungan D-001 dibatalkan.");
  gil_test_ui_wait (visit_row_shown, &says, "the row to say it was cancelled");
  g_assert_false (gtk_widget_get_sensitive (correction_row (says.found, "Batalkan Kunjungan")));
  g_assert_false (gtk_widget_get_sensitive (correction_row (says.found, "Pindah Ruang")));
  g_assert_true (gtk_widget_get_sensitive (correction_row (says.found, "Ubah Data Pasien")));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-visit-cancelled"));
}

/* The room starts the service while the clerk writes the reason: the
 * manager refuses, and the desk says why in Indonesian. */
static void
test_cancel_refused_once_served (Fixture       *f,
                                 gconstpointer  data)
{
  gint64 visit = register_elsewhere (f, "Bagus Santoso", NULL);
  GtkWidget *row = open_visit (f, "D-001 · Bagus Santoso");
  GtkWidget *dialog = activate_correction (row, "Batalkan Kunjungan");
  g_autoptr(JsonObject) called = NULL;
  g_autoptr(JsonNode) after = NULL;
  FindRow says = { f, "D-001 · Bagus Santoso", "Dilayani", NULL };

  called = gil_test_api_call_next (manager_url (f), manager_token (f), "K3-DEWASA");
  gil_test_api_stop_action (manager_url (f), manager_token (f), json_object_get_int_member (called, "id"), "start");
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (dialog, "reason")), "Pulang");
  gil_test_ui_press_button (dialog, "Batalkan Kunjungan", GIL_TEST_UI_PRESS_CLICK);
  wait_desk_message (f, "field-error", "kunjungan tidak dapat dibatalkan lagi");
  after = manager_visit (f, visit);
  g_assert_true (json_object_get_null_member (gil_test_api_object (after), "cancelled_at"));

  /* The list follows the room: nothing left to cancel or move. */
  gil_test_ui_wait (visit_row_shown, &says, "the row to show the service");
  g_assert_false (gtk_widget_get_sensitive (correction_row (says.found, "Batalkan Kunjungan")));
  g_assert_false (gtk_widget_get_sensitive (correction_row (says.found, "Pindah Ruang")));
}

/* A patient registered for the wrong room moves to the right one, with
 * that room's ticket. */
static void
test_reroute_visit (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *to_lansia = g_strdup_printf (",\"room\":%" G_GINT64_FORMAT,
                                                gil_test_api_room_id (manager_url (f), manager_token (f), "K3-LANSIA"));
  gint64 visit = register_elsewhere (f, "Citra Dewi", to_lansia);
  g_autoptr(JsonNode) after = NULL;
  Waiting w = { f, "K3-LANSIA", 0 };
  GtkWidget *row = open_visit (f, "E-001 · Citra Dewi");
  GtkWidget *dialog = activate_correction (row, "Pindah Ruang");
  GtkDropDown *dropdown = GTK_DROP_DOWN (gil_test_ui_get_named (dialog, "room"));
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  guint dewasa = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    {
      g_assert_cmpstr (gtk_string_list_get_string (names, i), !=, "Ruang Lansia");
      if (g_str_equal (gtk_string_list_get_string (names, i), "Ruang Usia Dewasa"))
        dewasa = i;
    }
  g_assert_cmpuint (dewasa, !=, G_MAXUINT);
  gtk_drop_down_set_selected (dropdown, dewasa);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (dialog, "reason")), "Salah pilih ruang");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-reroute-visit"));
  gil_test_ui_press_button (dialog, "Pindahkan", GIL_TEST_UI_PRESS_CLICK);

  gil_test_ui_wait (manager_has_waiting, &w, "the Lansia queue to empty");
  g_assert_cmpuint (manager_waiting (f, "K3-DEWASA"), ==, 1);
  after = manager_visit (f, visit);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (after), "ticket"), ==, "D-001");
  wait_desk_message (f, NULL, "E-001 dipindah ke Ruang Usia Dewasa; nomor antrean barunya D-001.");
  {
    FindRow says = { f, "D-001 · Citra Dewi", "Ruang Usia Dewasa · Menunggu", NULL };

    gil_test_ui_wait (visit_row_shown, &says, "the row in its new room");
  }
}

/* A name typed wrong at registration is corrected from today's list. */
static void
test_edit_patient (Fixture       *f,
                   gconstpointer  data)
{
  gint64 visit = register_elsewhere (f, "Dewi Ratna", NULL);
  g_autoptr(JsonNode) before = manager_visit (f, visit);
  g_autoptr(JsonNode) after = NULL;
  GtkWidget *row = open_visit (f, "D-001 · Dewi Ratna");
  GtkWidget *dialog = activate_correction (row, "Ubah Data Pasien");
  GtkWidget *name = gil_test_ui_get_named (dialog, "name");
  GtkWidget *birth = gil_test_ui_get_named (dialog, "birth_date");
  FindRow says = { f, "D-001 · Dewi Ratna Sari", "Menunggu", NULL };

  /* The form has the record's values. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Dewi Ratna");
  {
    const char *iso = json_object_get_string_member (json_object_get_object_member (gil_test_api_object (before),
                                                                                   "patient"), "birth_date");
    g_autofree char *shown = g_strdup_printf ("%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, shown);
  }
  gtk_editable_set_text (GTK_EDITABLE (name), "Dewi Ratna Sari");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-edit-patient"));
  gil_test_ui_press_button (dialog, "Simpan", GIL_TEST_UI_PRESS_CLICK);

  wait_desk_message (f, NULL, "Data Dewi Ratna Sari tersimpan.");
  after = manager_visit_patient (f, visit);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (after), "name"), ==, "Dewi Ratna Sari");
  gil_test_ui_wait (visit_row_shown, &says, "the row with the new name");
}

/* A wrong NIK typed in the correction: the manager refuses, the desk says
 * so, and the record stays as it was. */
static void
test_edit_patient_refused (Fixture       *f,
                           gconstpointer  data)
{
  gint64 visit = register_elsewhere (f, "Fitri Handayani", NULL);
  g_autoptr(JsonNode) after = NULL;
  GtkWidget *row = open_visit (f, "D-001 · Fitri Handayani");
  GtkWidget *dialog = activate_correction (row, "Ubah Data Pasien");

  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (dialog, "name")), "Fitri H.");
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (dialog, "nik")), "12345");
  gil_test_ui_press_button (dialog, "Simpan", GIL_TEST_UI_PRESS_CLICK);
  wait_desk_message (f, "field-error", "Data pasien tidak tersimpan: ");
  after = manager_visit_patient (f, visit);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (after), "name"), ==, "Fitri Handayani");
  g_assert_true (json_object_get_null_member (gil_test_api_object (after), "nik"));
}

static gboolean
window_is_small (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_width (window) <= 1024 && gtk_widget_get_height (window) <= 768;
}

static gboolean
window_is_wide (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) == 1366;
}

/* At 1024×768 the list and a visit's corrections fit on the screen. */
static void
test_visits_fit_small_screen (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *row;

  register_elsewhere (f, "Eka Putri Wulandari Kusumaningrum", NULL);
  gtk_window_set_default_size (f->window, 1024, 768);
  gtk_widget_set_size_request (GTK_WIDGET (f->window), -1, -1);
  gtk_window_unmaximize (f->window);
  gil_test_ui_wait (window_is_small, f->window, "the window at 1024×768");
  open_visit (f, "D-001 · Eka Putri Wulandari Kusumaningrum");
  gil_test_ui_spin (400);
  {
    FindRow find = { f, "D-001 · Eka Putri Wulandari Kusumaningrum", NULL, NULL };

    gil_test_ui_wait (visit_row_shown, &find, "the visit's row");
    row = find.found;
    g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  }
  gil_test_ui_assert_inside (gil_test_ui_find_button (f->page, "Kunjungan Hari Ini"), GTK_WIDGET (f->window));
  gil_test_ui_assert_inside (gil_test_ui_find_button (f->page, "Pasien Baru"), GTK_WIDGET (f->window));
  gil_test_ui_assert_inside (correction_row (row, "Ubah Data Pasien"), GTK_WIDGET (f->window));
  gil_test_ui_assert_inside (correction_row (row, "Pindah Ruang"), GTK_WIDGET (f->window));
  gil_test_ui_assert_inside (correction_row (row, "Batalkan Kunjungan"), GTK_WIDGET (f->window));
  gil_test_ui_assert_inside (correction_row (row, "Cetak Nomor Antrean"), GTK_WIDGET (f->window));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-visits-1024"));

  /* A wide laptop screen, for a person to look at. */
  gtk_window_set_default_size (f->window, 1366, 768);
  gil_test_ui_wait (window_is_wide, f->window, "the window at 1366×768");
  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-visits-1366"));
}

/* The page and its context are finalized once let go. */
static void
test_new_destroy (void)
{
  gil_test_ui_assert_new_destroy (gil_registration_page_new);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-registration/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/giliran/ui-registration/" path, Fixture, NULL, gil_test_desk_set_up, func, gil_test_desk_tear_down)
  ADD ("new-patient-and-register", test_new_patient_and_register);
  ADD ("returning-patient-by-keyboard", test_returning_patient_by_keyboard);
  ADD ("accessible-names", test_accessible_names);
  ADD ("keyboard-only", test_keyboard_only);
  ADD ("register-blocked-while-form-open", test_register_blocked_while_form_open);
  ADD ("new-patient-form-starts-empty", test_new_patient_form_starts_empty);
  ADD ("payer-not-chosen", test_payer_not_chosen);
  ADD ("cancel-visit", test_cancel_visit);
  ADD ("cancel-refused-once-served", test_cancel_refused_once_served);
  ADD ("reroute-visit", test_reroute_visit);
  ADD ("edit-patient", test_edit_patient);
  ADD ("edit-patient-refused", test_edit_patient_refused);
  ADD ("visits-fit-small-screen", test_visits_fit_small_screen);
#undef ADD

  return g_test_run ();
}
