/* gil-room-list.c — every room with its waiting count, kept current
 *
 * Loads the rooms (gil_connection_list_rooms_async()) and loads them again
 * whenever an event may have changed a room or a waiting count. Reloads are coalesced: one request at
 * a time, and events during it ask for one more afterwards. A room keeps
 * its GilRoomItem across reloads, so bound rows are updated in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-rooms.h"
#include "gil-room-item-private.h"
#include "gil-reload-private.h"
#include "gil-reply-private.h"
#include "gil-room-list.h"

struct _GilRoomList
{
  GObject        parent_instance;

  GilConnection *connection;
  GPtrArray     *items;        /* element-type GilRoomItem */
  GilReload      reload;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilRoomList, gil_room_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @rooms: (element-type GilRoomItem): fresh copies from the manager; a
 * room already listed keeps its item, updated in place */
static void
apply_rooms (GilRoomList *self,
             GPtrArray   *rooms)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rooms->len; i++)
    {
      GilRoomItem *fresh = g_ptr_array_index (rooms, i);
      GilRoomItem *item = gil_room_list_find (self, gil_room_item_get_id (fresh));

      if (item != NULL)
        {
          _gil_room_item_assign (item, fresh);
          g_ptr_array_add (items, g_object_ref (item));
        }
      else
        g_ptr_array_add (items, g_object_ref (fresh));
    }

  _gil_reload_replace_items (G_LIST_MODEL (self), &self->items, items);
}

static void
apply_reply (gpointer      owner,
             GObject      *source,
             GAsyncResult *result)
{
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;

  rooms = gil_connection_list_rooms_finish (GIL_CONNECTION (source), result, &error);
  if (rooms == NULL)
    g_debug ("cannot load the rooms: %s", error->message);
  else
    apply_rooms (owner, rooms);
}

static void
load (gpointer             owner,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GilRoomList *self = owner;

  gil_connection_list_rooms_async (self->connection, cancellable, callback, user_data);
}

/**
 * gil_room_list_reload:
 *
 * Loads the rooms again; while a load is under way, once more after it.
 */
void
gil_room_list_reload (GilRoomList *self)
{
  g_return_if_fail (GIL_IS_ROOM_LIST (self));

  _gil_reload_again (&self->reload);
}

/* Whether @event may change a room or its waiting count. */
static gboolean
changes_rooms (gpointer    owner,
               JsonObject *event)
{
  const char *type = _gil_reply_get_string (event, "type");

  return type != NULL &&
         (g_str_has_prefix (type, "stop.") ||
          g_str_equal (type, "room.changed") ||
          g_str_equal (type, "visit.registered") ||
          g_str_equal (type, "day.started"));
}

/**
 * gil_room_list_find:
 *
 * Returns: (transfer none) (nullable): the room with @id
 */
GilRoomItem *
gil_room_list_find (GilRoomList *self,
                    gint64       id)
{
  g_return_val_if_fail (GIL_IS_ROOM_LIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      GilRoomItem *item = g_ptr_array_index (self->items, i);

      if (gil_room_item_get_id (item) == id)
        return item;
    }
  return NULL;
}

/**
 * gil_room_list_get_name:
 * @id: a room's id
 *
 * Returns: (transfer none) (nullable): the name of room @id, or %NULL when
 *   the list does not have it (yet)
 */
const char *
gil_room_list_get_name (GilRoomList *self,
                        gint64       id)
{
  GilRoomItem *room;

  g_return_val_if_fail (GIL_IS_ROOM_LIST (self), NULL);

  room = gil_room_list_find (self, id);
  return room != NULL ? gil_room_item_get_name (room) : NULL;
}

/**
 * gil_room_list_find_by_code:
 *
 * Returns: (transfer none) (nullable): the room with @code, such as "K3-DEWASA"
 */
GilRoomItem *
gil_room_list_find_by_code (GilRoomList *self,
                            const char  *code)
{
  g_return_val_if_fail (GIL_IS_ROOM_LIST (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      GilRoomItem *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (gil_room_item_get_code (item), code) == 0)
        return item;
    }
  return NULL;
}

/**
 * gil_room_list_new:
 *
 * Returns: (transfer full): the rooms of @connection's manager; the first
 *   load starts at once
 */
GilRoomList *
gil_room_list_new (GilConnection *connection)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);

  return g_object_new (GIL_TYPE_ROOM_LIST, "connection", connection, NULL);
}

GilConnection *
gil_room_list_get_connection (GilRoomList *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_LIST (self), NULL);

  return self->connection;
}

gboolean
gil_room_list_get_loading (GilRoomList *self)
{
  g_return_val_if_fail (GIL_IS_ROOM_LIST (self), FALSE);

  return self->reload.loading;
}

static GType
gil_room_list_get_item_type (GListModel *model)
{
  return GIL_TYPE_ROOM_ITEM;
}

static guint
gil_room_list_get_n_items (GListModel *model)
{
  return GIL_ROOM_LIST (model)->items->len;
}

static gpointer
gil_room_list_get_item (GListModel *model,
                        guint       position)
{
  GilRoomList *self = GIL_ROOM_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gil_room_list_get_item_type;
  iface->get_n_items = gil_room_list_get_n_items;
  iface->get_item = gil_room_list_get_item;
}

static void
gil_room_list_constructed (GObject *object)
{
  GilRoomList *self = (GilRoomList *)object;

  G_OBJECT_CLASS (gil_room_list_parent_class)->constructed (object);

  g_assert (GIL_IS_CONNECTION (self->connection));
  _gil_reload_start (&self->reload, self, self->connection, properties[PROP_LOADING],
                     load, apply_reply, changes_rooms);
}

static void
gil_room_list_dispose (GObject *object)
{
  GilRoomList *self = (GilRoomList *)object;

  _gil_reload_stop (&self->reload);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (gil_room_list_parent_class)->dispose (object);
}

static void
gil_room_list_finalize (GObject *object)
{
  GilRoomList *self = (GilRoomList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gil_room_list_parent_class)->finalize (object);
}

static void
gil_room_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GilRoomList *self = GIL_ROOM_LIST (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->reload.loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_room_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GilRoomList *self = GIL_ROOM_LIST (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_room_list_class_init (GilRoomListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                     G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = gil_room_list_constructed;
  object_class->dispose = gil_room_list_dispose;
  object_class->finalize = gil_room_list_finalize;
  object_class->get_property = gil_room_list_get_property;
  object_class->set_property = gil_room_list_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, GIL_TYPE_CONNECTION, construct_only);

  /* TRUE while a load is under way. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_room_list_init (GilRoomList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}
