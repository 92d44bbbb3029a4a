/* gil-queue-model.c — one room's queue, kept current
 *
 * The stops of GET /api/v1/rooms/{id}/queue in the order a room page shows
 * them: called, then serving, then waiting in call order, then today's
 * skipped ones. Loaded again,
 * coalesced to one request at a time, on every event about this room. A
 * stop keeps its GilStopItem across reloads, so a call changes the item's
 * status in place and moves it with one items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-queue-model.h"
#include "gil-notify-private.h"
#include "gil-reload-private.h"
#include "gil-reply-private.h"

struct _GilQueueModel
{
  GObject        parent_instance;

  GilConnection *connection;
  gint64         room_id;
  GilRoomItem   *room;
  char          *why;
  GPtrArray     *items;        /* element-type GilStopItem */
  GilReload      reload;
  int            seen;         /* today's totals, from the reply's "today" */
  int            done;
  int            median_wait;  /* seconds; -1 when nobody was called today */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilQueueModel, gil_queue_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_ROOM_ID,
  PROP_ROOM,
  PROP_WHY,
  PROP_LOADING,
  PROP_SEEN,
  PROP_DONE,
  PROP_MEDIAN_WAIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_today (GilQueueModel *self,
             JsonObject    *queue)
{
  JsonObject *today = _gil_reply_get_member_object (queue, "today");
  GObject *object = G_OBJECT (self);

  if (today == NULL)
    return;
  _gil_notify_set_int (object, &self->seen, _gil_reply_get_int (today, "seen", 0),
                       properties[PROP_SEEN]);
  _gil_notify_set_int (object, &self->done, _gil_reply_get_int (today, "done", 0),
                       properties[PROP_DONE]);
  _gil_notify_set_int (object, &self->median_wait, _gil_reply_get_int (today, "median_wait", -1),
                       properties[PROP_MEDIAN_WAIT]);
}

/* Appends the stops of @member, reusing the items of stops already shown. */
static void
add_stops (GilQueueModel *self,
           GPtrArray     *items,
           JsonObject    *queue,
           const char    *member)
{
  JsonArray *stops = _gil_reply_get_member_array (queue, member);

  for (guint i = 0; stops != NULL && i < json_array_get_length (stops); i++)
    {
      JsonNode *element = json_array_get_element (stops, i);
      JsonObject *stop;
      GilStopItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      stop = json_node_get_object (element);
      item = gil_queue_model_find (self, _gil_reply_get_int (stop, "id", 0));
      if (item != NULL)
        {
          gil_stop_item_update_from_json (item, stop);
          g_ptr_array_add (items, g_object_ref (item));
        }
      else
        g_ptr_array_add (items, gil_stop_item_new_from_json (stop));
    }
}

static void
apply_queue (GilQueueModel *self,
             JsonObject    *queue)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *room = _gil_reply_get_member_object (queue, "room");
  const char *why = _gil_reply_get_string (queue, "why");
  guint first_waiting;

  if (room != NULL)
    {
      if (self->room != NULL)
        gil_room_item_update_from_json (self->room, room);
      else
        {
          self->room = gil_room_item_new_from_json (room);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOM]);
        }
    }

  add_stops (self, items, queue, "called");
  add_stops (self, items, queue, "serving");
  first_waiting = items->len;
  add_stops (self, items, queue, "waiting");
  add_stops (self, items, queue, "skipped");

  /* The reason belongs to the stop that is next, and to no other. */
  for (guint i = 0; i < items->len; i++)
    gil_stop_item_set_why (g_ptr_array_index (items, i), i == first_waiting ? why : NULL);
  _gil_notify_set_string (G_OBJECT (self), &self->why, first_waiting < items->len ? why : NULL,
                          properties[PROP_WHY]);

  _gil_reload_replace_items (G_LIST_MODEL (self), &self->items, items);
  apply_today (self, queue);
}

static void
apply_reply (gpointer      owner,
             GObject      *source,
             GAsyncResult *result)
{
  GilQueueModel *self = owner;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (node == NULL)
    g_debug ("cannot load the queue of room %" G_GINT64_FORMAT ": %s",
             self->room_id, error->message);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    apply_queue (self, json_node_get_object (node));
}

static void
load (gpointer             owner,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GilQueueModel *self = owner;
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue",
                                           self->room_id);

  gil_connection_request_async (self->connection, "GET", path, NULL, NULL,
                                cancellable, callback, user_data);
}

/**
 * gil_queue_model_reload:
 *
 * Loads the queue again; while a load is under way, once more after it.
 */
void
gil_queue_model_reload (GilQueueModel *self)
{
  g_return_if_fail (GIL_IS_QUEUE_MODEL (self));

  _gil_reload_again (&self->reload);
}

/* Whether @event may change this room's queue: it names the room, or its
 * stop is in the room, or a new day cleared every queue. */
static gboolean
concerns_room (gpointer    owner,
               JsonObject *event)
{
  GilQueueModel *self = owner;
  const char *type = _gil_reply_get_string (event, "type");
  JsonObject *stop = _gil_reply_get_member_object (event, "stop");

  if (g_strcmp0 (type, "day.started") == 0)
    return TRUE;
  if (_gil_reply_get_int (event, "room", 0) == self->room_id)
    return TRUE;
  return stop != NULL && _gil_reply_get_int (stop, "room", 0) == self->room_id;
}

/**
 * gil_queue_model_find:
 *
 * Returns: (transfer none) (nullable): the stop with @stop_id
 */
