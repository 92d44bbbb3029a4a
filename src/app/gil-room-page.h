/* gil-room-page.h — a cluster room's queue and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"

G_BEGIN_DECLS

#define GIL_TYPE_ROOM_PAGE (gil_room_page_get_type ())
G_DECLARE_FINAL_TYPE (GilRoomPage, gil_room_page, GIL, ROOM_PAGE, AdwBin)

GtkWidget *gil_room_page_new (GilContext *context,
                              gint64      room_id);

G_END_DECLS
