/* gil-server-replies.c — the replies kept for Idempotency-Key
 *
 * A write sent again with the key it was first sent with gets the reply
 * it got then, from the table requests, rather than running twice. The
 * reply is saved in the write that made it (gil-server.c, run_write), so
 * the change and its reply commit together. Replies are the manager's
 * business, not the core's: they are HTTP statuses and bodies by route.
 *
 * Once a service day (at start, and when the day turns at midnight or at
 * the first check after it) the replies older than a week go, so the
 * table does not grow by every write of every day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-server-private.h"

/* How long the reply to a write is kept for a repeat of its
 * Idempotency-Key: a station's retries take seconds, a user's own retry
 * after the network came back hours; a week is more than either. */
#define REPLY_DAYS 7

/**
 * gil_server_lookup_reply:
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
gil_server_lookup_reply (GilStore    *store,
                         const char  *key,
                         const char  *route,
                         guint       *status,
                         char       **body,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && route != NULL, FALSE);

  stmt = gil_store_prepare (store,
                            "SELECT status, body FROM requests"
                            " WHERE key = ? AND route = ? AND station = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, route, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, gil_store_get_station (store));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (store, error, rc, "looking up an earlier reply");
      return FALSE;
    }

  if (status != NULL)
    *status = sqlite3_column_int (stmt, 0);
  if (body != NULL)
    *body = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  return TRUE;
}

/**
 * gil_server_save_reply:
 *
 * Records the reply to @key on @route for the store's station, inside the
 * write that produced it so that the reply and the change commit together.
 */
gboolean
gil_server_save_reply (GilStore    *store,
                       const char  *key,
                       const char  *route,
                       guint        status,
                       const char  *body,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && route != NULL && body != NULL, FALSE);
  g_assert (gil_store_in_transaction (store));

  stmt = gil_store_prepare (store,
                            "INSERT INTO requests (key, route, status, body, created_at, station) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, route, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, status);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 6, gil_store_get_station (store));
  return gil_store_step_done (store, stmt, error);
}

/* The replies saved before @before, in a transaction of their own: a
 * repeat of one of their keys then runs its request again. */
static gboolean
forget_replies (GilStore  *store,
                gint64     before,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!gil_store_begin (store, error))
    return FALSE;
  stmt = gil_store_prepare (store, "DELETE FROM requests WHERE created_at < ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, before);
      if (gil_store_step_done (store, stmt, error) && gil_store_commit (store, error))
        return TRUE;
    }
  gil_store_rollback (store);
  return FALSE;
}

/**
 * gil_server_forget_old_replies:
 *
 * Removes the replies older than a week, once a service day: the first
 * call of a day does it, later ones of the same day return at once. Best
 * effort: when it cannot, the next day tries again.
 */
void
gil_server_forget_old_replies (GilServer *self)
{
  g_autofree char *today = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GIL_IS_SERVER (self));

  today = gil_store_dup_today (self->store);
  if (g_strcmp0 (today, self->replies_day) == 0)
    return;
  g_free (self->replies_day);
  self->replies_day = g_steal_pointer (&today);

  /* A storage failure is logged once by on_store_storage_error_cb. */
  if (!forget_replies (self->store, gil_store_now (self->store) - REPLY_DAYS * 24 * 3600, &error) &&
      error->domain != GIL_STORE_ERROR)
    g_warning ("Old replies to writes were not removed: %s", error->message);
}
