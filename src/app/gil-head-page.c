/* gil-head-page.c — the head of the puskesmas's station: the day's load
 *
 * Today, live: a row for the whole puskesmas, each cluster and each room
 * with its visits, how many wait now, served and not served, the median and
 * 90th-percentile wait and the median service time; waits over the
 * puskesmas's target (a setting, 60 minutes unless changed) stand out.
 * Under it the day hour by hour, the last 30 days, and the visits by age
 * group, sex, payer and purpose. Any past day, or a period of days, is a
 * choice in the date menu; what is shown can be saved as CSV or printed.
 *
 * The figures are the manager's daily report. Today's is loaded again when
 * the queue moves, at most every RELOAD_DELAY_MS, one request at a time;
 * "waiting now" comes from the room list, which follows the events itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gil-chart.h"
#include "gil-head-page.h"
#include "gil-report-labels.h"
#include "gil-report-printer.h"
#include "gil-terms.h"

#define RELOAD_DELAY_MS   2000
#define TREND_DAYS        30
#define WEEK_DAYS         7
#define DEFAULT_TARGET    60

typedef enum
{
  VIEW_TODAY,
  VIEW_DAY,
  VIEW_PERIOD,
} View;

/* A "waiting now" figure of the table, kept current from the room list. */
typedef struct
{
  GtkLabel *label;
  gboolean  all;         /* the whole puskesmas */
  char     *cluster;     /* the rooms of a cluster, or NULL */
  gint64    room;        /* one room, or 0 */
} WaitingCell;

struct _GilHeadPage
{
  AdwBin                parent_instance;

  GilConnection        *connection;
  GilRoomList          *rooms;
  GSettings            *settings;
  int                   wait_target;

  View                  view;
  char                 *from;       /* the day or period asked for; NULL for today */
  char                 *to;
  char                 *date;       /* the day shown, as the manager names it */
  JsonNode             *day;        /* (nullable) the day's report */
  JsonNode             *days;       /* (nullable) the 30 days to it, or the period */
  char                 *puskesmas;
  GDateTime            *updated;

  GCancellable         *cancellable;           /* the loads of what is shown */
  GCancellable         *profile_cancellable;
  gboolean              loading;
  gboolean              want_trend;
  gboolean              stale;                 /* the queue moved during a load */
  guint                 reload_id;
  guint                 waiting_id;
  GPtrArray            *watched;               /* element-type GilRoomItem */
  GPtrArray            *waiting_cells;         /* element-type WaitingCell */
  GtkLabel             *waiting_stat;
  GtkFileChooserNative *chooser;
  gboolean              syncing_calendar;

  GtkMenuButton        *date_button;
  GtkLabel             *date_label;
  GtkPopover           *date_popover;
  GtkCalendar          *calendar;
  GtkLabel             *status_label;
  GtkWidget            *content_box;
  GtkLabel             *title_label;
  GtkFlowBox           *stats_box;
  GtkWidget            *load_card;
  GtkGrid              *load_grid;
  GtkLabel             *legend_label;
  GtkWidget            *hour_card;
  GilChart             *hour_chart;
  GtkLabel             *trend_title;
  GilChart             *trend_chart;
  GtkFlowBox           *breakdown_box;
  GtkWidget            *days_card;
  GtkGrid              *days_grid;
};

