/* gil-head-show.c — the head page showing what it loaded: the heading
 * for the choice (today, a day, a week, a month) and the cards, tables and
 * charts of that choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-head-page-private.h"
#include "gil-report-labels.h"

static char *
choice_label (GilHeadPage *self)
{
  g_autofree char *today = gil_head_today_text ();

  if (self->view == VIEW_TODAY)
    return g_strdup (_("Today"));
  if (self->view == VIEW_DAY)
    return gil_report_format_date (self->from);
  if (self->view == VIEW_MONTH)
    return gil_head_page_month_label (self);
  if (g_strcmp0 (self->to, today) == 0)
    {
      g_autofree char *week = gil_report_shift_date (today, -(GIL_HEAD_WEEK_DAYS - 1));
      g_autofree char *month = gil_report_shift_date (today, -(GIL_REPORT_TREND_DAYS - 1));

      if (g_strcmp0 (self->from, week) == 0)
        return g_strdup (_("Last 7 days"));
      if (g_strcmp0 (self->from, month) == 0)
        return g_strdup (_("Last 30 days"));
    }
  return gil_report_format_period (self->from, self->to);
}

static void
show_heading (GilHeadPage *self)
{
  g_autofree char *choice = choice_label (self);
  g_autofree char *title = NULL;

  gtk_label_set_text (self->date_label, choice);
  if (self->view == VIEW_MONTH)
    title = gil_head_page_month_title (self);
  else if (self->view == VIEW_PERIOD)
    {
      g_autofree char *period = gil_report_format_period (self->from, self->to);

      title = g_strdup_printf (_("Report by day: %s"), period);
    }
  else
    {
      g_autofree char *date = gil_report_format_date (self->date);

      title = g_strdup_printf (_("Daily report: %s"), date);
    }
  gtk_label_set_text (self->title_label, title);

  if (self->view == VIEW_TODAY && self->updated != NULL)
    {
      g_autofree char *time = g_date_time_format (self->updated, "%H.%M");
      g_autofree char *status = g_strdup_printf (_("Live, updated at %s"), time);

      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, "");
}

void
gil_head_page_show_report (GilHeadPage *self)
{
  GilDailyReport *day = self->day;
  gboolean period = self->view == VIEW_PERIOD;
  gboolean month = self->view == VIEW_MONTH;
  gboolean shown;
  const char *trend_title;

  show_heading (self);

  gtk_widget_set_visible (self->load_card, !period && !month && day != NULL);
  gtk_widget_set_visible (self->hour_card, !period && !month && day != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_box), month || (!period && day != NULL));
  gtk_widget_set_visible (self->days_card, period);
  gtk_widget_set_visible (self->month_card, month);

  if (month)
    gil_head_page_show_month_report (self);
  else if (period)
    {
      gil_head_page_show_days (self, self->days);
      gil_head_page_show_period_stats (self, self->days);
    }
  else if (day != NULL)
    {
      gil_head_page_show_day_stats (self, gil_daily_report_get_totals (day));
      gil_head_page_show_loket_wait (self, day);
      gil_head_page_show_load (self, day);
      gil_chart_set_day (self->hour_chart, day);
      gil_head_page_show_breakdowns (self, day);
    }

  trend_title = period || month ? _("Visits and median wait by day") : _("Last 30 days: visits and median wait");
  gtk_label_set_text (self->trend_title, trend_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trend_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trend_title, -1);
  gil_chart_set_days (self->trend_chart, self->days);

  /* A day or a period as before; a month from its report; a day's or
   * days' spreadsheet from their period report, fetched to be saved. */
  shown = month ? self->month_report != NULL : period || day != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-csv", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-xlsx", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.print", shown);
}
