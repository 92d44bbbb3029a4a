/* test-client-reports.c — the client's typed reports against the real
 * giliran-manager on loopback: a day with visits, a call and a service
 * read as a GilDailyReport whose every figure is the manager's JSON; a
 * range and the 30-day trend; the CSV as it comes; and each failure as
 * its GilApiError code
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gil-connection-reports.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

typedef struct
{
  GilTestClient client; /* as a paired head station */
  char         *today;  /* the manager's day */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (&f->client, NULL, "head", "");
  f->today = gil_test_client_dup_day (&f->client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->today);
  gil_test_client_tear_down (&f->client);
}

/* ── waiting for a call ────────────────────────────────────────────── */

static GilDailyReport *
get_daily (GilConnection  *connection,
           const char     *date,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_get_daily_report_async (connection, date, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_daily_report_finish (connection, gil_test_client_wait (&result, "the daily report"), error);
}

static GPtrArray *
get_range (GilConnection  *connection,
           const char     *from,
           const char     *to,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (from != NULL)
    gil_connection_get_report_range_async (connection, from, to, NULL, gil_test_loop_keep_result, &result);
  else
    gil_connection_get_report_trend_async (connection, to, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_report_range_finish (connection, gil_test_client_wait (&result, "the range"), error);
}

static GBytes *
get_csv (GilConnection  *connection,
         const char     *from,
         const char     *to,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (from != NULL)
    gil_connection_get_report_range_csv_async (connection, from, to, NULL, gil_test_loop_keep_result, &result);
  else
    gil_connection_get_daily_report_csv_async (connection, to, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_report_csv_finish (connection, gil_test_client_wait (&result, "the CSV"), error);
}

/* ── the manager's JSON, read apart ────────────────────────────────── */

static void
assert_figures (const GilReportFigures *figures,
                JsonObject             *json)
{
  g_assert_cmpint (figures->visits, ==, gil_test_json_int (json, "visits", 0));
  g_assert_cmpint (figures->served, ==, gil_test_json_int (json, "served", 0));
  g_assert_cmpint (figures->not_served, ==, gil_test_json_int (json, "not_served", 0));
  g_assert_cmpint (figures->cancelled, ==, gil_test_json_int (json, "cancelled", 0));
  g_assert_cmpint (figures->referred, ==, gil_test_json_int (json, "referred", 0));
  g_assert_cmpint (figures->died, ==, gil_test_json_int (json, "died", 0));
  g_assert_cmpint (figures->new_patients, ==, gil_test_json_int (json, "new_patients", 0));
  g_assert_cmpint (figures->wait_p50, ==, gil_test_json_int (json, "wait_p50", -1));
  g_assert_cmpint (figures->wait_p90, ==, gil_test_json_int (json, "wait_p90", -1));
  g_assert_cmpint (figures->service_p50, ==, gil_test_json_int (json, "service_p50", -1));
}

static void
assert_counts (GilDailyReport *report,
               gint64        (*count) (GilDailyReport *, const char *),
               JsonObject     *json)
{
  g_autoptr(GList) members = json_object_get_members (json);

  g_assert_nonnull (members);
  for (GList *l = members; l != NULL; l = l->next)
    g_assert_cmpint (count (report, l->data), ==, gil_test_json_int (json, l->data, 0));
  g_assert_cmpint (count (report, "no-such-group"), ==, 0);
}

/* Every figure of @report is the one the manager's JSON has. */
static void
assert_report (GilDailyReport *report,
               JsonObject     *json)
{
  JsonArray *clusters = json_object_get_array_member (json, "clusters");
  JsonArray *rooms = json_object_get_array_member (json, "rooms");
  JsonArray *hours = json_object_get_array_member (json, "by_hour");
  JsonArray *ages = json_object_get_array_member (json, "by_age_group");

  g_assert_cmpstr (gil_daily_report_get_date (report), ==, json_object_get_string_member (json, "date"));
  assert_figures (gil_daily_report_get_totals (report), json_object_get_object_member (json, "totals"));

  g_assert_cmpuint (gil_daily_report_get_n_clusters (report), ==, json_array_get_length (clusters));
  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);

      g_assert_cmpstr (gil_daily_report_get_cluster (report, i)->cluster, ==,
                       json_object_get_string_member (cluster, "cluster"));
      assert_figures (&gil_daily_report_get_cluster (report, i)->figures, cluster);
    }

  g_assert_cmpuint (gil_daily_report_get_n_rooms (report), ==, json_array_get_length (rooms));
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      g_assert_cmpint (gil_daily_report_get_room (report, i)->id, ==, json_object_get_int_member (room, "room"));
      g_assert_cmpstr (gil_daily_report_get_room (report, i)->name, ==, json_object_get_string_member (room, "name"));
      assert_figures (&gil_daily_report_get_room (report, i)->figures, room);
    }

  g_assert_cmpuint (gil_daily_report_get_n_hours (report), ==, json_array_get_length (hours));
  for (guint i = 0; i < json_array_get_length (hours); i++)
    {
      JsonObject *hour = json_array_get_object_element (hours, i);

      g_assert_cmpint (gil_daily_report_get_hour (report, i)->hour, ==, gil_test_json_int (hour, "hour", 0));
      g_assert_cmpint (gil_daily_report_get_hour (report, i)->arrivals, ==, gil_test_json_int (hour, "arrivals", 0));
      g_assert_cmpint (gil_daily_report_get_hour (report, i)->served, ==, gil_test_json_int (hour, "served", 0));
    }

  g_assert_cmpuint (gil_daily_report_get_n_age_groups (report), ==, json_array_get_length (ages));
  for (guint i = 0; i < json_array_get_length (ages); i++)
    {
      JsonObject *age = json_array_get_object_element (ages, i);

      g_assert_cmpstr (gil_daily_report_get_age_group (report, i)->key, ==,
                       json_object_get_string_member (age, "group"));
      g_assert_cmpint (gil_daily_report_get_age_group (report, i)->visits, ==, gil_test_json_int (age, "visits", 0));
    }

  assert_counts (report, gil_daily_report_count_sex, json_object_get_object_member (json, "by_sex"));
  assert_counts (report, gil_daily_report_count_payer, json_object_get_object_member (json, "by_payer"));
  assert_counts (report, gil_daily_report_count_purpose, json_object_get_object_member (json, "by_purpose"));
}

