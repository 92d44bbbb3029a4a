/* test-reports.c — a scripted day and its report, figure by figure: a
 * transfer to the laboratory and back, a no-show, a child, a visit left
 * waiting at midnight, and a day with no visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-age-bands.h"
#include "gil-queue.h"
#include "gil-reports.h"
#include "gil-test-util.h"

typedef GilTestStore Fixture;

static void
at (Fixture *f,
    int      hour,
    int      minute)
{
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, hour, minute));
}

static gint64
visit (Fixture    *f,
       const char *name,
       const char *birth_date,
       const char *sex,
       const char *purpose,
       const char *payer,
       const char *room_code)
{
  GilVisitRequest request = { .purpose = purpose, .payer = payer };
  g_autoptr(GilVisit) visit = gil_test_register_visit (f->store, &request, name, birth_date, sex,
                                                       room_code);

  return ((GilStop *)g_ptr_array_index (visit->stops, 0))->id;
}

/* The open stop of @stop's visit, after a transfer or a return. */
static gint64
current_stop (Fixture *f,
              gint64   stop)
{
  g_autoptr(GilStop) known = gil_queue_get_stop (f->store, stop, NULL);
  g_autoptr(GilVisit) visit = gil_queue_get_visit (f->store, known->visit, NULL);

  return ((GilStop *)g_ptr_array_index (visit->stops, visit->stops->len - 1))->id;
}

#define DO(call) G_STMT_START { \
    g_autoptr(GError) error_ = NULL; \
    GilStop *stop_ = (call); \
    g_assert_no_error (error_); \
    g_assert_nonnull (stop_); \
    gil_stop_free (stop_); \
  } G_STMT_END

static void
assert_figures (const GilReportFigures *f,
                int                     visits,
                int                     served,
                int                     not_served,
                gint64                  wait_p50,
                gint64                  wait_p90,
                gint64                  service_p50)
{
  g_assert_cmpint (f->visits, ==, visits);
  g_assert_cmpint (f->served, ==, served);
  g_assert_cmpint (f->not_served, ==, not_served);
  g_assert_cmpint (f->wait_p50, ==, wait_p50);
  g_assert_cmpint (f->wait_p90, ==, wait_p90);
  g_assert_cmpint (f->service_p50, ==, service_p50);
}

static const GilReportGroup *
room_group (GilDailyReport *report,
            const char     *code)
{
  for (guint i = 0; i < report->rooms->len; i++)
    {
      GilReportGroup *group = g_ptr_array_index (report->rooms, i);

      if (g_str_equal (group->code, code))
        return group;
    }
  g_assert_not_reached ();
}

