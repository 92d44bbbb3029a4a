/* test-ui-desk.c — the registration desk's safety under Xvfb, against a
 * real manager (issue 17): the NIK filling the birth date and sex, the
 * manager's warning kept until acknowledged, pregnancy care that does not
 * fit the patient confirmed, the payer marked only after Register, and
 * registrasi menyusul (a UGD ticket for an unidentified patient, merged
 * or completed later); how each of the day's visits ended, in the list;
 * keys pressed for real where the clerk types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-registration-page.h"
#include "gil-test-api.h"
#include "gil-test-desk.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"
#include "gil-warning-bar.h"

typedef GilTestDesk Fixture;
typedef GilTestExpect Expect;



static gboolean
combo_is (gpointer data)
{
  Expect *e = data;

  return adw_combo_row_get_selected (ADW_COMBO_ROW (e->widget)) == GPOINTER_TO_UINT (e->text);
}

/* The note under the new-patient form's fields. */
static GtkWidget *
form_note (Fixture *f)
{
  return gil_test_ui_get_named (f->page, "nik_note");
}

static gboolean
warning_gone (gpointer data)
{
  return gil_warning_bar_get_text (data) == NULL;
}

static void
type_digits (Fixture    *f,
             const char *digits)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (const char *p = digits; *p != '\0'; p++)
    g_string_append_printf (keys, "%s%c", keys->len > 0 ? " " : "", *p);
  gil_test_ui_type (GTK_WIDGET (f->window), keys->str);
}

/* The NIK typed in fills the birth date and sex at once, the clerk still
 * able to change them; a clerk's own different entries are kept and
 * called out; a NIK that cannot be right says why before saving. */
static void
test_nik_autofill (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *sex = gil_test_ui_get_named (f->page, "sex_row");
  GtkWidget *note;
  Expect e;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "name_row"), "the new patient's name");
  note = form_note (f);
  gil_test_ui_type (GTK_WIDGET (f->window), "Tab");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "nik_row"), "the NIK");
  type_digits (f, "5271014507800003");
  e = (Expect) { gil_test_ui_get_named (f->page, "birth_row"), "05-07-1980" };
  gil_test_ui_wait (gil_test_expect_text, &e, "the birth date from the NIK");
  e = (Expect) { sex, GUINT_TO_POINTER (GIL_TEST_DESK_SEX_FEMALE) };
  gil_test_ui_wait (combo_is, &e, "the sex from the NIK");
  e = (Expect) { note, "diisi dari NIK" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the note that they were filled in");
  g_assert_true (gtk_widget_is_sensitive (gil_test_ui_get_named (f->page, "birth_row")));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-nik-autofill"));

  /* A wrong serial: said at once, at the NIK. */
  gil_test_ui_type (GTK_WIDGET (f->window), "BackSpace 0");
  e = (Expect) { note, "Nomor urut pada NIK" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the NIK error as it is typed");
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->page, "nik_row"), "error"));

  /* Another patient, whose birth date and sex the clerk typed first:
   * kept, and the difference called out. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.cancel-patient", NULL));
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+n");
  gil_test_desk_wait_focus (f, gil_test_ui_get_named (f->page, "name_row"), "the next new patient's name");
  g_assert_false (gtk_widget_get_visible (note));
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), "01-01-1990");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sex), GIL_TEST_DESK_SEX_MALE);
  g_assert_true (gtk_widget_grab_focus (gil_test_ui_get_named (f->page, "nik_row")));
  type_digits (f, "5271014507800003");
  e = (Expect) { note, "Menurut NIK, lahir 05-07-1980, perempuan" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the warning that the NIK disagrees");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row"))), ==, "01-01-1990");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sex)), ==, GIL_TEST_DESK_SEX_MALE);
  g_assert_false (gtk_widget_has_css_class (gil_test_ui_get_named (f->page, "nik_row"), "error"));
}

/* The manager's warning about a patient just saved stays until the
 * clerk presses "Mengerti"; nobody is registered while it is shown. */