G_DEFINE_FINAL_TYPE (GilHeadPage, gil_head_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_ROOMS,
  PROP_WAIT_TARGET,
  PROP_LOADING,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_report (GilHeadPage *self);
static void update_waiting (GilHeadPage *self);

static void
waiting_cell_free (WaitingCell *cell)
{
  g_free (cell->cluster);
  g_free (cell);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
toast (GilHeadPage *self,
       const char  *message)
{
  /* The page's own child; bound, it would be unparented twice. */
  GtkWidget *overlay = adw_bin_get_child (ADW_BIN (self));

  /* A file saved after the page closed has nobody to tell. */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
set_loading (GilHeadPage *self,
             gboolean     loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static JsonObject *
day_object (GilHeadPage *self)
{
  return self->day != NULL && JSON_NODE_HOLDS_OBJECT (self->day) ? json_node_get_object (self->day) : NULL;
}

static JsonArray *
days_array (GilHeadPage *self)
{
  return self->days != NULL && JSON_NODE_HOLDS_ARRAY (self->days) ? json_node_get_array (self->days) : NULL;
}

/* ── loading ───────────────────────────────────────────────────────── */

static void
load_failed (GilHeadPage  *self,
             const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The report could not be loaded: %s"), error->message);

  set_loading (self, FALSE);
  gtk_label_set_text (self->status_label, message);
  toast (self, message);
}

static gboolean on_reload_cb (gpointer user_data);

static void
schedule_reload (GilHeadPage *self)
{
  if (self->view != VIEW_TODAY || self->reload_id != 0)
    return;
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, on_reload_cb, self);
}

static void
finish_load (GilHeadPage *self)
{
  g_clear_pointer (&self->updated, g_date_time_unref);
  self->updated = g_date_time_new_now_local ();
  set_loading (self, FALSE);
  show_report (self);
  if (self->stale)
    {
      self->stale = FALSE;
      schedule_reload (self);
    }
}

/* Today's point of the trend follows today's report between full loads. */
static void
patch_trend (GilHeadPage *self)
{
  JsonArray *days = days_array (self);
  JsonObject *day = day_object (self);
  g_autoptr(JsonNode) copy = NULL;
  JsonArray *array;
  JsonObject *last;

  if (days == NULL || day == NULL || json_array_get_length (days) == 0)
    return;
  copy = json_node_copy (self->days);
  array = json_node_get_array (copy);
  last = json_array_get_object_element (array, json_array_get_length (array) - 1);
  if (g_strcmp0 (json_object_get_string_member_with_default (last, "date", NULL), self->date) != 0)
    return;
  json_object_set_member (last, "totals", json_node_copy (json_object_get_member (day, "totals")));
  json_node_unref (self->days);
  self->days = g_steal_pointer (&copy);
}

static void
on_days_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  JsonNode *days = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  GilHeadPage *self;

  /* Cancelled: another choice replaced it, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (days == NULL)
    return load_failed (self, error);
  g_clear_pointer (&self->days, json_node_unref);
  self->days = days;
  if (self->view == VIEW_PERIOD)
    g_clear_pointer (&self->day, json_node_unref);
  finish_load (self);
}

static void
request (GilHeadPage         *self,
         const char          *path,
         GAsyncReadyCallback  callback)
{
  gil_connection_request_async (self->connection, "GET", path, NULL, NULL, self->cancellable,
                                callback, self);
}

static void
on_day_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) day = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  GilHeadPage *self;
  const char *date;
  gboolean trend;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (day == NULL)
    return load_failed (self, error);
  if (!JSON_NODE_HOLDS_OBJECT (day))
    {
      g_autoptr(GError) shape = g_error_new_literal (GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                                                     _("The manager’s report is not as expected"));

      return load_failed (self, shape);
    }

  date = json_object_get_string_member_with_default (json_node_get_object (day), "date", "");
  trend = self->want_trend || self->days == NULL || g_strcmp0 (date, self->date) != 0;
  g_clear_pointer (&self->day, json_node_unref);
  self->day = g_steal_pointer (&day);
  if (g_strcmp0 (date, self->date) != 0)
    {
      g_free (self->date);
      self->date = g_strdup (date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }

  if (trend)
    {
      g_autofree char *from = gil_report_shift_date (self->date, -(TREND_DAYS - 1));
      g_autofree char *path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, self->date);

      self->want_trend = FALSE;
      request (self, path, on_days_loaded_cb);
      return;
    }
  patch_trend (self);
  finish_load (self);
}

static void
load_day (GilHeadPage *self)
{
  g_autofree char *path = NULL;

  set_loading (self, TRUE);
  if (self->view == VIEW_TODAY)
    path = g_strdup ("/api/v1/reports/daily");
  else
    path = g_strdup_printf ("/api/v1/reports/daily?date=%s", self->from);
  request (self, path, on_day_loaded_cb);
}

static gboolean
on_reload_cb (gpointer user_data)
{
  GilHeadPage *self = user_data;

  self->reload_id = 0;
  if (self->loading)
    self->stale = TRUE;
  else
    load_day (self);
  return G_SOURCE_REMOVE;
}

/* Drops what is loading and loads what was chosen. */
static void
load (GilHeadPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->stale = FALSE;
  self->want_trend = TRUE;

  gtk_label_set_text (self->status_label, _("Loading…"));
  if (self->view == VIEW_PERIOD)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", self->from, self->to);

      set_loading (self, TRUE);
      request (self, path, on_days_loaded_cb);
    }
  else
    load_day (self);
}

static void
select_calendar_day (GilHeadPage *self,
                     const char  *date)
{
  g_autoptr(GDateTime) when = NULL;
  int year, month, day;

  if (date == NULL || sscanf (date, "%d-%d-%d", &year, &month, &day) != 3)
    return;
  when = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (when == NULL)
    return;
  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  self->syncing_calendar = FALSE;
}

static void
set_choice (GilHeadPage *self,
            View         view,
            const char  *from,
            const char  *to)
{
  g_autofree char *today = today_text ();

  self->view = view;
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  select_calendar_day (self, view == VIEW_TODAY ? today : view == VIEW_DAY ? from : to);
  load (self);
}

/**
 * gil_head_page_show_today:
 *
 * Shows today's report, kept live.
 */
void
gil_head_page_show_today (GilHeadPage *self)
{
  g_return_if_fail (GIL_IS_HEAD_PAGE (self));

  set_choice (self, VIEW_TODAY, NULL, NULL);
}

/**
 * gil_head_page_show_day:
 * @date: YYYY-MM-DD
 *
 * Shows the report of a past day; today's, live, for today or later.
 */
void
gil_head_page_show_day (GilHeadPage *self,
                        const char  *date)
{
  g_autofree char *today = today_text ();

  g_return_if_fail (GIL_IS_HEAD_PAGE (self));
  g_return_if_fail (gil_report_date_is_valid (date));

  if (g_strcmp0 (date, today) >= 0)
    set_choice (self, VIEW_TODAY, NULL, NULL);
  else
    set_choice (self, VIEW_DAY, date, date);
}

/**
 * gil_head_page_show_period:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, at most 366 days on
 *
 * Shows the days of a period, each with its totals.
 */
void
gil_head_page_show_period (GilHeadPage *self,
                           const char  *from,
                           const char  *to)
{
  g_return_if_fail (GIL_IS_HEAD_PAGE (self));
  g_return_if_fail (gil_report_date_is_valid (from));
  g_return_if_fail (gil_report_date_is_valid (to));

  set_choice (self, VIEW_PERIOD, from, to);
}

static void
show_last_days (GilHeadPage *self,
                int          n)
{
  g_autofree char *today = today_text ();
  g_autofree char *from = gil_report_shift_date (today, -(n - 1));

  gtk_popover_popdown (self->date_popover);
  gil_head_page_show_period (self, from, today);
}

static void
on_today_clicked_cb (GilHeadPage *self)
{
  gtk_popover_popdown (self->date_popover);
  gil_head_page_show_today (self);
}

static void
on_week_clicked_cb (GilHeadPage *self)
{
  show_last_days (self, WEEK_DAYS);
}

static void
on_month_clicked_cb (GilHeadPage *self)
{
  show_last_days (self, TREND_DAYS);
}

static void
on_calendar_day_selected_cb (GilHeadPage *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_popover_popdown (self->date_popover);
  gil_head_page_show_day (self, text);
}

/* ── what the queue does ───────────────────────────────────────────── */

static void
on_connection_event_cb (GilConnection *connection,
             JsonObject    *event,
             GilHeadPage   *self)
{
  const char *type = json_object_get_string_member_with_default (event, "type", "");

  if (g_str_equal (type, "day.started"))
    {
      if (self->view == VIEW_TODAY)
        gil_head_page_show_today (self);
    }
  else if (g_str_has_prefix (type, "stop.") || g_str_equal (type, "visit.registered"))
    schedule_reload (self);
}

static void
on_connection_snapshot_cb (GilHeadPage *self)
{
  schedule_reload (self);
}

static void
on_connection_online_cb (GilHeadPage *self)
{
  if (gil_connection_get_online (self->connection))
    schedule_reload (self);
}

static gboolean
on_waiting_idle_cb (gpointer user_data)
{
  GilHeadPage *self = user_data;

  self->waiting_id = 0;
  update_waiting (self);
  return G_SOURCE_REMOVE;
}

static void
on_room_waiting_notify_cb (GilHeadPage *self)
{
  if (self->waiting_id == 0)
    self->waiting_id = g_idle_add (on_waiting_idle_cb, self);
}

/* Follows each room's waiting count; the rooms themselves may change. */
static void
watch_rooms (GilHeadPage *self)
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

static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  GilHeadPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (profile == NULL || !JSON_NODE_HOLDS_OBJECT (profile))
    return;
  g_free (self->puskesmas);
  self->puskesmas = g_strdup (json_object_get_string_member_with_default (json_node_get_object (profile),
                                                                          "name", NULL));
}

static void
load_profile (GilHeadPage *self)
{
  g_cancellable_cancel (self->profile_cancellable);
  g_clear_object (&self->profile_cancellable);
  self->profile_cancellable = g_cancellable_new ();
  gil_connection_request_async (self->connection, "GET", "/api/v1/profile", NULL, NULL,
                                self->profile_cancellable, on_profile_cb, self);
}

/* ── showing it ────────────────────────────────────────────────────── */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    if (GTK_IS_FLOW_BOX (box))
      gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
    else
      gtk_box_remove (GTK_BOX (box), child);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkLabel *
add_cell (GtkGrid    *grid,
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

static void
add_count_cell (GtkGrid    *grid,
                int         column,
                int         row,
                gint64      count,
                const char *css_class)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  add_cell (grid, column, row, text, 1, css_class);
}

/* A time, marked when it is a wait over the target. */
static void
add_time_cell (GilHeadPage *self,
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

      label = add_cell (grid, column, row, marked, 1, css_class);
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (label), "over-target");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
    }
  else
    add_cell (grid, column, row, text, 1, css_class);
}

