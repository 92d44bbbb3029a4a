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

#include "gil-connection-call-private.h"
#include "gil-connection-history.h"

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

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (visit > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history", visit);
  _gil_connection_call (self, gil_connection_get_visit_history_async, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_history_entry_list_from_json,
                        (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
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
  return _gil_connection_call_finish (self, result, gil_connection_get_visit_history_async, error);
}
