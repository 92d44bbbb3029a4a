/* test-reports-monthly.c — GET /api/v1/reports/monthly on the real
 * manager, over a month scripted day by day
 *
 * The manager runs under libfaketime on one database, started again for
 * each day, its clock set to the minute through libfaketime's timestamp
 * file: visits in December 2025, then visits on 5, 6 and 8 January
 * 2026 in both clusters, both sexes and five age groups, one patient
 * back within the year and one whose earlier visit was last year, a
 * cancellation, a skipped and an expired stop, a visit still waiting,
 * and a two-week cough sent to the infection room. The January report is
 * asked on the 8th, so it runs to that day; every figure is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-month.h"

static JsonObject *
find (JsonArray  *array,
      const char *member,
      const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        return object;
    }
  g_error ("no %s %s in the report", member, value);
}

static gint64
get (JsonObject *object,
     const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_int_member (object, member);
}

/* visits, new (or -1 where not given), returning, served, not served,
 * cancelled */
static void
check_figures (JsonObject *object,
               int         visits,
               int         new_visits,
               int         served,
               int         not_served,
               int         cancelled)
{
  g_assert_cmpint (get (object, "visits"), ==, visits);
  if (new_visits >= 0)
    {
      g_assert_cmpint (get (object, "new"), ==, new_visits);
      g_assert_cmpint (get (object, "returning"), ==, visits - new_visits);
    }
  else
    {
      g_assert_false (json_object_has_member (object, "new"));
    }
  g_assert_cmpint (get (object, "served"), ==, served);
  g_assert_cmpint (get (object, "not_served"), ==, not_served);
  g_assert_cmpint (get (object, "cancelled"), ==, cancelled);
}

/* Percentiles in minutes: wait p50, p90, service p50, p90; -1 for null,
 * when nobody was called (or, for service, finished). */
static void
check_minutes (JsonObject *object,
               int         wait_p50,
               int         wait_p90,
               int         service_p50,
               int         service_p90)
{
  const char *names[] = { "wait_p50_minutes", "wait_p90_minutes", "service_p50_minutes",
                          "service_p90_minutes" };
  const int expected[] = { wait_p50, wait_p90, service_p50, service_p90 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (json_object_has_member (object, names[i]));
      if (expected[i] < 0)
        g_assert_true (json_object_get_null_member (object, names[i]));
      else
        g_assert_cmpint (json_object_get_int_member (object, names[i]), ==, expected[i]);
    }
}

static JsonNode *
monthly (GilTestMonth      *month,
         const char *token,
         const char *which)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/monthly?month=%s", which);

  return gil_test_api_expect (month->url, token, "GET", path, NULL, NULL, 200);
}

static void
check_days (JsonObject *report,
            const int  *visits,
            guint       n,
            const char *month)
{
  JsonArray *days = json_object_get_array_member (report, "days");

  g_assert_cmpuint (json_array_get_length (days), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      g_autofree char *date = g_strdup_printf ("%s-%02u", month, i + 1);

      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, date);
      g_assert_cmpint (get (day, "visits"), ==, visits[i]);
    }
}

/* cluster, age group, F, M: every row not listed is zero. */
typedef struct
{
  const char *cluster;
  const char *age_group;
  int         f;
  int         m;
} AgeSex;

static void
check_age_sex (JsonObject   *report,
               const AgeSex *expected,
               guint         n)
{
  JsonArray *rows = json_object_get_array_member (report, "by_cluster_age_sex");
  const char *groups[] = { "bayi", "balita", "anak", "remaja", "dewasa", "lansia" };
  JsonArray *names = json_object_get_array_member (report, "age_groups");

  /* No set asked for or chosen: the app's six groups. */
  g_assert_cmpstr (json_object_get_string_member (report, "age_bands"), ==, "giliran");
  g_assert_cmpuint (json_array_get_length (names), ==, G_N_ELEMENTS (groups));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_cmpstr (json_array_get_string_element (names, i), ==, groups[i]);
  g_assert_cmpuint (json_array_get_length (rows), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *cluster = i < 6 ? "k2" : "k3";
      int f = 0, m = 0;

      g_assert_cmpstr (json_object_get_string_member (row, "cluster"), ==, cluster);
      g_assert_cmpstr (json_object_get_string_member (row, "age_group"), ==, groups[i % 6]);
      for (guint j = 0; j < n; j++)
        if (g_str_equal (expected[j].cluster, cluster) && g_str_equal (expected[j].age_group, groups[i % 6]))
          f = expected[j].f, m = expected[j].m;
      g_assert_cmpint (get (row, "F"), ==, f);
      g_assert_cmpint (get (row, "M"), ==, m);
    }
}

