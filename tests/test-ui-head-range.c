/* test-ui-head-range.c — the head page's free date range under Xvfb,
 * against a real manager whose chosen age bands are Permenkes 25/2014's
 *
 * "Date Range…" in the date menu opens a dialog of two date fields: a
 * range typed there and taken with Enter shows the manager's report of
 * those days as a month is shown (big figures, the table of clusters and
 * rooms, the cluster × age band × sex table in the manager's bands);
 * a range the manager would refuse says why in the dialog, cannot be
 * taken, and loads nothing; Escape closes the dialog and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "gil-date-field.h"
#include "gil-head-page.h"
#include "gil-report-labels.h"
#include "gil-room-list.h"
#include "gil-test-api.h"
#include "gil-test-head.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define ROOMS 10

typedef struct
{
  GilTestHead       head;
  GilTestUiStation  ui;
} Fixture;

static char *
shift (const char *date,
       int         days)
{
  return gil_report_shift_date (date, days);
}

/* The manager's age bands are the Permenkes set, chosen in its settings
 * (written while it is stopped). */
static void
choose_permenkes (Fixture *f)
{
  sqlite3 *db = NULL;

  gil_test_manager_kill (f->head.manager, SIGTERM);
  g_assert_cmpint (sqlite3_open (gil_test_manager_get_database (f->head.manager), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO settings (key, value) VALUES ('age_bands', 'permenkes')"
                                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  gil_test_manager_restart (f->head.manager);
  f->head.url = gil_test_manager_get_url (f->head.manager);
}

static void
visit (Fixture    *f,
       const char *name,
       const char *birth_date,
       const char *sex)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                           name, birth_date, sex);
  g_autoptr(JsonNode) patient = gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/patients", body, NULL, 201);
  g_autofree char *visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                                 "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\"}",
                                                 json_object_get_int_member (gil_test_api_object (patient), "id"));

  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/visits", visit_body, NULL, 201));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *newborn = NULL;
  g_autofree char *preschool = NULL;

  gil_test_head_set_up (&f->head);
  choose_permenkes (f);

  /* A neonate, a child of five and a half, two adults and an elder. */
  newborn = shift (f->head.today, -10);
  preschool = shift (f->head.today, -(5 * 365 + 180));
  visit (f, "Bayi Lombok", newborn, "F");
  visit (f, "Anak Prasekolah", preschool, "M");
  visit (f, "Lalu Ahmad", "1985-03-02", "M");
  visit (f, "Baiq Nur", "1990-05-01", "F");
  visit (f, "Inaq Sahnun", "1950-01-01", "F");

  gil_test_head_open (&f->ui, f->head.url, f->head.token, ROOMS, 1366);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *dialog = gil_test_ui_find_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gil_test_ui_station_close (&f->ui);
  gil_test_head_tear_down (&f->head);
}

/* ── the page ──────────────────────────────────────────────────────── */

static char *
count_text (JsonObject *object,
            const char *member)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, member));
}

/* The page shows the manager's report of @from to @to, in its bands. */
static void
assert_range_shown (Fixture    *f,
                    const char *from,
                    const char *to)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/monthly?from=%s&to=%s", from, to);
  g_autoptr(JsonNode) json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  JsonObject *report = gil_test_api_object (json);
  JsonObject *totals = json_object_get_object_member (report, "totals");
  JsonArray *rows = json_object_get_array_member (report, "by_cluster_age_sex");
  GtkGrid *grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "month-age-sex"));
  g_autofree char *period = gil_report_format_period (from, to);
  g_autofree char *title = g_strdup_printf (_("Report for a date range: %s"), period);
  g_autofree char *visits = count_text (totals, "visits");
  g_autofree char *returning = count_text (totals, "returning");

  g_assert_cmpstr (json_object_get_string_member (report, "age_bands"), ==, "permenkes");
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, title));
  g_assert_true (gtk_widget_is_visible (gil_test_ui_find_named (f->ui.page, "month-card")));
  g_assert_cmpstr (gil_test_head_stat_value (f->ui.page, "visits"), ==, visits);
  g_assert_cmpstr (gil_test_head_stat_value (f->ui.page, "returning-visits"), ==, returning);

  /* 2 clusters × the Permenkes set's 7 bands. */
  g_assert_cmpuint (json_array_get_length (rows), ==, 14);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *women = count_text (row, "F");
      g_autofree char *men = count_text (row, "M");

      g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, 1, 2 + i)), ==,
                       gil_report_age_group_label (json_object_get_string_member (row, "age_group")));
      g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, gil_test_head_column_of (grid, gil_report_sex_label ("F")), 2 + i)),
                       ==, women);
      g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, gil_test_head_column_of (grid, gil_report_sex_label ("M")), 2 + i)),
                       ==, men);
    }
  /* The neonate: cluster 2's first row, in Indonesian. */
  g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, 1, 2)), ==, "Neonatus (0–28 hari)");
  g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, gil_test_head_column_of (grid, gil_report_sex_label ("F")), 2)),
                   ==, "1");
  g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, 1, 2 + 3)), ==, "Anak prasekolah (60–72 bulan)");
  g_assert_cmpstr (gil_test_head_label_text (gtk_grid_get_child_at (grid, gil_test_head_column_of (grid, gil_report_sex_label ("M")), 2 + 3)),
                   ==, "1");
}

/* ── the dialog ────────────────────────────────────────────────────── */

