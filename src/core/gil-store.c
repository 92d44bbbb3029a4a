/* gil-store.c — the SQLite database behind a Giliran manager
 *
 * One GilStore is one connection. The manager owns the only writer; every
 * write is one BEGIN IMMEDIATE … COMMIT, nested writes become savepoints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include "gil-date.h"
#include "gil-schema.h"
#include "gil-store.h"

struct _GilStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;
  guint     depth;       /* open transaction plus savepoints */
  gint64    pinned_now;  /* 0: the real clock */
  gint64    station;
  gboolean  reader;      /* read-only: leaves checkpoints to the writer */
  GHashTable *statements; /* SQL text (the statement's own) → a prepared
                           * statement not in use */
  char     *storage_error;    /* the last storage fault, until a write commits */
  gint64    changes_at_begin; /* sqlite3_total_changes64 () at BEGIN */

  /* The write-ahead log and its index as SQLite opened them (a writer's);
   * 0: not known yet. */
  dev_t     wal_dev, shm_dev;
  ino_t     wal_ino, shm_ino;

  /* Checkpoints on a thread of their own, off the writer's path */
  GThread  *checkpointer;
  GMutex    checkpoint_lock;
  GCond     checkpoint_cond;
  gboolean  checkpoint_wanted;
  gboolean  checkpoint_quit;
};

enum
{
  PROP_0,
  PROP_STORAGE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each store's statement cache, found from a statement's connection when
 * it is released. Stores live on different threads (the manager reads
 * reports on a worker), hence the lock; a cache itself is used only by
 * its store's thread. */
static GMutex caches_lock;
static GHashTable *caches;   /* sqlite3 * → GHashTable * */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A statement's text is hashed on every prepare and every release, and a
 * query is some hundred bytes that mostly begin alike: hashing its length
 * and its last 64 bytes (where the conditions are) costs a tenth of
 * g_str_hash (); the few texts that hash alike are told apart by
 * g_str_equal (). */
static guint
statement_hash (gconstpointer key)
{
  const char *sql = key;
  size_t length = strlen (sql);
  const unsigned char *p = (const unsigned char *)sql + (length > 64 ? length - 64 : 0);
  guint hash = (guint)length;

  for (; *p != '\0'; p++)
    hash = hash * 31 + *p;
  return hash;
}

static void
register_cache (GilStore *self)
{
  g_mutex_lock (&caches_lock);
  if (caches == NULL)
    caches = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (caches, self->db, self->statements);
  g_mutex_unlock (&caches_lock);
}

static void
unregister_cache (GilStore *self)
{
  g_mutex_lock (&caches_lock);
  if (caches != NULL)
    g_hash_table_remove (caches, self->db);
  g_mutex_unlock (&caches_lock);
}

/**
 * gil_store_release_statement:
 *
 * Gives a statement from gil_store_prepare() back, reset, for the next
 * prepare of the same SQL; g_autoptr(sqlite3_stmt) calls it.
 */
void
gil_store_release_statement (sqlite3_stmt *stmt)
{
  GHashTable *cache;

  if (stmt == NULL)
    return;
  g_mutex_lock (&caches_lock);
  cache = caches != NULL ? g_hash_table_lookup (caches, sqlite3_db_handle (stmt)) : NULL;
  g_mutex_unlock (&caches_lock);

  if (cache == NULL)
    {
      sqlite3_finalize (stmt);
      return;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  /* Keyed by the statement's own text, which lives as long as it does;
   * replace, not insert, so that the key stays that of the statement kept
   * when one of the same text was already there (it is finalized). */
  g_hash_table_replace (cache, (gpointer)sqlite3_sql (stmt), stmt);
}

G_DEFINE_FINAL_TYPE (GilStore, gil_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gil-store-error-quark, gil_store_error)

#define BUSY_TIMEOUT_MS 5000

/* How many frames the write-ahead log holds before it is copied back into
 * the database (SQLite's own default is 1000 pages, run by the commit that
 * crosses it). */
#define CHECKPOINT_FRAMES 500
/* …and the most it may hold when the checkpointer falls behind: then the
 * committing connection copies it back itself, as SQLite would. */
#define CHECKPOINT_FRAMES_MAX 10000

static void stop_checkpointer (GilStore *self);
static void record_wal_files  (GilStore *self);

static void
gil_store_finalize (GObject *object)
{
  GilStore *self = (GilStore *)object;

  stop_checkpointer (self);

  if (self->db != NULL)
    {
      unregister_cache (self);
      g_hash_table_remove_all (self->statements);
      if (self->depth > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* Leave a small WAL behind a clean stop. */
      if (!self->reader)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->storage_error, g_free);
  g_mutex_clear (&self->checkpoint_lock);
  g_cond_clear (&self->checkpoint_cond);

  G_OBJECT_CLASS (gil_store_parent_class)->finalize (object);
}

static void
gil_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GilStore *self = GIL_STORE (object);

  switch (prop_id)
    {
    case PROP_STORAGE_ERROR:
      g_value_set_string (value, self->storage_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_store_class_init (GilStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gil_store_finalize;
  object_class->get_property = gil_store_get_property;

  /**
   * GilStore:storage-error: (nullable)
   *
   * What the storage said when it last failed (a full disk, an I/O error,
   * a read-only or damaged file), or %NULL when it works: set by the
   * failure, cleared by the next write that commits.
   */
  properties[PROP_STORAGE_ERROR] =
    g_param_spec_string ("storage-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_store_init (GilStore *self)
{
  g_mutex_init (&self->checkpoint_lock);
  g_cond_init (&self->checkpoint_cond);
  self->statements = g_hash_table_new_full (statement_hash, g_str_equal, NULL, finalize_statement);
}

static void
set_storage_error (GilStore   *self,
                   const char *message)
{
  if (g_strcmp0 (self->storage_error, message) == 0)
    return;
  g_free (self->storage_error);
  self->storage_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE_ERROR]);
}

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

/**
 * gil_store_get_storage_error:
 *
 * Returns: (nullable): the #GilStore:storage-error
 */
const char *
gil_store_get_storage_error (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), NULL);

  return self->storage_error;
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
    set_storage_error (self, (*error)->message);
}

/* SQLite rolls a whole transaction back by itself after some failures
 * (an I/O error, a full disk outside a statement journal). Our levels are
 * then gone: a savepoint opened now would start a new transaction, and
 * writes would each commit on their own, half a request's change. */
static gboolean
check_transaction_alive (GilStore  *self,
                         GError   **error)
{
  if (self->depth == 0 || !sqlite3_get_autocommit (self->db))
    return TRUE;
  if (self->storage_error != NULL)
    g_set_error_literal (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO, self->storage_error);
  else
    g_set_error_literal (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                         _("The database write was cancelled after a storage failure"));
  return FALSE;
}

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

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

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
  register_cache (self);

  if (!apply_pragmas (self, error) ||
      !quick_check (self, error))
    return NULL;
  record_wal_files (self);
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
  sqlite3_busy_timeout (self->db, 5000);
  register_cache (self);
  return g_steal_pointer (&self);
}

const char *
gil_store_get_path (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), NULL);

