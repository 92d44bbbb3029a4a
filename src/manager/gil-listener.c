/* gil-listener.c — the manager's own accepting of connections
 *
 * libsoup 3.2.3 can listen by itself, but then the manager cannot see or
 * end a connection, and three faults of that version cost a clinic its
 * queue: a kept-alive connection the station closed stays open for ever
 * (CLOSE-WAIT), so after about a thousand of them the descriptors run out;
 * once they do, libsoup drops its listening source and the process lives on
 * deaf; and a body is read whole before anyone can refuse it. So the
 * manager listens itself and hands each connection to libsoup through
 * soup_server_accept_iostream(), wrapped in a GilServerStream, and:
 *
 * - ends connections whose peer has gone (see gil-server-stream.c), that
 *   sit idle longer than idle_timeout between requests or before their
 *   first, or whose TLS handshake takes longer than handshake_timeout;
 * - caps connections per source address and in total, the total below the
 *   descriptor limit, keeping headroom that only addresses a station has
 *   already been served from may use;
 * - survives running out of descriptors: the waiting connection is taken
 *   and closed on a spare descriptor kept for this, and it is logged;
 * - refuses a body over max_body as soon as its Content-Length says so or
 *   a chunked body passes it: a 413 is written at once, nothing more is
 *   read, and the connection closes after a short linger.
 *
 * libsoup keeps a kept-alive connection only while it has a listener of
 * its own, so it is given one that can never be connected to: one end of
 * a socket pair whose other end nobody writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* accept4 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gil-json-writer.h"
#include "gil-listener.h"
#include "gil-server-stream.h"

/* Descriptors kept back from connections: the database, its log and index,
 * a backup being written, the event hub's and GLib's own. */
#define RESERVED_FDS       96
/* The part of the total only known stations' addresses may use (at most
 * an eighth). */
#define KNOWN_HEADROOM     64
#define KNOWN_HOSTS_MAX    4096
#define ACCEPT_BATCH       32
#define SWEEP_MAX_S        15
/* After the input is shut, libsoup closes at once; if it has not within
 * this time, the connection is closed from here. */
#define SHUT_GRACE_US      (10 * G_USEC_PER_SEC)
/* A refused body: what is read and dropped before the close, so that the
 * 413 reaches the peer instead of a reset. */
#define LINGER_MS          2000
#define LINGER_BYTES       (1024 * 1024)
#define LOG_EVERY_US       (60 * G_USEC_PER_SEC)
#define KEEPALIVE_IDLE_S   60
#define KEEPALIVE_INTERVAL 10
#define KEEPALIVE_COUNT    4
#define USER_TIMEOUT_MS    60000
#define ACCEPT_FAILURES_MAX 1000
#define ACCEPT_PAUSE_MS    100

typedef struct
{
  GilListener       *listener;
  GSocket           *socket;
  GIOStream         *base;        /* the TCP connection, or TLS over it */
  GSocketAddress    *local;
  GSocketAddress    *remote;      /* the key: libsoup hands it back */
  char              *host;
  GilServerStream   *stream;      /* libsoup's while it lives; not a ref */
  GCancellable      *handshake;
  guint              handshake_timeout_id;
  gint64             shut_at;     /* monotonic µs the input was shut; 0 not */
  gsize              body_read;
  gint64             request_started; /* monotonic µs; 0 once its headers are in */
  gboolean           upgraded;    /* a WebSocket, kept by its own pings */
  gboolean           in_handler;  /* the request is read; its reply is due */
  GSource           *linger;
  gint64             linger_until;
  gsize              lingered;
} Connection;

typedef enum
{
  REFUSED_PER_ADDRESS,
  REFUSED_TOTAL,
  N_REFUSALS
} Refusal;

static const char * const refusal_text[N_REFUSALS] = {
  "too many from one address",
  "too many connections",
};

typedef struct
{
  GSocket *socket;
  GSource *source;
  guint    port;
  gboolean ipv6;
  char    *host;
} Listening;

struct _GilListener
{
  GObject             parent_instance;

