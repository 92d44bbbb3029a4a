/* gil-bench-stations.c — how long a station takes to start, and what its
 * start costs the others
 *
 * A station that starts opens the event stream without since, as the app
 * does, and has the state once the snapshot is in. Its start is timed
 * from the connect to the last byte of the snapshot. The cost to the
 * others is the manager's longest stall while ten stations start at
 * once, seen from outside: the slowest GET /api/v1/health round trip of
 * a client that asks every few milliseconds meanwhile, against the
 * slowest of the same loop just before.
 *
 * Plain blocking sockets: a client library would add its own time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gil-bench-stations.h"
#include "gil-stats.h"

#define STARTS_TIMED    20
#define STARTS_AT_ONCE  10
#define HEALTH_EVERY_US 2000
#define QUIET_US        (300 * 1000)

typedef struct
{
  int     fd;
  GString *in;   /* read and not yet taken */
} Link;

static int
open_socket (GUri *uri)
{
  struct sockaddr_in address = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  g_assert (fd >= 0);
  address.sin_family = AF_INET;
  address.sin_port = htons (g_uri_get_port (uri));
  g_assert (inet_pton (AF_INET, g_uri_get_host (uri), &address.sin_addr) == 1);
  g_assert (connect (fd, (struct sockaddr *)&address, sizeof address) == 0);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static void
send_all (int         fd,
          const char *text)
{
  gsize length = strlen (text);

  while (length > 0)
    {
      gssize done = write (fd, text, length);

      if (done < 0 && errno == EINTR)
        continue;
      g_assert (done > 0);
      text += done;
      length -= done;
    }
}

/* Reads until @link holds at least @count bytes. */
static void
fill (Link  *link,
      gsize  count)
{
  char buffer[65536];

  while (link->in->len < count)
    {
      gssize got = read (link->fd, buffer, sizeof buffer);

      if (got < 0 && errno == EINTR)
        continue;
      g_assert (got > 0);
      g_string_append_len (link->in, buffer, got);
    }
}

/* Takes an HTTP head off @link; returns its end (after the blank line). */
static gsize
read_head (Link *link)
{
  const char *end;

  while ((end = strstr (link->in->str, "\r\n\r\n")) == NULL)
    fill (link, link->in->len + 1);
  return end + 4 - link->in->str;
}

/* Takes one frame off @link; TRUE when it is the snapshot. */
static gboolean
read_frame (Link *link)
{
  guint64 length;
  gsize header = 2;
  gboolean snapshot;

  fill (link, 2);
  length = (guint8)link->in->str[1] & 0x7f;
  if (length == 126)
    header = 4;
  else if (length == 127)
    header = 10;
  fill (link, header);
  if (length >= 126)
    {
      length = 0;
      for (gsize i = 2; i < header; i++)
        length = length << 8 | (guint8)link->in->str[i];
    }
  fill (link, header + length);
  snapshot = g_strstr_len (link->in->str + header, MIN (length, 64), "\"snapshot\"") != NULL;
  g_string_erase (link->in, 0, header + length);
  return snapshot;
}

static void
start_station (Link       *link,
               GUri       *uri,
               const char *token)
{
  g_autofree char *upgrade = g_strdup_printf ("GET /api/v1/events HTTP/1.1\r\nHost: %s:%d\r\n"
                                              "Authorization: Bearer %s\r\n"
                                              "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                              "Sec-WebSocket-Key: YmVuY2gtc3RhdGlvbnMhIQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n",
                                              g_uri_get_host (uri), g_uri_get_port (uri), token);

  link->fd = open_socket (uri);
  link->in = g_string_new (NULL);
  send_all (link->fd, upgrade);
}

static void
finish_station (Link *link)
{
  gsize head = read_head (link);

  g_assert (g_str_has_prefix (link->in->str, "HTTP/1.1 101"));
  g_string_erase (link->in, 0, head);
  while (!read_frame (link))
    ;
}

static void
close_station (Link *link)
{
  close (link->fd);
  g_string_free (link->in, TRUE);
}

/* ── a client that asks for health every few milliseconds ─────────── */

typedef struct
{
  GUri     *uri;
  GMutex    lock;
  gboolean  quit;
  gint64    slowest_us;   /* since it was last reset */
  guint     asked;
} Prober;

static gpointer
prober_thread (gpointer data)
{
  Prober *prober = data;
  g_autofree char *request = g_strdup_printf ("GET /api/v1/health HTTP/1.1\r\nHost: %s:%d\r\n\r\n",
                                              g_uri_get_host (prober->uri), g_uri_get_port (prober->uri));
  Link link = { open_socket (prober->uri), g_string_new (NULL) };

  for (;;)
    {
      gint64 start = g_get_monotonic_time ();
      gsize head;
      const char *length;
      gsize body;
      gint64 took;

      send_all (link.fd, request);
      head = read_head (&link);
      length = strstr (link.in->str, "Content-Length: ");
      g_assert (length != NULL && length < link.in->str + head);
      body = g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10);
      fill (&link, head + body);
      g_string_erase (link.in, 0, head + body);
      took = g_get_monotonic_time () - start;

      g_mutex_lock (&prober->lock);
      prober->slowest_us = MAX (prober->slowest_us, took);
      prober->asked++;
      if (prober->quit)
        {
          g_mutex_unlock (&prober->lock);
          break;
        }
      g_mutex_unlock (&prober->lock);
      g_usleep (HEALTH_EVERY_US);
    }
  close_station (&link);
  return NULL;
}

static gint64
prober_take_slowest (Prober *prober)
{
  gint64 slowest;

  g_mutex_lock (&prober->lock);
  slowest = prober->slowest_us;
  prober->slowest_us = 0;
  g_mutex_unlock (&prober->lock);
  return slowest;
}

/**
 * gil_bench_stations:
 * @url: the manager's address, http://HOST:PORT
 * @token: a token the event stream takes
 *
 * Measures station starts on the manager as it is.
 */
void
gil_bench_stations (const char        *url,
                    const char        *token,
                    GilBenchStations  *figures)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  Prober prober = { 0 };
  GThread *thread;
  Link links[STARTS_AT_ONCE];

  g_assert (uri != NULL);

  /* One station at a time, the manager otherwise idle. */
  for (guint i = 0; i < STARTS_TIMED; i++)
    {
      Link link;
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      start_station (&link, uri, token);
      finish_station (&link);
      took = g_get_monotonic_time () - start;
      g_array_append_val (starts, took);
      close_station (&link);
    }
  gil_stats_sort (starts);
  figures->start_ms = g_array_index (starts, gint64, starts->len / 2) / 1000.0;

  /* Ten at once, while a client asks for health. */
  prober.uri = uri;
  g_mutex_init (&prober.lock);
  thread = g_thread_new ("health", prober_thread, &prober);
  g_usleep (QUIET_US);
  figures->quiet_stall_ms = prober_take_slowest (&prober) / 1000.0;

  for (guint i = 0; i < STARTS_AT_ONCE; i++)
    start_station (&links[i], uri, token);
  for (guint i = 0; i < STARTS_AT_ONCE; i++)
    finish_station (&links[i]);
  g_usleep (HEALTH_EVERY_US * 5);
  figures->start_stall_ms = prober_take_slowest (&prober) / 1000.0;
  for (guint i = 0; i < STARTS_AT_ONCE; i++)
    close_station (&links[i]);

  g_mutex_lock (&prober.lock);
  prober.quit = TRUE;
  g_mutex_unlock (&prober.lock);
  g_thread_join (thread);
  g_mutex_clear (&prober.lock);
}
