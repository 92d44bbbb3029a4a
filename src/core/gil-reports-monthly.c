/* gil-reports-monthly.c — the month the head reports to the Dinas
 * Kesehatan
 *
 * The month is read as the daily report reads a day (gil-reports.c): the
 * same tallies, outcomes and percentiles, over the month's visits and
 * stops. On top of it: visits per day; kunjungan baru and lama, a visit
 * being "baru" when it is the patient's first of the calendar year (a
 * cancelled earlier visit does not count); visits per cluster × age group
 * × sex; and terduga TBC, the visits with the sign cough-2-weeks that
 * went to a room tagged for infections. In the current month the report
 * runs to today.
 *
 * A free period (from one day to another) is read the same way; the age
 * groups are one of the sets of gil-age-bands.c, the patient's age on
 * the day of the visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "gil-age-bands.h"
#include "gil-date.h"
#include "gil-reports-monthly.h"
#include "gil-reports-private.h"
#include "gil-terms.h"

#define TB_SIGN "cough-2-weeks"
#define TB_ROOM_TAG "infeksi"

static gboolean
is_month (const char *text)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * gil_report_month_range:
 * @month: the month asked for, YYYY-MM
 * @today: the service day, YYYY-MM-DD
 * @from: (out): the month's first day
 * @to: (out): its last, or @today in the current month
 *
 * Returns: %FALSE, setting neither, when @month is not a month or is
 *   after @today's
 */
gboolean
gil_report_month_range (const char  *month,
                        const char  *today,
                        char       **from,
                        char       **to)
{
  g_autofree char *first_text = NULL;
  GDate first, last, now;

  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (!is_month (month))
    return FALSE;
  first_text = g_strconcat (month, "-01", NULL);
  if (!gil_date_parse (first_text, &first) || !gil_date_parse (today, &now) ||
      g_date_compare (&first, &now) > 0)
    return FALSE;
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first),
                                                   g_date_get_year (&first)));
  if (g_date_compare (&last, &now) > 0)
    last = now;
  *from = g_steal_pointer (&first_text);
  *to = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&last), g_date_get_month (&last),
                         g_date_get_day (&last));
  return TRUE;
}

void
gil_monthly_report_free (GilMonthlyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->month);
  g_free (report->from);
  g_free (report->to);
  g_clear_pointer (&report->days, g_array_unref);
  g_clear_pointer (&report->clusters, g_ptr_array_unref);
  g_clear_pointer (&report->rooms, g_ptr_array_unref);
  g_free (report->by_purpose);
  g_free (report);
}

static gboolean
has_sign (const char *signs,
          const char *sign)
{
  g_auto(GStrv) list = g_strsplit (signs != NULL ? signs : "", ",", -1);

  return g_strv_contains ((const char * const *)list, sign);
}

/* One entry per day from the first to the last, with no visits yet. */
static void
add_days (GilMonthlyReport *report)
{
  GDate day, last;

  gil_date_parse (report->from, &day);
  gil_date_parse (report->to, &last);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      GilReportDay row = { { 0 }, 0 };

      g_date_strftime (row.date, sizeof row.date, "%Y-%m-%d", &day);
      g_array_append_val (report->days, row);
    }
}

/* Columns: id, day, cluster, age_months, sex, payer, purpose, signs,
 * whether it is the patient's first visit of the visit's year, whether
 * its room is tagged for infections, its outcome, the age in days. */
static const char visits_sql[] =
  "SELECT v.id, v.day, v.cluster, v.age_months, v.sex, v.payer, v.purpose, v.signs,"
  " NOT EXISTS (SELECT 1 FROM visits e WHERE e.patient = v.patient"
  "             AND e.day >= substr (v.day, 1, 4) || '-01-01' AND e.cancelled_at IS NULL"
  "             AND (e.day < v.day OR (e.day = v.day AND e.id < v.id))),"
  " EXISTS (SELECT 1 FROM room_tags t WHERE t.room = v.room AND t.tag = '" TB_ROOM_TAG "'),"
  " v.outcome,"
  " max (0, CAST (julianday (v.day) - julianday (p.birth_date) AS INTEGER))"
  " FROM visits v JOIN patients p ON p.id = v.patient"
  " WHERE v.day BETWEEN ?1 AND ?2 ORDER BY v.id";

