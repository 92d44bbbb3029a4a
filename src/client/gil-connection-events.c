/* gil-connection-events.c — the event stream: one WebSocket, kept open
 *
 * Events are passed on strictly in seq order and never twice: a repeat is
 * dropped, and a gap means the stream lost something, so the socket is
 * dropped and reopened from the last seq the client has; the manager then
 * replays what was missed. A socket that stays silent for 15 s (pings go
 * out every 5 s) is dropped the same way. A station that has nothing asks
 * for a snapshot first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>

#include "gil-connection-private.h"

#define RECONNECT_BASE_MS   250
#define RECONNECT_MAX_MS    5000
#define PING_INTERVAL_MS    5000
#define SILENCE_LIMIT_US    (15 * G_USEC_PER_SEC)
/* A snapshot holds every open stop of the day; the default 128 KiB may not
 * be enough for a busy puskesmas. */
#define MAX_MESSAGE_SIZE    (64 * 1024 * 1024)

static void connect_events (GilConnection *self);

static void
on_dropped_socket_closed_cb (SoupWebsocketConnection *socket,
                             gpointer                 user_data)
{
  /* The reference drop_socket() left for the close to complete. */
  g_object_unref (socket);
}

/* Lets the socket go: a close frame for the manager, and the socket keeps
 * itself until the close completes (at most 5 s for a silent peer). Never
 * the last unref inside one of the socket's own signals, which libsoup
 * does not survive. */