  SoupServer         *soup;
  GTlsCertificate    *certificate;
  GilListenerOptions  options;
  guint               max_connections;
  guint               headroom;     /* of max_connections, for known hosts */
  GPtrArray          *listening;    /* Listening */
  GHashTable         *connections;  /* GSocketAddress* → Connection */
  GHashTable         *per_host;     /* host → count */
  GHashTable         *known_hosts;  /* host set */
  GSocket            *keep_alive_pair[2];
  guint               sweep_id;
  guint               resume_id;
  int                 spare_fd;
  guint               accept_failures;
  guint               ended_since_trim;
  gint64              trimmed;
  gint64              refused_logged[N_REFUSALS];
  guint               refused_unlogged[N_REFUSALS];
  gint64              exhausted_logged;
  gulong              signal_ids[4];
  gboolean            stopped;
};

enum
{
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GilListener, gil_listener, G_TYPE_OBJECT)

/* ── connections ─────────────────────────────────────────────────────── */

static void
count_host (GilListener *self,
            const char  *host,
            int          delta)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, host));

  count += delta;
  if (count == 0)
    g_hash_table_remove (self->per_host, host);
  else
    g_hash_table_replace (self->per_host, g_strdup (host), GUINT_TO_POINTER (count));
}

static void
connection_free (Connection *conn)
{
  GilListener *self = conn->listener;

  self->ended_since_trim++;
  if (conn->stream != NULL)
    gil_server_stream_forget_closed (conn->stream);
  if (conn->handshake != NULL)
    g_cancellable_cancel (conn->handshake);
  g_clear_object (&conn->handshake);
  g_clear_handle_id (&conn->handshake_timeout_id, g_source_remove);
  if (conn->linger != NULL)
    {
      g_source_destroy (conn->linger);
      g_clear_pointer (&conn->linger, g_source_unref);
    }
  /* Shut first: a TLS close would otherwise wait to send its close_notify
   * to a peer that does not read, on the main loop. */
  if (conn->socket != NULL)
    g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
  if (conn->base != NULL)
    g_io_stream_close (conn->base, NULL, NULL);
  else if (conn->socket != NULL)
    g_socket_close (conn->socket, NULL);
  count_host (self, conn->host, -1);
  g_clear_object (&conn->base);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->local);
  g_clear_object (&conn->remote);
  g_free (conn->host);
  g_free (conn);
}

/* Ends @conn here and now: the descriptor is closed, and libsoup, if it
 * had the connection, finds it closed. */
static void
drop (Connection *conn)
{
  g_debug ("connection from %s port %u ends%s", conn->host,
           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (conn->remote)),
           conn->stream != NULL ? " under libsoup" : "");
  g_hash_table_remove (conn->listener->connections, conn->remote);
}

static Connection *
find (GilListener       *self,
      SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_hash_table_lookup (self->connections, remote) : NULL;
}

/* Ends the connection both ways: libsoup reads the end of input and
 * closes by its own path (see gil-server-stream.c); the peer sees the end
 * at once, so a request it sends at this moment gets no answer at all (and
 * is sent again on a new connection) rather than a stray one. */
static void
shut_down (Connection *conn)
{
  if (conn->shut_at != 0)
    return;
  conn->shut_at = g_get_monotonic_time ();
  g_socket_shutdown (conn->socket, TRUE, TRUE, NULL);
}