/* ── a day with visits ─────────────────────────────────────────────── */

/* Three visits: one served in the room of adults, two still waiting. */
static void
build_day (Fixture *f)
{
  g_autoptr(JsonObject) stop = NULL;
  gint64 id;

  json_node_unref (gil_test_api_register (f->client.url, f->client.admin, "Lalu Ahmad", "1985-03-02", NULL));
  json_node_unref (gil_test_api_register (f->client.url, f->client.admin, "Amaq Rusni", "1950-07-14", NULL));
  json_node_unref (gil_test_api_register (f->client.url, f->client.admin, "Made Wirawan", "1990-11-30", NULL));
  stop = gil_test_api_call_next (f->client.url, f->client.admin, "K3-DEWASA");
  id = json_object_get_int_member (stop, "id");
  gil_test_api_stop_action (f->client.url, f->client.admin, id, "start");
  gil_test_api_stop_action (f->client.url, f->client.admin, id, "finish");
}

static JsonNode *
daily_json (Fixture    *f,
            const char *date)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", date);

  return gil_test_api_expect (f->client.url, f->client.token, "GET", path, NULL, NULL, 200);
}

static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GilDailyReport) report = NULL;
  g_autoptr(GilDailyReport) today = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  const GilReportFigures *totals;

  build_day (f);
  json = daily_json (f, f->today);
  report = get_daily (f->client.connection, f->today, &error);
  g_assert_no_error (error);
  g_assert_true (GIL_IS_DAILY_REPORT (report));
  assert_report (report, gil_test_api_object (json));

  /* What the day was, through the typed accessors. */
  totals = gil_daily_report_get_totals (report);
  g_assert_cmpint (totals->visits, ==, 3);
  g_assert_cmpint (totals->served, ==, 1);
  g_assert_cmpint (totals->new_patients, ==, 3);
  g_assert_cmpint (totals->service_p50, >=, 0);
  g_assert_cmpint (gil_daily_report_count_sex (report, "M"), ==, 3);
  g_assert_cmpint (gil_daily_report_count_sex (report, "F"), ==, 0);
  g_assert_cmpint (gil_daily_report_count_payer (report, "bpjs"), ==, 3);
  g_assert_cmpint (gil_daily_report_count_purpose (report, "sick"), ==, 3);
  g_assert_cmpuint (gil_daily_report_get_n_rooms (report), >, 0);
  g_assert_cmpuint (gil_daily_report_get_n_hours (report), >, 0);

  /* No date: the manager's today. */
  today = get_daily (f->client.connection, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_daily_report_get_date (today), ==, f->today);
  g_assert_cmpint (gil_daily_report_get_totals (today)->visits, ==, 3);
}

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GPtrArray) trend = NULL;
  g_autoptr(JsonNode) range_json = NULL;
  g_autoptr(JsonNode) day_json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonArray *array;
  int year, month, mday;
  GDate first;
  char from[16];

  build_day (f);
  g_assert_cmpint (sscanf (f->today, "%d-%d-%d", &year, &month, &mday), ==, 3);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, mday, month, year);
  g_date_subtract_days (&first, 2);
  g_date_strftime (from, sizeof from, "%Y-%m-%d", &first);

  path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, f->today);
  range_json = gil_test_api_expect (f->client.url, f->client.token, "GET", path, NULL, NULL, 200);
  array = json_node_get_array (range_json);
  days = get_range (f->client.connection, from, f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 3);
  g_assert_cmpuint (days->len, ==, json_array_get_length (array));
  for (guint i = 0; i < days->len; i++)
    {
      GilDailyReport *day = g_ptr_array_index (days, i);
      JsonObject *json = json_array_get_object_element (array, i);

      g_assert_cmpstr (gil_daily_report_get_date (day), ==, json_object_get_string_member (json, "date"));
      assert_figures (gil_daily_report_get_totals (day), json_object_get_object_member (json, "totals"));
      /* A day of a range has its totals only. */
      g_assert_cmpuint (gil_daily_report_get_n_rooms (day), ==, 0);
    }
  g_assert_cmpstr (gil_daily_report_get_date (g_ptr_array_index (days, 0)), ==, from);
  day_json = daily_json (f, f->today);
  assert_figures (gil_daily_report_get_totals (g_ptr_array_index (days, 2)),
                  json_object_get_object_member (gil_test_api_object (day_json), "totals"));

  /* The trend: GIL_REPORT_TREND_DAYS days, ending on the day. */
  trend = get_range (f->client.connection, NULL, f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trend->len, ==, GIL_REPORT_TREND_DAYS);
  g_assert_cmpstr (gil_daily_report_get_date (g_ptr_array_index (trend, GIL_REPORT_TREND_DAYS - 1)), ==, f->today);
  g_assert_cmpint (gil_daily_report_get_totals (g_ptr_array_index (trend, GIL_REPORT_TREND_DAYS - 1))->visits, ==, 3);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *daily_path = g_strdup_printf ("/api/v1/reports/daily?date=%s&format=csv", f->today);
  g_autofree char *range_path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s&format=csv",
                                                 f->today, f->today);
  g_autofree char *daily = NULL;
  g_autofree char *range = NULL;
  g_autoptr(GBytes) daily_csv = NULL;
  g_autoptr(GBytes) range_csv = NULL;
  g_autofree char *daily_type = NULL;
  g_autofree char *range_type = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  build_day (f);
  daily = gil_test_api_get_text (f->client.url, f->client.token, daily_path, &status, &daily_type);
  g_assert_cmpuint (status, ==, 200);
  range = gil_test_api_get_text (f->client.url, f->client.token, range_path, &status, &range_type);
  g_assert_cmpuint (status, ==, 200);

  daily_csv = get_csv (f->client.connection, NULL, f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (daily_csv, NULL), g_bytes_get_size (daily_csv), daily, strlen (daily));
  g_assert_true (g_str_has_prefix (daily, "date,section,group,measure,value\r\n"));
  range_csv = get_csv (f->client.connection, f->today, f->today, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (range_csv, NULL), g_bytes_get_size (range_csv), range, strlen (range));
}