static GtkWidget *
open_dialog (Fixture    *f,
             const char *menu_shot)
{
  GtkMenuButton *menu = GTK_MENU_BUTTON (gil_test_ui_find_type (f->ui.page, GTK_TYPE_MENU_BUTTON, 0));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  GtkWidget *button = gil_test_ui_find_named (popover, "range-button");

  g_assert_nonnull (button);
  gtk_menu_button_popup (menu);
  gil_test_ui_spin (300);
  if (menu_shot != NULL)
    g_free (gil_test_ui_screenshot (popover, menu_shot));
  g_assert_true (gtk_widget_activate (button));
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Date Range dialog");
  return gil_test_ui_find_dialog ();
}

/* Types @from and @to (YYYY-MM-DD, shown DD-MM-YYYY) into the fields. */
static void
type_range (GtkWidget  *dialog,
            const char *from,
            const char *to)
{
  g_autofree char *from_text = gil_date_field_from_iso (from);
  g_autofree char *to_text = gil_date_field_from_iso (to);

  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (dialog, "range-from")), from_text);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (dialog, "range-to")), to_text);
}

static const char *
problem (GtkWidget *dialog)
{
  GtkWidget *label = gil_test_ui_find_named (dialog, "range-problem");

  return gtk_widget_get_visible (label) ? gil_test_head_label_text (label) : NULL;
}

/* Enter in the last day's field, as a person would press it. */
static void
press_enter (GtkWidget *dialog)
{
  g_assert_true (gtk_widget_grab_focus (gil_test_ui_find_named (dialog, "range-to")));
  gil_test_ui_spin (200);
  gil_test_ui_type (dialog, "Return");
}

static void
screenshot (Fixture    *f,
            int         width,
            const char *name)
{
  gtk_window_set_default_size (f->ui.window, width, 768);
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), name));
}

/* The whole page, however tall, to look at every table. */
static void
screenshot_whole_page (Fixture    *f,
                       const char *name)
{
  GtkWidget *content = gtk_widget_get_parent (gil_test_ui_find_named (f->ui.page, "month-card"));
  int height = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content), NULL, &height, NULL, NULL);
  gtk_widget_set_size_request (f->ui.page, 1366, height + 90);
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), name));
  gtk_widget_set_size_request (f->ui.page, -1, -1);
}

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *from = shift (f->head.today, -20);
  g_autofree char *too_early = shift (f->head.today, -400);
  g_autofree char *tomorrow = shift (f->head.today, 1);
  g_autofree char *yesterday = shift (f->head.today, -1);
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  GtkWidget *dialog;

  if (!gil_test_ui_can_type ())
    {
      g_test_skip ("needs xdotool on an X display");
      return;
    }

  /* The dialog starts on this month so far; a good range is taken with
   * Enter and shown with the month's tables. */
  dialog = open_dialog (f, "head-range-menu");
  g_assert_null (problem (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "show"));
  type_range (dialog, from, f->head.today);
  g_assert_null (problem (dialog));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "head-range-dialog"));
  press_enter (dialog);
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the dialog to close");
  gil_test_head_wait_loaded (f->ui.page);
  assert_range_shown (f, from, f->head.today);
  screenshot (f, 1366, "head-range");
  screenshot (f, 1024, "head-range-1024x768");
  screenshot_whole_page (f, "head-range-full");
  screenshot (f, 1366, "head-range");

  /* Bad ranges say why, cannot be taken, and load nothing. */
  dialog = open_dialog (f, NULL);
  {
    g_autofree char *shown_from = gil_date_field_from_iso (from);

    /* It starts on the range shown. */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gil_test_ui_find_named (dialog, "range-from"))), ==,
                     shown_from);
  }
  type_range (dialog, f->head.today, yesterday);
  g_assert_cmpstr (problem (dialog), ==, _("The first day comes after the last day."));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "show"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "head-range-dialog-bad"));
  press_enter (dialog);
  gil_test_ui_spin (500);
  g_assert_true (gil_test_ui_find_dialog () == dialog);
  g_assert_false (gil_head_page_get_loading (GIL_HEAD_PAGE (f->ui.page)));

  type_range (dialog, from, tomorrow);
  g_assert_cmpstr (problem (dialog), ==, _("The last day is after today."));
  type_range (dialog, too_early, f->head.today);
  g_assert_nonnull (problem (dialog));
  g_assert_nonnull (strstr (problem (dialog), "366"));
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (dialog, "range-from")), "31-02-2026");
  g_assert_cmpstr (problem (dialog), ==, _("The first day is not a date: type it as DD-MM-YYYY."));
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (dialog, "range-from")), "kemarin");
  g_assert_cmpstr (problem (dialog), ==, _("The first day is not a date: type it as DD-MM-YYYY."));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "show"));

  /* Escape: nothing changes, the range is still shown. */
  gil_test_ui_type (dialog, "Escape");
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the dialog to close on Escape");
  gil_test_ui_spin (300);
  g_assert_false (gil_head_page_get_loading (GIL_HEAD_PAGE (f->ui.page)));
  period = gil_report_format_period (from, f->head.today);
  title = g_strdup_printf (_("Report for a date range: %s"), period);
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, title));
  assert_range_shown (f, from, f->head.today);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add ("/giliran/ui-head-range/range", Fixture, NULL, fixture_set_up, test_range, fixture_tear_down);
  return g_test_run ();
}
