/* gil-room-list.h — every room with its waiting count, kept current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-connection.h"
#include "gil-room-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_ROOM_LIST (gil_room_list_get_type ())
G_DECLARE_FINAL_TYPE (GilRoomList, gil_room_list, GIL, ROOM_LIST, GObject)

GilRoomList   *gil_room_list_new             (GilConnection *connection);
GilConnection *gil_room_list_get_connection  (GilRoomList   *self);
gboolean       gil_room_list_get_loading     (GilRoomList   *self);
void           gil_room_list_reload          (GilRoomList   *self);
GilRoomItem   *gil_room_list_find            (GilRoomList   *self,
                                              gint64         id);
const char    *gil_room_list_get_name        (GilRoomList   *self,
                                              gint64         id);
GilRoomItem   *gil_room_list_find_by_code    (GilRoomList   *self,
                                              const char    *code);

G_END_DECLS