static void
drop_socket (GilConnection *self)
{
  SoupWebsocketConnection *socket = g_steal_pointer (&self->socket);

  _gil_connection_clear_source (&self->ping_source);
  _gil_connection_clear_source (&self->silence_source);
  if (socket == NULL)
    return;

  g_signal_handlers_disconnect_by_data (socket, self);
  switch (soup_websocket_connection_get_state (socket))
    {
    case SOUP_WEBSOCKET_STATE_OPEN:
      g_signal_connect (socket, "closed", G_CALLBACK (on_dropped_socket_closed_cb), NULL);
      soup_websocket_connection_close (socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSING:
      g_signal_connect (socket, "closed", G_CALLBACK (on_dropped_socket_closed_cb), NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSED:
    default:
      g_object_unref (socket);
      break;
    }
}

static gboolean
on_reconnect_timeout_cb (gpointer user_data)
{
  GilConnection *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  connect_events (self);
  return G_SOURCE_REMOVE;
}

/* Full-jitter exponential backoff: a random wait up to 250 ms, 500 ms, …,
 * never more than 5 s, so many stations do not all come back at once. */
static void
schedule_reconnect (GilConnection *self)
{
  guint cap;

  if (!self->events_running || self->reconnect_source != NULL)
    return;

  cap = RECONNECT_BASE_MS << MIN (self->failures, 5);
  cap = MIN (cap, RECONNECT_MAX_MS);
  self->failures++;
  self->reconnect_source = _gil_connection_add_timeout (self, g_random_int_range (0, cap + 1), on_reconnect_timeout_cb);
}

/* The socket is gone or useless: offline, and back again from last-seq. */
static void
restart_events (GilConnection *self)
{
  drop_socket (self);
  self->stream_lost = TRUE;
  _gil_connection_set_online (self, FALSE);
  schedule_reconnect (self);
}

static void
send_ping (GilConnection *self)
{
  if (self->socket != NULL &&
      soup_websocket_connection_get_state (self->socket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->socket, "{\"type\":\"ping\"}");
}

static gboolean
on_ping_timeout_cb (gpointer user_data)
{
  send_ping (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean on_silence_timeout_cb (gpointer user_data);

static void
watch_silence (GilConnection *self)
{
  gint64 left = self->last_heard + SILENCE_LIMIT_US - g_get_monotonic_time ();

  _gil_connection_clear_source (&self->silence_source);
  self->silence_source = _gil_connection_add_timeout (self, MAX (left, 0) / 1000 + 1, on_silence_timeout_cb);
}

static gboolean
on_silence_timeout_cb (gpointer user_data)
{
  GilConnection *self = user_data;

  if (g_get_monotonic_time () - self->last_heard >= SILENCE_LIMIT_US)
    {
      g_debug ("the manager was silent for %d s; reconnecting",
               (int)(SILENCE_LIMIT_US / G_USEC_PER_SEC));
      g_clear_pointer (&self->silence_source, g_source_unref);
      restart_events (self);
    }
  else
    watch_silence (self);   /* heard since: wait for the rest */
  return G_SOURCE_REMOVE;
}

/* One event with a seq: passed on only if it is the next one. */
static void
handle_event (GilConnection *self,
              JsonObject    *event,
              gint64         seq,
              const char    *type)
{
  /* A manager that replays where a snapshot was asked for: from 0. */
  self->has_nothing = FALSE;
  if (seq <= self->last_seq)
    return;   /* a repeat of what was passed on already */

  if (seq != self->last_seq + 1)
    {
      /* Something was lost: reopen from what we have and let the manager
       * replay it. If the replay skips the same seq again, the manager no
       * longer has it, and the stream goes on from here. */
      if (seq != self->gap_seq)
        {
          g_debug ("event %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT "; reconnecting",
                   seq, self->last_seq);
          self->gap_seq = seq;
          restart_events (self);
          return;
        }
      g_debug ("the manager has no events from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
               self->last_seq + 1, seq - 1);
    }

  if (seq >= self->gap_seq)
    self->gap_seq = 0;
  _gil_connection_set_last_seq (self, seq);
  _gil_connection_emit_event (self, type, event);
}

static void
on_socket_message_cb (SoupWebsocketConnection *socket,
                      int                      data_type,
                      GBytes                  *message,
                      gpointer                 user_data)
{
  GilConnection *self = user_data;
  G_GNUC_UNUSED g_autoptr(GilConnection) hold = g_object_ref (self);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  JsonObject *object;
  JsonNode *root;
  JsonNode *seq_node;
  JsonNode *log_node;
  const char *type;
  const char *log = NULL;

  self->last_heard = g_get_monotonic_time ();
  self->failures = 0;
  _gil_connection_set_online (self, TRUE);
  if (self->stream_lost)
    {
      self->stream_lost = FALSE;
      _gil_connection_resend_stranded_requests (self);
    }

  if (data_type != SOUP_WEBSOCKET_DATA_TEXT ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("ignoring an event message that is not a JSON object");
      return;
    }

  object = json_node_get_object (root);
  type = json_object_get_string_member_with_default (object, "type", "");
  seq_node = json_object_get_member (object, "seq");
  log_node = json_object_get_member (object, "log");
  if (log_node != NULL && JSON_NODE_HOLDS_VALUE (log_node) &&
      json_node_get_value_type (log_node) == G_TYPE_STRING)
    log = json_node_get_string (log_node);

  if (g_str_equal (type, "pong"))
    return;

  if (g_str_equal (type, "snapshot"))
    {
      /* The whole state as of its seq, in its log: what came before no
       * longer matters. */
      if (seq_node != NULL && json_node_get_value_type (seq_node) == G_TYPE_INT64)
        _gil_connection_set_last_seq (self, json_node_get_int (seq_node));
      _gil_connection_set_log (self, log);
      self->gap_seq = 0;
      self->has_nothing = FALSE;
      _gil_connection_emit_snapshot (self, object);
      return;
    }

  if (seq_node == NULL || json_node_get_value_type (seq_node) != G_TYPE_INT64)
    {
      g_debug ("ignoring an event message of type “%s” without a seq", type);
      return;
    }
  if (log != NULL && self->log != NULL && !g_str_equal (log, self->log))
    {
      /* Its seq counts in another log than ours: reconnecting with ours
       * brings a snapshot. */
      g_debug ("event %" G_GINT64_FORMAT " is from log %s, not %s; reconnecting",
               json_node_get_int (seq_node), log, self->log);
      restart_events (self);
      return;
    }
  _gil_connection_set_log (self, log);
  handle_event (self, object, json_node_get_int (seq_node), type);
}

static void
on_socket_closed_cb (SoupWebsocketConnection *socket,
                     gpointer                 user_data)
{
  GilConnection *self = user_data;

  g_debug ("the event socket closed (code %u)", soup_websocket_connection_get_close_code (socket));
  restart_events (self);
}

static void
on_socket_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SoupWebsocketConnection) socket = NULL;
  g_autoptr(GError) error = NULL;
  GilConnection *self;

  socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  /* Cancelled by stop_events() or dispose: self may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->connect_cancellable);

  if (socket == NULL)
    {
      /* A refused certificate is tried again too: the station shows it is
       * offline, and a request says why. */
      g_debug ("cannot open the event socket: %s", error->message);
      self->stream_lost = TRUE;
      _gil_connection_set_online (self, FALSE);
      schedule_reconnect (self);
      return;
    }

  self->socket = g_steal_pointer (&socket);
  soup_websocket_connection_set_max_incoming_payload_size (self->socket, MAX_MESSAGE_SIZE);
  g_signal_connect (self->socket, "message", G_CALLBACK (on_socket_message_cb), self);
  g_signal_connect (self->socket, "closed", G_CALLBACK (on_socket_closed_cb), self);

  /* The first pong says the manager is there even when nothing happens. */
  self->last_heard = g_get_monotonic_time ();
  send_ping (self);
  self->ping_source = _gil_connection_add_timeout (self, PING_INTERVAL_MS, on_ping_timeout_cb);
  watch_silence (self);
}

static void
connect_events (GilConnection *self)
{
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_assert (self->socket == NULL);
  g_assert (self->connect_cancellable == NULL);

  /* Without since: the manager's state first, not its log. */
  if (self->has_nothing)
    uri = g_strdup_printf ("%s/api/v1/events", self->base_url);
  else if (self->log != NULL)
    {
      g_autofree char *log = g_uri_escape_string (self->log, NULL, FALSE);

      uri = g_strdup_printf ("%s/api/v1/events?since=%" G_GINT64_FORMAT "&log=%s", self->base_url,
                             MAX (self->last_seq, 0), log);
    }
  else
    uri = g_strdup_printf ("%s/api/v1/events?since=%" G_GINT64_FORMAT, self->base_url,
                           MAX (self->last_seq, 0));
  msg = soup_message_new ("GET", uri);
  if (msg == NULL)
    {
      g_warning ("“%s” is not a valid address", uri);
      return;
    }
  if (!_gil_connection_check_pinned_scheme (self, NULL))
    {
      g_warning ("a pinned certificate needs an https:// address, not %s", self->base_url);
      return;
    }
  _gil_connection_prepare_message (self, msg);

  self->connect_cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->connect_cancellable,
                                        on_socket_connected_cb, self);
}

/**
 * gil_connection_start_events:
 * @since: the last seq the caller has; events after it are delivered.
 *   %GIL_CONNECTION_SINCE_NOTHING when it has nothing: the stream starts
 *   with a snapshot (#GilConnection::snapshot) and goes on from its seq
 *
 * Opens the event stream and keeps it open, reconnecting by itself, until
 * gil_connection_stop_events(). Each event is emitted as #GilConnection::event
 * in seq order, once.
 */
void
gil_connection_start_events (GilConnection *self,
                             gint64         since)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (since >= 0 || since == GIL_CONNECTION_SINCE_NOTHING);

  gil_connection_stop_events (self);

  self->events_running = TRUE;
  self->failures = 0;
  self->gap_seq = 0;
  self->stream_lost = FALSE;
  self->has_nothing = since == GIL_CONNECTION_SINCE_NOTHING;
  _gil_connection_set_last_seq (self, MAX (since, 0));
  connect_events (self);
}

/* No reconnect waits and no connect is under way afterwards. */
static void
cancel_connecting (GilConnection *self)
{
  _gil_connection_clear_source (&self->reconnect_source);
  if (self->connect_cancellable != NULL)
    {
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
    }
}

void
gil_connection_stop_events (GilConnection *self)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));

  self->events_running = FALSE;
  _gil_connection_profile_stop (self);
  cancel_connecting (self);
  drop_socket (self);
  _gil_connection_set_online (self, FALSE);
}

/* For gil_connection_set_address(): a running stream starts over at the
 * connection's new address, from the last seq it had. */
void
_gil_connection_reconnect_events (GilConnection *self)
{
  if (!self->events_running)
    return;
  cancel_connecting (self);
  self->failures = 0;
  restart_events (self);
}
