/* gil-head-tables.c — the head page's tables: the day's load by cluster
 * and room, with "waiting now" kept current from the room list, and a
 * period's days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-head-page-private.h"
#include "gil-report-labels.h"

void
gil_head_waiting_cell_free (WaitingCell *cell)
{
  g_free (cell->cluster);
  g_free (cell);
}

void
gil_head_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    if (GTK_IS_FLOW_BOX (box))
      gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
    else
      gtk_box_remove (GTK_BOX (box), child);
}

void
gil_head_clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

GtkLabel *
gil_head_add_cell (GtkGrid    *grid,
                   int         column,
                   int         row,
                   const char *text,
                   float       xalign,
                   const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
  return GTK_LABEL (label);
}

void
gil_head_add_count_cell (GtkGrid    *grid,
                         int         column,
                         int         row,
                         gint64      count,
                         const char *css_class)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  gil_head_add_cell (grid, column, row, text, 1, css_class);
}

/* A time, marked when it is a wait over the target. */
void
gil_head_add_time_cell (GilHeadPage *self,
                        GtkGrid     *grid,
                        int          column,
                        int          row,
                        gint64       seconds,
                        gboolean     is_wait,
                        const char  *css_class)
{
  g_autofree char *text = gil_report_format_minutes (seconds);
  GtkLabel *label;

  if (is_wait && gil_report_over_target (seconds, self->wait_target))
    {
      g_autofree char *marked = g_strconcat ("⚠ ", text, NULL);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("Over the target of %d min",
                                                            "Over the target of %d min",
                                                            self->wait_target),
                                                  self->wait_target);

      label = gil_head_add_cell (grid, column, row, marked, 1, css_class);
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (label), "over-target");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
    }
  else
    gil_head_add_cell (grid, column, row, text, 1, css_class);
}

void
gil_head_add_header_row (GtkGrid            *grid,
                         const char * const *titles)
{
  guint n = g_strv_length ((GStrv)titles);

  for (guint i = 0; i < n; i++)
    {
      GtkLabel *label = gil_head_add_cell (grid, i, 0, titles[i], i == 0 ? 0 : 1, "caption-heading");

      gtk_label_set_wrap (label, TRUE);
      gtk_label_set_max_width_chars (label, 14);
      gtk_label_set_justify (label, i == 0 ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
      gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_END);
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
  gtk_grid_attach (grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, n, 1);
}

static void
add_group_row (GtkGrid    *grid,
               int         row,
               int         width,
               const char *title)
{
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, width, 1);
}

static void
add_waiting_cell (GilHeadPage *self,
                  GtkGrid     *grid,
                  int          column,
                  int          row,
                  gboolean     all,
                  const char  *cluster,
                  gint64       room,
                  const char  *css_class)
{
  WaitingCell *cell = g_new0 (WaitingCell, 1);

  cell->label = gil_head_add_cell (grid, column, row, "", 1, css_class);
  gtk_widget_add_css_class (GTK_WIDGET (cell->label), "waiting-now");
  cell->all = all;
  cell->cluster = g_strdup (cluster);
  cell->room = room;
  g_ptr_array_add (self->waiting_cells, cell);
}

/* One row of the load: its name, then the figures. */
static void
add_load_row (GilHeadPage            *self,
              int                     row,
              const char             *name,
              const GilReportFigures *figures,
              gboolean                total,
              const char             *cluster,
              gint64                  room)
{
  const char *css = total ? "heading" : NULL;
  gboolean live = self->view == VIEW_TODAY;
  int c = 0;
  GtkLabel *label = gil_head_add_cell (self->load_grid, c++, row, name, 0, css);

  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  if (!total)
    gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
  gil_head_add_count_cell (self->load_grid, c++, row, figures->visits, css);
  if (live)
    add_waiting_cell (self, self->load_grid, c++, row, total, cluster, room, css);
  gil_head_add_count_cell (self->load_grid, c++, row, figures->served, css);
  gil_head_add_count_cell (self->load_grid, c++, row, figures->not_served, css);
  gil_head_add_time_cell (self, self->load_grid, c++, row, figures->wait_p50, TRUE, css);
  gil_head_add_time_cell (self, self->load_grid, c++, row, figures->wait_p90, TRUE, css);
  gil_head_add_time_cell (self, self->load_grid, c++, row, figures->service_p50, FALSE, css);
}

