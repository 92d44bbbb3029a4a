/* gil-backup-file-private.h — making a GilBackupFile from the manager's reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-backup-file.h"

G_BEGIN_DECLS

GilBackupFile *_gil_backup_file_new_from_json (JsonNode  *node,
                                      GError   **error);

G_END_DECLS
