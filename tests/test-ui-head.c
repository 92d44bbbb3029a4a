/* test-ui-head.c — the head of the puskesmas's page under Xvfb, against a
 * real manager: a realistic morning (fifteen visits across seven rooms,
 * calls, services, a no-show, patients still waiting, and four weeks of
 * history behind it) shown as the manager reports it, waits over the
 * target flagged, live updates, a past day and a period chosen in the date
 * menu; and `giliran --export-report` writing CSV and PDF with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gil-chart.h"
#include "gil-head-page.h"
#include "gil-preferences-window.h"
#include "gil-report-labels.h"
#include "gil-report-printer.h"
#include "gil-room-list.h"
#include "gil-test-head.h"
#include "gil-terms.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define ROOMS        10
#define HISTORY_DAYS 29

typedef struct
{
  GilTestHead       head;
  GilTestUiStation  ui;
  GSettings        *settings;
} Fixture;

/* ── the manager, over HTTP ────────────────────────────────────────── */

static JsonObject *
daily_report (Fixture    *f,
              const char *date)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", date);
  JsonNode *report = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  JsonObject *object = json_object_ref (gil_test_api_object (report));

  json_node_unref (report);
  return object;
}

/* Returns: the count @member of @object in the manager's JSON, 0 when missing */
static gint64
json_count (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

/* Returns: the time @member of @object in seconds, -1 when null or missing */
static gint64
json_seconds (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : -1;
}

static char *
months_ago (guint months)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_months (now, -(int)months);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* ── a realistic morning ───────────────────────────────────────────── */

typedef enum
{
  SERVE,
  NO_SHOW,
  WAIT,
} Outcome;

/* Times in minutes: arrival after 07.00, the wait to the first call, the
 * service. Rooms follow from age and purpose, as routing sends them. */
static const struct
{
  const char *name;
  guint       months;
  const char *sex;
  const char *purpose;
  const char *payer;
  gboolean    pregnant;
  const char *room;
  int         arrive;
  int         wait;
  int         service;
  Outcome     outcome;
} morning[] = {
  { "Baiq Nurhayati", 29 * 12 + 6, "F", "anc", "bpjs", TRUE, "K2-KIA", 30, 12, 15, SERVE },
  { "Ni Made Ayu", 27 * 12, "F", "postnatal", "bpjs", FALSE, "K2-KIA", 55, 20, 12, SERVE },
  { "Muhammad Rizki", 32, "M", "sick", "bpjs", FALSE, "K2-BALITA", 40, 25, 10, SERVE },
  { "Aisyah Putri", 5, "F", "immunization", "bpjs", FALSE, "K2-BALITA", 70, 18, 8, SERVE },
  { "Putu Gede", 9 * 12 + 3, "M", "sick", "umum", FALSE, "K2-ANAK", 85, 30, 12, SERVE },
  { "Siti Rahma", 16 * 12, "F", "screening", "bpjs", FALSE, "K2-ANAK", 120, 22, 9, SERVE },
  { "Lalu Ahmad", 40 * 12, "M", "sick", "bpjs", FALSE, "K3-DEWASA", 35, 35, 0, NO_SHOW },
  { "Baiq Mardiana", 35 * 12, "F", "sick", "umum", FALSE, "K3-DEWASA", 45, 48, 11, SERVE },
  { "I Wayan Sudarta", 47 * 12, "M", "lab", "bpjs", FALSE, "LK-LAB", 60, 15, 20, SERVE },
  { "Dewi Lestari", 33 * 12, "F", "dental", "bpjs", FALSE, "LK-GIGI", 95, 40, 25, SERVE },
  { "Inaq Saenah", 75 * 12, "F", "sick", "bpjs", FALSE, "K3-LANSIA", 32, 70, 14, SERVE },
  { "Amaq Rusni", 77 * 12, "M", "sick", "bpjs", FALSE, "K3-LANSIA", 50, 95, 12, SERVE },
  { "Papuq Idah", 73 * 12, "F", "screening", "other", FALSE, "K3-LANSIA", 100, 0, 0, WAIT },
  { "Made Wirawan", 45 * 12, "M", "sick", "bpjs", FALSE, "K3-DEWASA", 150, 0, 0, WAIT },
  { "Komang Sari", 37 * 12, "F", "certificate", "umum", FALSE, "K3-DEWASA", 165, 0, 0, WAIT },
};

static gint64
register_visit (Fixture    *f,
                guint       i,
                const char *expected_room)
{
  g_autofree char *birth = months_ago (morning[i].months);
  g_autofree char *patient_body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                                   morning[i].name, birth, morning[i].sex);
  g_autoptr(JsonNode) patient = gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/patients", patient_body,
                                                     NULL, 201);
  g_autofree char *visit_body =
    g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"%s\",\"signs\":[],"
                     "\"pregnant\":%s,\"payer\":\"%s\"}",
                     json_object_get_int_member (gil_test_api_object (patient), "id"),
                     morning[i].purpose, morning[i].pregnant ? "true" : "false", morning[i].payer);
  g_autoptr(JsonNode) visit = gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/visits", visit_body, NULL, 201);
  JsonObject *stop = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (visit),
                                                                                  "stops"), 0);

  g_assert_cmpint (json_object_get_int_member (stop, "room"), ==,
                   gil_test_api_room_id (f->head.url, f->head.admin, expected_room));
  return json_object_get_int_member (gil_test_api_object (visit), "id");
}

static void
act (Fixture    *f,
     gint64      stop,
     const char *action)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", stop, action);

  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", path, NULL, NULL, 200));
}