/* ── failures, as GilApiError codes ────────────────────────────────── */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *desk = gil_test_api_pair (f->client.url, f->client.admin, "registration", "");
  g_autoptr(GilConnection) registration = gil_connection_new (f->client.url, desk);
  g_autoptr(GilConnection) stranger = gil_connection_new (f->client.url, "bukan-token");
  g_autoptr(GilDailyReport) report = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;

  /* Not a day: the manager's 400 invalid-field. */
  report = get_daily (f->client.connection, "2026-02-30", &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* A period that ends before it starts. */
  days = get_range (f->client.connection, "2026-02-01", "2026-01-01", &error);
  g_assert_null (days);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* A trend of no date at all is refused before it is asked. */
  days = get_range (f->client.connection, NULL, "kemarin", &error);
  g_assert_null (days);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* The registration desk may not read reports: 403. */
  report = get_daily (registration, f->today, &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* A token the manager does not know: 401, for the CSV too. */
  csv = get_csv (stranger, NULL, f->today, &error);
  g_assert_null (csv);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  csv = get_csv (f->client.connection, NULL, "yesterday", &error);
  g_assert_null (csv);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);
}

static void
test_unreachable (void)
{
  g_autoptr(GilConnection) connection = gil_connection_new ("http://127.0.0.1:1", "x");
  g_autoptr(GilDailyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = get_daily (connection, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
}

/* ── the type itself ───────────────────────────────────────────────── */

static void
test_from_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) day = json_from_string ("{\"date\":\"2026-11-22\","
                                              "\"totals\":{\"visits\":4,\"served\":3,\"wait_p50\":null,"
                                              "\"wait_p90\":600},"
                                              "\"rooms\":[{\"room\":3,\"name\":\"Ruang Lansia\",\"visits\":2},7],"
                                              "\"by_sex\":{\"F\":1,\"M\":3}}", &error);
  g_autoptr(JsonNode) array = json_from_string ("[1,2]", NULL);
  GilDailyReport *report;
  GPtrArray *days;

  g_assert_no_error (error);
  report = gil_daily_report_new_from_json (day, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_daily_report_get_date (report), ==, "2026-11-22");
  g_assert_cmpint (gil_daily_report_get_totals (report)->visits, ==, 4);
  /* Left out: 0 for a count, -1 for a time; null: -1. */
  g_assert_cmpint (gil_daily_report_get_totals (report)->cancelled, ==, 0);
  g_assert_cmpint (gil_daily_report_get_totals (report)->wait_p50, ==, -1);
  g_assert_cmpint (gil_daily_report_get_totals (report)->wait_p90, ==, 600);
  g_assert_cmpint (gil_daily_report_get_totals (report)->service_p50, ==, -1);
  /* What is not an object in a list is passed over. */
  g_assert_cmpuint (gil_daily_report_get_n_rooms (report), ==, 1);
  g_assert_cmpint (gil_daily_report_get_room (report, 0)->id, ==, 3);
  g_assert_cmpuint (gil_daily_report_get_n_clusters (report), ==, 0);
  g_assert_cmpint (gil_daily_report_count_sex (report, "M"), ==, 3);
  g_assert_finalize_object (report);

  /* Not a report: an error, and no object. */
  g_assert_null (gil_daily_report_new_from_json (array, &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_null (gil_daily_report_list_from_json (day, &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN);
  g_clear_error (&error);

  days = gil_daily_report_list_from_json (array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 0);
  g_ptr_array_unref (days);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/client-reports/from-json", test_from_json);
  g_test_add_func ("/giliran/client-reports/unreachable", test_unreachable);
#define ADD(path, func) \
  g_test_add ("/giliran/client-reports/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("daily", test_daily);
  ADD ("range", test_range);
  ADD ("csv", test_csv);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
