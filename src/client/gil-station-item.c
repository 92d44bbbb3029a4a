/* gil-station-item.c — a paired station (a PC or a browser display), typed
 *
 * API.md's station object, as GET /api/v1/stations lists it and POST
 * /api/v1/pair and /stations/{id}/revoke answer with it: its id, the name
 * it was paired under, its role, a room station's rooms, when it was
 * paired, and whether its token was revoked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-reply-private.h"
#include "gil-station-item-private.h"

struct _GilStationItem
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  char      *role;
  GArray    *rooms;       /* element-type gint64 */
  GDateTime *created_at;  /* nullable */
  gboolean   revoked;
};

G_DEFINE_FINAL_TYPE (GilStationItem, gil_station_item, G_TYPE_OBJECT)

/* For the client: a station object of the API.
 * Returns: (transfer full): the station, or %NULL with @error set */
GilStationItem *
_gil_station_item_new_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonObject *object = _gil_reply_get_object (node, error);
  GilStationItem *self;

  if (object == NULL)
    return NULL;
  self = g_object_new (GIL_TYPE_STATION_ITEM, NULL);
  self->id = _gil_reply_get_int (object, "id", 0);
  self->name = g_strdup (_gil_reply_get_string (object, "name"));
  self->role = g_strdup (_gil_reply_get_string (object, "role"));
  g_array_unref (self->rooms);
  self->rooms = _gil_reply_dup_ids (object, "rooms");
  self->created_at = _gil_reply_dup_time (object, "created_at");
  self->revoked = _gil_reply_get_bool (object, "revoked", FALSE);
  return self;
}

/* Returns: (transfer full) (element-type GilStationItem): the stations of an
 *   array, or %NULL with @error set */
GPtrArray *
_gil_station_item_list_from_json (JsonNode  *node,
                                  GError   **error)
{
  JsonArray *array = _gil_reply_get_array (node, error);

  return array != NULL
         ? _gil_reply_read_each (array, (GilReplyNodeReader)_gil_station_item_new_from_json, error)
         : NULL;
}

/**
 * gil_station_item_get_id:
 *
 * Returns: the station's id; 0 for the admin token, which is no station
 */
gint64
gil_station_item_get_id (GilStationItem *self)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), 0);

  return self->id;
}

/**
 * gil_station_item_get_name:
 *
 * Returns: the name it was paired under, such as "Meja 1"
 */
const char *
gil_station_item_get_name (GilStationItem *self)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), NULL);

  return self->name != NULL ? self->name : "";
}

/**
 * gil_station_item_get_role:
 *
 * Returns: "registration", "room", "display", "head" or "admin"
 */
const char *
gil_station_item_get_role (GilStationItem *self)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), NULL);

  return self->role != NULL ? self->role : "";
}

/**
 * gil_station_item_get_rooms:
 * @n_rooms: (out) (optional): how many
 *
 * Returns: (array length=n_rooms) (transfer none): the ids of a room
 *   station's rooms; none for another role
 */
const gint64 *
gil_station_item_get_rooms (GilStationItem *self,
                       guint      *n_rooms)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), NULL);

  if (n_rooms != NULL)
    *n_rooms = self->rooms->len;
  return (const gint64 *)(gpointer)self->rooms->data;
}

/**
 * gil_station_item_has_room:
 *
 * Returns: whether @room is one of the station's rooms
 */
gboolean
gil_station_item_has_room (GilStationItem *self,
                      gint64      room)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), FALSE);

  for (guint i = 0; i < self->rooms->len; i++)
    if (g_array_index (self->rooms, gint64, i) == room)
      return TRUE;
  return FALSE;
}

/**
 * gil_station_item_get_created_at:
 *
 * Returns: (transfer none) (nullable): when it was paired
 */
GDateTime *
gil_station_item_get_created_at (GilStationItem *self)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), NULL);

  return self->created_at;
}

/**
 * gil_station_item_get_revoked:
 *
 * Returns: whether its token no longer works
 */
gboolean
gil_station_item_get_revoked (GilStationItem *self)
{
  g_return_val_if_fail (GIL_IS_STATION_ITEM (self), FALSE);

  return self->revoked;
}

static void
gil_station_item_finalize (GObject *object)
{
  GilStationItem *self = (GilStationItem *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->rooms, g_array_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (gil_station_item_parent_class)->finalize (object);
}

static void
gil_station_item_class_init (GilStationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_station_item_finalize;
}

static void
gil_station_item_init (GilStationItem *self)
{
  self->rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
}
