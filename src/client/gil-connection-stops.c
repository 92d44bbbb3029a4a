/* gil-connection-stops.c — a room's calls and the actions on its stops,
 * one call each
 *
 * doc/api.md: POST /rooms/{id}/call-next, POST /stops/{id}/VERB (call,
 * recall, start, finish, skip, requeue) and POST /stops/{id}/transfer.
 * Each gives the stop as the manager has it after the action, as a
 * #GilStopItem: for a call, with why the patient was next
 * (gil_stop_item_get_why()); for a transfer, the new waiting stop in the
 * other room. Which action a state allows is the core's one table
 * (gil-stop-actions.h); the manager applies the same.
 *
 * An action keeps the Idempotency-Key it is given: the page that sends it
 * keeps one key across its retries, so that a call the manager did get is
 * never made twice. Errors are the connection's: a #GIL_API_ERROR code
 * (%GIL_API_ERROR_QUEUE_EMPTY, %GIL_API_ERROR_INVALID_TRANSITION, …) for
 * an error reply or a network failure, %G_IO_ERROR_CANCELLED for a
 * cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-connection-call-private.h"
#include "gil-connection-stops.h"
#include "gil-reply-private.h"

/* Returns: (transfer full) (nullable): a call's body: the counter (meja)
 * of the room's PC that calls, or %NULL for none */
static JsonNode *
counter_body (guint counter)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (counter == 0)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "counter");
  json_builder_add_int_value (builder, counter);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static JsonNode *
transfer_body (gint64   room,
               gboolean return_after)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "room");
  json_builder_add_int_value (builder, room);
  json_builder_set_member_name (builder, "return");
  json_builder_add_boolean_value (builder, return_after);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Returns: (transfer full) (nullable): a finish's body, or %NULL for none */
static JsonNode *
outcome_body (GilOutcome  outcome,
              const char *referred_to)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (outcome == GIL_OUTCOME_NONE)
    return NULL;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, gil_outcome_to_string (outcome));
  if (referred_to != NULL)
    {
      json_builder_set_member_name (builder, "referred_to");
      json_builder_add_string_value (builder, referred_to);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Returns: (transfer full) (nullable): the reply's stop, with its "why" */
static GilStopItem *
stop_from_reply (JsonNode  *reply,
                 GError   **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (reply) ? json_node_get_object (reply) : NULL;
  JsonObject *stop = _gil_reply_get_member_object (object, "stop");
  GilStopItem *item;

  if (stop == NULL || !json_object_has_member (stop, "id"))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s reply has no stop"));
      return NULL;
    }
  item = gil_stop_item_new_from_json (stop);
  gil_stop_item_set_why (item, _gil_reply_get_string (object, "why"));
  return item;
}

/* POSTs @body (taken) to /api/v1/@collection/@id/@verb; the reply is
 * the stop after it. */