static void
test_warning_kept (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *understood;
  GtkWidget *bar;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  /* A NIK of a woman born 05-07-1980, for a man born 1981. */
  g_assert_true (gtk_widget_activate_action (f->page, "registration.new-patient", NULL));
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "name_row")), "Lalu Zainal");
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "birth_row")), "05-07-1981");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "sex_row")), GIL_TEST_DESK_SEX_MALE);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (f->page, "nik_row")), "5271014507800003");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Simpan Pasien"), "clicked");
  gil_test_ui_wait_label (f->page, "patient_label", "Lalu Zainal");

  understood = gil_test_ui_find_button (f->page, "Mengerti");
  g_assert_nonnull (understood);
  bar = gtk_widget_get_ancestor (understood, GIL_TYPE_WARNING_BAR);
  g_assert_true (gtk_widget_get_visible (bar));
  gil_test_ui_spin (500);
  g_assert_true (gtk_widget_get_visible (bar));
  g_assert_true (strstr (gil_warning_bar_get_text (GIL_WARNING_BAR (bar)), "Lalu Zainal: ") != NULL);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-warning-kept"));

  /* Ctrl+Enter: refused, the focus on "Mengerti". */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "payer_row")), gil_test_desk_payer_index ("umum"));
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait (gil_test_desk_error_shown, f->page, "the refusal");
  gil_test_desk_wait_focus (f, understood, "“Mengerti”");
  gil_test_ui_spin (300);
  g_assert_null (gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (f->page)));

  /* Enter on "Mengerti", then Ctrl+Enter registers. */
  gil_test_ui_type (GTK_WIDGET (f->window), "Return");
  gil_test_ui_wait (warning_gone, bar, "the warning to be acknowledged");
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait_label (f->page, "ticket_label", "D-001");
}

/* Pregnancy care for a man is registered only once the clerk, told
 * why it looks wrong, confirms. */
static void
test_implausible_pregnancy (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) visit = NULL;
  GtkWidget *dialog;
  guint status = 0;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  gil_test_desk_add_patient (f, "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1990-01-01\",\"sex\":\"M\"}");
  gil_test_desk_choose (f, "lalu", "Lalu Ahmad");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "purpose_row")), gil_test_desk_purpose_index ("anc"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->page, "payer_row")), gil_test_desk_payer_index ("umum"));

  /* Ctrl+Enter: the manager refuses; the desk asks. Escape: nothing. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the question");
  dialog = gil_test_ui_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Periksa Data Pasien");
  g_assert_true (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "laki-laki") != NULL);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-implausible"));
  gil_test_ui_type (dialog, "Escape");
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the question to close");
  gil_test_ui_spin (300);
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpuint (status, ==, 404);

  /* Again, confirmed: registered. */
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+Return");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the question again");
  gil_test_ui_press_button (gil_test_ui_find_dialog (), "Tetap Daftarkan", GIL_TEST_UI_PRESS_KEYBOARD);
  gil_test_ui_wait_label (f->page, "ticket_label", "A-001");
}

/* Before the clerk tries to register, an unchosen payer is not an
 * error: red only after Register, and no longer once chosen. */
