/* gil-connection-backups.c — a backup now, as a call
 *
 * The admin's "back up now" (API.md: POST /api/v1/backups). Errors are the
 * connection's: a #GIL_API_ERROR code for an error reply (a manager that
 * is stopping refuses) or a network failure, %G_IO_ERROR_CANCELLED for a
 * cancelled call. When the manager last backed up on its own is in its
 * health (gil_connection_check_health_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-backup-file-private.h"
#include "gil-connection-backups.h"
#include "gil-connection-call-private.h"

#define BACKUPS_PATH "/api/v1/backups"

/**
 * gil_connection_create_backup_async:
 *
 * Asks the manager for a backup of its database now. It answers once the
 * copy is written and checked, after waiting for one already running.
 */
void
gil_connection_create_backup_async (GilConnection       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* No key, as before: a try that failed is not sent again; the admin asks again. */
  _gil_connection_call (self, gil_connection_create_backup_async, "POST", BACKUPS_PATH, NULL, NULL,
                        (GilReplyReader)_gil_backup_file_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_create_backup_finish:
 *
 * Returns: (transfer full): the backup written, or %NULL with @error set
 */
GilBackupFile *
gil_connection_create_backup_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_create_backup_async, error);
}
