/* gil-connection-rooms.h — the rooms, one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-room-draft.h"
#include "gil-room-item.h"

G_BEGIN_DECLS

void         gil_connection_list_rooms_async   (GilConnection        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray   *gil_connection_list_rooms_finish  (GilConnection        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void         gil_connection_create_room_async  (GilConnection        *self,
                                                const GilRoomDraft   *draft,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GilRoomItem *gil_connection_create_room_finish (GilConnection        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void         gil_connection_update_room_async  (GilConnection        *self,
                                                gint64                id,
                                                const GilRoomDraft   *changes,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GilRoomItem *gil_connection_update_room_finish (GilConnection        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