static void
add_header_row (GtkGrid            *grid,
                const char * const *titles)
{
  guint n = g_strv_length ((GStrv)titles);

  for (guint i = 0; i < n; i++)
    {
      GtkLabel *label = add_cell (grid, i, 0, titles[i], i == 0 ? 0 : 1, "caption-heading");

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

  cell->label = add_cell (grid, column, row, "", 1, css_class);
  gtk_widget_add_css_class (GTK_WIDGET (cell->label), "waiting-now");
  cell->all = all;
  cell->cluster = g_strdup (cluster);
  cell->room = room;
  g_ptr_array_add (self->waiting_cells, cell);
}

/* One row of the load: its name, then the figures. */
static void
add_load_row (GilHeadPage *self,
              int          row,
              const char  *name,
              JsonObject  *figures,
              gboolean     total,
              const char  *cluster,
              gint64       room)
{
  const char *css = total ? "heading" : NULL;
  gboolean live = self->view == VIEW_TODAY;
  int c = 0;
  GtkLabel *label = add_cell (self->load_grid, c++, row, name, 0, css);

  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
  if (!total)
    gtk_widget_set_margin_start (GTK_WIDGET (label), 12);
  add_count_cell (self->load_grid, c++, row, gil_report_count (figures, "visits"), css);
  if (live)
    add_waiting_cell (self, self->load_grid, c++, row, total, cluster, room, css);
  add_count_cell (self->load_grid, c++, row, gil_report_count (figures, "served"), css);
  add_count_cell (self->load_grid, c++, row, gil_report_count (figures, "not_served"), css);
  add_time_cell (self, self->load_grid, c++, row, gil_report_seconds (figures, "wait_p50"), TRUE, css);
  add_time_cell (self, self->load_grid, c++, row, gil_report_seconds (figures, "wait_p90"), TRUE, css);
  add_time_cell (self, self->load_grid, c++, row, gil_report_seconds (figures, "service_p50"), FALSE, css);
}

static void
show_load (GilHeadPage *self,
           JsonObject  *day)
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
  JsonArray *clusters = json_object_get_array_member (day, "clusters");
  JsonArray *rooms = json_object_get_array_member (day, "rooms");
  g_autofree char *target = gil_report_format_target (self->wait_target);
  g_autofree char *legend = NULL;
  int row = 2;

  clear_grid (self->load_grid);
  g_ptr_array_set_size (self->waiting_cells, 0);
  add_header_row (self->load_grid, titles);

  add_load_row (self, row++, _("The whole puskesmas"), json_object_get_object_member (day, "totals"),
                TRUE, NULL, 0);
  add_group_row (self->load_grid, row++, width, _("By cluster"));
  for (guint i = 0; clusters != NULL && i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);
      const char *code = json_object_get_string_member_with_default (cluster, "cluster", "");

      add_load_row (self, row++, gil_report_cluster_title (code), cluster, FALSE, code, 0);
    }
  add_group_row (self->load_grid, row++, width, _("By room (each time a patient joined its queue)"));
  for (guint i = 0; rooms != NULL && i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      add_load_row (self, row++, json_object_get_string_member_with_default (room, "name", ""), room,
                    FALSE, NULL, gil_report_count (room, "room"));
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
  update_waiting (self);
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

static void
update_waiting (GilHeadPage *self)
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
static GtkLabel *
add_stat (GilHeadPage *self,
          const char  *caption,
          const char  *value,
          gboolean     flagged)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *figure = gtk_label_new (value);
  GtkWidget *name = gtk_label_new (caption);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "head-stat");
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