static gboolean
on_linger_cb (GSocket      *socket,
              GIOCondition  condition,
              gpointer      user_data)
{
  Connection *conn = user_data;
  char buffer[16384];
  gssize n;

  while ((n = g_socket_receive_with_blocking (socket, buffer, sizeof buffer, FALSE, NULL, NULL)) > 0)
    {
      conn->lingered += n;
      if (conn->lingered > LINGER_BYTES)
        break;
    }
  if (n == 0 || (n < 0 && !(condition & G_IO_IN)) || conn->lingered > LINGER_BYTES
      || g_get_monotonic_time () >= conn->linger_until)
    {
      drop (conn);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_linger_timeout_cb (gpointer user_data)
{
  drop (user_data);
  return G_SOURCE_REMOVE;
}

/* After a refused body: what the peer still sends is read and dropped for
 * a moment, then the connection closes. */
static void
linger (Connection *conn)
{
  g_autoptr(GSource) timeout = g_timeout_source_new (LINGER_MS);

  conn->linger_until = g_get_monotonic_time () + LINGER_MS * 1000;
  conn->linger = g_socket_create_source (conn->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (conn->linger, G_SOURCE_FUNC (on_linger_cb), conn, NULL);
  g_source_attach (conn->linger, NULL);
  /* A peer that sends nothing more still closes on time. */
  g_source_set_callback (timeout, on_linger_timeout_cb, conn, NULL);
  g_source_add_child_source (conn->linger, timeout);
}

static void
on_stream_closed (GilServerStream *stream,
                  gpointer         user_data)
{
  Connection *conn = user_data;

  conn->stream = NULL;
  if (gil_server_stream_get_refused (stream) && conn->linger == NULL && !conn->listener->stopped)
    linger (conn);
  else
    drop (conn);
}

/* The connection is ready for HTTP: libsoup takes it. */
static void
hand_to_soup (Connection *conn)
{
  GilListener *self = conn->listener;
  g_autoptr(GilServerStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = gil_server_stream_new (conn->base, conn->socket, on_stream_closed, conn);
  conn->stream = stream;
  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (stream), conn->local, conn->remote, &error))
    {
      g_message ("cannot serve a connection from %s: %s", conn->host, error->message);
      drop (conn);
    }
}

static gboolean
on_handshake_timeout_cb (gpointer user_data)
{
  Connection *conn = user_data;

  conn->handshake_timeout_id = 0;
  g_cancellable_cancel (conn->handshake);
  return G_SOURCE_REMOVE;
}

static void
on_handshake_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GilListener *self = user_data;
  GSocketAddress *remote = g_object_get_data (source, "gil-remote");
  g_autoptr(GError) error = NULL;
  gboolean done = g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error);
  Connection *conn;

  /* A connection dropped meanwhile is no longer in the table. */
  conn = remote != NULL ? g_hash_table_lookup (self->connections, remote) : NULL;
  if (conn != NULL && conn->base == G_IO_STREAM (source))
    {
      g_clear_handle_id (&conn->handshake_timeout_id, g_source_remove);
      g_clear_object (&conn->handshake);
      if (done)
        hand_to_soup (conn);
      else
        {
          g_debug ("TLS handshake with %s failed: %s", conn->host, error->message);
          drop (conn);
        }
    }
  g_object_unref (self);
}

static void
start_tls (Connection      *conn,
           GIOStream       *tcp)
{
  GilListener *self = conn->listener;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  tls = g_tls_server_connection_new (tcp, self->certificate, &error);
  if (tls == NULL)
    {
      g_message ("cannot speak TLS with %s: %s", conn->host, error->message);
      drop (conn);
      return;
    }
  /* Stations end their connections without close_notify, as libsoup's
   * own server allows. */
  g_tls_connection_set_require_close_notify (G_TLS_CONNECTION (tls), FALSE);
  g_object_set_data_full (G_OBJECT (tls), "gil-remote", g_object_ref (conn->remote), g_object_unref);
  conn->base = tls;
  conn->handshake = g_cancellable_new ();
  conn->handshake_timeout_id = g_timeout_add_seconds (self->options.handshake_timeout,
                                                      on_handshake_timeout_cb, conn);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, conn->handshake,
                                    on_handshake_done_cb, g_object_ref (self));
}

static void
set_socket_options (GSocket *socket)
{
  /* A station switched off mid-connection is noticed by the kernel. */
  g_socket_set_keepalive (socket, TRUE);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPIDLE, KEEPALIVE_IDLE_S, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPINTVL, KEEPALIVE_INTERVAL, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPCNT, KEEPALIVE_COUNT, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_USER_TIMEOUT, USER_TIMEOUT_MS, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
}

