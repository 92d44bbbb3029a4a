/* gil-test-events.c — a manager's event stream (/api/v1/events) read
 * over its WebSocket, as plainly as a test wants it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-test-events.h"

#define ANSWER_S 10

static void
on_message_cb (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *message,
               gpointer                 user_data)
{
  GilTestEvents *events = user_data;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);
  g_autofree char *text = g_strndup (data, length);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  g_assert_nonnull (node);
  g_ptr_array_add (events->messages, json_object_ref (json_node_get_object (node)));
  g_main_loop_quit (events->loop);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GilTestEvents *events = user_data;

  events->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                              &events->error);
  if (events->connection != NULL)
    g_signal_connect (events->connection, "message", G_CALLBACK (on_message_cb), events);
  g_main_loop_quit (events->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("the event stream did not answer in time");
  return G_SOURCE_REMOVE;
}

/**
 * gil_test_events_open:
 * @token: sent as a Bearer token
 * @since: the last sequence number the station has seen, or -1 for
 *   none (the stream is opened without since)
 *
 * Opens the stream and waits for the handshake, for up to ten seconds. A
 * refused handshake is no failure here: the stream then has no connection,
 * and its status and error say why.
 *
 * Returns: (transfer full): the stream, for gil_test_events_close()
 */
GilTestEvents *
gil_test_events_open (const char *url,
                      const char *token,
                      gint64      since)
{
  GilTestEvents *events = g_new0 (GilTestEvents, 1);
  g_autofree char *uri = since < 0 ? g_strdup_printf ("%s/api/v1/events", url)
                                   : g_strdup_printf ("%s/api/v1/events?since=%" G_GINT64_FORMAT, url, since);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  guint timeout;

  events->loop = g_main_loop_new (NULL, FALSE);
  events->session = soup_session_new ();
  events->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (events->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected_cb, events);
  timeout = g_timeout_add_seconds (ANSWER_S, on_timeout_cb, NULL);
  g_main_loop_run (events->loop);
  g_source_remove (timeout);
  events->status = soup_message_get_status (msg);
  return events;
}

/* Waits until @count messages have arrived in all; fails the test after
 * ten seconds. */
void
gil_test_events_wait (GilTestEvents *events,
                      guint          count)
{
  guint timeout = g_timeout_add_seconds (ANSWER_S, on_timeout_cb, NULL);

  while (events->messages->len < count)
    g_main_loop_run (events->loop);
  g_source_remove (timeout);
}

/* Sends a ping and waits for its pong. Messages come in order: once the
 * pong is in, every event the manager sent before it is too. */
void
gil_test_events_ping (GilTestEvents *events)
{
  guint count = events->messages->len;

  soup_websocket_connection_send_text (events->connection, "{\"type\":\"ping\"}");
  gil_test_events_wait (events, count + 1);
}

/* The type of the message at @index. */
const char *
gil_test_events_type (GilTestEvents *events,
                      guint          index)
{
  g_assert_cmpuint (index, <, events->messages->len);
  return json_object_get_string_member (g_ptr_array_index (events->messages, index), "type");
}

void
gil_test_events_close (GilTestEvents *events)
{
  if (events->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (events->connection, events);
      /* Not one the server has closed already. */
      if (soup_websocket_connection_get_state (events->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (events->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (events->connection);
    }
  g_clear_error (&events->error);
  g_object_unref (events->session);
  g_ptr_array_unref (events->messages);
  g_main_loop_unref (events->loop);
  g_free (events);
}
