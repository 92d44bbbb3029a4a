/* gil-stop-row.h — one patient in a room's queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-room-list.h"
#include "gil-stop-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_STOP_ROW (gil_stop_row_get_type ())
G_DECLARE_FINAL_TYPE (GilStopRow, gil_stop_row, GIL, STOP_ROW, GtkListBoxRow)

GtkWidget   *gil_stop_row_new          (GilStopItem *item,
                                        GilRoomList *rooms);
GilStopItem *gil_stop_row_get_item     (GilStopRow  *self);
void         gil_stop_row_update       (GilStopRow  *self);

G_END_DECLS
