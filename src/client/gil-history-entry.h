/* gil-history-entry.h — one action in a visit's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gil-stop-actions.h"

G_BEGIN_DECLS

/* Who did the action. */
typedef enum
{
  GIL_HISTORY_BY_MANAGER,  /* the manager itself: a day's end, a new day */
  GIL_HISTORY_BY_ADMIN,    /* the admin token, on the server PC */
  GIL_HISTORY_BY_STATION,  /* a paired station */
} GilHistoryActor;

#define GIL_TYPE_HISTORY_ENTRY (gil_history_entry_get_type ())
G_DECLARE_FINAL_TYPE (GilHistoryEntry, gil_history_entry, GIL, HISTORY_ENTRY, GObject)

GPtrArray       *gil_history_entry_list_from_json         (JsonNode        *node,
                                                           GError         **error);

gint64           gil_history_entry_get_seq                (GilHistoryEntry *self);
const char      *gil_history_entry_get_event_type         (GilHistoryEntry *self);
GDateTime       *gil_history_entry_get_at                 (GilHistoryEntry *self);
gint64           gil_history_entry_get_room               (GilHistoryEntry *self);
const char      *gil_history_entry_get_room_name          (GilHistoryEntry *self);
gint64           gil_history_entry_get_stop               (GilHistoryEntry *self);
const char      *gil_history_entry_get_ticket             (GilHistoryEntry *self);
GilStopStatus    gil_history_entry_get_status             (GilHistoryEntry *self);
guint            gil_history_entry_get_calls              (GilHistoryEntry *self);

GilHistoryActor  gil_history_entry_get_actor              (GilHistoryEntry *self);
gint64           gil_history_entry_get_station_id         (GilHistoryEntry *self);
const char      *gil_history_entry_get_station_name       (GilHistoryEntry *self);
const char      *gil_history_entry_get_station_role       (GilHistoryEntry *self);

const char      *gil_history_entry_get_reason             (GilHistoryEntry *self);
gboolean         gil_history_entry_get_overridden         (GilHistoryEntry *self);
const char      *gil_history_entry_get_suggested_room_name (GilHistoryEntry *self);
gboolean         gil_history_entry_get_out_of_order       (GilHistoryEntry *self);
const char      *gil_history_entry_get_to_room_name       (GilHistoryEntry *self);
gboolean         gil_history_entry_get_return             (GilHistoryEntry *self);
const char      *gil_history_entry_get_from_room_name     (GilHistoryEntry *self);
gboolean         gil_history_entry_get_returning          (GilHistoryEntry *self);

G_END_DECLS