static void
test_scripted_day (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GilDailyReport) day = NULL;
  g_autoptr(GilDailyReport) next = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, c;
  const GilReportHour *hour;

  at (f, 8, 0);
  a = visit (f, "Ahmad", "1980-02-02", "M", "sick", "bpjs", "K3-DEWASA");
  at (f, 8, 10);
  b = visit (f, "Inaq Sumi", "1950-03-03", "F", "sick", "umum", "K3-LANSIA");
  at (f, 8, 20);
  c = visit (f, "Putu", "2024-06-01", "M", "sick", "bpjs", NULL);

  /* Ahmad: waits 30 min, is seen 10 min, goes to the laboratory and back. */
  at (f, 8, 30);
  DO (gil_queue_call (f->store, a, NULL, &error_));
  at (f, 8, 35);
  DO (gil_queue_start (f->store, a, &error_));
  /* Inaq Sumi: called after 30 min, does not come. */
  at (f, 8, 40);
  DO (gil_queue_call (f->store, b, NULL, &error_));
  at (f, 8, 41);
  DO (gil_queue_skip (f->store, b, &error_));
  at (f, 8, 45);
  DO (gil_queue_transfer (f->store, a, gil_test_room_id (f->store, "LK-LAB"), TRUE, &error_));
  at (f, 9, 0);
  DO (gil_queue_call (f->store, current_stop (f, a), NULL, &error_));
  DO (gil_queue_start (f->store, current_stop (f, a), &error_));
  /* Putu: waits 40 min, seen for 15. */
  DO (gil_queue_call (f->store, c, NULL, &error_));
  at (f, 9, 5);
  DO (gil_queue_start (f->store, c, &error_));
  at (f, 9, 10);
  DO (gil_queue_finish (f->store, current_stop (f, a), &error_));
  at (f, 9, 15);
  DO (gil_queue_call (f->store, current_stop (f, a), NULL, &error_));
  DO (gil_queue_start (f->store, current_stop (f, a), &error_));
  at (f, 9, 20);
  DO (gil_queue_finish (f->store, c, &error_));
  at (f, 9, 30);
  DO (gil_queue_finish (f->store, current_stop (f, a), &error_));

  /* Late: still waiting when the day ends. */
  at (f, 23, 50);
  visit (f, "Baiq Ayu", "1990-04-04", "F", "screening", "other", "K3-DEWASA");
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 0, 5));
  g_assert_true (gil_queue_ensure_day (f->store, &error));

  day = gil_report_daily (f->store, "2026-11-22", &error);
  g_assert_no_error (error);

  /* Waits 300 (back from the lab), 900 (lab), 1800, 1800, 2400;
   * services 600 (until the transfer), 600 (lab), 900, 900. */
  g_assert_cmpint (day->totals.new_patients, ==, 4);
  assert_figures (&day->totals, 4, 2, 2, 1800, 2400, 600);

  g_assert_cmpuint (day->clusters->len, ==, 2);
  g_assert_cmpstr (((GilReportGroup *)day->clusters->pdata[0])->code, ==, "k2");
  assert_figures (&((GilReportGroup *)day->clusters->pdata[0])->figures, 1, 1, 0, 2400, 2400, 900);
  assert_figures (&((GilReportGroup *)day->clusters->pdata[1])->figures, 3, 1, 2, 900, 1800, 600);

  /* Rooms count stops: the transfer is neither served nor not. */
  assert_figures (&room_group (day, "K3-DEWASA")->figures, 3, 1, 1, 300, 1800, 600);
  assert_figures (&room_group (day, "LK-LAB")->figures, 1, 1, 0, 900, 900, 600);
  assert_figures (&room_group (day, "K3-LANSIA")->figures, 1, 0, 1, 1800, 1800, -1);
  assert_figures (&room_group (day, "K2-KIA")->figures, 0, 0, 0, -1, -1, -1);
  g_assert_cmpstr (room_group (day, "LK-LAB")->name, ==, "Laboratorium");

  /* Arrivals by hour of registration, served by hour of the last service. */
  g_assert_cmpuint (day->hours->len, ==, 16);
  hour = &g_array_index (day->hours, GilReportHour, 0);
  g_assert_cmpint (hour->hour, ==, 8);
  g_assert_cmpint (hour->arrivals, ==, 3);
  g_assert_cmpint (hour->served, ==, 0);
  hour = &g_array_index (day->hours, GilReportHour, 1);
  g_assert_cmpint (hour->arrivals, ==, 0);
  g_assert_cmpint (hour->served, ==, 2);
  hour = &g_array_index (day->hours, GilReportHour, 15);
  g_assert_cmpint (hour->hour, ==, 23);
  g_assert_cmpint (hour->arrivals, ==, 1);

  g_assert_cmpint (day->by_age_group[0], ==, 0);   /* bayi */
  g_assert_cmpint (day->by_age_group[1], ==, 1);   /* balita: 29 months */
  g_assert_cmpint (day->by_age_group[4], ==, 2);   /* dewasa */
  g_assert_cmpint (day->by_age_group[5], ==, 1);   /* lansia */
  g_assert_cmpint (day->by_sex[0], ==, 2);
  g_assert_cmpint (day->by_sex[1], ==, 2);
  g_assert_cmpint (day->by_payer[0], ==, 2);
  g_assert_cmpint (day->by_payer[1], ==, 1);
  g_assert_cmpint (day->by_payer[2], ==, 1);
  g_assert_cmpint (day->by_purpose[0], ==, 3);     /* sick */
  g_assert_cmpint (day->by_purpose[6], ==, 1);     /* screening */

  /* The next day has nothing yet: zeros, no hours, no times. */
  next = gil_report_daily (f->store, "2026-11-23", &error);
  g_assert_no_error (error);
  assert_figures (&next->totals, 0, 0, 0, -1, -1, -1);
  g_assert_cmpuint (next->hours->len, ==, 0);
  g_assert_cmpuint (next->rooms->len, ==, 10);
}

