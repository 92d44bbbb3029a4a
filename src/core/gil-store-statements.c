/* gil-store-statements.c — running SQL on a store, and the prepared
 * statements kept for the next time
 *
 * The other core modules prepare each query with gil_store_prepare() and
 * give it back with g_autoptr(sqlite3_stmt): a statement given back waits,
 * reset, in its store's cache for the next prepare of the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-store-private.h"

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

GHashTable *
_gil_store_new_statement_cache (void)
{
  return g_hash_table_new_full (statement_hash, g_str_equal, NULL, finalize_statement);
}

void
_gil_store_register_cache (GilStore *self)
{
  g_mutex_lock (&caches_lock);
  if (caches == NULL)
    caches = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (caches, self->db, self->statements);
  g_mutex_unlock (&caches_lock);
}

void
_gil_store_unregister_cache (GilStore *self)
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

/* SQLite's @rc for a write (an exec, a step): its error, as "writing",
 * when it failed. */
static gboolean
check_written (GilStore  *self,
               int        rc,
               GError   **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  gil_store_set_error (self, error, rc, "writing");
  return FALSE;
}

gboolean
gil_store_exec (GilStore    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  return _gil_store_check_transaction_alive (self, error) &&
         check_written (self, sqlite3_exec (self->db, sql, NULL, NULL, NULL), error);
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
  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  if (!sqlite3_stmt_readonly (stmt) && !_gil_store_check_transaction_alive (self, error))
    return FALSE;
  return check_written (self, sqlite3_step (stmt), error);
}

/**
 * gil_store_step_row:
 * @what: what the statement does, for the error ("numbering a patient")
 *
 * Steps @stmt to a row it must give (a RETURNING, an aggregate): no row
 * is an error as much as SQLite's own.
 *
 * Returns: %TRUE when @stmt stands on a row
 */
gboolean
gil_store_step_row (GilStore      *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error)
{
  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  gil_store_set_error (self, error, sqlite3_errcode (self->db), what);
  return FALSE;
}

typedef void (*RowFunc) (sqlite3_stmt *stmt,
                         gpointer      data);

/* Steps @stmt to its end, giving each row to @func. */
static gboolean
step_rows (GilStore      *self,
           sqlite3_stmt  *stmt,
           RowFunc        func,
           gpointer       data,
           const char    *what,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, data);
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray       *records;
  GilStoreRowFunc  row_func;
} Records;

static void
add_record (sqlite3_stmt *stmt,
            gpointer      data)
{
  Records *records = data;

  g_ptr_array_add (records->records, records->row_func (stmt));
}

static void
add_id (sqlite3_stmt *stmt,
        gpointer      data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *)data, id);
}

/**
 * gil_store_collect_rows:
 * @stmt: a prepared, bound query
 * @row_func: makes a record of a row
 * @free_func: frees a record
 * @what: what the query does, for a storage error ("reading rooms")
 *
 * Steps @stmt to its end, making a record of each row.
 *
 * Returns: (transfer full) (nullable): the records in the query's order
 */
GPtrArray *
gil_store_collect_rows (GilStore         *self,
                        sqlite3_stmt     *stmt,
                        GilStoreRowFunc   row_func,
                        GDestroyNotify    free_func,
                        const char       *what,
                        GError          **error)
{
  g_autoptr(GPtrArray) array = NULL;
  Records records;

  g_return_val_if_fail (GIL_IS_STORE (self), NULL);
  g_return_val_if_fail (stmt != NULL, NULL);
  g_return_val_if_fail (row_func != NULL, NULL);

  array = g_ptr_array_new_with_free_func (free_func);
  records.records = array;
  records.row_func = row_func;
  if (!step_rows (self, stmt, add_record, &records, what, error))
    return NULL;
  return g_steal_pointer (&array);
}

/**
 * gil_store_collect_ids:
 * @stmt: a prepared, bound query whose first column is an id
 * @what: what the query does, for a storage error
 *
 * Steps @stmt to its end, keeping the first column of each row.
 *
 * Returns: (transfer full) (nullable) (element-type gint64): the ids in
 *   the query's order
 */
GArray *
gil_store_collect_ids (GilStore      *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), NULL);
  g_return_val_if_fail (stmt != NULL, NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!step_rows (self, stmt, add_id, ids, what, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean G_GNUC_PRINTF (7, 0)
step_one_valist (GilStore      *self,
                 sqlite3_stmt  *stmt,
                 const char    *what,
                 GError       **error,
                 GQuark         missing_domain,
                 int            missing_code,
                 const char    *missing_format,
                 va_list        args)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    gil_store_set_error (self, error, rc, what);
  else if (error != NULL)
    g_propagate_error (error, g_error_new_valist (missing_domain, missing_code,
                                                  missing_format, args));
  return FALSE;
}

/**
 * gil_store_step_one:
 * @stmt: a prepared, bound query of one record
 * @what: what the query does, for a storage error ("reading a station")
 * @missing_domain: the error domain when there is no row
 * @missing_code: the error code when there is no row
 * @missing_format: the (translated) message when there is no row
 *
 * Steps @stmt to the record it finds, which fails as a storage error or
 * as "there is no such record" (@missing_domain, @missing_code,
 * @missing_format).
 *
 * Returns: %TRUE when @stmt stands on its row
 */
gboolean
gil_store_step_one (GilStore      *self,
                    sqlite3_stmt  *stmt,
                    const char    *what,
                    GError       **error,
                    GQuark         missing_domain,
                    int            missing_code,
                    const char    *missing_format,
                    ...)
{
  va_list args;
  gboolean found;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (missing_format != NULL, FALSE);

  va_start (args, missing_format);
  found = step_one_valist (self, stmt, what, error, missing_domain, missing_code,
                           missing_format, args);
  va_end (args);
  return found;
}

/**
 * gil_store_get_row:
 * @sql: a query of one row, by ?1
 * @id: the value of ?1
 * @what: what the query does, for a storage error ("reading a visit")
 * @missing_domain: the error domain when there is no row
 * @missing_code: the error code when there is no row
 * @missing_format: the (translated) message when there is no row
 *
 * Prepares @sql, binds @id and steps to the row it finds: the reading of
 * one record by its id (gil_store_step_one()).
 *
 * Returns: (transfer full) (nullable): the statement, standing on its
 *   row; %NULL with @error set when there is none
 */
sqlite3_stmt *
gil_store_get_row (GilStore     *self,
                   const char   *sql,
                   gint64        id,
                   const char   *what,
                   GError      **error,
                   GQuark        missing_domain,
                   int           missing_code,
                   const char   *missing_format,
                   ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  va_list args;
  gboolean found;

  g_return_val_if_fail (GIL_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (missing_format != NULL, NULL);

  stmt = gil_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  va_start (args, missing_format);
  found = step_one_valist (self, stmt, what, error, missing_domain, missing_code,
                           missing_format, args);
  va_end (args);
  return found ? g_steal_pointer (&stmt) : NULL;
}
