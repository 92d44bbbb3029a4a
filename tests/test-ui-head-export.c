/* test-ui-head-export.c — the head page's month saved and printed, under
 * Xvfb against a real manager
 *
 * This month's visits (two men, a girl, one cancelled) shown in the head
 * page's month view; "Save as Excel…" and "Save as CSV…" go through the
 * real file dialog (GTK's own, as no portal runs here), the CSV with the
 * semicolon chosen in it; what was written is read back and checked
 * against the manager's month report. The month's print operation is
 * exported to PDF, as the print dialog's "Print to File" does. A day
 * shown has no spreadsheet yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gil-head-page.h"
#include "gil-report-export.h"
#include "gil-room-list.h"
#include "gil-test-api.h"
#include "gil-test-files.h"
#include "gil-test-head.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define ROOMS 10

typedef struct
{
  GilTestHead       head;
  GilTestUiStation  ui;
  char             *month;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_head_set_up (&f->head);
  f->month = g_strndup (f->head.today, 7);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_station_close (&f->ui);
  g_free (f->month);
  gil_test_head_tear_down (&f->head);
}

static void
open_page (Fixture *f)
{
  gil_test_head_open (&f->ui, f->head.url, f->head.token, ROOMS, 1024);
}

/* This month: two men at the adults' room (one served), a girl at the
 * children's, and a visit cancelled. */
static void
build_month (Fixture *f)
{
  g_autofree char *adult = gil_test_api_years_ago (40);
  g_autofree char *older = gil_test_api_years_ago (45);
  g_autofree char *cancelled_born = gil_test_api_years_ago (30);
  g_autoptr(JsonNode) first = gil_test_api_register (f->head.url, f->head.admin, "Lalu Ahmad", adult, NULL);
  g_autoptr(JsonNode) second = gil_test_api_register (f->head.url, f->head.admin, "Made Wirawan", older, NULL);
  g_autoptr(JsonNode) cancelled = gil_test_api_register (f->head.url, f->head.admin, "Salah Daftar", cancelled_born, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/cancel",
                                           json_object_get_int_member (gil_test_api_object (cancelled), "id"));
  g_autoptr(JsonObject) stop = NULL;

  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", path, "{\"reason\":\"salah daftar\"}", NULL, 200));
  stop = gil_test_api_call_next (f->head.url, f->head.admin, "K3-DEWASA");
  gil_test_api_stop_action (f->head.url, f->head.admin, json_object_get_int_member (stop, "id"), "start");
  gil_test_api_stop_action (f->head.url, f->head.admin, json_object_get_int_member (stop, "id"), "finish");
}

/* The button labelled @label (mnemonic and all) in @root. */
static GtkWidget *
button (GtkWidget  *root,
        const char *label)
{
  g_autoptr(GString) plain = g_string_new (label);
  GtkWidget *found;

  g_string_replace (plain, "_", "", 0);
  found = gil_test_ui_find_button (root, plain->str);
  if (found == NULL)
    g_error ("no button “%s”", plain->str);
  return found;
}

static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

typedef struct
{
  GtkWidget  *dialog;
  const char *path;
} Chosen;

static gboolean
dialog_chose (gpointer data)
{
  Chosen *chosen = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chosen->dialog));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  return g_strcmp0 (path, chosen->path) == 0;
}

/* Runs the page's @action, and saves in the file dialog it opens as
 * @name in @dir, with the dialog's @choice set to its @option'th (if
 * any). */
static char *
save_through_dialog (Fixture    *f,
                     const char *action,
                     const char *dir,
                     const char *name,
                     const char *expected_name,
                     const char *choice,
                     guint       option)
{
  char *path = g_build_filename (dir, name, NULL);
  GtkWidget *dialog;
  g_autofree char *suggested = NULL;
  Chosen chosen;

  g_assert_true (gtk_widget_activate_action (f->ui.page, action, NULL));
  gil_test_ui_wait (chooser_shown, NULL, "the file dialog");
  dialog = find_chooser ();
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (suggested, ==, expected_name);
  if (choice != NULL)
    {
      /* The choice as a person makes it: its list in the dialog. */
      GtkDropDown *list = GTK_DROP_DOWN (gil_test_ui_find_type (dialog, GTK_TYPE_DROP_DOWN, 0));

      g_assert_nonnull (list);
      gtk_drop_down_set_selected (list, option);
      gil_test_ui_spin (50);
      g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), choice), ==, "semicolon");
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  /* The dialog opens in the current folder: @dir (test_month_export). */
  chosen.dialog = dialog;
  chosen.path = path;
  gil_test_ui_wait (dialog_chose, &chosen, "the file dialog in its folder");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  gil_test_ui_wait (file_written, path, "the file saved");
  gil_test_ui_spin (100);
  return path;
}