void
gil_head_page_show_load (GilHeadPage    *self,
                         GilDailyReport *day)
{
  const char *live_titles[] = {
    _("Cluster or room"), _("Visits"), _("Waiting now"), _("Served"), _("Not served"),
    _("Median wait"), _("90th percentile wait"), _("Median service time"), NULL,
  };
  const char *past_titles[] = {
    _("Cluster or room"), _("Visits"), _("Served"), _("Not served"),
    _("Median wait"), _("90th percentile wait"), _("Median service time"), NULL,
  };
  gboolean live = self->view == VIEW_TODAY;
  const char * const *titles = live ? live_titles : past_titles;
  int width = g_strv_length ((GStrv)titles);
  g_autofree char *target = gil_report_format_target (self->wait_target);
  g_autofree char *legend = NULL;
  int row = 2;

  gil_head_clear_grid (self->load_grid);
  g_ptr_array_set_size (self->waiting_cells, 0);
  gil_head_add_header_row (self->load_grid, titles);

  add_load_row (self, row++, _("The whole puskesmas"), gil_daily_report_get_totals (day), TRUE, NULL, 0);
  add_group_row (self->load_grid, row++, width, _("By cluster"));
  for (guint i = 0; i < gil_daily_report_get_n_clusters (day); i++)
    {
      const GilReportCluster *cluster = gil_daily_report_get_cluster (day, i);

      add_load_row (self, row++, gil_report_cluster_title (cluster->cluster), &cluster->figures, FALSE,
                    cluster->cluster, 0);
    }
  add_group_row (self->load_grid, row++, width, _("By room (each time a patient joined its queue)"));
  for (guint i = 0; i < gil_daily_report_get_n_rooms (day); i++)
    {
      const GilReportRoom *room = gil_daily_report_get_room (day, i);

      add_load_row (self, row++, room->name, &room->figures, FALSE, NULL, room->id);
    }

  /* TRANSLATORS: %s is "Target 60 min" */
  legend = g_strdup_printf (_("⚠ marks a waiting time over the puskesmas's target (%s)."), target);
  if (live)
    {
      g_autofree char *more = g_strconcat (legend, " ",
                                           _("Waiting now counts the patients in each room’s queue at this moment; a cluster counts its own rooms."),
                                           NULL);

      gtk_label_set_text (self->legend_label, more);
    }
  else
    gtk_label_set_text (self->legend_label, legend);
  gil_head_page_update_waiting (self);
}

static guint
waiting_in (GilHeadPage *self,
            WaitingCell *cell)
{
  GListModel *rooms = G_LIST_MODEL (self->rooms);
  guint waiting = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (rooms, i);

      if (cell->all ||
          (cell->cluster != NULL && g_strcmp0 (gil_room_item_get_cluster (room), cell->cluster) == 0) ||
          (cell->room != 0 && gil_room_item_get_id (room) == cell->room))
        waiting += gil_room_item_get_waiting (room);
    }
  return waiting;
}

void
gil_head_page_update_waiting (GilHeadPage *self)
{
  for (guint i = 0; i < self->waiting_cells->len; i++)
    {
      WaitingCell *cell = g_ptr_array_index (self->waiting_cells, i);
      g_autofree char *text = g_strdup_printf ("%u", waiting_in (self, cell));

      gtk_label_set_text (cell->label, text);
    }
  if (self->waiting_stat != NULL)
    {
      WaitingCell all = { .all = TRUE };
      g_autofree char *text = g_strdup_printf ("%u", waiting_in (self, &all));

      gtk_label_set_text (self->waiting_stat, text);
    }
}

/* A large figure with its name under it. */

static gboolean
on_waiting_idle_cb (gpointer user_data)
{
  GilHeadPage *self = user_data;

  self->waiting_id = 0;
  gil_head_page_update_waiting (self);
  return G_SOURCE_REMOVE;
}

static void
on_room_waiting_notify_cb (GilHeadPage *self)
{
  if (self->waiting_id == 0)
    self->waiting_id = g_idle_add (on_waiting_idle_cb, self);
}

/* Follows each room's waiting count; the rooms themselves may change. */
void
gil_head_page_watch_rooms (GilHeadPage *self)
{
  GListModel *rooms = G_LIST_MODEL (self->rooms);

  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      GilRoomItem *room = g_list_model_get_item (rooms, i);

      g_signal_connect_swapped (room, "notify::waiting", G_CALLBACK (on_room_waiting_notify_cb), self);
      g_ptr_array_add (self->watched, room);
    }
  on_room_waiting_notify_cb (self);
}

/* A period's table: a row for each day. */
void
gil_head_page_show_days (GilHeadPage *self,
                         GPtrArray   *days)
{
  const char *titles[] = {
    _("Date"), _("Visits"), _("New patients"), _("Served"), _("Not served"),
    _("Median wait"), _("90th percentile wait"), _("Median service time"), NULL,
  };
  guint n = days != NULL ? days->len : 0;

  gil_head_clear_grid (self->days_grid);
  gil_head_add_header_row (self->days_grid, titles);
  for (guint i = 0; i < n; i++)
    {
      GilDailyReport *day = g_ptr_array_index (days, i);
      const GilReportFigures *totals = gil_daily_report_get_totals (day);
      g_autofree char *date = gil_report_format_date (gil_daily_report_get_date (day));
      int row = i + 2;
      GtkLabel *label = gil_head_add_cell (self->days_grid, 0, row, date, 0, NULL);

      gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
      gil_head_add_count_cell (self->days_grid, 1, row, totals->visits, NULL);
      gil_head_add_count_cell (self->days_grid, 2, row, totals->new_patients, NULL);
      gil_head_add_count_cell (self->days_grid, 3, row, totals->served, NULL);
      gil_head_add_count_cell (self->days_grid, 4, row, totals->not_served, NULL);
      gil_head_add_time_cell (self, self->days_grid, 5, row, totals->wait_p50, TRUE, NULL);
      gil_head_add_time_cell (self, self->days_grid, 6, row, totals->wait_p90, TRUE, NULL);
      gil_head_add_time_cell (self, self->days_grid, 7, row, totals->service_p50, FALSE, NULL);
    }
}
