/* gil-backup-file.h — a backup the manager wrote, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_BACKUP_FILE (gil_backup_file_get_type ())
G_DECLARE_FINAL_TYPE (GilBackupFile, gil_backup_file, GIL, BACKUP_FILE, GObject)

const char *gil_backup_file_get_name (GilBackupFile *self);
GDateTime  *gil_backup_file_get_at   (GilBackupFile *self);

G_END_DECLS