static void
test_payer_red_after_register (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *payer = gil_test_ui_get_named (f->page, "payer_row");

  gil_test_desk_add_patient (f, "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\"}");
  gil_test_desk_add_patient (f, "{\"name\":\"Baiq Rina\",\"birth_date\":\"1985-02-02\",\"sex\":\"F\"}");
  g_assert_false (gtk_widget_has_css_class (payer, "error"));
  gil_test_desk_choose (f, "lalu", "Lalu Ahmad");
  g_assert_false (gtk_widget_has_css_class (payer, "error"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  g_assert_true (gtk_widget_has_css_class (payer, "error"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (payer), gil_test_desk_payer_index ("umum"));
  g_assert_false (gtk_widget_has_css_class (payer, "error"));

  /* Red again, then another patient chosen: not red for them. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (payer), 0);
  g_assert_true (gtk_widget_activate_action (f->page, "registration.register", NULL));
  g_assert_true (gtk_widget_has_css_class (payer, "error"));
  gil_test_desk_choose (f, "rina", "Baiq Rina");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (payer)), ==, 0);
  g_assert_false (gtk_widget_has_css_class (payer, "error"));
}

/* Registrasi menyusul: Ctrl+U, the sex, Enter: a UGD ticket at once.
 * Later the patient is known and has a record: merged into it, which
 * keeps the visit. */
static void
test_unidentified_merge (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) visit = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  gint64 ahmad;
  guint status = 0;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  gil_test_ui_type (GTK_WIDGET (f->window), "ctrl+f ctrl+u");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the unidentified patient's dialog");
  dialog = gil_test_ui_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Pasien Gawat Darurat Tanpa Identitas");
  /* Nothing happens before the sex is chosen. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ticket"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gil_test_ui_get_named (dialog, "sex")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gil_test_ui_get_named (dialog, "approx_age_years")), 45);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-unidentified"));
  gil_test_ui_press_button (dialog, "Beri Nomor UGD", GIL_TEST_UI_PRESS_KEYBOARD);
  gil_test_ui_wait_label (f->page, "ticket_label", "G-001");
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "priority"), ==, "emergency");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (visit), "patient"),
                                                  "name"), ==, "Tanpa identitas 1");

  /* Known now: Lalu Ahmad, who has a record. */
  ahmad = gil_test_desk_add_patient (f, "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1981-01-01\",\"sex\":\"M\"}");
  gil_test_desk_choose (f, "tanpa", "Tanpa identitas 1");
  g_assert_true (gtk_widget_is_visible (gil_test_ui_find_label (f->page, "Terdaftar tanpa identitas.")));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-unidentified-chosen"));
  g_assert_true (gtk_widget_activate_action (f->page, "registration.merge-patient", NULL));
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the merge dialog");
  dialog = gil_test_ui_find_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge"));
  gil_test_ui_type (dialog, "l a l u");
  list = gil_test_ui_get_named (dialog, "results");
  gil_test_ui_wait (gil_test_ui_list_filled, list, "the patient's own record");
  gtk_list_box_select_row (GTK_LIST_BOX (list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-merge"));
  gil_test_ui_press_button (dialog, "Gabungkan", GIL_TEST_UI_PRESS_KEYBOARD);
  gil_test_ui_wait_label (f->page, "patient_label", "Lalu Ahmad");
  g_assert_false (gtk_widget_is_visible (gil_test_ui_find_label (f->page, "Terdaftar tanpa identitas.")));

  /* The visit is his. */
  g_clear_pointer (&visit, json_node_unref);
  visit = gil_test_desk_get (f, "/api/v1/visits/1", &status);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (visit), "patient"),
                                               "id"), ==, ahmad);
}

/* The record completed with the real identity, the NIK filling in the
 * birth date. */
static void
test_unidentified_complete (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *dialog;
  GtkWidget *label;
  Expect e;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  gil_test_desk_add_patient (f, "{\"unidentified\":true,\"sex\":\"F\",\"approx_age_years\":40}");
  gil_test_desk_choose (f, "tanpa", "Tanpa identitas 1");
  label = gil_test_ui_get_named (f->page, "patient_label");
  g_signal_emit_by_name (gil_test_ui_find_button (f->page, "Lengkapi Identitas"), "clicked");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the identity dialog");
  dialog = gil_test_ui_find_dialog ();
  /* A NIK that cannot be right cannot be saved, whatever else is
   * filled in. */
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (dialog, "birth_date")), "05-07-1980");
  gil_test_ui_type (dialog, "B a i q Tab 5 2 7 1 0 1 4 5 0 7 8 0 0 0 0 0");
  e = (Expect) { gil_test_ui_get_named (dialog, "nik"), "5271014507800000" };
  gil_test_ui_wait (gil_test_expect_text, &e, "the NIK typed");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gil_test_ui_type (dialog, "BackSpace 3");
  e = (Expect) { gil_test_ui_get_named (dialog, "birth_date"), "05-07-1980" };
  gil_test_ui_wait (gil_test_expect_text, &e, "the birth date from the NIK");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "registration-complete-identity"));
  gil_test_ui_press_button (dialog, "Simpan", GIL_TEST_UI_PRESS_KEYBOARD);
  e = (Expect) { label, "Baiq" };
  gil_test_ui_wait (gil_test_expect_label, &e, "Baiq to be chosen");
  g_assert_false (gtk_widget_is_visible (gil_test_ui_find_label (f->page, "Terdaftar tanpa identitas.")));
}

