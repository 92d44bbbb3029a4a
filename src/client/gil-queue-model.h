/* gil-queue-model.h — one room's queue, kept current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-connection.h"
#include "gil-room-item.h"
#include "gil-stop-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_QUEUE_MODEL (gil_queue_model_get_type ())
G_DECLARE_FINAL_TYPE (GilQueueModel, gil_queue_model, GIL, QUEUE_MODEL, GObject)

GilQueueModel *gil_queue_model_new            (GilConnection *connection,
                                               gint64         room_id);
gint64         gil_queue_model_get_room_id    (GilQueueModel *self);
GilRoomItem   *gil_queue_model_get_room       (GilQueueModel *self);
const char    *gil_queue_model_get_why        (GilQueueModel *self);
gboolean       gil_queue_model_get_loading    (GilQueueModel *self);
int            gil_queue_model_get_seen       (GilQueueModel *self);
int            gil_queue_model_get_done       (GilQueueModel *self);
int            gil_queue_model_get_median_wait (GilQueueModel *self);
void           gil_queue_model_reload         (GilQueueModel *self);
GilStopItem   *gil_queue_model_find           (GilQueueModel *self,
                                               gint64         stop_id);

G_END_DECLS
