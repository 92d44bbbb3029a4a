/* gil-server-visits.c — visits: registration, the desk's list and its
 * corrections (cancel, reroute), and a visit's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-server-private.h"

void
gil_server_handle_visit_create (GilServer *self,
                                Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  g_autofree char *warning = NULL;
  GilVisitRequest request;

  if (!gil_api_read_visit (req->body, &request, &signs, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }

  visit = gil_queue_register (self->store, &request, &error);
  if (visit == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  /* Registered because the desk confirmed it: the reply still says why
   * it looked wrong. */
  if (request.confirmed)
    warning = gil_patients_check_pregnancy (visit->patient, visit->purpose,
                                            visit->pregnant, visit->day);
  gil_api_add_visit_warning (builder, visit, warning);
  gil_server_reply_builder (req, 201, builder);
}

/* Replies 200 with @visit, or with the @error that left it %NULL. */
static void
reply_visit (Request  *req,
             GilVisit *visit,
             GError   *error)
{
  g_autoptr(GilJsonWriter) builder = NULL;

  if (visit == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  builder = gil_json_writer_new ();
  gil_api_add_visit (builder, visit);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_visit_get (GilServer *self,
                             Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_queue_get_visit (self->store, req->id, &error);

  reply_visit (req, visit, error);
}

/* The desk's corrections (gil-queue-desk.c): cancel a visit, or move it
 * to the room it should have gone to. */
void
gil_server_handle_visit_cancel (GilServer *self,
                                Request   *req)
{
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  if (gil_api_read_cancel (req->body, &reason, &error))
    visit = gil_queue_cancel (self->store, req->id, reason, &error);
  reply_visit (req, visit, error);
}

/* Today's visits, newest first, for the desk to correct. */
void
gil_server_handle_visit_list (GilServer *self,
                              Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;

  visits = gil_queue_list_today (self->store, GIL_QUEUE_DAY_LIST_MAX, &error);
  if (visits == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < visits->len; i++)
    gil_api_add_visit (builder, g_ptr_array_index (visits, i));
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_visit_reroute (GilServer *self,
                                 Request   *req)
{
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  gint64 room = 0;

  if (gil_api_read_reroute (req->body, &room, &reason, &error))
    visit = gil_queue_reroute (self->store, req->id, room, reason, &error);
  reply_visit (req, visit, error);
}

/* Every action on a visit, in order, with the station that did it. The
 * admin's only: it tells which desk and rooms a patient went through. */
void
gil_server_handle_visit_history (GilServer *self,
                                 Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_queue_get_visit (self->store, req->id, &error);
  g_autoptr(GPtrArray) entries = NULL;

  if (visit == NULL ||
      (entries = gil_audit_visit_history (self->store, req->id, &error)) == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    gil_api_add_audit_entry (builder, g_ptr_array_index (entries, i));
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}