/* The place of @day in report->days. */
static guint
day_index (GilMonthlyReport *report,
           const char       *day)
{
  GDate first, date;

  if (!gil_date_parse (report->from, &first) || !gil_date_parse (day, &date))
    return G_MAXUINT;
  return (guint)g_date_days_between (&first, &date);
}

static void
count_visit (GilMonthlyReport *report,
             sqlite3_stmt     *stmt,
             GilReportTally   *clusters[2],
             GilReportVisit   *visit)
{
  const char *day = (const char *)sqlite3_column_text (stmt, 1);
  guint k3 = g_str_equal (visit->cluster, "k3");
  guint age = gil_age_bands_band_of (report->age_bands, sqlite3_column_int (stmt, 11),
                                     sqlite3_column_int (stmt, 3));
  guint male = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 4), "M") == 0;
  gint payer = gil_report_payer_index ((const char *)sqlite3_column_text (stmt, 5));
  gint purpose = gil_report_purpose_index ((const char *)sqlite3_column_text (stmt, 6));
  guint index = day_index (report, day);

  if (index < report->days->len)
    g_array_index (report->days, GilReportDay, index).visits++;
  report->totals.visits++;
  report->by_cluster_age_sex[k3][age][male]++;
  if (sqlite3_column_int (stmt, 8))
    {
      report->totals.new_patients++;
      clusters[k3]->figures.new_patients++;
    }
  if (payer >= 0)
    report->by_payer[payer]++;
  if (purpose >= 0)
    report->by_purpose[purpose]++;
  if (sqlite3_column_int (stmt, 9) &&
      has_sign ((const char *)sqlite3_column_text (stmt, 7), TB_SIGN))
    report->tb_presumptive++;
}

static gboolean
read_visits (GilStore          *store,
             GilMonthlyReport  *report,
             GilReportGather   *gather,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store, visits_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, report->from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, report->to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GilReportVisit visit = { 0 };

      visit.id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (visit.cluster, (const char *)sqlite3_column_text (stmt, 2), sizeof visit.cluster);
      visit.served_hour = -1;
      if (!gil_outcome_from_string ((const char *)sqlite3_column_text (stmt, 10), &visit.outcome))
        visit.outcome = GIL_OUTCOME_NONE;
      count_visit (report, stmt, gather->clusters, &visit);
      g_array_append_val (gather->visits, visit);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the period's visits");
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_report_monthly:
 * @month: (nullable): the month, YYYY-MM; %NULL for a free period
 * @from: the first day, YYYY-MM-DD: the month's, from
 *   gil_report_month_range(), or the period's
 * @to: the last day, not before @from
 * @age_bands: the age groups to count visits in
 *
 * Returns: (transfer full): the month's or period's report; days without
 *   visits give zeros
 */
GilMonthlyReport *
gil_report_monthly (GilStore             *store,
                    const char           *month,
                    const char           *from,
                    const char           *to,
                    const GilAgeBandSet  *age_bands,
                    GError              **error)
{
  g_autoptr(GilMonthlyReport) report = g_new0 (GilMonthlyReport, 1);
  g_autoptr(GilReportGather) gather = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && strlen (from) == 10, NULL);
  g_return_val_if_fail (to != NULL && strcmp (from, to) <= 0, NULL);
  g_return_val_if_fail (age_bands != NULL, NULL);

  report->month = g_strdup (month);
  report->from = g_strdup (from);
  report->to = g_strdup (to);
  report->age_bands = age_bands;
  report->days = g_array_new (FALSE, FALSE, sizeof (GilReportDay));
  report->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_report_group_free);
  report->rooms = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_report_group_free);
  report->by_purpose = g_new0 (int, g_strv_length ((GStrv)gil_terms_purposes ()));
  add_days (report);
  gather = gil_report_gather_new (from, to);

  if (!read_visits (store, report, gather, error) ||
      !gil_report_gather_stops (gather, store, report->rooms, error))
    return NULL;
  gil_report_gather_finish (gather, &report->totals, report->clusters);
  return g_steal_pointer (&report);
}
