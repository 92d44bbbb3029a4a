/* test-client-monthly.c — the client's typed month report against the
 * real giliran-manager on loopback: a month with visits of both sexes,
 * both clusters, a served one, a cancelled one and a two-week cough read
 * as a GilMonthlyReport whose every figure is the manager's JSON; the
 * same for a free period and another set of age bands; and the failures
 * as their GilApiError codes
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-connection-reports.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"


typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;
  char           *head;       /* a paired head station's token */
  char           *month;      /* the manager's month, YYYY-MM */
  char           *today;      /* the manager's day, YYYY-MM-DD */
  GilConnection  *connection; /* as the head */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) health = NULL;
  const char *day;

  f->manager = gil_test_manager_start_api (&f->url, &f->admin);
  f->head = gil_test_api_pair (f->url, f->admin, "head", "");
  health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  day = json_object_get_string_member (gil_test_api_object (health), "day");
  f->month = g_strndup (day, 7);
  f->today = g_strdup (day);
  f->connection = gil_connection_new (f->url, f->head);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->connection);
  g_free (f->head);
  g_free (f->month);
  g_free (f->today);
  gil_test_manager_free (f->manager);
}

static GilMonthlyReport *
get_monthly_in (GilConnection  *connection,
                const char     *month,
                const char     *age_bands,
                GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_get_monthly_report_async (connection, month, age_bands, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_monthly_report_finish (connection, gil_test_client_wait (&result, "the monthly report"),
                                                   error);
}

static GilMonthlyReport *
get_monthly (GilConnection  *connection,
             const char     *month,
             GError        **error)
{
  return get_monthly_in (connection, month, NULL, error);
}

static GilMonthlyReport *
get_period (GilConnection  *connection,
            const char     *from,
            const char     *to,
            const char     *age_bands,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_get_period_report_async (connection, from, to, age_bands, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_period_report_finish (connection, gil_test_client_wait (&result, "the period's report"),
                                                  error);
}

/* ── the month ─────────────────────────────────────────────────────── */

/* Registers a visit of a new patient. Returns: the visit's id */
static gint64
visit (Fixture    *f,
       const char *name,
       const char *birth_date,
       const char *sex,
       const char *signs,
       const char *payer)
{
  g_autofree char *patient_body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                                   name, birth_date, sex);
  g_autoptr(JsonNode) patient = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                                     patient_body, NULL, 201);
  g_autofree char *visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                                 "\"signs\":[%s],\"pregnant\":false,\"payer\":\"%s\"}",
                                                 json_object_get_int_member (gil_test_api_object (patient), "id"),
                                                 signs, payer);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits",
                                                   visit_body, NULL, 201);

  return json_object_get_int_member (gil_test_api_object (reply), "id");
}

/* Four visits: a man served in the room of adults, a child waiting, a
 * woman's two-week cough (terduga TBC) and a visit cancelled. */
static void
build_month (Fixture *f)
{
  g_autoptr(JsonObject) stop = NULL;
  g_autofree char *cancel_path = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  gint64 id;

  visit (f, "Lalu Ahmad", "1985-03-02", "M", "", "bpjs");
  visit (f, "Baiq Nur", "2021-05-01", "F", "", "umum");
  visit (f, "Inaq Sahnun", "1990-01-01", "F", "\"cough-2-weeks\"", "bpjs");
  id = visit (f, "Made Salah", "1970-08-08", "M", "", "bpjs");
  cancel_path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/cancel", id);
  cancelled = gil_test_api_expect (f->url, f->admin, "POST", cancel_path, "{\"reason\":\"salah daftar\"}", NULL, 200);
  stop = gil_test_api_call_next (f->url, f->admin, "K3-DEWASA");
  id = json_object_get_int_member (stop, "id");
  gil_test_api_stop_action (f->url, f->admin, id, "start");
  gil_test_api_stop_action (f->url, f->admin, id, "finish");
}

/* ── the manager's JSON, read apart ────────────────────────────────── */

static gint64
json_count (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_int (node) : 0;
}

static gint64
json_minutes (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return !JSON_NODE_HOLDS_NULL (node) ? json_node_get_int (node) : -1;
}

