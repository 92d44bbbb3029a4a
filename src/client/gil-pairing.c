/* gil-pairing.c — what a station gets when it pairs, typed
 *
 * What POST /api/v1/pair answers (API.md): the station's token, which it
 * sends with every request from then on, the station as the manager
 * keeps it (its role and rooms), and the fingerprint of the manager's
 * certificate (none over plain HTTP), which must be the one the station
 * pinned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-pairing-private.h"
#include "gil-reply-private.h"
#include "gil-station-item-private.h"

struct _GilPairing
{
  GObject     parent_instance;

  char       *token;
  GilStationItem *station;
  char       *fingerprint;
};

G_DEFINE_FINAL_TYPE (GilPairing, gil_pairing, G_TYPE_OBJECT)

/* Returns: (transfer full): the pairing, or %NULL with @error set; a reply
 *   without a token or a station is an error */
GilPairing *
_gil_pairing_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = _gil_reply_get_object (node, error);
  g_autoptr(GilPairing) self = NULL;
  const char *token;

  if (object == NULL)
    return NULL;
  token = _gil_reply_get_string (object, "token");
  if (token == NULL || *token == '\0')
    {
      _gil_reply_set_unreadable (error);
      return NULL;
    }
  self = g_object_new (GIL_TYPE_PAIRING, NULL);
  self->token = g_strdup (token);
  self->station = _gil_station_item_new_from_json (json_object_get_member (object, "station"), error);
  if (self->station == NULL)
    return NULL;
  self->fingerprint = g_strdup (_gil_reply_get_string (object, "fingerprint"));
  return g_steal_pointer (&self);
}

/**
 * gil_pairing_get_token:
 *
 * Returns: the station's token: keep it secret
 */
const char *
gil_pairing_get_token (GilPairing *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING (self), NULL);

  return self->token;
}

/**
 * gil_pairing_get_station:
 *
 * Returns: (transfer none): the station as the manager keeps it
 */
GilStationItem *
gil_pairing_get_station (GilPairing *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING (self), NULL);

  return self->station;
}

/**
 * gil_pairing_get_fingerprint:
 *
 * Returns: (nullable): the certificate the manager says it has; %NULL over
 *   plain HTTP
 */
const char *
gil_pairing_get_fingerprint (GilPairing *self)
{
  g_return_val_if_fail (GIL_IS_PAIRING (self), NULL);

  return self->fingerprint;
}

static void
gil_pairing_finalize (GObject *object)
{
  GilPairing *self = (GilPairing *)object;

  g_clear_pointer (&self->token, g_free);
  g_clear_object (&self->station);
  g_clear_pointer (&self->fingerprint, g_free);

  G_OBJECT_CLASS (gil_pairing_parent_class)->finalize (object);
}

static void
gil_pairing_class_init (GilPairingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_pairing_finalize;
}

static void
gil_pairing_init (GilPairing *self)
{
}
