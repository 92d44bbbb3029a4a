/* gil-display-events.c — what the waiting-room display hears from the
 * manager: calls and recalls (of rooms and of the loket), the day's loket
 * calls at start and after lost events, a new day, a snapshot after lost events,
 * the seq at start-up (what is news and what history), and the
 * puskesmas profile (its name, and whether names are shown)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-announcer.h"
#include "gil-connection-health.h"
#include "gil-connection-loket.h"
#include "gil-display-page-private.h"
#include "gil-display-probe.h"
#include "gil-profile.h"
#include "gil-queue-event.h"
#include "gil-queue-model.h"

static gboolean
is_live (GilDisplayPage *self,
         gint64          seq)
{
  return self->live_after >= 0 && seq > self->live_after;
}

/* A new call on the board is heard too (gil-announcer.c); @calls is
 * how many times the stop was called, 0 when unknown. */
static void
announce (GilDisplayPage *self,
          gint64          stop_id,
          gint64          calls)
{
  Call *call = gil_display_calls_find (self->calls, stop_id);
  GilRoomItem *room = call != NULL ? gil_display_page_shown_room (self, call->room_id) : NULL;

  if (call != NULL && call->desk != NULL)
    gil_announcer_announce_loket (gil_announcer_get_default (), -stop_id, calls, call->ticket, call->desk);
  else if (room != NULL)
    gil_announcer_announce_at (gil_announcer_get_default (), stop_id, calls, call->ticket, room,
                               call->counter);
}

static void
on_call_event_cb (GilConnection  *connection,
                  GilQueueEvent  *event,
                  GilDisplayPage *self)
{
  GilStopItem *stop = gil_queue_event_get_stop (event);
  const char *ticket = gil_queue_event_get_ticket (event);
  GDateTime *at = gil_queue_event_get_at (event);
  gint64 seq = gil_queue_event_get_seq (event);
  gint64 stop_id;

  if (stop == NULL || ticket == NULL)
    return;
  stop_id = gil_stop_item_get_id (stop);
  if (!gil_display_page_add_call (self, stop, gil_queue_event_get_room (event), ticket, at, seq))
    return;
  if (is_live (self, seq))
    {
      /* Large now, or after the calls before it had their time. */
      if (gil_display_calls_hold (self->calls, stop_id))
        {
          gil_display_page_highlight (self, stop_id);
          gil_display_probe_frame (GTK_WIDGET (self), stop_id);
        }
      announce (self, stop_id, gil_queue_event_get_calls (event));
    }
  gil_display_page_refresh (self);
}

/* A loket ticket called to a desk: on the board, and heard when new. */
static void
on_loket_event_cb (GilConnection  *connection,
                   GilQueueEvent  *event,
                   GilDisplayPage *self)
{
  GilLoketTicket *ticket = gil_queue_event_get_loket (event);
  GDateTime *at = gil_queue_event_get_at (event);
  gint64 seq = gil_queue_event_get_seq (event);
  gint64 key;

  if (ticket == NULL || gil_loket_ticket_get_desk (ticket) == NULL || !gil_display_page_shows_loket (self))
    return;
  key = GIL_DISPLAY_LOKET_KEY (gil_loket_ticket_get_id (ticket));
  gil_display_page_add_loket_call (self, ticket, at, seq);
  if (is_live (self, seq))
    {
      if (gil_display_calls_hold (self->calls, key))
        {
          gil_display_page_highlight (self, key);
          gil_display_probe_frame (GTK_WIDGET (self), key);
        }
      announce (self, key, gil_loket_ticket_get_calls (ticket));
    }
  gil_display_page_refresh (self);
}

static void
on_loket_tickets_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GPtrArray) called = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  GilDisplayPage *self;

  if (!gil_connection_list_loket_tickets_finish (GIL_CONNECTION (source), result, &called, &waiting, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("cannot list the loket tickets: %s", error->message);
      return;
    }
  self = user_data;
  for (guint i = 0; i < called->len; i++)
    {
      GilLoketTicket *ticket = g_ptr_array_index (called, i);
      GDateTime *at = gil_loket_ticket_get_called_at (ticket);
      gint64 key = GIL_DISPLAY_LOKET_KEY (gil_loket_ticket_get_id (ticket));

      /* History: what an event brought already stands. */
      if (gil_loket_ticket_get_desk (ticket) == NULL || at == NULL ||
          gil_display_calls_find (self->calls, key) != NULL)
        continue;
      gil_display_page_add_loket_call (self, ticket, at, 0);
    }
  gil_display_page_refresh (self);
}

/* The day's loket calls, for a display that starts or lost events. */
static void
load_loket_calls (GilDisplayPage *self)
{
  if (gil_display_page_shows_loket (self))
    gil_connection_list_loket_tickets_async (self->connection, self->cancellable, on_loket_tickets_cb, self);
}

