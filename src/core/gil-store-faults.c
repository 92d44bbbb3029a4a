/* gil-store-faults.c — what SQLite and the storage say when a write fails
 *
 * SQLite's result codes become GilStoreError errors a person can read;
 * failures of the disk or of the files under the database are also kept
 * in GilStore:storage-error until a write commits again. A writer also
 * watches that its write-ahead log and that log's index stay the files
 * SQLite opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sys/stat.h>

#include "gil-store-private.h"

/* Failures of the disk or the file under the database, as opposed to a busy
 * lock or a mistake in a query: they last until space or the disk returns. */
static gboolean
is_storage_fault (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_NOLFS:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return TRUE;
    default:
      return FALSE;
    }
}

void
gil_store_set_error (GilStore    *self,
                     GError     **error,
                     int          rc,
                     const char  *what)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detail = NULL;
  int system_errno;

  g_return_if_fail (self == NULL || GIL_IS_STORE (self));
  g_return_if_fail (what != NULL);

  system_errno = self != NULL && self->db != NULL ? sqlite3_system_errno (self->db) : 0;
  detail = g_strdup (self != NULL && self->db != NULL ? sqlite3_errmsg (self->db)
                                                      : sqlite3_errstr (rc));
  /* "disk I/O error" alone does not say whether the disk is failing or a
   * limit was reached: the system's reason goes with it. */
  if (system_errno != 0 && is_storage_fault (rc))
    {
      char *with_reason = g_strdup_printf ("%s (%s)", detail, g_strerror (system_errno));

      g_free (detail);
      detail = with_reason;
    }

  /* The operation is for the log; the person is told what it means. */
  g_debug ("SQLite error %d while %s: %s", rc, what, detail);
  if (error == NULL)
    error = &local_error;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, GIL_STORE_ERROR, GIL_STORE_ERROR_BUSY,
                           _("The database is busy with another write; try again"));
      break;
    case SQLITE_FULL:
      g_set_error_literal (error, GIL_STORE_ERROR, GIL_STORE_ERROR_FULL,
                           _("The disk holding the database is full"));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                   _("The database is damaged: %s"), detail);
      break;
    default:
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                   _("Database error: %s"), detail);
      break;
    }

  if (self != NULL && is_storage_fault (rc))
    _gil_store_set_storage_error (self, (*error)->message);
}

/* The files beside the database as they are now: @ino 0 when missing. */
static void
stat_beside (GilStore   *self,
             const char *suffix,
             dev_t      *dev,
             ino_t      *ino)
{
  g_autofree char *path = g_strconcat (self->path, suffix, NULL);
  struct stat st;

  *dev = 0;
  *ino = 0;
  if (stat (path, &st) == 0)
    {
      *dev = st.st_dev;
      *ino = st.st_ino;
    }
}

/* SQLite keeps the write-ahead log (-wal) and its index (-shm) open for as
 * long as it has the database open, and never removes them meanwhile. A
 * file removed or put in their place under it (by a person, a clean-up
 * script, a restore done by hand) leaves SQLite writing into a file that
 * no one will read again: a commit would be acknowledged and lost at the
 * next stop, and other connections would not see it. So the writer
 * records both files once it has opened them, and each commit first
 * checks that they are still the ones at their paths (two stat(2) calls,
 * a microsecond or two). When they are not, writes are refused as a
 * storage failure until the manager is started again. */
void
_gil_store_record_wal_files (GilStore *self)
{
  stat_beside (self, "-wal", &self->wal_dev, &self->wal_ino);
  stat_beside (self, "-shm", &self->shm_dev, &self->shm_ino);
}

gboolean
_gil_store_check_wal_files (GilStore  *self,
                            GError   **error)
{
  dev_t dev;
  ino_t ino;
  const char *suffix = NULL;

  if (self->reader)
    return TRUE;
  if (self->wal_ino == 0 || self->shm_ino == 0)
    {
      /* Not there when the database was opened (SQLite made them later):
       * the first ones seen are SQLite's. */
      _gil_store_record_wal_files (self);
      return TRUE;
    }

  stat_beside (self, "-wal", &dev, &ino);
  if (dev != self->wal_dev || ino != self->wal_ino)
    suffix = "-wal";
  else
    {
      stat_beside (self, "-shm", &dev, &ino);
      if (dev != self->shm_dev || ino != self->shm_ino)
        suffix = "-shm";
    }
  if (suffix == NULL)
    return TRUE;

  g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
               _("The database's file %s%s was removed or replaced while the queue manager "
                 "was running; nothing more is saved until the queue manager is started again"),
               self->path, suffix);
  _gil_store_set_storage_error (self, (*error)->message);
  return FALSE;
}
