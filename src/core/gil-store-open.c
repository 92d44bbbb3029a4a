/* gil-store-open.c — opening a Giliran database, and the checks first
 *
 * A writer's file must be on this computer's own disk, a database SQLite
 * can read whole (quick_check), in write-ahead-log mode with the
 * manager's pragmas, and at the newest schema; a reader trusts its
 * writer for all of that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sys/vfs.h>

#include "gil-schema.h"
#include "gil-store-private.h"

static gboolean
check_filesystem (const char  *path,
                  GError     **error)
{
  /* Magic numbers from statfs(2): network and FUSE filesystems, where
   * SQLite's locking and WAL shared memory are not safe. */
  static const struct { long magic; const char *name; } unsafe[] = {
    { 0x6969, "NFS" },
    { 0x517B, "SMB" },
    { (long)0xFF534D42, "CIFS" },
    { (long)0xFE534D42, "SMB2" },
    { 0x65735546, "FUSE" },
    { 0x73757245, "Coda" },
    { 0x5346414F, "AFS" },
    { 0x01021997, "9P" },
    { 0x00C36400, "Ceph" },
    { 0x47504653, "GPFS" },
    { 0x0BD00BD0, "Lustre" },
  };
  g_autofree char *dir = g_path_get_dirname (path);
  struct statfs st;

  if (statfs (dir, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      if ((long)(unsigned int)st.f_type == (long)(unsigned int)unsafe[i].magic)
        {
          g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_NETWORK_FS,
                       _("The database %s is on a network filesystem (%s); "
                         "keep it on this computer's own disk or allow it explicitly"),
                       path, unsafe[i].name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
quick_check (GilStore  *self,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") == 0)
        return TRUE;

      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged (%s); restore it from a backup"),
                   self->path, result);
      return FALSE;
    }

  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                 _("The file %s is not a Giliran database or is damaged"),
                 self->path);
  else
    gil_store_set_error (self, error, rc, "checking the database");
  return FALSE;
}

static gboolean
apply_pragmas (GilStore  *self,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode;
  int rc;

  sqlite3_busy_timeout (self->db, GIL_STORE_BUSY_TIMEOUT_MS);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        {
          g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT,
                       _("The file %s is not a Giliran database or is damaged"),
                       self->path);
          return FALSE;
        }
      gil_store_set_error (self, error, rc, "opening the database");
      return FALSE;
    }
  mode = (const char *)sqlite3_column_text (stmt, 0);
  if (g_ascii_strcasecmp (mode, "wal") != 0)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("The database %s cannot use write-ahead logging"),
                   self->path);
      return FALSE;
    }

  return gil_store_exec (self,
                         "PRAGMA synchronous=FULL;"
                         "PRAGMA foreign_keys=ON;"
                         "PRAGMA temp_store=MEMORY;",
                         error);
}

static GilStore *open_at_version (const char     *path,
                                  GilStoreFlags   flags,
                                  int             version,
                                  GError        **error);

/**
 * gil_store_open:
 * @path: the database file, created when missing
 * @flags: #GilStoreFlags
 * @error: return location for a #GError
 *
 * Opens (or creates) the database, checks it, and migrates its schema to the
 * newest version.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
GilStore *
gil_store_open (const char     *path,
                GilStoreFlags   flags,
                GError        **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_at_version (path, flags, gil_schema_latest_version (), error);
}

/**
 * gil_store_open_at_version:
 * @version: the schema version to stop at
 *
 * Like gil_store_open(), but migrates no further than @version: for tests
 * that need a file as an older Giliran left it.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
GilStore *
gil_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= gil_schema_latest_version (), NULL);

  return open_at_version (path, GIL_STORE_FLAGS_NONE, version, error);
}

static GilStore *
open_at_version (const char     *path,
                 GilStoreFlags   flags,
                 int             version,
                 GError        **error)
{
  g_autoptr(GilStore) self = NULL;
  int rc;

  if (!(flags & GIL_STORE_ALLOW_NETWORK_FS) && !check_filesystem (path, error))
    return NULL;

  self = g_object_new (GIL_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                        | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  _gil_store_register_cache (self);

  if (!apply_pragmas (self, error) ||
      !quick_check (self, error))
    return NULL;
  _gil_store_record_wal_files (self);
  if (!gil_schema_migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gil_store_open_reader:
 * @writer: the store whose database to read
 *
 * A second, read-only connection to @writer's database, for a long read
 * on another thread: in WAL mode it sees the last commit and never holds
 * up a writer. It keeps @writer's pinned clock, if any. No checks and no
 * migration: @writer did those.
 *
 * Returns: (transfer full): the reader, for one thread at a time
 */
GilStore *
gil_store_open_reader (GilStore  *writer,
                       GError   **error)
{
  g_autoptr(GilStore) self = NULL;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (writer), NULL);

  self = g_object_new (GIL_TYPE_STORE, NULL);
  self->path = g_strdup (writer->path);
  self->pinned_now = writer->pinned_now;
  self->reader = TRUE;
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"),
                   self->path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, GIL_STORE_BUSY_TIMEOUT_MS);
  _gil_store_register_cache (self);
  return g_steal_pointer (&self);
}
