/* gil-head-month.c — the head page's month: the report the head sends on
 * to the Dinas Kesehatan
 *
 * The month chosen in the date menu ("This month", or a past month from
 * its list), or a free range of days ("Date range…", gil-range-dialog.c),
 * is the manager's monthly report (a GilMonthlyReport): the big
 * figures with kunjungan baru and lama and the terduga TBC, a table of
 * each cluster and room, a table of cluster × age group × sex, and the
 * visits by payer and purpose. The chart beside it is the month's days
 * from the range report, as a period's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-reports.h"
#include "gil-head-page-private.h"
#include "gil-range-dialog.h"
#include "gil-report-labels.h"
#include "gil-terms.h"

/* How many past months the date menu's list offers. */
#define MONTH_CHOICES 12

/* ── the date menu's months ────────────────────────────────────────── */

/* Returns: (transfer full): the date menu's name of @month: "This
 *   month", or its name and year */
char *
gil_head_page_month_choice (const char *month)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");

  if (g_strcmp0 (month, this_month) == 0)
    return g_strdup (_("This month"));
  return gil_report_format_month (month);
}

static void
on_month_selected_cb (GilHeadPage *self)
{
  guint index = gtk_drop_down_get_selected (self->month_dropdown);

  /* Row 0 says what the list is; a month is chosen from row 1 on. */
  if (self->syncing_months || index == 0 || index == GTK_INVALID_LIST_POSITION ||
      self->month_choices == NULL || index > g_strv_length (self->month_choices))
    return;
  gtk_popover_popdown (self->date_popover);
  gil_head_page_show_month (self, self->month_choices[index - 1]);
}

/* "This month" in the date menu. */
void
gil_head_page_this_month_clicked_cb (GilHeadPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");

  gtk_popover_popdown (self->date_popover);
  gil_head_page_show_month (self, month);
}

/* ── a free range ──────────────────────────────────────────────────── */

static void
on_range_chosen_cb (const char *from,
                    const char *to,
                    gpointer    user_data)
{
  GilHeadPage *self = user_data;

  /* The page may have closed while the dialog was open. */
  if (self->connection != NULL)
    gil_head_page_show_range (self, from, to);
}

/* "Date range…" in the date menu: the range shown, or this month so far. */
static void
on_range_clicked_cb (GilHeadPage *self)
{
  g_autofree char *today = gil_head_today_text ();
  g_autofree char *first = g_strdup_printf ("%.7s-01", today);
  gboolean range = self->view == VIEW_MONTH && self->month == NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  gtk_popover_popdown (self->date_popover);
  dialog = gil_range_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 range ? self->from : first, range ? self->to : today,
                                 on_range_chosen_cb, g_object_ref (self), g_object_unref);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Returns: (transfer full): the date menu's name of the month or range
 *   shown */
char *
gil_head_page_month_label (GilHeadPage *self)
{
  if (self->month != NULL)
    return gil_head_page_month_choice (self->month);
  return gil_report_format_period (self->from, self->to);
}

/* Returns: (transfer full): the heading of the month or range shown */
char *
gil_head_page_month_title (GilHeadPage *self)
{
  g_autofree char *when = NULL;

  if (self->month != NULL)
    {
      when = gil_report_format_month (self->month);
      return g_strdup_printf (_("Monthly report: %s"), when);
    }
  when = gil_report_format_period (self->from, self->to);
  return g_strdup_printf (_("Report for a date range: %s"), when);
}

/* Fills the month list: a first row saying what it is, then the twelve
 * months before this one, the latest first. Done each time the date menu
 * opens, so that the list starts on its first row again (and the month
 * shown before can be chosen again), and moves on with the calendar. */
static void
fill_months (GilHeadPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("Another month…"));
  for (int i = 1; i <= MONTH_CHOICES; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_months (now, -i);
      g_autofree char *month = g_date_time_format (when, "%Y-%m");
      g_autofree char *label = gil_report_format_month (month);

      g_strv_builder_add (choices, month);
      gtk_string_list_append (labels, label);
    }
  g_strfreev (self->month_choices);
  self->month_choices = g_strv_builder_end (choices);
  self->syncing_months = TRUE;
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->month_dropdown, 0);
  self->syncing_months = FALSE;
  g_object_unref (labels);
}

/* ── the month's tables ────────────────────────────────────────────── */

static GtkGrid *
add_table (GtkWidget  *box,
           const char *title,
           const char *name)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 8);
  gtk_widget_set_name (grid, name);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), grid);
  return GTK_GRID (grid);
}

/* Builds the month's card (hidden until a month is shown), the date
 * menu's month list and its "Date range…"; called once from the page's
 * init. */
