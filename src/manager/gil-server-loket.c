/* gil-server-loket.c — the queue before the registration desk (loket)
 *
 * GET /loket/series; POST and GET /loket/tickets; POST /loket/call-next;
 * POST /loket/tickets/{id}/recall and /skip (doc/api.md "Loket"). A
 * ticket carries a number, never a name: a kiosk takes one, and a
 * display may read the day's list. The core does the work (gil-loket.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-json-private.h"
#include "gil-loket.h"
#include "gil-server-private.h"

static void
add_ticket (GilJsonWriter        *builder,
            const GilLoketTicket *ticket)
{
  gil_json_writer_begin_object (builder);
  add_int (builder, "id", ticket->id);
  add_string (builder, "day", ticket->day);
  add_string (builder, "series", ticket->series);
  add_int (builder, "number", ticket->number);
  add_string (builder, "ticket", ticket->ticket);
  add_string (builder, "status", gil_loket_status_to_string (ticket->status));
  add_bool (builder, "priority", ticket->priority);
  add_time (builder, "taken_at", ticket->taken_at);
  add_time (builder, "called_at", ticket->called_at);
  add_int (builder, "calls", ticket->calls);
  add_string (builder, "desk", ticket->desk);
  add_id_or_null (builder, "visit", ticket->visit);
  add_int (builder, "ahead", ticket->ahead);
  gil_json_writer_end_object (builder);
}

static void
add_tickets (GilJsonWriter *builder,
             const char    *member,
             GPtrArray     *tickets)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < tickets->len; i++)
    add_ticket (builder, g_ptr_array_index (tickets, i));
  gil_json_writer_end_array (builder);
}

/* The reply to a write: the ticket after it, or the write's @error. */
static void
reply_ticket (Request        *req,
              guint           status,
              GilLoketTicket *ticket,
              const GError   *error)
{
  g_autoptr(GilJsonWriter) builder = NULL;

  if (ticket == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  builder = gil_json_writer_new ();
  add_ticket (builder, ticket);
  gil_server_reply_builder (req, status, builder);
}

void
gil_server_handle_loket_series (GilServer *self,
                                Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = gil_loket_list_series (self->store, &error);

  if (series == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < series->len; i++)
    {
      GilLoketSeries *one = g_ptr_array_index (series, i);

      gil_json_writer_begin_object (builder);
      add_string (builder, "code", one->code);
      add_string (builder, "name", one->name);
      add_bool (builder, "priority", one->priority);
      add_int (builder, "position", one->position);
      add_bool (builder, "active", one->active);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_loket_take (GilServer *self,
                              Request   *req)
{
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  const char *series = NULL;

  if (gil_api_get_string (req->body, "series", TRUE, &series, &error))
    ticket = gil_loket_take (self->store, series, &error);
  reply_ticket (req, 201, ticket, error);
}

void
gil_server_handle_loket_tickets (GilServer *self,
                                 Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) called = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  if (!gil_loket_list_day (self->store, &called, &waiting, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_object (builder);
  add_tickets (builder, "called", called);
  add_tickets (builder, "waiting", waiting);
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_loket_call_next (GilServer *self,
                                   Request   *req)
{
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  const char *desk = NULL;

  if (gil_api_get_string (req->body, "desk", TRUE, &desk, &error))
    ticket = gil_loket_call_next (self->store, desk, &error);
  reply_ticket (req, 200, ticket, error);
}

void
gil_server_handle_loket_recall (GilServer *self,
                                Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket = gil_loket_recall (self->store, req->id, &error);

  reply_ticket (req, 200, ticket, error);
}

void
gil_server_handle_loket_skip (GilServer *self,
                              Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket = gil_loket_skip (self->store, req->id, &error);

  reply_ticket (req, 200, ticket, error);
}
