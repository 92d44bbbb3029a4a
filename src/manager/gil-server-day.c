/* gil-server-day.c — the service day: turned at midnight even when nobody
 * writes, replies older than a week forgotten, and events older than the
 * window pruned a batch at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-server-private.h"

/* Events pruned in one write: a few milliseconds of the main loop. */
#define PRUNE_BATCH         200

static gboolean
on_prune_cb (gpointer user_data)
{
  GilServer *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 pruned = gil_events_prune (self->store, self->prune_through, PRUNE_BATCH, &error);

  if (pruned > 0)
    return G_SOURCE_CONTINUE;
  /* A storage failure is logged once by on_store_storage_error_cb; the
   * next check of the day tries again. */
  if (pruned < 0 && error->domain != GIL_STORE_ERROR)
    g_warning ("Cannot remove old events: %s", error->message);
  self->prune_id = 0;
  return G_SOURCE_REMOVE;
}

/* Events before the window go a batch at a time, when nothing else waits:
 * the first start on a long log has months of them. */
void
gil_server_start_pruning (GilServer *self)
{
  if (self->prune_id != 0 || self->stopping)
    return;
  self->prune_through = gil_events_prune_bound (self->store, gil_events_window_start (self->store));
  if (self->prune_through > 0 && self->prune_through >= gil_events_first_seq (self->store))
    self->prune_id = g_idle_add (on_prune_cb, self);
}

/* A new service day begins at midnight even when nobody writes, with a
 * backup of the day before. */
static void
check_day (GilServer *self)
{
  g_autoptr(GError) error = NULL;

  /* A storage failure is logged once by on_store_storage_error_cb. */
  if (!gil_queue_ensure_day (self->store, &error) && error->domain != GIL_STORE_ERROR)
    g_warning ("Cannot start the new service day: %s", error->message);
  gil_server_forget_old_replies (self);
  gil_event_hub_publish (self->hub);
  gil_server_start_pruning (self);

  if (self->backup_dir != NULL)
    {
      g_autofree char *today = gil_store_dup_today (self->store);

      if (g_strcmp0 (today, self->backup_day) != 0)
        gil_server_begin_backup (self, NULL);
    }
  gil_server_aim_at_midnight (self);
}

/* A read just after midnight, before the midnight timer has run (it may
 * fire a second late), finds the new service day begun too: a room does
 * not see yesterday's patients waiting once the date has changed. The
 * backup of the day before stays with the timer. Only the date and a
 * setting are read when the day is already the date's. */
void
gil_server_ensure_day (GilServer *self)
{
  g_autoptr(GError) error = NULL;

  if (gil_store_get_storage_error (self->store) != NULL)
    return;
  /* A storage failure is logged once by on_store_storage_error_cb. */
  if (!gil_queue_ensure_day (self->store, &error))
    {
      if (error->domain != GIL_STORE_ERROR)
        g_warning ("Cannot start the new service day: %s", error->message);
      return;
    }
  gil_event_hub_publish (self->hub);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  GilServer *self = user_data;

  self->midnight_id = 0;
  check_day (self);
  return G_SOURCE_REMOVE;
}

/* The check every DAY_CHECK_INTERVAL follows a clock that was set forward
 * or back, or a computer that slept; this one turns the day at midnight
 * itself. It is aimed anew at every check, from the clock as it is then. */
void
gil_server_aim_at_midnight (GilServer *self)
{
  gint64 now = gil_store_now (self->store);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local),
                                                      0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (start, 1);
  /* From the whole second before now: never early. */
  gint64 wait = g_date_time_to_unix (midnight) - now;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = g_timeout_add_seconds ((guint)CLAMP (wait, 1, 2 * 24 * 3600),
                                             on_midnight_cb, self);
}

gboolean
gil_server_check_day_cb (gpointer user_data)
{
  check_day (user_data);
  return G_SOURCE_CONTINUE;
}
