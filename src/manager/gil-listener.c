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
#include <netinet/in.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gil-listener-private.h"

static const char * const refusal_text[N_REFUSALS] = {
  "too many from one address",
  "too many connections",
};

enum
{
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GilListener, gil_listener, G_TYPE_OBJECT)

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

  gil_listener_set_socket_options (socket);
  conn = g_new0 (Connection, 1);
  conn->listener = self;
  conn->socket = g_object_ref (socket);
  conn->remote = g_steal_pointer (&remote);
  conn->local = g_steal_pointer (&local);
  conn->host = g_steal_pointer (&host);
  gil_listener_count_host (self, conn->host, 1);
  g_hash_table_insert (self->connections, conn->remote, conn);

  tcp = G_IO_STREAM (g_socket_connection_factory_create_connection (socket));
  if (self->certificate != NULL)
    gil_listener_start_tls (conn, tcp);
  else
    {
      conn->base = g_steal_pointer (&tcp);
      gil_listener_hand_to_soup (conn);
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
                                             (GDestroyNotify)gil_listener_connection_free);
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

  self->signal_ids[0] = g_signal_connect (soup, "request-started", G_CALLBACK (gil_listener_on_request_started_cb), self);
  self->signal_ids[1] = g_signal_connect (soup, "request-read", G_CALLBACK (gil_listener_on_request_read_cb), self);
  self->signal_ids[2] = g_signal_connect (soup, "request-finished", G_CALLBACK (gil_listener_on_request_done_cb), self);
  self->signal_ids[3] = g_signal_connect (soup, "request-aborted", G_CALLBACK (gil_listener_on_request_done_cb), self);

  sweep_s = CLAMP (options->idle_timeout / 4, 1, SWEEP_MAX_S);
  self->sweep_id = g_timeout_add_seconds (sweep_s, gil_listener_on_sweep_cb, self);
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

  conn = gil_listener_find (self, msg);
  if (conn == NULL)
    return;
  conn->upgraded = TRUE;
  if (conn->stream != NULL)
    gil_server_stream_set_upgraded (conn->stream);
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

  g_return_val_if_fail (limit != NULL, FALSE);

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
