/* gil-head-page.c — the head of the puskesmas's station: the day's load
 *
 * Today, live: a row for the whole puskesmas, each cluster and each room
 * with its visits, how many wait now, served and not served, the median and
 * 90th-percentile wait and the median service time; waits over the
 * puskesmas's target (a setting, 60 minutes unless changed) stand out.
 * Under it the day hour by hour, the last 30 days, and the visits by age
 * group, sex, payer and purpose. Any past day, or a period of days, is a
 * choice in the date menu, and so is a calendar month or a free date range
 * shown as a month is (gil-head-month.c);
 * what is shown of a day or period can be saved as CSV or printed.
 *
 * The figures are the manager's daily report (a GilDailyReport). Today's
 * is loaded again when the queue moves, at most every RELOAD_DELAY_MS, one
 * request at a time; "waiting now" comes from the room list, which follows
 * the events itself.
 *
 * This file loads what is chosen and lays the page out; the tables are in
 * gil-head-tables.c, the cards in gil-head-cards.c, saving and printing in
 * gil-head-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gil-connection-reports.h"
#include "gil-queue-event.h"
#include "gil-head-page-private.h"
#include "gil-report-labels.h"

#define RELOAD_DELAY_MS   2000
#define DEFAULT_TARGET    60

G_DEFINE_FINAL_TYPE (GilHeadPage, gil_head_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_WAIT_TARGET,
  PROP_LOADING,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Returns: (transfer full): this PC's date, YYYY-MM-DD */
char *
gil_head_today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

void
gil_head_page_toast (GilHeadPage *self,
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

/* ── loading ───────────────────────────────────────────────────────── */

void
gil_head_page_load_failed (GilHeadPage  *self,
                           const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("The report could not be loaded: %s"), error->message);

  set_loading (self, FALSE);
  gtk_label_set_text (self->status_label, message);
  gil_head_page_toast (self, message);
}

static gboolean on_reload_cb (gpointer user_data);

static void
schedule_reload (GilHeadPage *self)
{
  if (self->view != VIEW_TODAY || self->reload_id != 0)
    return;
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, on_reload_cb, self);
}

void
gil_head_page_finish_load (GilHeadPage *self)
{
  g_clear_pointer (&self->updated, g_date_time_unref);
  self->updated = g_date_time_new_now_local ();
  set_loading (self, FALSE);
  gil_head_page_show_report (self);
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
  GPtrArray *days;
  GilDailyReport *last;

  if (self->days == NULL || self->day == NULL || self->days->len == 0)
    return;
  last = g_ptr_array_index (self->days, self->days->len - 1);
  if (g_strcmp0 (gil_daily_report_get_date (last), self->date) != 0)
    return;
  days = g_ptr_array_new_full (self->days->len, g_object_unref);
  for (guint i = 0; i + 1 < self->days->len; i++)
    g_ptr_array_add (days, g_object_ref (g_ptr_array_index (self->days, i)));
  g_ptr_array_add (days, g_object_ref (self->day));
  g_ptr_array_unref (self->days);
  self->days = days;
}

static void
on_days_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *days = gil_connection_get_report_range_finish (GIL_CONNECTION (source), result, &error);
  GilHeadPage *self;

  /* Cancelled: another choice replaced it, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (days == NULL)
    {
      gil_head_page_load_failed (self, error);
      return;
    }
  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = days;
  if (self->view == VIEW_PERIOD)
    g_clear_object (&self->day);
  gil_head_page_finish_load (self);
}

/* Loads the days from @from to @to, each with its totals, for a period's
 * table or a month's chart. */
void
gil_head_page_load_days (GilHeadPage *self,
                         const char  *from,
                         const char  *to)
{
  gil_connection_get_report_range_async (self->connection, from, to, self->cancellable, on_days_loaded_cb, self);
}

static void
on_day_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilDailyReport) day = gil_connection_get_daily_report_finish (GIL_CONNECTION (source), result,
                                                                          &error);
  GilHeadPage *self;
  const char *date;
  gboolean trend;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  if (day == NULL)
    {
      gil_head_page_load_failed (self, error);
      return;
    }

  date = gil_daily_report_get_date (day);
  trend = self->want_trend || self->days == NULL || g_strcmp0 (date, self->date) != 0;
  g_set_object (&self->day, day);
  if (g_strcmp0 (date, self->date) != 0)
    {
      g_free (self->date);
      self->date = g_strdup (date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
    }

  if (trend)
    {
      self->want_trend = FALSE;
      gil_connection_get_report_trend_async (self->connection, self->date, self->cancellable,
                                             on_days_loaded_cb, self);
      return;
    }
  patch_trend (self);
  gil_head_page_finish_load (self);
}

