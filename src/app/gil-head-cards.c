/* gil-head-cards.c — the head page's cards: the large figures of a day or
 * a period, and a day's visits by age group, sex, payer and purpose, each
 * group with its share drawn as a small bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-head-page-private.h"
#include "gil-report-labels.h"
#include "gil-terms.h"

/* A big figure, its widget named "stat-@id" and labelled by its caption
 * for a screen reader. */
GtkLabel *
gil_head_add_stat (GilHeadPage *self,
                   const char  *id,
                   const char  *caption,
                   const char  *value,
                   gboolean     flagged)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *figure = gtk_label_new (value);
  GtkWidget *name = gtk_label_new (caption);
  g_autofree char *widget_name = g_strconcat ("stat-", id, NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "head-stat");
  gtk_widget_set_name (figure, widget_name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (figure), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
  g_object_set (box, "margin-start", 16, "margin-end", 16, "margin-top", 10, "margin-bottom", 10, NULL);
  gtk_label_set_xalign (GTK_LABEL (figure), 0);
  gtk_widget_add_css_class (figure, "title-1");
  gtk_widget_add_css_class (figure, "numeric");
  gtk_widget_add_css_class (figure, "head-stat-value");
  if (flagged)
    {
      gtk_widget_add_css_class (figure, "error");
      gtk_widget_add_css_class (figure, "over-target");
    }
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (name, "head-stat-name");
  gtk_box_append (GTK_BOX (box), figure);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (card), box);
  gtk_flow_box_append (self->stats_box, card);
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
  return GTK_LABEL (figure);
}

/* A big figure that is a count. */
void
gil_head_add_count_stat (GilHeadPage *self,
                         const char  *id,
                         const char  *caption,
                         gint64       count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  gil_head_add_stat (self, id, caption, text, FALSE);
}

void
gil_head_page_show_day_stats (GilHeadPage            *self,
                              const GilReportFigures *totals)
{
  g_autofree char *wait_text = gil_report_format_minutes (totals->wait_p50);
  g_autofree char *service_text = gil_report_format_minutes (totals->service_p50);

  gil_head_clear_box (GTK_WIDGET (self->stats_box));
  gil_head_add_count_stat (self, "visits", _("Visits"), totals->visits);
  if (self->view == VIEW_TODAY)
    self->waiting_stat = gil_head_add_stat (self, "waiting", _("Waiting now"), "", FALSE);
  else
    self->waiting_stat = NULL;
  gil_head_add_count_stat (self, "served", _("Served"), totals->served);
  gil_head_add_count_stat (self, "not-served", _("Not served"), totals->not_served);
  /* Registered by mistake and cancelled at the desk: neither served nor
   * left waiting. */
  gil_head_add_count_stat (self, "cancelled", _("Cancelled"), totals->cancelled);
  /* How visits ended, as the rooms recorded it. */
  gil_head_add_count_stat (self, "referred", gil_outcome_label (GIL_OUTCOME_REFERRED), totals->referred);
  gil_head_add_count_stat (self, "died", gil_outcome_label (GIL_OUTCOME_DIED), totals->died);
  gil_head_add_count_stat (self, "new-patients", _("New patients"), totals->new_patients);
  gil_head_add_stat (self, "wait", _("Median wait"), wait_text, gil_report_over_target (totals->wait_p50, self->wait_target));
  gil_head_add_stat (self, "service", _("Median service time"), service_text, FALSE);
}

/* The day's wait before the desk (taken → called at the loket), on a
 * day that had loket tickets called. */
void
gil_head_page_show_loket_wait (GilHeadPage    *self,
                               GilDailyReport *day)
{
  gint64 p50 = gil_daily_report_get_loket_wait_p50_minutes (day);
  gint64 p90 = gil_daily_report_get_loket_wait_p90_minutes (day);
  g_autofree char *p50_text = NULL;
  g_autofree char *p90_text = NULL;

  if (p50 < 0 || p90 < 0)
    return;
  p50_text = gil_report_format_minutes (p50 * 60);
  p90_text = gil_report_format_minutes (p90 * 60);
  gil_head_add_stat (self, "loket-wait", _("Wait at the loket (median)"), p50_text, FALSE);
  gil_head_add_stat (self, "loket-wait-p90", _("Wait at the loket (90th percentile)"), p90_text, FALSE);
}

static void
draw_share_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  double share = *(double *)user_data;
  GdkRGBA ink;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ink);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink.alpha * 0.12);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  /* The charts' blue, for visits. */
  cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
  cairo_rectangle (cr, 0, 0, width * CLAMP (share, 0, 1), height);
  cairo_fill (cr);
}

/* A small bar of a group's share: drawn, as a progress bar would ask for
 * more width than a card has. */
