/* gil-health.c — the manager's state, as GET /health gives it
 *
 * doc/api.md: `{"status", "version", "day", "seq"}` and what the project
 * added (`log`, `last_backup`, `storage`, `storage_error`, `tls`,
 * `fingerprint`). A value the reply does not carry reads as %NULL, 0 or
 * %FALSE; only "status", "day" and "seq" must be there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-health.h"
#include "gil-reply-private.h"

struct _GilHealth
{
  GObject    parent_instance;

  char      *status;
  char      *storage;
  char      *storage_error;
  char      *version;
  char      *day;
  gint64     seq;
  char      *log;
  GDateTime *last_backup;
  gboolean   tls;
  char      *fingerprint;
};

G_DEFINE_FINAL_TYPE (GilHealth, gil_health, G_TYPE_OBJECT)

/**
 * gil_health_new_from_json:
 * @node: the reply of GET /api/v1/health
 *
 * Returns: (transfer full) (nullable): the manager's state, or %NULL with
 *   a %GIL_API_ERROR_UNKNOWN error when @node is not such a reply
 */
GilHealth *
gil_health_new_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(GilHealth) self = NULL;
  JsonObject *object;
  JsonNode *seq;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  seq = object != NULL ? json_object_get_member (object, "seq") : NULL;
  self = g_object_new (GIL_TYPE_HEALTH, NULL);
  if (object != NULL)
    {
      self->status = _gil_reply_dup_string (object, "status");
      self->day = _gil_reply_dup_string (object, "day");
    }
  if (self->status == NULL || self->day == NULL ||
      seq == NULL || json_node_get_value_type (seq) != G_TYPE_INT64)
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s state is not as expected"));
      return NULL;
    }

  self->seq = json_node_get_int (seq);
  self->storage = _gil_reply_dup_string (object, "storage");
  self->storage_error = _gil_reply_dup_string (object, "storage_error");
  self->version = _gil_reply_dup_string (object, "version");
  self->log = _gil_reply_dup_string (object, "log");
  self->last_backup = _gil_reply_dup_time (object, "last_backup");
  self->tls = _gil_reply_get_bool (object, "tls", FALSE);
  self->fingerprint = _gil_reply_dup_string (object, "fingerprint");
  return g_steal_pointer (&self);
}

/**
 * gil_health_get_status:
 *
 * Returns: "ok", or "degraded" while writes are being refused
 */
const char *
gil_health_get_status (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->status;
}

/**
 * gil_health_get_degraded:
 *
 * Returns: whether the manager refuses writes now (its status is not "ok")
 */
gboolean
gil_health_get_degraded (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), FALSE);

  return g_strcmp0 (self->status, "ok") != 0;
}

/**
 * gil_health_get_storage:
 *
 * Returns: (nullable): "ok", or "error" when writes do not reach the disk
 */
const char *
gil_health_get_storage (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->storage;
}

/**
 * gil_health_get_storage_error:
 *
 * Returns: (nullable): why writes do not reach the disk, or %NULL
 */
const char *
gil_health_get_storage_error (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->storage_error;
}

/**
 * gil_health_get_version:
 *
 * Returns: (nullable): the manager's version
 */
const char *
gil_health_get_version (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->version;
}

/**
 * gil_health_get_day:
 *
 * Returns: the manager's service day, YYYY-MM-DD
 */
const char *
gil_health_get_day (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->day;
}

/**
 * gil_health_get_seq:
 *
 * Returns: the seq of the manager's last event; 0 for none
 */
gint64
gil_health_get_seq (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), 0);

  return self->seq;
}

/**
 * gil_health_get_log:
 *
 * Returns: (nullable): the id of the event log the seq counts in
 */
const char *
gil_health_get_log (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->log;
}

/**
 * gil_health_get_last_backup:
 *
 * Returns: (transfer none) (nullable): when the last good backup was
 *   written; %NULL for none since the manager started
 */
GDateTime *
gil_health_get_last_backup (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->last_backup;
}

/**
 * gil_health_get_tls:
 *
 * Returns: whether the manager serves HTTPS
 */
gboolean
gil_health_get_tls (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), FALSE);

  return self->tls;
}

/**
 * gil_health_get_fingerprint:
 *
 * Returns: (nullable): the SHA-256 fingerprint of the manager's
 *   certificate; %NULL over plain HTTP
 */
const char *
gil_health_get_fingerprint (GilHealth *self)
{
  g_return_val_if_fail (GIL_IS_HEALTH (self), NULL);

  return self->fingerprint;
}

static void
gil_health_finalize (GObject *object)
{
  GilHealth *self = (GilHealth *)object;

  g_free (self->status);
  g_free (self->storage);
  g_free (self->storage_error);
  g_free (self->version);
  g_free (self->day);
  g_free (self->log);
  g_clear_pointer (&self->last_backup, g_date_time_unref);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (gil_health_parent_class)->finalize (object);
}

static void
gil_health_class_init (GilHealthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_health_finalize;
}

static void
gil_health_init (GilHealth *self)
{
}
