/* gil-reports.c — the day's load: visits, waits and service times
 *
 * A day's report is read from its visits and their stops (both carry the
 * service day, and both are indexed by it). Waits run from joining a
 * room's queue to the first call, service from start to finish, each per
 * stop; percentiles are nearest-rank. A visit is served when one of its
 * stops was finished, not served when none was and none is still open;
 * a visit still in a queue is neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "gil-age-bands.h"
#include "gil-date.h"
#include "gil-loket.h"
#include "gil-reports.h"
#include "gil-reports-private.h"
#include "gil-stats.h"
#include "gil-terms.h"

static const char * const payers[] = { "bpjs", "umum", "other" };
G_STATIC_ASSERT (G_N_ELEMENTS (payers) == GIL_REPORT_N_PAYERS);

/* The daily report's age groups: the "giliran" set of gil-age-bands.c. */
static const GilAgeBandSet *
age_groups (void)
{
  const GilAgeBandSet *set = gil_age_bands_lookup (GIL_AGE_BANDS_DEFAULT);

  g_assert (set != NULL && set->n_bands == GIL_N_AGE_GROUPS);
  return set;
}

const char *
gil_report_age_group (guint group)
{
  g_return_val_if_fail (group < GIL_N_AGE_GROUPS, NULL);

  return age_groups ()->bands[group].id;
}

const char *
gil_report_payer (guint payer)
{
  g_return_val_if_fail (payer < G_N_ELEMENTS (payers), NULL);

  return payers[payer];
}

/* ROUTING.md: bayi under 12 months, balita 12–59 months, anak 5–9 years,
 * remaja 10–17, dewasa 18–59, lansia 60 and over. No bound of the set is
 * in days. */
guint
gil_report_age_group_of (int months)
{
  return gil_age_bands_band_of (age_groups (), 0, months);
}

static GilReportTally *
tally_new (void)
{
  GilReportTally *tally = g_new0 (GilReportTally, 1);

  tally->waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  tally->services = g_array_new (FALSE, FALSE, sizeof (gint64));
  return tally;
}

static void
tally_free (GilReportTally *tally)
{
  if (tally == NULL)
    return;
  g_array_unref (tally->waits);
  g_array_unref (tally->services);
  g_free (tally);
}

static void
tally_finish (GilReportTally   *tally,
              GilReportFigures *out)
{
  gil_stats_sort (tally->waits);
  gil_stats_sort (tally->services);
  *out = tally->figures;
  out->wait_p50 = gil_stats_percentile (tally->waits, 50);
  out->wait_p90 = gil_stats_percentile (tally->waits, 90);
  out->service_p50 = gil_stats_percentile (tally->services, 50);
  out->service_p90 = gil_stats_percentile (tally->services, 90);
}

static GHashTable *
tallies_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify)tally_free);
}

void
gil_report_group_free (GilReportGroup *group)
{
  g_free (group->code);
  g_free (group->name);
  g_free (group);
}

void
gil_daily_report_free (GilDailyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->date);
  g_clear_pointer (&report->clusters, g_ptr_array_unref);
  g_clear_pointer (&report->rooms, g_ptr_array_unref);
  g_clear_pointer (&report->hours, g_array_unref);
  g_free (report->by_purpose);
  g_free (report);
}

static int
local_hour (gint64 unix_seconds)
{
  return gil_date_local_hour (unix_seconds);
}

/* The purpose's place in gil_terms_purposes(), or -1. */
gint
gil_report_purpose_index (const char *purpose)
{
  const char * const *purposes = gil_terms_purposes ();

  for (guint i = 0; purposes[i] != NULL; i++)
    if (g_str_equal (purposes[i], purpose))
      return i;
  return -1;
}

/* The payer's place in gil_report_payer(), or -1. */
gint
gil_report_payer_index (const char *payer)
{
  for (guint i = 0; i < G_N_ELEMENTS (payers); i++)
    if (g_strcmp0 (payer, payers[i]) == 0)
      return i;
  return -1;
}