static void
add_count_stat (GilHeadPage *self,
                const char  *caption,
                gint64       count)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, count);

  add_stat (self, caption, text, FALSE);
}

static void
show_day_stats (GilHeadPage *self,
                JsonObject  *totals)
{
  gint64 wait = gil_report_seconds (totals, "wait_p50");
  g_autofree char *wait_text = gil_report_format_minutes (wait);
  g_autofree char *service_text = gil_report_format_minutes (gil_report_seconds (totals, "service_p50"));

  clear_box (GTK_WIDGET (self->stats_box));
  add_count_stat (self, _("Visits"), gil_report_count (totals, "visits"));
  if (self->view == VIEW_TODAY)
    self->waiting_stat = add_stat (self, _("Waiting now"), "", FALSE);
  else
    self->waiting_stat = NULL;
  add_count_stat (self, _("Served"), gil_report_count (totals, "served"));
  add_count_stat (self, _("Not served"), gil_report_count (totals, "not_served"));
  /* Registered by mistake and cancelled at the desk: neither served nor
   * left waiting. */
  add_count_stat (self, _("Cancelled"), gil_report_count (totals, "cancelled"));
  add_count_stat (self, _("New patients"), gil_report_count (totals, "new_patients"));
  add_stat (self, _("Median wait"), wait_text, gil_report_over_target (wait, self->wait_target));
  add_stat (self, _("Median service time"), service_text, FALSE);
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
static void
add_breakdown (GilHeadPage *self,
               const char  *title,
               GPtrArray   *names,
               GArray      *counts,
               gint64       total)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (title);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "head-breakdown");
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
      GtkLabel *name = add_cell (grid, 0, i, g_ptr_array_index (names, i), 0, NULL);
      GtkWidget *bar = share_bar_new (share);

      gtk_label_set_wrap (name, TRUE);
      gtk_widget_set_hexpand (GTK_WIDGET (name), TRUE);
      add_count_cell (grid, 1, i, count, "heading");
      gtk_grid_attach (grid, bar, 2, i, 1, 1);
      add_cell (grid, 3, i, percent, 1, "dim-label");
    }
  if (names->len == 0)
    add_cell (grid, 0, 0, "—", 0, "dim-label");

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

