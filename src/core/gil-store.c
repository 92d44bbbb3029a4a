/* gil-store.c — the SQLite database behind a Giliran manager
 *
 * One GilStore is one connection. The manager owns the only writer; every
 * write is one BEGIN IMMEDIATE … COMMIT, nested writes become savepoints.
 *
 * This file holds the object itself, its storage-error property, its
 * clock and the station it writes for; the rest of GilStore is in the
 * files gil-store-private.h lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-date.h"
#include "gil-schema.h"
#include "gil-store-private.h"

enum
{
  PROP_0,
  PROP_STORAGE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GilStore, gil_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gil-store-error-quark, gil_store_error)

static void
gil_store_finalize (GObject *object)
{
  GilStore *self = (GilStore *)object;

  _gil_store_stop_checkpointer (self);

  if (self->db != NULL)
    {
      _gil_store_unregister_cache (self);
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
  self->statements = _gil_store_new_statement_cache ();
}

/* Sets the storage-error property: @message is the storage's fault, or
 * %NULL once a write committed again. */
void
_gil_store_set_storage_error (GilStore   *self,
                              const char *message)
{
  if (g_strcmp0 (self->storage_error, message) == 0)
    return;
  g_free (self->storage_error);
  self->storage_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORAGE_ERROR]);
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

void
gil_store_set_busy_timeout (GilStore *self,
                            int       msec)
{
  g_return_if_fail (GIL_IS_STORE (self));

  sqlite3_busy_timeout (self->db, msec);
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