static gboolean
read_visits (GilStore        *store,
             GilDailyReport  *report,
             GArray          *visits,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT id, cluster, new_patient, age_months, sex, payer, purpose, registered_at, outcome"
                            " FROM visits WHERE day = ? ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->date, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GilReportVisit visit = { 0 };
      const char *sex = (const char *)sqlite3_column_text (stmt, 4);
      gint purpose = gil_report_purpose_index ((const char *)sqlite3_column_text (stmt, 6));
      gint payer = gil_report_payer_index ((const char *)sqlite3_column_text (stmt, 5));

      visit.id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (visit.cluster, (const char *)sqlite3_column_text (stmt, 1), sizeof visit.cluster);
      visit.hour = local_hour (sqlite3_column_int64 (stmt, 7));
      visit.served_hour = -1;
      if (!gil_outcome_from_string ((const char *)sqlite3_column_text (stmt, 8), &visit.outcome))
        visit.outcome = GIL_OUTCOME_NONE;
      g_array_append_val (visits, visit);

      report->totals.visits++;
      report->totals.new_patients += sqlite3_column_int (stmt, 2);
      report->by_age_group[gil_report_age_group_of (sqlite3_column_int (stmt, 3))]++;
      report->by_sex[g_strcmp0 (sex, "M") == 0]++;
      if (payer >= 0)
        report->by_payer[payer]++;
      if (purpose >= 0)
        report->by_purpose[purpose]++;
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the day's visits");
      return FALSE;
    }
  return TRUE;
}

static GilReportVisit *
find_visit (GArray *visits,
            gint64  id)
{
  guint lo = 0, hi = visits->len;

  /* Sorted by id. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      GilReportVisit *visit = &g_array_index (visits, GilReportVisit, mid);

      if (visit->id == id)
        return visit;
      if (visit->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

static GilReportTally *
tally_for (GHashTable *tallies,
           gint64      key)
{
  GilReportTally *tally = g_hash_table_lookup (tallies, &key);

  if (tally == NULL)
    {
      gint64 *copy = g_memdup2 (&key, sizeof key);

      tally = tally_new ();
      g_hash_table_insert (tallies, copy, tally);
    }
  return tally;
}

static void
add_times (GilReportTally *tally,
           gint64          enqueued,
           gint64          called,
           gint64          started,
           gint64          finished)
{
  if (called > 0)
    {
      gint64 wait = MAX (called - enqueued, 0);

      g_array_append_val (tally->waits, wait);
    }
  if (started > 0 && finished > 0)
    {
      gint64 service = MAX (finished - started, 0);

      g_array_append_val (tally->services, service);
    }
}

/* Reads the days' stops: each counts for its room, its visit's cluster
 * and the totals; each of the days' visits (by id) learns whether it was
 * served, is still open or was cancelled. */
static gboolean
read_stops (GilStore        *store,
            const char      *from,
            const char      *to,
            GArray          *visits,
            GilReportTally  *totals,
            GilReportTally  *clusters[2],
            GHashTable      *rooms,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT visit, room, status, enqueued_at, coalesce (called_at, 0),"
                            " coalesce (started_at, 0), coalesce (finished_at, 0)"
                            " FROM stops WHERE day BETWEEN ? AND ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GilReportVisit *visit = find_visit (visits, sqlite3_column_int64 (stmt, 0));
      GilReportTally *room = tally_for (rooms, sqlite3_column_int64 (stmt, 1));
      const char *status = (const char *)sqlite3_column_text (stmt, 2);
      gint64 times[4];
      gboolean done = g_strcmp0 (status, "done") == 0;

      for (guint i = 0; i < 4; i++)
        times[i] = sqlite3_column_int64 (stmt, 3 + i);

      room->figures.visits++;
      if (done)
        room->figures.served++;
      else if (g_strcmp0 (status, "skipped") == 0 || g_strcmp0 (status, "expired") == 0)
        room->figures.not_served++;
      else if (g_strcmp0 (status, "cancelled") == 0)
        room->figures.cancelled++;
      add_times (room, times[0], times[1], times[2], times[3]);
      add_times (totals, times[0], times[1], times[2], times[3]);

      if (visit == NULL)
        continue;
      add_times (clusters[g_str_equal (visit->cluster, "k3")], times[0], times[1], times[2], times[3]);
      if (done)
        {
          visit->done = TRUE;
          if (times[3] > 0)
            visit->served_hour = local_hour (times[3]);
        }
      if (g_strcmp0 (status, "waiting") == 0 || g_strcmp0 (status, "called") == 0 ||
          g_strcmp0 (status, "serving") == 0)
        visit->open = TRUE;
      else if (g_strcmp0 (status, "cancelled") == 0)
        visit->cancelled = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the day's stops");
      return FALSE;
    }
  return TRUE;
}