static GtkWidget *
share_bar_new (double share)
{
  GtkWidget *area = gtk_drawing_area_new ();
  double *data = g_new (double, 1);

  *data = share;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 64);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 8);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_share_cb, data, g_free);
  /* The percentage beside it says the same to a screen reader. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return area;
}

/* A card of one breakdown: each group's visits and share. */
void
gil_head_add_breakdown (GilHeadPage *self,
                        const char  *id,
                        const char  *title,
                        GPtrArray   *names,
                        GArray      *counts,
                        gint64       total)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autofree char *grid_name = g_strconcat ("breakdown-", id, NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "head-breakdown");
  gtk_widget_set_name (GTK_WIDGET (grid), grid_name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  g_object_set (box, "margin-start", 16, "margin-end", 16, "margin-top", 12, "margin-bottom", 12, NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_grid_set_column_spacing (grid, 10);
  gtk_grid_set_row_spacing (grid, 6);

  for (guint i = 0; i < names->len; i++)
    {
      gint64 count = g_array_index (counts, gint64, i);
      double share = total > 0 ? (double)count / total : 0;
      g_autofree char *percent = g_strdup_printf ("%.0f%%", share * 100);
      GtkLabel *name = gil_head_add_cell (grid, 0, i, g_ptr_array_index (names, i), 0, NULL);
      GtkWidget *bar = share_bar_new (share);

      gtk_label_set_wrap (name, TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (name), TRUE);
      gil_head_add_count_cell (grid, 1, i, count, "heading");
      gtk_grid_attach (grid, bar, 2, i, 1, 1);
      gil_head_add_cell (grid, 3, i, percent, 1, "dim-label");
    }
  if (names->len == 0)
    gil_head_add_cell (grid, 0, 0, "—", 0, "dim-label");

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  gtk_box_append (GTK_BOX (card), box);
  gtk_flow_box_append (self->breakdown_box, card);
  gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
}

static void
add_group (GPtrArray  *names,
           GArray     *counts,
           const char *name,
           gint64      count)
{
  g_ptr_array_add (names, (gpointer)name);
  g_array_append_val (counts, count);
}

void
gil_head_page_show_breakdowns (GilHeadPage    *self,
                               GilDailyReport *day)
{
  gint64 total = gil_daily_report_get_totals (day)->visits;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));

  gil_head_clear_box (GTK_WIDGET (self->breakdown_box));

  for (guint i = 0; i < gil_daily_report_get_n_age_groups (day); i++)
    {
      const GilReportCount *age = gil_daily_report_get_age_group (day, i);

      add_group (names, counts, gil_report_age_group_label (age->key), age->visits);
    }
  gil_head_add_breakdown (self, "age", _("Age group"), names, counts, total);

  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  add_group (names, counts, gil_report_sex_label ("F"), gil_daily_report_count_sex (day, "F"));
  add_group (names, counts, gil_report_sex_label ("M"), gil_daily_report_count_sex (day, "M"));
  gil_head_add_breakdown (self, "sex", _("Sex"), names, counts, total);

  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    add_group (names, counts, gil_terms_payer_label (*p), gil_daily_report_count_payer (day, *p));
  gil_head_add_breakdown (self, "payer", _("Payer"), names, counts, total);

  /* Only the purposes the day had: twelve rows of nothing say little. */
  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    if (gil_daily_report_count_purpose (day, *p) > 0)
      add_group (names, counts, gil_terms_purpose_label (*p), gil_daily_report_count_purpose (day, *p));
  gil_head_add_breakdown (self, "purpose", _("Purpose of visit"), names, counts, total);
}

/* A period's figures: its days, and their sums. */
void
gil_head_page_show_period_stats (GilHeadPage *self,
                                 GPtrArray   *days)
{
  guint n = days != NULL ? days->len : 0;
  GilReportFigures sums = { 0 };

  for (guint i = 0; i < n; i++)
    {
      const GilReportFigures *totals = gil_daily_report_get_totals (g_ptr_array_index (days, i));

      sums.visits += totals->visits;
      sums.new_patients += totals->new_patients;
      sums.served += totals->served;
      sums.not_served += totals->not_served;
      sums.referred += totals->referred;
      sums.died += totals->died;
    }

  gil_head_clear_box (GTK_WIDGET (self->stats_box));
  self->waiting_stat = NULL;
  gil_head_add_count_stat (self, "days", _("Days"), n);
  gil_head_add_count_stat (self, "visits", _("Visits"), sums.visits);
  gil_head_add_count_stat (self, "new-patients", _("New patients"), sums.new_patients);
  gil_head_add_count_stat (self, "served", _("Served"), sums.served);
  gil_head_add_count_stat (self, "not-served", _("Not served"), sums.not_served);
  gil_head_add_count_stat (self, "referred", gil_outcome_label (GIL_OUTCOME_REFERRED), sums.referred);
  gil_head_add_count_stat (self, "died", gil_outcome_label (GIL_OUTCOME_DIED), sums.died);
}
