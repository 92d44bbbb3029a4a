/* gil-pairing-private.h — making pairing results from the manager's replies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-pairing.h"
#include "gil-pairing-code.h"

G_BEGIN_DECLS

GilPairingCode *_gil_pairing_code_new_from_json (JsonNode  *node,
                                                 GError   **error);
GilPairing     *_gil_pairing_new_from_json      (JsonNode  *node,
                                                 GError   **error);

G_END_DECLS
