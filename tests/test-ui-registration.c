/* test-ui-registration.c — the registration desk under Xvfb, against a
 * real manager: a new patient through the page's own form, the live
 * suggestion, registering and the ticket, and the desk worked with real
 * key presses only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-registration-page.h"
#include "gil-terms.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

typedef struct
{
  GilTestManager *manager;
  GilConnection  *connection;
  GilRoomList    *rooms;
  GtkWindow      *window;
  GtkWidget      *page;
} Fixture;

static gboolean
rooms_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->rooms)) == 10;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start ();
  f->connection = gil_connection_new (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager));
  gil_connection_start_events (f->connection, GIL_CONNECTION_SINCE_NOTHING);
  f->rooms = gil_room_list_new (f->connection);
  f->page = gil_registration_page_new (f->connection, f->rooms);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 760);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  gil_test_ui_wait (rooms_loaded, f, "the rooms");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gil_test_ui_spin (50);
  gil_connection_stop_events (f->connection);
  g_clear_object (&f->rooms);
  g_assert_finalize_object (f->connection);
  gil_test_manager_free (f->manager);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Expect;

static gboolean
label_is (gpointer data)
{
  Expect *e = data;

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (e->widget)), e->text) == 0;
}

static gboolean
text_is (gpointer data)
{
  Expect *e = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (e->widget)), e->text) == 0;
}

static gboolean
label_contains (gpointer data)
{
  Expect *e = data;

  return gtk_widget_get_visible (e->widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (e->widget)), e->text) != NULL;
}

static gboolean
row_title_contains (gpointer data)
{
  Expect *e = data;
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (e->widget));

  return title != NULL && strstr (title, e->text) != NULL;
}

static GtkWidget *
entry_row (Fixture *f,
           guint    nth)
{
  GtkWidget *row = gil_test_ui_find_type (f->page, ADW_TYPE_ENTRY_ROW, nth);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
combo_row (Fixture    *f,
           const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (f->page, ADW_TYPE_COMBO_ROW, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
}

/* The sex row's items after "Belum dipilih". */
#define SEX_FEMALE 1
#define SEX_MALE   2

/* The payer row's item for @payer, after "Belum dipilih". */
static guint
payer_index (const char *payer)
{
  const char * const *payers = gil_terms_payers ();

  for (guint i = 0; payers[i] != NULL; i++)
    if (g_strcmp0 (payers[i], payer) == 0)
      return i + 1;
  g_assert_not_reached ();
}

static GtkWidget *
label_with_class (GtkWidget  *root,
                  const char *css_class)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = gil_test_ui_find_type (root, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return NULL;
      if (gtk_widget_has_css_class (label, css_class))
        return label;
    }
}