/* Once a minute for each reason, with how many it stands for. */
static void
log_refused (GilListener *self,
             const char  *host,
             Refusal      why)
{
  gint64 now = g_get_monotonic_time ();

  self->refused_unlogged[why]++;
  if (self->refused_logged[why] != 0 && now - self->refused_logged[why] < LOG_EVERY_US)
    return;
  g_message ("refusing connections: %s (the last from %s; %u refused since the last such line)",
             refusal_text[why], host, self->refused_unlogged[why]);
  self->refused_logged[why] = now;
  self->refused_unlogged[why] = 0;
}

/* Whether one more connection from @host fits, keeping the headroom for
 * addresses stations have been served from. */
static gboolean
admits (GilListener *self,
        const char  *host)
{
  guint total = g_hash_table_size (self->connections);
  guint from_host = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_host, host));
  gboolean known = g_hash_table_contains (self->known_hosts, host);

  /* The manager's own computer (its app's windows, scripts) is one host
   * the total alone limits. */
  if (from_host >= self->options.max_per_address
      && !g_str_equal (host, "127.0.0.1") && !g_str_equal (host, "::1"))
    {
      log_refused (self, host, REFUSED_PER_ADDRESS);
      return FALSE;
    }
  if (total >= self->max_connections
      || (!known && total + self->headroom >= self->max_connections))
    {
      log_refused (self, host, REFUSED_TOTAL);
      return FALSE;
    }
  return TRUE;
}

static void
admit (GilListener *self,
       GSocket     *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autofree char *host = NULL;
  g_autoptr(GIOStream) tcp = NULL;
  Connection *conn;

  if (!G_IS_INET_SOCKET_ADDRESS (remote) || local == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }
  host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  if (!admits (self, host))
    {
      g_socket_close (socket, NULL);
      return;
    }

  set_socket_options (socket);
  conn = g_new0 (Connection, 1);
  conn->listener = self;
  conn->socket = g_object_ref (socket);
  conn->remote = g_steal_pointer (&remote);
  conn->local = g_steal_pointer (&local);
  conn->host = g_steal_pointer (&host);
  count_host (self, conn->host, 1);
  g_hash_table_insert (self->connections, conn->remote, conn);

  tcp = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  if (self->certificate != NULL)
    start_tls (conn, tcp);
  else
    {
      conn->base = g_steal_pointer (&tcp);
      hand_to_soup (conn);
    }
}

/* Out of descriptors: the waiting connection is taken on the spare one and
 * closed, so that it does not wait in the backlog, and the listener goes
 * on; it is logged once a minute. */
static void
refuse_without_descriptor (GilListener *self,
                           int          listening_fd)
{
  gint64 now = g_get_monotonic_time ();
  int fd;

  if (self->exhausted_logged == 0 || now - self->exhausted_logged >= LOG_EVERY_US)
    {
      g_message ("out of file descriptors with %u connections open; refusing new ones until some close",
                 g_hash_table_size (self->connections));
      self->exhausted_logged = now;
    }
  if (self->spare_fd >= 0)
    {
      close (self->spare_fd);
      self->spare_fd = -1;
    }
  fd = accept4 (listening_fd, NULL, NULL, SOCK_CLOEXEC);
  if (fd >= 0)
    close (fd);
  self->spare_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
}

static void listen_again (GilListener *self);

static gboolean
on_resume_cb (gpointer user_data)
{
  GilListener *self = user_data;

  self->resume_id = 0;
  listen_again (self);
  return G_SOURCE_REMOVE;
}

/* Not even the spare descriptor: the waiting connection cannot be taken,
 * and the listening socket would wake the loop at once, again and again. */
static void
pause_accepting (GilListener *self)
{
  for (guint i = 0; i < self->listening->len; i++)
    {
      Listening *l = self->listening->pdata[i];

      if (l->source != NULL)
        {
          g_source_destroy (l->source);
          g_clear_pointer (&l->source, g_source_unref);
        }
    }
  if (self->resume_id == 0)
    self->resume_id = g_timeout_add (ACCEPT_PAUSE_MS, on_resume_cb, self);
}

