/* gil-station-item.h — a paired station (a PC or a browser display), typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_STATION_ITEM (gil_station_item_get_type ())
G_DECLARE_FINAL_TYPE (GilStationItem, gil_station_item, GIL, STATION_ITEM, GObject)

gint64        gil_station_item_get_id          (GilStationItem *self);
const char   *gil_station_item_get_name        (GilStationItem *self);
const char   *gil_station_item_get_role        (GilStationItem *self);
const gint64 *gil_station_item_get_rooms       (GilStationItem *self,
                                           guint      *n_rooms);
gboolean      gil_station_item_has_room        (GilStationItem *self,
                                           gint64      room);
GDateTime    *gil_station_item_get_created_at  (GilStationItem *self);
gboolean      gil_station_item_get_revoked     (GilStationItem *self);

G_END_DECLS
