/* gil-profile.c — the puskesmas profile, as the manager has it
 *
 * What `GET /api/v1/profile` gives (doc/api.md): the puskesmas's name,
 * whether its waiting-room displays show patient names, the letterhead
 * and signature its printed reports carry, the age-band set its
 * reports use and, for the admin alone, the port of the display over
 * plain HTTP. A #GilConnection
 * owns one (gil_connection_get_profile()) and keeps it current; each
 * property is notified when it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-private.h"
#include "gil-profile-changes-private.h"

struct _GilProfile
{
  GObject   parent_instance;

  gboolean  loaded;
  char     *name;
  gboolean  display_names;
  int       plain_display_port;   /* -1: not told (not the admin) */
  char     *texts[GIL_PROFILE_N_TEXTS];
};

G_DEFINE_FINAL_TYPE (GilProfile, gil_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  PROP_NAME,
  PROP_DISPLAY_NAMES,
  PROP_PLAIN_DISPLAY_PORT,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + GIL_PROFILE_N_TEXTS
};

static GParamSpec *properties[N_PROPS];

/* Each text field's property, and what a manager that sends none means. */
static const struct
{
  const char *property;
  const char *unset;
} texts[GIL_PROFILE_N_TEXTS] = {
  [GIL_PROFILE_REGION] = { "region", "" },
  [GIL_PROFILE_HEALTH_OFFICE] = { "health-office", "" },
  [GIL_PROFILE_ADDRESS] = { "address", "" },
  [GIL_PROFILE_HEAD_NAME] = { "head-name", "" },
  [GIL_PROFILE_HEAD_NIP] = { "head-nip", "" },
  [GIL_PROFILE_AGE_BANDS] = { "age-bands", "giliran" },
};

/* Returns: @reply's text field @i, its default when missing, or %NULL
 * when it is not a string */
static const char *
reply_text (JsonObject     *reply,
            GilProfileText  i)
{
  JsonNode *node = json_object_get_member (reply, _gil_profile_text_members[i]);

  if (node == NULL)
    return texts[i].unset;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* For GilConnection: @reply is the manager's answer to GET /profile.
 * Returns: whether it was a profile. */
gboolean
_gil_profile_update (GilProfile *self,
                     JsonObject *reply)
{
  JsonNode *name_node = json_object_get_member (reply, "name");
  JsonNode *names_node = json_object_get_member (reply, "display_names");
  const char *text[GIL_PROFILE_N_TEXTS];
  JsonNode *port_node = json_object_get_member (reply, "plain_display_port");
  const char *name;
  gboolean display_names;
  int plain_port = -1;

  g_return_val_if_fail (GIL_IS_PROFILE (self), FALSE);

  if (name_node == NULL || json_node_get_value_type (name_node) != G_TYPE_STRING ||
      names_node == NULL || json_node_get_value_type (names_node) != G_TYPE_BOOLEAN)
    return FALSE;
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    if ((text[i] = reply_text (reply, i)) == NULL)
      return FALSE;
  if (port_node != NULL)
    {
      if (json_node_get_value_type (port_node) != G_TYPE_INT64 ||
          json_node_get_int (port_node) < 0 || json_node_get_int (port_node) > 65535)
        return FALSE;
      plain_port = (int)json_node_get_int (port_node);
    }
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
  if (self->plain_display_port != plain_port)
    {
      self->plain_display_port = plain_port;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAIN_DISPLAY_PORT]);
    }
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    if (g_strcmp0 (self->texts[i], text[i]) != 0)
      {
        g_free (self->texts[i]);
        self->texts[i] = g_strdup (text[i]);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + i]);
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
 * gil_profile_get_plain_display_port:
 *
 * Returns: the port the manager serves the waiting-room display on over
 *   plain HTTP, 0 when that is off, or -1 when it does not say (to anyone
 *   but the admin)
 */
int
gil_profile_get_plain_display_port (GilProfile *self)
{
  g_return_val_if_fail (GIL_IS_PROFILE (self), -1);

  return self->plain_display_port;
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

static const char *
get_text (GilProfile     *self,
          GilProfileText  i)
{
  g_return_val_if_fail (GIL_IS_PROFILE (self), NULL);

  return self->texts[i];
}

/**
 * gil_profile_get_region:
 *
 * Returns: (nullable): the letterhead's first line, the local government
 *   ("Pemerintah Kabupaten Lombok Barat"; "" if the admin gave none), or
 *   %NULL until the profile is loaded
 */
const char *
gil_profile_get_region (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_REGION);
}

/**
 * gil_profile_get_health_office:
 *
 * Returns: (nullable): the letterhead's second line ("Dinas Kesehatan";
 *   "" if none), or %NULL until the profile is loaded
 */
const char *
gil_profile_get_health_office (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_HEALTH_OFFICE);
}

/**
 * gil_profile_get_address:
 *
 * Returns: (nullable): the puskesmas's address ("" if none), or %NULL
 *   until the profile is loaded
 */
const char *
gil_profile_get_address (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_ADDRESS);
}

/**
 * gil_profile_get_head_name:
 *
 * Returns: (nullable): the name of the head of the puskesmas (kepala
 *   puskesmas), who signs its reports ("" if none), or %NULL until the
 *   profile is loaded
 */
const char *
gil_profile_get_head_name (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_HEAD_NAME);
}

/**
 * gil_profile_get_head_nip:
 *
 * Returns: (nullable): the head's NIP, 18 digits ("" if none), or %NULL
 *   until the profile is loaded
 */
const char *
gil_profile_get_head_nip (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_HEAD_NIP);
}

/**
 * gil_profile_get_age_bands:
 *
 * Returns: (nullable): the age-band set the reports use: "giliran" (the
 *   app's six groups), "permenkes" (Permenkes 25/2014) or "spm"; %NULL
 *   until the profile is loaded
 */
const char *
gil_profile_get_age_bands (GilProfile *self)
{
  return get_text (self, GIL_PROFILE_AGE_BANDS);
}

static void
gil_profile_finalize (GObject *object)
{
  GilProfile *self = (GilProfile *)object;

  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    g_clear_pointer (&self->texts[i], g_free);

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
    case PROP_PLAIN_DISPLAY_PORT:
      g_value_set_int (value, self->plain_display_port);
      break;
    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT]);
      else
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

  /**
   * GilProfile:plain-display-port:
   *
   * The port of the waiting-room display over plain HTTP: 0 when off, -1
   * when the manager does not say (it tells the admin alone).
   */
  properties[PROP_PLAIN_DISPLAY_PORT] =
    g_param_spec_int ("plain-display-port", NULL, NULL,
                      -1, 65535, -1,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* GilProfile:region, :health-office, :address, :head-name, :head-nip,
   * :age-bands: as their getters give them; %NULL until loaded. */
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (texts[i].property, NULL, NULL,
                           NULL,
                           (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_profile_init (GilProfile *self)
{
  self->plain_display_port = -1;
}
