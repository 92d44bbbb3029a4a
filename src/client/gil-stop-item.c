/* gil-stop-item.c — one stop in a room's queue
 *
 * The properties follow API.md's stop object, with what the manager adds
 * for a room page (priority, its reason, the patient's name where the
 * station may see it) and "why" for the stop that is next.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-stop-item.h"
#include "gil-notify-private.h"
#include "gil-reply-private.h"

struct _GilStopItem
{
  GObject    parent_instance;

  gint64     id;
  gint64     visit;
  gint64     room;
  char      *ticket;
  GilStopStatus status;
  char      *priority;
  char      *priority_reason;
  guint      position;
  guint      calls;
  guint      counter;
  char      *patient_name;
  gboolean   out_of_order;
  gint64     return_room;
  gint64     back_from;
  GDateTime *enqueued_at;
  GDateTime *waiting_since;
  GDateTime *called_at;
  GDateTime *started_at;
  GDateTime *finished_at;
  char      *why;
};

G_DEFINE_FINAL_TYPE (GilStopItem, gil_stop_item, G_TYPE_OBJECT)

/* The core's stop states (gil-terms.h) as a GType, for the "status"
 * property; the nicks are the API's strings. */
G_DEFINE_ENUM_TYPE (GilStopStatus, gil_stop_status,
  G_DEFINE_ENUM_VALUE (GIL_STOP_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_CALLED, "called"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_SERVING, "serving"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_DONE, "done"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_SKIPPED, "skipped"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_TRANSFERRED, "transferred"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (GIL_STOP_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT,
  PROP_ROOM,
  PROP_TICKET,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_PRIORITY_REASON,
  PROP_POSITION,
  PROP_CALLS,
  PROP_COUNTER,
  PROP_PATIENT_NAME,
  PROP_OUT_OF_ORDER,
  PROP_RETURN_ROOM,
  PROP_BACK_FROM,
  PROP_ENQUEUED_AT,
  PROP_WAITING_SINCE,
  PROP_CALLED_AT,
  PROP_STARTED_AT,
  PROP_FINISHED_AT,
  PROP_WHY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A status the API names; one it does not (a newer manager's) leaves
 * the one the stop had. */
static void
update_status (GilStopItem *self,
               JsonObject  *stop)
{
  const char *text = _gil_reply_get_string (stop, "status");
  GilStopStatus value = self->status;

  if (!gil_stop_status_from_string (text, &value))
    g_debug ("stop %" G_GINT64_FORMAT ": unknown status “%s”", self->id, text != NULL ? text : "");
  if (self->status == value)
    return;
  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The @member of @stop into @field, as gil-notify-private.h sets it. */
#define UPDATE(kind, field, value, prop) \
  _gil_notify_set_##kind (G_OBJECT (self), &self->field, value, properties[prop])

/* The RFC 3339 time @member of @stop into @field, %NULL for null. */
static void
update_time (GilStopItem  *self,
             GDateTime   **field,
             JsonObject   *stop,
             const char   *member,
             guint         prop)
{
  g_autoptr(GDateTime) value = _gil_reply_dup_time (stop, member);

  _gil_notify_set_time (G_OBJECT (self), field, value, properties[prop]);
}

/**
 * gil_stop_item_update_from_json:
 * @stop: a stop object from the API
 *
 * Takes the values of @stop, notifying each property that changes. The
 * "why" is the queue's to set.
 */
void
gil_stop_item_update_from_json (GilStopItem *self,
                                JsonObject  *stop)
{
  g_return_if_fail (GIL_IS_STOP_ITEM (self));
  g_return_if_fail (stop != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  UPDATE (int64, id, _gil_reply_get_int (stop, "id", 0), PROP_ID);
  UPDATE (int64, visit, _gil_reply_get_int (stop, "visit", 0), PROP_VISIT);
  UPDATE (int64, room, _gil_reply_get_int (stop, "room", 0), PROP_ROOM);
  UPDATE (string, ticket, _gil_reply_get_string (stop, "ticket"), PROP_TICKET);
  update_status (self, stop);
  UPDATE (string, priority, _gil_reply_get_string (stop, "priority"), PROP_PRIORITY);
  UPDATE (string, priority_reason, _gil_reply_get_string (stop, "priority_reason"), PROP_PRIORITY_REASON);
  UPDATE (uint, position, _gil_reply_get_count (stop, "position"), PROP_POSITION);
  UPDATE (uint, calls, _gil_reply_get_count (stop, "calls"), PROP_CALLS);
  UPDATE (uint, counter, _gil_reply_get_count (stop, "counter"), PROP_COUNTER);
  UPDATE (string, patient_name, _gil_reply_get_string (stop, "patient_name"), PROP_PATIENT_NAME);
  UPDATE (bool, out_of_order, _gil_reply_get_bool (stop, "out_of_order", FALSE), PROP_OUT_OF_ORDER);
  UPDATE (int64, return_room, _gil_reply_get_int (stop, "return_room", 0), PROP_RETURN_ROOM);
  UPDATE (int64, back_from, _gil_reply_get_int (stop, "back_from", 0), PROP_BACK_FROM);
  update_time (self, &self->enqueued_at, stop, "enqueued_at", PROP_ENQUEUED_AT);
  update_time (self, &self->waiting_since, stop, "waiting_since", PROP_WAITING_SINCE);
  update_time (self, &self->called_at, stop, "called_at", PROP_CALLED_AT);
  update_time (self, &self->started_at, stop, "started_at", PROP_STARTED_AT);
  update_time (self, &self->finished_at, stop, "finished_at", PROP_FINISHED_AT);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gil_stop_item_new_from_json:
 * @stop: a stop object from the API
 *
 * Returns: (transfer full): a new stop item
 */
GilStopItem *
gil_stop_item_new_from_json (JsonObject *stop)
{
  GilStopItem *self;

  g_return_val_if_fail (stop != NULL, NULL);

  self = g_object_new (GIL_TYPE_STOP_ITEM, NULL);
  gil_stop_item_update_from_json (self, stop);
  return self;
}

gint64
gil_stop_item_get_id (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->id;
}

gint64
gil_stop_item_get_visit (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->visit;
}

gint64
gil_stop_item_get_room (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->room;
}

const char *
gil_stop_item_get_ticket (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->ticket;
}

/**
 * gil_stop_item_get_status:
 *
 * Returns: the stop's state, as the core's one table of states and the
 *   actions they allow has it (gil-stop-actions.h)
 */
GilStopStatus
gil_stop_item_get_status (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), GIL_STOP_WAITING);

  return self->status;
}

/**
 * gil_stop_item_get_priority:
 *
 * Returns: (nullable): "emergency", "priority" or "normal"
 */
const char *
gil_stop_item_get_priority (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->priority;
}

/**
 * gil_stop_item_get_priority_reason:
 *
 * Returns: (nullable): why the patient has priority
 */
const char *
gil_stop_item_get_priority_reason (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->priority_reason;
}

/**
 * gil_stop_item_get_position:
 *
 * Returns: the place in the waiting line, from 1; 0 when not waiting
 */
guint
gil_stop_item_get_position (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->position;
}

guint
gil_stop_item_get_calls (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->calls;
}

/**
 * gil_stop_item_get_counter:
 *
 * Returns: the counter (meja) of the room that called the stop last; 0
 *   for none
 */
guint
gil_stop_item_get_counter (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->counter;
}

/**
 * gil_stop_item_get_patient_name:
 *
 * Returns: (nullable): the patient's name; %NULL for a display station
 */
const char *
gil_stop_item_get_patient_name (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->patient_name;
}

gboolean
gil_stop_item_get_out_of_order (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), FALSE);

  return self->out_of_order;
}

/**
 * gil_stop_item_get_return_room:
 *
 * Returns: the room the visit goes back to after this stop, or 0
 */
gint64
gil_stop_item_get_return_room (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->return_room;
}

/**
 * gil_stop_item_get_back_from:
 *
 * Returns: the room a returning patient comes back from (the laboratory,
 *   say), or 0 for a stop that is no return
 */
gint64
gil_stop_item_get_back_from (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), 0);

  return self->back_from;
}

/**
 * gil_stop_item_get_waiting_since:
 *
 * A patient sent to another room and back keeps the wait they had: this
 * is when they first joined this room's queue, where the stop's
 * enqueued-at is when they came back.
 *
 * Returns: (transfer none) (nullable): since when the patient waits here
 */
GDateTime *
gil_stop_item_get_waiting_since (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  /* A manager older than the field does not send it. */
  return self->waiting_since != NULL ? self->waiting_since : self->enqueued_at;
}

/**
 * gil_stop_item_get_enqueued_at:
 *
 * Returns: (transfer none) (nullable): when the stop joined the queue
 */
GDateTime *
gil_stop_item_get_enqueued_at (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->enqueued_at;
}

/**
 * gil_stop_item_get_called_at:
 *
 * Returns: (transfer none) (nullable): the first call
 */
GDateTime *
gil_stop_item_get_called_at (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->called_at;
}

/**
 * gil_stop_item_get_started_at:
 *
 * Returns: (transfer none) (nullable): the start of the service
 */
GDateTime *
gil_stop_item_get_started_at (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->started_at;
}

/**
 * gil_stop_item_get_finished_at:
 *
 * Returns: (transfer none) (nullable): the end of the service
 */
GDateTime *
gil_stop_item_get_finished_at (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->finished_at;
}

/**
 * gil_stop_item_get_why:
 *
 * Returns: (nullable): for the stop that is next, why it is next
 */
const char *
gil_stop_item_get_why (GilStopItem *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ITEM (self), NULL);

  return self->why;
}

