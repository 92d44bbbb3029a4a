/* test-reports-range.c — GET /api/v1/reports/monthly with the age bands
 * and with a free period (from, to), on the real manager
 *
 * Seventeen patients come today, each at an edge of an age band: born
 * today, 28 and 29 days ago, a day short of 12 months and 12 months
 * ago, and so on up to a day short of 60 years and 60 years. The report
 * of today, as a period and as this month, puts each of them in its band
 * of each set (giliran, permenkes, spm), written out here by hand, and
 * the figures are checked row by row. The set comes from age_bands=, or
 * else from the settings key age_bands (written while the manager is
 * stopped), or else is giliran. Every refused query is a 400
 * invalid-field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

typedef enum
{
  GILIRAN,
  PERMENKES,
  SPM,
  N_SETS
} Set;

static const char * const set_ids[N_SETS] = { "giliran", "permenkes", "spm" };

/* The bands of each set, in order. */
static const char * const bands[N_SETS][8] = {
  { "bayi", "balita", "anak", "remaja", "dewasa", "lansia", NULL },
  { "neonatus", "post-neonatal", "balita", "prasekolah", "sekolah-remaja", "dewasa", "lansia", NULL },
  { "bayi-baru-lahir", "bayi-balita", "pendidikan-dasar", "usia-produktif", "usia-lanjut", NULL },
};

/* A patient at an edge: born @months whole months and then @days days
 * before today (a negative @days: that many days short of @months), and
 * the band the patient is in under each set. */
typedef struct
{
  int         months;
  int         days;
  const char *sex;
  const char *band[N_SETS];
} Edge;

static const Edge edges[] = {
  { 0, 0, "F", { "bayi", "neonatus", "bayi-baru-lahir" } },
  { 0, 28, "M", { "bayi", "neonatus", "bayi-baru-lahir" } },
  { 0, 29, "F", { "bayi", "post-neonatal", "bayi-balita" } },
  { 12, -1, "M", { "bayi", "post-neonatal", "bayi-balita" } },
  { 12, 0, "F", { "balita", "balita", "bayi-balita" } },
  { 60, -1, "M", { "balita", "balita", "bayi-balita" } },
  { 60, 0, "F", { "anak", "prasekolah", "pendidikan-dasar" } },
  { 73, -1, "M", { "anak", "prasekolah", "pendidikan-dasar" } },
  { 73, 0, "F", { "anak", "sekolah-remaja", "pendidikan-dasar" } },
  { 120, -1, "M", { "anak", "sekolah-remaja", "pendidikan-dasar" } },
  { 120, 0, "F", { "remaja", "sekolah-remaja", "pendidikan-dasar" } },
  { 180, -1, "M", { "remaja", "sekolah-remaja", "pendidikan-dasar" } },
  { 180, 0, "F", { "remaja", "sekolah-remaja", "usia-produktif" } },
  { 216, -1, "M", { "remaja", "sekolah-remaja", "usia-produktif" } },
  { 216, 0, "F", { "dewasa", "dewasa", "usia-produktif" } },
  { 720, -1, "M", { "dewasa", "dewasa", "usia-produktif" } },
  { 720, 0, "F", { "lansia", "lansia", "usia-lanjut" } },
};

typedef struct
{
  GilTestManager *m;
  const char     *url;
  const char     *admin;
  char           *head;
  char           *today;   /* the manager's, YYYY-MM-DD */
} Range;

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* Returns: (transfer full): @date moved by @days */
static char *
shift (const char *date,
       int         days)
{
  GDate when;

  g_date_clear (&when, 1);
  g_date_set_parse (&when, date);
  g_assert_true (g_date_valid (&when));
  if (days >= 0)
    g_date_add_days (&when, days);
  else
    g_date_subtract_days (&when, -days);
  return format_date (&when);
}

