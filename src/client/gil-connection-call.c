/* gil-connection-call.c — one typed call: a request and its reply read
 *
 * Each typed call (gil_connection_list_rooms_async(), …) is one request to
 * the manager whose JSON reply a reader of src/client turns into the
 * call's result (a #GilRoomItem, a #GilStationItem, …). Errors are the
 * connection's own: a #GIL_API_ERROR for an error reply or a network
 * failure, %G_IO_ERROR_CANCELLED for a cancelled call, and
 * %GIL_API_ERROR_UNKNOWN for a reply that is not what the call expects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-call-private.h"

typedef struct
{
  GilReplyReader reader;
  GDestroyNotify result_free;
} Call;

static void
on_call_reply_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  gpointer value;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  value = reply != NULL ? call->reader (reply, &error) : NULL;
  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, call->result_free);
}

/*
 * _gil_connection_call:
 * @source_tag: the public call, for its _finish to check
 * @body: (nullable): the request's JSON body
 * @idempotency_key: (nullable): the same for every try of one user action
 * @reader: reads the reply into the result
 * @result_free: frees a result nobody took
 *
 * Sends the request; the callback gets the result from
 * _gil_connection_call_finish().
 */
void
_gil_connection_call (GilConnection       *self,
                      gpointer             source_tag,
                      const char          *method,
                      const char          *path,
                      JsonNode            *body,
                      const char          *idempotency_key,
                      GilReplyReader       reader,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Call *call;

  g_assert (GIL_IS_CONNECTION (self));
  g_assert (reader != NULL && result_free != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  call = g_new0 (Call, 1);
  call->reader = reader;
  call->result_free = result_free;
  g_task_set_task_data (task, call, g_free);
  gil_connection_request_async (self, method, path, body, idempotency_key, cancellable,
                                on_call_reply_cb, task);
}

/* Returns: (transfer full): the call's result, or %NULL with @error set */
gpointer
_gil_connection_call_finish (GilConnection  *self,
                             GAsyncResult   *result,
                             gpointer        source_tag,
                             GError        **error)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Returns: (transfer full): @idempotency_key, or a new key when it is %NULL,
 * for a write that always goes with one */
char *
_gil_connection_call_key (const char *idempotency_key)
{
  return idempotency_key != NULL ? g_strdup (idempotency_key) : gil_connection_new_action_key ();
}
