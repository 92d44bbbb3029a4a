/* gil-dns-sd-publisher.c — the manager announced on the LAN (DNS-SD)
 *
 * Where avahi-daemon runs, the manager registers a `_giliran._tcp` service
 * on its port, named after the puskesmas, so that a station's join page can
 * list it; its TXT records say the API's path, whether it speaks TLS and
 * the fingerprint of its certificate (which the person still confirms).
 * Nothing here is ever fatal: without avahi-daemon (or a system bus) the
 * manager says so once and stations type the address, as they always can;
 * a daemon that starts, or comes back, later is used then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <avahi-client/client.h>
#include <avahi-client/publish.h>
#include <avahi-common/alternative.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>

#include "gil-dns-sd.h"
#include "gil-dns-sd-client.h"
#include "gil-dns-sd-publisher.h"
/* A DNS label's limit, in bytes; a puskesmas name may be longer. */
#define SERVICE_NAME_MAX 63

struct _GilDnsSdPublisher
{
  GObject          parent_instance;

  guint            port;
  AvahiIfIndex     interface;     /* where it listens; AVAHI_IF_UNSPEC: all */
  char            *fingerprint;   /* NULL: plain HTTP */
  char            *name;          /* the puskesmas's, or the default */
  char            *service_name;  /* what is announced: name, or an alternative */
  GilDnsSdClient  *client;        /* once started */
  AvahiEntryGroup *group;
  gboolean         told_absent;   /* the log said the daemon is not there */
};

G_DEFINE_FINAL_TYPE (GilDnsSdPublisher, gil_dns_sd_publisher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name cut to what DNS-SD allows, between characters. */
static char *
dup_service_name (const char *name)
{
  const char *end = name;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if (next - name > SERVICE_NAME_MAX)
        break;
      end = next;
    }
  return g_strndup (name, end - name);
}

static void
say_absent (GilDnsSdPublisher *self)
{
  if (self->told_absent)
    return;
  self->told_absent = TRUE;
  g_message ("DNS-SD: avahi-daemon is not running; stations type the address");
}

/* Another service on the LAN has our name: take "Name #2" and so on. */
static void
take_alternative_name (GilDnsSdPublisher *self)
{
  char *alternative = avahi_alternative_service_name (self->service_name);

  g_message ("DNS-SD: the name “%s” is taken on this network; announcing “%s”",
             self->service_name, alternative);
  g_free (self->service_name);
  self->service_name = g_strdup (alternative);
  avahi_free (alternative);
}

static void
on_group_state_cb (AvahiEntryGroup      *group,
                   AvahiEntryGroupState  state,
                   void                 *user_data);

static void
add_service (GilDnsSdPublisher *self,
             AvahiClient       *client)
{
  AvahiStringList *txt = NULL;
  int result;

  g_assert (client != NULL);

  if (self->group == NULL)
    {
      self->group = avahi_entry_group_new (client, on_group_state_cb, self);
      if (self->group == NULL)
        {
          g_message ("DNS-SD: cannot announce the manager: %s",
                     avahi_strerror (avahi_client_errno (client)));
          return;
        }
    }
  if (!avahi_entry_group_is_empty (self->group))
    return;

  txt = avahi_string_list_add_pair (txt, GIL_DNS_SD_TXT_PATH, "/api/v1");
  txt = avahi_string_list_add_pair (txt, GIL_DNS_SD_TXT_TLS, self->fingerprint != NULL ? "1" : "0");
  if (self->fingerprint != NULL)
    txt = avahi_string_list_add_pair (txt, GIL_DNS_SD_TXT_FINGERPRINT, self->fingerprint);

  for (;;)
    {
      result = avahi_entry_group_add_service_strlst (self->group, self->interface, AVAHI_PROTO_UNSPEC,
                                                     0, self->service_name, GIL_DNS_SD_SERVICE_TYPE,
                                                     NULL, NULL, self->port, txt);
      if (result != AVAHI_ERR_COLLISION)
        break;
      take_alternative_name (self);
    }
  avahi_string_list_free (txt);

  if (result >= 0)
    result = avahi_entry_group_commit (self->group);
  if (result < 0)
    g_message ("DNS-SD: cannot announce the manager: %s", avahi_strerror (result));
}

static void
on_group_state_cb (AvahiEntryGroup      *group,
                   AvahiEntryGroupState  state,
                   void                 *user_data)
{
  GilDnsSdPublisher *self = user_data;

  switch (state)
    {
    case AVAHI_ENTRY_GROUP_ESTABLISHED:
      g_message ("DNS-SD: announced as “%s” (%s, port %u)",
                 self->service_name, GIL_DNS_SD_SERVICE_TYPE, self->port);
      break;

    case AVAHI_ENTRY_GROUP_COLLISION:
      take_alternative_name (self);
      avahi_entry_group_reset (group);
      add_service (self, avahi_entry_group_get_client (group));
      break;

    case AVAHI_ENTRY_GROUP_FAILURE:
      g_message ("DNS-SD: the announcement failed: %s",
                 avahi_strerror (avahi_client_errno (avahi_entry_group_get_client (group))));
      break;

    case AVAHI_ENTRY_GROUP_UNCOMMITED:
    case AVAHI_ENTRY_GROUP_REGISTERING:
    default:
      break;
    }
}

static void
on_client_state_cb (AvahiClient      *client,
                    AvahiClientState  state,
                    gpointer          user_data)
{
  GilDnsSdPublisher *self = user_data;

  switch (state)
    {
    case AVAHI_CLIENT_S_RUNNING:
      self->told_absent = FALSE;
      add_service (self, client);
      break;

    case AVAHI_CLIENT_S_COLLISION:
    case AVAHI_CLIENT_S_REGISTERING:
      /* The host name changes: announce again once it is settled. */
      if (self->group != NULL)
        avahi_entry_group_reset (self->group);
      break;

    case AVAHI_CLIENT_CONNECTING:
      say_absent (self);
      break;

    case AVAHI_CLIENT_FAILURE:
      g_message ("DNS-SD: %s", avahi_strerror (avahi_client_errno (client)));
      break;

    default:
      break;
    }
}

