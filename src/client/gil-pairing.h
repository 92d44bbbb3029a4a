/* gil-pairing.h — what a station gets when it pairs, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-station-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_PAIRING (gil_pairing_get_type ())
G_DECLARE_FINAL_TYPE (GilPairing, gil_pairing, GIL, PAIRING, GObject)

const char *gil_pairing_get_token       (GilPairing *self);
GilStationItem *gil_pairing_get_station     (GilPairing *self);
const char *gil_pairing_get_fingerprint (GilPairing *self);

G_END_DECLS
