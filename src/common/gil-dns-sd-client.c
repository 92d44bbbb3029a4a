/* gil-dns-sd-client.c — a connection to avahi-daemon that outlives it
 *
 * libavahi-client on the GLib main loop, as both ends of DNS-SD need it:
 * a client made with AVAHI_CLIENT_NO_FAIL waits for a daemon that is not
 * there yet; without a system bus even that fails, and it is tried again
 * every RETRY_INTERVAL_S; a daemon that stops leaves the client useless,
 * so a new one is made to wait for its return. The owner only hears the
 * states and drops what hung on a client that is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <avahi-common/error.h>
#include <avahi-glib/glib-watch.h>

#include "gil-dns-sd-client.h"

/* Without a system bus libavahi-client cannot even wait for the daemon:
 * try again now and then. */
#define RETRY_INTERVAL_S 30

struct _GilDnsSdClient
{
  GilDnsSdClientFuncs  funcs;
  gpointer             user_data;
  AvahiGLibPoll       *poll;
  AvahiClient         *client;
  guint                retry_id;
  guint                restart_id;
};

static void connect_client (GilDnsSdClient *self);

static gboolean
on_retry_cb (gpointer user_data)
{
  GilDnsSdClient *self = user_data;

  self->retry_id = 0;
  connect_client (self);
  return G_SOURCE_REMOVE;
}

/* The daemon went away: a new client waits for it to come back. Not from
 * inside the old client's own callback, which must not free it. */
static gboolean
on_restart_cb (gpointer user_data)
{
  GilDnsSdClient *self = user_data;

  self->restart_id = 0;
  self->funcs.lost (self->user_data);
  g_clear_pointer (&self->client, avahi_client_free);
  connect_client (self);
  return G_SOURCE_REMOVE;
}

static void
on_client_state_cb (AvahiClient      *client,
                    AvahiClientState  state,
                    void             *user_data)
{
  GilDnsSdClient *self = user_data;

  if (state == AVAHI_CLIENT_FAILURE && avahi_client_errno (client) == AVAHI_ERR_DISCONNECTED)
    {
      if (self->restart_id == 0)
        self->restart_id = g_idle_add (on_restart_cb, self);
      return;
    }
  self->funcs.state_changed (client, state, self->user_data);
}

static void
connect_client (GilDnsSdClient *self)
{
  int error = 0;

  g_assert (self->client == NULL);

  self->client = avahi_client_new (avahi_glib_poll_get (self->poll), AVAHI_CLIENT_NO_FAIL,
                                   on_client_state_cb, self, &error);
  if (self->client == NULL)
    {
      if (self->funcs.absent != NULL)
        self->funcs.absent (error, self->user_data);
      g_debug ("DNS-SD: %s", avahi_strerror (error));
      self->retry_id = g_timeout_add_seconds (RETRY_INTERVAL_S, on_retry_cb, self);
    }
}

/**
 * gil_dns_sd_client_new:
 * @funcs: what the owner is told; state_changed and lost are required,
 *   absent may be %NULL (the client logs avahi's error either way)
 *
 * Connects to avahi-daemon on the default main context, now or once it
 * runs, until gil_dns_sd_client_free().
 *
 * Returns: (transfer full): the connection
 */
GilDnsSdClient *
gil_dns_sd_client_new (const GilDnsSdClientFuncs *funcs,
                       gpointer                   user_data)
{
  GilDnsSdClient *self;

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (funcs->state_changed != NULL && funcs->lost != NULL, NULL);

  self = g_new0 (GilDnsSdClient, 1);
  self->funcs = *funcs;
  self->user_data = user_data;
  self->poll = avahi_glib_poll_new (NULL, G_PRIORITY_DEFAULT);
  connect_client (self);
  return self;
}

/**
 * gil_dns_sd_client_get:
 *
 * Returns: (nullable) (transfer none): the client of the moment; %NULL
 *   while there is none (no system bus)
 */
AvahiClient *
gil_dns_sd_client_get (GilDnsSdClient *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client;
}

/**
 * gil_dns_sd_client_free:
 *
 * Closes the connection; what the owner made on the client (entry groups,
 * browsers) must be freed before.
 */
void
gil_dns_sd_client_free (GilDnsSdClient *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->restart_id, g_source_remove);
  g_clear_pointer (&self->client, avahi_client_free);
  g_clear_pointer (&self->poll, avahi_glib_poll_free);
  g_free (self);
}
