/* gil-pairing-code.c — a pairing code the admin made, typed
 *
 * What POST /api/v1/pairing-codes answers (API.md): the six digits, when
 * they stop working, and the fingerprint of the manager's certificate
 * (none over plain HTTP), which the host shows beside the code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-pairing-private.h"
#include "gil-reply-private.h"

struct _GilPairingCode
{
  GObject    parent_instance;

  char      *code;
  GDateTime *expires_at;
  char      *fingerprint;
};

G_DEFINE_FINAL_TYPE (GilPairingCode, gil_pairing_code, G_TYPE_OBJECT)

/* Returns: (transfer full): the code, or %NULL with @error set */
GilPairingCode *
_gil_pairing_code_new_from_json (JsonNode  *node,
                                 GError   **error)
{
  JsonObject *object = _gil_reply_get_object (node, error);
  GilPairingCode *self;

  if (object == NULL)
    return NULL;
  self = g_object_new (GIL_TYPE_PAIRING_CODE, NULL);
  self->code = g_strdup (_gil_reply_get_string (object, "code"));
  self->expires_at = _gil_reply_dup_time (object, "expires_at");
  self->fingerprint = g_strdup (_gil_reply_get_string (object, "fingerprint"));
  return self;
}

/**
 * gil_pairing_code_get_code:
 *
 * Returns: the six digits, such as "123456"
 */
const char *
gil_pairing_code_get_code (GilPairingCode *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING_CODE (self), NULL);

  return self->code != NULL ? self->code : "";
}

/**
 * gil_pairing_code_get_expires_at:
 *
 * Returns: (transfer none) (nullable): when the code stops working
 */
GDateTime *
gil_pairing_code_get_expires_at (GilPairingCode *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING_CODE (self), NULL);

  return self->expires_at;
}

/**
 * gil_pairing_code_get_fingerprint:
 *
 * Returns: (nullable): the manager's certificate's fingerprint; %NULL
 *   over plain HTTP
 */
const char *
gil_pairing_code_get_fingerprint (GilPairingCode *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING_CODE (self), NULL);

  return self->fingerprint;
}

static void
gil_pairing_code_finalize (GObject *object)
{
  GilPairingCode *self = (GilPairingCode *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (gil_pairing_code_parent_class)->finalize (object);
}

static void
gil_pairing_code_class_init (GilPairingCodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_pairing_code_finalize;
}

static void
gil_pairing_code_init (GilPairingCode *self)
{
}