static void
check_counts (JsonObject  *object,
              const char **keys,
              const int   *counts)
{
  GList *members = json_object_get_members (object);
  int total = 0, listed = 0;

  for (GList *l = members; l != NULL; l = l->next)
    total += json_object_get_int_member (object, l->data);
  g_list_free (members);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_cmpint (get (object, keys[i]), ==, counts[i]);
      listed += counts[i];
    }
  /* Nothing else counted. */
  g_assert_cmpint (total, ==, listed);
}

/* The script: who came when, and what became of them. Waits (called −
 * joined) and services (finished − started) in minutes:
 *   5 Jan  Pak Lama     K3-DEWASA  wait 10, service 8
 *          Anak Balita  K2-BALITA  wait 30, service 4
 *   6 Jan  Anak Balita  K2-BALITA  wait 5, service 10
 *          Bayi Baru    K2-BALITA  wait 20, skipped
 *   8 Jan  Pak Lama     K3-DEWASA  wait 40, service 2
 *          Remaja Putri K2-ANAK    wait 45, service 20 */
static void
script (GilTestMonth *month)
{
  gint64 old, emergency, again, child, tb, elder, baby, teen, mother;
  GilTestVisit first, second;

  /* 15 December 2025: a visit last year, left waiting (it expires), and
   * a cough sent to the UGD as an emergency: no terduga TBC. */
  gil_test_month_start_day (month, "2025-12-15 10:00:00");
  old = gil_test_month_add_patient (month, "Pak Lama", "1980-03-01", "M");
  gil_test_month_visit (month, old, "sick", "", "bpjs", "K3-DEWASA");
  emergency = gil_test_month_add_patient (month, "Pak Darurat", "1970-07-01", "M");
  gil_test_month_visit (month, emergency, "sick", "\"emergency\",\"cough-2-weeks\"", "umum", "LK-UGD");
  /* Registered by mistake and cancelled, then again: both are new, the
   * cancelled visit does not make the second a returning one. */
  again = gil_test_month_add_patient (month, "Bu Ulang", "1985-04-01", "F");
  gil_test_month_cancel (month, gil_test_month_visit (month, again, "sick", "", "bpjs", "K3-DEWASA"));
  gil_test_month_visit (month, again, "sick", "", "bpjs", "K3-DEWASA");

  /* 5 January 2026. */
  gil_test_month_start_day (month, "2026-01-05 08:00:00");
  first = gil_test_month_visit (month, old, "sick", "", "bpjs", "K3-DEWASA");
  gil_test_month_set_clock (month, "2026-01-05 08:01:00");
  child = gil_test_month_add_patient (month, "Anak Balita", "2022-06-01", "F");
  second = gil_test_month_visit (month, child, "sick", "", "umum", "K2-BALITA");
  tb = gil_test_month_add_patient (month, "Ibu Batuk", "1990-01-01", "F");
  gil_test_month_visit (month, tb, "sick", "\"cough-2-weeks\"", "bpjs", "LK-KHUSUS");   /* expires */
  elder = gil_test_month_add_patient (month, "Kakek Batal", "1950-01-01", "M");
  gil_test_month_cancel (month, gil_test_month_visit (month, elder, "sick", "", "other", "K3-LANSIA"));
  gil_test_month_serve (month, first, "2026-01-05 08:10:00", "2026-01-05 08:12:00", "2026-01-05 08:20:00", NULL);
  gil_test_month_serve (month, second, "2026-01-05 08:31:00", "2026-01-05 08:31:00", "2026-01-05 08:35:00", NULL);

  /* 6 January: the child again, a baby who did not answer the call. */
  gil_test_month_start_day (month, "2026-01-06 09:00:00");
  first = gil_test_month_visit (month, child, "immunization", "", "bpjs", "K2-BALITA");
  gil_test_month_serve (month, first, "2026-01-06 09:05:00", "2026-01-06 09:05:00", "2026-01-06 09:15:00", NULL);
  gil_test_month_set_clock (month, "2026-01-06 09:16:00");
  baby = gil_test_month_add_patient (month, "Bayi Baru", "2025-08-01", "M");
  second = gil_test_month_visit (month, baby, "immunization", "", "bpjs", "K2-BALITA");
  gil_test_month_set_clock (month, "2026-01-06 09:36:00");
  gil_test_api_stop_action (month->url, month->admin, second.stop, "call");
  gil_test_api_stop_action (month->url, month->admin, second.stop, "skip");

  /* 8 January (nobody on the 7th): the man of December again, a girl, a
   * pregnant woman still waiting when the report is asked. */
  gil_test_month_start_day (month, "2026-01-08 10:00:00");
  first = gil_test_month_visit (month, old, "sick", "", "umum", "K3-DEWASA");
  gil_test_month_set_clock (month, "2026-01-08 10:05:00");
  teen = gil_test_month_add_patient (month, "Remaja Putri", "2012-05-01", "F");
  second = gil_test_month_visit (month, teen, "sick", "", "bpjs", "K2-ANAK");
  mother = gil_test_month_add_patient (month, "Ibu Hamil", "1995-02-01", "F");
  gil_test_month_visit (month, mother, "anc", "", "bpjs", "K2-KIA");
  gil_test_month_serve (month, first, "2026-01-08 10:40:00", "2026-01-08 10:40:00", "2026-01-08 10:42:00", NULL);
  gil_test_month_serve (month, second, "2026-01-08 10:50:00", "2026-01-08 10:55:00", "2026-01-08 11:15:00", NULL);
}

