/* gil-backup.c — online backups of the database, checked, and restoring one
 *
 * A backup is SQLite's online backup of the live database into a new file
 * beside it (backups/giliran-YYYYMMDD-HHMMSS-NNN.db), written under a
 * temporary name, checked with integrity_check, and only then given its
 * name: a file in backups/ is always a whole, sound copy. Writers are not
 * held up: the source may be a read-only connection of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "gil-backup.h"
#include "gil-events.h"

/**
 * gil_backup_dir:
 *
 * Returns: (transfer full): the backups folder beside @database
 */
char *
gil_backup_dir (const char *database)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (database != NULL, NULL);

  dir = g_path_get_dirname (database);
  return g_build_filename (dir, "backups", NULL);
}

/* Whether @pragma, run on @db, answers @expected. */
static gboolean
pragma_answers (sqlite3     *db,
                const char  *pragma,
                const char  *expected)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), expected) == 0;
  sqlite3_finalize (stmt);
  return ok;
}

/* Whether the database in @db passes integrity_check. */
static gboolean
integrity_ok (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  gboolean ok = pragma_answers (db, "PRAGMA integrity_check", "ok");

  if (!ok)
    g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                 _("The file %s is not a sound Giliran database"), path);
  return ok;
}

/* Copies the whole of @from into @to with the online backup API. */
static gboolean
copy_database (sqlite3     *from,
               sqlite3     *to,
               const char  *what,
               GError     **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                   _("Cannot copy the database (%s): %s"), what, sqlite3_errmsg (to));
      return FALSE;
    }
  /* The whole file in one step; a busy source is tried again. */
  while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep (20);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GIL_STORE_ERROR,
                   (rc & 0xff) == SQLITE_FULL ? GIL_STORE_ERROR_FULL : GIL_STORE_ERROR_IO,
                   _("Cannot copy the database (%s): %s"), what, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* The copy carries the live database's WAL mode; a backup is one file
 * that opens without leaving -wal and -shm files beside it. */
static gboolean
single_file (sqlite3     *db,
             const char  *path,
             GError     **error)
{
  gboolean ok = pragma_answers (db, "PRAGMA journal_mode = DELETE", "delete");

  if (!ok)
    g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                 _("Cannot copy the database (%s): %s"), path, sqlite3_errmsg (db));
  return ok;
}

/**
 * gil_backup_write:
 * @store: the database to back up; a reader from gil_store_open_reader()
 *   keeps the writer free
 * @dir: the backups folder, made if missing
 *
 * Returns: (transfer full): the new backup's path, checked
 */
char *
gil_backup_write (GilStore    *store,
                  const char  *dir,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (gil_store_now (store));
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  sqlite3 *copy = NULL;
  gboolean ok;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  /* Never over an older backup of the same second: the next number,
   * so the names still sort by time. */
  for (guint n = 0; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = g_strdup_printf ("giliran-%s-%03u.db", stamp, n);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }
  partial = g_strconcat (path, ".part", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot make the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }
  g_unlink (partial);
  if (sqlite3_open_v2 (partial, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), partial, sqlite3_errmsg (copy));
      sqlite3_close (copy);
      return NULL;
    }
  ok = copy_database (gil_store_get_db (store), copy, partial, error) &&
       single_file (copy, partial, error) &&
       integrity_ok (copy, partial, error);
  sqlite3_close (copy);
  if (!ok || g_rename (partial, path) != 0)
    {
      if (ok)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                     _("Cannot name the backup %s: %s"), path, g_strerror (errno));
      g_unlink (partial);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * gil_backup_prune:
 *
 * Keeps the newest @keep backups in @dir and removes the rest.
 */
void
gil_backup_prune (const char *dir,
                  guint       keep)
{
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  g_return_if_fail (dir != NULL);

  folder = g_dir_open (dir, 0, NULL);
  if (folder == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, "giliran-") && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));
  /* The names sort by their time. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_unlink (path);
    }
}

/**
 * gil_backup_check:
 *
 * Returns: whether @path is a sound database that this Giliran can open
 */
gboolean
gil_backup_check (const char  *path,
                  GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("There is no file %s"), path);
      return FALSE;
    }
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  ok = integrity_ok (db, path, error);
  if (ok && sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (ok && (version < 1 || version > gil_store_get_latest_schema_version ()))
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                   _("The file %s is not a Giliran database this version can use"), path);
      return FALSE;
    }
  return ok;
}

/* The restored events continue a timeline that stations may have gone
 * past: a new log id makes them start over from a snapshot, not resume
 * with seqs that now name other events. */
static gboolean
new_log_id (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, GIL_EVENTS_NEW_LOG_SQL, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                   _("Cannot copy the database (%s): %s"), path, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_backup_restore:
 *
 * Puts the checked @backup in place of @database, whole, through SQLite
 * (so the database's journal files stay consistent), with a new event log
 * id. The manager must not be running.
 */
gboolean
gil_backup_restore (const char  *backup,
                    const char  *database,
                    GError     **error)
{
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  gboolean ok;

  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gil_backup_check (backup, error))
    return FALSE;
  if (sqlite3_open_v2 (backup, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_open_v2 (database, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), database,
                   sqlite3_errmsg (to != NULL ? to : from));
      sqlite3_close (from);
      sqlite3_close (to);
      return FALSE;
    }
  sqlite3_busy_timeout (to, 5000);
  ok = copy_database (from, to, database, error) &&
       new_log_id (to, database, error) &&
       integrity_ok (to, database, error);
  sqlite3_close (from);
  sqlite3_close (to);
  return ok;
}
