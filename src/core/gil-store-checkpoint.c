/* gil-store-checkpoint.c — copying the write-ahead log back into the
 * database, on a thread of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-store-private.h"

/* How many frames the write-ahead log holds before it is copied back into
 * the database (SQLite's own default is 1000 pages, run by the commit that
 * crosses it). */
#define CHECKPOINT_FRAMES 500
/* …and the most it may hold when the checkpointer falls behind: then the
 * committing connection copies it back itself, as SQLite would. */
#define CHECKPOINT_FRAMES_MAX 10000

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
  sqlite3_busy_timeout (db, GIL_STORE_BUSY_TIMEOUT_MS);
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

void
_gil_store_stop_checkpointer (GilStore *self)
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

