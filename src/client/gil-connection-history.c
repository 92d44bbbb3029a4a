/* gil-connection-history.c — a visit's history, one call
 *
 * GET /api/v1/visits/{id}/history (the admin's only) as
 * #GilHistoryEntry objects, in order. Errors are the connection's: a
 * #GIL_API_ERROR code for an error reply (%GIL_API_ERROR_FORBIDDEN for
 * any station but the admin, %GIL_API_ERROR_NOT_FOUND for no such visit)
 * or a network failure, %G_IO_ERROR_CANCELLED for a cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-history.h"

static void
on_history_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  GPtrArray *entries;

  entries = node != NULL ? gil_history_entry_list_from_json (node, &error) : NULL;
  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * gil_connection_get_visit_history_async:
 * @visit: the visit's id
 *
 * Gets every action on @visit, with the station that did it.
 */
void
gil_connection_get_visit_history_async (GilConnection       *self,
                                        gint64               visit,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (visit > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_connection_get_visit_history_async);
  path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history", visit);
  gil_connection_request_async (self, "GET", path, NULL, NULL, cancellable, on_history_cb, task);
}

/**
 * gil_connection_get_visit_history_finish:
 *
 * Returns: (transfer full) (element-type GilHistoryEntry): the entries,
 *   first to last, or %NULL with @error set
 */
GPtrArray *
gil_connection_get_visit_history_finish (GilConnection  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_connection_get_visit_history_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
