/* gil-profile.c — the puskesmas profile, as the manager has it
 *
 * What `GET /api/v1/profile` gives (doc/api.md): the puskesmas's name and
 * whether its waiting-room displays show patient names. A #GilConnection
 * owns one (gil_connection_get_profile()) and keeps it current; each
 * property is notified when it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-private.h"

struct _GilProfile
{
  GObject   parent_instance;

  gboolean  loaded;
  char     *name;
  gboolean  display_names;
};

G_DEFINE_FINAL_TYPE (GilProfile, gil_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_NAME,
  PROP_DISPLAY_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* For GilConnection: @reply is the manager's answer to GET /profile.
 * Returns: whether it was a profile. */
gboolean
_gil_profile_update (GilProfile *self,
                     JsonObject *reply)
{
  JsonNode *name_node = json_object_get_member (reply, "name");
  JsonNode *names_node = json_object_get_member (reply, "display_names");
  const char *name;
  gboolean display_names;

  g_return_val_if_fail (GIL_IS_PROFILE (self), FALSE);

  if (name_node == NULL || json_node_get_value_type (name_node) != G_TYPE_STRING ||
      names_node == NULL || json_node_get_value_type (names_node) != G_TYPE_BOOLEAN)
    return FALSE;
  name = json_node_get_string (name_node);
  display_names = json_node_get_boolean (names_node);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  if (self->display_names != display_names)
    {
      self->display_names = display_names;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAMES]);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

/**
 * gil_profile_get_loaded:
 *
 * Returns: whether the manager's profile was heard at least once
 */
gboolean
gil_profile_get_loaded (GilProfile *self)
{
  g_return_val_if_fail (GIL_IS_PROFILE (self), FALSE);

  return self->loaded;
}

/**
 * gil_profile_get_name:
 *
 * Returns: (nullable): the puskesmas's name ("" if the admin gave none),
 *   or %NULL until the profile is loaded
 */
const char *
gil_profile_get_name (GilProfile *self)
{
  g_return_val_if_fail (GIL_IS_PROFILE (self), NULL);

  return self->name;
}

/**
 * gil_profile_get_display_names:
 *
 * Returns: whether the waiting-room displays show patients' names (never
 *   for a number_only room)
 */
gboolean
gil_profile_get_display_names (GilProfile *self)
{
  g_return_val_if_fail (GIL_IS_PROFILE (self), FALSE);

  return self->display_names;
}

static void
gil_profile_finalize (GObject *object)
{
  GilProfile *self = (GilProfile *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (gil_profile_parent_class)->finalize (object);
}

static void
gil_profile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GilProfile *self = GIL_PROFILE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAMES:
      g_value_set_boolean (value, self->display_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_profile_class_init (GilProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gil_profile_finalize;
  object_class->get_property = gil_profile_get_property;

  /**
   * GilProfile:loaded:
   *
   * Whether the manager's profile was heard at least once.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GilProfile:name:
   *
   * The puskesmas's name, as the admin set it; %NULL until loaded.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GilProfile:display-names:
   *
   * Whether the waiting-room displays show patients' names.
   */
  properties[PROP_DISPLAY_NAMES] =
    g_param_spec_boolean ("display-names", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_profile_init (GilProfile *self)
{
}