static void
on_day_started_cb (GilConnection  *connection,
                   GilQueueEvent  *event,
                   GilDisplayPage *self)
{
  gil_display_page_clear_calls (self);
  gil_display_page_refresh (self);
}

/* Events were lost: the calls are taken again from the queues, which
 * reload by themselves. What the snapshot holds is theirs to read. */
static void
on_snapshot_cb (GilConnection  *connection,
                gpointer        snapshot,
                GilDisplayPage *self)
{
  gil_display_page_clear_calls (self);
  gil_display_page_refresh (self);
  load_loket_calls (self);
}

static int
compare_seqs (gconstpointer a,
              gconstpointer b)
{
  const Call *call_a = *(Call * const *)a;
  const Call *call_b = *(Call * const *)b;

  return (call_a->seq > call_b->seq) - (call_a->seq < call_b->seq);
}

/* Events newer than the manager's seq at start may have come in before
 * its reply: they are new calls too, each held in turn, oldest first. */
static void
hold_early_calls (GilDisplayPage *self)
{
  g_autoptr(GPtrArray) live = g_ptr_array_new ();

  for (guint i = 0; i < gil_display_calls_get_len (self->calls); i++)
    if (is_live (self, gil_display_calls_get (self->calls, i)->seq))
      g_ptr_array_add (live, gil_display_calls_get (self->calls, i));
  if (live->len == 0)
    return;
  g_ptr_array_sort (live, compare_seqs);
  for (guint i = 0; i < live->len; i++)
    {
      Call *call = g_ptr_array_index (live, i);

      if (gil_display_calls_hold (self->calls, call->stop_id))
        gil_display_page_highlight (self, call->stop_id);
      announce (self, call->stop_id, 0);
    }
  gil_display_page_refresh (self);
}

static void
on_health_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilHealth) health = NULL;
  g_autoptr(GError) error = NULL;
  GilDisplayPage *self = user_data;

  health = gil_connection_check_health_finish (GIL_CONNECTION (source), result, &error);
  if (health == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("cannot ask the manager's seq: %s", error->message);
      return;
    }
  /* Asked again on coming online: the first answer stands. */
  if (self->live_after >= 0)
    return;
  self->live_after = gil_health_get_seq (health);

  hold_early_calls (self);
  gil_display_probe_ready ();
}

/* The puskesmas profile as the connection keeps it (gil-profile.h): its
 * name on top, and whether patients' names may be shown. */
static void
show_profile (GilDisplayPage *self)
{
  GilProfile *profile = gil_connection_get_profile (self->connection);
  const char *name = gil_profile_get_name (profile);
  gboolean show_names = gil_profile_get_display_names (profile);

  if (!gil_profile_get_loaded (profile))
    return;
  gtk_label_set_text (self->puskesmas_label, name != NULL && *name != '\0' ? name : _("Puskesmas"));
  if (show_names != self->show_names)
    {
      self->show_names = show_names;
      /* The manager gives a display names with its queues, now or no more. */
      for (guint i = 0; i < self->cards->len; i++)
        gil_queue_model_reload (((RoomCard *)g_ptr_array_index (self->cards, i))->queue);
      gil_display_page_refresh (self);
    }
}

static void
load_health (GilDisplayPage *self)
{
  gil_connection_check_health_async (self->connection, self->cancellable, on_health_cb, self);
}

static void
on_connection_notify_online_cb (GilDisplayPage *self)
{
  if (!gil_connection_get_online (self->connection))
    return;
  if (self->live_after < 0)
    load_health (self);
  /* Back after a break: the loket calls made meanwhile. */
  load_loket_calls (self);
}

/* Follows the manager's events and asks what it knows now. */
void
gil_display_page_watch_manager (GilDisplayPage *self)
{
  GilConnection *connection = self->connection;

  g_signal_connect_object (connection, "queue-event::stop.called", G_CALLBACK (on_call_event_cb), self, 0);
  g_signal_connect_object (connection, "queue-event::stop.recalled", G_CALLBACK (on_call_event_cb), self, 0);
  g_signal_connect_object (connection, "queue-event::loket.called", G_CALLBACK (on_loket_event_cb), self, 0);
  g_signal_connect_object (connection, "queue-event::loket.recalled", G_CALLBACK (on_loket_event_cb), self, 0);
  g_signal_connect_object (connection, "queue-event::day.started", G_CALLBACK (on_day_started_cb), self, 0);
  g_signal_connect_object (connection, "snapshot", G_CALLBACK (on_snapshot_cb), self, 0);
  g_signal_connect_object (connection, "notify::online", G_CALLBACK (on_connection_notify_online_cb),
                           self, G_CONNECT_SWAPPED);

  /* Kept current by the connection: fetched once, again on each change. */
  g_signal_connect_object (gil_connection_get_profile (connection), "notify",
                           G_CALLBACK (show_profile), self, G_CONNECT_SWAPPED);
  load_health (self);
  load_loket_calls (self);
  show_profile (self);
}
