/* gil-room-draft-private.h — a room draft as a request body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-room-draft.h"

G_BEGIN_DECLS

void _gil_room_draft_write (const GilRoomDraft *self,
                            JsonBuilder        *body);

G_END_DECLS