/* Every active room, and any other that had patients in the days. */
static gboolean
add_rooms (GilStore    *store,
           GPtrArray   *groups,
           GHashTable  *tallies,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store, "SELECT id, code, name, active FROM rooms ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GilReportTally *tally = g_hash_table_lookup (tallies, &id);
      GilReportGroup *group;

      if (tally == NULL && !sqlite3_column_int (stmt, 3))
        continue;
      group = g_new0 (GilReportGroup, 1);
      group->room = id;
      group->code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      group->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      if (tally != NULL)
        tally_finish (tally, &group->figures);
      else
        group->figures = (GilReportFigures) { .wait_p50 = -1, .wait_p90 = -1,
                                              .service_p50 = -1, .service_p90 = -1 };
      g_ptr_array_add (groups, group);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the rooms");
      return FALSE;
    }
  return TRUE;
}

/* Counts each visit for its cluster, and as served, cancelled or not
 * served (a visit still open is none of them) for its cluster and the
 * totals; and, whatever else, as referred out or died when the room
 * recorded so. */
static void
count_outcomes (GArray          *visits,
                GilReportTally  *totals,
                GilReportTally  *clusters[2])
{
  for (guint i = 0; i < visits->len; i++)
    {
      GilReportVisit *visit = &g_array_index (visits, GilReportVisit, i);
      GilReportTally *cluster = clusters[g_str_equal (visit->cluster, "k3")];

      cluster->figures.visits++;
      if (visit->done)
        totals->figures.served++, cluster->figures.served++;
      else if (visit->cancelled)
        totals->figures.cancelled++, cluster->figures.cancelled++;
      else if (!visit->open)
        totals->figures.not_served++, cluster->figures.not_served++;
      if (visit->outcome == GIL_OUTCOME_REFERRED)
        totals->figures.referred++, cluster->figures.referred++;
      else if (visit->outcome == GIL_OUTCOME_DIED)
        totals->figures.died++, cluster->figures.died++;
    }
}

static void
add_clusters (GPtrArray       *groups,
              GilReportTally  *clusters[2])
{
  for (guint i = 0; i < 2; i++)
    {
      GilReportGroup *group = g_new0 (GilReportGroup, 1);

      group->code = g_strdup (i == 0 ? "k2" : "k3");
      tally_finish (clusters[i], &group->figures);
      g_ptr_array_add (groups, group);
    }
}

/**
 * gil_report_gather_new:
 * @from: the first service day, YYYY-MM-DD
 * @to: the last
 *
 * Returns: (transfer full): an empty gathering of the days' figures; the
 *   caller adds the days' visits to its visits, by id, then calls
 *   gil_report_gather_stops()
 */
GilReportGather *
gil_report_gather_new (const char *from,
                       const char *to)
{
  GilReportGather *gather = g_new0 (GilReportGather, 1);

  gather->from = g_strdup (from);
  gather->to = g_strdup (to);
  gather->visits = g_array_new (FALSE, FALSE, sizeof (GilReportVisit));
  gather->rooms = tallies_new ();
  gather->totals = tally_new ();
  gather->clusters[0] = tally_new ();
  gather->clusters[1] = tally_new ();
  return gather;
}

