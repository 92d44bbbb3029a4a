/* gil-station-item-private.h — making a GilStationItem from the manager's reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-station-item.h"

G_BEGIN_DECLS

GilStationItem *_gil_station_item_new_from_json  (JsonNode  *node,
                                         GError   **error);
GPtrArray  *_gil_station_item_list_from_json (JsonNode  *node,
                                         GError   **error);

G_END_DECLS