/* The daemon went away; its client goes next, and the announcement is
 * made again once a new one runs. */
static void
on_client_lost_cb (gpointer user_data)
{
  GilDnsSdPublisher *self = user_data;

  g_message ("DNS-SD: avahi-daemon stopped; waiting for it to return");
  self->told_absent = TRUE;
  g_clear_pointer (&self->group, avahi_entry_group_free);
}

/* No system bus: NO_FAIL only waits for the daemon on a bus (the client
 * logs avahi's error). */
static void
on_client_absent_cb (int      error,
                     gpointer user_data)
{
  say_absent (user_data);
}

static const GilDnsSdClientFuncs client_funcs = {
  on_client_state_cb,
  on_client_lost_cb,
  on_client_absent_cb,
};

static void
gil_dns_sd_publisher_dispose (GObject *object)
{
  GilDnsSdPublisher *self = (GilDnsSdPublisher *)object;

  g_clear_pointer (&self->group, avahi_entry_group_free);
  g_clear_pointer (&self->client, gil_dns_sd_client_free);

  G_OBJECT_CLASS (gil_dns_sd_publisher_parent_class)->dispose (object);
}

static void
gil_dns_sd_publisher_finalize (GObject *object)
{
  GilDnsSdPublisher *self = (GilDnsSdPublisher *)object;

  g_free (self->fingerprint);
  g_free (self->name);
  g_free (self->service_name);

  G_OBJECT_CLASS (gil_dns_sd_publisher_parent_class)->finalize (object);
}

static void
gil_dns_sd_publisher_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GilDnsSdPublisher *self = GIL_DNS_SD_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_dns_sd_publisher_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GilDnsSdPublisher *self = GIL_DNS_SD_PUBLISHER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      gil_dns_sd_publisher_set_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_dns_sd_publisher_class_init (GilDnsSdPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_dns_sd_publisher_dispose;
  object_class->finalize = gil_dns_sd_publisher_finalize;
  object_class->get_property = gil_dns_sd_publisher_get_property;
  object_class->set_property = gil_dns_sd_publisher_set_property;

  /**
   * GilDnsSdPublisher:name:
   *
   * The service's name: the puskesmas's; empty or %NULL announces
   * GIL_DNS_SD_DEFAULT_NAME.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         GIL_DNS_SD_DEFAULT_NAME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_dns_sd_publisher_init (GilDnsSdPublisher *self)
{
  self->interface = AVAHI_IF_UNSPEC;
  self->name = g_strdup (GIL_DNS_SD_DEFAULT_NAME);
  self->service_name = g_strdup (self->name);
}

/**
 * gil_dns_sd_publisher_new:
 * @port: the port the manager serves on
 * @fingerprint: (nullable): its certificate's, or %NULL for plain HTTP
 *
 * Returns: (transfer full): a publisher; it announces once started
 */
GilDnsSdPublisher *
gil_dns_sd_publisher_new (guint       port,
                          const char *fingerprint)
{
  GilDnsSdPublisher *self;

  g_return_val_if_fail (port > 0 && port <= G_MAXUINT16, NULL);

  self = g_object_new (GIL_TYPE_DNS_SD_PUBLISHER, NULL);
  self->port = port;
  self->fingerprint = g_strdup (fingerprint);
  return self;
}

/**
 * gil_dns_sd_publisher_set_interface:
 * @index: the network interface's index (if_nametoindex()), or -1 for all
 *
 * A manager that listens on one address is announced on its interface
 * only, so that no station is sent to an address it does not serve.
 */
void
gil_dns_sd_publisher_set_interface (GilDnsSdPublisher *self,
                                    int                index)
{
  g_return_if_fail (GIL_IS_DNS_SD_PUBLISHER (self));
  g_return_if_fail (self->client == NULL);

  self->interface = index > 0 ? index : AVAHI_IF_UNSPEC;
}

/**
 * gil_dns_sd_publisher_start:
 *
 * Announces the manager on the default main context, now or once
 * avahi-daemon runs.
 */
void
gil_dns_sd_publisher_start (GilDnsSdPublisher *self)
{
  g_return_if_fail (GIL_IS_DNS_SD_PUBLISHER (self));
  g_return_if_fail (self->client == NULL);

  self->client = gil_dns_sd_client_new (&client_funcs, self);
}

const char *
gil_dns_sd_publisher_get_name (GilDnsSdPublisher *self)
{
  g_return_val_if_fail (GIL_IS_DNS_SD_PUBLISHER (self), NULL);

  return self->name;
}

/**
 * gil_dns_sd_publisher_set_name:
 * @name: (nullable): the puskesmas's name
 *
 * Renames the service; an announcement made is made again.
 */
void
gil_dns_sd_publisher_set_name (GilDnsSdPublisher *self,
                               const char        *name)
{
  AvahiClient *client;

  g_return_if_fail (GIL_IS_DNS_SD_PUBLISHER (self));

  if (name == NULL || *name == '\0')
    name = GIL_DNS_SD_DEFAULT_NAME;
  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_free (self->service_name);
  self->service_name = dup_service_name (name);
  client = self->client != NULL ? gil_dns_sd_client_get (self->client) : NULL;
  if (self->group != NULL && client != NULL &&
      avahi_client_get_state (client) == AVAHI_CLIENT_S_RUNNING)
    {
      avahi_entry_group_reset (self->group);
      add_service (self, client);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}