static void
post (GilConnection       *self,
      gpointer             source_tag,
      const char          *collection,
      gint64               id,
      const char          *verb,
      JsonNode            *body,
      const char          *idempotency_key,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT "/%s", collection, id, verb);
  g_autoptr(JsonNode) request = body;

  _gil_connection_call (self, source_tag, "POST", path, request, idempotency_key,
                        (GilReplyReader)stop_from_reply, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_call_next_async:
 * @room: the room's id
 * @counter: the counter (meja) of this PC in the room, 1 to 99; 0 for none
 * @idempotency_key: (nullable): from gil_connection_new_action_key(), the
 *   same for every try of one press of "Call Next"
 *
 * Calls whoever the manager says is next in @room.
 */
void
gil_connection_call_next_async (GilConnection       *self,
                                gint64               room,
                                guint                counter,
                                const char          *idempotency_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (room > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  post (self, gil_connection_call_next_async, "rooms", room, "call-next", counter_body (counter),
        idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_call_next_finish:
 *
 * Returns: (transfer full): the called stop, its "why" saying why it was
 *   next; %NULL with @error set, %GIL_API_ERROR_QUEUE_EMPTY when nobody
 *   waits
 */
GilStopItem *
gil_connection_call_next_finish (GilConnection  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_call_next_async, error);
}

/**
 * gil_connection_act_on_stop_async:
 * @stop: the stop's id
 * @action: what to do: any #GilStopAction but %GIL_STOP_ACTION_TRANSFER
 *   (gil_connection_transfer_stop_async())
 * @counter: for a call or a recall, the counter (meja) of this PC in the
 *   room, 1 to 99; 0 for none. Other actions send none.
 * @idempotency_key: (nullable): the same for every try of one action
 *
 * Does @action to @stop: POST /stops/{id}/call, /recall, /start, /finish,
 * /skip or /requeue.
 */
void
gil_connection_act_on_stop_async (GilConnection       *self,
                                  gint64               stop,
                                  GilStopAction        action,
                                  guint                counter,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  JsonNode *body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (stop > 0);
  g_return_if_fail (action <= GIL_STOP_ACTION_LAST && action != GIL_STOP_ACTION_TRANSFER);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (action == GIL_STOP_ACTION_CALL || action == GIL_STOP_ACTION_RECALL)
    body = counter_body (counter);
  post (self, gil_connection_act_on_stop_async, "stops", stop, gil_stop_action_to_string (action), body,
        idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_act_on_stop_finish:
 *
 * Returns: (transfer full): the stop after the action (after a call, with
 *   why the patient was next); %NULL with @error set,
 *   %GIL_API_ERROR_INVALID_TRANSITION when its state does not allow it
 */
GilStopItem *
gil_connection_act_on_stop_finish (GilConnection  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_act_on_stop_async, error);
}

/**
 * gil_connection_finish_stop_async:
 * @stop: the stop's id
 * @outcome: how the visit ended, when @stop is its last;
 *   %GIL_OUTCOME_NONE to say nothing (as gil_connection_act_on_stop_async()
 *   with %GIL_STOP_ACTION_FINISH)
 * @referred_to: (nullable): for %GIL_OUTCOME_REFERRED, where to, 1 to
 *   %GIL_REFERRED_TO_MAX characters; %NULL otherwise
 * @idempotency_key: (nullable): the same for every try of one action
 *
 * Finishes @stop and records how the visit ended: POST /stops/{id}/finish
 * with {"outcome", "referred_to"}. The manager refuses an outcome that
 * does not fit (a referral without where to, a stop that sends the
 * patient back to another room) with %GIL_API_ERROR_INVALID_FIELD, and
 * changes nothing.
 */
void
gil_connection_finish_stop_async (GilConnection       *self,
                                  gint64               stop,
                                  GilOutcome           outcome,
                                  const char          *referred_to,
                                  const char          *idempotency_key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (stop > 0);
  g_return_if_fail (outcome <= GIL_OUTCOME_DIED);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  post (self, gil_connection_finish_stop_async, "stops", stop, "finish", outcome_body (outcome, referred_to),
        idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_finish_stop_finish:
 *
 * Returns: (transfer full): the finished stop; %NULL with @error set
 */
GilStopItem *
gil_connection_finish_stop_finish (GilConnection  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_finish_stop_async, error);
}

/**
 * gil_connection_transfer_stop_async:
 * @stop: the stop's id
 * @room: the room the patient is sent to
 * @return_after: whether finishing there puts the patient back in this
 *   room's queue at their old place
 * @idempotency_key: (nullable): the same for every try of one action
 *
 * Sends the patient of @stop on to @room ("Send To…").
 */
void
gil_connection_transfer_stop_async (GilConnection       *self,
                                    gint64               stop,
                                    gint64               room,
                                    gboolean             return_after,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (stop > 0);
  g_return_if_fail (room > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  post (self, gil_connection_transfer_stop_async, "stops", stop, "transfer", transfer_body (room, return_after),
        idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_transfer_stop_finish:
 *
 * Returns: (transfer full): the new waiting stop in the other room; %NULL
 *   with @error set
 */
GilStopItem *
gil_connection_transfer_stop_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_transfer_stop_async, error);
}
