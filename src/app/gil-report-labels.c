/* gil-report-labels.c — the wording of a report's figures
 *
 * Times come from the manager in seconds, or -1 when there was nothing to
 * measure; people read them as whole minutes ("21 mnt") or a dash.
 * Dates are the manager's YYYY-MM-DD, shown the Indonesian way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <string.h>

#include "gil-date.h"
#include "gil-report-labels.h"
#include "gil-terms.h"

#define NO_FIGURE "—"

/* Whether a wait of @seconds is longer than the puskesmas's target. */
gboolean
gil_report_over_target (gint64 seconds,
                        int    target_minutes)
{
  return target_minutes > 0 && seconds > (gint64)target_minutes * 60;
}

/**
 * gil_report_format_minutes:
 *
 * Returns: (transfer full): @seconds as whole minutes, "—" when negative
 */
char *
gil_report_format_minutes (gint64 seconds)
{
  int minutes;

  if (seconds < 0)
    return g_strdup (NO_FIGURE);
  minutes = (int)((seconds + 30) / 60);
  return g_strdup_printf (ngettext ("%d min", "%d min", minutes), minutes);
}

/* Returns: (transfer full): "Target 60 min", for legends and notes */
char *
gil_report_format_target (int target_minutes)
{
  return g_strdup_printf (ngettext ("Target %d min", "Target %d min", target_minutes),
                          target_minutes);
}

/* Whether @text is a real date written YYYY-MM-DD, as the manager takes it. */
gboolean
gil_report_date_is_valid (const char *text)
{
  GDate date;

  return gil_date_parse (text, &date);
}

static const char * const weekdays[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};
static const char * const months[] = {
  N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
  N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
};

/**
 * gil_report_format_date:
 *
 * Returns: (transfer full): "Senin, 23 November 2026"; @iso_date itself
 *   when it is not a date
 */
