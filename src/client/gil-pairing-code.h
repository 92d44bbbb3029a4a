/* gil-pairing-code.h — a pairing code the admin made, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_PAIRING_CODE (gil_pairing_code_get_type ())
G_DECLARE_FINAL_TYPE (GilPairingCode, gil_pairing_code, GIL, PAIRING_CODE, GObject)

const char *gil_pairing_code_get_code        (GilPairingCode *self);
GDateTime  *gil_pairing_code_get_expires_at  (GilPairingCode *self);
const char *gil_pairing_code_get_fingerprint (GilPairingCode *self);

G_END_DECLS
