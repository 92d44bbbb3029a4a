/* gil-queue-event.h — one event of the manager's stream, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gil-loket-ticket.h"
#include "gil-stop-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_QUEUE_EVENT (gil_queue_event_get_type ())
G_DECLARE_FINAL_TYPE (GilQueueEvent, gil_queue_event, GIL, QUEUE_EVENT, GObject)

GilQueueEvent *gil_queue_event_new_from_json   (JsonObject    *event);

gint64         gil_queue_event_get_seq         (GilQueueEvent *self);
const char    *gil_queue_event_get_event_type  (GilQueueEvent *self);
GDateTime     *gil_queue_event_get_at          (GilQueueEvent *self);
gint64         gil_queue_event_get_room        (GilQueueEvent *self);
gint64         gil_queue_event_get_visit       (GilQueueEvent *self);
const char    *gil_queue_event_get_ticket      (GilQueueEvent *self);
guint          gil_queue_event_get_calls       (GilQueueEvent *self);
guint          gil_queue_event_get_counter     (GilQueueEvent *self);
GilStopItem   *gil_queue_event_get_stop        (GilQueueEvent *self);
GilLoketTicket *gil_queue_event_get_loket      (GilQueueEvent *self);

G_END_DECLS
