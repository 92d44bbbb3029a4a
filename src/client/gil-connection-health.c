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

#include "gil-connection-health.h"

#define HEALTH_PATH "/api/v1/health"

static void
on_health_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  GilHealth *health;

  health = node != NULL ? gil_health_new_from_json (node, &error) : NULL;
  if (health == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, health, g_object_unref);
}

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
  GTask *task;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_connection_check_health_async);
  gil_connection_request_async (self, "GET", HEALTH_PATH, NULL, NULL, cancellable,
                                on_health_cb, task);
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
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_connection_check_health_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
