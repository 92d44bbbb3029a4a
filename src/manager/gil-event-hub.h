/* gil-event-hub.h — the WebSocket event stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "gil-metered-stream.h"
#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_TYPE_EVENT_HUB (gil_event_hub_get_type ())
G_DECLARE_FINAL_TYPE (GilEventHub, gil_event_hub, GIL, EVENT_HUB, GObject)

GilEventHub *gil_event_hub_new           (GilStore                *store);
void         gil_event_hub_add           (GilEventHub             *self,
                                          SoupWebsocketConnection *connection,
                                          GilMeteredStream        *meter,
                                          gint64                   station,
                                          gboolean                 with_names,
                                          gint64                   since,
                                          const char              *log);
void         gil_event_hub_publish       (GilEventHub             *self);
void         gil_event_hub_close_station (GilEventHub             *self,
                                          gint64                   station);
void         gil_event_hub_close_all     (GilEventHub             *self);
gsize        gil_event_hub_get_max_backlog (void);
const char  *gil_event_hub_get_log_id    (GilEventHub             *self);

G_END_DECLS
