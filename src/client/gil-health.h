/* gil-health.h — the manager's state, as GET /health gives it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_HEALTH (gil_health_get_type ())
G_DECLARE_FINAL_TYPE (GilHealth, gil_health, GIL, HEALTH, GObject)

GilHealth   *gil_health_new_from_json      (JsonNode   *node,
                                            GError    **error);

const char  *gil_health_get_status         (GilHealth  *self);
gboolean     gil_health_get_degraded       (GilHealth  *self);
const char  *gil_health_get_storage        (GilHealth  *self);
const char  *gil_health_get_storage_error  (GilHealth  *self);
const char  *gil_health_get_version        (GilHealth  *self);
const char  *gil_health_get_day            (GilHealth  *self);
gint64       gil_health_get_seq            (GilHealth  *self);
const char  *gil_health_get_log            (GilHealth  *self);
GDateTime   *gil_health_get_last_backup    (GilHealth  *self);
gboolean     gil_health_get_tls            (GilHealth  *self);
const char  *gil_health_get_fingerprint    (GilHealth  *self);

G_END_DECLS
