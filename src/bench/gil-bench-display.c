/* gil-bench-display.c — from a call's event to the display's frame showing
 * it, with ten displays connected
 *
 * Ten event-stream clients (as ten waiting-room displays are to the
 * manager) and one real display: the app, run with --station display
 * under the X server the bench has, its probe on (GILIRAN_BENCH_DISPLAY,
 * src/app/gil-display-probe.c). For each call the bench makes, the time
 * from the first of the ten clients receiving the stop.called event (the
 * manager sends it to every client at once, so this is when the event left
 * the manager, within a loopback hop) to the end of the first frame the
 * app paints after the call came (GdkFrameClock after-paint), both on the
 * system's monotonic clock. The display holds no call under the probe, so
 * no call waits for the one before it; calls are made one at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "gil-bench.h"
#include "gil-bench-display.h"

#define CLIENTS        10
#define PING_S         5
#define SETTLE_MS      500
#define BETWEEN_MS     20
#define TIMEOUT_S      120

typedef struct
{
  GMainLoop        *loop;
  SoupSession      *session;
  const char       *url;
  const char       *token;
  gint64            room;
  GPtrArray        *clients;      /* element-type SoupWebsocketConnection */
  guint             connected;
  GHashTable       *heard;        /* stop id → monotonic µs, first client */
  GHashTable       *painted;      /* stop id → monotonic µs, the app's frame */
  GSubprocess      *app;
  GDataInputStream *app_out;
  GCancellable     *cancellable;
  gint64            stop;         /* the call awaited; 0 for none */
  GArray           *samples;      /* gint64 µs */
  guint             wanted;
  const char       *failed;       /* why no figure */
} Bench;

static void call_next (Bench *b);

static SoupMessage *
new_message (Bench      *b,
             const char *method,
             const char *path,
             const char *body)
{
  return gil_bench_message_new (b->url, b->token, method, path, body);
}

/* A blocking request, before the loop runs. */
static JsonObject *
request (Bench      *b,
         const char *method,
         const char *path,
         const char *body)
{
  g_autoptr(SoupMessage) msg = new_message (b, method, path, body);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read (b->session, msg, NULL, &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert (soup_message_get_status (msg) < 300);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static void
note (GHashTable *table,
      gint64      stop,
      gint64      at)
{
  gint64 *value;

  if (g_hash_table_contains (table, &stop))
    return;
  value = g_new (gint64, 2);
  value[0] = stop;
  value[1] = at;
  g_hash_table_insert (table, value, value);
}

static gint64
noted (GHashTable *table,
       gint64      stop)
{
  gint64 *value = g_hash_table_lookup (table, &stop);

  return value != NULL ? value[1] : -1;
}

static gboolean
on_next_cb (gpointer user_data)
{
  call_next (user_data);
  return G_SOURCE_REMOVE;
}

/* The awaited call is both heard and painted: a sample, then the next. */
static void
check_done (Bench *b)
{
  gint64 heard, painted;

  if (b->stop == 0 || (heard = noted (b->heard, b->stop)) < 0 || (painted = noted (b->painted, b->stop)) < 0)
    return;
  g_array_append_val (b->samples, (gint64){ painted - heard });
  b->stop = 0;
  if (b->samples->len < b->wanted)
    g_timeout_add (BETWEEN_MS, on_next_cb, b);
  else
    g_main_loop_quit (b->loop);
}

static void
on_called_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Bench *b = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *stop;

  g_assert_no_error (error);
  node = json_from_string (g_bytes_get_data (reply, NULL), &error);
  g_assert_no_error (error);
  stop = json_object_get_object_member (json_node_get_object (node), "stop");
  g_assert (stop != NULL);
  b->stop = json_object_get_int_member (stop, "id");
  check_done (b);
}

static void
call_next (Bench *b)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", b->room);
  g_autoptr(SoupMessage) msg = new_message (b, "POST", path, NULL);

  soup_session_send_and_read_async (b->session, msg, G_PRIORITY_DEFAULT, b->cancellable,
                                    on_called_cb, b);
}

/* ── the app ───────────────────────────────────────────────────────── */

static void
on_app_line_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Bench *b = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                                     result, NULL, NULL);
  gint64 stop, at;

  if (line == NULL)
    {
      if (!g_cancellable_is_cancelled (b->cancellable))
        {
          b->failed = "the app ended";
          g_main_loop_quit (b->loop);
        }
      return;
    }
  if (g_str_equal (line, "display-ready"))
    g_timeout_add (SETTLE_MS, on_next_cb, b);
  else if (g_str_has_prefix (line, "call-frame "))
    {
      char *end = NULL;

      stop = g_ascii_strtoll (line + strlen ("call-frame "), &end, 10);
      at = g_ascii_strtoll (end, NULL, 10);
      note (b->painted, stop, at);
      check_done (b);
    }
  g_data_input_stream_read_line_async (b->app_out, G_PRIORITY_DEFAULT, b->cancellable, on_app_line_cb, b);
}