static gint64
call_next (Fixture    *f,
           const char *room)
{
  g_autoptr(JsonObject) stop = gil_test_api_call_next (f->head.url, f->head.admin, room);

  return json_object_get_int_member (stop, "id");
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The API runs on the real clock: the queue is worked through it, then,
 * with the manager stopped, its times are set to a morning from 07.00, as
 * if the day had happened, and four weeks of earlier days are added. */
static void
build_day (Fixture *f)
{
  gint64 visits[G_N_ELEMENTS (morning)];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) seven = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 7, 0, 0);
  gint64 base = g_date_time_to_unix (seven);
  g_autofree char *profile = g_strdup ("{\"name\":\"Puskesmas Karang Taliwang\"}");
  sqlite3 *db = NULL;

  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "PATCH", "/api/v1/profile", profile, NULL, 200));
  for (guint i = 0; i < G_N_ELEMENTS (morning); i++)
    visits[i] = register_visit (f, i, morning[i].room);

  /* Each room calls in its own order, which is the order of arrival. */
  for (guint i = 0; i < G_N_ELEMENTS (morning); i++)
    {
      gint64 stop;

      if (morning[i].outcome == WAIT)
        continue;
      stop = call_next (f, morning[i].room);
      if (morning[i].outcome == NO_SHOW)
        {
          act (f, stop, "skip");
          continue;
        }
      act (f, stop, "start");
      act (f, stop, "finish");
    }

  gil_test_manager_kill (f->head.manager, SIGTERM);
  g_assert_cmpint (sqlite3_open (gil_test_manager_get_database (f->head.manager), &db), ==, SQLITE_OK);
  exec_sql (db, "BEGIN");
  for (guint i = 0; i < G_N_ELEMENTS (morning); i++)
    {
      gint64 arrive = base + morning[i].arrive * 60;
      gint64 called = arrive + morning[i].wait * 60;
      gint64 started = called + 60;
      gint64 finished = started + morning[i].service * 60;
      g_autofree char *sql =
        g_strdup_printf ("UPDATE visits SET registered_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE stops SET enqueued_at = %" G_GINT64_FORMAT ","
                         " called_at = CASE WHEN called_at IS NULL THEN NULL ELSE %" G_GINT64_FORMAT " END,"
                         " started_at = CASE WHEN started_at IS NULL THEN NULL ELSE %" G_GINT64_FORMAT " END,"
                         " finished_at = CASE WHEN finished_at IS NULL THEN NULL ELSE %" G_GINT64_FORMAT " END"
                         " WHERE visit = %" G_GINT64_FORMAT ";",
                         arrive, visits[i], arrive, called, started, finished, visits[i]);

      exec_sql (db, sql);
    }

  /* Earlier days: most of the same patients, waits a little different
   * each day, everyone seen by closing time; closed on Sundays. */
  for (int d = 1; d <= HISTORY_DAYS; d++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO visits (id, patient, day, ticket, purpose, signs, pregnant, payer,"
                         "  new_patient, cluster, priority, priority_reason, age_months, sex, suggested_room,"
                         "  room, overridden, rule, reason, registered_at, station)"
                         " SELECT id + %d * 1000, patient, date (day, '-%d days'), ticket, purpose, signs,"
                         "  pregnant, payer, (id + %d) %% 4 = 0, cluster, priority, priority_reason, age_months,"
                         "  sex, suggested_room, room, overridden, rule, reason, registered_at - %d * 86400, station"
                         " FROM visits WHERE id < 1000 AND (id * 7 + %d * 3) %% 6 != 0"
                         "  AND strftime ('%%w', date (day, '-%d days')) != '0';"
                         "INSERT INTO stops (id, visit, room, day, status, rank, queue_key, enqueued_at,"
                         "  called_at, started_at, finished_at, calls)"
                         " SELECT s.id + %d * 1000, s.visit + %d * 1000, s.room, date (s.day, '-%d days'),"
                         "  CASE s.status WHEN 'skipped' THEN 'skipped' ELSE 'done' END, s.rank, s.queue_key,"
                         "  s.enqueued_at - %d * 86400, w.called - %d * 86400,"
                         "  CASE s.status WHEN 'skipped' THEN NULL ELSE w.called - %d * 86400 + 60 END,"
                         "  CASE s.status WHEN 'skipped' THEN NULL"
                         "   ELSE w.called - %d * 86400 + 60 + coalesce (s.finished_at - s.started_at, 600) END, 1"
                         " FROM stops s JOIN (SELECT id, enqueued_at + coalesce (called_at - enqueued_at, 1800)"
                         "   * (6 + (id * 13 + %d * 7) %% 8) / 10 AS called FROM stops) w ON w.id = s.id"
                         " WHERE s.id < 1000 AND s.visit + %d * 1000 IN (SELECT id FROM visits);",
                         d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);

      exec_sql (db, sql);
    }
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
  gil_test_manager_restart (f->head.manager);
}

/* ── the page ──────────────────────────────────────────────────────── */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_head_set_up (&f->head);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "wait-target");
}

static void
wait_loaded (Fixture *f)
{
  gil_test_head_wait_loaded (f->ui.page);
}

static void
open_page (Fixture *f)
{
  gil_test_head_open (&f->ui, f->head.url, f->head.token, ROOMS, 1366);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_station_close (&f->ui);
  g_settings_reset (f->settings, "wait-target");
  g_clear_object (&f->settings);
  gil_test_head_tear_down (&f->head);
}

static const char *
label_text (GtkWidget *widget)
{
  return gil_test_head_label_text (widget);
}

static int
column_of (GtkGrid    *grid,
           const char *title)
{
  return gil_test_head_column_of (grid, title);
}

static gboolean
has_column (GtkGrid    *grid,
            const char *title)
{
  for (int c = 0;; c++)
    {
      GtkWidget *cell = gtk_grid_get_child_at (grid, c, 0);

      if (cell == NULL)
        return FALSE;
      if (g_strcmp0 (label_text (cell), title) == 0)
        return TRUE;
    }
}

/* The row of a table whose first cell reads @name, or -1. */
static int
row_of (GtkGrid    *grid,
        const char *name)
{
  for (int r = 1; r < 200; r++)
    {
      GtkWidget *cell = gtk_grid_get_child_at (grid, 0, r);

      if (cell != NULL && GTK_IS_LABEL (cell) && g_strcmp0 (label_text (cell), name) == 0)
        return r;
    }
  return -1;
}

static GtkWidget *
cell_of (GtkGrid    *grid,
         const char *row_name,
         const char *column_title)
{
  int row = row_of (grid, row_name);
  GtkWidget *cell;

  g_assert_cmpint (row, >, 0);
  cell = gtk_grid_get_child_at (grid, column_of (grid, column_title), row);
  g_assert_nonnull (cell);
  return cell;
}

static char *
count_text (JsonObject *figures,
            const char *member)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_count (figures, member));
}

/* A row of the table says what the manager's report says. */
static void
assert_row (GtkGrid    *grid,
            const char *name,
            JsonObject *figures)
{
  static const char * const counts[] = { "visits", "served", "not_served" };
  const char *count_titles[] = { _("Visits"), _("Served"), _("Not served") };
  static const char * const times[] = { "wait_p50", "wait_p90", "service_p50" };
  const char *time_titles[] = { _("Median wait"), _("90th percentile wait"), _("Median service time") };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *expected = count_text (figures, counts[i]);

      g_assert_cmpstr (label_text (cell_of (grid, name, count_titles[i])), ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      gint64 seconds = json_seconds (figures, times[i]);
      g_autofree char *minutes = gil_report_format_minutes (seconds);
      GtkWidget *cell = cell_of (grid, name, time_titles[i]);
      gboolean flagged = i < 2 && seconds > 60 * 60;

      g_assert_cmpint (gtk_widget_has_css_class (cell, "over-target"), ==, flagged);
      if (flagged)
        {
          g_autofree char *marked = g_strconcat ("⚠ ", minutes, NULL);

          g_assert_cmpstr (label_text (cell), ==, marked);
        }
      else
        g_assert_cmpstr (label_text (cell), ==, minutes);
    }
}

