/* gil-backup-file.c — a backup the manager wrote, typed
 *
 * What POST /api/v1/backups answers (API.md): the file's name in the
 * manager's backups folder, and when it was written. The manager answers
 * only once the copy is written and checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-backup-file-private.h"
#include "gil-reply-private.h"

struct _GilBackupFile
{
  GObject    parent_instance;

  char      *file;
  GDateTime *at;
};

G_DEFINE_FINAL_TYPE (GilBackupFile, gil_backup_file, G_TYPE_OBJECT)

/* Returns: (transfer full): the backup, or %NULL with @error set; a reply
 *   without its time is an error */
GilBackupFile *
_gil_backup_file_new_from_json (JsonNode  *node,
                           GError   **error)
{
  JsonObject *object = _gil_reply_get_object (node, error);
  g_autoptr(GDateTime) at = NULL;
  GilBackupFile *self;

  if (object == NULL)
    return NULL;
  at = _gil_reply_dup_time (object, "at");
  if (at == NULL)
    {
      _gil_reply_set_unreadable (error);
      return NULL;
    }
  self = g_object_new (GIL_TYPE_BACKUP_FILE, NULL);
  self->file = g_strdup (_gil_reply_get_string (object, "file"));
  self->at = g_steal_pointer (&at);
  return self;
}

/**
 * gil_backup_file_get_name:
 *
 * Returns: the file's name, such as "giliran-20261204-101500.db"
 */
const char *
gil_backup_file_get_name (GilBackupFile *self)
{
  g_return_val_if_fail (GIL_IS_BACKUP_FILE (self), NULL);

  return self->file != NULL ? self->file : "";
}

/**
 * gil_backup_file_get_at:
 *
 * Returns: (transfer none): when it was written
 */
GDateTime *
gil_backup_file_get_at (GilBackupFile *self)
{
  g_return_val_if_fail (GIL_IS_BACKUP_FILE (self), NULL);

  return self->at;
}

static void
gil_backup_file_finalize (GObject *object)
{
  GilBackupFile *self = (GilBackupFile *)object;

  g_clear_pointer (&self->file, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (gil_backup_file_parent_class)->finalize (object);
}

static void
gil_backup_file_class_init (GilBackupFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_backup_file_finalize;
}

static void
gil_backup_file_init (GilBackupFile *self)
{
}
