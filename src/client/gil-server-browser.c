/* gil-server-browser.c — the queue servers announced on the LAN (DNS-SD)
 *
 * A list model of GilFoundServer: every `_giliran._tcp` service that
 * avahi-daemon sees on an IPv4 network, resolved to an address, a port and
 * what its TXT records say (tls, fp). Without avahi-daemon, or without a
 * system bus, the list stays empty and nothing is said: the join page then
 * shows no list and the address is typed, as it always can be. A daemon
 * that starts later, or comes back, is used then.
 *
 * Servers are known by their service name: one found on two networks of
 * this PC is listed once, at the address resolved first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <avahi-client/client.h>
#include <avahi-client/lookup.h>
#include <avahi-common/address.h>
#include <avahi-common/error.h>
#include <avahi-common/malloc.h>
#include <avahi-common/strlst.h>

#include "gil-dns-sd.h"
#include "gil-dns-sd-client.h"
#include "gil-server-browser.h"

struct _GilServerBrowser
{
  GObject              parent_instance;

  GPtrArray           *servers;   /* GilFoundServer, in the order found */
  GilDnsSdClient      *client;    /* once started */
  AvahiServiceBrowser *browser;
};

static void gil_server_browser_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilServerBrowser, gil_server_browser, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gil_server_browser_list_model_init))

static GType
gil_server_browser_get_item_type (GListModel *model)
{
  return GIL_TYPE_FOUND_SERVER;
}

static guint
gil_server_browser_get_n_items (GListModel *model)
{
  return GIL_SERVER_BROWSER (model)->servers->len;
}

static gpointer
gil_server_browser_get_item (GListModel *model,
                             guint       position)
{
  GilServerBrowser *self = GIL_SERVER_BROWSER (model);

  if (position >= self->servers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->servers, position));
}

static void
gil_server_browser_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gil_server_browser_get_item_type;
  iface->get_n_items = gil_server_browser_get_n_items;
  iface->get_item = gil_server_browser_get_item;
}