static void
assert_figures (const GilMonthFigures *figures,
                JsonObject            *json,
                gboolean               new_returning)
{
  g_assert_cmpint (figures->visits, ==, json_count (json, "visits"));
  g_assert_cmpint (figures->served, ==, json_count (json, "served"));
  g_assert_cmpint (figures->not_served, ==, json_count (json, "not_served"));
  g_assert_cmpint (figures->cancelled, ==, json_count (json, "cancelled"));
  g_assert_cmpint (figures->wait_p50, ==, json_minutes (json, "wait_p50_minutes"));
  g_assert_cmpint (figures->wait_p90, ==, json_minutes (json, "wait_p90_minutes"));
  g_assert_cmpint (figures->service_p50, ==, json_minutes (json, "service_p50_minutes"));
  g_assert_cmpint (figures->service_p90, ==, json_minutes (json, "service_p90_minutes"));
  g_assert_cmpint (figures->new_visits, ==, json_count (json, "new"));
  g_assert_cmpint (figures->returning, ==, json_count (json, "returning"));
  g_assert_true (json_object_has_member (json, "new") == new_returning);
}

/* Each group of @json, in order, is the report's (@n of them, read by @get). */
static void
assert_counts (GilMonthlyReport      *report,
               guint                (*n) (GilMonthlyReport *),
               const GilReportCount *(*get) (GilMonthlyReport *, guint),
               gint64               (*count) (GilMonthlyReport *, const char *),
               JsonObject            *json)
{
  g_autoptr(GList) members = json_object_get_members (json);
  guint i = 0;

  g_assert_nonnull (members);
  g_assert_cmpuint (n (report), ==, g_list_length (members));
  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      g_assert_cmpstr (get (report, i)->key, ==, l->data);
      g_assert_cmpint (get (report, i)->visits, ==, json_count (json, l->data));
      g_assert_cmpint (count (report, l->data), ==, json_count (json, l->data));
    }
  g_assert_cmpint (count (report, "no-such-group"), ==, 0);
}

static void
assert_days (GilMonthlyReport *report,
             JsonArray        *days)
{
  g_assert_cmpuint (gil_monthly_report_get_n_days (report), ==, json_array_get_length (days));
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);

      g_assert_cmpstr (gil_monthly_report_get_day (report, i)->date, ==, json_object_get_string_member (day, "date"));
      g_assert_cmpint (gil_monthly_report_get_day (report, i)->visits, ==, json_count (day, "visits"));
    }
}

static void
assert_groups (GilMonthlyReport *report,
               JsonArray        *clusters,
               JsonArray        *rooms,
               JsonArray        *age_sex)
{
  g_assert_cmpuint (gil_monthly_report_get_n_clusters (report), ==, json_array_get_length (clusters));
  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);

      g_assert_cmpstr (gil_monthly_report_get_cluster (report, i)->cluster, ==,
                       json_object_get_string_member (cluster, "cluster"));
      assert_figures (&gil_monthly_report_get_cluster (report, i)->figures, cluster, TRUE);
    }

  g_assert_cmpuint (gil_monthly_report_get_n_rooms (report), ==, json_array_get_length (rooms));
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);
      const GilMonthRoom *typed = gil_monthly_report_get_room (report, i);

      g_assert_cmpint (typed->id, ==, json_object_get_int_member (room, "room"));
      g_assert_cmpstr (typed->code, ==, json_object_get_string_member (room, "code"));
      g_assert_cmpstr (typed->name, ==, json_object_get_string_member (room, "name"));
      assert_figures (&typed->figures, room, FALSE);
    }

  g_assert_cmpuint (gil_monthly_report_get_n_age_sex (report), ==, json_array_get_length (age_sex));
  for (guint i = 0; i < json_array_get_length (age_sex); i++)
    {
      JsonObject *row = json_array_get_object_element (age_sex, i);
      const GilMonthAgeSex *typed = gil_monthly_report_get_age_sex (report, i);

      g_assert_cmpstr (typed->cluster, ==, json_object_get_string_member (row, "cluster"));
      g_assert_cmpstr (typed->age_group, ==, json_object_get_string_member (row, "age_group"));
      g_assert_cmpint (typed->women, ==, json_count (row, "F"));
      g_assert_cmpint (typed->men, ==, json_count (row, "M"));
    }
}

/* Every figure of @report is the one the manager's JSON has. */
static void
assert_age_groups (GilMonthlyReport *report,
                   JsonObject       *json)
{
  JsonArray *groups = json_object_get_array_member (json, "age_groups");

  g_assert_cmpstr (gil_monthly_report_get_age_bands (report), ==, json_object_get_string_member (json, "age_bands"));
  g_assert_cmpuint (gil_monthly_report_get_n_age_groups (report), ==, json_array_get_length (groups));
  g_assert_cmpuint (json_array_get_length (groups), >, 0);
  for (guint i = 0; i < json_array_get_length (groups); i++)
    g_assert_cmpstr (gil_monthly_report_get_age_group (report, i), ==, json_array_get_string_element (groups, i));
}