/* The value of the big figure @id ("visits", "served"…), or NULL while
 * the page does not show it. */
static const char *
stat_value (Fixture    *f,
            const char *id)
{
  return gil_test_head_stat_value (f->ui.page, id);
}

/* The visits of @group in the breakdown @id ("age", "sex", "payer",
 * "purpose"). */
static const char *
breakdown_count (Fixture    *f,
                 const char *id,
                 const char *group)
{
  g_autofree char *name = g_strconcat ("breakdown-", id, NULL);
  GtkGrid *grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, name));

  for (int row = 0; gtk_grid_get_child_at (grid, 0, row) != NULL; row++)
    if (g_strcmp0 (label_text (gtk_grid_get_child_at (grid, 0, row)), group) == 0)
      return label_text (gtk_grid_get_child_at (grid, 1, row));
  return NULL;
}

/* The page's content: the child of the first scroller holding a viewport
 * (the date menu's month list has a scroller of its own). */
static GtkWidget *
content (Fixture *f)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *scroller = gil_test_ui_find_type (f->ui.page, GTK_TYPE_SCROLLED_WINDOW, i);
      GtkWidget *child;

      g_assert_nonnull (scroller);
      child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
      if (GTK_IS_VIEWPORT (child))
        return gtk_viewport_get_child (GTK_VIEWPORT (child));
    }
}

/* The whole page, as on a screen 1366 wide and tall enough for it. */
static void
screenshot_whole_page (Fixture    *f,
                       const char *name)
{
  int height = 0;

  gtk_widget_measure (content (f), GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (content (f)),
                      NULL, &height, NULL, NULL);
  gtk_widget_set_size_request (f->ui.page, 1366, height + 90);
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), name));
  gtk_widget_set_size_request (f->ui.page, -1, -1);
}

typedef struct
{
  Fixture    *f;
  const char *id;
  const char *value;
} StatExpect;

static gboolean
stat_is (gpointer data)
{
  StatExpect *e = data;

  return g_strcmp0 (stat_value (e->f, e->id), e->value) == 0;
}

typedef struct
{
  GtkGrid    *grid;
  const char *row;
  const char *column;
  const char *text;
} CellExpect;

static gboolean
cell_is (gpointer data)
{
  CellExpect *e = data;

  return g_strcmp0 (label_text (cell_of (e->grid, e->row, e->column)), e->text) == 0;
}

/* ── the tests ─────────────────────────────────────────────────────── */

