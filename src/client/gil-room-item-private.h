/* gil-room-item-private.h — what the client does with a GilRoomItem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-room-item.h"

G_BEGIN_DECLS

GilRoomItem *_gil_room_item_new_from_reply  (JsonNode     *reply,
                                             GError      **error);
GPtrArray   *_gil_room_item_list_from_reply (JsonNode     *reply,
                                             GError      **error);
void         _gil_room_item_assign          (GilRoomItem  *self,
                                             GilRoomItem  *from);

G_END_DECLS
