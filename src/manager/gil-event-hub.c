/* gil-event-hub.c — the WebSocket event stream
 *
 * A client connects with the last sequence number it has; it first gets
 * every event after that (or a snapshot when those are not kept), then each
 * event as it commits. The manager is single-threaded, so publishing right
 * after a COMMIT keeps every client's stream in sequence order.
 *
 * A station that has nothing yet gets a snapshot at once. One that comes
 * back gets what it missed a batch at a time from an idle source, never
 * holding the main loop for more than a slice, and waiting whenever its
 * socket has more than a little left to write: ten stations starting
 * together must not stall the others, nor queue the log into memory.
 * Until its replay reaches the end of the log a client gets no live
 * events; the replay sends them, in order, when it gets there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "gil-api-json.h"
#include "gil-event-hub.h"
#include "gil-events.h"
#include "gil-metered-stream.h"
#include "gil-queue.h"
#include "gil-rooms.h"

#define SILENCE_LIMIT_US (15 * G_USEC_PER_SEC)
#define CHECK_INTERVAL_S 5
#define REPLAY_BATCH     1000
/* A replay's share of the main loop: one turn sends events for at most
 * this long, a batch of at most REPLAY_STEP at a time. */
#define REPLAY_SLICE_US  (2 * 1000)
#define REPLAY_STEP      100
/* While more than this waits to be written to a client, its replay waits
 * REPLAY_WAIT_MS before it reads more of the log. */
#define REPLAY_BACKLOG   (256 * 1024)
#define REPLAY_WAIT_MS   10
/* A client with this much left to write is not reading: it is closed,
 * rather than kept in the manager's memory. A snapshot of a busy day is
 * a few hundred kilobytes. */
#define MAX_BACKLOG      (1024 * 1024)
/* What a station sends is a ping: a larger message is refused. */
#define MAX_INCOMING     4096

typedef struct
{
  GilEventHub             *hub;
  SoupWebsocketConnection *connection;
  GilMeteredStream        *meter;      /* what its socket has yet to write */
  gint64                   station;
  gboolean                 with_names;
  gint64                   sent_seq;
  gint64                   last_heard;
  gulong                   message_id;
  gulong                   closed_id;
  guint                    replay_id;  /* while it catches up with the log */
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
  g_clear_handle_id (&client->replay_id, g_source_remove);
  if (soup_websocket_connection_get_state (client->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->connection, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&client->connection);
  g_clear_object (&client->meter);
  g_free (client);
}

/* A frame's bytes on the wire: a server's frames are not masked. */
static gsize
frame_size (gsize payload)
{
  return payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
}

static void
send_text (Client     *client,
           const char *text)
{
  gsize length;

  if (soup_websocket_connection_get_state (client->connection) != SOUP_WEBSOCKET_STATE_OPEN ||
      (client->meter != NULL && gil_metered_stream_get_cut_reason (client->meter) != NULL))
    return;
  if (client->meter != NULL &&
      gil_metered_stream_get_backlog (client->meter) > gil_metered_stream_get_max_backlog (client->meter))
    {
      gil_metered_stream_cut (client->meter, "it does not read what it is sent");
      return;
    }
  length = strlen (text);
  soup_websocket_connection_send_text (client->connection, text);
  if (client->meter != NULL)
    gil_metered_stream_add_queued (client->meter, frame_size (length));
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
  /* However large the day's snapshot, the client may have it and the
   * usual backlog besides in flight. */
  if (client->meter != NULL)
    gil_metered_stream_set_max_backlog (client->meter, MAX_BACKLOG + frame_size (strlen (text)));
  send_text (client, text);
  client->sent_seq = seq;
}

/* What the client's socket has yet to write, in bytes. */
static gsize
client_backlog (Client *client)
{
  return client->meter != NULL ? gil_metered_stream_get_backlog (client->meter) : 0;
}

static gboolean on_replay_cb (gpointer user_data);

static void
schedule_replay (Client *client,
                 guint   wait_ms)
{
  g_assert (client->replay_id == 0);

  /* Below the default priority: requests, and the live events they
   * publish to the others, go first. */
  if (wait_ms == 0)
    client->replay_id = g_idle_add (on_replay_cb, client);
  else
    client->replay_id = g_timeout_add (wait_ms, on_replay_cb, client);
}

/* Sends one slice of what the client missed; done once it reaches the
 * end of the log, when the client is live. */
static gboolean
on_replay_cb (gpointer user_data)
{
  Client *client = user_data;
  gint64 start = g_get_monotonic_time ();

  client->replay_id = 0;
  do
    {
      g_autoptr(GPtrArray) events = NULL;

      if (client_backlog (client) > REPLAY_BACKLOG)
        {
          schedule_replay (client, REPLAY_WAIT_MS);
          return G_SOURCE_REMOVE;
        }
      events = gil_events_since (client->hub->store, client->sent_seq, REPLAY_STEP, NULL);
      if (events == NULL || events->len == 0)
        return G_SOURCE_REMOVE;

      /* The day turned and took events it had yet to get: it can only
       * start again from the state. */
      if (((GilEvent *)g_ptr_array_index (events, 0))->seq != client->sent_seq + 1)
        {
          send_snapshot (client);
          continue;
        }
      for (guint i = 0; i < events->len; i++)
        send_event (client, g_ptr_array_index (events, i));
    }
  while (g_get_monotonic_time () - start < REPLAY_SLICE_US);

  schedule_replay (client, 0);
  return G_SOURCE_REMOVE;
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
  const char *cut = client->meter != NULL ? gil_metered_stream_get_cut_reason (client->meter) : NULL;

  if (cut != NULL)
    g_message ("closed the event stream of station %" G_GINT64_FORMAT ": %s", client->station, cut);
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
 * @meter: (nullable): the stream under @connection, which tells what
 *   waits to be written and cuts a client that does not read or floods
 * @since: the last sequence number the client has, or -1 when it has
 *   nothing (it then starts from a snapshot)
 * @with_names: whether the client may see patient names (not displays)
 * @log: (nullable): the id of the log @since is in, when the client knows it
 */
void
gil_event_hub_add (GilEventHub             *self,
                   SoupWebsocketConnection *connection,
                   GilMeteredStream        *meter,
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
  client->meter = meter != NULL ? g_object_ref (meter) : NULL;
  client->station = station;
  client->with_names = with_names;
  client->last_heard = g_get_monotonic_time ();
  client->sent_seq = since;
  client->message_id = g_signal_connect (connection, "message", G_CALLBACK (on_message_cb), client);
  client->closed_id = g_signal_connect (connection, "closed", G_CALLBACK (on_closed_cb), client);
  g_ptr_array_add (self->clients, client);
  soup_websocket_connection_set_max_incoming_payload_size (connection, MAX_INCOMING);

  /* A client that has nothing (@since below 0), one ahead of this
   * database, one whose seq is from another log (a backup put back, or
   * another manager), and one so far behind that the events it missed
   * are no longer kept cannot resume: it gets the whole state instead. */
  last = gil_events_last_seq (self->store);
  if (since < 0 || since > last || since < gil_events_first_seq (self->store) - 1 ||
      (log != NULL && g_strcmp0 (log, self->log) != 0))
    send_snapshot (client);
  else if (since < last)
    schedule_replay (client, 0);
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

              /* A replay sends what it has yet to reach itself. */
              if (event->seq <= client->sent_seq || client->replay_id != 0)
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

/**
 * gil_event_hub_get_max_backlog:
 *
 * Returns: the most bytes a client may have waiting to be written
 */
gsize
gil_event_hub_get_max_backlog (void)
{
  return MAX_BACKLOG;
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