static void
show_breakdowns (GilHeadPage *self,
                 JsonObject  *day)
{
  gint64 total = gil_report_count (json_object_get_object_member (day, "totals"), "visits");
  JsonArray *ages = json_object_get_array_member (day, "by_age_group");
  JsonObject *sexes = json_object_get_object_member (day, "by_sex");
  JsonObject *payers = json_object_get_object_member (day, "by_payer");
  JsonObject *purposes = json_object_get_object_member (day, "by_purpose");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));

  clear_box (GTK_WIDGET (self->breakdown_box));

  for (guint i = 0; ages != NULL && i < json_array_get_length (ages); i++)
    {
      JsonObject *age = json_array_get_object_element (ages, i);

      add_group (names, counts, gil_report_age_group_label (json_object_get_string_member (age, "group")),
                 gil_report_count (age, "visits"));
    }
  add_breakdown (self, _("Age group"), names, counts, total);

  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  add_group (names, counts, gil_report_sex_label ("F"), gil_report_count (sexes, "F"));
  add_group (names, counts, gil_report_sex_label ("M"), gil_report_count (sexes, "M"));
  add_breakdown (self, _("Sex"), names, counts, total);

  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    add_group (names, counts, gil_terms_payer_label (*p), gil_report_count (payers, *p));
  add_breakdown (self, _("Payer"), names, counts, total);

  /* Only the purposes the day had: twelve rows of nothing say little. */
  g_ptr_array_set_size (names, 0);
  g_array_set_size (counts, 0);
  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    if (gil_report_count (purposes, *p) > 0)
      add_group (names, counts, gil_terms_purpose_label (*p), gil_report_count (purposes, *p));
  add_breakdown (self, _("Purpose of visit"), names, counts, total);
}

