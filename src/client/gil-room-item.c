/* gil-room-item.c — one room, as the manager lists it
 *
 * The properties follow API.md's room object. An update from a newer copy
 * of the same room notifies only what changed, so a bound row redraws only
 * its waiting count when that is all that moved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-notify-private.h"
#include "gil-reply-private.h"
#include "gil-room-item-private.h"

struct _GilRoomItem
{
  GObject   parent_instance;

  gint64    id;
  char     *code;
  char     *name;
  char     *cluster;
  char     *prefix;
  GStrv     tags;
  gboolean  active;
  char     *priority_policy;
  guint     interleave_every;
  gboolean  number_only;
  guint     waiting;
};

G_DEFINE_FINAL_TYPE (GilRoomItem, gil_room_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_CLUSTER,
  PROP_PREFIX,
  PROP_TAGS,
  PROP_ACTIVE,
  PROP_PRIORITY_POLICY,
  PROP_INTERLEAVE_EVERY,
  PROP_NUMBER_ONLY,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For the client: takes the values of @from, another copy of a room,
 * notifying each property that changes. */
void
_gil_room_item_assign (GilRoomItem *self,
                       GilRoomItem *from)
{
  g_return_if_fail (GIL_IS_ROOM_ITEM (self));
  g_return_if_fail (GIL_IS_ROOM_ITEM (from));

  g_object_freeze_notify (G_OBJECT (self));
  _gil_notify_set_int64 (G_OBJECT (self), &self->id, from->id, properties[PROP_ID]);
  _gil_notify_set_string (G_OBJECT (self), &self->code, from->code, properties[PROP_CODE]);
  _gil_notify_set_string (G_OBJECT (self), &self->name, from->name, properties[PROP_NAME]);
  _gil_notify_set_string (G_OBJECT (self), &self->cluster, from->cluster, properties[PROP_CLUSTER]);
  _gil_notify_set_string (G_OBJECT (self), &self->prefix, from->prefix, properties[PROP_PREFIX]);
  _gil_notify_set_strv (G_OBJECT (self), &self->tags, (const char * const *)from->tags,
                        properties[PROP_TAGS]);
  _gil_notify_set_bool (G_OBJECT (self), &self->active, from->active, properties[PROP_ACTIVE]);
  _gil_notify_set_string (G_OBJECT (self), &self->priority_policy, from->priority_policy, properties[PROP_PRIORITY_POLICY]);
  _gil_notify_set_uint (G_OBJECT (self), &self->interleave_every, from->interleave_every, properties[PROP_INTERLEAVE_EVERY]);
  _gil_notify_set_bool (G_OBJECT (self), &self->number_only, from->number_only, properties[PROP_NUMBER_ONLY]);
  _gil_notify_set_uint (G_OBJECT (self), &self->waiting, from->waiting, properties[PROP_WAITING]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Returns: (transfer full): a room item with the values of @room, none
 * notified */
static GilRoomItem *
read_room (JsonObject *room)
{
  GilRoomItem *self = g_object_new (GIL_TYPE_ROOM_ITEM, NULL);

  self->id = _gil_reply_get_int (room, "id", 0);
  self->code = _gil_reply_dup_string (room, "code");
  self->name = _gil_reply_dup_string (room, "name");
  self->cluster = _gil_reply_dup_string (room, "cluster");
  self->prefix = _gil_reply_dup_string (room, "prefix");
  self->tags = _gil_reply_dup_strv (room, "tags");
  self->active = _gil_reply_get_bool (room, "active", FALSE);
  self->priority_policy = _gil_reply_dup_string (room, "priority_policy");
  self->interleave_every = _gil_reply_get_count (room, "interleave_every");
  self->number_only = _gil_reply_get_bool (room, "number_only", FALSE);
  self->waiting = _gil_reply_get_count (room, "waiting");
  return self;
}

/**
 * gil_room_item_update_from_json:
 * @room: a room object from the API
 *
 * Takes the values of @room, notifying each property that changes.
 */
void
gil_room_item_update_from_json (GilRoomItem *self,
                                JsonObject  *room)
{
  g_autoptr(GilRoomItem) fresh = NULL;

  g_return_if_fail (GIL_IS_ROOM_ITEM (self));
  g_return_if_fail (room != NULL);

  fresh = read_room (room);
  _gil_room_item_assign (self, fresh);
}

/**
 * gil_room_item_new_from_json:
 * @room: a room object from the API
 *
 * Returns: (transfer full): a new room item
 */
GilRoomItem *
gil_room_item_new_from_json (JsonObject *room)
{
  g_return_val_if_fail (room != NULL, NULL);

  return read_room (room);
}

/* For the client: a reply that is one room.
 * Returns: (transfer full): the room, or %NULL with @error set */
GilRoomItem *
_gil_room_item_new_from_reply (JsonNode  *reply,
                               GError   **error)
{
  JsonObject *room = _gil_reply_get_object (reply, error);

  return room != NULL ? read_room (room) : NULL;
}

/* For the client: a reply that is a list of rooms.
 * Returns: (transfer full) (element-type GilRoomItem): the rooms, or %NULL
 *   with @error set */
GPtrArray *
_gil_room_item_list_from_reply (JsonNode  *reply,
                                GError   **error)
{
  JsonArray *array = _gil_reply_get_array (reply, error);

  /* Something that is not a room is no room: the others still are. */
  return array != NULL ? _gil_reply_read_objects (array, (GilReplyObjectReader)read_room) : NULL;
}

gint64
gil_room_item_get_id (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), 0);

  return self->id;
}