static void
test_today (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) report = NULL;
  JsonArray *rooms;
  JsonArray *clusters;
  GtkGrid *grid;
  GilChart *trend;
  g_autofree char *lansia_wait = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;

  build_day (f);
  open_page (f);
  report = daily_report (f, f->head.today);
  g_assert_cmpstr (gil_head_page_get_date (GIL_HEAD_PAGE (f->ui.page)), ==, f->head.today);
  date = gil_report_format_date (f->head.today);
  title = g_strdup_printf (_("Daily report: %s"), date);
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, title));

  /* Every row says what the manager's report says. */
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
  g_assert_nonnull (grid);
  assert_row (grid, _("The whole puskesmas"), json_object_get_object_member (report, "totals"));
  clusters = json_object_get_array_member (report, "clusters");
  g_assert_cmpuint (json_array_get_length (clusters), ==, 2);
  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);

      assert_row (grid, gil_report_cluster_title (json_object_get_string_member (cluster, "cluster")), cluster);
    }
  rooms = json_object_get_array_member (report, "rooms");
  g_assert_cmpuint (json_array_get_length (rooms), ==, ROOMS);
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      assert_row (grid, json_object_get_string_member (room, "name"), room);
    }

  /* The morning as scripted: the elderly waited too long, adults did not. */
  g_assert_cmpstr (label_text (cell_of (grid, _("The whole puskesmas"), _("Visits"))), ==, "15");
  lansia_wait = gil_report_format_minutes (70 * 60);
  g_assert_true (g_str_has_suffix (label_text (cell_of (grid, "Ruang Lansia", _("Median wait"))), lansia_wait));
  g_assert_true (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("Median wait")), "over-target"));
  g_assert_true (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("Median wait")), "error"));
  g_assert_false (gtk_widget_has_css_class (cell_of (grid, "Ruang Usia Dewasa", _("Median wait")), "over-target"));
  g_assert_cmpstr (label_text (cell_of (grid, "Ruang Usia Dewasa", _("Not served"))), ==, "1");

  /* Waiting now, from the rooms' queues. */
  g_assert_cmpstr (label_text (cell_of (grid, "Ruang Usia Dewasa", _("Waiting now"))), ==, "2");
  g_assert_cmpstr (label_text (cell_of (grid, "Ruang Lansia", _("Waiting now"))), ==, "1");
  g_assert_cmpstr (label_text (cell_of (grid, gil_report_cluster_title ("k3"), _("Waiting now"))), ==, "3");
  g_assert_cmpstr (label_text (cell_of (grid, _("The whole puskesmas"), _("Waiting now"))), ==, "3");
  g_assert_cmpstr (stat_value (f, "waiting"), ==, "3");
  g_assert_cmpstr (stat_value (f, "visits"), ==, "15");
  g_assert_cmpstr (stat_value (f, "served"), ==, "11");

  /* The breakdowns. */
  g_assert_cmpstr (breakdown_count (f, "age", gil_report_age_group_label ("lansia")), ==, "3");
  g_assert_cmpstr (breakdown_count (f, "age", gil_report_age_group_label ("bayi")), ==, "1");
  g_assert_cmpstr (breakdown_count (f, "sex", gil_report_sex_label ("F")), ==, "9");
  g_assert_cmpstr (breakdown_count (f, "payer", gil_terms_payer_label ("umum")), ==, "3");
  g_assert_cmpstr (breakdown_count (f, "purpose", gil_terms_purpose_label ("sick")), ==, "7");
  g_assert_null (breakdown_count (f, "purpose", gil_terms_purpose_label ("tb-treatment")));

  /* The charts: the day's hours, and thirty days ending today. */
  g_assert_cmpuint (gil_daily_report_get_n_hours (gil_chart_get_day (GIL_CHART (gil_test_ui_find_type (f->ui.page, GIL_TYPE_CHART, 0)))),
                    ==, json_array_get_length (json_object_get_array_member (report, "by_hour")));
  trend = GIL_CHART (gil_test_ui_find_type (f->ui.page, GIL_TYPE_CHART, 1));
  g_assert_cmpuint (gil_chart_get_days (trend)->len, ==, 30);
  g_assert_cmpstr (gil_daily_report_get_date (g_ptr_array_index (gil_chart_get_days (trend), 29)), ==, f->head.today);
  g_assert_cmpint (gil_chart_get_wait_target (trend), ==, 60);

  /* All of it fits the width of a 1366x768 screen. */
  gil_test_ui_spin (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->ui.window)), ==, 1366);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "head-today"));
  screenshot_whole_page (f, "head-today-full");

  /* The puskesmas allows 100 minutes: 70 is no longer too long. */
  g_settings_set_int (f->settings, "wait-target", 100);
  gil_test_ui_spin (50);
  g_assert_cmpint (gil_head_page_get_wait_target (GIL_HEAD_PAGE (f->ui.page)), ==, 100);
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
  g_assert_false (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("Median wait")), "over-target"));
  g_assert_false (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("90th percentile wait")), "over-target"));
  g_settings_set_int (f->settings, "wait-target", 60);
  gil_test_ui_spin (50);
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
  g_assert_true (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("Median wait")), "over-target"));

  /* The target is a row in Preferences: 90 minutes there, here at once. */
  {
    g_autoptr(GilConnection) admin = gil_connection_new (f->head.url, f->head.admin);
    GilPreferencesWindow *preferences = gil_preferences_window_new (NULL, admin, f->settings);
    GtkSpinButton *spin = NULL;

    gtk_window_present (GTK_WINDOW (preferences));
    for (guint i = 0; spin == NULL; i++)
      {
        GtkWidget *found = gil_test_ui_find_type (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, i);
        GtkAdjustment *range;

        g_assert_nonnull (found);
        range = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (found));
        if (gtk_adjustment_get_lower (range) == 5 && gtk_adjustment_get_upper (range) == 480)
          spin = GTK_SPIN_BUTTON (found);
      }
    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 60);
    gtk_spin_button_set_value (spin, 90);
    gil_test_ui_spin (50);
    g_assert_cmpint (g_settings_get_int (f->settings, "wait-target"), ==, 90);
    g_assert_cmpint (gil_head_page_get_wait_target (GIL_HEAD_PAGE (f->ui.page)), ==, 90);
    grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
    g_assert_false (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("Median wait")), "over-target"));
    g_assert_true (gtk_widget_has_css_class (cell_of (grid, "Ruang Lansia", _("90th percentile wait")), "over-target"));
    gtk_window_destroy (GTK_WINDOW (preferences));
    g_settings_set_int (f->settings, "wait-target", 60);
    gil_test_ui_spin (100);
  }

  /* Live: a new elderly patient and a call in the adults' room show
   * without anyone asking. */
  {
    g_autofree char *birth = months_ago (80 * 12);
    g_autofree char *body = g_strdup_printf ("{\"name\":\"Papuq Rahim\",\"birth_date\":\"%s\",\"sex\":\"M\"}", birth);
    g_autoptr(JsonNode) patient = gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/patients", body, NULL, 201);
    g_autofree char *visit = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                              "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\"}",
                                              json_object_get_int_member (gil_test_api_object (patient), "id"));
    StatExpect visits = { f, "visits", "16" };
    StatExpect waiting = { f, "waiting", "3" };

    json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/visits", visit, NULL, 201));
    call_next (f, "K3-DEWASA");
    gil_test_ui_wait (stat_is, &visits, "16 visits");
    gil_test_ui_wait (stat_is, &waiting, "3 waiting");
    grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
    {
      CellExpect lansia = { grid, "Ruang Lansia", _("Waiting now"), "2" };
      CellExpect dewasa = { grid, "Ruang Usia Dewasa", _("Waiting now"), "1" };

      gil_test_ui_wait (cell_is, &lansia, "2 waiting in Ruang Lansia");
      gil_test_ui_wait (cell_is, &dewasa, "1 waiting in Ruang Usia Dewasa");
    }
    g_assert_cmpstr (label_text (cell_of (grid, "Ruang Lansia", _("Visits"))), ==, "4");
  }
}

static JsonObject *
room_figures (JsonObject *report,
              const char *name)
{
  JsonArray *rooms = json_object_get_array_member (report, "rooms");

  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      if (g_strcmp0 (json_object_get_string_member (room, "name"), name) == 0)
        return room;
    }
  g_assert_not_reached ();
}

/* The latest day before today that had visits. */
static char *
latest_past_day (Fixture *f)
{
  g_autofree char *from = gil_report_shift_date (f->head.today, -7);
  g_autofree char *to = gil_report_shift_date (f->head.today, -1);
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, to);
  g_autoptr(JsonNode) days = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  JsonArray *array = json_node_get_array (days);

  for (guint i = json_array_get_length (array); i-- > 0;)
    {
      JsonObject *day = json_array_get_object_element (array, i);

      if (json_count (json_object_get_object_member (day, "totals"), "visits") > 0)
        return g_strdup (json_object_get_string_member (day, "date"));
    }
  g_assert_not_reached ();
}

static GtkWidget *
find_button (Fixture    *f,
             const char *label)
{
  g_autoptr(GString) plain = g_string_new (label);
  GtkPopover *popover = GTK_POPOVER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (gil_test_ui_find_type (f->ui.page, GTK_TYPE_MENU_BUTTON, 0))));
  GtkWidget *button;

  g_string_replace (plain, "_", "", 0);
  button = gil_test_ui_find_button (GTK_WIDGET (popover), plain->str);
  g_assert_nonnull (button);
  return button;
}

