/* gil-event-hub.c — the WebSocket event stream
 *
 * A client connects with the last sequence number it has; it first gets
 * every event after that (or a snapshot when those are not kept), then each
 * event as it commits. The manager is single-threaded, so publishing right
 * after a COMMIT keeps every client's stream in sequence order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "gil-api-json.h"
#include "gil-event-hub.h"
#include "gil-events.h"
#include "gil-queue.h"
#include "gil-rooms.h"

#define SILENCE_LIMIT_US (15 * G_USEC_PER_SEC)
#define CHECK_INTERVAL_S 5
#define REPLAY_BATCH     1000

typedef struct
{
  GilEventHub             *hub;
  SoupWebsocketConnection *connection;
  gint64                   station;
  gboolean                 with_names;
  gint64                   sent_seq;
  gint64                   last_heard;
  gulong                   message_id;
  gulong                   closed_id;
} Client;

struct _GilEventHub
{
  GObject    parent_instance;

  GilStore  *store;
  GPtrArray *clients;    /* element-type Client */
  gint64     published;  /* the last seq sent to live clients */
  char      *log;        /* the event log's id: a seq means something only with it */
  guint      check_id;
};

G_DEFINE_FINAL_TYPE (GilEventHub, gil_event_hub, G_TYPE_OBJECT)

static void
client_free (Client *client)
{
  g_clear_signal_handler (&client->message_id, client->connection);
  g_clear_signal_handler (&client->closed_id, client->connection);
  if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&client->connection);
  g_free (client);
}

static void
send_text (Client     *client,
           const char *text)
{
  if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (client->connection, text);
}

static void
send_event (Client         *client,
            const GilEvent *event)
{
  g_autofree char *message = NULL;

  if (event->seq <= client->sent_seq)
    return;
  message = gil_api_event_message (event, client->hub->log);
  send_text (client, message);
  client->sent_seq = event->seq;
}

static void
send_snapshot (Client *client)
{
  GilStore *store = client->hub->store;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) rooms = gil_rooms_list (store, NULL);
  g_autofree char *text = NULL;
  gint64 seq = gil_events_last_seq (store);
  GilJsonFlags flags = client->with_names ? GIL_JSON_WITH_NAMES : 0;

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "type");
  gil_json_writer_string (builder, "snapshot");
  gil_json_writer_member (builder, "seq");
  gil_json_writer_int (builder, seq);
  if (client->hub->log != NULL)
    {
      gil_json_writer_member (builder, "log");
      gil_json_writer_string (builder, client->hub->log);
    }
  gil_json_writer_member (builder, "rooms");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    gil_api_add_room (builder, g_ptr_array_index (rooms, i), TRUE);
  gil_json_writer_end_array (builder);
  gil_json_writer_member (builder, "stops");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      GilRoom *room = g_ptr_array_index (rooms, i);
      g_auto(GilRoomQueue) queue = { 0 };

      if (!gil_queue_list_room (store, room->id, &queue, NULL))
        continue;
      for (guint j = 0; j < queue.called->len; j++)
        gil_api_add_stop (builder, g_ptr_array_index (queue.called, j), flags);
      for (guint j = 0; j < queue.serving->len; j++)
        gil_api_add_stop (builder, g_ptr_array_index (queue.serving, j), flags);
      for (guint j = 0; j < queue.waiting->len; j++)
        gil_api_add_stop (builder, g_ptr_array_index (queue.waiting, j), flags);
    }
  gil_json_writer_end_array (builder);
  gil_json_writer_end_object (builder);

  text = gil_json_writer_steal (builder, NULL);
  send_text (client, text);
  client->sent_seq = seq;
}

/* Sends a client everything after what it has, in batches. */
static void
catch_up (Client *client)
{
  for (;;)
    {
      g_autoptr(GPtrArray) events = gil_events_since (client->hub->store, client->sent_seq,
                                                      REPLAY_BATCH, NULL);

      if (events == NULL || events->len == 0)
        return;
      for (guint i = 0; i < events->len; i++)
        send_event (client, g_ptr_array_index (events, i));
    }
}

static void
on_message_cb (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *message,
               gpointer                 user_data)
{
  Client *client = user_data;
  g_autoptr(JsonNode) node = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);

  client->last_heard = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT || data == NULL)
    return;
  {
    g_autofree char *text = g_strndup (data, length);

    node = json_from_string (text, NULL);
  }
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      /* Read "type" only as a string: json-glib's own getters complain
       * (a critical warning) about an object or array there. */
      JsonNode *kind = json_object_get_member (json_node_get_object (node), "type");

      if (kind != NULL && JSON_NODE_HOLDS_VALUE (kind) &&
          json_node_get_value_type (kind) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (kind), "ping") == 0)
        send_text (client, "{\"type\":\"pong\"}");
    }
}

static void
on_closed_cb (SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  Client *client = user_data;

  g_ptr_array_remove (client->hub->clients, client);
}