static gboolean
on_incoming_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      user_data)
{
  GilListener *self = user_data;
  int listening_fd = g_socket_get_fd (socket);

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GSocket) client = NULL;
      int fd = accept4 (listening_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
      int saved_errno = errno;

      if (fd < 0)
        {
          if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK)
            break;
          if (saved_errno == EMFILE || saved_errno == ENFILE)
            {
              refuse_without_descriptor (self, listening_fd);
              if (self->spare_fd >= 0)
                continue;
              pause_accepting (self);
              return G_SOURCE_REMOVE;
            }
          /* ECONNABORTED, EINTR, a peer gone before it was taken… */
          if (++self->accept_failures < ACCEPT_FAILURES_MAX)
            continue;
          g_critical ("cannot accept connections any more: %s", g_strerror (saved_errno));
          g_signal_emit (self, signals[FAILED], 0);
          return G_SOURCE_REMOVE;
        }
      self->accept_failures = 0;
      client = g_socket_new_from_fd (fd, NULL);
      if (client == NULL)
        {
          close (fd);
          continue;
        }
      admit (self, client);
    }
  return G_SOURCE_CONTINUE;
}

/* ── what libsoup says of each request ───────────────────────────────── */

static void
refuse_body (GilListener       *self,
             Connection        *conn,
             SoupServerMessage *msg)
{
  g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
  g_autofree char *body = NULL;
  g_autofree char *reply = NULL;
  gsize length;
  GOutputStream *out;

  if (conn->stream == NULL || gil_server_stream_get_refused (conn->stream))
    return;

  gil_json_writer_begin_object (writer);
  gil_json_writer_member (writer, "error");
  gil_json_writer_begin_object (writer);
  gil_json_writer_member (writer, "code");
  gil_json_writer_string (writer, "too-large");
  gil_json_writer_member (writer, "message");
  gil_json_writer_string (writer, _("The request body is larger than 64 KiB"));
  gil_json_writer_end_object (writer);
  gil_json_writer_end_object (writer);
  body = gil_json_writer_steal (writer, &length);
  reply = g_strdup_printf ("HTTP/1.1 413 Payload Too Large\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                           "Connection: close\r\n"
                           "\r\n%s", length, body);

  /* Written past libsoup, which would read the whole body first; a fresh
   * connection's buffer takes these few hundred bytes at once. */
  out = g_io_stream_get_output_stream (conn->base);
  g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), reply, strlen (reply),
                                              NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  /* The peer reads the end right after the 413 (it has Connection: close)
   * and closes, which ends the linger at once. */
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  g_message ("refused a request body over %" G_GSIZE_FORMAT " bytes from %s",
             self->options.max_body, conn->host);
  gil_server_stream_refuse_input (conn->stream);
  /* Whatever libsoup reads of the body now, no handler runs for it. */
  soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  GilListener *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  Connection *conn = find (self, msg);

  if (conn == NULL)
    return;
  conn->body_read = 0;
  conn->request_started = 0;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset)self->options.max_body)
    refuse_body (self, conn, msg);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  GilListener *self = user_data;
  Connection *conn = find (self, msg);

  if (conn == NULL)
    return;
  conn->body_read += g_bytes_get_size (chunk);
  if (conn->body_read > self->options.max_body)
    refuse_body (self, conn, msg);
}

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  GilListener *self = user_data;
  Connection *conn = find (self, msg);

  if (conn == NULL)
    return;
  if (conn->stream != NULL)
    gil_server_stream_set_between_requests (conn->stream, FALSE);
  conn->in_handler = FALSE;
  conn->request_started = g_get_monotonic_time ();
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self, 0);
}

static void
on_request_read_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Connection *conn = find (user_data, msg);

  if (conn != NULL)
    conn->in_handler = TRUE;
}

static void
on_request_done_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Connection *conn = find (user_data, msg);

  if (conn == NULL)
    return;
  conn->in_handler = FALSE;
  conn->request_started = 0;
  if (conn->stream != NULL)
    gil_server_stream_set_between_requests (conn->stream, TRUE);
}

/* ── idle connections ────────────────────────────────────────────────── */