char *
gil_report_format_date (const char *iso_date)
{
  GDate date;

  if (!gil_date_parse (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");
  /* TRANSLATORS: the display's date: weekday, day of the month, month, year */
  return g_strdup_printf (_("%s, %d %s %d"),
                          _(weekdays[g_date_get_weekday (&date) - 1]),
                          g_date_get_day (&date),
                          _(months[g_date_get_month (&date) - 1]),
                          g_date_get_year (&date));
}

/**
 * gil_report_format_month:
 * @month: YYYY-MM
 *
 * Returns: (transfer full): "November 2026"; @month itself when it is not
 *   a month
 */
char *
gil_report_format_month (const char *month)
{
  int year, number;
  char end;

  if (month == NULL || sscanf (month, "%4d-%2d%c", &year, &number, &end) != 2 || number < 1 || number > 12)
    return g_strdup (month != NULL ? month : "");
  /* TRANSLATORS: a month and its year, as in "November 2026" */
  return g_strdup_printf (_("%s %d"), _(months[number - 1]), year);
}

static char *
format_day_month_year (const GDate *date)
{
  /* TRANSLATORS: a date in a period: day of the month, month, year */
  return g_strdup_printf (_("%d %s %d"), g_date_get_day (date),
                          _(months[g_date_get_month (date) - 1]), g_date_get_year (date));
}

/**
 * gil_report_format_period:
 *
 * Returns: (transfer full): "25 Oktober 2026 – 23 November 2026", or
 *   "23 November 2026" for one day
 */
char *
gil_report_format_period (const char *from,
                          const char *to)
{
  GDate first, last;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (!gil_date_parse (from, &first) || !gil_date_parse (to, &last))
    return g_strdup_printf ("%s – %s", from, to);
  start = format_day_month_year (&first);
  if (g_date_compare (&first, &last) == 0)
    return g_steal_pointer (&start);
  end = format_day_month_year (&last);
  return g_strdup_printf ("%s – %s", start, end);
}

/* Returns: (transfer full): "23/11", for a chart's axis */
char *
gil_report_format_day_month (const char *iso_date)
{
  GDate date;

  if (!gil_date_parse (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");
  return g_strdup_printf ("%d/%d", g_date_get_day (&date), g_date_get_month (&date));
}

/**
 * gil_report_shift_date:
 *
 * Returns: (transfer full) (nullable): the date @days after @iso_date
 *   (before it when negative), YYYY-MM-DD
 */
char *
gil_report_shift_date (const char *iso_date,
                       int         days)
{
  GDate date;
  char text[16];

  if (!gil_date_parse (iso_date, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* The life-cycle clusters a visit belongs to, by their full names. */
const char *
gil_report_cluster_title (const char *cluster)
{
  if (g_strcmp0 (cluster, "k2") == 0)
    return _("Cluster 2: Mothers and Children");
  if (g_strcmp0 (cluster, "k3") == 0)
    return _("Cluster 3: Adults and Elderly");
  return gil_terms_cluster_label (cluster);
}

/* The report's age groups, named as puskesmas staff do: the app's own
 * six (ROUTING.md) and the bands of the Permenkes 25/2014 and SPM sets
 * (doc/api.md, "Age bands"); an id means the same ages in every set. */
const char *
gil_report_age_group_label (const char *group)
{
  static const struct
  {
    const char *group;
    const char *label;
  } labels[] = {
    { "bayi", N_("Bayi (0–11 months)") },
    { "balita", N_("Balita (1–4 years)") },
    { "anak", N_("Anak (5–9 years)") },
    { "remaja", N_("Remaja (10–17 years)") },
    { "dewasa", N_("Dewasa (18–59 years)") },
    { "lansia", N_("Lansia (60 years and over)") },
    { "neonatus", N_("Neonatus (0–28 days)") },
    { "post-neonatal", N_("Bayi (29 days–11 months)") },
    { "prasekolah", N_("Prasekolah (60–72 months)") },
    { "sekolah-remaja", N_("Usia sekolah dan remaja (6–17 years)") },
    { "bayi-baru-lahir", N_("Bayi baru lahir (0–28 days)") },
    { "bayi-balita", N_("Balita (29 days–59 months)") },
    { "pendidikan-dasar", N_("Usia pendidikan dasar (5–14 years)") },
    { "usia-produktif", N_("Usia produktif (15–59 years)") },
    { "usia-lanjut", N_("Usia lanjut (60 years and over)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].group, group) == 0)
      return _(labels[i].label);
  return group;
}

const char *
gil_report_sex_label (const char *sex)
{
  if (g_strcmp0 (sex, "F") == 0)
    return _("Female");
  if (g_strcmp0 (sex, "M") == 0)
    return _("Male");
  return sex;
}

/* The measures of an exported report: the key a machine reads in the
 * CSV (Indonesian, fixed) and the title a person reads. Times are whole
 * minutes, and say so. */
static const struct
{
  const char *key;
  const char *title;
} measures[] = {
  { "kunjungan", N_("Visits") },
  { "kunjungan_baru", N_("New visits") },
  { "kunjungan_lama", N_("Returning visits") },
  { "terlayani", N_("Served") },
  { "tidak_terlayani", N_("Not served") },
  { "dibatalkan", N_("Cancelled") },
  { "dirujuk", N_("Referred") },
  { "meninggal", N_("Died") },
  { "terduga_tbc", N_("Presumptive TB") },
  { "tunggu_p50_menit", N_("Median wait (minutes)") },
  { "tunggu_p90_menit", N_("90th percentile wait (minutes)") },
  { "layanan_p50_menit", N_("Median service time (minutes)") },
  { "layanan_p90_menit", N_("90th percentile service time (minutes)") },
  { "perempuan", N_("Female") },
  { "laki_laki", N_("Male") },
  { "jumlah", N_("Total") },
  { "nilai", N_("Value") },
};

/**
 * gil_report_measure_title:
 * @measure: a measure's key, as the CSV names it ("kunjungan",
 *   "tunggu_p50_menit", …)
 *
 * Returns: the measure's title for a person; @measure itself when it is
 *   not one
 */
const char *
gil_report_measure_title (const char *measure)
{
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    if (g_strcmp0 (measures[i].key, measure) == 0)
      return _(measures[i].title);
  return measure;
}
