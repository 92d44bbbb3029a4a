/* test-flood.c — an event client that floods, or never reads, is closed
 *
 * A raw socket upgrades to the event stream, sends pings as fast as it can
 * and never reads a byte. libsoup queues a pong for every ping, without
 * limit; the manager must close that client (and say so in its log) while
 * its memory stays where it was, and a well-behaved station must still get
 * its events at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"

#define FLOOD_S         10
#define RSS_GROWTH_KIB  (32 * 1024)
#define PROMPT_MS       2000
#define PINGS_PER_SEND  512
#define PING_PAYLOAD    125


/* A socket that has upgraded to the event stream and will read no more. */
static GSocket *
open_raw_stream (GilTestManager *m)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, gil_test_manager_get_port (m));
  g_autofree char *request = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);

  g_assert_no_error (error);
  /* A small window: what the manager sends piles up on its side. */
  g_assert_true (g_socket_set_option (socket, SOL_SOCKET, SO_RCVBUF, 4096, &error));
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  request = g_strdup_printf ("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Authorization: Bearer %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                             gil_test_manager_get_port (m), gil_test_manager_get_admin_token (m));
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, strlen (request));

  /* The reply's head, a byte at a time so that nothing after it is read. */
  g_socket_set_timeout (socket, 10);
  while (!g_str_has_suffix (reply->str, "\r\n\r\n"))
    {
      char c;

      g_assert_cmpint (g_socket_receive (socket, &c, 1, NULL, &error), ==, 1);
      g_string_append_c (reply, c);
    }
  g_assert_true (g_str_has_prefix (reply->str, "HTTP/1.1 101"));
  g_socket_set_timeout (socket, 0);
  g_socket_set_blocking (socket, FALSE);
  return g_steal_pointer (&socket);
}

/* Masked ping frames, as a client sends them. */
static GByteArray *
make_pings (void)
{
  GByteArray *pings = g_byte_array_new ();
  guint8 frame[2 + 4 + PING_PAYLOAD] = { 0x89, 0x80 | PING_PAYLOAD, 1, 2, 3, 4 };

  memset (frame + 6, 'p', PING_PAYLOAD);
  for (guint i = 0; i < PINGS_PER_SEND; i++)
    g_byte_array_append (pings, frame, sizeof frame);
  return pings;
}

static void
test_ping_flood (void)
{
  GilTestManager *m = gil_test_manager_start_logged (NULL);
  GilTestEvents *station;
  g_autoptr(GSocket) flood = NULL;
  g_autoptr(GByteArray) pings = make_pings ();
  g_autofree char *log = NULL;
  guint64 rss_start, rss_most;
  gint64 start, sent = 0;
  gboolean closed = FALSE;

  station = gil_test_events_open (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m), -1);
  gil_test_events_wait (station, 1);
  g_assert_cmpstr (gil_test_events_type (station, 0), ==, "snapshot");
  rss_start = rss_most = gil_test_manager_rss_kib (m);

  flood = open_raw_stream (m);
  start = g_get_monotonic_time ();
  while (!closed && g_get_monotonic_time () - start < FLOOD_S * G_USEC_PER_SEC)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (flood, (const char *)pings->data, pings->len, NULL, &error);

      if (n > 0)
        sent += n;
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        g_usleep (1000);
      else
        closed = TRUE;   /* reset by the manager */
      rss_most = MAX (rss_most, gil_test_manager_rss_kib (m));
    }
  g_test_message ("sent %" G_GINT64_FORMAT " bytes of pings in %.1f s; RSS %" G_GUINT64_FORMAT
                  " KiB at start, at most %" G_GUINT64_FORMAT " KiB",
                  sent, (g_get_monotonic_time () - start) / 1e6, rss_start, rss_most);
  g_assert_true (closed);
  g_assert_cmpuint (rss_most, <, rss_start + RSS_GROWTH_KIB);

  /* The station that reads was not dropped, and hears at once. */
  {
    guint before = station->messages->len;
    gint64 asked = g_get_monotonic_time ();

    gil_test_manager_publish_event (m);
    gil_test_events_wait (station, before + 1);
    g_assert_cmpstr (gil_test_events_type (station, before), ==, "room.changed");
    g_assert_cmpint (g_get_monotonic_time () - asked, <, PROMPT_MS * 1000);
  }

  gil_test_events_close (station);
  gil_test_manager_kill (m, SIGTERM);
  log = gil_test_manager_dup_log (m);
  g_assert_nonnull (strstr (log, "closed the event stream of station"));
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/flood/ping-flood", test_ping_flood);
  return g_test_run ();
}
