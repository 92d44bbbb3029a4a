/* gil-store-settings.c — settings kept in the database: the puskesmas's
 * name, the service day, …; and its counters (queue places, tickets, …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-store-private.h"

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
 * gil_store_next_counter:
 * @name: the counter ("queue_key", "ticket 2026-12-04 A", …)
 * @what: what the number is for, for a storage error
 *
 * Counts @name up by one, inside the caller's write; a counter not yet
 * kept starts at 1.
 *
 * Returns: the new value, or 0 with @error set
 */
gint64
gil_store_next_counter (GilStore    *self,
                        const char  *name,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  stmt = gil_store_prepare (self,
                            "INSERT INTO counters (name, value) VALUES (?, 1)"
                            " ON CONFLICT (name) DO UPDATE SET value = value + 1"
                            " RETURNING value",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!gil_store_step_row (self, stmt, what, error))
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}