static void
assert_report (GilMonthlyReport *report,
               JsonObject       *json)
{
  g_assert_cmpstr (gil_monthly_report_get_month (report), ==, json_object_get_string_member (json, "month"));
  assert_age_groups (report, json);
  g_assert_cmpstr (gil_monthly_report_get_from (report), ==, json_object_get_string_member (json, "from"));
  g_assert_cmpstr (gil_monthly_report_get_to (report), ==, json_object_get_string_member (json, "to"));
  assert_figures (gil_monthly_report_get_totals (report), json_object_get_object_member (json, "totals"), TRUE);
  assert_days (report, json_object_get_array_member (json, "days"));
  assert_groups (report, json_object_get_array_member (json, "clusters"),
                 json_object_get_array_member (json, "rooms"),
                 json_object_get_array_member (json, "by_cluster_age_sex"));
  assert_counts (report, gil_monthly_report_get_n_payers, gil_monthly_report_get_payer,
                 gil_monthly_report_count_payer, json_object_get_object_member (json, "by_payer"));
  assert_counts (report, gil_monthly_report_get_n_purposes, gil_monthly_report_get_purpose,
                 gil_monthly_report_count_purpose, json_object_get_object_member (json, "by_purpose"));
  g_assert_cmpint (gil_monthly_report_get_tb_presumptive (report), ==, json_count (json, "tb_presumptive"));
}

static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const GilMonthFigures *totals;
  gint64 women = 0, men = 0;

  build_month (f);
  path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", f->month);
  json = gil_test_api_expect (f->url, f->head, "GET", path, NULL, NULL, 200);
  report = get_monthly (f->connection, f->month, &error);
  g_assert_no_error (error);
  g_assert_true (GIL_IS_MONTHLY_REPORT (report));
  assert_report (report, gil_test_api_object (json));

  /* What the month was, through the typed accessors. */
  totals = gil_monthly_report_get_totals (report);
  g_assert_cmpstr (gil_monthly_report_get_month (report), ==, f->month);
  g_assert_cmpint (totals->visits, ==, 4);
  g_assert_cmpint (totals->new_visits, ==, 4);
  g_assert_cmpint (totals->returning, ==, 0);
  g_assert_cmpint (totals->served, ==, 1);
  g_assert_cmpint (totals->cancelled, ==, 1);
  g_assert_cmpint (totals->service_p50, >=, 0);
  g_assert_cmpint (totals->service_p90, >=, totals->service_p50);
  g_assert_cmpint (gil_monthly_report_get_tb_presumptive (report), ==, 1);
  g_assert_cmpint (gil_monthly_report_count_payer (report, "bpjs"), ==, 3);
  g_assert_cmpint (gil_monthly_report_count_payer (report, "umum"), ==, 1);
  g_assert_cmpint (gil_monthly_report_count_purpose (report, "sick"), ==, 4);
  g_assert_cmpuint (gil_monthly_report_get_n_clusters (report), ==, 2);
  g_assert_cmpuint (gil_monthly_report_get_n_age_sex (report), ==, 12);
  for (guint i = 0; i < gil_monthly_report_get_n_age_sex (report); i++)
    {
      women += gil_monthly_report_get_age_sex (report, i)->women;
      men += gil_monthly_report_get_age_sex (report, i)->men;
    }
  g_assert_cmpint (women, ==, 2);
  g_assert_cmpint (men, ==, 2);
  g_assert_cmpstr (gil_monthly_report_get_day (report, gil_monthly_report_get_n_days (report) - 1)->date, ==,
                   gil_monthly_report_get_to (report));
  g_assert_cmpstr (gil_monthly_report_get_age_bands (report), ==, "giliran");
  g_assert_cmpuint (gil_monthly_report_get_n_age_groups (report), ==, 6);
  g_assert_cmpstr (gil_monthly_report_get_age_group (report, 0), ==, "bayi");
  g_assert_cmpstr (gil_monthly_report_get_age_group (report, 5), ==, "lansia");
}

/* The month in the SPM's bands: five groups, the rows in them. */
static void
test_month_bands (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *spm[] = { "bayi-baru-lahir", "bayi-balita", "pendidikan-dasar", "usia-produktif", "usia-lanjut" };

  build_month (f);
  path = g_strdup_printf ("/api/v1/reports/monthly?month=%s&age_bands=spm", f->month);
  json = gil_test_api_expect (f->url, f->head, "GET", path, NULL, NULL, 200);
  report = get_monthly_in (f->connection, f->month, "spm", &error);
  g_assert_no_error (error);
  assert_report (report, gil_test_api_object (json));
  g_assert_cmpstr (gil_monthly_report_get_age_bands (report), ==, "spm");
  g_assert_cmpuint (gil_monthly_report_get_n_age_groups (report), ==, G_N_ELEMENTS (spm));
  for (guint i = 0; i < G_N_ELEMENTS (spm); i++)
    g_assert_cmpstr (gil_monthly_report_get_age_group (report, i), ==, spm[i]);
  g_assert_cmpuint (gil_monthly_report_get_n_age_sex (report), ==, 2 * G_N_ELEMENTS (spm));
  /* Row 5 + 3: cluster 3's usia produktif, the three adults (two men,
   * 41 and 56 years, a woman of 36). */
  g_assert_cmpstr (gil_monthly_report_get_age_sex (report, 3)->age_group, ==, "usia-produktif");
  g_assert_cmpint (gil_monthly_report_get_age_sex (report, 5 + 3)->men, ==, 2);
  g_assert_cmpint (gil_monthly_report_get_age_sex (report, 5 + 3)->women, ==, 1);
}