void
gil_stop_item_set_why (GilStopItem *self,
                       const char  *why)
{
  g_return_if_fail (GIL_IS_STOP_ITEM (self));

  _gil_notify_set_string (G_OBJECT (self), &self->why, why, properties[PROP_WHY]);
}

static void
gil_stop_item_finalize (GObject *object)
{
  GilStopItem *self = (GilStopItem *)object;

  g_clear_pointer (&self->ticket, g_free);
  g_clear_pointer (&self->priority, g_free);
  g_clear_pointer (&self->priority_reason, g_free);
  g_clear_pointer (&self->patient_name, g_free);
  g_clear_pointer (&self->enqueued_at, g_date_time_unref);
  g_clear_pointer (&self->waiting_since, g_date_time_unref);
  g_clear_pointer (&self->called_at, g_date_time_unref);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_clear_pointer (&self->why, g_free);

  G_OBJECT_CLASS (gil_stop_item_parent_class)->finalize (object);
}

static void
gil_stop_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GilStopItem *self = GIL_STOP_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_VISIT:
      g_value_set_int64 (value, self->visit);
      break;
    case PROP_ROOM:
      g_value_set_int64 (value, self->room);
      break;
    case PROP_TICKET:
      g_value_set_string (value, self->ticket);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_PRIORITY:
      g_value_set_string (value, self->priority);
      break;
    case PROP_PRIORITY_REASON:
      g_value_set_string (value, self->priority_reason);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_CALLS:
      g_value_set_uint (value, self->calls);
      break;
    case PROP_COUNTER:
      g_value_set_uint (value, self->counter);
      break;
    case PROP_PATIENT_NAME:
      g_value_set_string (value, self->patient_name);
      break;
    case PROP_OUT_OF_ORDER:
      g_value_set_boolean (value, self->out_of_order);
      break;
    case PROP_RETURN_ROOM:
      g_value_set_int64 (value, self->return_room);
      break;
    case PROP_BACK_FROM:
      g_value_set_int64 (value, self->back_from);
      break;
    case PROP_ENQUEUED_AT:
      g_value_set_boxed (value, self->enqueued_at);
      break;
    case PROP_WAITING_SINCE:
      g_value_set_boxed (value, self->waiting_since);
      break;
    case PROP_CALLED_AT:
      g_value_set_boxed (value, self->called_at);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_stop_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GilStopItem *self = GIL_STOP_ITEM (object);

  switch (prop_id)
    {
    case PROP_WHY:
      gil_stop_item_set_why (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_stop_item_class_init (GilStopItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gil_stop_item_finalize;
  object_class->get_property = gil_stop_item_get_property;
  object_class->set_property = gil_stop_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_VISIT] =
    g_param_spec_int64 ("visit", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ROOM] =
    g_param_spec_int64 ("room", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TICKET] =
    g_param_spec_string ("ticket", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, GIL_TYPE_STOP_STATUS, GIL_STOP_WAITING, flags);
  properties[PROP_PRIORITY] =
    g_param_spec_string ("priority", NULL, NULL, NULL, flags);
  properties[PROP_PRIORITY_REASON] =
    g_param_spec_string ("priority-reason", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CALLS] =
    g_param_spec_uint ("calls", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_COUNTER] =
    g_param_spec_uint ("counter", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PATIENT_NAME] =
    g_param_spec_string ("patient-name", NULL, NULL, NULL, flags);
  properties[PROP_OUT_OF_ORDER] =
    g_param_spec_boolean ("out-of-order", NULL, NULL, FALSE, flags);
  properties[PROP_RETURN_ROOM] =
    g_param_spec_int64 ("return-room", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_BACK_FROM] =
    g_param_spec_int64 ("back-from", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENQUEUED_AT] =
    g_param_spec_boxed ("enqueued-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_WAITING_SINCE] =
    g_param_spec_boxed ("waiting-since", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CALLED_AT] =
    g_param_spec_boxed ("called-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FINISHED_AT] =
    g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_WHY] =
    g_param_spec_string ("why", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_stop_item_init (GilStopItem *self)
{
}