static void
show_period (GilHeadPage *self,
             JsonArray   *days)
{
  static const char * const summed[] = { "visits", "new_patients", "served", "not_served" };
  const char *titles[] = {
    _("Date"), _("Visits"), _("New patients"), _("Served"), _("Not served"),
    _("Median wait"), _("90th percentile wait"), _("Median service time"), NULL,
  };
  gint64 sums[G_N_ELEMENTS (summed)] = { 0 };
  guint n = days != NULL ? json_array_get_length (days) : 0;

  clear_grid (self->days_grid);
  add_header_row (self->days_grid, titles);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      JsonObject *totals = json_object_get_object_member (day, "totals");
      g_autofree char *date = gil_report_format_date (json_object_get_string_member_with_default (day, "date", ""));
      int row = i + 2;
      GtkLabel *label = add_cell (self->days_grid, 0, row, date, 0, NULL);

      gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
      add_count_cell (self->days_grid, 1, row, gil_report_count (totals, "visits"), NULL);
      add_count_cell (self->days_grid, 2, row, gil_report_count (totals, "new_patients"), NULL);
      add_count_cell (self->days_grid, 3, row, gil_report_count (totals, "served"), NULL);
      add_count_cell (self->days_grid, 4, row, gil_report_count (totals, "not_served"), NULL);
      add_time_cell (self, self->days_grid, 5, row, gil_report_seconds (totals, "wait_p50"), TRUE, NULL);
      add_time_cell (self, self->days_grid, 6, row, gil_report_seconds (totals, "wait_p90"), TRUE, NULL);
      add_time_cell (self, self->days_grid, 7, row, gil_report_seconds (totals, "service_p50"), FALSE, NULL);
      for (guint s = 0; s < G_N_ELEMENTS (summed); s++)
        sums[s] += gil_report_count (totals, summed[s]);
    }

  clear_box (GTK_WIDGET (self->stats_box));
  self->waiting_stat = NULL;
  add_count_stat (self, _("Days"), n);
  add_count_stat (self, _("Visits"), sums[0]);
  add_count_stat (self, _("New patients"), sums[1]);
  add_count_stat (self, _("Served"), sums[2]);
  add_count_stat (self, _("Not served"), sums[3]);
}