static void
check_january (JsonObject *report)
{
  const int days[] = { 0, 0, 0, 0, 4, 2, 0, 3 };
  const AgeSex age_sex[] = {
    { "k2", "bayi", 0, 1 }, { "k2", "balita", 2, 0 }, { "k2", "remaja", 1, 0 },
    { "k2", "dewasa", 1, 0 }, { "k3", "dewasa", 1, 2 }, { "k3", "lansia", 0, 1 },
  };
  const char *payers[] = { "bpjs", "umum", "other", NULL };
  const int payer_counts[] = { 6, 2, 1 };
  const char *purposes[] = { "sick", "immunization", "anc", NULL };
  const int purpose_counts[] = { 6, 2, 1 };
  JsonArray *clusters = json_object_get_array_member (report, "clusters");
  JsonArray *rooms = json_object_get_array_member (report, "rooms");
  JsonObject *totals = json_object_get_object_member (report, "totals");
  JsonObject *room;

  g_assert_cmpstr (json_object_get_string_member (report, "month"), ==, "2026-01");
  g_assert_cmpstr (json_object_get_string_member (report, "from"), ==, "2026-01-01");
  g_assert_cmpstr (json_object_get_string_member (report, "to"), ==, "2026-01-08");
  check_days (report, days, G_N_ELEMENTS (days), "2026-01");

  /* Nine visits: seven the patient's first of 2026 (Pak Lama's December
   * visit was last year), the child's and Pak Lama's second returning;
   * served five, not served the expired cough and the skipped baby,
   * cancelled one, the pregnant woman still waiting. */
  check_figures (totals, 9, 7, 5, 2, 1);
  /* Waits 5, 10, 20, 30, 40, 45; services 2, 4, 8, 10, 20: nearest rank. */
  check_minutes (totals, 20, 45, 8, 20);
  g_assert_cmpuint (json_array_get_length (clusters), ==, 2);
  check_figures (find (clusters, "cluster", "k2"), 5, 4, 3, 1, 0);
  check_minutes (find (clusters, "cluster", "k2"), 20, 45, 10, 20);
  check_figures (find (clusters, "cluster", "k3"), 4, 3, 2, 1, 1);
  check_minutes (find (clusters, "cluster", "k3"), 10, 40, 2, 8);

  /* Rooms count stops. */
  room = find (rooms, "code", "K3-DEWASA");
  check_figures (room, 2, -1, 2, 0, 0);
  check_minutes (room, 10, 40, 2, 8);
  g_assert_cmpstr (json_object_get_string_member (room, "name"), ==, "Ruang Usia Dewasa");
  room = find (rooms, "code", "K2-BALITA");
  check_figures (room, 3, -1, 2, 1, 0);
  check_minutes (room, 20, 30, 4, 10);
  check_figures (find (rooms, "code", "K2-ANAK"), 1, -1, 1, 0, 0);
  room = find (rooms, "code", "LK-KHUSUS");
  check_figures (room, 1, -1, 0, 1, 0);
  check_minutes (room, -1, -1, -1, -1);
  check_figures (find (rooms, "code", "K3-LANSIA"), 1, -1, 0, 0, 1);
  room = find (rooms, "code", "K2-KIA");
  check_figures (room, 1, -1, 0, 0, 0);
  check_minutes (room, -1, -1, -1, -1);
  check_figures (find (rooms, "code", "LK-UGD"), 0, -1, 0, 0, 0);

  check_age_sex (report, age_sex, G_N_ELEMENTS (age_sex));
  check_counts (json_object_get_object_member (report, "by_payer"), payers, payer_counts);
  check_counts (json_object_get_object_member (report, "by_purpose"), purposes, purpose_counts);
  g_assert_cmpint (get (report, "tb_presumptive"), ==, 1);
}

/* The whole of last December: four visits, one cancelled, the others
 * expired; a cough, but at the UGD. */
