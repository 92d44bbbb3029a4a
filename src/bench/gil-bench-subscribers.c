/* gil-bench-subscribers.c — a call reaching 50 subscribers of the
 * event stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <glib-unix.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gil-bench.h"

/* Each subscriber stands for a PC of its own, which would read its event
 * on its own CPU; here all 50 share the manager's two cores. So they are
 * read by one thread that does no more than a PC's first look at a
 * message: one epoll wait for all of them, a read, the WebSocket frame
 * found, and the call and its stop id recognised in the text. libsoup's
 * client would cost this process a main-loop turn and a signal per
 * message, 50 times over, on the cores the manager needs. */

#define SUB_BUFFER 65536

typedef struct
{
  int    fd;
  guint8 data[SUB_BUFFER];
  gsize  length;
} Subscriber;

typedef struct
{
  int         epoll;
  Subscriber *subs;
  guint       count;
  gboolean    quit;
  GMutex      lock;
  GCond       changed;
  GHashTable *heard;     /* stop id → how many subscribers heard its call */
  GHashTable *all_at;    /* stop id → when the last of them heard it */
  GThread    *thread;
} Subscribers;

static void
write_all (int         fd,
           const void *data,
           gsize       length)
{
  const char *at = data;

  while (length > 0)
    {
      gssize done = write (fd, at, length);

      if (done < 0 && errno == EINTR)
        continue;
      g_assert (done > 0);
      at += done;
      length -= done;
    }
}

/* A client's frames are masked (RFC 6455 §5.3). */
static void
send_masked_text (int         fd,
                  const char *text)
{
  static const guint8 mask[4] = { 0x5a, 0x17, 0xc3, 0x8e };
  gsize length = strlen (text);
  guint8 frame[6 + 125];

  g_assert (length <= 125);
  frame[0] = 0x81;
  frame[1] = 0x80 | length;
  memcpy (frame + 2, mask, 4);
  for (gsize i = 0; i < length; i++)
    frame[6 + i] = text[i] ^ mask[i % 4];
  write_all (fd, frame, 6 + length);
}

/* Opens the event socket by hand: the HTTP upgrade, then its 101. */
static int
subscriber_connect (GilBenchManager *m,
                    const char      *path,
                    Subscriber      *sub)
{
  g_autoptr(GUri) uri = g_uri_parse (m->url, G_URI_FLAGS_NONE, NULL);
  struct sockaddr_in address = { 0 };
  g_autofree char *upgrade = NULL;
  const char *end = NULL;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  g_assert (uri != NULL && fd >= 0);
  address.sin_family = AF_INET;
  address.sin_port = htons (g_uri_get_port (uri));
  g_assert (inet_pton (AF_INET, g_uri_get_host (uri), &address.sin_addr) == 1);
  g_assert (connect (fd, (struct sockaddr *)&address, sizeof address) == 0);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  upgrade = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                             "Host: %s:%d\r\n"
                             "Authorization: Bearer %s\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Key: YmVuY2gtc3Vic2NyaWJlcg==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n",
                             path, g_uri_get_host (uri), g_uri_get_port (uri), m->token);
  write_all (fd, upgrade, strlen (upgrade));

  sub->fd = fd;
  sub->length = 0;
  while (end == NULL)
    {
      gssize got = read (fd, sub->data + sub->length, SUB_BUFFER - 1 - sub->length);

      g_assert (got > 0);
      sub->length += got;
      sub->data[sub->length] = '\0';
      end = strstr ((const char *)sub->data, "\r\n\r\n");
    }
  g_assert (g_str_has_prefix ((const char *)sub->data, "HTTP/1.1 101"));
  /* Whatever came after the headers is the first frames. */
  end += 4;
  sub->length -= end - (const char *)sub->data;
  memmove (sub->data, end, sub->length);
  g_unix_set_fd_nonblocking (fd, TRUE, NULL);
  return fd;
}

static void
heard_text (Subscribers *subs,
            const char  *data,
            gsize        length)
{
  static const char stop_called[] = "\"type\":\"stop.called\"";
  static const char stop_object[] = "\"stop\":{";
  static const char id_member[] = "\"id\":";
  const char *found;
  gpointer id;
  guint heard;

  if (g_strstr_len (data, length, stop_called) == NULL ||
      (found = g_strstr_len (data, length, stop_object)) == NULL ||
      (found = g_strstr_len (found, length - (found - data), id_member)) == NULL)
    return;
  id = GINT_TO_POINTER (g_ascii_strtoll (found + strlen (id_member), NULL, 10));

  g_mutex_lock (&subs->lock);
  heard = GPOINTER_TO_UINT (g_hash_table_lookup (subs->heard, id)) + 1;
  g_hash_table_insert (subs->heard, id, GUINT_TO_POINTER (heard));
  if (heard == subs->count)
    {
      gint64 *at = g_new (gint64, 1);

      *at = g_get_monotonic_time ();
      g_hash_table_insert (subs->all_at, id, at);
      g_cond_broadcast (&subs->changed);
    }
  g_mutex_unlock (&subs->lock);
}

/* Takes every whole frame off the front of @sub's buffer. The manager
 * sends each message in one unmasked frame. */