static void
test_past_and_period (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *past = NULL;
  g_autofree char *from = NULL;
  g_autofree char *path = NULL;
  g_autofree char *past_date = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonNode) week = NULL;
  g_autoptr(GDateTime) when = NULL;
  GtkCalendar *calendar;
  GtkGrid *grid;
  JsonArray *days;
  int year, month, day;

  build_day (f);
  open_page (f);

  /* A past day, chosen on the calendar as a person clicks it. */
  past = latest_past_day (f);
  report = daily_report (f, past);
  g_assert_cmpint (sscanf (past, "%d-%d-%d", &year, &month, &day), ==, 3);
  when = g_date_time_new_local (year, month, day, 12, 0, 0);
  calendar = GTK_CALENDAR (gil_test_ui_find_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (gil_test_ui_find_type (f->ui.page, GTK_TYPE_MENU_BUTTON, 0)))),
                                                  GTK_TYPE_CALENDAR, 0));
  gtk_calendar_select_day (calendar, when);
  wait_loaded (f);
  g_assert_cmpstr (gil_head_page_get_date (GIL_HEAD_PAGE (f->ui.page)), ==, past);
  past_date = gil_report_format_date (past);
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, past_date));
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
  g_assert_false (has_column (grid, _("Waiting now")));
  assert_row (grid, _("The whole puskesmas"), json_object_get_object_member (report, "totals"));
  assert_row (grid, "Ruang Lansia", room_figures (report, "Ruang Lansia"));
  {
    g_autofree char *visits = count_text (json_object_get_object_member (report, "totals"), "visits");

    g_assert_cmpstr (stat_value (f, "visits"), ==, visits);
  }

  /* The last seven days: a row each, as the manager's range has them. */
  g_signal_emit_by_name (find_button (f, _("Last _7 Days")), "clicked");
  wait_loaded (f);
  from = gil_report_shift_date (f->head.today, -6);
  path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, f->head.today);
  week = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  days = json_node_get_array (week);
  g_assert_cmpuint (json_array_get_length (days), ==, 7);
  g_assert_false (gtk_widget_is_visible (gil_test_ui_find_named (f->ui.page, "load_grid")));
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "days_grid"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (grid)));
  for (guint i = 0; i < 7; i++)
    {
      JsonObject *d = json_array_get_object_element (days, i);
      g_autofree char *name = gil_report_format_date (json_object_get_string_member (d, "date"));

      assert_row (grid, name, json_object_get_object_member (d, "totals"));
    }
  g_assert_cmpint (row_of (grid, past_date), >, 0);
  g_assert_cmpstr (stat_value (f, "days"), ==, "7");
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, _("Last 7 days")));
  g_assert_cmpuint (gil_chart_get_days (GIL_CHART (gil_test_ui_find_type (f->ui.page, GIL_TYPE_CHART, 1)))->len,
                    ==, 7);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "head-week"));

  /* And back to today, live. */
  g_signal_emit_by_name (find_button (f, _("_Today")), "clicked");
  wait_loaded (f);
  g_assert_cmpstr (gil_head_page_get_date (GIL_HEAD_PAGE (f->ui.page)), ==, f->head.today);
  grid = GTK_GRID (gil_test_ui_find_named (f->ui.page, "load_grid"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (grid)));
  g_assert_true (has_column (grid, _("Waiting now")));
}

/* ── giliran --export-report ───────────────────────────────────────── */

