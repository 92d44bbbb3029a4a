/* gil-store.h — the SQLite database behind a Giliran manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GIL_STORE_ERROR (gil_store_error_quark ())

typedef enum
{
  GIL_STORE_ERROR_OPEN,        /* cannot open or create the file */
  GIL_STORE_ERROR_CORRUPT,     /* not a database, or quick_check not ok */
  GIL_STORE_ERROR_NETWORK_FS,  /* on a network or FUSE filesystem */
  GIL_STORE_ERROR_TOO_NEW,     /* written by a newer Giliran */
  GIL_STORE_ERROR_BUSY,        /* another writer held the lock too long */
  GIL_STORE_ERROR_FULL,        /* disk or database full */
  GIL_STORE_ERROR_IO,          /* any other failure of the storage */
} GilStoreError;

typedef enum
{
  GIL_STORE_FLAGS_NONE = 0,
  GIL_STORE_ALLOW_NETWORK_FS = 1 << 0,
} GilStoreFlags;

#define GIL_TYPE_STORE (gil_store_get_type ())
G_DECLARE_FINAL_TYPE (GilStore, gil_store, GIL, STORE, GObject)

void         gil_store_release_statement (sqlite3_stmt   *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, gil_store_release_statement)

GQuark       gil_store_error_quark       (void);

GilStore    *gil_store_open              (const char     *path,
                                          GilStoreFlags   flags,
                                          GError        **error);
GilStore    *gil_store_open_at_version   (const char     *path,
                                          int             version,
                                          GError        **error);
GilStore    *gil_store_open_reader       (GilStore       *writer,
                                          GError        **error);
const char  *gil_store_get_path          (GilStore       *self);
int          gil_store_get_schema_version (GilStore      *self);
int          gil_store_get_latest_schema_version (void);

gboolean     gil_store_begin             (GilStore       *self,
                                          GError        **error);
gboolean     gil_store_commit            (GilStore       *self,
                                          GError        **error);
void         gil_store_rollback          (GilStore       *self);
gboolean     gil_store_rollback_all      (GilStore       *self);
gboolean     gil_store_in_transaction    (GilStore       *self);
void         gil_store_abort             (GilStore       *self);

void         gil_store_set_busy_timeout  (GilStore       *self,
                                          int             msec);
void         gil_store_start_checkpointer (GilStore      *self);

const char  *gil_store_get_storage_error (GilStore       *self);

/* The clock: tests pin it, the manager leaves it on the real time. */
void         gil_store_set_now           (GilStore       *self,
                                          gint64          unix_seconds);
gint64       gil_store_now               (GilStore       *self);
char        *gil_store_dup_today         (GilStore       *self);

/* The station whose action the next writes record (0: the manager itself,
 * GIL_STATION_ADMIN: the admin token). */
void         gil_store_set_station       (GilStore       *self,
                                          gint64          station);
gint64       gil_store_get_station       (GilStore       *self);

/* Settings kept in the database (puskesmas name, service day, …). */
char        *gil_store_dup_setting       (GilStore       *self,
                                          const char     *key);
gboolean     gil_store_set_setting       (GilStore       *self,
                                          const char     *key,
                                          const char     *value,
                                          GError        **error);
gint64       gil_store_next_counter      (GilStore       *self,
                                          const char     *name,
                                          const char     *what,
                                          GError        **error);

/* For the other core modules. */
sqlite3      *gil_store_get_db           (GilStore       *self);
sqlite3_stmt *gil_store_prepare          (GilStore       *self,
                                          const char     *sql,
                                          GError        **error);
gboolean      gil_store_step_done        (GilStore       *self,
                                          sqlite3_stmt   *stmt,
                                          GError        **error);
gboolean      gil_store_step_row         (GilStore       *self,
                                          sqlite3_stmt   *stmt,
                                          const char     *what,
                                          GError        **error);

/* Makes one record of the row @stmt stands on. */
typedef gpointer (*GilStoreRowFunc)      (sqlite3_stmt   *stmt);

GPtrArray    *gil_store_collect_rows     (GilStore       *self,
                                          sqlite3_stmt   *stmt,
                                          GilStoreRowFunc row_func,
                                          GDestroyNotify  free_func,
                                          const char     *what,
                                          GError        **error);
GArray       *gil_store_collect_ids      (GilStore       *self,
                                          sqlite3_stmt   *stmt,
                                          const char     *what,
                                          GError        **error);
gboolean      gil_store_step_one         (GilStore       *self,
                                          sqlite3_stmt   *stmt,
                                          const char     *what,
                                          GError        **error,
                                          GQuark          missing_domain,
                                          int             missing_code,
                                          const char     *missing_format,
                                          ...) G_GNUC_PRINTF (7, 8);
sqlite3_stmt *gil_store_get_row          (GilStore       *self,
                                          const char     *sql,
                                          gint64          id,
                                          const char     *what,
                                          GError        **error,
                                          GQuark          missing_domain,
                                          int             missing_code,
                                          const char     *missing_format,
                                          ...) G_GNUC_PRINTF (8, 9);
gboolean      gil_store_exec             (GilStore       *self,
                                          const char     *sql,
                                          GError        **error);
void          gil_store_set_error        (GilStore       *self,
                                          GError        **error,
                                          int             rc,
                                          const char     *what);

G_END_DECLS