static char *
birth_date (Range      *range,
            const Edge *edge)
{
  GDate when;

  g_date_clear (&when, 1);
  g_date_set_parse (&when, range->today);
  g_date_subtract_months (&when, edge->months);
  if (edge->days >= 0)
    g_date_subtract_days (&when, edge->days);
  else
    g_date_add_days (&when, -edge->days);
  return format_date (&when);
}

/* Registers each edge's patient and a visit today. */
static void
register_edges (Range *range)
{
  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_autofree char *born = birth_date (range, &edges[i]);
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Pasien Tepi %u\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                               i + 1, born, edges[i].sex);
      g_autoptr(JsonNode) patient = gil_test_api_expect (range->url, range->admin, "POST", "/api/v1/patients",
                                                         body, NULL, 201);
      g_autofree char *visit = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                                "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\"}",
                                                json_object_get_int_member (gil_test_api_object (patient), "id"));
      g_autoptr(JsonNode) reply = gil_test_api_expect (range->url, range->admin, "POST", "/api/v1/visits",
                                                       visit, NULL, 201);
    }
}

/* Under 18 years a sick visit is cluster 2's, from 18 on cluster 3's. */
static const char *
cluster_of (const Edge *edge)
{
  return edge->months + (edge->days < 0 ? -1 : 0) < 216 ? "k2" : "k3";
}

static JsonNode *
report (Range      *range,
        const char *query)
{
  g_autofree char *path = g_strconcat ("/api/v1/reports/monthly?", query, NULL);

  return gil_test_api_expect (range->url, range->head, "GET", path, NULL, NULL, 200);
}

/* The set's id, its groups in order, and a row per cluster and band with
 * the women and men the edges put there. */
static void
check_bands (JsonObject *object,
             Set         set)
{
  JsonArray *groups = json_object_get_array_member (object, "age_groups");
  JsonArray *rows = json_object_get_array_member (object, "by_cluster_age_sex");
  guint n = g_strv_length ((GStrv)bands[set]);
  guint counted = 0;

  g_assert_cmpstr (json_object_get_string_member (object, "age_bands"), ==, set_ids[set]);
  g_assert_cmpuint (json_array_get_length (groups), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (groups, i), ==, bands[set][i]);

  g_assert_cmpuint (json_array_get_length (rows), ==, 2 * n);
  for (guint i = 0; i < 2 * n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *cluster = i < n ? "k2" : "k3";
      const char *band = bands[set][i % n];
      gint64 women = 0, men = 0;

      g_assert_cmpstr (json_object_get_string_member (row, "cluster"), ==, cluster);
      g_assert_cmpstr (json_object_get_string_member (row, "age_group"), ==, band);
      for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
        if (g_str_equal (edges[e].band[set], band) && g_str_equal (cluster_of (&edges[e]), cluster))
          {
            if (g_str_equal (edges[e].sex, "F"))
              women++;
            else
              men++;
          }
      g_assert_cmpint (json_object_get_int_member (row, "F"), ==, women);
      g_assert_cmpint (json_object_get_int_member (row, "M"), ==, men);
      counted += women + men;
    }
  g_assert_cmpuint (counted, ==, G_N_ELEMENTS (edges));
}

/* Every band of every set holds at least one edge, at each of its ends
 * but the last band's open one. */
static void
test_edges_cover_bands (void)
{
  for (guint set = 0; set < N_SETS; set++)
    for (guint b = 0; bands[set][b] != NULL; b++)
      {
        guint n = 0;

        for (guint e = 0; e < G_N_ELEMENTS (edges); e++)
          n += g_str_equal (edges[e].band[set], bands[set][b]);
        g_assert_cmpuint (n, >=, bands[set][b + 1] != NULL ? 2 : 1);
      }
}

static void
range_set_up (Range *range)
{
  g_autoptr(JsonNode) daily = NULL;

  range->m = gil_test_manager_start_api (&range->url, &range->admin);
  range->head = gil_test_api_pair (range->url, range->admin, "head", "");
  daily = gil_test_api_expect (range->url, range->head, "GET", "/api/v1/reports/daily", NULL, NULL, 200);
  range->today = g_strdup (json_object_get_string_member (gil_test_api_object (daily), "date"));
  register_edges (range);
}

