/* test-outcome.c — how a visit ended, through the API of the real
 * giliran-manager: the room finishes the last stop as home (pulang),
 * referred with where to (dirujuk) or died (meninggal); a bad body changes
 * nothing; the daily and the monthly report count referrals and deaths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

typedef GilTestServer Fixture;

static JsonObject *
object (JsonNode *node)
{
  return gil_test_api_object (node);
}

/* Registers a patient of 40 and brings their first stop to serving.
 * @visit: (out): the visit's id; returns the stop's. */
static gint64
serving_stop (Fixture    *f,
              const char *name,
              gint64     *visit)
{
  g_autofree char *birth = gil_test_api_years_ago (40);
  g_autoptr(JsonNode) registered = gil_test_api_register (f->url, f->admin, name, birth, NULL);
  gint64 stop = gil_test_api_first_stop (registered);

  *visit = json_object_get_int_member (object (registered), "id");
  gil_test_api_stop_action (f->url, f->admin, stop, "call");
  gil_test_api_stop_action (f->url, f->admin, stop, "start");
  return stop;
}

static JsonNode *
get_visit (Fixture *f,
           gint64   visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);

  return gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
}

/* The visit's outcome and where to, as "outcome|referred_to", "-" for null. */
static char *
outcome_of (JsonObject *visit)
{
  const char *outcome = json_object_get_string_member (visit, "outcome");
  const char *referred_to = json_object_get_string_member (visit, "referred_to");

  g_assert_true (json_object_has_member (visit, "outcome"));
  g_assert_true (json_object_has_member (visit, "referred_to"));
  return g_strdup_printf ("%s|%s", outcome != NULL ? outcome : "-", referred_to != NULL ? referred_to : "-");
}

/* The status of the last stop of the visit. */
static char *
last_status (JsonObject *visit)
{
  JsonArray *stops = json_object_get_array_member (visit, "stops");
  guint n = json_array_get_length (stops);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (stops, n - 1), "status"));
}

static JsonNode *
finish (Fixture    *f,
        gint64      stop,
        const char *body,
        guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", stop);

  return gil_test_api_expect (f->url, f->admin, "POST", path, body, NULL, expected);
}

static void
expect_refused (Fixture    *f,
                gint64      stop,
                gint64      visit,
                const char *body,
                const char *code)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", stop);
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *status = NULL;

  gil_test_api_expect_error (f->url, f->admin, "POST", path, body, 400, code);
  after = get_visit (f, visit);
  outcome = outcome_of (object (after));
  status = last_status (object (after));
  g_assert_cmpstr (outcome, ==, "-|-");
  g_assert_cmpstr (status, ==, "serving");
}

/* A bad body is refused with invalid-field and changes nothing; then a
 * referral with where to is recorded, trimmed, on the visit. */
static void
test_referred (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *long_place = g_strnfill (201, 'x');
  g_autofree char *longest = g_strnfill (200, 'x');
  g_autofree char *too_long = g_strdup_printf ("{\"outcome\":\"referred\",\"referred_to\":\"%s\"}", long_place);
  g_autofree char *just_fits = g_strdup_printf ("{\"outcome\":\"referred\",\"referred_to\":\"%s\"}", longest);
  g_autoptr(JsonNode) finished = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *other_outcome = NULL;
  gint64 visit, stop, other_visit, other_stop;

  stop = serving_stop (f, "Rujuk", &visit);
  expect_refused (f, stop, visit, "{\"outcome\":\"referred\"}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"referred\",\"referred_to\":null}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"referred\",\"referred_to\":\"\"}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"referred\",\"referred_to\":\"   \"}", "invalid-field");
  expect_refused (f, stop, visit, too_long, "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"home\",\"referred_to\":\"RSUD\"}", "invalid-field");
  expect_refused (f, stop, visit, "{\"referred_to\":\"RSUD\"}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"lost\"}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":3}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":\"referred\",\"referred_to\":7}", "invalid-field");
  expect_refused (f, stop, visit, "{\"outcome\":", "invalid-json");

  finished = finish (f, stop, "{\"outcome\":\"referred\",\"referred_to\":\"  RSUD Kota Mataram \"}", 200);
  outcome = outcome_of (json_object_get_object_member (object (finished), "visit"));
  g_assert_cmpstr (outcome, ==, "referred|RSUD Kota Mataram");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object (finished), "stop"),
                                                  "status"), ==, "done");
  /* Finished is finished: no second outcome. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", stop);

    gil_test_api_expect_error (f->url, f->admin, "POST", path, "{\"outcome\":\"died\"}", 409,
                               "invalid-transition");
  }
  again = get_visit (f, visit);
  g_clear_pointer (&outcome, g_free);
  outcome = outcome_of (object (again));
  g_assert_cmpstr (outcome, ==, "referred|RSUD Kota Mataram");

  /* 200 characters are enough. */
  other_stop = serving_stop (f, "Rujuk Jauh", &other_visit);
  g_clear_pointer (&again, json_node_unref);
  again = finish (f, other_stop, just_fits, 200);
  other = get_visit (f, other_visit);
  other_outcome = outcome_of (object (other));
  g_assert_cmpuint (strlen (other_outcome), ==, strlen ("referred|") + 200);
}

/* A finish without a body records nothing, as before; home and died are
 * kept without a place. */
