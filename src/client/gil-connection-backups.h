/* gil-connection-backups.h — a backup now, as a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-backup-file.h"
#include "gil-connection.h"

G_BEGIN_DECLS

void       gil_connection_create_backup_async  (GilConnection        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GilBackupFile *gil_connection_create_backup_finish (GilConnection        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
