/* gil-server-queue.c — rooms, their queues and the actions on a stop
 *
 * GET, POST and PATCH /rooms; GET /rooms/{id}/queue; call-next, and call,
 * recall, start, finish, skip, requeue and transfer of a stop, each only
 * from the admin or a station that serves its room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-server-private.h"

/* ── rooms ───────────────────────────────────────────────────────────── */

static gboolean
owns_room (Request *req,
           gint64   room)
{
  if (req->station->role == GIL_ROLE_ADMIN)
    return TRUE;
  if (req->station->role == GIL_ROLE_ROOM && gil_station_has_room (req->station, room))
    return TRUE;
  gil_server_reply_message (req, 403, GIL_ERROR_CODE_FORBIDDEN, _("This station does not serve that room"));
  return FALSE;
}

static gboolean
with_names (Request *req)
{
  return req->station != NULL && req->station->role != GIL_ROLE_DISPLAY;
}

void
gil_server_handle_rooms (GilServer *self,
                         Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = gil_rooms_list (self->store, &error);

  if (rooms == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < rooms->len; i++)
    gil_api_add_room (builder, g_ptr_array_index (rooms, i), TRUE);
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}

static void
reply_room (GilServer *self,
            Request   *req,
            guint      status,
            gint64     id)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) room = gil_rooms_get (self->store, id, &error);

  if (room == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_api_add_room (builder, room, TRUE);
  gil_server_reply_builder (req, status, builder);
}

void
gil_server_handle_room_create (GilServer *self,
                               Request   *req)
{
  g_autoptr(GilRoom) room = gil_room_new ();
  g_autoptr(GError) error = NULL;

  room->tags = g_new0 (char *, 1);
  if (!gil_api_read_room (req->body, room, &error) || !gil_rooms_create (self->store, room, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  reply_room (self, req, 201, room->id);
}

void
gil_server_handle_room_update (GilServer *self,
                               Request   *req)
{
  g_autoptr(GilRoom) room = NULL;
  g_autoptr(GError) error = NULL;

  room = gil_rooms_get (self->store, req->id, &error);
  if (room == NULL || !gil_api_read_room (req->body, room, &error) ||
      !gil_rooms_update (self->store, room, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  reply_room (self, req, 200, room->id);
}

/* ── stops ───────────────────────────────────────────────────────────── */

static void
add_visit_member (GilJsonWriter *builder,
                  GilVisit    *visit)
{
  gil_json_writer_member (builder, "visit");
  gil_api_add_visit (builder, visit);
}

static void
add_stops (GilJsonWriter *builder,
           const char  *member,
           GPtrArray   *stops,
           GilJsonFlags flags)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < stops->len; i++)
    gil_api_add_stop (builder, g_ptr_array_index (stops, i), flags);
  gil_json_writer_end_array (builder);
}

void
gil_server_handle_queue (GilServer *self,
                         Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilRoom) room = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GilRoomQueue) queue = { 0 };
  GilJsonFlags flags = 0;

  room = gil_rooms_get (self->store, req->id, &error);
  if (room == NULL || !gil_queue_list_room (self->store, req->id, &queue, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  /* Staff see names; a display only where the puskesmas allows it. */
  if (with_names (req) ||
      (req->station != NULL && !req->plain && !room->number_only && gil_server_display_names (self)))
    flags = GIL_JSON_WITH_NAMES;
  room->waiting = queue.waiting->len;

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "room");
  gil_api_add_room (builder, room, TRUE);
  add_stops (builder, "called", queue.called, flags);
  add_stops (builder, "serving", queue.serving, flags);
  add_stops (builder, "waiting", queue.waiting, flags);
  /* Additions to API.md's reply: today's no-shows, and totals. */
  add_stops (builder, "skipped", queue.skipped, flags);
  gil_json_writer_member (builder, "why");
  if (queue.next_why != NULL)
    gil_json_writer_string (builder, queue.next_why);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "today");
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "seen");
  gil_json_writer_int (builder, queue.seen);
  gil_json_writer_member (builder, "done");
  gil_json_writer_int (builder, queue.done);
  gil_json_writer_member (builder, "median_wait");
  if (queue.median_wait >= 0)
    gil_json_writer_int (builder, queue.median_wait);
  else
    gil_json_writer_null (builder);
  gil_json_writer_end_object (builder);
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