GilStopItem *
gil_queue_model_find (GilQueueModel *self,
                      gint64         stop_id)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      GilStopItem *item = g_ptr_array_index (self->items, i);

      if (gil_stop_item_get_id (item) == stop_id)
        return item;
    }
  return NULL;
}

/**
 * gil_queue_model_new:
 * @room_id: the room's id
 *
 * Returns: (transfer full): the queue of the room; the first load starts
 *   at once
 */
GilQueueModel *
gil_queue_model_new (GilConnection *connection,
                     gint64         room_id)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (room_id > 0, NULL);

  return g_object_new (GIL_TYPE_QUEUE_MODEL,
                       "connection", connection,
                       "room-id", room_id,
                       NULL);
}

gint64
gil_queue_model_get_room_id (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), 0);

  return self->room_id;
}

/**
 * gil_queue_model_get_room:
 *
 * Returns: (transfer none) (nullable): the room, once loaded
 */
GilRoomItem *
gil_queue_model_get_room (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), NULL);

  return self->room;
}

/**
 * gil_queue_model_get_why:
 *
 * Returns: (nullable): why the first waiting stop is next
 */
const char *
gil_queue_model_get_why (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), NULL);

  return self->why;
}

/* Today's number of patients called at least once in the room. */
int
gil_queue_model_get_seen (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), 0);

  return self->seen;
}

/* Today's number of patients finished in the room. */
int
gil_queue_model_get_done (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), 0);

  return self->done;
}

/* The median of today's waits from arrival to first call, in seconds;
 * -1 while nobody has been called today. */
int
gil_queue_model_get_median_wait (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), -1);

  return self->median_wait;
}

gboolean
gil_queue_model_get_loading (GilQueueModel *self)
{
  g_return_val_if_fail (GIL_IS_QUEUE_MODEL (self), FALSE);

  return self->reload.loading;
}

static GType
gil_queue_model_get_item_type (GListModel *model)
{
  return GIL_TYPE_STOP_ITEM;
}

static guint
gil_queue_model_get_n_items (GListModel *model)
{
  return GIL_QUEUE_MODEL (model)->items->len;
}

static gpointer
gil_queue_model_get_item (GListModel *model,
                          guint       position)
{
  GilQueueModel *self = GIL_QUEUE_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gil_queue_model_get_item_type;
  iface->get_n_items = gil_queue_model_get_n_items;
  iface->get_item = gil_queue_model_get_item;
}

static void
gil_queue_model_constructed (GObject *object)
{
  GilQueueModel *self = (GilQueueModel *)object;

  G_OBJECT_CLASS (gil_queue_model_parent_class)->constructed (object);

  g_assert (GIL_IS_CONNECTION (self->connection));
  g_assert (self->room_id > 0);
  _gil_reload_start (&self->reload, self, self->connection, properties[PROP_LOADING],
                     load, apply_reply, concerns_room);
}

static void
gil_queue_model_dispose (GObject *object)
{
  GilQueueModel *self = (GilQueueModel *)object;

  _gil_reload_stop (&self->reload);
  g_clear_object (&self->connection);
  g_clear_object (&self->room);

  G_OBJECT_CLASS (gil_queue_model_parent_class)->dispose (object);
}

static void
gil_queue_model_finalize (GObject *object)
{
  GilQueueModel *self = (GilQueueModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->why, g_free);

  G_OBJECT_CLASS (gil_queue_model_parent_class)->finalize (object);
}

static void
gil_queue_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GilQueueModel *self = GIL_QUEUE_MODEL (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_ROOM_ID:
      g_value_set_int64 (value, self->room_id);
      break;
    case PROP_ROOM:
      g_value_set_object (value, self->room);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->reload.loading);
      break;
    case PROP_SEEN:
      g_value_set_int (value, self->seen);
      break;
    case PROP_DONE:
      g_value_set_int (value, self->done);
      break;
    case PROP_MEDIAN_WAIT:
      g_value_set_int (value, self->median_wait);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_queue_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GilQueueModel *self = GIL_QUEUE_MODEL (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_ROOM_ID:
      self->room_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_queue_model_class_init (GilQueueModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                     G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = gil_queue_model_constructed;
  object_class->dispose = gil_queue_model_dispose;
  object_class->finalize = gil_queue_model_finalize;
  object_class->get_property = gil_queue_model_get_property;
  object_class->set_property = gil_queue_model_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, GIL_TYPE_CONNECTION, construct_only);

  properties[PROP_ROOM_ID] =
    g_param_spec_int64 ("room-id", NULL, NULL, 0, G_MAXINT64, 0, construct_only);

  /* The room with its waiting count, once loaded. */
  properties[PROP_ROOM] =
    g_param_spec_object ("room", NULL, NULL, GIL_TYPE_ROOM_ITEM, readable);

  /* Why the first waiting stop is next (API.md's "why"). */
  properties[PROP_WHY] =
    g_param_spec_string ("why", NULL, NULL, NULL, readable);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, readable);

  properties[PROP_SEEN] =
    g_param_spec_int ("seen", NULL, NULL, 0, G_MAXINT, 0, readable);

  properties[PROP_DONE] =
    g_param_spec_int ("done", NULL, NULL, 0, G_MAXINT, 0, readable);

  properties[PROP_MEDIAN_WAIT] =
    g_param_spec_int ("median-wait", NULL, NULL, -1, G_MAXINT, -1, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_queue_model_init (GilQueueModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->median_wait = -1;
}
