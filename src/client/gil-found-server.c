/* gil-found-server.c — a queue server found on the LAN (DNS-SD)
 *
 * What a manager's announcement says, resolved: its name (the puskesmas's),
 * the address and port to reach it at, the URL a person would type, and the
 * fingerprint it claims, which is only a hint: the person still compares
 * the one the server offers with the one on the host's screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "gil-found-server.h"

struct _GilFoundServer
{
  GObject  parent_instance;

  char    *name;
  char    *address;
  guint    port;
  char    *url;
  char    *fingerprint;
};

G_DEFINE_FINAL_TYPE (GilFoundServer, gil_found_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_URL,
  PROP_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gil_found_server_finalize (GObject *object)
{
  GilFoundServer *self = (GilFoundServer *)object;

  g_free (self->name);
  g_free (self->address);
  g_free (self->url);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (gil_found_server_parent_class)->finalize (object);
}

static void
gil_found_server_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GilFoundServer *self = GIL_FOUND_SERVER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_found_server_class_init (GilFoundServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gil_found_server_finalize;
  object_class->get_property = gil_found_server_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL, flags);
  /**
   * GilFoundServer:fingerprint:
   *
   * The certificate fingerprint the announcement claims, or %NULL (plain
   * HTTP, or none given).
   */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_found_server_init (GilFoundServer *self)
{
}

/**
 * gil_found_server_new:
 * @address: an IP address, as text
 * @tls: whether it serves HTTPS
 * @fingerprint: (nullable): what its announcement claims
 *
 * Returns: (transfer full): the server
 */
GilFoundServer *
gil_found_server_new (const char *name,
                      const char *address,
                      guint       port,
                      gboolean    tls,
                      const char *fingerprint)
{
  GilFoundServer *self;
  g_autoptr(GInetAddress) inet = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port > 0 && port <= G_MAXUINT16, NULL);

  inet = g_inet_address_new_from_string (address);
  g_return_val_if_fail (inet != NULL, NULL);

  self = g_object_new (GIL_TYPE_FOUND_SERVER, NULL);
  self->name = g_strdup (name);
  self->address = g_strdup (address);
  self->port = port;
  self->fingerprint = fingerprint != NULL && *fingerprint != '\0' ? g_strdup (fingerprint) : NULL;
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("%s://[%s]:%u", tls ? "https" : "http", address, port);
  else
    self->url = g_strdup_printf ("%s://%s:%u", tls ? "https" : "http", address, port);
  return self;
}

const char *
gil_found_server_get_name (GilFoundServer *self)
{
  g_return_val_if_fail (GIL_IS_FOUND_SERVER (self), NULL);

  return self->name;
}

const char *
gil_found_server_get_address (GilFoundServer *self)
{
  g_return_val_if_fail (GIL_IS_FOUND_SERVER (self), NULL);

  return self->address;
}

guint
gil_found_server_get_port (GilFoundServer *self)
{
  g_return_val_if_fail (GIL_IS_FOUND_SERVER (self), 0);

  return self->port;
}

/**
 * gil_found_server_get_url:
 *
 * Returns: what a person would type: `https://ADDRESS:PORT`
 */
const char *
gil_found_server_get_url (GilFoundServer *self)
{
  g_return_val_if_fail (GIL_IS_FOUND_SERVER (self), NULL);

  return self->url;
}

/**
 * gil_found_server_get_fingerprint:
 *
 * Returns: (nullable): the fingerprint the announcement claims
 */
const char *
gil_found_server_get_fingerprint (GilFoundServer *self)
{
  g_return_val_if_fail (GIL_IS_FOUND_SERVER (self), NULL);

  return self->fingerprint;
}