void
gil_report_gather_free (GilReportGather *gather)
{
  if (gather == NULL)
    return;
  g_free (gather->from);
  g_free (gather->to);
  g_array_unref (gather->visits);
  g_hash_table_unref (gather->rooms);
  tally_free (gather->totals);
  tally_free (gather->clusters[0]);
  tally_free (gather->clusters[1]);
  g_free (gather);
}

/**
 * gil_report_gather_stops:
 * @rooms: (element-type GilReportGroup): where the rooms go, by id
 *
 * Reads the days' stops and adds the rooms with their figures.
 */
gboolean
gil_report_gather_stops (GilReportGather  *gather,
                         GilStore         *store,
                         GPtrArray        *rooms,
                         GError          **error)
{
  return read_stops (store, gather->from, gather->to, gather->visits, gather->totals,
                     gather->clusters, gather->rooms, error) &&
         add_rooms (store, rooms, gather->rooms, error);
}

/**
 * gil_report_gather_finish:
 * @totals: (inout): the visits and new patients the caller counted; gets
 *   the outcomes and percentiles
 * @clusters: (element-type GilReportGroup): where k2 and k3 go
 */
void
gil_report_gather_finish (GilReportGather  *gather,
                          GilReportFigures *totals,
                          GPtrArray        *clusters)
{
  count_outcomes (gather->visits, gather->totals, gather->clusters);
  gather->totals->figures.visits = totals->visits;
  gather->totals->figures.new_patients = totals->new_patients;
  tally_finish (gather->totals, totals);
  add_clusters (clusters, gather->clusters);
}

static void
add_hours (GilDailyReport *report,
           GArray         *visits)
{
  int arrivals[24] = { 0 };
  int served[24] = { 0 };
  int first = 24, last = -1;

  for (guint i = 0; i < visits->len; i++)
    {
      GilReportVisit *visit = &g_array_index (visits, GilReportVisit, i);

      arrivals[visit->hour]++;
      first = MIN (first, visit->hour);
      last = MAX (last, visit->hour);
      if (visit->served_hour >= 0)
        {
          served[visit->served_hour]++;
          first = MIN (first, visit->served_hour);
          last = MAX (last, visit->served_hour);
        }
    }
  for (int hour = first; hour <= last; hour++)
    {
      GilReportHour row = { hour, arrivals[hour], served[hour] };

      g_array_append_val (report->hours, row);
    }
}

/* The wait before the desk: from taking a loket ticket to its first call. */
static gboolean
add_loket_waits (GilStore        *store,
                 GilDailyReport  *report,
                 GError         **error)
{
  g_autoptr(GArray) waits = gil_loket_day_waits (store, report->date, error);

  if (waits == NULL)
    return FALSE;
  report->loket_wait_p50 = gil_stats_percentile (waits, 50);
  report->loket_wait_p90 = gil_stats_percentile (waits, 90);
  return TRUE;
}

/**
 * gil_report_daily:
 * @date: the service day, YYYY-MM-DD
 *
 * Returns: (transfer full): the day's report; a day without visits gives
 *   zeros
 */
GilDailyReport *
gil_report_daily (GilStore    *store,
                  const char  *date,
                  GError     **error)
{
  g_autoptr(GilDailyReport) report = g_new0 (GilDailyReport, 1);
  g_autoptr(GilReportGather) gather = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (date != NULL, NULL);

  report->date = g_strdup (date);
  report->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_report_group_free);
  report->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_report_group_free);
  report->hours = g_array_new (FALSE, FALSE, sizeof (GilReportHour));
  report->by_purpose = g_new0 (int, g_strv_length ((GStrv)gil_terms_purposes ()));
  gather = gil_report_gather_new (date, date);

  if (!read_visits (store, report, gather->visits, error) ||
      !gil_report_gather_stops (gather, store, report->rooms, error) ||
      !add_loket_waits (store, report, error))
    return NULL;
  gil_report_gather_finish (gather, &report->totals, report->clusters);
  add_hours (report, gather->visits);
  return g_steal_pointer (&report);
}
