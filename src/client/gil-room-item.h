/* gil-room-item.h — one room, as the manager lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_ROOM_ITEM (gil_room_item_get_type ())
G_DECLARE_FINAL_TYPE (GilRoomItem, gil_room_item, GIL, ROOM_ITEM, GObject)

GilRoomItem        *gil_room_item_new_from_json       (JsonObject  *room);
void                gil_room_item_update_from_json    (GilRoomItem *self,
                                                       JsonObject  *room);
gint64              gil_room_item_get_id              (GilRoomItem *self);
const char         *gil_room_item_get_code            (GilRoomItem *self);
const char         *gil_room_item_get_name            (GilRoomItem *self);
const char         *gil_room_item_get_cluster         (GilRoomItem *self);
const char         *gil_room_item_get_prefix          (GilRoomItem *self);
const char * const *gil_room_item_get_tags            (GilRoomItem *self);
gboolean            gil_room_item_get_active          (GilRoomItem *self);
const char         *gil_room_item_get_priority_policy (GilRoomItem *self);
guint               gil_room_item_get_interleave_every (GilRoomItem *self);
gboolean            gil_room_item_get_number_only     (GilRoomItem *self);
guint               gil_room_item_get_waiting         (GilRoomItem *self);

G_END_DECLS
