/* gil-store-replies.c — the replies kept for Idempotency-Key
 *
 * A write sent again with the key it was first sent with gets the reply
 * it got then, from the table requests, rather than running twice. The
 * manager saves each write's reply in the write that made it; the day's
 * roll-over forgets those older than a week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-store-private.h"

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