static gboolean
on_sweep_cb (gpointer user_data)
{
  GilListener *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 idle_us = (gint64)self->options.idle_timeout * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) stuck = g_ptr_array_new ();
  GHashTableIter iter;
  Connection *conn;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&conn))
    {
      if (conn->stream == NULL || conn->upgraded || conn->in_handler)
        continue;
      if (conn->shut_at != 0)
        {
          if (now - conn->shut_at > SHUT_GRACE_US)
            g_ptr_array_add (stuck, conn);
          continue;
        }
      /* Silent too long, or its headers sent a byte at a time. */
      if (now - gil_server_stream_get_last_read (conn->stream) > idle_us
          || (conn->request_started != 0 && now - conn->request_started > idle_us))
        shut_down (conn);
    }
  for (guint i = 0; i < stuck->len; i++)
    {
      conn = g_ptr_array_index (stuck, i);
      g_message ("closing a connection from %s that did not end by itself", conn->host);
      drop (conn);
    }

  /* What ended connections held (TLS sessions, buffers, the handshake
   * threads' arenas) goes back to the system instead of staying with
   * glibc's allocator for the rest of the day; at most once an idle time. */
  if (self->ended_since_trim > 0 && now - self->trimmed >= idle_us)
    {
      malloc_trim (0);
      self->trimmed = now;
      self->ended_since_trim = 0;
    }
  return G_SOURCE_CONTINUE;
}

/* ── the listener ────────────────────────────────────────────────────── */

static void
listening_free (Listening *l)
{
  if (l->source != NULL)
    {
      g_source_destroy (l->source);
      g_source_unref (l->source);
    }
  if (l->socket != NULL)
    g_socket_close (l->socket, NULL);
  g_clear_object (&l->socket);
  g_free (l->host);
  g_free (l);
}

/* libsoup keeps connections alive only while it has a listener. */
static gboolean
give_soup_a_listener (GilListener  *self,
                      GError      **error)
{
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "socketpair: %s", g_strerror (saved_errno));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      self->keep_alive_pair[i] = g_socket_new_from_fd (fds[i], error);
      if (self->keep_alive_pair[i] == NULL)
        {
          close (fds[i]);
          if (i == 0)
            close (fds[1]);
          return FALSE;
        }
    }
  return soup_server_listen_socket (self->soup, self->keep_alive_pair[0], 0, error);
}

/* The total: as asked, else what the open-file limit leaves beside the
 * reserve. Asked for more than the limit allows, the manager will run out
 * of descriptors under a flood; it then refuses and logs, and goes on. */
static guint
connections_allowed (guint requested)
{
  struct rlimit limit;
  guint64 fds;

  if (requested != 0)
    return requested;
  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    fds = 65536;
  else
    fds = limit.rlim_cur;
  fds = fds > 2 * RESERVED_FDS ? fds - RESERVED_FDS : fds / 2;
  return (guint)MIN (fds, G_MAXUINT / 2);
}