static void
take_frames (Subscribers *subs,
             Subscriber  *sub)
{
  gsize at = 0;

  for (;;)
    {
      const guint8 *frame = sub->data + at;
      gsize left = sub->length - at;
      gsize header = 2;
      guint64 length;

      if (left < 2)
        break;
      g_assert ((frame[1] & 0x80) == 0);
      length = frame[1] & 0x7f;
      if (length == 126)
        {
          header = 4;
          if (left < header)
            break;
          length = (frame[2] << 8) | frame[3];
        }
      else if (length == 127)
        {
          header = 10;
          if (left < header)
            break;
          length = 0;
          for (guint i = 0; i < 8; i++)
            length = (length << 8) | frame[2 + i];
        }
      g_assert (length < SUB_BUFFER - 16);
      if (left < header + length)
        break;
      if ((frame[0] & 0x0f) == 0x1)
        heard_text (subs, (const char *)frame + header, length);
      at += header + length;
    }
  sub->length -= at;
  memmove (sub->data, sub->data + at, sub->length);
}

static gpointer
subscribers_thread (gpointer data)
{
  Subscribers *subs = data;
  gint64 pinged = g_get_monotonic_time ();

  while (!g_atomic_int_get (&subs->quit))
    {
      struct epoll_event ready[64];
      int n = epoll_wait (subs->epoll, ready, G_N_ELEMENTS (ready), 200);

      for (int i = 0; i < n; i++)
        {
          Subscriber *sub = &subs->subs[ready[i].data.u32];
          gssize got;

          while ((got = read (sub->fd, sub->data + sub->length, SUB_BUFFER - sub->length)) > 0)
            {
              sub->length += got;
              take_frames (subs, sub);
            }
          g_assert (got < 0 && (errno == EAGAIN || errno == EINTR));
        }
      /* The manager drops a client it has not heard from for 15 s. */
      if (g_get_monotonic_time () - pinged > 5 * G_USEC_PER_SEC)
        {
          for (guint i = 0; i < subs->count; i++)
            send_masked_text (subs->subs[i].fd, "{\"type\":\"ping\"}");
          pinged = g_get_monotonic_time ();
        }
    }
  return NULL;
}

static void
subscribers_start (Subscribers     *subs,
                   GilBenchManager *m,
                   guint            count)
{
  g_autoptr(JsonNode) health = gil_bench_request (m, "GET", "/api/v1/health", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/events?since=%" G_GINT64_FORMAT,
                                           json_object_get_int_member (json_node_get_object (health), "seq"));

  subs->count = count;
  subs->subs = g_new0 (Subscriber, count);
  subs->heard = g_hash_table_new (NULL, NULL);
  subs->all_at = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_mutex_init (&subs->lock);
  g_cond_init (&subs->changed);
  subs->epoll = epoll_create1 (EPOLL_CLOEXEC);
  g_assert (subs->epoll >= 0);
  for (guint i = 0; i < count; i++)
    {
      struct epoll_event event = { .events = EPOLLIN, .data.u32 = i };

      subscriber_connect (m, path, &subs->subs[i]);
      g_assert (epoll_ctl (subs->epoll, EPOLL_CTL_ADD, subs->subs[i].fd, &event) == 0);
    }
  subs->thread = g_thread_new ("subscribers", subscribers_thread, subs);
}

static void
subscribers_stop (Subscribers *subs)
{
  g_atomic_int_set (&subs->quit, TRUE);
  g_thread_join (subs->thread);
  for (guint i = 0; i < subs->count; i++)
    close (subs->subs[i].fd);
  close (subs->epoll);
  g_free (subs->subs);
  g_hash_table_unref (subs->heard);
  g_hash_table_unref (subs->all_at);
  g_mutex_clear (&subs->lock);
  g_cond_clear (&subs->changed);
}

/* When every subscriber had heard the call of @stop. */
static gint64
subscribers_wait (Subscribers *subs,
                  gint64       stop)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gint64 *at;

  g_mutex_lock (&subs->lock);
  while ((at = g_hash_table_lookup (subs->all_at, GINT_TO_POINTER (stop))) == NULL)
    if (!g_cond_wait_until (&subs->changed, &subs->lock, deadline))
      g_error ("the call of stop %" G_GINT64_FORMAT " did not reach every subscriber", stop);
  g_mutex_unlock (&subs->lock);
  return *at;
}

void
gil_bench_call_to_event (GilBenchManager     *m,
                         const GilBenchScale *scale,
                         gint64               room,
                         GilBenchBaselines   *baselines,
                         GArray              *times,
                         GArray              *replies,
                         GArray              *pages)
{
  Subscribers subs = { 0 };
  g_autofree char *call_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", room);

  subscribers_start (&subs, m, scale->subscribers);
  gil_bench_baselines_commit (baselines);
  for (guint i = 0; i < scale->samples; i++)
    {
      g_autoptr(JsonNode) reply = NULL;
      JsonObject *stop;
      gint64 start, answered, heard, frames;

      frames = gil_bench_log_frames (m);
      start = g_get_monotonic_time ();
      reply = gil_bench_request (m, "POST", call_path, NULL, NULL);
      answered = g_get_monotonic_time ();
      if ((frames = gil_bench_log_pages_since (m, frames)) > 0)
        g_array_append_val (pages, frames);
      stop = json_object_get_object_member (json_node_get_object (reply), "stop");
      heard = subscribers_wait (&subs, json_object_get_int_member (stop, "id"));
      /* The event may reach the subscribers before the reply reaches us. */
      g_array_append_val (times, (gint64){ MAX (answered, heard) - start });
      g_array_append_val (replies, (gint64){ answered - start });
      gil_bench_baselines_sample (baselines, m);
    }
  subscribers_stop (&subs);
}