static int
run_app (Fixture     *f,
         const char  *token_file,
         const char  *date,
         const char  *output,
         char       **err)
{
  const char *app = g_getenv ("GILIRAN_APP");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (app);
  /* No display at all: the export must not need one. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, app, "--manager", f->head.url, "--token-file", token_file,
                                         "--export-report", date, "--output", output, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_test_message ("giliran --export-report %s --output %s: %s", date, output, *err);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s (poppler-utils, in build-aux/debian-packages.txt): %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static int
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ((const char * const[]) { "pdfinfo", path, NULL });
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  g_assert_nonnull (strstr (info, " x 841.89 pts (A4)"));
  for (pages += strlen ("Pages:"); *pages == ' '; pages++)
    ;
  return (int)g_ascii_strtoull (pages, NULL, 10);
}

/* The letterhead and signature the admin set (Preferences, Laporan). */
static const char letterhead[] =
  "{\"region\":\"Pemerintah Kabupaten Lombok Barat\",\"health_office\":\"Dinas Kesehatan\","
  "\"address\":\"Jl. Raya Gerung No. 1, Lombok Barat\",\"head_name\":\"dr. Baiq Nurul Aini\","
  "\"head_nip\":\"198003152006042011\"}";

/* The letterhead opens the first page, in order, before the title; the
 * signature, dated the day it was printed, closes the report. */
static void
assert_letterhead (const char *text)
{
  static const char * const top[] = {
    "Pemerintah Kabupaten Lombok Barat", "Dinas Kesehatan", "Puskesmas Karang Taliwang",
    "Jl. Raya Gerung No. 1, Lombok Barat", "Laporan Harian",
  };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_autofree char *month_text = gil_report_format_month (month);
  g_autofree char *place_date = g_strdup_printf ("Lombok Barat, %d %s", g_date_time_get_day_of_month (now),
                                                 month_text);
  static const char * const bottom[] = {
    "Kepala Puskesmas Karang Taliwang", "dr. Baiq Nurul Aini", "NIP. 198003152006042011",
  };
  const char *at = text;
  const char *signature;

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    {
      const char *line = strstr (at, top[i]);

      if (line == NULL)
        g_error ("the letterhead does not say “%s” where it should", top[i]);
      at = line + strlen (top[i]);
    }
  /* The signature, after the last table. */
  signature = strstr (at, place_date);
  if (signature == NULL)
    g_error ("the report is not signed “%s”", place_date);
  g_assert_null (strstr (signature, "Tujuan kunjungan"));
  at = signature;
  for (guint i = 0; i < G_N_ELEMENTS (bottom); i++)
    {
      const char *line = strstr (at, bottom[i]);

      if (line == NULL)
        g_error ("the signature does not say “%s” where it should", bottom[i]);
      at = line + strlen (bottom[i]);
    }
}

static gboolean
profile_loaded (gpointer data)
{
  return gil_profile_get_loaded (data);
}

/* What the report says, whichever way it was made. */
static void
assert_report_text (Fixture    *f,
                    const char *pdf_file)
{
  g_autofree char *text = run_tool ((const char * const[]) { "pdftotext", "-layout", pdf_file, "-", NULL });
  g_autofree char *date = gil_report_format_date (f->head.today);
  static const char * const headings[] = {
    "Laporan Harian", "Puskesmas Karang Taliwang", "Ringkasan", "Beban layanan per klaster dan ruang",
    "Kedatangan dan pasien terlayani per jam", "30 hari terakhir: kunjungan dan median waktu tunggu",
    "Kunjungan menurut kelompok usia, jenis kelamin, cara bayar dan tujuan", "Kelompok usia",
    "Jenis kelamin", "Cara bayar", "Tujuan kunjungan", "Klaster 2: Ibu dan Anak",
    "Klaster 3: Usia Dewasa dan Lansia", "Ruang Lansia", "⚠ 70 mnt", "Halaman 1 dari 3",
    "Dibatalkan",
  };

  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (strstr (text, headings[i]) == NULL)
      g_error ("the report does not say “%s”", headings[i]);
  g_assert_nonnull (strstr (text, date));
  assert_letterhead (text);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char *dir = gil_test_manager_get_dir (f->head.manager);
  g_autofree char *token_file = g_build_filename (dir, "head-token", NULL);
  g_autofree char *csv_file = g_build_filename (dir, "laporan.csv", NULL);
  g_autofree char *pdf_file = g_build_filename (dir, "laporan.pdf", NULL);
  g_autofree char *csv_path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *row = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  guint status = 0;

  build_day (f);
  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "PATCH", "/api/v1/profile", letterhead, NULL, 200));
  g_assert_true (g_file_set_contents (token_file, f->head.token, -1, NULL));

  /* CSV: the manager's own, as it is. */
  g_assert_cmpint (run_app (f, token_file, f->head.today, csv_file, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  csv_path = g_strdup_printf ("/api/v1/reports/daily?date=%s&format=csv", f->head.today);
  expected = gil_test_api_get_text (f->head.url, f->head.token, csv_path, &status, &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_file_get_contents (csv_file, &csv, &length, NULL));
  g_assert_cmpstr (csv, ==, expected);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "date,section,group,measure,value");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 5);
      g_assert_cmpstr (fields[0], ==, f->head.today);
    }
  row = g_strdup_printf ("\r\n%s,totals,,visits,15\r\n", f->head.today);
  g_assert_nonnull (strstr (csv, row));
  g_clear_pointer (&row, g_free);
  row = g_strdup_printf ("\r\n%s,rooms,K3-LANSIA,wait_p50,4200\r\n", f->head.today);
  g_assert_nonnull (strstr (csv, row));
  g_clear_pointer (&row, g_free);
  row = g_strdup_printf ("\r\n%s,by_age_group,lansia,visits,3\r\n", f->head.today);
  g_assert_nonnull (strstr (csv, row));

  /* PDF: A4 pages with the report's Indonesian headings. */
  g_assert_cmpint (run_app (f, token_file, f->head.today, pdf_file, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (pdf_file, &pdf, &length, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  g_assert_cmpint (pdf_pages (pdf_file), ==, 3);
  assert_report_text (f, pdf_file);
  {
    const char *dir_out = g_getenv ("GILIRAN_SCREENSHOT_DIR");
    g_autofree char *prefix = g_build_filename (dir_out != NULL ? dir_out : g_get_tmp_dir (), "head-report", NULL);

    /* Pages as pictures, for a person to look at. */
    g_free (run_tool ((const char * const[]) { "pdftoppm", "-png", "-r", "60", pdf_file, prefix, NULL }));
    g_test_message ("report pages: %s-*.png", prefix);
  }

  /* The print dialog's pages: the same report through GtkPrintOperation,
   * exported as the dialog's "Print to File" would. */
  {
    g_autofree char *printed = g_build_filename (dir, "cetak.pdf", NULL);
    g_autofree char *from = gil_report_shift_date (f->head.today, -29);
    g_autofree char *path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, f->head.today);
    g_autofree char *day_path = g_strdup_printf ("/api/v1/reports/daily?date=%s", f->head.today);
    g_autoptr(JsonNode) day_json = gil_test_api_expect (f->head.url, f->head.token, "GET", day_path, NULL, NULL, 200);
    g_autoptr(JsonNode) days_json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
    g_autoptr(GilDailyReport) day = gil_daily_report_new_from_json (day_json, NULL);
    g_autoptr(GPtrArray) days = gil_daily_report_list_from_json (days_json, NULL);
    g_autoptr(GtkPrintOperation) operation = NULL;
    g_autoptr(GError) error = NULL;
    const char *dir_out = g_getenv ("GILIRAN_SCREENSHOT_DIR");
    g_autofree char *prefix = g_build_filename (dir_out != NULL ? dir_out : g_get_tmp_dir (), "head-print", NULL);

    g_autoptr(GilConnection) connection = gil_connection_new (f->head.url, f->head.token);
    GilProfile *profile = gil_connection_get_profile (connection);

    gil_test_ui_wait (profile_loaded, profile, "the profile");
    operation = gil_report_printer_new_operation (profile, day, days, 60);
    gtk_print_operation_set_export_filename (operation, printed);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                     ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    g_assert_cmpint (pdf_pages (printed), ==, 3);
    assert_report_text (f, printed);
    g_free (run_tool ((const char * const[]) { "pdftoppm", "-png", "-r", "60", printed, prefix, NULL }));
  }

  /* No region and no NIP: signed at the puskesmas, the letterhead
   * without a government line, the NIP left for a pen. */
  {
    g_autofree char *bare = g_build_filename (dir, "tanpa-kop.pdf", NULL);
    g_autofree char *day_path = g_strdup_printf ("/api/v1/reports/daily?date=%s", f->head.today);
    g_autoptr(JsonNode) day_json = gil_test_api_expect (f->head.url, f->head.token, "GET", day_path, NULL, NULL, 200);
    g_autoptr(GilDailyReport) day = gil_daily_report_new_from_json (day_json, NULL);
    g_autoptr(GilConnection) connection = gil_connection_new (f->head.url, f->head.token);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    g_autofree char *month_text = gil_report_format_month (month);
    g_autofree char *place_date = g_strdup_printf ("Puskesmas Karang Taliwang, %d %s",
                                                   g_date_time_get_day_of_month (now), month_text);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    GilProfile *profile;

    json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "PATCH", "/api/v1/profile",
                                          "{\"region\":\"\",\"head_nip\":\"\"}", NULL, 200));
    profile = gil_connection_get_profile (connection);
    gil_test_ui_wait (profile_loaded, profile, "the profile");
    g_assert_true (gil_report_printer_write_pdf (bare, profile, day, NULL, 60, &error));
    g_assert_no_error (error);
    text = run_tool ((const char * const[]) { "pdftotext", "-layout", bare, "-", NULL });
    g_assert_null (strstr (text, "Pemerintah"));
    g_assert_nonnull (strstr (text, "Dinas Kesehatan"));
    g_assert_nonnull (strstr (text, place_date));
    g_assert_nonnull (strstr (text, "dr. Baiq Nurul Aini"));
    g_assert_nonnull (strstr (text, "NIP. ………"));
    g_assert_null (strstr (text, "198003152006042011"));
  }

  /* Refusals, said in Indonesian, and nothing written. */
  g_assert_cmpint (run_app (f, token_file, "kemarin", pdf_file, &err), !=, 0);
  g_assert_nonnull (strstr (err, "Laporan tidak diekspor"));
  g_assert_nonnull (strstr (err, "kemarin"));
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *doc = g_build_filename (dir, "laporan.docx", NULL);

    g_assert_cmpint (run_app (f, token_file, f->head.today, doc, &err), !=, 0);
    g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
  }
  {
    g_autofree char *bad_token = g_build_filename (dir, "bad-token", NULL);

    g_assert_true (g_file_set_contents (bad_token, "bukan-token", -1, NULL));
    g_assert_cmpint (run_app (f, bad_token, f->head.today, csv_file, &err), !=, 0);
    g_assert_nonnull (strstr (err, "Laporan tidak diekspor"));
  }
}