static void
test_month_export (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("giliran-head-export-XXXXXX", NULL);
  g_autofree char *xlsx_name = g_strdup_printf ("laporan-bulanan-%s.xlsx", f->month);
  g_autofree char *csv_name = g_strdup_printf ("laporan-bulanan-%s.csv", f->month);
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", f->month);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *totals;
  g_autofree char *xlsx = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row = NULL;
  g_autofree char *visits = NULL;

  /* GTK's own file dialog opens in the current folder. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  build_month (f);
  json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  totals = json_object_get_object_member (gil_test_api_object (json), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 3);
  open_page (f);

  /* A day: saved as the manager's CSV, printed, or as a spreadsheet of
   * its period report (the same three visits, all today). */
  g_assert_true (gtk_widget_is_sensitive (button (f->ui.page, _("Save as _CSV…"))));
  g_assert_true (gtk_widget_is_sensitive (button (f->ui.page, _("Save as _Excel…"))));
  {
    g_autofree char *today = gil_test_api_health_day (f->head.url);
    g_autofree char *day_name = g_strdup_printf ("laporan-%s.xlsx", today);
    g_autofree char *day_xlsx = save_through_dialog (f, "head.export-xlsx", dir, "hari.xlsx", day_name, NULL, 0);
    g_autofree char *day_sheet = gil_test_zip_part (day_xlsx, "xl/worksheets/sheet1.xml");
    g_autofree char *day_visits = g_strdup_printf ("<c r=\"B4\"><v>%" G_GINT64_FORMAT "</v></c>",
                                                   json_object_get_int_member (totals, "visits"));

    g_assert_nonnull (strstr (day_sheet, day_visits));
    g_unlink (day_xlsx);
  }

  {
    GtkMenuButton *menu = GTK_MENU_BUTTON (gil_test_ui_find_type (f->ui.page, GTK_TYPE_MENU_BUTTON, 0));

    g_signal_emit_by_name (button (GTK_WIDGET (gtk_menu_button_get_popover (menu)), _("This _Month")), "clicked");
  }
  gil_test_head_wait_loaded (f->ui.page);
  g_assert_true (gtk_widget_is_sensitive (button (f->ui.page, _("Save as _Excel…"))));
  g_assert_true (gtk_widget_is_sensitive (button (f->ui.page, _("Save as _CSV…"))));
  g_assert_true (gtk_widget_is_sensitive (button (f->ui.page, _("_Print…"))));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "head-export-month-1024x768"));

  /* Excel: the month's sheets, the figures as numbers. */
  xlsx = save_through_dialog (f, "head.export-xlsx", dir, "bulan.xlsx", xlsx_name, NULL, 0);
  workbook = gil_test_zip_part (xlsx, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Ringkasan\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Klaster × Umur × Jenis Kelamin\""));
  sheet = gil_test_zip_part (xlsx, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  visits = g_strdup_printf ("<c r=\"B4\"><v>%" G_GINT64_FORMAT "</v></c>", json_object_get_int_member (totals, "visits"));
  g_assert_nonnull (strstr (sheet, visits));
  g_assert_nonnull (strstr (sheet, "<c r=\"B9\"><v>1</v></c>"));   /* dibatalkan */

  /* CSV, the semicolon chosen in the file dialog. */
  csv = save_through_dialog (f, "head.export-csv", dir, "bulan.csv", csv_name, "separator", 1);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "dari;sampai;tabel;baris;nama;kolom;nilai\r\n"));
  row = g_strdup_printf (";ringkasan;kunjungan;Kunjungan;nilai;%" G_GINT64_FORMAT "\r\n",
                         json_object_get_int_member (totals, "visits"));
  g_assert_nonnull (strstr (text, row));
  g_assert_nonnull (strstr (text, ";per_klaster;k3;Klaster 3: Usia Dewasa dan Lansia;terlayani;1\r\n"));

  g_unlink (xlsx);
  g_unlink (csv);
  g_assert_cmpint (g_chdir (g_get_tmp_dir ()), ==, 0);
  g_rmdir (dir);
}

static gboolean
profile_loaded (gpointer data)
{
  Fixture *f = data;
  GilProfile *profile = gil_connection_get_profile (f->ui.connection);

  return gil_profile_get_loaded (profile) &&
         g_strcmp0 (gil_profile_get_name (profile), "Puskesmas Karang Taliwang") == 0;
}

/* The month's print operation, exported as the print dialog's "Print to
 * File" would: the month's sections. */
static void
test_month_print (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", f->month);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  const char *dir_out = g_getenv ("GILIRAN_SCREENSHOT_DIR");
  g_autofree char *prefix = g_build_filename (dir_out != NULL ? dir_out : g_get_tmp_dir (), "head-print-month", NULL);
  int fd;

  build_month (f);
  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"Puskesmas Karang Taliwang\"}", NULL, 200));
  open_page (f);
  gil_test_ui_wait (profile_loaded, f, "the profile");
  json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  report = gil_monthly_report_new_from_json (json, &error);
  g_assert_no_error (error);
  fd = g_file_open_tmp ("giliran-month-XXXXXX.pdf", &pdf, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  operation = gil_report_export_new_operation (gil_report_tables_new_month (gil_connection_get_profile (f->ui.connection), report), 60);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  text = gil_test_run_tool ((const char * const[]) { "pdftotext", "-layout", pdf, "-", NULL });
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Laporan Bulanan"));
  g_assert_nonnull (strstr (text, "Puskesmas Karang Taliwang"));
  g_assert_nonnull (strstr (text, "Per Klaster"));
  g_assert_true (g_regex_match_simple ("Kunjungan +3\\b", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Dibatalkan +1\\b", text, 0, 0));
  g_free (gil_test_run_tool ((const char * const[]) { "pdftoppm", "-png", "-r", "60", "-l", "1", pdf, prefix, NULL }));
  g_unlink (pdf);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add ("/giliran/ui-head-export/month", Fixture, NULL, fixture_set_up, test_month_export, fixture_tear_down);
  g_test_add ("/giliran/ui-head-export/print", Fixture, NULL, fixture_set_up, test_month_print, fixture_tear_down);
  return g_test_run ();
}