void
gil_head_page_build_month (GilHeadPage *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *range_button;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_name (card, "month-card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  g_object_set (box, "margin-start", 18, "margin-end", 18, "margin-top", 12, "margin-bottom", 12, NULL);
  self->month_grid = add_table (box, _("Clusters and rooms"), "month-groups");
  self->age_sex_grid = add_table (box, _("Visits by cluster, age group and sex"), "month-age-sex");
  gtk_box_append (GTK_BOX (card), box);
  gtk_widget_set_visible (card, FALSE);
  gtk_box_insert_child_after (GTK_BOX (self->content_box), card, GTK_WIDGET (self->stats_box));
  self->month_card = card;

  range_button = gtk_button_new_with_mnemonic (_("Date _Range…"));
  gtk_widget_set_name (range_button, "range-button");
  gtk_widget_add_css_class (range_button, "flat");
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->month_dropdown))), range_button,
                              GTK_WIDGET (self->month_dropdown));
  g_signal_connect_swapped (range_button, "clicked", G_CALLBACK (on_range_clicked_cb), self);

  g_signal_connect_swapped (self->month_dropdown, "notify::selected", G_CALLBACK (on_month_selected_cb), self);
  g_signal_connect_swapped (self->date_popover, "show", G_CALLBACK (fill_months), self);
  fill_months (self);
}

static void
add_figures_row (GilHeadPage           *self,
                 int                    row,
                 const char            *title,
                 const GilMonthFigures *figures,
                 gboolean               new_returning,
                 const char            *css_class)
{
  GtkGrid *grid = self->month_grid;
  GtkLabel *label = gil_head_add_cell (grid, 0, row, title, 0, css_class);

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_width_chars (label, 18);
  gtk_label_set_max_width_chars (label, 24);
  gil_head_add_count_cell (grid, 1, row, figures->visits, css_class);
  if (new_returning)
    {
      gil_head_add_count_cell (grid, 2, row, figures->new_visits, css_class);
      gil_head_add_count_cell (grid, 3, row, figures->returning, css_class);
    }
  else
    {
      gil_head_add_cell (grid, 2, row, "", 1, NULL);
      gil_head_add_cell (grid, 3, row, "", 1, NULL);
    }
  gil_head_add_count_cell (grid, 4, row, figures->served, css_class);
  gil_head_add_count_cell (grid, 5, row, figures->not_served, css_class);
  gil_head_add_count_cell (grid, 6, row, figures->cancelled, css_class);
  /* The manager's whole minutes; -1, nothing measured, stays -1. */
  gil_head_add_time_cell (self, grid, 7, row, figures->wait_p50 < 0 ? -1 : figures->wait_p50 * 60, TRUE, css_class);
  gil_head_add_time_cell (self, grid, 8, row, figures->service_p50 < 0 ? -1 : figures->service_p50 * 60, FALSE,
                          css_class);
}

static void
show_groups (GilHeadPage      *self,
             GilMonthlyReport *report)
{
  const char *titles[] = {
    _("Cluster / room"), _("Visits"), _("New visits"), _("Returning visits"), _("Served"),
    _("Not served"), _("Cancelled"), _("Median wait"), _("Median service time"), NULL,
  };
  int row = 2;

  gil_head_clear_grid (self->month_grid);
  gil_head_add_header_row (self->month_grid, titles);
  add_figures_row (self, row++, _("The whole puskesmas"), gil_monthly_report_get_totals (report), TRUE, "heading");
  for (guint i = 0; i < gil_monthly_report_get_n_clusters (report); i++)
    {
      const GilMonthCluster *cluster = gil_monthly_report_get_cluster (report, i);

      add_figures_row (self, row++, gil_report_cluster_title (cluster->cluster), &cluster->figures, TRUE, "heading");
    }
  for (guint i = 0; i < gil_monthly_report_get_n_rooms (report); i++)
    {
      const GilMonthRoom *room = gil_monthly_report_get_room (report, i);

      add_figures_row (self, row++, room->name, &room->figures, FALSE, NULL);
    }
}

static void
show_age_sex (GilHeadPage      *self,
              GilMonthlyReport *report)
{
  const char *titles[] = {
    _("Cluster"), _("Age group"), gil_report_sex_label ("F"), gil_report_sex_label ("M"), _("Visits"), NULL,
  };
  GtkGrid *grid = self->age_sex_grid;

  gil_head_clear_grid (grid);
  gil_head_add_header_row (grid, titles);
  for (guint i = 0; i < gil_monthly_report_get_n_age_sex (report); i++)
    {
      const GilMonthAgeSex *cell = gil_monthly_report_get_age_sex (report, i);
      int row = 2 + i;

      gil_head_add_cell (grid, 0, row, gil_report_cluster_title (cell->cluster), 0, NULL);
      gil_head_add_cell (grid, 1, row, gil_report_age_group_label (cell->age_group), 0, NULL);
      gil_head_add_count_cell (grid, 2, row, cell->women, NULL);
      gil_head_add_count_cell (grid, 3, row, cell->men, NULL);
      gil_head_add_count_cell (grid, 4, row, cell->women + cell->men, "heading");
    }
}