static gboolean
find_server (GilServerBrowser *self,
             const char       *name,
             guint            *position)
{
  for (guint i = 0; i < self->servers->len; i++)
    {
      if (g_str_equal (gil_found_server_get_name (g_ptr_array_index (self->servers, i)), name))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
remove_all (GilServerBrowser *self)
{
  guint n = self->servers->len;

  if (n == 0)
    return;
  g_ptr_array_set_size (self->servers, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

/* The value of KEY=VALUE in @txt, or NULL. */
static char *
dup_txt_value (AvahiStringList *txt,
               const char      *key)
{
  AvahiStringList *pair = avahi_string_list_find (txt, key);
  char *found_key = NULL;
  char *value = NULL;
  char *copy;

  if (pair == NULL || avahi_string_list_get_pair (pair, &found_key, &value, NULL) < 0)
    return NULL;
  copy = g_strdup (value);
  avahi_free (found_key);
  avahi_free (value);
  return copy;
}

static void
on_resolver_found_cb (AvahiServiceResolver   *resolver,
                      AvahiIfIndex            interface,
                      AvahiProtocol           protocol,
                      AvahiResolverEvent      event,
                      const char             *name,
                      const char             *type,
                      const char             *domain,
                      const char             *host_name,
                      const AvahiAddress     *address,
                      uint16_t                port,
                      AvahiStringList        *txt,
                      AvahiLookupResultFlags  flags,
                      void                   *user_data)
{
  GilServerBrowser *self = user_data;

  if (event == AVAHI_RESOLVER_FOUND && port > 0)
    {
      char text[AVAHI_ADDRESS_STR_MAX];
      g_autofree char *tls = dup_txt_value (txt, GIL_DNS_SD_TXT_TLS);
      g_autofree char *fingerprint = dup_txt_value (txt, GIL_DNS_SD_TXT_FINGERPRINT);
      g_autoptr(GilFoundServer) server = NULL;
      guint position;

      avahi_address_snprint (text, sizeof text, address);
      server = gil_found_server_new (name, text, port,
                                     g_strcmp0 (tls, "0") != 0, fingerprint);
      if (server != NULL)
        {
          if (find_server (self, name, &position))
            {
              g_set_object ((GilFoundServer **)&g_ptr_array_index (self->servers, position), server);
              g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
            }
          else
            {
              g_ptr_array_add (self->servers, g_object_ref (server));
              g_list_model_items_changed (G_LIST_MODEL (self), self->servers->len - 1, 0, 1);
            }
        }
    }
  else
    g_debug ("DNS-SD: cannot resolve “%s”: %s", name,
             avahi_strerror (avahi_client_errno (avahi_service_resolver_get_client (resolver))));
  avahi_service_resolver_free (resolver);
}

static void
on_browser_event_cb (AvahiServiceBrowser    *browser,
                     AvahiIfIndex            interface,
                     AvahiProtocol           protocol,
                     AvahiBrowserEvent       event,
                     const char             *name,
                     const char             *type,
                     const char             *domain,
                     AvahiLookupResultFlags  flags,
                     void                   *user_data)
{
  GilServerBrowser *self = user_data;
  guint position;

  switch (event)
    {
    case AVAHI_BROWSER_NEW:
      /* Freed in its callback, or with the client. */
      if (avahi_service_resolver_new (avahi_service_browser_get_client (browser), interface, protocol,
                                      name, type, domain, AVAHI_PROTO_INET, 0,
                                      on_resolver_found_cb, self) == NULL)
        g_debug ("DNS-SD: cannot resolve “%s”", name);
      break;

    case AVAHI_BROWSER_REMOVE:
      if (find_server (self, name, &position))
        {
          g_ptr_array_remove_index (self->servers, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
        }
      break;

    case AVAHI_BROWSER_FAILURE:
      g_debug ("DNS-SD: browsing failed: %s",
               avahi_strerror (avahi_client_errno (avahi_service_browser_get_client (browser))));
      break;

    case AVAHI_BROWSER_ALL_FOR_NOW:
    case AVAHI_BROWSER_CACHE_EXHAUSTED:
    default:
      break;
    }
}

static void
on_client_state_cb (AvahiClient      *client,
                    AvahiClientState  state,
                    gpointer          user_data)
{
  GilServerBrowser *self = user_data;

  if (state != AVAHI_CLIENT_S_RUNNING || self->browser != NULL)
    return;
  self->browser = avahi_service_browser_new (client, AVAHI_IF_UNSPEC, AVAHI_PROTO_INET,
                                             GIL_DNS_SD_SERVICE_TYPE, NULL, 0,
                                             on_browser_event_cb, self);
  if (self->browser == NULL)
    g_debug ("DNS-SD: cannot browse: %s", avahi_strerror (avahi_client_errno (client)));
}

/* The daemon went away: what it found goes with its client (which frees
 * the resolvers still under way), until it comes back. */
static void
on_client_lost_cb (gpointer user_data)
{
  GilServerBrowser *self = user_data;

  g_clear_pointer (&self->browser, avahi_service_browser_free);
  remove_all (self);
}

/* No absent (): the client logs why there is none. */
static const GilDnsSdClientFuncs client_funcs = {
  on_client_state_cb,
  on_client_lost_cb,
  NULL,
};

static void
gil_server_browser_dispose (GObject *object)
{
  GilServerBrowser *self = (GilServerBrowser *)object;

  /* The client frees the resolvers still under way. */
  g_clear_pointer (&self->browser, avahi_service_browser_free);
  g_clear_pointer (&self->client, gil_dns_sd_client_free);

  G_OBJECT_CLASS (gil_server_browser_parent_class)->dispose (object);
}

static void
gil_server_browser_finalize (GObject *object)
{
  GilServerBrowser *self = (GilServerBrowser *)object;

  g_ptr_array_unref (self->servers);

  G_OBJECT_CLASS (gil_server_browser_parent_class)->finalize (object);
}

static void
gil_server_browser_class_init (GilServerBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_server_browser_dispose;
  object_class->finalize = gil_server_browser_finalize;
}

static void
gil_server_browser_init (GilServerBrowser *self)
{
  self->servers = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * gil_server_browser_new:
 *
 * Returns: (transfer full): an empty list; it fills once started
 */
GilServerBrowser *
gil_server_browser_new (void)
{
  return g_object_new (GIL_TYPE_SERVER_BROWSER, NULL);
}

/**
 * gil_server_browser_start:
 *
 * Looks for queue servers on the default main context, now or once
 * avahi-daemon runs.
 */
void
gil_server_browser_start (GilServerBrowser *self)
{
  g_return_if_fail (GIL_IS_SERVER_BROWSER (self));
  g_return_if_fail (self->client == NULL);

  self->client = gil_dns_sd_client_new (&client_funcs, self);
}