/* A free period: the month's shape, no month. */
static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  GDate day;

  build_month (f);
  g_date_clear (&day, 1);
  g_date_set_parse (&day, f->today);
  g_date_subtract_days (&day, 40);
  from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  path = g_strdup_printf ("/api/v1/reports/monthly?from=%s&to=%s&age_bands=permenkes", from, f->today);
  json = gil_test_api_expect (f->url, f->head, "GET", path, NULL, NULL, 200);
  report = get_period (f->connection, from, f->today, "permenkes", &error);
  g_assert_no_error (error);
  g_assert_true (GIL_IS_MONTHLY_REPORT (report));
  assert_report (report, gil_test_api_object (json));
  g_assert_null (gil_monthly_report_get_month (report));
  g_assert_cmpstr (gil_monthly_report_get_from (report), ==, from);
  g_assert_cmpstr (gil_monthly_report_get_to (report), ==, f->today);
  g_assert_cmpuint (gil_monthly_report_get_n_days (report), ==, 41);
  g_assert_cmpint (gil_monthly_report_get_day (report, 40)->visits, ==, 4);
  g_assert_cmpint (gil_monthly_report_get_totals (report)->visits, ==, 4);
  g_assert_cmpstr (gil_monthly_report_get_age_bands (report), ==, "permenkes");
  g_assert_cmpuint (gil_monthly_report_get_n_age_groups (report), ==, 7);
  g_assert_cmpstr (gil_monthly_report_get_age_group (report, 0), ==, "neonatus");
  g_assert_cmpstr (gil_monthly_report_get_age_group (report, 3), ==, "prasekolah");

  /* No set asked: the manager's (giliran, nothing chosen). */
  g_clear_object (&report);
  report = get_period (f->connection, f->today, f->today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_monthly_report_get_age_bands (report), ==, "giliran");
  g_assert_cmpuint (gil_monthly_report_get_n_days (report), ==, 1);
}

/* ── failures, as GilApiError codes ────────────────────────────────── */

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *desk = gil_test_api_pair (f->url, f->admin, "registration", "");
  g_autoptr(GilConnection) registration = gil_connection_new (f->url, desk);
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Not a month: the manager's 400 invalid-field. */
  report = get_monthly (f->connection, "2026-13", &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* A month to come. */
  report = get_monthly (f->connection, "2999-01", &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* Backwards, past today, an unknown set. */
  report = get_period (f->connection, f->today, "2000-01-01", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  report = get_period (f->connection, f->today, "2999-01-01", NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  report = get_period (f->connection, f->today, f->today, "who", &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  report = get_monthly_in (f->connection, f->month, "who", &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* The registration desk may not read reports: 403. */
  report = get_monthly (registration, f->month, &error);
  g_assert_null (report);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_clear_error (&error);
}

/* A report outlives neither its call nor its caller's last reference. */
static void
test_finalize (Fixture       *f,
               gconstpointer  data)
{
  GilMonthlyReport *report;
  g_autoptr(GError) error = NULL;

  build_month (f);
  report = get_monthly (f->connection, f->month, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gil_monthly_report_get_n_rooms (report), >, 0);
  g_assert_finalize_object (report);

  report = get_period (f->connection, f->today, f->today, "spm", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gil_monthly_report_get_n_age_groups (report), ==, 5);
  g_assert_finalize_object (report);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/giliran/client-monthly/month", Fixture, NULL, fixture_set_up, test_month, fixture_tear_down);
  g_test_add ("/giliran/client-monthly/month-bands", Fixture, NULL, fixture_set_up, test_month_bands,
              fixture_tear_down);
  g_test_add ("/giliran/client-monthly/period", Fixture, NULL, fixture_set_up, test_period, fixture_tear_down);
  g_test_add ("/giliran/client-monthly/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/giliran/client-monthly/finalize", Fixture, NULL, fixture_set_up, test_finalize, fixture_tear_down);
  return g_test_run ();
}