static void
test_new_patient_and_register (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *form_error;
  GtkWidget *ticket;
  GtkWidget *patient_label;
  GtkWidget *suggestion;
  Expect e;

  /* The desk opens the form and types a patient with a wrong NIK. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 0)), "Baiq Nurul Aini");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 1)), "5271014507800000");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 2)), "05-07-1980");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row (f, "Jenis kelamin")), SEX_FEMALE);
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");

  /* It says what is wrong with the NIK, in Indonesian, at the NIK. */
  form_error = label_with_class (f->page, "field-error");
  e = (Expect) { form_error, "Nomor urut pada NIK" };
  gil_test_ui_wait (label_contains, &e, "the NIK error");
  g_assert_true (gtk_widget_has_css_class (entry_row (f, 1), "error"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-nik-error"));

  /* Corrected, it saves and the patient is chosen. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 1)), "5271014507800003");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  patient_label = gil_test_ui_find_label (f->page, "Tidak ada pasien dipilih");
  g_assert_nonnull (patient_label);
  e = (Expect) { patient_label, "Baiq Nurul Aini" };
  gil_test_ui_wait (label_is, &e, "the new patient to be chosen");

  /* The suggestion follows the fields: an adult woman, then pregnant. */
  suggestion = NULL;
  for (guint i = 0; suggestion == NULL; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (f->page, ADW_TYPE_ACTION_ROW, i);

      g_assert_nonnull (row);
      if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Ruang yang"))
        suggestion = row;
    }
  e = (Expect) { suggestion, "Ruang Usia Dewasa" };
  gil_test_ui_wait (row_title_contains, &e, "the adult room to be suggested");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (suggestion)), "Usia "));
  gtk_switch_set_active (GTK_SWITCH (gil_test_ui_find_type (f->page, GTK_TYPE_SWITCH, 0)), TRUE);
  e = (Expect) { suggestion, "Ruang Kesehatan Ibu" };
  gil_test_ui_wait (row_title_contains, &e, "the mothers' room to be suggested");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (suggestion)), ==,
                   "Hamil: Klaster 2, Ruang Kesehatan Ibu");

  /* Register (Ctrl+Enter): the ticket appears large. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row (f, "Cara bayar")), payer_index ("umum"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  ticket = label_with_class (f->page, "ticket-number");
  e = (Expect) { ticket, "A-001" };
  gil_test_ui_wait (label_is, &e, "the ticket");
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Ruang Kesehatan Ibu"));
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Tidak ada yang mendahului"));
  g_assert_cmpstr (gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (f->page)), ==, "A-001");
  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-ticket"));

  /* The manager has it, as registered. */
  {
    guint status = 0;
    g_autoptr(JsonNode) visit = gil_test_api_call (gil_test_manager_get_url (f->manager),
                                                   gil_test_manager_get_admin_token (f->manager),
                                                   "GET", "/api/v1/visits/1", NULL, NULL, &status);

    g_assert_cmpuint (status, ==, 200);
    g_assert_true (json_object_get_boolean_member (gil_test_api_object (visit), "pregnant"));
    g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "cluster"), ==, "k2");
  }
}

static gboolean
results_shown (gpointer data)
{
  GtkWidget *list = data;

  return gtk_widget_get_first_child (list) != NULL;
}