static gboolean
check_silence_cb (gpointer user_data)
{
  GilEventHub *self = user_data;
  gint64 now = g_get_monotonic_time ();

  for (guint i = self->clients->len; i > 0; i--)
    {
      Client *client = g_ptr_array_index (self->clients, i - 1);

      if (now - client->last_heard > SILENCE_LIMIT_US)
        {
          g_debug ("dropping a silent event client (station %" G_GINT64_FORMAT ")", client->station);
          g_ptr_array_remove_index (self->clients, i - 1);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
gil_event_hub_dispose (GObject *object)
{
  GilEventHub *self = (GilEventHub *)object;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gil_event_hub_parent_class)->dispose (object);
}

static void
gil_event_hub_finalize (GObject *object)
{
  GilEventHub *self = (GilEventHub *)object;

  g_free (self->log);

  G_OBJECT_CLASS (gil_event_hub_parent_class)->finalize (object);
}

static void
gil_event_hub_class_init (GilEventHubClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gil_event_hub_dispose;
  G_OBJECT_CLASS (klass)->finalize = gil_event_hub_finalize;
}

static void
gil_event_hub_init (GilEventHub *self)
{
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify)client_free);
}

GilEventHub *
gil_event_hub_new (GilStore *store)
{
  GilEventHub *self;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  self = g_object_new (GIL_TYPE_EVENT_HUB, NULL);
  self->store = g_object_ref (store);
  self->published = gil_events_last_seq (store);
  /* Read once: it changes only by a restore, with the manager stopped. */
  self->log = gil_events_dup_log_id (store);
  self->check_id = g_timeout_add_seconds (CHECK_INTERVAL_S, check_silence_cb, self);
  return self;
}

/**
 * gil_event_hub_add:
 * @since: the last sequence number the client has
 * @with_names: whether the client may see patient names (not displays)
 * @log: (nullable): the id of the log @since is in, when the client knows it
 */
void
gil_event_hub_add (GilEventHub             *self,
                   SoupWebsocketConnection *connection,
                   gint64                   station,
                   gboolean                 with_names,
                   gint64                   since,
                   const char              *log)
{
  Client *client;
  gint64 last;

  g_return_if_fail (GIL_IS_EVENT_HUB (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (connection));

  client = g_new0 (Client, 1);
  client->hub = self;
  client->connection = g_object_ref (connection);
  client->station = station;
  client->with_names = with_names;
  client->last_heard = g_get_monotonic_time ();
  client->sent_seq = since;
  client->message_id = g_signal_connect (connection, "message", G_CALLBACK (on_message_cb), client);
  client->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (on_closed_cb), client);
  g_ptr_array_add (self->clients, client);

  /* A client ahead of this database, or whose seq is from another log (a
   * backup put back, or another manager), cannot resume: it gets the
   * whole state instead. */
  last = gil_events_last_seq (self->store);
  if (since < 0 || since > last || (log != NULL && g_strcmp0 (log, self->log) != 0))
    send_snapshot (client);
  else
    catch_up (client);
}

/**
 * gil_event_hub_publish:
 *
 * Sends every client the events committed since the last publish.
 */
void
gil_event_hub_publish (GilEventHub *self)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_if_fail (GIL_IS_EVENT_HUB (self));

  for (;;)
    {
      events = gil_events_since (self->store, self->published, REPLAY_BATCH, NULL);
      if (events == NULL || events->len == 0)
        return;

      for (guint i = 0; i < events->len; i++)
        {
          GilEvent *event = g_ptr_array_index (events, i);
          g_autofree char *message = NULL;

          /* The message is the same for every client: written once. */
          for (guint c = 0; c < self->clients->len; c++)
            {
              Client *client = g_ptr_array_index (self->clients, c);

              if (event->seq <= client->sent_seq)
                continue;
              if (message == NULL)
                message = gil_api_event_message (event, self->log);
              send_text (client, message);
              client->sent_seq = event->seq;
            }
          self->published = event->seq;
        }
      g_clear_pointer (&events, g_ptr_array_unref);
    }
}

void
gil_event_hub_close_station (GilEventHub *self,
                             gint64       station)
{
  g_return_if_fail (GIL_IS_EVENT_HUB (self));

  for (guint i = self->clients->len; i > 0; i--)
    {
      Client *client = g_ptr_array_index (self->clients, i - 1);

      if (client->station == station)
        g_ptr_array_remove_index (self->clients, i - 1);
    }
}

void
gil_event_hub_close_all (GilEventHub *self)
{
  g_return_if_fail (GIL_IS_EVENT_HUB (self));

  g_ptr_array_set_size (self->clients, 0);
}

guint
gil_event_hub_get_n_clients (GilEventHub *self)
{
  g_return_val_if_fail (GIL_IS_EVENT_HUB (self), 0);

  return self->clients->len;
}

/**
 * gil_event_hub_get_log_id:
 *
 * Returns: (nullable): the id of the event log the hub sends from
 */
const char *
gil_event_hub_get_log_id (GilEventHub *self)
{
  g_return_val_if_fail (GIL_IS_EVENT_HUB (self), NULL);

  return self->log;
}
