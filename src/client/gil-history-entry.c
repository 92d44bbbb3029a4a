/* gil-history-entry.c — one action in a visit's history
 *
 * An entry of GET /api/v1/visits/{id}/history (doc/api.md, *Visit
 * history*): when, what (the event's type), in which room, the stop's
 * state just after, and who did it. Some types say more: a registration
 * its suggested room and reason, a call whether it was out of turn, a
 * transfer where to and whether the patient comes back, a stop that
 * joined after a transfer where from, a cancel or a move its reason.
 * What an entry does not carry reads as %NULL, 0 or %FALSE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-history-entry.h"
#include "gil-reply-private.h"

struct _GilHistoryEntry
{
  GObject          parent_instance;

  gint64           seq;
  char            *type;
  GDateTime       *at;
  gint64           room;
  char            *room_name;
  gint64           stop;
  char            *ticket;
  GilStopStatus    status;
  guint            calls;

  GilHistoryActor  actor;
  gint64           station_id;
  char            *station_name;
  char            *station_role;

  char            *reason;
  gboolean         overridden;
  char            *suggested_room_name;
  gboolean         out_of_order;
  char            *to_room_name;
  gboolean         return_after;
  char            *from_room_name;
  gboolean         returning;
};

G_DEFINE_FINAL_TYPE (GilHistoryEntry, gil_history_entry, G_TYPE_OBJECT)

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  return _gil_reply_get_bool (object, member, FALSE);
}

/* The station member: null for the manager, an id of null for the admin. */
static void
read_station (GilHistoryEntry *self,
              JsonObject      *entry)
{
  JsonObject *station = _gil_reply_get_member_object (entry, "station");

  if (station == NULL)
    {
      self->actor = GIL_HISTORY_BY_MANAGER;
      return;
    }
  self->station_id = _gil_reply_get_int (station, "id", 0);
  self->station_name = _gil_reply_dup_string (station, "name");
  self->station_role = _gil_reply_dup_string (station, "role");
  self->actor = self->station_id == 0 && g_strcmp0 (self->station_role, "admin") == 0
                ? GIL_HISTORY_BY_ADMIN : GIL_HISTORY_BY_STATION;
}

static GilHistoryEntry *
entry_from_object (JsonObject *entry)
{
  GilHistoryEntry *self = g_object_new (GIL_TYPE_HISTORY_ENTRY, NULL);
  g_autofree char *status = _gil_reply_dup_string (entry, "status");

  self->seq = _gil_reply_get_int (entry, "seq", 0);
  self->type = _gil_reply_dup_string (entry, "type");
  self->at = _gil_reply_dup_time (entry, "at");
  self->room = _gil_reply_get_int (entry, "room", 0);
  self->room_name = _gil_reply_dup_string (entry, "room_name");
  self->stop = _gil_reply_get_int (entry, "stop", 0);
  self->ticket = _gil_reply_dup_string (entry, "ticket");
  if (status != NULL && !gil_stop_status_from_string (status, &self->status))
    g_debug ("history entry %" G_GINT64_FORMAT ": unknown status “%s”", self->seq, status);
  self->calls = _gil_reply_get_count (entry, "calls");
  read_station (self, entry);

  self->reason = _gil_reply_dup_string (entry, "reason");
  self->overridden = get_bool (entry, "overridden");
  self->suggested_room_name = _gil_reply_dup_string (entry, "suggested_room_name");
  self->out_of_order = get_bool (entry, "out_of_order");
  self->to_room_name = _gil_reply_dup_string (entry, "to_room_name");
  self->return_after = get_bool (entry, "return");
  self->from_room_name = _gil_reply_dup_string (entry, "from_room_name");
  self->returning = get_bool (entry, "returning");
  return self;
}

/**
 * gil_history_entry_list_from_json:
 * @node: the reply of GET /api/v1/visits/{id}/history
 *
 * Returns: (transfer full) (element-type GilHistoryEntry) (nullable): the
 *   entries, in order; %NULL with a %GIL_API_ERROR_UNKNOWN error when
 *   @node is not a list of entries
 */