static char *
choice_label (GilHeadPage *self)
{
  g_autofree char *today = today_text ();

  if (self->view == VIEW_TODAY)
    return g_strdup (_("Today"));
  if (self->view == VIEW_DAY)
    return gil_report_format_date (self->from);
  if (g_strcmp0 (self->to, today) == 0)
    {
      g_autofree char *week = gil_report_shift_date (today, -(WEEK_DAYS - 1));
      g_autofree char *month = gil_report_shift_date (today, -(TREND_DAYS - 1));

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
  if (self->view == VIEW_PERIOD)
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

static void
show_report (GilHeadPage *self)
{
  JsonObject *day = day_object (self);
  gboolean period = self->view == VIEW_PERIOD;
  const char *trend_title;

  show_heading (self);

  gtk_widget_set_visible (self->load_card, !period && day != NULL);
  gtk_widget_set_visible (self->hour_card, !period && day != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->breakdown_box), !period && day != NULL);
  gtk_widget_set_visible (self->days_card, period);

  if (period)
    show_period (self, days_array (self));
  else if (day != NULL)
    {
      show_day_stats (self, json_object_get_object_member (day, "totals"));
      show_load (self, day);
      gil_chart_set_points (self->hour_chart, json_object_get_array_member (day, "by_hour"));
      show_breakdowns (self, day);
    }

  trend_title = period ? _("Visits and median wait by day") : _("Last 30 days: visits and median wait");
  gtk_label_set_text (self->trend_title, trend_title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trend_chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, trend_title, -1);
  gil_chart_set_points (self->trend_chart, days_array (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-csv", period || day != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.print", period || day != NULL);
}

/* ── export and print ──────────────────────────────────────────────── */

typedef struct
{
  GilHeadPage *self;
  GFile       *file;
} CsvSave;

static void
csv_save_free (CsvSave *save)
{
  g_clear_object (&save->self);
  g_clear_object (&save->file);
  g_free (save);
}

static void
on_csv_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsvSave *save = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (save->file);
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (save->file, result, NULL, &error))
    message = g_strdup_printf (_("The report was not saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Saved as %s"), name);
  toast (save->self, message);
  csv_save_free (save);
}

static void
on_csv_fetched_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsvSave *save = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = gil_report_printer_fetch_csv_finish (result, &error);

  if (csv == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The report was not saved: %s"), error->message);

      toast (save->self, message);
      csv_save_free (save);
      return;
    }
  g_file_replace_contents_bytes_async (save->file, csv, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       on_csv_written_cb, save);
}

static char *
csv_path (GilHeadPage *self)
{
  if (self->view == VIEW_PERIOD)
    return g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s&format=csv", self->from, self->to);
  return g_strdup_printf ("/api/v1/reports/daily?date=%s&format=csv", self->date);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        GilHeadPage     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      CsvSave *save = g_new0 (CsvSave, 1);
      g_autofree char *path = csv_path (self);

      save->self = g_object_ref (self);
      save->file = g_steal_pointer (&file);
      gil_report_printer_fetch_csv_async (self->connection, path, NULL, on_csv_fetched_cb, save);
    }
  g_clear_object (&self->chooser);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  if (self->view == VIEW_PERIOD)
    name = g_strdup_printf ("laporan-%s-%s.csv", self->from, self->to);
  else
    name = g_strdup_printf ("laporan-harian-%s.csv", self->date);

  self->chooser = gtk_file_chooser_native_new (_("Save the Report as CSV"), parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);

  if (day_object (self) == NULL && days_array (self) == NULL)
    return;
  gil_report_printer_print (GTK_WINDOW (gtk_widget_get_root (widget)), self->puskesmas,
                            self->view == VIEW_PERIOD ? NULL : day_object (self),
                            days_array (self), self->wait_target);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
gil_head_page_constructed (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  G_OBJECT_CLASS (gil_head_page_parent_class)->constructed (object);

  g_assert (GIL_IS_CONNECTION (self->connection));
  g_assert (GIL_IS_ROOM_LIST (self->rooms));

  g_signal_connect_object (self->connection, "event", G_CALLBACK (on_connection_event_cb), self, 0);
  g_signal_connect_object (self->connection, "snapshot", G_CALLBACK (on_connection_snapshot_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::online", G_CALLBACK (on_connection_online_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "event::profile.changed", G_CALLBACK (load_profile), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rooms, "items-changed", G_CALLBACK (watch_rooms), self,
                           G_CONNECT_SWAPPED);
  watch_rooms (self);

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "wait-target", self, "wait-target", G_SETTINGS_BIND_GET);

  load_profile (self);
  gil_head_page_show_today (self);
}

