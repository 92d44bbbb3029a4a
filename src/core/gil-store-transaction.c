/* gil-store-transaction.c — a store's writes: BEGIN IMMEDIATE … COMMIT,
 * with savepoints for the writes nested inside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-store-private.h"

/* SQLite rolls a whole transaction back by itself after some failures
 * (an I/O error, a full disk outside a statement journal). Our levels are
 * then gone: a savepoint opened now would start a new transaction, and
 * writes would each commit on their own, half a request's change. */
gboolean
_gil_store_check_transaction_alive (GilStore  *self,
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

  if (!_gil_store_check_transaction_alive (self, error))
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
 * gil_store_abort() is right at every level.
 */
gboolean
gil_store_commit (GilStore  *self,
                  GError   **error)
{
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!_gil_store_check_transaction_alive (self, error))
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

  if (!_gil_store_check_wal_files (self, error))
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
    _gil_store_set_storage_error (self, NULL);
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

/**
 * gil_store_abort:
 *
 * Ends a write that failed, wherever it failed: rolls back the level the
 * caller began, unless a failed outermost gil_store_commit() already
 * ended the write (it rolls back itself). A failure path that may come
 * before or after the commit needs nothing else.
 */
void
gil_store_abort (GilStore *self)
{
  g_return_if_fail (GIL_IS_STORE (self));

  if (self->depth > 0)
    gil_store_rollback (self);
}