static void
start_app (Bench      *b,
           const char *app,
           const char *token_file)
{
  g_autoptr(GSubprocessLauncher) launcher = gil_bench_app_launcher (app, "GILIRAN_BENCH_DISPLAY");
  g_autoptr(GError) error = NULL;

  b->app = g_subprocess_launcher_spawn (launcher, &error, app, "--manager", b->url,
                                        "--token-file", token_file, "--station", "display", NULL);
  g_assert_no_error (error);
  b->app_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (b->app));
  g_data_input_stream_read_line_async (b->app_out, G_PRIORITY_DEFAULT, b->cancellable, on_app_line_cb, b);
}

/* ── the ten displays' event streams ───────────────────────────────── */

static void
on_message_cb (SoupWebsocketConnection *connection,
               int                      type,
               GBytes                  *message,
               Bench                   *b)
{
  gint64 now = g_get_monotonic_time ();
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (message, NULL), NULL);
  JsonObject *event = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *stop;

  if (event == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (event, "type", ""), "stop.called") != 0 ||
      (stop = json_object_get_object_member (event, "stop")) == NULL)
    return;
  note (b->heard, json_object_get_int_member (stop, "id"), now);
  check_done (b);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Bench *b = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *connection = soup_session_websocket_connect_finish (SOUP_SESSION (source),
                                                                              result, &error);

  g_assert_no_error (error);
  /* The manager's limit of a message is 4 KiB; the app's and ours alike. */
  soup_websocket_connection_set_max_incoming_payload_size (connection, 1 << 20);
  g_signal_connect (connection, "message", G_CALLBACK (on_message_cb), b);
  g_ptr_array_add (b->clients, connection);
  b->connected++;
}

static gboolean
on_ping_cb (gpointer user_data)
{
  Bench *b = user_data;

  for (guint i = 0; i < b->clients->len; i++)
    soup_websocket_connection_send_text (g_ptr_array_index (b->clients, i), "{\"type\":\"ping\"}");
  return G_SOURCE_CONTINUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  Bench *b = user_data;

  b->failed = "timed out";
  g_main_loop_quit (b->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
all_connected (Bench *b)
{
  return b->connected == CLIENTS;
}

static void
connect_clients (Bench *b)
{
  g_autoptr(JsonObject) health = request (b, "GET", "/api/v1/health", NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/events?since=%" G_GINT64_FORMAT,
                                           json_object_get_int_member (health, "seq"));

  for (guint i = 0; i < CLIENTS; i++)
    {
      g_autoptr(SoupMessage) msg = new_message (b, "GET", path, NULL);

      soup_session_websocket_connect_async (b->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                            b->cancellable, on_connected_cb, b);
    }
  while (!all_connected (b))
    g_main_context_iteration (NULL, TRUE);
}

/* ── the run ───────────────────────────────────────────────────────── */

static void
register_patients (Bench *b,
                   guint  count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *patient_body = g_strdup_printf ("{\"name\":\"Pasien Layar %u\",\"birth_date\":\"1985-01-01\","
                                                       "\"sex\":\"F\"}", i);
      g_autoptr(JsonObject) patient = request (b, "POST", "/api/v1/patients", patient_body);
      g_autofree char *visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                                     "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\","
                                                     "\"room\":%" G_GINT64_FORMAT "}",
                                                     json_object_get_int_member (patient, "id"), b->room);

      json_object_unref (request (b, "POST", "/api/v1/visits", visit_body));
    }
}

/**
 * gil_bench_display:
 * @app: the giliran app
 * @token_file: the admin token's file, for the app
 * @room: the room whose patients are called
 * @samples: how many calls to time
 * @times: (out caller-allocates): the µs of each, call event to frame
 *
 * Returns: %NULL when measured, else why not
 */
const char *
gil_bench_display (const char *url,
                   const char *token,
                   const char *app,
                   const char *token_file,
                   gint64      room,
                   guint       samples,
                   GArray     *times)
{
  Bench b = { 0 };
  guint timeout_id, ping_id;

  if (app == NULL || g_getenv ("DISPLAY") == NULL || !g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    return "no display or no app";

  b.loop = g_main_loop_new (NULL, FALSE);
  b.session = soup_session_new_with_options ("timeout", 60, NULL);
  b.url = url;
  b.token = token;
  b.room = room;
  b.clients = g_ptr_array_new_with_free_func (g_object_unref);
  b.heard = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.painted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.cancellable = g_cancellable_new ();
  b.samples = times;
  b.wanted = samples;

  register_patients (&b, samples);
  connect_clients (&b);
  ping_id = g_timeout_add_seconds (PING_S, on_ping_cb, &b);
  timeout_id = g_timeout_add_seconds (TIMEOUT_S, on_timeout_cb, &b);
  start_app (&b, app, token_file);
  g_main_loop_run (b.loop);
  if (b.failed == NULL)
    g_source_remove (timeout_id);
  g_source_remove (ping_id);

  g_cancellable_cancel (b.cancellable);
  g_subprocess_send_signal (b.app, SIGTERM);
  g_subprocess_wait (b.app, NULL, NULL);
  for (guint i = 0; i < b.clients->len; i++)
    soup_websocket_connection_close (g_ptr_array_index (b.clients, i), SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&b.app_out);
  g_clear_object (&b.app);
  g_ptr_array_unref (b.clients);
  g_hash_table_unref (b.heard);
  g_hash_table_unref (b.painted);
  g_clear_object (&b.cancellable);
  g_clear_object (&b.session);
  g_main_loop_unref (b.loop);
  return b.failed;
}
