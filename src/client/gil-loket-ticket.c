/* gil-loket-ticket.c — a ticket of the queue before the registration
 * desk (loket), typed
 *
 * A ticket as the manager gives it (doc/api.md, *Loket*): in a reply to
 * taking, calling, recalling or skipping one, in the day's list, and in
 * a loket event. A number, never a name. What the JSON does not carry
 * reads as %NULL or 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-loket-ticket.h"
#include "gil-reply-private.h"

struct _GilLoketTicket
{
  GObject    parent_instance;

  gint64     id;
  char      *day;
  char      *series;
  guint      number;
  char      *ticket;
  char      *status;
  gboolean   priority;
  GDateTime *taken_at;
  GDateTime *called_at;
  guint      calls;
  char      *desk;
  gint64     visit;
  guint      ahead;
};

G_DEFINE_FINAL_TYPE (GilLoketTicket, gil_loket_ticket, G_TYPE_OBJECT)

static void
gil_loket_ticket_finalize (GObject *object)
{
  GilLoketTicket *self = GIL_LOKET_TICKET (object);

  g_free (self->day);
  g_free (self->series);
  g_free (self->ticket);
  g_free (self->status);
  g_clear_pointer (&self->taken_at, g_date_time_unref);
  g_clear_pointer (&self->called_at, g_date_time_unref);
  g_free (self->desk);

  G_OBJECT_CLASS (gil_loket_ticket_parent_class)->finalize (object);
}

static void
gil_loket_ticket_class_init (GilLoketTicketClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_loket_ticket_finalize;
}

static void
gil_loket_ticket_init (GilLoketTicket *self)
{
}

/**
 * gil_loket_ticket_new_from_json:
 * @ticket: a loket ticket object of the API
 *
 * Returns: (transfer full): the ticket
 */
GilLoketTicket *
gil_loket_ticket_new_from_json (JsonObject *ticket)
{
  GilLoketTicket *self;

  g_return_val_if_fail (ticket != NULL, NULL);

  self = g_object_new (GIL_TYPE_LOKET_TICKET, NULL);
  self->id = _gil_reply_get_int (ticket, "id", 0);
  self->day = _gil_reply_dup_string (ticket, "day");
  self->series = _gil_reply_dup_string (ticket, "series");
  self->number = _gil_reply_get_count (ticket, "number");
  self->ticket = _gil_reply_dup_string (ticket, "ticket");
  self->status = _gil_reply_dup_string (ticket, "status");
  self->priority = _gil_reply_get_bool (ticket, "priority", FALSE);
  self->taken_at = _gil_reply_dup_time (ticket, "taken_at");
  self->called_at = _gil_reply_dup_time (ticket, "called_at");
  self->calls = _gil_reply_get_count (ticket, "calls");
  self->desk = _gil_reply_dup_string (ticket, "desk");
  self->visit = _gil_reply_get_int (ticket, "visit", 0);
  self->ahead = _gil_reply_get_count (ticket, "ahead");
  return self;
}

gint64
gil_loket_ticket_get_id (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), 0);

  return self->id;
}

/**
 * gil_loket_ticket_get_day:
 *
 * Returns: (nullable): the service day it was taken on, YYYY-MM-DD
 */
const char *
gil_loket_ticket_get_day (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->day;
}

/**
 * gil_loket_ticket_get_series:
 *
 * Returns: (nullable): the series' letter, "A"
 */
const char *
gil_loket_ticket_get_series (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->series;
}

guint
gil_loket_ticket_get_number (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), 0);

  return self->number;
}

/**
 * gil_loket_ticket_get_ticket:
 *
 * Returns: (nullable): the label on the paper, "A-012"
 */
const char *
gil_loket_ticket_get_ticket (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->ticket;
}

/**
 * gil_loket_ticket_get_status:
 *
 * Returns: (nullable): "waiting", "called", "registered", "skipped" or
 *   "cancelled"
 */
const char *
gil_loket_ticket_get_status (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->status;
}

/* Whether it is of a priority series. */
gboolean
gil_loket_ticket_get_priority (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), FALSE);

  return self->priority;
}

/**
 * gil_loket_ticket_get_taken_at:
 *
 * Returns: (transfer none) (nullable): when it was taken
 */
GDateTime *
gil_loket_ticket_get_taken_at (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->taken_at;
}

/**
 * gil_loket_ticket_get_called_at:
 *
 * Returns: (transfer none) (nullable): its first call; %NULL before it
 */
GDateTime *
gil_loket_ticket_get_called_at (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->called_at;
}

guint
gil_loket_ticket_get_calls (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), 0);

  return self->calls;
}

/**
 * gil_loket_ticket_get_desk:
 *
 * Returns: (nullable): the desk of its last call, "Loket 2"
 */
const char *
gil_loket_ticket_get_desk (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), NULL);

  return self->desk;
}

/* The visit it became; 0 before. */
gint64
gil_loket_ticket_get_visit (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), 0);

  return self->visit;
}

/* How many wait before it in call order; 0 unless it waits. */
guint
gil_loket_ticket_get_ahead (GilLoketTicket *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_TICKET (self), 0);

  return self->ahead;
}
