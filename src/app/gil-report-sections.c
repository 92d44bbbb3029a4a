/* gil-report-sections.c — what the head's printed report says, in order
 *
 * A day's report: the letterhead, the date, the day's summary, the load of
 * each cluster and room with waits over the target marked, the patients by
 * hour, the last 30 days, and the visits by age group, sex, payer and
 * purpose, then the head's signature (gil-report-letterhead.c). A
 * period's report has its days instead. Each page ends with the report's
 * title and its number. The charts are GilChart's own drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-chart.h"
#include "gil-report-labels.h"
#include "gil-report-layout.h"
#include "gil-terms.h"

/* Returns: (transfer full): what the report of @day (with its trend
 * @days) or of the period @days shows */
Report *
gil_printed_report_new (GilProfile     *profile,
                        GilDailyReport *day,
                        GPtrArray      *days,
                        int             wait_target)
{
  Report *report = g_new0 (Report, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *puskesmas = profile != NULL ? gil_profile_get_name (profile) : NULL;

  report->puskesmas = g_strdup (puskesmas != NULL && puskesmas[0] != '\0' ? puskesmas : "Puskesmas");
  report->profile = profile != NULL ? g_object_ref (profile) : NULL;
  report->printed_on = g_date_time_format (now, "%Y-%m-%d");
  report->day = day != NULL ? g_object_ref (day) : NULL;
  report->days = days != NULL ? g_ptr_array_ref (days) : NULL;
  report->target = wait_target;
  report->printed = g_date_time_format (now, "%d-%m-%Y %H.%M");
  return report;
}

void
gil_printed_report_free (Report *report)
{
  g_free (report->puskesmas);
  g_clear_object (&report->profile);
  g_clear_object (&report->day);
  g_clear_pointer (&report->days, g_ptr_array_unref);
  g_clear_pointer (&report->tables, gil_report_tables_free);
  g_free (report->printed);
  g_free (report->printed_on);
  g_free (report);
}

/* Returns: "Laporan Harian", "Laporan Bulanan", … */
static const char *
report_kind (const Report *report)
{
  if (report->tables != NULL)
    return report->tables->month != NULL ? _("Monthly Report") : _("Report by Period");
  return report->day != NULL ? _("Daily Report") : _("Report by Day");
}

/* Returns: (transfer full): "Laporan Harian — Puskesmas …" */
char *
gil_printed_report_title (const Report *report)
{
  return g_strdup_printf ("%s — %s", report_kind (report), report->puskesmas);
}

/* ── the report's parts ────────────────────────────────────────────── */

static void
flow_header (Flow *f)
{
  const Report *r = f->report;
  g_autofree char *when = NULL;
  g_autofree char *printed = g_strdup_printf (_("Printed %s with Giliran"), r->printed);

  if (r->tables != NULL)
    when = g_strdup (r->tables->period);
  else if (r->day != NULL)
    when = gil_report_format_date (gil_daily_report_get_date (r->day));
  else if (r->days != NULL && r->days->len > 0)
    {
      GilDailyReport *first = g_ptr_array_index (r->days, 0);
      GilDailyReport *last = g_ptr_array_index (r->days, r->days->len - 1);

      when = gil_report_format_period (gil_daily_report_get_date (first), gil_daily_report_get_date (last));
    }
  else
    when = g_strdup ("");

  gil_report_flow_letterhead (f);
  gil_flow_text (f, report_kind (r), TITLE_PT, TRUE, &gil_report_black);
  gil_flow_text (f, when, 11, FALSE, &gil_report_black);
  f->y += 2;
  gil_flow_text (f, printed, SMALL_PT, FALSE, &gil_report_grey);
  f->y += 4;
  gil_flow_rule (f, f->y, 0, f->width, 1.2);
  f->y += GAP;
}

static void
flow_note (Flow       *f,
           const char *text)
{
  f->y += 3;
  gil_flow_text (f, text, SMALL_PT, FALSE, &gil_report_grey);
  f->y += GAP;
}

/* The wait before the desk (a loket number taken → called), on a day
 * that had loket tickets called: under the summary, as its own line. */
static void
flow_loket_wait (Flow *f)
{
  gint64 p50 = gil_daily_report_get_loket_wait_p50_minutes (f->report->day);
  gint64 p90 = gil_daily_report_get_loket_wait_p90_minutes (f->report->day);
  g_autoptr(Table) table = NULL;
  Row *row;

  if (p50 < 0 || p90 < 0)
    return;
  table = gil_table_new (FALSE, _("Wait at the loket (median)"),
                         _("Wait at the loket (90th percentile)"), NULL);
  row = gil_table_add_row (table, ROW_BOLD, NULL);
  gil_row_set_minutes (row, 0, p50 * 60, -1);
  gil_row_set_minutes (row, 1, p90 * 60, -1);
  gil_flow_table (f, table, 0, f->width, FALSE);
  f->y += GAP;
}

static void
flow_day_summary (Flow *f)
{
  const GilReportFigures *totals = gil_daily_report_get_totals (f->report->day);
  g_autoptr(Table) table = gil_table_new (FALSE, _("Visits"), _("New patients"), _("Served"),
                                          _("Not served"), _("Cancelled"), _("Median wait"),
                                          _("90th percentile wait"), _("Median service time"), NULL);
  Row *row = gil_table_add_row (table, ROW_BOLD, NULL);

  gil_row_set_count (row, 0, totals->visits);
  gil_row_set_count (row, 1, totals->new_patients);
  gil_row_set_count (row, 2, totals->served);
  gil_row_set_count (row, 3, totals->not_served);
  gil_row_set_count (row, 4, totals->cancelled);
  gil_row_set_minutes (row, 5, totals->wait_p50, f->report->target);
  gil_row_set_minutes (row, 6, totals->wait_p90, f->report->target);
  gil_row_set_minutes (row, 7, totals->service_p50, -1);

  gil_flow_heading (f, _("Summary"), gil_table_height (f, table, f->width));
  gil_flow_table (f, table, 0, f->width, FALSE);
  f->y += GAP;
  flow_loket_wait (f);
}

static void
flow_load (Flow *f)
{
  GilDailyReport *day = f->report->day;
  int target = f->report->target;
  g_autoptr(Table) table = gil_table_new (TRUE, _("Cluster or room"), _("Visits"), _("Served"),
                                          _("Not served"), _("Median wait"), _("90th percentile wait"),
                                          _("Median service time"), NULL);
  g_autofree char *note = NULL;
  g_autofree char *target_text = gil_report_format_target (target);
  Row *row;

  row = gil_table_add_row (table, ROW_BOLD, g_strdup (_("The whole puskesmas")));
  gil_row_set_figures (row, 1, gil_daily_report_get_totals (day), target);
  gil_table_add_row (table, ROW_GROUP, g_strdup (_("By cluster")));
  for (guint i = 0; i < gil_daily_report_get_n_clusters (day); i++)
    {
      const GilReportCluster *cluster = gil_daily_report_get_cluster (day, i);

      row = gil_table_add_row (table, ROW_PLAIN,
                               g_strdup (gil_report_cluster_title (cluster->cluster)));
      gil_row_set_figures (row, 1, &cluster->figures, target);
    }
  gil_table_add_row (table, ROW_GROUP, g_strdup (_("By room (each time a patient joined its queue)")));
  for (guint i = 0; i < gil_daily_report_get_n_rooms (day); i++)
    {
      const GilReportRoom *room = gil_daily_report_get_room (day, i);

      row = gil_table_add_row (table, ROW_PLAIN, g_strdup (room->name));
      gil_row_set_figures (row, 1, &room->figures, target);
    }

  gil_flow_heading (f, _("Service load by cluster and room"), gil_table_height (f, table, f->width) * 0.5);
  gil_flow_table (f, table, 0, f->width, TRUE);
  /* TRANSLATORS: %s is "Target 60 min" */
  note = g_strdup_printf (_("⚠ marks a waiting time over the puskesmas's target (%s)."), target_text);
  flow_note (f, note);
}

static void
flow_chart (Flow         *f,
            const char   *title,
            GilChartKind  kind,
            GPtrArray    *days)
{
  gil_flow_heading (f, title, CHART_HEIGHT);
  if (gil_flow_drawing (f))
    {
      PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

      pango_font_description_set_size (font, (int)(SMALL_PT * PANGO_SCALE));
      cairo_save (f->cr);
      cairo_translate (f->cr, 0, f->y);
      gil_chart_draw (f->cr, f->pango, font, &gil_report_black, kind, f->report->day, days,
                      f->report->target, f->width, CHART_HEIGHT);
      cairo_restore (f->cr);
      pango_font_description_free (font);
    }
  f->y += CHART_HEIGHT + GAP * 1.5;
}

/* A breakdown: each group, its visits and its share of the day's. */
static Table *
breakdown_table (const char *title)
{
  return gil_table_new (TRUE, title, _("Visits"), "%", NULL);
}

static void
breakdown_row (Table      *table,
               const char *label,
               gint64      visits,
               gint64      total)
{
  Row *row = gil_table_add_row (table, ROW_PLAIN, g_strdup (label));

  gil_row_set_count (row, 1, visits);
  row->cells[2] = total > 0 ? g_strdup_printf ("%.0f%%", 100.0 * visits / total) : g_strdup ("—");
}

static void
flow_breakdowns (Flow *f)
{
  GilDailyReport *day = f->report->day;
  gint64 total = gil_daily_report_get_totals (day)->visits;
  Table *tables[4];
  double column = (f->width - GAP * 1.5) / 2;
  double top, height[2] = { 0, 0 };

  tables[0] = breakdown_table (_("Age group"));
  for (guint i = 0; i < gil_daily_report_get_n_age_groups (day); i++)
    {
      const GilReportCount *age = gil_daily_report_get_age_group (day, i);

      breakdown_row (tables[0], gil_report_age_group_label (age->key), age->visits, total);
    }
  tables[1] = breakdown_table (_("Purpose of visit"));
  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    if (gil_daily_report_count_purpose (day, *p) > 0)
      breakdown_row (tables[1], gil_terms_purpose_label (*p), gil_daily_report_count_purpose (day, *p), total);
  tables[2] = breakdown_table (_("Sex"));
  breakdown_row (tables[2], gil_report_sex_label ("F"), gil_daily_report_count_sex (day, "F"), total);
  breakdown_row (tables[2], gil_report_sex_label ("M"), gil_daily_report_count_sex (day, "M"), total);
  tables[3] = breakdown_table (_("Payer"));
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    breakdown_row (tables[3], gil_terms_payer_label (*p), gil_daily_report_count_payer (day, *p), total);

  for (guint i = 0; i < 4; i++)
    height[i / 2] = MAX (height[i / 2], gil_table_height (f, tables[i], column));

  gil_flow_heading (f, _("Visits by age group, sex, payer and purpose"), height[0]);
  for (guint line = 0; line < 2; line++)
    {
      gil_flow_need (f, height[line]);
      top = f->y;
      for (guint i = 0; i < 2; i++)
        {
          f->y = top;
          gil_flow_table (f, tables[line * 2 + i], i * (column + GAP * 1.5), column, FALSE);
        }
      f->y = top + height[line] + GAP;
    }

  for (guint i = 0; i < 4; i++)
    gil_table_free (tables[i]);
}

static void
flow_period (Flow *f)
{
  GPtrArray *days = f->report->days;
  guint n = days != NULL ? days->len : 0;
  int target = f->report->target;
  GilReportFigures sums = { 0 };
  g_autoptr(Table) summary = gil_table_new (FALSE, _("Days"), _("Visits"), _("New patients"),
                                            _("Served"), _("Not served"), NULL);
  g_autoptr(Table) table = gil_table_new (TRUE, _("Date"), _("Visits"), _("Served"), _("Not served"),
                                          _("Median wait"), _("90th percentile wait"),
                                          _("Median service time"), NULL);
  g_autofree char *target_text = gil_report_format_target (target);
  g_autofree char *note = NULL;
  Row *row;

  for (guint i = 0; i < n; i++)
    {
      GilDailyReport *day = g_ptr_array_index (days, i);
      const GilReportFigures *totals = gil_daily_report_get_totals (day);

      sums.visits += totals->visits;
      sums.new_patients += totals->new_patients;
      sums.served += totals->served;
      sums.not_served += totals->not_served;
      row = gil_table_add_row (table, ROW_PLAIN, gil_report_format_date (gil_daily_report_get_date (day)));
      gil_row_set_figures (row, 1, totals, target);
    }
  row = gil_table_add_row (summary, ROW_BOLD, NULL);
  gil_row_set_count (row, 0, n);
  gil_row_set_count (row, 1, sums.visits);
  gil_row_set_count (row, 2, sums.new_patients);
  gil_row_set_count (row, 3, sums.served);
  gil_row_set_count (row, 4, sums.not_served);

  gil_flow_heading (f, _("Summary"), gil_table_height (f, summary, f->width));
  gil_flow_table (f, summary, 0, f->width, FALSE);
  f->y += GAP;
  flow_chart (f, _("Visits and median wait by day"), GIL_CHART_TREND, days);
  gil_flow_heading (f, _("Service load by day"), gil_flow_row_height (f) * 4);
  gil_flow_table (f, table, 0, f->width, TRUE);
  note = g_strdup_printf (_("⚠ marks a waiting time over the puskesmas's target (%s)."), target_text);
  flow_note (f, note);
}

static void
draw_footer (Flow *f,
             int   n_pages)
{
  g_autofree char *page = g_strdup_printf (_("Page %d of %d"), f->page + 1, n_pages);
  g_autofree char *title = gil_printed_report_title (f->report);
  g_autoptr(PangoLayout) left = gil_flow_text_layout (f, title, SMALL_PT, FALSE, f->width * 0.75, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = gil_flow_text_layout (f, page, SMALL_PT, FALSE, f->width, PANGO_ALIGN_RIGHT);
  double y = f->height + FOOTER_HEIGHT - gil_flow_layout_height (left);

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  gil_flow_show_layout (f, left, 0, y, &gil_report_grey);
  gil_flow_show_layout (f, right, 0, y, &gil_report_grey);
}

/* Lays the report out on pages of @width × @height points and draws page
 * @target (none when -1). Returns: how many pages it takes */
int
gil_printed_report_lay_out (cairo_t      *cr,
                            PangoContext *pango,
                            const Report *report,
                            double        width,
                            double        height,
                            int           target,
                            int           n_pages)
{
  Flow f = { cr, pango, report, width, height - FOOTER_HEIGHT, 0, 0, target };

  flow_header (&f);
  if (report->tables != NULL)
    gil_report_month_sections_flow (&f);
  else if (report->day != NULL)
    {
      flow_day_summary (&f);
      flow_load (&f);
      flow_chart (&f, _("Arrivals and patients served by hour"), GIL_CHART_BY_HOUR, NULL);
      if (report->days != NULL)
        flow_chart (&f, _("Last 30 days: visits and median wait"), GIL_CHART_TREND, report->days);
      flow_breakdowns (&f);
    }
  else
    flow_period (&f);
  gil_report_flow_signature (&f);

  if (target >= 0)
    {
      f.page = target;
      draw_footer (&f, n_pages);
    }
  return f.page + 1;
}
