/* gil-store-private.h — what the files of GilStore share
 *
 * GilStore is one object in several files, each of one purpose:
 * gil-store.c (the object, its clock and station), gil-store-open.c
 * (opening and checking a database), gil-store-statements.c (prepared
 * statements and their cache), gil-store-transaction.c (writes and
 * savepoints), gil-store-faults.c (SQLite's errors and the storage's
 * faults), gil-store-checkpoint.c (checkpoints on a thread),
 * gil-store-settings.c (a small table).
 * Only these files include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/types.h>

#include "gil-store.h"

G_BEGIN_DECLS

/* How long a connection waits for another's lock. */
#define GIL_STORE_BUSY_TIMEOUT_MS 5000

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

/* gil-store.c */
void        _gil_store_set_storage_error     (GilStore    *self,
                                              const char  *message);

/* gil-store-statements.c */
GHashTable *_gil_store_new_statement_cache   (void);
void        _gil_store_register_cache        (GilStore    *self);
void        _gil_store_unregister_cache      (GilStore    *self);

/* gil-store-transaction.c */
gboolean    _gil_store_check_transaction_alive (GilStore  *self,
                                                GError   **error);

/* gil-store-faults.c */
void        _gil_store_record_wal_files      (GilStore    *self);
gboolean    _gil_store_check_wal_files       (GilStore    *self,
                                              GError     **error);

/* gil-store-checkpoint.c */
void        _gil_store_stop_checkpointer     (GilStore    *self);

G_END_DECLS