  return self->path;
}

int
gil_store_get_schema_version (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), -1);

  return gil_schema_current_version (self);
}

int
gil_store_get_latest_schema_version (void)
{
  return gil_schema_latest_version ();
}

sqlite3 *
gil_store_get_db (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), NULL);

  return self->db;
}

/* The checkpointer's own connection copies the log back into the database
 * whenever the writer asks, while the writer goes on committing: a commit
 * then never waits for a checkpoint's writes and its fsync of the whole
 * database file. */
static gpointer
checkpoint_thread (gpointer data)
{
  GilStore *self = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_debug ("checkpoints stay with the writer: %s", sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* A connection learns that the database uses a write-ahead log when it
   * first reads it; until then a checkpoint does nothing. */
  if (sqlite3_exec (db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("checkpointer: %s", sqlite3_errmsg (db));

  g_mutex_lock (&self->checkpoint_lock);
  for (;;)
    {
      int rc;

      while (!self->checkpoint_wanted && !self->checkpoint_quit)
        g_cond_wait (&self->checkpoint_cond, &self->checkpoint_lock);
      if (self->checkpoint_quit)
        break;
      self->checkpoint_wanted = FALSE;
      g_mutex_unlock (&self->checkpoint_lock);

      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_debug ("checkpoint: %s", sqlite3_errmsg (db));

      g_mutex_lock (&self->checkpoint_lock);
    }
  g_mutex_unlock (&self->checkpoint_lock);
  sqlite3_close_v2 (db);
  return NULL;
}

static int
on_wal_cb (void       *data,
           sqlite3    *db,
           const char *name,
           int         frames)
{
  GilStore *self = data;

  if (frames >= CHECKPOINT_FRAMES_MAX)
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  else if (frames >= CHECKPOINT_FRAMES)
    {
      g_mutex_lock (&self->checkpoint_lock);
      self->checkpoint_wanted = TRUE;
      g_cond_signal (&self->checkpoint_cond);
      g_mutex_unlock (&self->checkpoint_lock);
    }
  return SQLITE_OK;
}

static void
stop_checkpointer (GilStore *self)
{
  if (self->checkpointer == NULL)
    return;
  g_mutex_lock (&self->checkpoint_lock);
  self->checkpoint_quit = TRUE;
  g_cond_signal (&self->checkpoint_cond);
  g_mutex_unlock (&self->checkpoint_lock);
  g_clear_pointer (&self->checkpointer, g_thread_join);
  if (self->db != NULL)
    sqlite3_wal_hook (self->db, NULL, NULL);
}

/**
 * gil_store_start_checkpointer:
 *
 * Moves checkpoints (copying the write-ahead log back into the database)
 * from the commit that fills the log to a thread with a connection of its
 * own. For the manager's writer; stops when the store is finalized.
 */
void
gil_store_start_checkpointer (GilStore *self)
{
  g_return_if_fail (GIL_IS_STORE (self));
  g_return_if_fail (!self->reader);

  if (self->checkpointer != NULL)
    return;
  self->checkpoint_quit = FALSE;
  self->checkpointer = g_thread_new ("gil-checkpoint", checkpoint_thread, self);
  /* Replaces SQLite's automatic checkpoint in the committing connection. */
  sqlite3_wal_hook (self->db, on_wal_cb, self);
}

void
gil_store_set_busy_timeout (GilStore *self,
                            int       msec)
{
  g_return_if_fail (GIL_IS_STORE (self));

  sqlite3_busy_timeout (self->db, msec);
}

gboolean
gil_store_exec (GilStore    *self,
                const char  *sql,
                GError     **error)
{
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  if (!check_transaction_alive (self, error))
    return FALSE;
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      gil_store_set_error (self, error, rc, "writing");
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
gil_store_prepare (GilStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), NULL);

  if (g_hash_table_steal_extended (self->statements, sql, NULL, (gpointer *)&stmt))
    return stmt;
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      gil_store_set_error (self, error, rc, "preparing a query");
      return NULL;
    }
  return stmt;
}

gboolean
gil_store_step_done (GilStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  if (!sqlite3_stmt_readonly (stmt) && !check_transaction_alive (self, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      gil_store_set_error (self, error, rc, "writing");
      return FALSE;
    }
  return TRUE;
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
static void
record_wal_files (GilStore *self)
{
  stat_beside (self, "-wal", &self->wal_dev, &self->wal_ino);
  stat_beside (self, "-shm", &self->shm_dev, &self->shm_ino);
}

static gboolean
check_wal_files (GilStore  *self,
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
      record_wal_files (self);
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
  set_storage_error (self, (*error)->message);
  return FALSE;
}

/**
 * gil_store_begin:
 *
 * Starts a write: BEGIN IMMEDIATE when no write is open, a savepoint inside
 * one. Pair with gil_store_commit() or gil_store_rollback().
 */
gboolean
gil_store_begin (GilStore  *self,
                 GError   **error)
{
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  if (!check_transaction_alive (self, error))
    return FALSE;
  if (self->depth == 0)
    {
      /* A ROLLBACK that failed may have left SQLite's transaction open;
       * a new write must not join what is left of an old one. */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->changes_at_begin = sqlite3_total_changes64 (self->db);
      rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    }
  else
    rc = sqlite3_exec (self->db, "SAVEPOINT gil", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      gil_store_set_error (self, error, rc, "starting a write");
      return FALSE;
    }

  self->depth++;
  return TRUE;
}

/**
 * gil_store_commit:
 *
 * Ends a write. The outermost commit makes it durable; when COMMIT fails the
 * write is rolled back and reported, never retried, and no write is open
 * any more. When an inner level (a savepoint) fails it stays open: end it
 * with gil_store_rollback(), as after any other failure inside a write —
 * `if (gil_store_in_transaction (store)) gil_store_rollback (store);` is
 * right at every level.
 */
gboolean
gil_store_commit (GilStore  *self,
                  GError   **error)
{
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!check_transaction_alive (self, error))
    {
      if (self->depth == 1)
        self->depth = 0;
      return FALSE;
    }

  if (self->depth > 1)
    {
      rc = sqlite3_exec (self->db, "RELEASE gil", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          gil_store_set_error (self, error, rc, "saving");
          return FALSE;
        }
      self->depth--;
      return TRUE;
    }

  if (!check_wal_files (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      gil_store_set_error (self, error, rc, "saving");
      /* SQLite leaves the transaction open after a failed COMMIT in some
       * cases (a busy lock); it must not stay open behind our back. */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
      return FALSE;
    }

  self->depth = 0;
  /* A write reached the disk: whatever failed before works again. A commit
   * that changed nothing wrote nothing, and proves nothing. */
  if (sqlite3_total_changes64 (self->db) != self->changes_at_begin)
    set_storage_error (self, NULL);
  return TRUE;
}

void
gil_store_rollback (GilStore *self)
{
  g_return_if_fail (GIL_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  /* After SQLite rolled everything back itself there is no savepoint to
   * go back to; the levels only unwind. */
  if (self->depth > 1)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK TO gil; RELEASE gil", NULL, NULL, NULL);
      self->depth--;
      return;
    }

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
}

/**
 * gil_store_rollback_all:
 *
 * Rolls back whatever write is open, at every level. For the manager
 * between requests: a write a failure left open must not take the next
 * request's changes into it.
 *
 * Returns: %TRUE when a write was open
 */
gboolean
gil_store_rollback_all (GilStore *self)
{
  gboolean was_open;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  was_open = self->depth > 0 || !sqlite3_get_autocommit (self->db);
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
  return was_open;
}

gboolean
gil_store_in_transaction (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  return self->depth > 0;
}

void
gil_store_set_now (GilStore *self,
                   gint64    unix_seconds)
{
  g_return_if_fail (GIL_IS_STORE (self));

  self->pinned_now = unix_seconds;
}

gint64
gil_store_now (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), 0);

  if (self->pinned_now != 0)
    return self->pinned_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * gil_store_dup_today:
 *
 * Returns: (transfer full): the service day, the local date of now, as
 *   YYYY-MM-DD
 */
char *
gil_store_dup_today (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), NULL);

  return gil_date_format_local_day (gil_store_now (self));
}

