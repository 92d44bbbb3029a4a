/* gil-stop-item.h — one stop in a room's queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gil-stop-actions.h"

G_BEGIN_DECLS

#define GIL_TYPE_STOP_ITEM (gil_stop_item_get_type ())
#define GIL_TYPE_STOP_STATUS (gil_stop_status_get_type ())
GType gil_stop_status_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (GilStopItem, gil_stop_item, GIL, STOP_ITEM, GObject)

GilStopItem *gil_stop_item_new_from_json      (JsonObject  *stop);
void         gil_stop_item_update_from_json   (GilStopItem *self,
                                               JsonObject  *stop);
gint64       gil_stop_item_get_id             (GilStopItem *self);
gint64       gil_stop_item_get_visit          (GilStopItem *self);
gint64       gil_stop_item_get_room           (GilStopItem *self);
const char  *gil_stop_item_get_ticket         (GilStopItem *self);
GilStopStatus gil_stop_item_get_status        (GilStopItem *self);
const char  *gil_stop_item_get_priority       (GilStopItem *self);
const char  *gil_stop_item_get_priority_reason (GilStopItem *self);
guint        gil_stop_item_get_position       (GilStopItem *self);
guint        gil_stop_item_get_calls          (GilStopItem *self);
guint        gil_stop_item_get_counter        (GilStopItem *self);
const char  *gil_stop_item_get_patient_name   (GilStopItem *self);
gboolean     gil_stop_item_get_out_of_order   (GilStopItem *self);
gint64       gil_stop_item_get_return_room    (GilStopItem *self);
gint64       gil_stop_item_get_back_from      (GilStopItem *self);
GDateTime   *gil_stop_item_get_enqueued_at    (GilStopItem *self);
GDateTime   *gil_stop_item_get_waiting_since  (GilStopItem *self);
GDateTime   *gil_stop_item_get_called_at      (GilStopItem *self);
GDateTime   *gil_stop_item_get_started_at     (GilStopItem *self);
GDateTime   *gil_stop_item_get_finished_at    (GilStopItem *self);
const char  *gil_stop_item_get_why            (GilStopItem *self);
void         gil_stop_item_set_why            (GilStopItem *self,
                                               const char  *why);

G_END_DECLS