static void
gil_listener_dispose (GObject *object)
{
  GilListener *self = GIL_LISTENER (object);

  gil_listener_stop (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    if (self->signal_ids[i] != 0 && self->soup != NULL)
      g_clear_signal_handler (&self->signal_ids[i], self->soup);
  for (guint i = 0; i < 2; i++)
    g_clear_object (&self->keep_alive_pair[i]);
  g_clear_object (&self->soup);
  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (gil_listener_parent_class)->dispose (object);
}

static void
gil_listener_finalize (GObject *object)
{
  GilListener *self = GIL_LISTENER (object);

  g_ptr_array_unref (self->listening);
  g_hash_table_unref (self->connections);
  g_hash_table_unref (self->per_host);
  g_hash_table_unref (self->known_hosts);
  if (self->spare_fd >= 0)
    close (self->spare_fd);
  G_OBJECT_CLASS (gil_listener_parent_class)->finalize (object);
}

static void
gil_listener_class_init (GilListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_listener_dispose;
  object_class->finalize = gil_listener_finalize;

  /**
   * GilListener::failed:
   *
   * Accepting has failed for good: the manager cannot serve any more and
   * should exit, so that its service manager starts it again.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gil_listener_init (GilListener *self)
{
  self->listening = g_ptr_array_new_with_free_func ((GDestroyNotify)listening_free);
  self->connections = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                             (GDestroyNotify)connection_free);
  self->per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->known_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->spare_fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
}

void
gil_listener_options_init (GilListenerOptions *options)
{
  g_return_if_fail (options != NULL);

  options->idle_timeout = GIL_LISTENER_IDLE_TIMEOUT;
  options->handshake_timeout = GIL_LISTENER_HANDSHAKE_TIMEOUT;
  options->max_connections = 0;
  options->max_per_address = GIL_LISTENER_PER_ADDRESS;
  options->max_body = 64 * 1024;
}

/**
 * gil_listener_new:
 * @soup: the server that answers the requests
 * @certificate: (nullable): speak TLS with it; %NULL for plain HTTP
 *
 * Returns: (transfer full): a listener; call gil_listener_listen() next
 */
GilListener *
gil_listener_new (SoupServer               *soup,
                  GTlsCertificate          *certificate,
                  const GilListenerOptions *options)
{
  GilListener *self;
  g_autoptr(GError) error = NULL;
  guint sweep_s;

  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->idle_timeout > 0 && options->handshake_timeout > 0, NULL);
  g_return_val_if_fail (options->max_per_address > 0, NULL);

  self = g_object_new (GIL_TYPE_LISTENER, NULL);
  self->soup = g_object_ref (soup);
  self->certificate = certificate != NULL ? g_object_ref (certificate) : NULL;
  self->options = *options;
  self->max_connections = connections_allowed (options->max_connections);
  self->headroom = MIN (KNOWN_HEADROOM, self->max_connections / 8);
  if (!give_soup_a_listener (self, &error))
    g_warning ("kept-alive connections will be closed after each request: %s", error->message);

  self->signal_ids[0] = g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  self->signal_ids[1] = g_signal_connect (soup, "request-read", G_CALLBACK (on_request_read_cb), self);
  self->signal_ids[2] = g_signal_connect (soup, "request-finished", G_CALLBACK (on_request_done_cb), self);
  self->signal_ids[3] = g_signal_connect (soup, "request-aborted", G_CALLBACK (on_request_done_cb), self);

  sweep_s = CLAMP (options->idle_timeout / 4, 1, SWEEP_MAX_S);
  self->sweep_id = g_timeout_add_seconds (sweep_s, on_sweep_cb, self);
  return self;
}

static void
watch_listening (GilListener *self,
                 Listening   *l)
{
  l->source = g_socket_create_source (l->socket, G_IO_IN, NULL);
  g_source_set_callback (l->source, G_SOURCE_FUNC (on_incoming_cb), self, NULL);
  g_source_attach (l->source, NULL);
}

static void
listen_again (GilListener *self)
{
  for (guint i = 0; i < self->listening->len; i++)
    {
      Listening *l = self->listening->pdata[i];

      if (l->source == NULL)
        watch_listening (self, l);
    }
}

/**
 * gil_listener_listen:
 * @address: where to listen: an address of this computer, or any
 * @port: the TCP port, or 0 for one the kernel picks (then the same one
 *   is used for every later address)
 */
gboolean
gil_listener_listen (GilListener   *self,
                     GInetAddress  *address,
                     guint          port,
                     GError       **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  GSocketFamily family;
  Listening *l;

  g_return_val_if_fail (GIL_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if (port == 0)
    port = gil_listener_get_port (self);
  family = g_inet_address_get_family (address);
  socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  /* "::" serves IPv6 alone; 0.0.0.0 has its own socket. */
  if (family == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  bind_address = g_inet_socket_address_new (address, port);
  if (!g_socket_bind (socket, bind_address, TRUE, error))
    return FALSE;
  g_socket_set_listen_backlog (socket, GIL_LISTENER_BACKLOG);
  if (!g_socket_listen (socket, error))
    return FALSE;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;

  l = g_new0 (Listening, 1);
  l->socket = g_steal_pointer (&socket);
  l->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  l->ipv6 = family == G_SOCKET_FAMILY_IPV6;
  l->host = g_inet_address_to_string (address);
  watch_listening (self, l);
  g_ptr_array_add (self->listening, l);
  return TRUE;
}

/* The port listened on, or 0 before any. */
guint
gil_listener_get_port (GilListener *self)
{
  g_return_val_if_fail (GIL_IS_LISTENER (self), 0);

  return self->listening->len > 0 ? ((Listening *)self->listening->pdata[0])->port : 0;
}

/**
 * gil_listener_dup_uris:
 *
 * Returns: (transfer full): "http://127.0.0.1:8470" and the like, one for
 *   each address listened on
 */
GStrv
gil_listener_dup_uris (GilListener *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GIL_IS_LISTENER (self), NULL);

  for (guint i = 0; i < self->listening->len; i++)
    {
      Listening *l = self->listening->pdata[i];
      g_autofree char *uri = g_strdup_printf ("%s://%s%s%s:%u",
                                              self->certificate != NULL ? "https" : "http",
                                              l->ipv6 ? "[" : "", l->host, l->ipv6 ? "]" : "",
                                              l->port);

      g_strv_builder_add (builder, uri);
    }
  return g_strv_builder_end (builder);
}

guint
gil_listener_get_max_connections (GilListener *self)
{
  g_return_val_if_fail (GIL_IS_LISTENER (self), 0);
  return self->max_connections;
}

guint
gil_listener_get_n_connections (GilListener *self)
{
  g_return_val_if_fail (GIL_IS_LISTENER (self), 0);
  return g_hash_table_size (self->connections);
}

/**
 * gil_listener_note_station:
 * @msg: a request a paired station (or the admin) was served
 *
 * Its address may use the headroom kept for stations from now on.
 */
void
gil_listener_note_station (GilListener       *self,
                           SoupServerMessage *msg)
{
  const char *host;

  g_return_if_fail (GIL_IS_LISTENER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  host = soup_server_message_get_remote_host (msg);
  if (host == NULL || g_hash_table_contains (self->known_hosts, host))
    return;
  /* Bounded: a clinic has tens of stations, not thousands of addresses. */
  if (g_hash_table_size (self->known_hosts) >= KNOWN_HOSTS_MAX)
    g_hash_table_remove_all (self->known_hosts);
  g_hash_table_add (self->known_hosts, g_strdup (host));
}

/* @msg's connection became a WebSocket: the event hub's pings watch it. */
void
gil_listener_note_upgrade (GilListener       *self,
                           SoupServerMessage *msg)
{
  Connection *conn;

  g_return_if_fail (GIL_IS_LISTENER (self));
  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  conn = find (self, msg);
  if (conn != NULL)
    conn->upgraded = TRUE;
}

/* Stops accepting and closes every connection not yet libsoup's. */
void
gil_listener_stop (GilListener *self)
{
  GHashTableIter iter;
  Connection *conn;

  g_return_if_fail (GIL_IS_LISTENER (self));

  self->stopped = TRUE;
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  g_clear_handle_id (&self->resume_id, g_source_remove);
  g_ptr_array_set_size (self->listening, 0);
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&conn))
    if (conn->stream == NULL)
      g_hash_table_iter_remove (&iter);
}

/**
 * gil_listener_raise_file_limit:
 * @limit: (out) (optional): the soft limit now
 *
 * Raises the soft limit on open descriptors to the hard one, as far as the
 * kernel allows (systemd starts services at 1,024 with a hard limit far
 * above).
 *
 * Returns: whether the limit is now the hard one
 */
gboolean
gil_listener_raise_file_limit (guint64 *limit)
{
  struct rlimit rl;
  gboolean raised = FALSE;

  if (getrlimit (RLIMIT_NOFILE, &rl) != 0)
    return FALSE;
  if (rl.rlim_cur != rl.rlim_max)
    {
      struct rlimit wanted = rl;

      wanted.rlim_cur = rl.rlim_max;
      if (wanted.rlim_cur == RLIM_INFINITY)
        wanted.rlim_cur = 1024 * 1024;
      raised = setrlimit (RLIMIT_NOFILE, &wanted) == 0;
      if (raised)
        rl = wanted;
    }
  else
    raised = TRUE;
  if (limit != NULL)
    *limit = rl.rlim_cur;
  return raised;
}
