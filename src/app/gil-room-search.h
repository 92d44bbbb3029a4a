/* gil-room-search.h — finding a patient in a long room queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-stop-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_ROOM_SEARCH (gil_room_search_get_type ())
G_DECLARE_FINAL_TYPE (GilRoomSearch, gil_room_search, GIL, ROOM_SEARCH, GObject)

GilRoomSearch *gil_room_search_new     (GtkSearchBar      *bar,
                                        GtkListBox        *list,
                                        GtkScrolledWindow *scroller);
void           gil_room_search_start   (GilRoomSearch     *self);
void           gil_room_search_filter_row (GilRoomSearch  *self,
                                        GtkWidget         *row);

G_END_DECLS
