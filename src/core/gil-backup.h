/* gil-backup.h — online backups of the database, checked, and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_BACKUPS_KEPT 48

char     *gil_backup_dir      (const char  *database);
char     *gil_backup_write    (GilStore    *store,
                               const char  *dir,
                               GError     **error);
void      gil_backup_prune    (const char  *dir,
                               guint        keep);
gboolean  gil_backup_check    (const char  *path,
                               GError     **error);
gboolean  gil_backup_restore  (const char  *backup,
                               const char  *database,
                               GError     **error);

G_END_DECLS