static void
test_returning_patient_by_keyboard (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_find_type (f->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *list = gil_test_ui_find_type (f->page, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *ticket;
  Expect e;
  guint status = 0;

  json_node_unref (gil_test_api_call (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager),
                                      "POST", "/api/v1/patients",
                                      "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\","
                                      "\"bpjs\":\"0001234567890\"}",
                                      NULL, &status));
  g_assert_cmpuint (status, ==, 201);

  /* Ctrl+F, type, Enter, Ctrl+Enter: no mouse. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.find", NULL));
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (f->window))));
  gtk_editable_set_text (GTK_EDITABLE (search), "lalu");
  gil_test_ui_wait (results_shown, list, "search results");
  g_signal_emit_by_name (search, "activate");
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));

  ticket = label_with_class (f->page, "ticket-number");
  e = (Expect) { ticket, "E-001" };
  gil_test_ui_wait (label_is, &e, "the elderly room's ticket");

  /* The desk is ready for the next patient. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
}

typedef struct
{
  GtkWindow *window;
  GtkWidget *widget;
} FocusExpect;

static gboolean
focus_within (gpointer data)
{
  FocusExpect *e = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (e->window));

  return focus != NULL && (focus == e->widget || gtk_widget_is_ancestor (focus, e->widget));
}

/* A field error on show, with its message. */
static gboolean
error_shown (gpointer data)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = gil_test_ui_find_class (data, "field-error", i);

      if (label == NULL)
        return FALSE;
      if (gtk_widget_get_mapped (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0')
        return TRUE;
    }
}

/* Waits until the keyboard focus is in @widget: where the clerk types
 * next. */
static void
wait_focus (Fixture    *f,
            GtkWidget  *widget,
            const char *what)
{
  FocusExpect e = { f->window, widget };
  g_autofree char *message = g_strdup_printf ("the keyboard focus on %s", what);

  gil_test_ui_wait (focus_within, &e, message);
}

/* A day at the desk with no mouse, every key a real key press: a
 * returning patient found and registered, the same patient once more
 * (refused), a new patient typed in and registered. After each, the
 * focus is where the next thing is typed and the desk's keys work. */
static void
test_keyboard_only (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_find_type (f->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *list = gil_test_ui_find_type (f->page, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *ticket = label_with_class (f->page, "ticket-number");
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");
  GtkWidget *purpose = NULL;
  Expect e;
  guint status = 0;

  if (!gil_test_ui_can_type ())
    {
      g_test_skip ("needs xdotool on an X display");
      return;
    }
  json_node_unref (gil_test_api_call (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager),
                                      "POST", "/api/v1/patients",
                                      "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\","
                                      "\"bpjs\":\"0001234567890\"}",
                                      NULL, &status));
  g_assert_cmpuint (status, ==, 201);
  for (guint i = 0; purpose == NULL; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (f->page, ADW_TYPE_COMBO_ROW, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Tujuan kunjungan") == 0)
        purpose = row;
    }

  /* Ctrl+F, the name, Enter, Ctrl+Enter. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+f l a l u");
  gil_test_ui_wait (results_shown, list, "search results");
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  wait_focus (f, purpose, "the purpose of the visit");
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  e = (Expect) { ticket, "E-001" };
  gil_test_ui_wait (label_is, &e, "the elderly room's ticket");
  wait_focus (f, search, "the search for the next patient");

  /* The same patient again, registered with Enter on "Register": the
   * manager refuses; the focus comes back to the button. */
  gil_test_ui_type (GTK_WIDGET (f->window), "l a l u");
  gil_test_ui_wait (results_shown, list, "search results");
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  wait_focus (f, purpose, "the purpose of the visit");
  g_assert_true (gtk_widget_grab_focus (register_button));
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  gil_test_ui_wait (error_shown, f->page, "the refusal");
  wait_focus (f, register_button, "“Register” after the refusal");

  /* A new patient: Ctrl+N, the name typed, Tab to the birth date, Enter
   * on "Save Patient", Ctrl+Enter. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  wait_focus (f, entry_row (f, 0), "the new patient's name");
  gil_test_ui_type (GTK_WIDGET (f->window), "S i t i space A m i n a h");
  /* xdotool has sent the keys; the app may not have read them all yet. */
  e = (Expect) { entry_row (f, 0), "Siti Aminah" };
  gil_test_ui_wait (text_is, &e, "the typed name");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 2)), "10-03-1990");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row (f, "Jenis kelamin")), SEX_FEMALE);
  g_assert_true (gtk_widget_grab_focus (gil_test_ui_find_button (f->page, "Simpan Pasien")));
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  wait_focus (f, purpose, "the new patient's purpose of the visit");
  g_assert_nonnull (gil_test_ui_find_label (f->page, "Siti Aminah"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row (f, "Cara bayar")), payer_index ("umum"));
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  e = (Expect) { ticket, "D-001" };
  gil_test_ui_wait (label_is, &e, "the adults' room's ticket");
  wait_focus (f, search, "the search for the next patient");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-keyboard"));

  /* With the focus nowhere, as GTK leaves it when the focused widget is
   * made insensitive or goes away, the desk's keys still work. */
  gtk_window_set_focus (f->window, NULL);
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  wait_focus (f, entry_row (f, 0), "the new patient's name, from nowhere");
}

/* Issue 17: a patient chosen, then the new-patient form opened and its
 * save refused; Ctrl+Enter must not give the chosen patient a ticket
 * meant for the one being typed in. While the form is open, Register
 * cannot be pressed. */