/* The reply to a stop action: the stop, its visit and, for calls, why;
 * or, when the action failed (@stop is %NULL), its @error. */
static void
reply_stop (GilServer    *self,
            Request      *req,
            GilStop      *stop,
            const char   *why,
            const GError *action_error)
{
  g_autoptr(GilJsonWriter) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = NULL;

  if (stop == NULL)
    {
      gil_server_reply_error (req, action_error);
      return;
    }
  visit = gil_queue_get_visit (self->store, stop->visit, &error);
  if (visit == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  builder = gil_json_writer_new ();
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "stop");
  gil_api_add_stop (builder, stop, GIL_JSON_WITH_NAMES);
  add_visit_member (builder, visit);
  if (why != NULL)
    {
      gil_json_writer_member (builder, "why");
      gil_json_writer_string (builder, why);
    }
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

/* Reads the counter a call comes from, or replies why it cannot. */
static gboolean
read_counter (Request *req,
              int     *counter)
{
  g_autoptr(GError) error = NULL;

  if (gil_api_read_counter (req->body, counter, &error))
    return TRUE;
  gil_server_reply_error (req, error);
  return FALSE;
}

void
gil_server_handle_call_next (GilServer *self,
                             Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int counter = 0;

  if (!read_counter (req, &counter) || !owns_room (req, req->id))
    return;
  stop = gil_queue_call_next_at (self->store, req->id, counter, &why, &error);
  reply_stop (self, req, stop, why, error);
}

/* Loads the stop named in the path and checks the station serves its room. */
static gboolean
own_stop (GilServer *self,
          Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) stop = gil_queue_get_stop (self->store, req->id, &error);

  if (stop == NULL)
    {
      gil_server_reply_error (req, error);
      return FALSE;
    }
  return owns_room (req, stop->room);
}

void
gil_server_handle_stop_call (GilServer *self,
                             Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int counter = 0;

  if (!read_counter (req, &counter) || !own_stop (self, req))
    return;
  stop = gil_queue_call_at (self->store, req->id, counter, &why, &error);
  reply_stop (self, req, stop, why, error);
}

#define DEFINE_STOP_ACTION(name, func)                                  \
  void                                                                  \
  name (GilServer *self,                                                \
        Request   *req)                                                 \
  {                                                                     \
    g_autoptr(GilStop) stop = NULL;                                     \
    g_autoptr(GError) error = NULL;                                     \
                                                                        \
    if (!own_stop (self, req))                                          \
      return;                                                           \
    stop = func (self->store, req->id, &error);                         \
    reply_stop (self, req, stop, NULL, error);                          \
  }

void
gil_server_handle_stop_recall (GilServer *self,
                               Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  int counter = 0;

  if (!read_counter (req, &counter) || !own_stop (self, req))
    return;
  stop = gil_queue_recall_at (self->store, req->id, counter, &error);
  reply_stop (self, req, stop, NULL, error);
}
DEFINE_STOP_ACTION (gil_server_handle_stop_start, gil_queue_start)
DEFINE_STOP_ACTION (gil_server_handle_stop_skip, gil_queue_skip)
DEFINE_STOP_ACTION (gil_server_handle_stop_requeue, gil_queue_requeue)

/* A finish may say how the visit ended: {"outcome", "referred_to"}. */
void
gil_server_handle_stop_finish (GilServer *self,
                               Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  GilOutcome outcome = GIL_OUTCOME_NONE;
  const char *referred_to = NULL;

  if (!gil_api_read_outcome (req->body, &outcome, &referred_to, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  if (!own_stop (self, req))
    return;
  stop = gil_queue_finish_with (self->store, req->id, outcome, referred_to, &error);
  reply_stop (self, req, stop, NULL, error);
}

void
gil_server_handle_stop_transfer (GilServer *self,
                                 Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean return_after = FALSE;
  gint64 room = 0;

  if (!gil_api_read_transfer (req->body, &room, &return_after, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  if (!own_stop (self, req))
    return;
  stop = gil_queue_transfer (self->store, req->id, room, return_after, &error);
  reply_stop (self, req, stop, NULL, error);
}