static void
test_new_destroy (void)
{
  GilConnection *connection = gil_connection_new ("http://127.0.0.1:1", "x");
  GilRoomList *rooms = gil_room_list_new (connection);
  GilContext *context = gil_context_new (connection, rooms, NULL);
  GtkWidget *page = gil_head_page_new (context);
  GtkWidget *chart = gil_chart_new (GIL_CHART_TREND);

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
  g_assert_finalize_object (context);
  g_object_ref_sink (chart);
  g_assert_finalize_object (chart);
  g_object_unref (rooms);
  g_object_unref (connection);
}

/* A visit cancelled at the desk is counted as cancelled, not as a patient
 * who went unserved. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  gint64 kept = register_visit (f, 0, morning[0].room);
  gint64 cancelled = register_visit (f, 1, morning[1].room);
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/cancel", cancelled);
  StatExpect expect = { f, "cancelled", "1" };

  g_assert_cmpint (kept, !=, cancelled);
  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", path, "{\"reason\":\"salah daftar\"}", NULL, 200));
  open_page (f);
  gil_test_ui_wait (stat_is, &expect, "one cancelled visit");
  g_assert_cmpstr (stat_value (f, "visits"), ==, "2");
  g_assert_cmpstr (stat_value (f, "not-served"), ==, "0");
  g_assert_cmpstr (stat_value (f, "waiting"), ==, "1");
}

/* ── the month ─────────────────────────────────────────────────────── */

/* A count cell of the month's table of clusters and rooms. */
static void
assert_month_count (GtkGrid    *grid,
                    const char *row,
                    const char *column,
                    JsonObject *figures,
                    const char *member)
{
  g_autofree char *expected = count_text (figures, member);

  g_assert_cmpstr (label_text (cell_of (grid, row, column)), ==, expected);
}

static void
assert_month_groups (GtkGrid    *grid,
                     JsonObject *report)
{
  JsonObject *totals = json_object_get_object_member (report, "totals");
  JsonArray *rooms = json_object_get_array_member (report, "rooms");
  JsonObject *k3 = json_array_get_object_element (json_object_get_array_member (report, "clusters"), 1);

  assert_month_count (grid, _("The whole puskesmas"), _("Visits"), totals, "visits");
  assert_month_count (grid, _("The whole puskesmas"), _("New visits"), totals, "new");
  assert_month_count (grid, _("The whole puskesmas"), _("Returning visits"), totals, "returning");
  assert_month_count (grid, _("The whole puskesmas"), _("Served"), totals, "served");
  assert_month_count (grid, _("The whole puskesmas"), _("Not served"), totals, "not_served");
  assert_month_count (grid, _("The whole puskesmas"), _("Cancelled"), totals, "cancelled");
  assert_month_count (grid, gil_report_cluster_title ("k3"), _("Visits"), k3, "visits");
  assert_month_count (grid, gil_report_cluster_title ("k3"), _("Cancelled"), k3, "cancelled");
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);
      const char *name = json_object_get_string_member (room, "name");

      assert_month_count (grid, name, _("Visits"), room, "visits");
      assert_month_count (grid, name, _("Served"), room, "served");
    }
}

/* The cluster × age group × sex table, row by row as the manager's. */
static void
assert_month_age_sex (GtkGrid    *grid,
                      JsonObject *report)
{
  JsonArray *rows = json_object_get_array_member (report, "by_cluster_age_sex");
  gint64 women = 0;

  g_assert_cmpuint (json_array_get_length (rows), ==, 12);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *f = count_text (row, "F");
      g_autofree char *m = count_text (row, "M");

      g_assert_cmpstr (label_text (gtk_grid_get_child_at (grid, 0, 2 + i)), ==,
                       gil_report_cluster_title (json_object_get_string_member (row, "cluster")));
      g_assert_cmpstr (label_text (gtk_grid_get_child_at (grid, 1, 2 + i)), ==,
                       gil_report_age_group_label (json_object_get_string_member (row, "age_group")));
      g_assert_cmpstr (label_text (gtk_grid_get_child_at (grid, column_of (grid, gil_report_sex_label ("F")), 2 + i)), ==, f);
      g_assert_cmpstr (label_text (gtk_grid_get_child_at (grid, column_of (grid, gil_report_sex_label ("M")), 2 + i)), ==, m);
      women += json_count (row, "F");
    }
  g_assert_cmpint (women, >, 0);
}

static void
assert_month_stats (Fixture    *f,
                    JsonObject *report)
{
  JsonObject *totals = json_object_get_object_member (report, "totals");
  const char * const stats[][2] = {
    { "visits", "visits" }, { "new-visits", "new" }, { "returning-visits", "returning" },
    { "served", "served" }, { "not-served", "not_served" }, { "cancelled", "cancelled" },
  };
  g_autofree char *tb = count_text (report, "tb_presumptive");
  JsonNode *wait = json_object_get_member (totals, "wait_p50_minutes");
  g_autofree char *wait_text = gil_report_format_minutes (JSON_NODE_HOLDS_NULL (wait) ? -1 : json_node_get_int (wait) * 60);

  for (guint i = 0; i < G_N_ELEMENTS (stats); i++)
    {
      g_autofree char *expected = count_text (totals, stats[i][1]);

      g_assert_cmpstr (stat_value (f, stats[i][0]), ==, expected);
    }
  g_assert_cmpstr (stat_value (f, "tb-presumptive"), ==, tb);
  g_assert_cmpstr (stat_value (f, "wait"), ==, wait_text);
}

static void
month_screenshot (Fixture    *f,
                  int         width,
                  const char *name)
{
  gtk_window_set_default_size (f->ui.window, width, 768);
  gil_test_ui_spin (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->ui.window)), ==, width);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), name));
}

/* A woman's two-week cough, sent to the infection room: a terduga TBC. */
static void
register_cough (Fixture *f)
{
  g_autoptr(JsonNode) patient = gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/patients",
                                                     "{\"name\":\"Inaq Batuk\",\"birth_date\":\"1990-01-01\",\"sex\":\"F\"}",
                                                     NULL, 201);
  g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                           "\"signs\":[\"cough-2-weeks\"],\"pregnant\":false,\"payer\":\"bpjs\"}",
                                           json_object_get_int_member (gil_test_api_object (patient), "id"));

  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", "/api/v1/visits", body, NULL, 201));
}