static void
test_register_blocked_while_form_open (Fixture       *f,
                                       gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_find_type (f->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *list = gil_test_ui_find_type (f->page, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");
  GtkWidget *patient_label = gil_test_ui_find_label (f->page, "Tidak ada pasien dipilih");
  g_autoptr(JsonNode) visit = NULL;
  Expect e;
  guint status = 0;

  if (!gil_test_ui_can_type ())
    {
      g_test_skip ("needs xdotool on an X display");
      return;
    }
  /* With a BPJS number, so nothing but the form stands in the way. */
  json_node_unref (gil_test_api_call (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager),
                                      "POST", "/api/v1/patients",
                                      "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\","
                                      "\"sex\":\"M\",\"bpjs\":\"0001234567890\"}",
                                      NULL, &status));
  g_assert_cmpuint (status, ==, 201);

  /* Patient A chosen. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+f l a l u");
  gil_test_ui_wait (results_shown, list, "search results");
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  e = (Expect) { patient_label, "Lalu Ahmad" };
  gil_test_ui_wait (label_is, &e, "Lalu Ahmad to be chosen");
  g_assert_true (gtk_widget_get_sensitive (register_button));

  /* The form opened (Ctrl+N), a new patient with a wrong NIK refused. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  wait_focus (f, entry_row (f, 0), "the new patient's name");
  g_assert_false (gtk_widget_is_sensitive (register_button));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 0)), "Baiq Nurul Aini");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 1)), "5271014507800000");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 2)), "05-07-1980");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo_row (f, "Jenis kelamin")), SEX_FEMALE);
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  gil_test_ui_wait (error_shown, f->page, "the NIK error");
  g_assert_true (gtk_widget_has_css_class (entry_row (f, 1), "error"));

  /* Ctrl+Enter, with the focus in the form: nobody is registered. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+KP_Enter");
  gil_test_ui_spin (500);
  visit = gil_test_api_call (gil_test_manager_get_url (f->manager),
                             gil_test_manager_get_admin_token (f->manager),
                             "GET", "/api/v1/visits/1", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_null (gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (f->page)));
  g_assert_false (gtk_widget_is_sensitive (register_button));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-form-open"));

  /* Cancelled, the form is gone and Register can be pressed again. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.cancel-patient", NULL));
  wait_focus (f, search, "the search");
  g_assert_true (gtk_widget_is_sensitive (register_button));
}

/* Issue 17: the sex of the last new patient carried over to the next.
 * Each new patient starts from an empty form, and one saved without a
 * sex is refused at the desk with a clear message. */
static void
test_new_patient_form_starts_empty (Fixture       *f,
                                    gconstpointer  data)
{
  GtkWidget *patient_label = gil_test_ui_find_label (f->page, "Tidak ada pasien dipilih");
  GtkWidget *sex;
  GtkWidget *form_error;
  g_autoptr(JsonNode) patient = NULL;
  Expect e;
  guint status = 0;

  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  sex = combo_row (f, "Jenis kelamin");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sex)), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 0)), "Siti Aminah");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 2)), "10-03-1990");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sex), SEX_FEMALE);
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  e = (Expect) { patient_label, "Siti Aminah" };
  gil_test_ui_wait (label_is, &e, "Siti Aminah to be chosen");

  /* The next new patient: nothing of Siti's is left. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sex)), ==, 0);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (f, i))), ==, "");

  /* Saved without a sex: refused here, and the manager has no one new. */
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 0)), "Lalu Zainal");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (f, 2)), "01-06-2024");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  form_error = label_with_class (f->page, "field-error");
  e = (Expect) { form_error, "Pilih jenis kelamin" };
  gil_test_ui_wait (label_contains, &e, "the sex error");
  g_assert_true (gtk_widget_has_css_class (sex, "error"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-sex-unset"));
  patient = gil_test_api_call (gil_test_manager_get_url (f->manager),
                               gil_test_manager_get_admin_token (f->manager),
                               "GET", "/api/v1/patients?q=zainal", NULL, NULL, &status);
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
  GtkWidget *search = gil_test_ui_find_type (f->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *list = gil_test_ui_find_type (f->page, GTK_TYPE_LIST_BOX, 0);
  GtkWidget *patient_label = gil_test_ui_find_label (f->page, "Tidak ada pasien dipilih");
  GtkWidget *payer = combo_row (f, "Cara bayar");
  GtkWidget *ticket = label_with_class (f->page, "ticket-number");
  GtkWidget *register_error = NULL;
  g_autoptr(JsonNode) visit = NULL;
  Expect e;
  guint status = 0;

  json_node_unref (gil_test_api_call (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager),
                                      "POST", "/api/v1/patients",
                                      "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\"}",
                                      NULL, &status));
  g_assert_cmpuint (status, ==, 201);
  json_node_unref (gil_test_api_call (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager),
                                      "POST", "/api/v1/patients",
                                      "{\"name\":\"Baiq Rina\",\"birth_date\":\"1985-02-02\",\"sex\":\"F\","
                                      "\"bpjs\":\"0001234567890\"}",
                                      NULL, &status));
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);

  /* No BPJS number: nothing chosen; Register asks, nobody registered. */
  gtk_editable_set_text (GTK_EDITABLE (search), "lalu");
  gil_test_ui_wait (results_shown, list, "search results");
  g_signal_emit_by_name (search, "activate");
  e = (Expect) { patient_label, "Lalu Ahmad" };
  gil_test_ui_wait (label_is, &e, "Lalu Ahmad to be chosen");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  for (guint i = 0; register_error == NULL; i++)
    {
      GtkWidget *label = gil_test_ui_find_class (f->page, "field-error", i);

      g_assert_nonnull (label);
      if (gtk_widget_get_visible (label))
        register_error = label;
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (register_error)), ==, "Pilih cara bayar.");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-payer-not-chosen"));
  visit = gil_test_api_call (gil_test_manager_get_url (f->manager),
                             gil_test_manager_get_admin_token (f->manager),
                             "GET", "/api/v1/visits/1", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 404);

  /* Chosen, it registers with that payer. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (payer), payer_index ("umum"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  e = (Expect) { ticket, "E-001" };
  gil_test_ui_wait (label_is, &e, "the elderly room's ticket");
  g_clear_pointer (&visit, json_node_unref);
  visit = gil_test_api_call (gil_test_manager_get_url (f->manager),
                             gil_test_manager_get_admin_token (f->manager),
                             "GET", "/api/v1/visits/1", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "payer"), ==, "umum");

  /* The desk ready for the next: nothing chosen again; a patient with a
   * BPJS number starts at BPJS. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "rina");
  gil_test_ui_wait (results_shown, list, "search results");
  g_signal_emit_by_name (search, "activate");
  e = (Expect) { patient_label, "Baiq Rina" };
  gil_test_ui_wait (label_is, &e, "Baiq Rina to be chosen");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, payer_index ("bpjs"));
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *search = gil_test_ui_find_type (f->page, GTK_TYPE_SEARCH_ENTRY, 0);
  GtkWidget *register_button = gil_test_ui_find_button (f->page, "Daftarkan");

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Cari pasien");
  g_assert_nonnull (register_button);
  g_assert_nonnull (gil_test_ui_find_button (f->page, "Pasien Baru"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_find_type (f->page, GTK_TYPE_SWITCH, 0)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Hamil");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_find_type (f->page, GTK_TYPE_CHECK_BUTTON, 2)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Batuk 2 minggu atau lebih");
}

static void
test_new_destroy (void)
{
  GilConnection *connection = gil_connection_new ("http://127.0.0.1:1", "x");
  GilRoomList *rooms = gil_room_list_new (connection);
  GtkWidget *page = gil_registration_page_new (connection, rooms);

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
  /* The room list's first request is still under way, holding it. */
  g_object_unref (rooms);
  g_object_unref (connection);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-registration/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/giliran/ui-registration/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("new-patient-and-register", test_new_patient_and_register);
  ADD ("returning-patient-by-keyboard", test_returning_patient_by_keyboard);
  ADD ("accessible-names", test_accessible_names);
  ADD ("keyboard-only", test_keyboard_only);
  ADD ("register-blocked-while-form-open", test_register_blocked_while_form_open);
  ADD ("new-patient-form-starts-empty", test_new_patient_form_starts_empty);
  ADD ("payer-not-chosen", test_payer_not_chosen);
#undef ADD

  return g_test_run ();
}
