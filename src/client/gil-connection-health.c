/* gil-connection-health.c — the manager's state, one call
 *
 * GET /api/v1/health as a #GilHealth: whether the manager is there and
 * writes, its day, its last event's seq, its last backup. Any station may
 * ask, paired or not. Errors are the connection's: a #GIL_API_ERROR code
 * for an error reply or a network failure, %G_IO_ERROR_CANCELLED for a
 * cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-call-private.h"
#include "gil-connection-health.h"

#define HEALTH_PATH "/api/v1/health"

/**
 * gil_connection_check_health_async:
 *
 * Asks the manager's state (GET /health).
 */
void
gil_connection_check_health_async (GilConnection       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gil_connection_call (self, gil_connection_check_health_async, "GET", HEALTH_PATH, NULL, NULL,
                        (GilReplyReader)gil_health_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_check_health_finish:
 *
 * Returns: (transfer full): the manager's state, or %NULL with @error set
 */
GilHealth *
gil_connection_check_health_finish (GilConnection  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_check_health_async, error);
}