static void
range_tear_down (Range *range)
{
  gil_test_manager_free (range->m);
  g_free (range->head);
  g_free (range->today);
}

/* Each set asked for, as today's period and as this month. */
static void
test_bands (void)
{
  Range range = { 0 };
  g_autofree char *month = NULL;

  range_set_up (&range);
  month = g_strndup (range.today, 7);
  for (guint set = 0; set < N_SETS; set++)
    {
      g_autofree char *period = g_strdup_printf ("from=%s&to=%s&age_bands=%s", range.today, range.today,
                                                 set_ids[set]);
      g_autofree char *monthly = g_strdup_printf ("age_bands=%s&month=%s", set_ids[set], month);
      g_autoptr(JsonNode) by_period = report (&range, period);
      g_autoptr(JsonNode) by_month = report (&range, monthly);

      check_bands (gil_test_api_object (by_period), set);
      check_bands (gil_test_api_object (by_month), set);
      g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (by_month), "month"), ==, month);
    }
  range_tear_down (&range);
}

/* The daily report's six groups stay as they were. */
static void
test_daily_unchanged (void)
{
  const int expected[] = { 4, 2, 4, 4, 2, 1 };
  Range range = { 0 };
  g_autoptr(JsonNode) daily = NULL;
  JsonArray *groups;

  range_set_up (&range);
  daily = gil_test_api_expect (range.url, range.head, "GET", "/api/v1/reports/daily", NULL, NULL, 200);
  groups = json_object_get_array_member (gil_test_api_object (daily), "by_age_group");
  g_assert_cmpuint (json_array_get_length (groups), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      g_assert_cmpstr (json_object_get_string_member (group, "group"), ==, bands[GILIRAN][i]);
      g_assert_cmpint (json_object_get_int_member (group, "visits"), ==, expected[i]);
    }
  range_tear_down (&range);
}

static void
write_setting (GilTestManager *m,
               const char     *value)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO settings (key, value) VALUES ('age_bands', '%s')"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value", value);

  g_assert_cmpint (sqlite3_open (gil_test_manager_get_database (m), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* No age_bands asked: the setting's set; an unknown setting, giliran;
 * asked, the one asked. */
static void
test_setting (void)
{
  Range range = { 0 };
  g_autofree char *today = NULL;
  struct { const char *setting; const char *query; Set set; } cases[] = {
    { NULL, "", GILIRAN },
    { "spm", "", SPM },
    { "spm", "&age_bands=permenkes", PERMENKES },
    { "permenkes", "", PERMENKES },
    { "who", "", GILIRAN },
  };

  range_set_up (&range);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = g_strdup_printf ("from=%s&to=%s%s", range.today, range.today, cases[i].query);
      g_autoptr(JsonNode) reply = NULL;

      if (cases[i].setting != NULL)
        {
          gil_test_manager_kill (range.m, SIGTERM);
          write_setting (range.m, cases[i].setting);
          gil_test_manager_restart (range.m);
          range.url = gil_test_manager_get_url (range.m);
        }
      reply = report (&range, query);
      check_bands (gil_test_api_object (reply), cases[i].set);
    }
  range_tear_down (&range);
}

static void
check_days (JsonObject *object,
            const char *from,
            guint       n)
{
  JsonArray *days = json_object_get_array_member (object, "days");

  g_assert_cmpuint (json_array_get_length (days), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      g_autofree char *date = shift (from, i);

      g_assert_cmpstr (json_object_get_string_member (day, "date"), ==, date);
      /* Everyone came on the last day, today. */
      g_assert_cmpint (json_object_get_int_member (day, "visits"), ==, i + 1 == n ? G_N_ELEMENTS (edges) : 0);
    }
}

/* A period: the month's shape, "month" null, a day per day of it (over
 * a month's end, too), the totals of the days in it. */
static void
test_period (void)
{
  Range range = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *query = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) longest = NULL;
  g_autoptr(JsonNode) before = NULL;
  JsonObject *object;
  JsonObject *totals;

  range_set_up (&range);
  from = shift (range.today, -40);
  query = g_strdup_printf ("from=%s&to=%s", from, range.today);
  reply = report (&range, query);
  object = gil_test_api_object (reply);
  g_assert_true (json_object_has_member (object, "month"));
  g_assert_true (json_object_get_null_member (object, "month"));
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, from);
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, range.today);
  check_days (object, from, 41);
  totals = json_object_get_object_member (object, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, G_N_ELEMENTS (edges));
  g_assert_cmpint (json_object_get_int_member (totals, "new"), ==, G_N_ELEMENTS (edges));
  g_assert_cmpint (json_object_get_int_member (totals, "returning"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "clusters")), ==, 2);
  g_assert_true (json_object_has_member (object, "rooms"));
  g_assert_true (json_object_has_member (object, "by_payer"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "by_payer"), "bpjs"), ==,
                   G_N_ELEMENTS (edges));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "by_purpose"), "sick"), ==,
                   G_N_ELEMENTS (edges));
  g_assert_cmpint (json_object_get_int_member (object, "tb_presumptive"), ==, 0);
  check_bands (object, GILIRAN);

  /* 366 days is the longest. */
  g_free (from);
  g_free (query);
  from = shift (range.today, -365);
  query = g_strdup_printf ("from=%s&to=%s", from, range.today);
  longest = report (&range, query);
  check_days (gil_test_api_object (longest), from, 366);

  /* Days before anyone came: zeros. */
  g_free (query);
  g_free (from);
  from = shift (range.today, -3);
  query = g_strdup_printf ("from=%s&to=%s", from, from);
  before = report (&range, query);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (before), "totals"),
                                               "visits"), ==, 0);
  range_tear_down (&range);
}