static void
check_december (JsonObject *report)
{
  JsonArray *days = json_object_get_array_member (report, "days");
  JsonObject *totals = json_object_get_object_member (report, "totals");
  const AgeSex age_sex[] = { { "k3", "dewasa", 2, 2 } };

  g_assert_cmpstr (json_object_get_string_member (report, "to"), ==, "2025-12-31");
  g_assert_cmpuint (json_array_get_length (days), ==, 31);
  for (guint i = 0; i < 31; i++)
    g_assert_cmpint (get (json_array_get_object_element (days, i), "visits"), ==, i == 14 ? 4 : 0);
  check_figures (totals, 4, 4, 0, 3, 1);
  check_minutes (totals, -1, -1, -1, -1);
  check_age_sex (report, age_sex, G_N_ELEMENTS (age_sex));
  g_assert_cmpint (get (report, "tb_presumptive"), ==, 0);
}

/* December and January as one period: each visit is new or returning in
 * its own year (Pak Lama's December visit and his first of January are
 * both new), a day per day over the turn of the year. */
static void
check_winter (JsonObject *report)
{
  JsonArray *days = json_object_get_array_member (report, "days");
  JsonObject *totals = json_object_get_object_member (report, "totals");

  g_assert_true (json_object_get_null_member (report, "month"));
  g_assert_cmpstr (json_object_get_string_member (report, "from"), ==, "2025-12-01");
  g_assert_cmpstr (json_object_get_string_member (report, "to"), ==, "2026-01-08");
  g_assert_cmpuint (json_array_get_length (days), ==, 39);
  for (guint i = 0; i < 39; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      const int visits = i == 14 ? 4 : i == 35 ? 4 : i == 36 ? 2 : i == 38 ? 3 : 0;

      g_assert_cmpint (get (day, "visits"), ==, visits);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 31), "date"), ==,
                   "2026-01-01");
  check_figures (totals, 13, 11, 5, 5, 2);
  g_assert_cmpint (get (report, "tb_presumptive"), ==, 1);
}

static void
expect_error (GilTestMonth      *month,
              const char *token,
              const char *path,
              guint       status,
              const char *code)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (month->url, token, "GET", path, NULL, NULL, status);

  g_assert_cmpstr (gil_test_api_error (reply), ==, code);
}

static void
test_month (void)
{
  const char *bad[] = {
    "/api/v1/reports/monthly", "/api/v1/reports/monthly?month=", "/api/v1/reports/monthly?month=2026-1",
    "/api/v1/reports/monthly?month=2026-13", "/api/v1/reports/monthly?month=2026-00",
    "/api/v1/reports/monthly?month=2026-01-01", "/api/v1/reports/monthly?month=abcd-ef",
    "/api/v1/reports/monthly?month=%2B2026-1",
    /* The manager's today is 8 January 2026. */
    "/api/v1/reports/monthly?month=2026-02", "/api/v1/reports/monthly?month=2027-01",
  };
  g_autoptr(JsonNode) january = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) december = NULL;
  g_autoptr(JsonNode) winter = NULL;
  g_autofree char *head = NULL;
  g_autofree char *room_token = NULL;
  g_autofree char *room_id = NULL;
  g_autofree char *registration = NULL;
  GilTestMonth month = { 0 };

  if (!gil_test_month_init (&month))
    return;
  script (&month);

  head = gil_test_api_pair (month.url, month.admin, "head", "");
  january = monthly (&month, head, "2026-01");
  check_january (gil_test_api_object (january));
  again = monthly (&month, month.admin, "2026-01");
  check_january (gil_test_api_object (again));
  december = monthly (&month, head, "2025-12");
  check_december (gil_test_api_object (december));
  winter = gil_test_api_expect (month.url, head, "GET", "/api/v1/reports/monthly?from=2025-12-01&to=2026-01-08",
                                NULL, NULL, 200);
  check_winter (gil_test_api_object (winter));
  expect_error (&month, head, "/api/v1/reports/monthly?from=2025-12-01&to=2026-01-09", 400, "invalid-field");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    expect_error (&month, head, bad[i], 400, "invalid-field");
  room_id = g_strdup_printf ("%" G_GINT64_FORMAT, gil_test_api_room_id (month.url, month.admin, "K3-DEWASA"));
  room_token = gil_test_api_pair (month.url, month.admin, "room", room_id);
  registration = gil_test_api_pair (month.url, month.admin, "registration", "");
  expect_error (&month, room_token, "/api/v1/reports/monthly?month=2026-01", 403, "forbidden");
  expect_error (&month, registration, "/api/v1/reports/monthly?month=2026-01", 403, "forbidden");

  gil_test_month_clear (&month);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/reports-monthly/month", test_month);
  return g_test_run ();
}