GPtrArray *
gil_history_entry_list_from_json (JsonNode  *node,
                                  GError   **error)
{
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  array = _gil_reply_get_list (node, _("The queue server sent something unexpected"), error);
  if (array == NULL)
    return NULL;
  return _gil_reply_read_objects (array, (GilReplyObjectReader)entry_from_object);
}

gint64
gil_history_entry_get_seq (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), 0);

  return self->seq;
}

/**
 * gil_history_entry_get_event_type:
 *
 * Returns: (nullable): the event's type: "visit.registered",
 *   "stop.called", …
 */
const char *
gil_history_entry_get_event_type (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->type;
}

/**
 * gil_history_entry_get_at:
 *
 * Returns: (transfer none) (nullable): when it was done
 */
GDateTime *
gil_history_entry_get_at (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->at;
}

/* Returns: the room's id, or 0 */
gint64
gil_history_entry_get_room (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), 0);

  return self->room;
}

const char *
gil_history_entry_get_room_name (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->room_name;
}

/* Returns: the stop's id, or 0 for an action on the visit itself */
gint64
gil_history_entry_get_stop (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), 0);

  return self->stop;
}

const char *
gil_history_entry_get_ticket (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->ticket;
}

/**
 * gil_history_entry_get_status:
 *
 * Returns: the stop's state just after the action; %GIL_STOP_WAITING
 *   for an entry without a stop
 */
GilStopStatus
gil_history_entry_get_status (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), GIL_STOP_WAITING);

  return self->status;
}

guint
gil_history_entry_get_calls (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), 0);

  return self->calls;
}

GilHistoryActor
gil_history_entry_get_actor (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), GIL_HISTORY_BY_MANAGER);

  return self->actor;
}

/* Returns: the paired station's id; 0 for the manager and the admin */
gint64
gil_history_entry_get_station_id (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), 0);

  return self->station_id;
}

/* Returns: (nullable): the station's name; %NULL for the manager */
const char *
gil_history_entry_get_station_name (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->station_name;
}

/* Returns: (nullable): "registration", "room", …; %NULL for the manager */
const char *
gil_history_entry_get_station_role (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->station_role;
}

/* Returns: (nullable): a registration's routing reason; a cancel's or a
 * move's reason */
const char *
gil_history_entry_get_reason (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->reason;
}

/* Returns: whether the desk chose another room than the suggested one */
gboolean
gil_history_entry_get_overridden (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), FALSE);

  return self->overridden;
}

const char *
gil_history_entry_get_suggested_room_name (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->suggested_room_name;
}

/* Returns: whether a call took the patient out of turn */
gboolean
gil_history_entry_get_out_of_order (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), FALSE);

  return self->out_of_order;
}

/* Returns: (nullable): where a transfer or a move sent the patient */
const char *
gil_history_entry_get_to_room_name (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->to_room_name;
}

/* Returns: whether a transfer's patient comes back afterwards */
gboolean
gil_history_entry_get_return (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), FALSE);

  return self->return_after;
}

/* Returns: (nullable): where a patient who joined after a transfer came
 * from */
const char *
gil_history_entry_get_from_room_name (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), NULL);

  return self->from_room_name;
}

/* Returns: whether the patient who joined is coming back */
gboolean
gil_history_entry_get_returning (GilHistoryEntry *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_ENTRY (self), FALSE);

  return self->returning;
}

static void
gil_history_entry_finalize (GObject *object)
{
  GilHistoryEntry *self = (GilHistoryEntry *)object;

  g_free (self->type);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->room_name);
  g_free (self->ticket);
  g_free (self->station_name);
  g_free (self->station_role);
  g_free (self->reason);
  g_free (self->suggested_room_name);
  g_free (self->to_room_name);
  g_free (self->from_room_name);

  G_OBJECT_CLASS (gil_history_entry_parent_class)->finalize (object);
}

static void
gil_history_entry_class_init (GilHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_history_entry_finalize;
}

static void
gil_history_entry_init (GilHistoryEntry *self)
{
}