void
gil_store_set_station (GilStore *self,
                       gint64    station)
{
  g_return_if_fail (GIL_IS_STORE (self));

  self->station = station;
}

gint64
gil_store_get_station (GilStore *self)
{
  g_return_val_if_fail (GIL_IS_STORE (self), 0);

  return self->station;
}

/**
 * gil_store_dup_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
gil_store_dup_setting (GilStore   *self,
                       const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = gil_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

gboolean
gil_store_set_setting (GilStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  stmt = gil_store_prepare (self,
                            "INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return gil_store_step_done (self, stmt, error);
}

/**
 * gil_store_lookup_reply:
 * @status: (out): the stored HTTP status
 * @body: (out) (transfer full): the stored reply body
 *
 * Looks for the reply to @key on @route sent by the store's station
 * (gil_store_set_station()): a key is the station's own, and the same key
 * from another station finds nothing.
 *
 * Returns: %TRUE when @key was already answered on @route; %FALSE when it
 *   was not, or with @error set when that could not be read (then the
 *   request must not run: it may have been answered)
 */
gboolean
gil_store_lookup_reply (GilStore    *self,
                        const char  *key,
                        const char  *route,
                        guint       *status,
                        char       **body,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && route != NULL, FALSE);

  stmt = gil_store_prepare (self,
                            "SELECT status, body FROM requests"
                            " WHERE key = ? AND route = ? AND station = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, route, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, gil_store_get_station (self));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (self, error, rc, "looking up an earlier reply");
      return FALSE;
    }

  if (status != NULL)
    *status = sqlite3_column_int (stmt, 0);
  if (body != NULL)
    *body = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  return TRUE;
}

/**
 * gil_store_save_reply:
 *
 * Records the reply to @key on @route for the store's station, inside the
 * write that produced it so that the reply and the change commit together.
 */
gboolean
gil_store_save_reply (GilStore    *self,
                      const char  *key,
                      const char  *route,
                      guint        status,
                      const char  *body,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && route != NULL && body != NULL, FALSE);

  stmt = gil_store_prepare (self,
                            "INSERT INTO requests (key, route, status, body, created_at, station) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, route, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, gil_store_now (self));
  sqlite3_bind_int64 (stmt, 6, gil_store_get_station (self));
  return gil_store_step_done (self, stmt, error);
}

/**
 * gil_store_forget_replies:
 * @before: Unix seconds
 *
 * Removes the replies saved before @before: a repeat of one of their keys
 * then runs its request again. Without this every write's reply would be
 * kept for ever, some megabytes a day in the database and in every backup.
 */
gboolean
gil_store_forget_replies (GilStore  *self,
                          gint64     before,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  stmt = gil_store_prepare (self, "DELETE FROM requests WHERE created_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  return gil_store_step_done (self, stmt, error);
}
