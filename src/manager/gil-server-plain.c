/* gil-server-plain.c — the browser display over plain HTTP, on a port of
 * its own
 *
 * A TV's browser often refuses the manager's self-signed certificate. For
 * such a screen the admin may open a second port (the settings key
 * plain_display_port, PATCH /profile's member of the same name; 0 or unset
 * is off, the default) on the addresses the manager listens on. It speaks
 * plain HTTP and serves only what a number-only display may see, to anyone
 * who asks, without a token: the display page and its clips, the health,
 * the puskesmas name, the rooms with their waiting counts, the queues and
 * the event stream, every one without patient names, whatever the profile
 * says; the day's loket tickets and their calls' clips (numbers only). Nothing else: no write, no pairing, no other read (404).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-server-private.h"

#define PLAIN_PORT_MIN 1024
/* Who a plain-HTTP display is: the manager's own id, which no station has. */
#define PLAIN_STATION  0

/* The routes a plain-HTTP display may use: reads a display could make. */
static const Handler plain_handlers[] = {
  gil_server_handle_health,
  gil_server_handle_profile,
  gil_server_handle_rooms,
  gil_server_handle_queue,
  gil_server_handle_announcement,
  gil_server_handle_loket_tickets,
  gil_server_handle_loket_announcement,
  gil_server_handle_events,
};

/* Whether @route is served over plain HTTP. */
gboolean
gil_server_plain_allows (const Route *route)
{
  if (!g_str_equal (route->method, "GET"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (plain_handlers); i++)
    if (route->handler == plain_handlers[i])
      return TRUE;
  return FALSE;
}

/* Returns: (transfer full): who a plain-HTTP request is: a display of
 * every room, the manager's own (id 0), with no names. */
GilStation *
gil_server_plain_station (void)
{
  return gil_station_new (PLAIN_STATION, "plain-http", GIL_ROLE_DISPLAY);
}

/**
 * gil_server_plain_port_valid:
 * @port: a port asked for
 *
 * Returns: whether @port may be the plain-HTTP display port: 0 (off), or
 *   1024 to 65535 and not the manager's own port
 */
gboolean
gil_server_plain_port_valid (GilServer *self,
                             gint64     port)
{
  if (port == 0)
    return TRUE;
  if (port < PLAIN_PORT_MIN || port > 65535)
    return FALSE;
  return self->listener == NULL || (guint)port != gil_listener_get_port (self->listener);
}

/* The port the settings ask for; 0 for none. */
guint
gil_server_plain_port (GilServer *self)
{
  g_autofree char *value = gil_store_dup_setting (self->store, "plain_display_port");
  guint64 port = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 65535, &port, NULL))
    return 0;
  return (guint)port;
}

static void
stop_plain (GilServer *self)
{
  if (self->plain_listener == NULL)
    return;
  gil_listener_stop (self->plain_listener);
  g_clear_object (&self->plain_listener);
  /* Its displays' event streams end with it (their station is 0). */
  gil_event_hub_close_station (self->hub, PLAIN_STATION);
  g_message ("the display over plain HTTP is off");
}

/* Listens where the manager listens, on @port. */
static void
start_plain (GilServer *self,
             guint      port)
{
  g_autoptr(GilListener) listener = gil_listener_new (self->plain_soup, NULL, &self->listen_options);
  gboolean any = FALSE;

  for (guint i = 0; i < self->listen_addresses->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GInetAddress *address = g_ptr_array_index (self->listen_addresses, i);

      if (gil_listener_listen (listener, address, port, &error))
        any = TRUE;
      else
        {
          g_autofree char *text = g_inet_address_to_string (address);

          /* As for the manager's own port: IPv6 may be missing, or the
           * IPv4 socket may hold the port for both. */
          g_message ("the display over plain HTTP is not listening on %s port %u: %s",
                     text, port, error->message);
        }
    }
  if (!any)
    {
      g_message ("the display over plain HTTP cannot listen on port %u: it stays off", port);
      return;
    }
  self->plain_listener = g_steal_pointer (&listener);
  g_message ("the display over plain HTTP is on port %u", port);
}

/**
 * gil_server_apply_plain_port:
 *
 * Opens, moves or closes the plain-HTTP display port as the settings say:
 * at the start and after an admin changes it.
 */
void
gil_server_apply_plain_port (GilServer *self)
{
  guint port;

  if (self->listener == NULL || self->stopping)
    return;
  port = gil_server_plain_port (self);
  if (self->plain_listener != NULL && gil_listener_get_port (self->plain_listener) == port)
    return;
  stop_plain (self);
  if (port != 0)
    start_plain (self, port);
}

/* The plain server's requests: marked, then dispatched as the others. */
static void
on_plain_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  gil_server_serve (user_data, msg, path, query, TRUE);
}

/* Makes the plain-HTTP server; it listens once the settings ask. */
void
gil_server_plain_init (GilServer *self)
{
  self->plain_soup = soup_server_new ("server-header", "giliran-manager/" PACKAGE_VERSION,
                                      "raw-paths", TRUE, NULL);
  soup_server_add_handler (self->plain_soup, NULL, on_plain_request_cb, self, NULL);
  soup_server_add_handler (self->plain_soup, "/api/v1/events", on_plain_request_cb, self, NULL);
}

/* Stops listening and serving. */
void
gil_server_plain_shutdown (GilServer *self)
{
  if (self->plain_listener != NULL)
    gil_listener_stop (self->plain_listener);
  g_clear_object (&self->plain_listener);
  if (self->plain_soup != NULL)
    soup_server_disconnect (self->plain_soup);
  g_clear_object (&self->plain_soup);
}