static void
load_day (GilHeadPage *self)
{
  set_loading (self, TRUE);
  /* Today is the manager's today, whatever this PC's clock says. */
  gil_connection_get_daily_report_async (self->connection, self->view == VIEW_TODAY ? NULL : self->from,
                                         self->cancellable, on_day_loaded_cb, self);
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
  if (self->view == VIEW_MONTH)
    {
      set_loading (self, TRUE);
      gil_head_page_load_month (self);
    }
  else if (self->view == VIEW_PERIOD)
    {
      set_loading (self, TRUE);
      gil_head_page_load_days (self, self->from, self->to);
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
  g_autofree char *today = gil_head_today_text ();

  self->view = view;
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  if (view != VIEW_MONTH)
    g_clear_pointer (&self->month, g_free);
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
  g_autofree char *today = gil_head_today_text ();

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

/**
 * gil_head_page_show_month:
 * @month: YYYY-MM, up to this month
 *
 * Shows a calendar month's report: the month the head sends on.
 */
void
gil_head_page_show_month (GilHeadPage *self,
                          const char  *month)
{
  g_return_if_fail (GIL_IS_HEAD_PAGE (self));
  g_return_if_fail (month != NULL);

  g_free (self->month);
  self->month = g_strdup (month);
  set_choice (self, VIEW_MONTH, NULL, NULL);
}

/**
 * gil_head_page_show_range:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, up to today, at most 366 days on
 *
 * Shows a free range of days as a month is shown: the manager's report
 * of the range.
 */
void
gil_head_page_show_range (GilHeadPage *self,
                          const char  *from,
                          const char  *to)
{
  g_return_if_fail (GIL_IS_HEAD_PAGE (self));
  g_return_if_fail (gil_report_date_is_valid (from));
  g_return_if_fail (gil_report_date_is_valid (to));

  g_clear_pointer (&self->month, g_free);
  set_choice (self, VIEW_MONTH, from, to);
}

static void
show_last_days (GilHeadPage *self,
                int          n)
{
  g_autofree char *today = gil_head_today_text ();
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
  show_last_days (self, GIL_HEAD_WEEK_DAYS);
}

static void
on_month_clicked_cb (GilHeadPage *self)
{
  show_last_days (self, GIL_REPORT_TREND_DAYS);
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
on_queue_event_cb (GilConnection *connection,
                   GilQueueEvent *event,
                   GilHeadPage   *self)
{
  const char *type = gil_queue_event_get_event_type (event);

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

/* ── set-up ────────────────────────────────────────────────────────── */

static void
gil_head_page_constructed (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  G_OBJECT_CLASS (gil_head_page_parent_class)->constructed (object);

  g_assert (GIL_IS_CONTEXT (self->context));
  self->connection = g_object_ref (gil_context_get_connection (self->context));
  self->rooms = g_object_ref (gil_context_get_rooms (self->context));

  /* Kept current by the connection, for the name on a printed report. */
  self->profile = g_object_ref (gil_context_get_profile (self->context));

  g_signal_connect_object (self->connection, "queue-event", G_CALLBACK (on_queue_event_cb), self, 0);
  g_signal_connect_object (self->connection, "snapshot", G_CALLBACK (on_connection_snapshot_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::online", G_CALLBACK (on_connection_online_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rooms, "items-changed", G_CALLBACK (gil_head_page_watch_rooms), self,
                           G_CONNECT_SWAPPED);
  gil_head_page_watch_rooms (self);

  self->settings = g_object_ref (gil_context_get_settings (self->context));
  g_settings_bind (self->settings, "wait-target", self, "wait-target", G_SETTINGS_BIND_GET);

  gil_head_page_show_today (self);
}

static void
gil_head_page_dispose (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  g_cancellable_cancel (self->cancellable);
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
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (gil_head_page_parent_class)->dispose (object);
}

static void
gil_head_page_finalize (GObject *object)
{
  GilHeadPage *self = (GilHeadPage *)object;

  g_free (self->from);
  g_free (self->to);
  g_free (self->date);
  g_free (self->month);
  g_strfreev (self->month_choices);
  g_clear_object (&self->month_report);
  g_clear_object (&self->day);
  g_clear_pointer (&self->days, g_ptr_array_unref);
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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
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

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GIL_TYPE_CONTEXT,
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
  gtk_widget_class_bind_template_child (widget_class, GilHeadPage, month_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_week_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, gil_head_page_this_month_clicked_cb);

  gtk_widget_class_install_action (widget_class, "head.export-csv", NULL, gil_head_page_export_csv_action);
  gtk_widget_class_install_action (widget_class, "head.export-xlsx", NULL, gil_head_page_export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "head.print", NULL, gil_head_page_print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "head.print", NULL);
}

static void
gil_head_page_init (GilHeadPage *self)
{
  self->wait_target = DEFAULT_TARGET;
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->waiting_cells = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_head_waiting_cell_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_head_page_build_month (self);
  gil_chart_set_wait_target (self->trend_chart, self->wait_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.export-xlsx", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "head.print", FALSE);
}

/**
 * gil_head_page_new:
 *
 * Returns: (transfer floating): the head's page, showing today's report
 */
GtkWidget *
gil_head_page_new (GilContext *context)
{
  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  return g_object_new (GIL_TYPE_HEAD_PAGE, "context", context, NULL);
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
    gil_head_page_show_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAIT_TARGET]);
}