/* "This month" in the date menu shows the manager's month report: big
 * figures, the table of clusters and rooms, the cluster × age group × sex
 * table, payers and purposes and the days' chart; another month is a
 * choice of the list under it. */
static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *month = g_strndup (f->head.today, 7);
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", month);
  g_autofree char *cancel_path = NULL;
  g_autofree char *bpjs = NULL;
  g_autofree char *title = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *report;
  GtkDropDown *months;
  gint64 stop, cancelled = 0;

  for (guint i = 0; i < 8; i++)
    {
      gint64 id = register_visit (f, i, morning[i].room);

      if (i == 7)
        cancelled = id;
    }
  register_cough (f);
  cancel_path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/cancel", cancelled);
  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", cancel_path, "{\"reason\":\"salah daftar\"}", NULL, 200));
  stop = call_next (f, "K2-BALITA");
  act (f, stop, "start");
  act (f, stop, "finish");
  open_page (f);

  g_assert_false (gtk_widget_is_visible (gil_test_ui_find_named (f->ui.page, "month-card")));
  g_signal_emit_by_name (find_button (f, _("This _Month")), "clicked");
  wait_loaded (f);
  json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
  report = gil_test_api_object (json);
  g_assert_cmpint (json_count (json_object_get_object_member (report, "totals"), "visits"), ==, 9);
  g_assert_cmpint (json_count (report, "tb_presumptive"), ==, 1);

  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, _("This month")));
  g_assert_true (gtk_widget_is_visible (gil_test_ui_find_named (f->ui.page, "month-card")));
  g_assert_false (gtk_widget_is_visible (gil_test_ui_find_named (f->ui.page, "load_grid")));
  assert_month_stats (f, report);
  assert_month_groups (GTK_GRID (gil_test_ui_find_named (f->ui.page, "month-groups")), report);
  assert_month_age_sex (GTK_GRID (gil_test_ui_find_named (f->ui.page, "month-age-sex")), report);
  bpjs = count_text (json_object_get_object_member (report, "by_payer"), "bpjs");
  g_assert_cmpstr (breakdown_count (f, "payer", gil_terms_payer_label ("bpjs")), ==, bpjs);
  g_assert_cmpstr (breakdown_count (f, "purpose", gil_terms_purpose_label ("anc")), ==, "1");
  g_assert_cmpuint (gil_chart_get_days (GIL_CHART (gil_test_ui_find_type (f->ui.page, GIL_TYPE_CHART, 1)))->len, ==,
                    json_array_get_length (json_object_get_array_member (report, "days")));

  month_screenshot (f, 1366, "head-month");
  screenshot_whole_page (f, "head-month-full");
  month_screenshot (f, 1024, "head-month-1024x768");

  /* The date menu, open: "This month" and the list of months. */
  {
    GtkMenuButton *menu = GTK_MENU_BUTTON (gil_test_ui_find_type (f->ui.page, GTK_TYPE_MENU_BUTTON, 0));

    gtk_menu_button_popup (menu);
    gil_test_ui_spin (300);
    g_free (gil_test_ui_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu)), "head-month-menu"));
    gtk_menu_button_popdown (menu);
    gil_test_ui_spin (50);
  }

  /* Last month, from the list: none of this month's visits. */
  months = GTK_DROP_DOWN (gil_test_ui_find_named (f->ui.page, "month-dropdown"));
  gtk_drop_down_set_selected (months, 1);
  wait_loaded (f);
  json_node_unref (g_steal_pointer (&json));
  g_free (path);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) before = g_date_time_add_months (now, -1);
    g_autofree char *last = g_date_time_format (before, "%Y-%m");

    path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", last);
    json = gil_test_api_expect (f->head.url, f->head.token, "GET", path, NULL, NULL, 200);
    report = gil_test_api_object (json);
    assert_month_stats (f, report);
    g_assert_cmpstr (stat_value (f, "visits"), ==, "0");
    g_assert_cmpstr (json_object_get_string_member (report, "month"), ==, last);
    g_assert_null (gil_test_ui_find_label (f->ui.page, _("This month")));
    title = gil_report_format_month (last);
    g_assert_nonnull (gil_test_ui_find_label (f->ui.page, title));
  }
}

/* ── how visits ended ──────────────────────────────────────────────── */

/* Serves the next patient of @room to the end, recording @outcome. */
static void
finish_as (Fixture    *f,
           const char *room,
           const char *outcome)
{
  gint64 stop = call_next (f, room);
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", stop);

  act (f, stop, "start");
  json_node_unref (gil_test_api_expect (f->head.url, f->head.admin, "POST", path, outcome, NULL, 200));
}

/* A visit referred out and one that ended in death: the day's cards and
 * the month's say 1 and 1, a visit sent home counts in neither. */
static void
test_outcomes (Fixture       *f,
               gconstpointer  data)
{
  StatExpect referred = { f, "referred", "1" };
  StatExpect month_died = { f, "died", "1" };

  for (guint i = 0; i < 3; i++)
    register_visit (f, 10 + i, morning[10 + i].room);
  finish_as (f, "K3-LANSIA", "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}");
  finish_as (f, "K3-LANSIA", "{\"outcome\":\"died\"}");
  finish_as (f, "K3-LANSIA", "{\"outcome\":\"home\"}");
  open_page (f);

  gil_test_ui_wait (stat_is, &referred, "one visit referred out");
  g_assert_cmpstr (stat_value (f, "died"), ==, "1");
  g_assert_cmpstr (stat_value (f, "served"), ==, "3");
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, "Dirujuk"));
  g_assert_nonnull (gil_test_ui_find_label (f->ui.page, "Meninggal"));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "head-outcomes"));

  g_signal_emit_by_name (find_button (f, _("This _Month")), "clicked");
  wait_loaded (f);
  gil_test_ui_wait (stat_is, &month_died, "the month's death");
  g_assert_cmpstr (stat_value (f, "referred"), ==, "1");
  g_assert_nonnull (stat_value (f, "tb-presumptive"));
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-head/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/giliran/ui-head/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("today", test_today);
  ADD ("past-and-period", test_past_and_period);
  ADD ("export", test_export);
  ADD ("cancelled", test_cancelled);
  ADD ("month", test_month);
  ADD ("outcomes", test_outcomes);
#undef ADD

  return g_test_run ();
}