static void
test_home_died_none (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) home = NULL;
  g_autoptr(JsonNode) died = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autofree char *home_outcome = NULL;
  g_autofree char *died_outcome = NULL;
  g_autofree char *none_outcome = NULL;
  g_autofree char *empty_outcome = NULL;
  gint64 visit, stop;

  stop = serving_stop (f, "Pulang", &visit);
  home = finish (f, stop, "{\"outcome\":\"home\"}", 200);
  home_outcome = outcome_of (json_object_get_object_member (object (home), "visit"));
  g_assert_cmpstr (home_outcome, ==, "home|-");

  stop = serving_stop (f, "Meninggal", &visit);
  died = finish (f, stop, "{\"outcome\":\"died\",\"referred_to\":null}", 200);
  died_outcome = outcome_of (json_object_get_object_member (object (died), "visit"));
  g_assert_cmpstr (died_outcome, ==, "died|-");

  stop = serving_stop (f, "Tanpa", &visit);
  none = finish (f, stop, NULL, 200);
  none_outcome = outcome_of (json_object_get_object_member (object (none), "visit"));
  g_assert_cmpstr (none_outcome, ==, "-|-");

  stop = serving_stop (f, "Kosong", &visit);
  empty = finish (f, stop, "{\"outcome\":null}", 200);
  empty_outcome = outcome_of (json_object_get_object_member (object (empty), "visit"));
  g_assert_cmpstr (empty_outcome, ==, "-|-");
}

/* A stop that sends the patient back to the room they came from is not
 * the visit's end: an outcome there is refused and changes nothing. */
static void
test_goes_back (Fixture       *f,
                gconstpointer  data)
{
  gint64 lab = gil_test_api_room_id (f->url, f->admin, "LK-LAB");
  g_autofree char *body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"return\":true}", lab);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autofree char *outcome = NULL;
  gint64 visit, stop, lab_stop;

  stop = serving_stop (f, "Lab", &visit);
  path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/transfer", stop);
  moved = gil_test_api_expect (f->url, f->admin, "POST", path, body, NULL, 200);
  lab_stop = json_object_get_int_member (json_object_get_object_member (object (moved), "stop"), "id");
  gil_test_api_stop_action (f->url, f->admin, lab_stop, "call");
  gil_test_api_stop_action (f->url, f->admin, lab_stop, "start");

  expect_refused (f, lab_stop, visit, "{\"outcome\":\"home\"}", "invalid-field");
  done = finish (f, lab_stop, NULL, 200);
  outcome = outcome_of (json_object_get_object_member (object (done), "visit"));
  g_assert_cmpstr (outcome, ==, "-|-");
}

/* The totals and clusters of the day and of the month, figure by figure. */
static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *daily_path = g_date_time_format (now, "/api/v1/reports/daily?date=%Y-%m-%d");
  g_autofree char *monthly_path = g_date_time_format (now, "/api/v1/reports/monthly?month=%Y-%m");
  g_autoptr(JsonNode) daily = NULL;
  g_autoptr(JsonNode) monthly = NULL;
  static const char * const bodies[] = {
    "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}",
    "{\"outcome\":\"referred\",\"referred_to\":\"RS Bhayangkara\"}",
    "{\"outcome\":\"died\"}",
    "{\"outcome\":\"home\"}",
    NULL,
  };
  JsonObject *totals, *cluster;
  JsonArray *clusters;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *name = g_strdup_printf ("Pasien %u", i);
      g_autoptr(JsonNode) done = NULL;
      gint64 visit;
      gint64 stop = serving_stop (f, name, &visit);

      done = finish (f, stop, bodies[i], 200);
    }
  /* A refused one counts for nothing. */
  {
    gint64 visit;
    gint64 stop = serving_stop (f, "Ditolak", &visit);

    expect_refused (f, stop, visit, "{\"outcome\":\"referred\"}", "invalid-field");
  }

  daily = gil_test_api_expect (f->url, f->admin, "GET", daily_path, NULL, NULL, 200);
  totals = json_object_get_object_member (object (daily), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (totals, "referred"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "died"), ==, 1);

  monthly = gil_test_api_expect (f->url, f->admin, "GET", monthly_path, NULL, NULL, 200);
  totals = json_object_get_object_member (object (monthly), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (totals, "referred"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "died"), ==, 1);
  /* All six are adults: cluster k3 has them, k2 none. */
  clusters = json_object_get_array_member (object (monthly), "clusters");
  for (guint i = 0; i < json_array_get_length (clusters); i++)
    {
      gboolean k3;

      cluster = json_array_get_object_element (clusters, i);
      k3 = g_strcmp0 (json_object_get_string_member (cluster, "cluster"), "k3") == 0 ||
           g_strcmp0 (json_object_get_string_member_with_default (cluster, "code", ""), "k3") == 0;
      g_assert_cmpint (json_object_get_int_member (cluster, "referred"), ==, k3 ? 2 : 0);
      g_assert_cmpint (json_object_get_int_member (cluster, "died"), ==, k3 ? 1 : 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/outcome/" path, Fixture, NULL, gil_test_server_set_up, func, gil_test_server_tear_down)
  ADD ("referred", test_referred);
  ADD ("home-died-none", test_home_died_none);
  ADD ("goes-back", test_goes_back);
  ADD ("reports", test_reports);
#undef ADD

  return g_test_run ();
}