/* Nearest rank over ten waits of 1…10 minutes: p50 the 5th, p90 the 9th. */
static void
test_nearest_rank (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GilDailyReport) day = NULL;
  g_autoptr(GError) error = NULL;
  gint64 stops[10];

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Pasien %d", i);

      at (f, 8, 0);
      stops[i] = visit (f, name, "1985-05-05", "M", "sick", "bpjs", "K3-DEWASA");
    }
  for (int i = 0; i < 10; i++)
    {
      at (f, 8, i + 1);
      DO (gil_queue_call (f->store, stops[i], NULL, &error_));
    }
  day = gil_report_daily (f->store, "2026-11-22", &error);
  g_assert_no_error (error);
  g_assert_cmpint (day->totals.wait_p50, ==, 5 * 60);
  g_assert_cmpint (day->totals.wait_p90, ==, 9 * 60);
  /* Called but not finished: in progress, neither served nor not. */
  assert_figures (&day->totals, 10, 0, 0, 300, 540, -1);
}

static void
test_dates (void)
{
  GDate date;

  g_assert_true (gil_date_parse ("2024-02-29", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
  g_assert_false (gil_date_parse ("2026-02-29", &date));
  g_assert_false (gil_date_parse ("2026-2-01", &date));
  g_assert_false (gil_date_parse ("2026-02-01x", &date));
  g_assert_false (gil_date_parse ("20260201", &date));
  g_assert_false (gil_date_parse ("2026-13-01", &date));
  g_assert_false (gil_date_parse ("+026-01-01", &date));
  g_assert_false (gil_date_parse (NULL, &date));
}

/* Each set holds every age once: it starts at birth, each band starts
 * where the one before ends, the last has no end; ids are unique within
 * a set; the daily report's groups are the giliran set's. */
static void
test_age_bands (void)
{
  g_assert_null (gil_age_bands_lookup (NULL));
  g_assert_null (gil_age_bands_lookup ("who"));
  g_assert_null (gil_age_bands_lookup ("Giliran"));
  g_assert_cmpuint (gil_age_bands_get_n (), ==, 3);
  for (guint s = 0; s < gil_age_bands_get_n (); s++)
    {
      const GilAgeBandSet *set = gil_age_bands_get (s);

      g_assert_true (gil_age_bands_lookup (set->id) == set);
      g_assert_cmpuint (set->n_bands, >=, 2);
      g_assert_cmpuint (set->n_bands, <=, GIL_AGE_BANDS_MAX);
      g_assert_cmpint (set->bands[0].min.value, ==, 0);
      g_assert_cmpint (set->bands[set->n_bands - 1].max.value, ==, -1);
      for (guint b = 1; b < set->n_bands; b++)
        {
          g_assert_cmpint (set->bands[b].min.value, ==, set->bands[b - 1].max.value);
          g_assert_cmpint (set->bands[b].min.unit, ==, set->bands[b - 1].max.unit);
          for (guint c = 0; c < b; c++)
            g_assert_cmpstr (set->bands[b].id, !=, set->bands[c].id);
        }
    }
  g_assert_cmpstr (gil_age_bands_lookup (GIL_AGE_BANDS_DEFAULT)->id, ==, "giliran");
  for (guint i = 0; i < GIL_N_AGE_GROUPS; i++)
    g_assert_cmpstr (gil_report_age_group (i), ==, gil_age_bands_lookup ("giliran")->bands[i].id);

  /* Days count where a bound is in days, months where it is in months. */
  g_assert_cmpuint (gil_age_bands_band_of (gil_age_bands_lookup ("permenkes"), 28, 0), ==, 0);
  g_assert_cmpuint (gil_age_bands_band_of (gil_age_bands_lookup ("permenkes"), 29, 0), ==, 1);
  g_assert_cmpuint (gil_age_bands_band_of (gil_age_bands_lookup ("permenkes"), 364, 11), ==, 1);
  g_assert_cmpuint (gil_age_bands_band_of (gil_age_bands_lookup ("permenkes"), 365, 12), ==, 2);
  g_assert_cmpuint (gil_age_bands_band_of (gil_age_bands_lookup ("spm"), 30000, 1000), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add ("/giliran/reports/scripted-day", Fixture, NULL,
              gil_test_store_fixture_set_up, test_scripted_day, gil_test_store_fixture_tear_down);
  g_test_add ("/giliran/reports/nearest-rank", Fixture, NULL,
              gil_test_store_fixture_set_up, test_nearest_rank, gil_test_store_fixture_tear_down);
  g_test_add_func ("/giliran/reports/dates", test_dates);
  g_test_add_func ("/giliran/reports/age-bands", test_age_bands);

  return g_test_run ();
}
