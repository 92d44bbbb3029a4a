/* gil-context.c — what every page of a station shares
 *
 * A station's window makes one #GilContext and hands it to the page it
 * shows: the connection to the manager, the list of rooms kept current
 * from it, the puskesmas profile it keeps, and this computer's settings.
 * A page takes what it needs from here rather than making its own room
 * list, asking for the profile or opening the settings again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-context.h"

struct _GilContext
{
  GObject        parent_instance;

  GilConnection *connection;
  GilRoomList   *rooms;
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (GilContext, gil_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_ROOMS,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gil_context_constructed (GObject *object)
{
  GilContext *self = (GilContext *)object;

  G_OBJECT_CLASS (gil_context_parent_class)->constructed (object);

  g_assert (GIL_IS_CONNECTION (self->connection));
  if (self->rooms == NULL)
    self->rooms = gil_room_list_new (self->connection);
  if (self->settings == NULL)
    self->settings = g_settings_new (APPLICATION_ID);
}

static void
gil_context_finalize (GObject *object)
{
  GilContext *self = (GilContext *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->rooms);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (gil_context_parent_class)->finalize (object);
}

static void
gil_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GilContext *self = GIL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_ROOMS:
      g_value_set_object (value, self->rooms);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GilContext *self = GIL_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    case PROP_ROOMS:
      self->rooms = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_context_class_init (GilContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gil_context_constructed;
  object_class->finalize = gil_context_finalize;
  object_class->get_property = gil_context_get_property;
  object_class->set_property = gil_context_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, GIL_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOMS] =
    g_param_spec_object ("rooms", NULL, NULL, GIL_TYPE_ROOM_LIST,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_context_init (GilContext *self)
{
}

/**
 * gil_context_new:
 * @connection: the station's connection to the manager
 * @rooms: (nullable): the rooms, or %NULL for a new list kept from @connection
 * @settings: (nullable): this computer's settings, or %NULL for Giliran's own
 *
 * Returns: (transfer full): a new #GilContext
 */
GilContext *
gil_context_new (GilConnection *connection,
                 GilRoomList   *rooms,
                 GSettings     *settings)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (rooms == NULL || GIL_IS_ROOM_LIST (rooms), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (GIL_TYPE_CONTEXT,
                       "connection", connection,
                       "rooms", rooms,
                       "settings", settings,
                       NULL);
}

/**
 * gil_context_get_connection:
 *
 * Returns: (transfer none): the station's connection
 */
GilConnection *
gil_context_get_connection (GilContext *self)
{
  g_return_val_if_fail (GIL_IS_CONTEXT (self), NULL);

  return self->connection;
}

/**
 * gil_context_get_rooms:
 *
 * Returns: (transfer none): the puskesmas's rooms, kept current
 */
GilRoomList *
gil_context_get_rooms (GilContext *self)
{
  g_return_val_if_fail (GIL_IS_CONTEXT (self), NULL);

  return self->rooms;
}

/**
 * gil_context_get_profile:
 *
 * Returns: (transfer none): the puskesmas profile, kept current by the
 *   connection
 */
GilProfile *
gil_context_get_profile (GilContext *self)
{
  g_return_val_if_fail (GIL_IS_CONTEXT (self), NULL);

  return gil_connection_get_profile (self->connection);
}

/**
 * gil_context_get_settings:
 *
 * Returns: (transfer none): this computer's settings
 */
GSettings *
gil_context_get_settings (GilContext *self)
{
  g_return_val_if_fail (GIL_IS_CONTEXT (self), NULL);

  return self->settings;
}