/* ── how the day's visits ended ────────────────────────────────────── */

/* The subtitle of the row of the day's visit titled @title, or NULL
 * while there is none. */
static const char *
visit_subtitle (Fixture    *f,
                const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (f->page, ADW_TYPE_EXPANDER_ROW, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
    }
}

typedef struct
{
  Fixture    *f;
  const char *title;
  const char *subtitle;
} RowExpect;

static gboolean
subtitle_is (gpointer data)
{
  RowExpect *e = data;

  return g_strcmp0 (visit_subtitle (e->f, e->title), e->subtitle) == 0;
}

/* The room finished three visits, each ending its own way: the desk's
 * list says how, where to for a referral; one still waiting says so. */
static void
test_visit_outcomes (Fixture       *f,
                     gconstpointer  data)
{
  const char *url = gil_test_manager_get_url (f->manager);
  const char *token = gil_test_manager_get_admin_token (f->manager);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *birth = g_strdup_printf ("%04d-01-15", g_date_time_get_year (now) - 30);
  static const struct
  {
    const char *name;
    const char *body;
    const char *subtitle;
  } visits[] = {
    { "Lalu Ahmad", "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}",
      "Ruang Usia Dewasa · Dirujuk ke RSUD Kota Mataram" },
    { "Amaq Rusni", "{\"outcome\":\"died\"}", "Ruang Usia Dewasa · Meninggal" },
    { "Baiq Mardiana", "{\"outcome\":\"home\"}", "Ruang Usia Dewasa · Pulang" },
    { "Made Wirawan", NULL, "Ruang Usia Dewasa · Selesai" },
    { "Komang Sari", NULL, "Ruang Usia Dewasa · Menunggu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    json_node_unref (gil_test_api_register (url, token, visits[i].name, birth, NULL));
  for (guint i = 0; i + 1 < G_N_ELEMENTS (visits); i++)
    {
      g_autoptr(JsonObject) stop = gil_test_api_call_next (url, token, "K3-DEWASA");
      gint64 id = json_object_get_int_member (stop, "id");
      g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", id);

      gil_test_api_stop_action (url, token, id, "start");
      json_node_unref (gil_test_api_expect (url, token, "POST", path, visits[i].body, NULL, 200));
    }

  gtk_widget_activate (gil_test_ui_find_button (f->page, "Kunjungan Hari Ini"));
  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    {
      g_autofree char *title = g_strdup_printf ("D-%03u · %s", i + 1, visits[i].name);
      RowExpect e = { f, title, visits[i].subtitle };

      gil_test_ui_wait (subtitle_is, &e, visits[i].subtitle);
    }
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "registration-visit-outcomes"));
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/ui-desk/" path, Fixture, NULL, gil_test_desk_set_up, func, gil_test_desk_tear_down)
  ADD ("nik-autofill", test_nik_autofill);
  ADD ("warning-kept", test_warning_kept);
  ADD ("implausible-pregnancy", test_implausible_pregnancy);
  ADD ("payer-red-after-register", test_payer_red_after_register);
  ADD ("unidentified-merge", test_unidentified_merge);
  ADD ("unidentified-complete", test_unidentified_complete);
  ADD ("visit-outcomes", test_visit_outcomes);
#undef ADD

  return g_test_run ();
}
