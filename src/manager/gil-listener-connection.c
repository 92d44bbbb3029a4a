/* gil-listener-connection.c — one accepted connection, from its TLS
 * handshake to its close
 *
 * How the listener keeps each connection it handed to libsoup: what
 * libsoup's signals say of its requests, the idle sweep, a refused body
 * and the linger after it, the close. See gil-listener.c for why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "gil-error-codes.h"
#include "gil-json-writer.h"
#include "gil-listener-private.h"

/* ── connections ─────────────────────────────────────────────────────── */

void
gil_listener_count_host (GilListener *self,
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

void
gil_listener_connection_free (Connection *conn)
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
  gil_listener_count_host (self, conn->host, -1);
  g_clear_object (&conn->base);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->local);
  g_clear_object (&conn->remote);
  g_free (conn->host);
  g_free (conn);
}

/* Ends @conn here and now: the descriptor is closed, and libsoup, if it
 * had the connection, finds it closed. */
void
gil_listener_drop (Connection *conn)
{
  g_debug ("connection from %s port %u ends%s", conn->host,
           g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (conn->remote)),
           conn->stream != NULL ? " under libsoup" : "");
  g_hash_table_remove (conn->listener->connections, conn->remote);
}

Connection *
gil_listener_find (GilListener       *self,
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
      gil_listener_drop (conn);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_linger_timeout_cb (gpointer user_data)
{
  gil_listener_drop (user_data);
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
    gil_listener_drop (conn);
}

/* The connection is ready for HTTP: libsoup takes it. */
void
gil_listener_hand_to_soup (Connection *conn)
{
  GilListener *self = conn->listener;
  g_autoptr(GilServerStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = gil_server_stream_new (conn->base, conn->socket, on_stream_closed, conn);
  conn->stream = stream;
  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (stream), conn->local, conn->remote, &error))
    {
      g_message ("cannot serve a connection from %s: %s", conn->host, error->message);
      gil_listener_drop (conn);
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
        gil_listener_hand_to_soup (conn);
      else
        {
          g_debug ("TLS handshake with %s failed: %s", conn->host, error->message);
          gil_listener_drop (conn);
        }
    }
  g_object_unref (self);
}

void
gil_listener_start_tls (Connection      *conn,
           GIOStream       *tcp)
{
  GilListener *self = conn->listener;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  tls = g_tls_server_connection_new (tcp, self->certificate, &error);
  if (tls == NULL)
    {
      g_message ("cannot speak TLS with %s: %s", conn->host, error->message);
      gil_listener_drop (conn);
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

void
gil_listener_set_socket_options (GSocket *socket)
{
  /* A station switched off mid-connection is noticed by the kernel. */
  g_socket_set_keepalive (socket, TRUE);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPIDLE, KEEPALIVE_IDLE_S, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPINTVL, KEEPALIVE_INTERVAL, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_KEEPCNT, KEEPALIVE_COUNT, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_USER_TIMEOUT, USER_TIMEOUT_MS, NULL);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
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
  gil_json_writer_string (writer, gil_error_code_to_string (GIL_ERROR_CODE_TOO_LARGE));
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
  Connection *conn = gil_listener_find (self, msg);

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
  Connection *conn = gil_listener_find (self, msg);

  if (conn == NULL)
    return;
  conn->body_read += g_bytes_get_size (chunk);
  if (conn->body_read > self->options.max_body)
    refuse_body (self, conn, msg);
}

void
gil_listener_on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  GilListener *self = user_data;
  Connection *conn = gil_listener_find (self, msg);

  if (conn == NULL)
    return;
  if (conn->stream != NULL)
    gil_server_stream_set_between_requests (conn->stream, FALSE);
  conn->in_handler = FALSE;
  conn->request_started = g_get_monotonic_time ();
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self, 0);
}

void
gil_listener_on_request_read_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Connection *conn = gil_listener_find (user_data, msg);

  if (conn != NULL)
    conn->in_handler = TRUE;
}

void
gil_listener_on_request_done_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Connection *conn = gil_listener_find (user_data, msg);

  if (conn == NULL)
    return;
  conn->in_handler = FALSE;
  conn->request_started = 0;
  if (conn->stream != NULL)
    gil_server_stream_set_between_requests (conn->stream, TRUE);
}

/* ── idle connections ────────────────────────────────────────────────── */

gboolean
gil_listener_on_sweep_cb (gpointer user_data)
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
      gil_listener_drop (conn);
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