static void
gil_head_page_dispose (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->profile_cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->waiting_id, g_source_remove);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->watched != NULL)
    {
      for (guint i = 0; i < self->watched->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
      g_clear_pointer (&self->watched, g_ptr_array_unref);
    }
  g_clear_pointer (&self->waiting_cells, g_ptr_array_unref);
  self->waiting_stat = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_HEAD_PAGE);
  if (self->settings != NULL)
    g_settings_unbind (self, "wait-target");
  g_clear_object (&self->settings);
  g_clear_object (&self->rooms);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->profile_cancellable);

  G_OBJECT_CLASS (gil_head_page_parent_class)->dispose (object);
}

static void
gil_head_page_finalize (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  g_free (self->from);
  g_free (self->to);
  g_free (self->date);
  g_free (self->puskesmas);
  g_clear_pointer (&self->day, json_node_unref);
  g_clear_pointer (&self->days, json_node_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (gil_head_page_parent_class)->finalize (object);
}

static void
gil_head_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GilHeadPage *self = GIL_HEAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_ROOMS:
      g_value_set_object (value, self->rooms);
      break;
    case PROP_WAIT_TARGET:
      g_value_set_int (value, self->wait_target);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_head_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GilHeadPage *self = GIL_HEAD_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_ROOMS:
      self->rooms = g_value_dup_object (value);
      break;
    case PROP_WAIT_TARGET:
      gil_head_page_set_wait_target (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_head_page_class_init (GilHeadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gil_head_page_constructed;
  object_class->dispose = gil_head_page_dispose;
  object_class->finalize = gil_head_page_finalize;
  object_class->get_property = gil_head_page_get_property;
  object_class->set_property = gil_head_page_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, GIL_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOMS] =
    g_param_spec_object ("rooms", NULL, NULL, GIL_TYPE_ROOM_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Waits longer than this many minutes stand out. */
  properties[PROP_WAIT_TARGET] =
    g_param_spec_int ("wait-target", NULL, NULL, 1, 24 * 60, DEFAULT_TARGET,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while a report is on its way. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day shown, YYYY-MM-DD, once the manager named it. */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GIL_TYPE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-head-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, stats_box);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, load_card);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, load_grid);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, hour_card);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, hour_chart);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, trend_title);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, breakdown_box);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, days_card);
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, days_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_week_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_clicked_cb);

  gtk_widget_class_install_action (widget_class, "head.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "head.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "head.print", NULL);
}

static void
gil_head_page_init (GilHeadPage *self)
{
  self->wait_target = DEFAULT_TARGET;
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->waiting_cells = g_ptr_array_new_with_free_func ((GDestroyNotify)waiting_cell_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_chart_set_wait_target (self->trend_chart, self->wait_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.print", FALSE);
}

/**
 * gil_head_page_new:
 *
 * Returns: (transfer floating): the head's page, showing today's report
 */
GtkWidget *
gil_head_page_new (GilConnection *connection,
                   GilRoomList   *rooms)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (GIL_IS_ROOM_LIST (rooms), NULL);

  return g_object_new (GIL_TYPE_HEAD_PAGE, "connection", connection, "rooms", rooms, NULL);
}

gboolean
gil_head_page_get_loading (GilHeadPage *self)
{
  g_return_val_if_fail (GIL_IS_HEAD_PAGE (self), FALSE);

  return self->loading;
}

/* Returns: (nullable): the day shown, YYYY-MM-DD */
const char *
gil_head_page_get_date (GilHeadPage *self)
{
  g_return_val_if_fail (GIL_IS_HEAD_PAGE (self), NULL);

  return self->date;
}

int
gil_head_page_get_wait_target (GilHeadPage *self)
{
  g_return_val_if_fail (GIL_IS_HEAD_PAGE (self), DEFAULT_TARGET);

  return self->wait_target;
}

void
gil_head_page_set_wait_target (GilHeadPage *self,
                               int          minutes)
{
  g_return_if_fail (GIL_IS_HEAD_PAGE (self));

  if (self->wait_target == minutes)
    return;
  self->wait_target = minutes;
  gil_chart_set_wait_target (self->trend_chart, minutes);
  if (self->day != NULL || self->days != NULL)
    show_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAIT_TARGET]);
}
