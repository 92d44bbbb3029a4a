/* gil-routing-advice.h — where routing would send a visit, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_ROUTING_ADVICE (gil_routing_advice_get_type ())
G_DECLARE_FINAL_TYPE (GilRoutingAdvice, gil_routing_advice, GIL, ROUTING_ADVICE, GObject)

GilRoutingAdvice *gil_routing_advice_new_from_json        (JsonNode    *node,
                                              GError     **error);

gint64      gil_routing_advice_get_room             (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_room_code        (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_room_name        (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_cluster          (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_priority         (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_priority_reason  (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_reason           (GilRoutingAdvice  *self);
const char *gil_routing_advice_get_rule             (GilRoutingAdvice  *self);
gint64      gil_routing_advice_get_age_months       (GilRoutingAdvice  *self);

G_END_DECLS
