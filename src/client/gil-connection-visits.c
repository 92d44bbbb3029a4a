/* gil-connection-visits.c — the desk's visits and routing, one call each
 *
 * Routing a visit before it is registered (a dry run: POST
 * /api/v1/triage in API.md), registering it, listing the service day's
 * visits, and the desk's corrections: cancelling a visit, and moving one
 * to another room while the patient still waits. Replies are typed
 * (GilRoutingAdvice, GilVisit). Errors are the connection's: a #GIL_API_ERROR
 * code for an error reply or a network failure, %G_IO_ERROR_CANCELLED for
 * a cancelled call.
 *
 * Writes take an Idempotency-Key: the same one for every try of one
 * action, or %NULL for a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-visits.h"
#include "gil-connection-call-private.h"
#include "gil-desk-private.h"

#define ROUTING_PATH "/api/v1/triage"
#define VISITS_PATH  "/api/v1/visits"

/**
 * gil_connection_route_async:
 * @draft: the visit: its patient, purpose, signs and pregnancy count
 *
 * Asks where routing would send the visit, registering nothing.
 */
void
gil_connection_route_async (GilConnection       *self,
                            GilVisitDraft       *draft,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (GIL_IS_VISIT_DRAFT (draft));

  body = _gil_visit_draft_to_routing_json (draft);
  /* A dry run changes nothing: it needs no key. */
  _gil_connection_call (self, gil_connection_route_async, "POST", ROUTING_PATH, body, NULL,
                        (GilReplyReader)gil_routing_advice_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full): where the visit would go, or %NULL with
 *   @error set */
GilRoutingAdvice *
gil_connection_route_finish (GilConnection  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_route_async, error);
}

/**
 * gil_connection_register_visit_async:
 * @draft: the visit
 * @idempotency_key: (nullable): the same for every try of this
 *   registration, so it is never registered twice
 *
 * Registers the visit; its first stop waits in the room routing chose, or
 * in the room the draft sets. A patient with an open visit today is
 * %GIL_API_ERROR_ALREADY_QUEUED; pregnancy care that does not fit the
 * patient, %GIL_API_ERROR_IMPLAUSIBLE unless the draft says the clerk
 * confirmed it.
 */
void
gil_connection_register_visit_async (GilConnection       *self,
                                     GilVisitDraft       *draft,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (GIL_IS_VISIT_DRAFT (draft));

  body = _gil_visit_draft_to_json (draft);
  key = _gil_connection_call_key (idempotency_key);
  _gil_connection_call (self, gil_connection_register_visit_async, "POST", VISITS_PATH, body, key,
                        (GilReplyReader)gil_visit_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full): the visit registered, with its ticket and
 *   first stop (and a warning when the clerk confirmed), or %NULL with
 *   @error set */
GilVisit *
gil_connection_register_visit_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_register_visit_async, error);
}

/**
 * gil_connection_list_visits_async:
 *
 * Lists the service day's visits, newest first, cancelled ones included:
 * what the desk may correct.
 */
void
gil_connection_list_visits_async (GilConnection       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));

  _gil_connection_call (self, gil_connection_list_visits_async, "GET", VISITS_PATH, NULL, NULL,
                        (GilReplyReader)gil_visit_list_from_json, (GDestroyNotify)g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type GilVisit): the day's visits, or
 *   %NULL with @error set */
GPtrArray *
gil_connection_list_visits_finish (GilConnection  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_list_visits_async, error);
}

/**
 * gil_connection_get_visit_async:
 *
 * Asks for one visit as the manager has it now: its stops and, once it
 * ended, its outcome (any station but a display).
 */
void
gil_connection_get_visit_async (GilConnection       *self,
                                gint64               visit_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (visit_id > 0);

  path = g_strdup_printf (VISITS_PATH "/%" G_GINT64_FORMAT, visit_id);
  _gil_connection_call (self, gil_connection_get_visit_async, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_visit_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full): the visit, or %NULL with @error set */
GilVisit *
gil_connection_get_visit_finish (GilConnection  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_get_visit_async, error);
}

/* A correction's body: @room if not 0, @reason if not %NULL. */
static JsonNode *
correction_body (gint64      room,
                 const char *reason)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  if (room != 0)
    json_object_set_int_member (object, "room", room);
  if (reason != NULL)
    json_object_set_string_member (object, "reason", reason);
  json_node_take_object (node, object);
  return node;
}

static void
correct_visit (GilConnection       *self,
               gint64               visit_id,
               const char          *verb,
               JsonNode            *body,
               const char          *idempotency_key,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf (VISITS_PATH "/%" G_GINT64_FORMAT "/%s", visit_id, verb);
  g_autofree char *key = _gil_connection_call_key (idempotency_key);

  _gil_connection_call (self, gil_connection_cancel_visit_async, "POST", path, body, key,
                        (GilReplyReader)gil_visit_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_cancel_visit_async:
 * @reason: (nullable): why, 1 to 200 characters once trimmed; the manager
 *   refuses %NULL (%GIL_API_ERROR_INVALID_FIELD) and a blank or longer
 *   one (%GIL_API_ERROR_INVALID_REASON)
 * @idempotency_key: (nullable): the same for every try of this correction
 *
 * Cancels a visit before any service: each of its stops leaves its queue.
 * Once a stop is in service or done: %GIL_API_ERROR_INVALID_TRANSITION;
 * cancelled before: %GIL_API_ERROR_ALREADY_CANCELLED. Finish with
 * gil_connection_correct_visit_finish().
 */
void
gil_connection_cancel_visit_async (GilConnection       *self,
                                   gint64               visit_id,
                                   const char          *reason,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (visit_id > 0);

  body = correction_body (0, reason);
  correct_visit (self, visit_id, "cancel", body, idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_reroute_visit_async:
 * @room: the room the visit belongs in
 * @reason: (nullable): why, at most 200 characters once trimmed
 * @idempotency_key: (nullable): the same for every try of this correction
 *
 * Moves a visit to another room while its one stop still waits: it keeps
 * its place by arrival there, with a ticket of that room. Once called:
 * %GIL_API_ERROR_INVALID_TRANSITION; an inactive room:
 * %GIL_API_ERROR_ROOM_INACTIVE. Finish with
 * gil_connection_correct_visit_finish().
 */
void
gil_connection_reroute_visit_async (GilConnection       *self,
                                    gint64               visit_id,
                                    gint64               room,
                                    const char          *reason,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (visit_id > 0);
  g_return_if_fail (room > 0);

  body = correction_body (room, reason);
  correct_visit (self, visit_id, "reroute", body, idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_correct_visit_finish:
 *
 * Finishes gil_connection_cancel_visit_async() and
 * gil_connection_reroute_visit_async().
 *
 * Returns: (transfer full): the visit as corrected (after a move, its new
 *   room and ticket), or %NULL with @error set
 */
GilVisit *
gil_connection_correct_visit_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_cancel_visit_async, error);
}