const char *
gil_room_item_get_code (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return self->code;
}

const char *
gil_room_item_get_name (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return self->name;
}

const char *
gil_room_item_get_cluster (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return self->cluster;
}

const char *
gil_room_item_get_prefix (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return self->prefix;
}

const char * const *
gil_room_item_get_tags (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return (const char * const *)self->tags;
}

gboolean
gil_room_item_get_active (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), FALSE);

  return self->active;
}

const char *
gil_room_item_get_priority_policy (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), NULL);

  return self->priority_policy;
}

guint
gil_room_item_get_interleave_every (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), 0);

  return self->interleave_every;
}

gboolean
gil_room_item_get_number_only (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), FALSE);

  return self->number_only;
}

guint
gil_room_item_get_waiting (GilRoomItem *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (self), 0);

  return self->waiting;
}

static void
gil_room_item_finalize (GObject *object)
{
  GilRoomItem *self = (GilRoomItem *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->cluster, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->priority_policy, g_free);

  G_OBJECT_CLASS (gil_room_item_parent_class)->finalize (object);
}

static void
gil_room_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GilRoomItem *self = GIL_ROOM_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CLUSTER:
      g_value_set_string (value, self->cluster);
      break;
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_PRIORITY_POLICY:
      g_value_set_string (value, self->priority_policy);
      break;
    case PROP_INTERLEAVE_EVERY:
      g_value_set_uint (value, self->interleave_every);
      break;
    case PROP_NUMBER_ONLY:
      g_value_set_boolean (value, self->number_only);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_room_item_class_init (GilRoomItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gil_room_item_finalize;
  object_class->get_property = gil_room_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CLUSTER] =
    g_param_spec_string ("cluster", NULL, NULL, NULL, flags);
  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_PRIORITY_POLICY] =
    g_param_spec_string ("priority-policy", NULL, NULL, NULL, flags);
  properties[PROP_INTERLEAVE_EVERY] =
    g_param_spec_uint ("interleave-every", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* Never show or speak patient names for this room. */
  properties[PROP_NUMBER_ONLY] =
    g_param_spec_boolean ("number-only", NULL, NULL, FALSE, flags);
  properties[PROP_WAITING] =
    g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_room_item_init (GilRoomItem *self)
{
}
