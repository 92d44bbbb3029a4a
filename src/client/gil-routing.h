/* gil-routing.h — where routing would send a visit, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_ROUTING (gil_routing_get_type ())
G_DECLARE_FINAL_TYPE (GilRouting, gil_routing, GIL, ROUTING, GObject)

GilRouting *gil_routing_new_from_json        (JsonNode    *node,
                                              GError     **error);

gint64      gil_routing_get_room             (GilRouting  *self);
const char *gil_routing_get_room_code        (GilRouting  *self);
const char *gil_routing_get_room_name        (GilRouting  *self);
const char *gil_routing_get_cluster          (GilRouting  *self);
const char *gil_routing_get_priority         (GilRouting  *self);
const char *gil_routing_get_priority_reason  (GilRouting  *self);
const char *gil_routing_get_reason           (GilRouting  *self);
const char *gil_routing_get_rule             (GilRouting  *self);
gint64      gil_routing_get_age_months       (GilRouting  *self);

G_END_DECLS