/* ── the month's cards ─────────────────────────────────────────────── */

static void
show_stats (GilHeadPage           *self,
            const GilMonthFigures *totals,
            gint64                 tb_presumptive)
{
  gint64 wait = totals->wait_p50 < 0 ? -1 : totals->wait_p50 * 60;
  g_autofree char *wait_text = gil_report_format_minutes (wait);

  gil_head_clear_box (GTK_WIDGET (self->stats_box));
  self->waiting_stat = NULL;
  gil_head_add_count_stat (self, "visits", _("Visits"), totals->visits);
  gil_head_add_count_stat (self, "new-visits", _("New visits"), totals->new_visits);
  gil_head_add_count_stat (self, "returning-visits", _("Returning visits"), totals->returning);
  gil_head_add_count_stat (self, "served", _("Served"), totals->served);
  gil_head_add_count_stat (self, "not-served", _("Not served"), totals->not_served);
  gil_head_add_count_stat (self, "cancelled", _("Cancelled"), totals->cancelled);
  gil_head_add_count_stat (self, "referred", gil_outcome_label (GIL_OUTCOME_REFERRED), totals->referred);
  gil_head_add_count_stat (self, "died", gil_outcome_label (GIL_OUTCOME_DIED), totals->died);
  gil_head_add_stat (self, "wait", _("Median wait"), wait_text, gil_report_over_target (wait, self->wait_target));
  gil_head_add_count_stat (self, "tb-presumptive", _("Presumptive TB"), tb_presumptive);
}

static void
show_breakdowns (GilHeadPage      *self,
                 GilMonthlyReport *report)
{
  gint64 total = gil_monthly_report_get_totals (report)->visits;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));

  gil_head_clear_box (GTK_WIDGET (self->breakdown_box));
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    {
      gint64 count = gil_monthly_report_count_payer (report, *p);

      g_ptr_array_add (names, (gpointer)gil_terms_payer_label (*p));
      g_array_append_val (counts, count);
    }
  gil_head_add_breakdown (self, "payer", _("Payer"), names, counts, total);

  /* Only the purposes the month had. */
  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    {
      gint64 count = gil_monthly_report_count_purpose (report, *p);

      if (count == 0)
        continue;
      g_ptr_array_add (names, (gpointer)gil_terms_purpose_label (*p));
      g_array_append_val (counts, count);
    }
  gil_head_add_breakdown (self, "purpose", _("Purpose of visit"), names, counts, total);
}

/* Shows the month's report: its figures, tables and breakdowns. */
void
gil_head_page_show_month_report (GilHeadPage *self)
{
  GilMonthlyReport *report = self->month_report;

  gtk_widget_set_visible (self->month_card, report != NULL);
  if (report == NULL)
    return;
  show_stats (self, gil_monthly_report_get_totals (report), gil_monthly_report_get_tb_presumptive (report));
  show_groups (self, report);
  show_age_sex (self, report);
  show_breakdowns (self, report);
}

/* ── loading ───────────────────────────────────────────────────────── */

static void
month_loaded (GilHeadPage      *self,
              GilMonthlyReport *report,
              const GError     *error)
{
  if (report == NULL)
    {
      gil_head_page_load_failed (self, error);
      return;
    }
  g_clear_object (&self->month_report);
  self->month_report = report;
  /* The chart: the month's days, as a period's. */
  gil_head_page_load_days (self, gil_monthly_report_get_from (report), gil_monthly_report_get_to (report));
}

static void
on_month_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GilMonthlyReport *report = gil_connection_get_monthly_report_finish (GIL_CONNECTION (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    month_loaded (user_data, report, error);
}

static void
on_range_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GilMonthlyReport *report = gil_connection_get_period_report_finish (GIL_CONNECTION (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    month_loaded (user_data, report, error);
}

/* Loads the month of self->month, or the range from self->from to
 * self->to, in the manager's age bands; then its days. */
void
gil_head_page_load_month (GilHeadPage *self)
{
  if (self->month != NULL)
    gil_connection_get_monthly_report_async (self->connection, self->month, NULL, self->cancellable,
                                             on_month_loaded_cb, self);
  else
    gil_connection_get_period_report_async (self->connection, self->from, self->to, NULL, self->cancellable,
                                            on_range_loaded_cb, self);
}
