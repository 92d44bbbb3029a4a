/* gil-queue-event.c — one event of the manager's stream, typed
 *
 * An event message (doc/api.md, *Events*): its seq and type, when, the
 * room and visit it concerns, and for a stop's event the stop as it is
 * after it, with the ticket, the number of calls and the counter (meja)
 * that called; for a loket event the loket ticket. GilConnection gives each event so on its
 * GilConnection::queue-event signal. What a message does not carry reads
 * as %NULL or 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-reply-private.h"
#include "gil-queue-event.h"

struct _GilQueueEvent
{
  GObject      parent_instance;

  gint64       seq;
  char        *type;
  GDateTime   *at;
  gint64       room;
  gint64       visit;
  char        *ticket;
  guint        calls;
  guint        counter;
  GilStopItem *stop;
  GilLoketTicket *loket;   /* of a loket event */
};

G_DEFINE_FINAL_TYPE (GilQueueEvent, gil_queue_event, G_TYPE_OBJECT)

/**
 * gil_queue_event_new_from_json:
 * @event: an event message of the stream
 *
 * Returns: (transfer full): the event
 */
GilQueueEvent *
gil_queue_event_new_from_json (JsonObject *event)
{
  GilQueueEvent *self;
  JsonNode *stop;
  JsonNode *loket;

  g_return_val_if_fail (event != NULL, NULL);

  self = g_object_new (GIL_TYPE_QUEUE_EVENT, NULL);
  self->seq = _gil_reply_get_int (event, "seq", 0);
  self->type = _gil_reply_dup_string (event, "type");
  self->at = _gil_reply_dup_time (event, "at");
  self->room = _gil_reply_get_int (event, "room", 0);
  self->visit = _gil_reply_get_int (event, "visit", 0);
  self->ticket = _gil_reply_dup_string (event, "ticket");
  self->calls = _gil_reply_get_count (event, "calls");
  stop = json_object_get_member (event, "stop");
  if (stop != NULL && JSON_NODE_HOLDS_OBJECT (stop))
    self->stop = gil_stop_item_new_from_json (json_node_get_object (stop));
  /* Beside "ticket" and "calls", or only in the stop. */
  self->counter = _gil_reply_get_count (event, "counter");
  if (self->counter == 0 && self->stop != NULL)
    self->counter = gil_stop_item_get_counter (self->stop);
  /* loket.taken, .called, .recalled, .skipped, .registered: the ticket. */
  loket = json_object_get_member (event, "loket");
  if (loket != NULL && JSON_NODE_HOLDS_OBJECT (loket))
    self->loket = gil_loket_ticket_new_from_json (json_node_get_object (loket));
  return self;
}

gint64
gil_queue_event_get_seq (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), 0);

  return self->seq;
}

/**
 * gil_queue_event_get_event_type:
 *
 * Returns: (nullable): "stop.called", "day.started", …
 */
const char *
gil_queue_event_get_event_type (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), NULL);

  return self->type;
}

/**
 * gil_queue_event_get_at:
 *
 * Returns: (transfer none) (nullable): when it happened
 */
GDateTime *
gil_queue_event_get_at (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), NULL);

  return self->at;
}

/* Returns: the room's id, or 0 */
gint64
gil_queue_event_get_room (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), 0);

  return self->room;
}

/* Returns: the visit's id, or 0 */
gint64
gil_queue_event_get_visit (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), 0);

  return self->visit;
}

/* Returns: (nullable): the stop's ticket */
const char *
gil_queue_event_get_ticket (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), NULL);

  return self->ticket;
}

/* Returns: how many times the stop was called, 0 when not said */
guint
gil_queue_event_get_calls (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), 0);

  return self->calls;
}

/* Returns: the counter (meja) that called the stop; 0 for none */
guint
gil_queue_event_get_counter (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), 0);

  return self->counter;
}

/**
 * gil_queue_event_get_stop:
 *
 * Returns: (transfer none) (nullable): the stop after the event; %NULL
 *   for an event about no stop
 */
GilStopItem *
gil_queue_event_get_stop (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), NULL);

  return self->stop;
}

/**
 * gil_queue_event_get_loket:
 *
 * Returns: (transfer none) (nullable): for a loket event ("loket.taken",
 *   "loket.called", "loket.recalled", "loket.skipped",
 *   "loket.registered"), the ticket after it; %NULL for any other
 */
GilLoketTicket *
gil_queue_event_get_loket (GilQueueEvent *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_EVENT (self), NULL);

  return self->loket;
}

static void
gil_queue_event_finalize (GObject *object)
{
  GilQueueEvent *self = (GilQueueEvent *)object;

  g_free (self->type);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->ticket);
  g_clear_object (&self->stop);
  g_clear_object (&self->loket);

  G_OBJECT_CLASS (gil_queue_event_parent_class)->finalize (object);
}

static void
gil_queue_event_class_init (GilQueueEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_queue_event_finalize;
}

static void
gil_queue_event_init (GilQueueEvent *self)
{
}