static void
test_refused (void)
{
  Range range = { 0 };
  g_autofree char *tomorrow = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *too_far = NULL;
  g_autofree char *month = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);

  range_set_up (&range);
  tomorrow = shift (range.today, 1);
  yesterday = shift (range.today, -1);
  too_far = shift (range.today, -366);
  month = g_strndup (range.today, 7);
  g_ptr_array_add (queries, g_strdup_printf ("month=%s&from=%s&to=%s", month, range.today, range.today));
  g_ptr_array_add (queries, g_strdup_printf ("month=%s&from=%s", month, range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s", range.today));
  g_ptr_array_add (queries, g_strdup_printf ("to=%s", range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=&to=%s", range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=2026-02-30&to=%s", range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=31-12-2026", range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=%s", range.today, yesterday));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=%s", range.today, tomorrow));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=%s", too_far, range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=%s&age_bands=who", range.today, range.today));
  g_ptr_array_add (queries, g_strdup_printf ("from=%s&to=%s&age_bands=", range.today, range.today));
  g_ptr_array_add (queries, g_strdup_printf ("month=%s&age_bands=Permenkes", month));
  g_ptr_array_add (queries, g_strdup ("age_bands=spm"));
  for (guint i = 0; i < queries->len; i++)
    {
      g_autofree char *path = g_strconcat ("/api/v1/reports/monthly?", (char *)queries->pdata[i], NULL);

      g_test_message ("refused: %s", path);
      gil_test_api_expect_error (range.url, range.head, "GET", path, NULL, 400, "invalid-field");
    }
  range_tear_down (&range);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/reports-range/edges-cover-bands", test_edges_cover_bands);
  g_test_add_func ("/giliran/reports-range/bands", test_bands);
  g_test_add_func ("/giliran/reports-range/daily-unchanged", test_daily_unchanged);
  g_test_add_func ("/giliran/reports-range/setting", test_setting);
  g_test_add_func ("/giliran/reports-range/period", test_period);
  g_test_add_func ("/giliran/reports-range/refused", test_refused);
  return g_test_run ();
}
