/* test-client.c — the client library against the real giliran-manager on
 * loopback: requests and their errors, idempotent retries, the event
 * stream across a SIGKILL of the manager, and the list models
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "gil-connection.h"
#include "gil-queue-model.h"
#include "gil-room-list.h"
#include "gil-server-browser.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

#define WAIT_MS          GIL_TEST_CLIENT_WAIT_MS
/* Silence limit 15 s, plus a reconnect of at most 5 s, plus slack. */
#define SILENCE_WAIT_MS  25000

typedef struct
{
  GilTestClient client;    /* as the admin: requests only, no event stream */
  guint         patients;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (&f->client, NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_client_tear_down (&f->client);
}

static GilConnection *
new_connection (Fixture *f)
{
  return gil_connection_new (f->client.url, f->client.admin);
}

/* ── requests ─────────────────────────────────────────────────────────── */

static gint64
health_seq (Fixture *f)
{
  g_auto(GilTestReply) reply = { 0 };
  JsonObject *health = gil_test_client_request_ok (f->client.connection, "GET", "/api/v1/health", NULL, NULL, 200, &reply);

  return json_object_get_int_member (health, "seq");
}

static gint64
room_id (Fixture    *f,
         const char *code)
{
  g_auto(GilTestReply) reply = { 0 };
  JsonArray *rooms;

  gil_test_client_request_ok (f->client.connection, "GET", "/api/v1/rooms", NULL, NULL, 200, &reply);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply.node));
  rooms = json_node_get_array (reply.node);
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      if (g_str_equal (json_object_get_string_member (room, "code"), code))
        return json_object_get_int_member (room, "id");
    }
  g_assert_not_reached ();
}

static gint64
create_patient (Fixture    *f,
                const char *name)
{
  g_auto(GilTestReply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"1980-07-05\","
                                           "\"sex\":\"M\"}", name);
  g_autofree char *key = gil_connection_new_action_key ();
  JsonObject *patient = gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/patients", body, key, 201, &reply);

  return json_object_get_int_member (patient, "id");
}

static char *
visit_body (gint64 patient)
{
  return g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                          "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\",\"room\":null}",
                          patient);
}

/* Registers a new adult, who goes to K3-DEWASA; returns the visit's id. */
static gint64
register_visit (Fixture *f)
{
  g_auto(GilTestReply) reply = { 0 };
  g_autofree char *name = g_strdup_printf ("Pasien Uji %u", ++f->patients);
  g_autofree char *body = visit_body (create_patient (f, name));
  g_autofree char *key = gil_connection_new_action_key ();
  JsonObject *visit = gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/visits", body, key, 201, &reply);

  return json_object_get_int_member (visit, "id");
}

/* ── recording the event stream ───────────────────────────────────────── */

/* Each event strictly in order, at the moment it is passed on: before
 * the recorder's own handler, @rec's last seq is the one before. */
static void
on_event_in_order_cb (GilConnection   *connection,
                      JsonObject      *event,
                      GilTestRecorder *rec)
{
  gint64 seq = json_object_get_int_member (event, "seq");

  if (rec->seqs->len > 0)
    g_assert_cmpint (seq, >, g_array_index (rec->seqs, gint64, rec->seqs->len - 1));
  g_assert_cmpint (seq, ==, gil_connection_get_last_seq (connection));
}

static void
recorder_init (GilTestRecorder *rec,
               GilConnection   *connection)
{
  g_signal_connect (connection, "event", G_CALLBACK (on_event_in_order_cb), rec);
  gil_test_recorder_init (rec, connection);
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

static gboolean
is_offline (gpointer data)
{
  return !gil_connection_get_online (data);
}

static gboolean
reached_wanted (gpointer data)
{
  GilTestRecorder *rec = data;

  return gil_connection_get_last_seq (rec->connection) >= rec->wanted;
}

static gboolean
reached_wanted_online (gpointer data)
{
  GilTestRecorder *rec = data;

  return reached_wanted (rec) && gil_connection_get_online (rec->connection);
}

/* Registers @n visits, then waits until @rec's connection has heard up
 * to the manager's last event (@online: and is online). */
static void
register_and_hear (Fixture         *f,
                   GilTestRecorder *rec,
                   guint            n,
                   gboolean         online,
                   const char      *what)
{
  for (guint i = 0; i < n; i++)
    register_visit (f);
  rec->wanted = health_seq (f);
  gil_test_loop_wait_until (online ? reached_wanted_online : reached_wanted, rec, WAIT_MS, what);
}

/* Every seq from @first to @last, once each, in order. */
static void
assert_seqs (GilTestRecorder *rec,
             gint64           first,
             gint64           last)
{
  g_assert_cmpuint (rec->seqs->len, ==, last - first + 1);
  for (guint i = 0; i < rec->seqs->len; i++)
    g_assert_cmpint (g_array_index (rec->seqs, gint64, i), ==, first + i);
}

/* Whether the online changes contain @pattern in this order. */
static gboolean
online_went (GilTestRecorder *rec,
             const gboolean  *pattern,
             guint            n)
{
  guint matched = 0;

  for (guint i = 0; i < rec->changes->len && matched < n; i++)
    if (g_array_index (rec->changes, GilTestOnlineChange, i).online == pattern[matched])
      matched++;
  return matched == n;
}

/* ── new and destroy ──────────────────────────────────────────────────── */

static void
test_connection_new_destroy (void)
{
  GilConnection *connection = gil_connection_new ("http://127.0.0.1:8470/", "secret");
  g_autofree char *key1 = gil_connection_new_action_key ();
  g_autofree char *key2 = gil_connection_new_action_key ();
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  gboolean online = TRUE;
  gint64 seq = -1;

  g_object_get (connection, "base-url", &url, "token", &token, "online", &online,
                "last-seq", &seq, NULL);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8470");
  g_assert_cmpstr (token, ==, "secret");
  g_assert_false (online);
  g_assert_cmpint (seq, ==, 0);
  g_assert_true (g_uuid_string_is_valid (key1));
  g_assert_cmpstr (key1, !=, key2);

  g_assert_finalize_object (connection);
}

/* Given no address, a connection is to a manager on this computer, on the
 * port the manager listens on unless told otherwise. */
static void
test_connection_default_url (void)
{
  GilConnection *connection = g_object_new (GIL_TYPE_CONNECTION, NULL);

  g_assert_cmpstr (gil_connection_get_base_url (connection), ==,
                   "http://127.0.0.1:" G_STRINGIFY (GIL_DEFAULT_PORT));
  g_assert_finalize_object (connection);
}

static void
on_notify_record_cb (GObject    *object,
                     GParamSpec *pspec,
                     GPtrArray  *names)
{
  g_ptr_array_add (names, (gpointer)pspec->name);
}

static void
test_room_item_new_destroy (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"id\":5,\"code\":\"K3-LANSIA\",\"name\":\"Ruang Lansia\","
                                               "\"cluster\":\"k3\",\"prefix\":\"E\",\"tags\":[\"lansia\"],"
                                               "\"active\":true,\"priority_policy\":\"interleave\","
                                               "\"interleave_every\":2,\"number_only\":false,"
                                               "\"waiting\":4}", NULL);
  g_autoptr(JsonNode) later = json_from_string ("{\"id\":5,\"code\":\"K3-LANSIA\",\"name\":\"Ruang Lansia\","
                                                "\"cluster\":\"k3\",\"prefix\":\"E\",\"tags\":[\"lansia\"],"
                                                "\"active\":true,\"priority_policy\":\"interleave\","
                                                "\"interleave_every\":2,\"number_only\":true,"
                                                "\"waiting\":5}", NULL);
  GilRoomItem *item = gil_room_item_new_from_json (json_node_get_object (node));

  g_assert_cmpint (gil_room_item_get_id (item), ==, 5);
  g_assert_cmpstr (gil_room_item_get_code (item), ==, "K3-LANSIA");
  g_assert_cmpstr (gil_room_item_get_name (item), ==, "Ruang Lansia");
  g_assert_cmpstr (gil_room_item_get_cluster (item), ==, "k3");
  g_assert_cmpstr (gil_room_item_get_prefix (item), ==, "E");
  g_assert_cmpstr (gil_room_item_get_tags (item)[0], ==, "lansia");
  g_assert_null (gil_room_item_get_tags (item)[1]);
  g_assert_true (gil_room_item_get_active (item));
  g_assert_cmpstr (gil_room_item_get_priority_policy (item), ==, "interleave");
  g_assert_cmpuint (gil_room_item_get_interleave_every (item), ==, 2);
  g_assert_false (gil_room_item_get_number_only (item));
  g_assert_cmpuint (gil_room_item_get_waiting (item), ==, 4);

  /* Only what changed is notified. */
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    gulong id = g_signal_connect (item, "notify", G_CALLBACK (on_notify_record_cb), names);

    gil_room_item_update_from_json (item, json_node_get_object (later));
    g_signal_handler_disconnect (item, id);
    g_assert_cmpuint (names->len, ==, 2);
    g_assert_true (g_ptr_array_find_with_equal_func (names, "number-only", g_str_equal, NULL));
    g_assert_true (g_ptr_array_find_with_equal_func (names, "waiting", g_str_equal, NULL));
  }
  g_assert_true (gil_room_item_get_number_only (item));
  g_assert_cmpuint (gil_room_item_get_waiting (item), ==, 5);

  g_assert_finalize_object (item);
}

static void
test_found_server_new_destroy (void)
{
  GilFoundServer *server = gil_found_server_new ("Puskesmas Sukamaju", "192.168.1.10", 8470, TRUE,
                                                 "AB:CD");
  GilFoundServer *plain = gil_found_server_new ("Giliran", "192.168.1.11", 8471, FALSE, NULL);

  g_assert_cmpstr (gil_found_server_get_name (server), ==, "Puskesmas Sukamaju");
  g_assert_cmpstr (gil_found_server_get_address (server), ==, "192.168.1.10");
  g_assert_cmpuint (gil_found_server_get_port (server), ==, 8470);
  g_assert_cmpstr (gil_found_server_get_url (server), ==, "https://192.168.1.10:8470");
  g_assert_cmpstr (gil_found_server_get_fingerprint (server), ==, "AB:CD");
  g_assert_cmpstr (gil_found_server_get_url (plain), ==, "http://192.168.1.11:8471");
  g_assert_null (gil_found_server_get_fingerprint (plain));
  g_assert_finalize_object (server);
  g_assert_finalize_object (plain);
}

/* Whether or not this machine runs avahi-daemon, a browser starts and goes
 * without a fuss (test-dns-sd finds a real manager with it). */
static void
test_server_browser_new_destroy (void)
{
  GilServerBrowser *browser = gil_server_browser_new ();

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (browser)) == GIL_TYPE_FOUND_SERVER);
  gil_server_browser_start (browser);
  gil_test_loop_run_for (100);
  g_assert_finalize_object (browser);
}

static void
test_stop_item_new_destroy (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"id\":1201,\"visit\":900,\"room\":5,\"ticket\":\"E-007\","
                                               "\"status\":\"waiting\",\"position\":2,\"calls\":0,"
                                               "\"enqueued_at\":\"2026-11-22T08:15:03+08:00\","
                                               "\"called_at\":null,\"started_at\":null,"
                                               "\"finished_at\":null,\"priority\":\"priority\","
                                               "\"patient_name\":\"Baiq Nurul\"}", NULL);
  GilStopItem *item = gil_stop_item_new_from_json (json_node_get_object (node));
  GDateTime *enqueued = gil_stop_item_get_enqueued_at (item);

  g_assert_cmpint (gil_stop_item_get_id (item), ==, 1201);
  g_assert_cmpint (gil_stop_item_get_visit (item), ==, 900);
  g_assert_cmpint (gil_stop_item_get_room (item), ==, 5);
  g_assert_cmpstr (gil_stop_item_get_ticket (item), ==, "E-007");
  g_assert_cmpint (gil_stop_item_get_status (item), ==, GIL_STOP_WAITING);
  g_assert_cmpstr (gil_stop_item_get_priority (item), ==, "priority");
  g_assert_cmpuint (gil_stop_item_get_position (item), ==, 2);
  g_assert_cmpuint (gil_stop_item_get_calls (item), ==, 0);
  g_assert_cmpstr (gil_stop_item_get_patient_name (item), ==, "Baiq Nurul");
  g_assert_nonnull (enqueued);
  g_assert_cmpint (g_date_time_to_unix (enqueued), ==, 1795306503);
  g_assert_null (gil_stop_item_get_called_at (item));
  g_assert_null (gil_stop_item_get_why (item));

  gil_stop_item_set_why (item, "Urutan kedatangan");
  g_assert_cmpstr (gil_stop_item_get_why (item), ==, "Urutan kedatangan");

  g_assert_finalize_object (item);
}

static gboolean
room_list_loaded (gpointer data)
{
  return !gil_room_list_get_loading (data) && g_list_model_get_n_items (data) > 0;
}

static void
test_room_list_new_destroy (Fixture       *f,
                            gconstpointer  data)
{
  GilRoomList *list = gil_room_list_new (f->client.connection);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == GIL_TYPE_ROOM_ITEM);
  g_assert_true (gil_room_list_get_connection (list) == f->client.connection);
  gil_test_loop_wait_until (room_list_loaded, list, WAIT_MS, "the rooms");
  g_assert_finalize_object (list);

  /* Destroyed with its first load under way: the load is cancelled. */
  list = gil_room_list_new (f->client.connection);
  g_assert_true (gil_room_list_get_loading (list));
  g_assert_finalize_object (list);
  gil_test_loop_run_for (100);
}

static gboolean
queue_loaded (gpointer data)
{
  return !gil_queue_model_get_loading (data) && gil_queue_model_get_room (data) != NULL;
}

static void
test_queue_model_new_destroy (Fixture       *f,
                              gconstpointer  data)
{
  gint64 dewasa = room_id (f, "K3-DEWASA");
  GilQueueModel *queue = gil_queue_model_new (f->client.connection, dewasa);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (queue)) == GIL_TYPE_STOP_ITEM);
  g_assert_cmpint (gil_queue_model_get_room_id (queue), ==, dewasa);
  gil_test_loop_wait_until (queue_loaded, queue, WAIT_MS, "the queue");
  g_assert_cmpstr (gil_room_item_get_code (gil_queue_model_get_room (queue)), ==, "K3-DEWASA");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
  g_assert_finalize_object (queue);

  queue = gil_queue_model_new (f->client.connection, dewasa);
  g_assert_finalize_object (queue);
  gil_test_loop_run_for (100);
}

/* A connection with a running event stream goes away cleanly. */
static void
test_connection_events_destroy (Fixture       *f,
                                gconstpointer  data)
{
  GilConnection *connection = new_connection (f);

  gil_connection_start_events (connection, health_seq (f));
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  g_assert_finalize_object (connection);

  /* … and so does one still connecting. */
  connection = new_connection (f);
  gil_connection_start_events (connection, 0);
  g_assert_finalize_object (connection);
  gil_test_loop_run_for (100);
}

/* ── requests and errors ──────────────────────────────────────────────── */

static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GilTestReply) reply = { 0 };
  JsonObject *health;

  health = gil_test_client_request_ok (f->client.connection, "GET", "/api/v1/health", NULL, NULL, 200, &reply);
  g_assert_cmpstr (json_object_get_string_member (health, "status"), ==, "ok");
  gil_test_reply_clear (&reply);

  gil_test_client_request_ok (f->client.connection, "GET", "/api/v1/rooms", NULL, NULL, 200, &reply);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (reply.node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reply.node)), >, 0);
  g_assert_cmpint (room_id (f, "K3-DEWASA"), >, 0);
}

static void
expect_error (GilConnection *connection,
              const char    *method,
              const char    *path,
              const char    *body,
              guint          status,
              GilApiError    code)
{
  g_autofree char *key = gil_connection_new_action_key ();

  gil_test_client_expect_error (connection, method, path, body, key, status, code);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilConnection) stranger = gil_connection_new (f->client.url,
                                                          "not-a-token");
  g_autoptr(GString) large = g_string_new ("{\"name\":\"");
  g_autofree char *visit = NULL;
  gint64 dewasa = room_id (f, "K3-DEWASA");
  g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);

  expect_error (f->client.connection, "POST", "/api/v1/patients",
                "{\"name\":\"A\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\",\"nik\":\"2071014507800003\"}",
                400, GIL_API_ERROR_INVALID_NIK);
  expect_error (f->client.connection, "POST", "/api/v1/patients",
                "{\"name\":\"A\",\"birth_date\":\"2999-01-01\",\"sex\":\"F\"}",
                400, GIL_API_ERROR_INVALID_BIRTH_DATE);
  expect_error (f->client.connection, "POST", "/api/v1/patients",
                "{\"name\":7,\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}",
                400, GIL_API_ERROR_INVALID_FIELD);
  expect_error (stranger, "GET", "/api/v1/rooms", NULL, 401, GIL_API_ERROR_UNAUTHORIZED);
  expect_error (f->client.connection, "GET", "/api/v1/nothing-here", NULL, 404, GIL_API_ERROR_NOT_FOUND);
  expect_error (f->client.connection, "POST", call_next, NULL, 409, GIL_API_ERROR_QUEUE_EMPTY);

  /* 413 for a body over 64 KiB. */
  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (large, 'a');
  g_string_append (large, "\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}");
  expect_error (f->client.connection, "POST", "/api/v1/patients", large->str, 413, GIL_API_ERROR_TOO_LARGE);

  /* One open visit a day per patient. */
  visit = visit_body (create_patient (f, "Pasien Ganda"));
  {
    g_auto(GilTestReply) reply = { 0 };
    g_autofree char *key = gil_connection_new_action_key ();

    gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/visits", visit, key, 201, &reply);
  }
  expect_error (f->client.connection, "POST", "/api/v1/visits", visit, 409, GIL_API_ERROR_ALREADY_QUEUED);
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(GilTestReply) first = { 0 };
  g_auto(GilTestReply) again = { 0 };
  g_autofree char *key = gil_connection_new_action_key ();
  g_autofree char *body = visit_body (create_patient (f, "Pasien Sekali"));
  JsonObject *visit1;
  JsonObject *visit2;
  gint64 seq;

  visit1 = gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/visits", body, key, 201, &first);
  seq = health_seq (f);
  visit2 = gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/visits", body, key, 201, &again);
  g_assert_cmpint (json_object_get_int_member (visit1, "id"), ==,
                   json_object_get_int_member (visit2, "id"));
  g_assert_cmpstr (json_object_get_string_member (visit1, "ticket"), ==,
                   json_object_get_string_member (visit2, "ticket"));
  /* The repeat changed nothing. */
  g_assert_cmpint (health_seq (f), ==, seq);
}

/* The client-side ports of the TCP connections this network namespace
 * holds or recently held (TIME_WAIT stays a minute) to the manager's port:
 * one per connection a client ever opened to it. Other tests' managers
 * may have used the same port before, so callers compare sets, not
 * counts. Returns NULL when /proc/net/tcp cannot be read. */
static GHashTable *
ports_to_manager (Fixture *f)
{
  const char *url = f->client.url;
  guint port = (guint)g_ascii_strtoull (strrchr (url, ':') + 1, NULL, 10);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *ports;

  if (!g_file_get_contents ("/proc/net/tcp", &text, NULL, NULL))
    return NULL;
  ports = g_hash_table_new (NULL, NULL);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      const char *local = NULL;
      const char *remote = NULL;
      guint n = 0;

      /* "sl local rem st ...": the second and third non-empty fields. */
      for (guint j = 0; fields[j] != NULL; j++)
        if (fields[j][0] != '\0')
          {
            n++;
            if (n == 2)
              local = fields[j];
            else if (n == 3)
              remote = fields[j];
          }
      if (local != NULL && remote != NULL &&
          strchr (local, ':') != NULL && strchr (remote, ':') != NULL &&
          g_ascii_strtoull (strchr (remote, ':') + 1, NULL, 16) == port)
        g_hash_table_add (ports, GUINT_TO_POINTER (g_ascii_strtoull (strchr (local, ':') + 1, NULL, 16)));
    }
  return ports;
}

/* Writes with a key go over the connection already open, as GETs do:
 * libsoup would open a new one (a new TLS handshake on the LAN) for each
 * write it was not told may be sent twice. */
static void
test_keep_alive (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  GHashTableIter iter;
  gpointer port;

  health_seq (f);
  before = ports_to_manager (f);
  if (before == NULL)
    {
      g_test_skip ("/proc/net/tcp cannot be read here");
      return;
    }
  g_assert_cmpuint (g_hash_table_size (before), >=, 1);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = visit_body (create_patient (f, "Pasien Tetap"));
      g_autofree char *key = gil_connection_new_action_key ();
      g_auto(GilTestReply) reply = { 0 };

      gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/visits", body, key, 201, &reply);
      health_seq (f);
    }
  after = ports_to_manager (f);
  g_assert_nonnull (after);
  /* No connection opened since: every port now was there before. */
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &port, NULL))
    if (!g_hash_table_contains (before, port))
      g_error ("a new connection from port %u was opened for a keyed write",
               GPOINTER_TO_UINT (port));
}

/* A write with a key survives the manager being away for a moment. */
static void
test_retry (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *key = gil_connection_new_action_key ();
  const char *body = "{\"name\":\"Pasien Sabar\",\"birth_date\":\"1970-01-01\",\"sex\":\"F\"}";
  g_auto(GilTestReply) reply = { 0 };
  g_auto(GilTestReply) again = { 0 };
  gint64 start;

  gil_test_manager_kill (f->client.manager, SIGKILL);

  /* Without a key a write is not sent twice: it fails at once. */
  start = g_get_monotonic_time ();
  gil_test_client_request (f->client.connection, "POST", "/api/v1/patients", body, NULL, &reply);
  g_assert_error (reply.error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  g_assert_cmpuint (reply.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  gil_test_reply_clear (&reply);

  /* A GET is retried, then fails. */
  gil_test_client_request (f->client.connection, "GET", "/api/v1/rooms", NULL, NULL, &reply);
  g_assert_error (reply.error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  gil_test_reply_clear (&reply);

  /* With a key: the first try fails, the manager comes back, a retry
   * succeeds. */
  gil_test_client_start_request (f->client.connection, "POST", "/api/v1/patients", body, key, &reply);
  gil_test_loop_run_for (100);
  g_assert_false (reply.done);
  gil_test_manager_restart (f->client.manager);
  gil_test_loop_wait_until (gil_test_reply_done, &reply, WAIT_MS, "the retried request");
  g_assert_no_error (reply.error);
  g_assert_cmpuint (reply.status, ==, 201);

  /* The user's own retry with the same key gets the same patient. */
  gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/patients", body, key, 201, &again);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply.node), "id"), ==,
                   json_object_get_int_member (json_node_get_object (again.node), "id"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GilTestReply) reply = { 0 };

  /* Cancelled while waiting to retry: it ends at once, not when the wait
   * (at least 125 ms after the first failure) is over. */
  gil_test_manager_kill (f->client.manager, SIGKILL);
  gil_connection_request_async (f->client.connection, "GET", "/api/v1/rooms", NULL, NULL, cancellable,
                                gil_test_reply_cb, &reply);
  gil_test_loop_run_for (50);
  g_assert_false (reply.done);
  g_cancellable_cancel (cancellable);
  gil_test_loop_wait_until (gil_test_reply_done, &reply, 60, "the cancelled request");
  g_assert_error (reply.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ── events ───────────────────────────────────────────────────────────── */

static void
on_enqueued_cb (GilConnection *connection,
                JsonObject    *event,
                guint         *count)
{
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "stop.enqueued");
  (*count)++;
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  g_auto(GilTestRecorder) rec = { 0 };
  gint64 since = health_seq (f);
  guint enqueued = 0;

  recorder_init (&rec, connection);
  g_signal_connect (connection, "event::stop.enqueued", G_CALLBACK (on_enqueued_cb), &enqueued);
  gil_connection_start_events (connection, since);
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");

  register_and_hear (f, &rec, 3, FALSE, "the events");
  gil_test_loop_run_for (200);

  assert_seqs (&rec, since + 1, rec.wanted);
  g_assert_cmpuint (rec.seqs->len, ==, 6);
  for (guint i = 0; i < rec.types->len; i++)
    g_assert_cmpstr (g_ptr_array_index (rec.types, i), ==,
                     i % 2 == 0 ? "visit.registered" : "stop.enqueued");
  g_assert_cmpuint (enqueued, ==, 3);
  g_assert_cmpuint (rec.snapshots, ==, 0);

  gil_connection_stop_events (connection);
  g_assert_false (gil_connection_get_online (connection));
}

/* From 0, the manager replays the whole log. */
static void
test_events_replay (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  g_auto(GilTestRecorder) rec = { 0 };

  recorder_init (&rec, connection);
  for (guint i = 0; i < 4; i++)
    register_visit (f);
  rec.wanted = health_seq (f);

  gil_connection_start_events (connection, 0);
  gil_test_loop_wait_until (reached_wanted_online, &rec, WAIT_MS, "the replay");
  assert_seqs (&rec, 1, rec.wanted);
}

/* A client ahead of the manager's log gets a snapshot, then events. */
static void
test_snapshot (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  g_auto(GilTestRecorder) rec = { 0 };
  gint64 last = health_seq (f);

  recorder_init (&rec, connection);
  gil_connection_start_events (connection, last + 1000);
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  gil_test_loop_wait_until (gil_test_recorder_got_snapshot, &rec, WAIT_MS, "the snapshot");
  g_assert_cmpuint (rec.snapshots, ==, 1);
  g_assert_cmpint (gil_connection_get_last_seq (connection), ==, last);

  register_and_hear (f, &rec, 1, FALSE, "events after the snapshot");
  assert_seqs (&rec, last + 1, rec.wanted);
}

/* A station that has nothing (as the app starts) gets one snapshot as
 * of the manager's seq, not the log; the queue it shows is the queue the
 * registrations made; and the events after it come on from that seq. */
static void queue_wait_for (GilQueueModel *queue, guint n_items);

static void
test_events_from_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  g_autoptr(GilQueueModel) queue = gil_queue_model_new (connection, room_id (f, "K3-DEWASA"));
  g_auto(GilTestRecorder) rec = { 0 };
  gint64 last;

  recorder_init (&rec, connection);
  for (guint i = 0; i < 3; i++)
    register_visit (f);
  last = health_seq (f);

  gil_connection_start_events (connection, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  gil_test_loop_wait_until (gil_test_recorder_got_snapshot, &rec, WAIT_MS, "the snapshot");
  g_assert_cmpuint (rec.snapshots, ==, 1);
  g_assert_cmpuint (rec.seqs->len, ==, 0);
  g_assert_cmpint (gil_connection_get_last_seq (connection), ==, last);
  queue_wait_for (queue, 3);

  register_and_hear (f, &rec, 1, FALSE, "events after the snapshot");
  assert_seqs (&rec, last + 1, rec.wanted);
  queue_wait_for (queue, 4);
  g_assert_cmpuint (rec.snapshots, ==, 1);
}

/* The manager dies mid-stream and comes back: every event still arrives
 * once, in order, and online goes FALSE and then TRUE again. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  static const gboolean online_offline_online[] = { TRUE, FALSE, TRUE };
  g_autoptr(GilConnection) connection = new_connection (f);
  g_auto(GilTestRecorder) rec = { 0 };
  gint64 since = health_seq (f);

  recorder_init (&rec, connection);
  gil_connection_start_events (connection, since);
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");

  register_and_hear (f, &rec, 3, FALSE, "the first events");

  gil_test_manager_kill (f->client.manager, SIGKILL);
  gil_test_loop_wait_until (is_offline, connection, WAIT_MS, "offline");
  gil_test_loop_run_for (300);   /* a failed reconnect or two */
  gil_test_manager_restart (f->client.manager);

  register_and_hear (f, &rec, 3, TRUE, "the events after the restart");
  gil_test_loop_run_for (200);

  assert_seqs (&rec, since + 1, rec.wanted);
  g_assert_cmpuint (rec.seqs->len, ==, 12);
  g_assert_true (online_went (&rec, online_offline_online, 3));
}

/* ── a fake manager for what the real one does not do on purpose ─────── */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *sockets;   /* element-type SoupWebsocketConnection */
  GArray     *since;     /* element-type gint64: of each connection */
  GPtrArray  *scripts;   /* element-type char*: what each connection sends */
  guint       held;      /* requests to /api/v1/held: the first is never answered */
} FakeManager;

static void
on_fake_socket_cb (SoupServer              *server,
                   SoupServerMessage       *msg,
                   const char              *path,
                   SoupWebsocketConnection *socket,
                   gpointer                 user_data)
{
  FakeManager *fake = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  gint64 since = -1;
  guint n = fake->since->len;

  if (query != NULL && g_str_has_prefix (query, "since="))
    since = g_ascii_strtoll (query + strlen ("since="), NULL, 10);
  g_array_append_val (fake->since, since);
  g_ptr_array_add (fake->sockets, g_object_ref (socket));

  if (n < fake->scripts->len)
    {
      g_auto(GStrv) messages = g_strsplit (g_ptr_array_index (fake->scripts, n), "\n", -1);

      for (guint i = 0; messages[i] != NULL; i++)
        soup_websocket_connection_send_text (socket, messages[i]);
    }
}

/* The first request is lost as in a network cut: no answer, no error. */
static void
on_fake_held_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  FakeManager *fake = user_data;

  if (fake->held++ == 0)
    {
      soup_server_message_pause (msg);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static FakeManager *
fake_manager_new (const char * const *scripts)
{
  FakeManager *fake = g_new0 (FakeManager, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  fake->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  fake->since = g_array_new (FALSE, FALSE, sizeof (gint64));
  fake->scripts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; scripts[i] != NULL; i++)
    g_ptr_array_add (fake->scripts, g_strdup (scripts[i]));

  soup_server_add_websocket_handler (fake->server, "/api/v1/events", NULL, NULL,
                                     on_fake_socket_cb, fake, NULL);
  soup_server_add_handler (fake->server, "/api/v1/held", on_fake_held_cb, fake, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  g_assert_nonnull (uris);
  fake->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  return fake;
}

static void
fake_manager_free (FakeManager *fake)
{
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  g_ptr_array_unref (fake->sockets);
  g_array_unref (fake->since);
  g_ptr_array_unref (fake->scripts);
  g_free (fake->url);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeManager, fake_manager_free)

typedef struct
{
  FakeManager *fake;
  guint        connections;
} ConnectionsWait;

static gboolean
fake_connected (gpointer data)
{
  ConnectionsWait *wait = data;

  return wait->fake->since->len >= wait->connections;
}

/* A skipped seq is not passed on; the client reconnects from the last seq
 * it has, and drops what it already passed on. */
static void
test_gap (void)
{
  static const char * const scripts[] = {
    "{\"seq\":1,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":2,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":4,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":5,\"type\":\"stop.called\",\"room\":1}",
    "{\"seq\":2,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":3,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":4,\"type\":\"stop.called\",\"room\":1}\n"
    "{\"seq\":4,\"type\":\"stop.called\",\"room\":1}\n"
    "not json\n"
    "{\"type\":\"pong\"}\n"
    "{\"seq\":5,\"type\":\"stop.called\",\"room\":1}",
    NULL
  };
  g_autoptr(FakeManager) fake = fake_manager_new (scripts);
  g_autoptr(GilConnection) connection = gil_connection_new (fake->url, "token");
  g_auto(GilTestRecorder) rec = { 0 };
  ConnectionsWait wait = { fake, 2 };

  recorder_init (&rec, connection);
  gil_connection_start_events (connection, 0);
  rec.wanted = 5;
  gil_test_loop_wait_until (reached_wanted, &rec, WAIT_MS, "the events");
  gil_test_loop_wait_until (fake_connected, &wait, WAIT_MS, "the reconnect");
  gil_test_loop_run_for (200);

  assert_seqs (&rec, 1, 5);
  g_assert_cmpuint (fake->since->len, ==, 2);
  g_assert_cmpint (g_array_index (fake->since, gint64, 0), ==, 0);
  g_assert_cmpint (g_array_index (fake->since, gint64, 1), ==, 2);
}

/* A manager that never answers is dropped after 15 s of silence. */
static void
test_silence (void)
{
  static const char * const scripts[] = { NULL };
  g_autoptr(FakeManager) fake = fake_manager_new (scripts);
  g_autoptr(GilConnection) connection = gil_connection_new (fake->url, "token");
  ConnectionsWait first = { fake, 1 };
  ConnectionsWait second = { fake, 2 };
  gint64 start;

  gil_connection_start_events (connection, 7);
  gil_test_loop_wait_until (fake_connected, &first, WAIT_MS, "the first connection");
  start = g_get_monotonic_time ();
  gil_test_loop_wait_until (fake_connected, &second, SILENCE_WAIT_MS, "a reconnect after the silence");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 14 * G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (fake->since, gint64, 1), ==, 7);
  g_assert_false (gil_connection_get_online (connection));
}

/* A request that went out just before the network was cut never hears
 * back; once the event stream is back it is sent again at once, rather
 * than left to wait out the 30 s timeout. */
static void
test_resend_after_cut (void)
{
  static const char * const scripts[] = {
    "{\"type\":\"pong\"}", "{\"type\":\"pong\"}", "{\"type\":\"pong\"}", NULL
  };
  g_autoptr(FakeManager) fake = fake_manager_new (scripts);
  g_autoptr(GilConnection) connection = gil_connection_new (fake->url, "token");
  g_auto(GilTestReply) reply = { 0 };
  g_auto(GilTestReply) unkeyed = { 0 };
  ConnectionsWait first = { fake, 1 };

  gil_connection_start_events (connection, 0);
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  gil_test_loop_wait_until (fake_connected, &first, WAIT_MS, "the first connection");

  gil_test_client_start_request (connection, "GET", "/api/v1/held", NULL, NULL, &reply);
  gil_test_loop_run_for (300);
  g_assert_cmpuint (fake->held, ==, 1);
  g_assert_false (reply.done);

  /* The stream is lost and comes back. */
  soup_websocket_connection_close (g_ptr_array_index (fake->sockets, 0), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  gil_test_loop_wait_until (is_offline, connection, WAIT_MS, "offline");
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online again");

  gil_test_loop_wait_until (gil_test_reply_done, &reply, 2000, "the request sent again");
  g_assert_no_error (reply.error);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (fake->held, ==, 2);

  /* A write without an Idempotency-Key is never sent twice. */
  fake->held = 0;
  gil_test_client_start_request (connection, "POST", "/api/v1/held", "{}", NULL, &unkeyed);
  gil_test_loop_run_for (300);
  g_assert_cmpuint (fake->held, ==, 1);
  soup_websocket_connection_close (g_ptr_array_index (fake->sockets, 1), SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  gil_test_loop_wait_until (is_offline, connection, WAIT_MS, "offline");
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online again");
  gil_test_loop_run_for (500);
  g_assert_false (unkeyed.done);
  g_assert_cmpuint (fake->held, ==, 1);
}

/* ── the list models ──────────────────────────────────────────────────── */

typedef struct
{
  GilRoomItem *room;
  guint        waiting;
} WaitingWait;

static gboolean
room_waiting (gpointer data)
{
  WaitingWait *wait = data;

  return gil_room_item_get_waiting (wait->room) == wait->waiting;
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_room_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  g_autoptr(GilRoomList) list = gil_room_list_new (connection);
  GilRoomItem *dewasa;
  WaitingWait wait;
  guint changes = 0;
  guint n_rooms;

  gil_connection_start_events (connection, health_seq (f));
  gil_test_loop_wait_until (room_list_loaded, list, WAIT_MS, "the rooms");
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  n_rooms = g_list_model_get_n_items (G_LIST_MODEL (list));
  dewasa = gil_room_list_find_by_code (list, "K3-DEWASA");
  g_assert_nonnull (dewasa);
  g_assert_true (gil_room_list_find (list, gil_room_item_get_id (dewasa)) == dewasa);
  g_assert_cmpstr (gil_room_list_get_name (list, gil_room_item_get_id (dewasa)), ==, "Ruang Usia Dewasa");
  g_assert_null (gil_room_list_get_name (list, G_MAXINT64));
  g_assert_cmpuint (gil_room_item_get_waiting (dewasa), ==, 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  /* Registered through another station: the count follows. */
  register_visit (f);
  wait = (WaitingWait) { dewasa, 1 };
  gil_test_loop_wait_until (room_waiting, &wait, WAIT_MS, "a waiting patient");
  register_visit (f);
  wait.waiting = 2;
  gil_test_loop_wait_until (room_waiting, &wait, WAIT_MS, "two waiting patients");

  /* Updated in place: the same items, no rows added or removed. */
  g_assert_true (gil_room_list_find_by_code (list, "K3-DEWASA") == dewasa);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_rooms);
  g_assert_cmpuint (changes, ==, 0);

  /* A call takes one off the waiting count. */
  {
    g_auto(GilTestReply) reply = { 0 };
    g_autofree char *key = gil_connection_new_action_key ();
    g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next",
                                             gil_room_item_get_id (dewasa));

    gil_test_client_request_ok (f->client.connection, "POST", path, NULL, key, 200, &reply);
  }
  wait.waiting = 1;
  gil_test_loop_wait_until (room_waiting, &wait, WAIT_MS, "the call to count");
}

typedef struct
{
  GilQueueModel *queue;
  guint          n_items;
  const char    *first_status;
} QueueWait;

static gboolean
queue_is (gpointer data)
{
  QueueWait *wait = data;
  g_autoptr(GilStopItem) first = NULL;

  if (gil_queue_model_get_loading (wait->queue) ||
      g_list_model_get_n_items (G_LIST_MODEL (wait->queue)) != wait->n_items)
    return FALSE;
  if (wait->first_status == NULL)
    return TRUE;
  first = g_list_model_get_item (G_LIST_MODEL (wait->queue), 0);
  return g_strcmp0 (gil_stop_status_to_string (gil_stop_item_get_status (first)), wait->first_status) == 0;
}

static void
queue_wait_for (GilQueueModel *queue,
                guint          n_items)
{
  QueueWait wait = { queue, n_items, n_items > 0 ? "waiting" : NULL };

  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "the queue");
}

static void
test_queue_model (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  gint64 dewasa = room_id (f, "K3-DEWASA");
  g_autoptr(GilQueueModel) queue = gil_queue_model_new (connection, dewasa);
  g_autoptr(GilStopItem) first = NULL;
  g_autoptr(GilStopItem) second = NULL;
  g_autoptr(GilStopItem) called = NULL;
  g_autoptr(GilStopItem) next = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  QueueWait wait = { queue, 0, NULL };

  gil_connection_start_events (connection, health_seq (f));
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "the empty queue");
  g_assert_null (gil_queue_model_get_why (queue));

  /* Two registrations through another station. */
  register_visit (f);
  register_visit (f);
  wait = (QueueWait) { queue, 2, "waiting" };
  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "two waiting");
  first = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  second = g_list_model_get_item (G_LIST_MODEL (queue), 1);
  g_assert_cmpstr (gil_stop_item_get_patient_name (first), ==, "Pasien Uji 1");
  g_assert_cmpstr (gil_stop_item_get_patient_name (second), ==, "Pasien Uji 2");
  g_assert_cmpint (gil_stop_item_get_room (first), ==, dewasa);
  g_assert_cmpuint (gil_stop_item_get_position (first), ==, 1);
  g_assert_cmpuint (gil_stop_item_get_position (second), ==, 2);
  g_assert_nonnull (gil_stop_item_get_enqueued_at (first));
  g_assert_null (gil_stop_item_get_called_at (first));
  /* Only the next one says why it is next. */
  g_assert_nonnull (gil_stop_item_get_why (first));
  g_assert_cmpstr (gil_stop_item_get_why (first), ==, gil_queue_model_get_why (queue));
  g_assert_null (gil_stop_item_get_why (second));
  g_assert_cmpuint (gil_room_item_get_waiting (gil_queue_model_get_room (queue)), ==, 2);

  /* Another station calls the next patient. */
  {
    g_auto(GilTestReply) reply = { 0 };
    g_autofree char *key = gil_connection_new_action_key ();
    JsonObject *result = gil_test_client_request_ok (f->client.connection, "POST", path, NULL, key, 200, &reply);

    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "stop"), "id"),
                     ==, gil_stop_item_get_id (first));
  }
  wait = (QueueWait) { queue, 2, "called" };
  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "the call");

  /* The same items, changed in place: the called one first, then the
   * one who is now next. */
  called = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  next = g_list_model_get_item (G_LIST_MODEL (queue), 1);
  g_assert_true (called == first);
  g_assert_true (next == second);
  g_assert_cmpuint (gil_stop_item_get_calls (first), ==, 1);
  g_assert_nonnull (gil_stop_item_get_called_at (first));
  g_assert_null (gil_stop_item_get_why (first));
  g_assert_nonnull (gil_stop_item_get_why (second));
  g_assert_cmpuint (gil_stop_item_get_position (second), ==, 1);
  g_assert_true (gil_queue_model_find (queue, gil_stop_item_get_id (second)) == second);
}

/* ── a backup put back while a station is away ────────────────────────── */

static char *
backup_now (Fixture *f)
{
  g_auto(GilTestReply) reply = { 0 };
  JsonObject *backup = gil_test_client_request_ok (f->client.connection, "POST", "/api/v1/backups", NULL, NULL, 201, &reply);

  return g_build_filename (gil_test_manager_get_dir (f->client.manager), "backups",
                           json_object_get_string_member (backup, "file"), NULL);
}

static void
restore_backup (Fixture    *f,
                const char *backup)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("GILIRAN_MANAGER"), "--database",
                         gil_test_manager_get_database (f->client.manager), "--restore", backup, NULL };
  int status = -1;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
}

static char *
health_log (Fixture *f)
{
  g_auto(GilTestReply) reply = { 0 };
  JsonObject *health = gil_test_client_request_ok (f->client.connection, "GET", "/api/v1/health", NULL, NULL, 200, &reply);

  return g_strdup (json_object_get_string_member (health, "log"));
}

typedef struct
{
  Fixture       *f;
  GilQueueModel *queue;
  gint64         room;
} SameQueue;

static void
add_stops (GString    *out,
           JsonObject *queue,
           const char *member)
{
  JsonArray *stops = json_object_get_array_member (queue, member);

  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *stop = json_array_get_object_element (stops, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s %s;",
                              json_object_get_int_member (stop, "id"),
                              json_object_get_string_member (stop, "ticket"),
                              json_object_get_string_member (stop, "status"));
    }
}

/* Whether the model holds what the manager's queue holds, in order. */
static gboolean
queue_same_as_manager (gpointer data)
{
  SameQueue *same = data;
  g_auto(GilTestReply) reply = { 0 };
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", same->room);
  g_autoptr(GString) manager = g_string_new (NULL);
  g_autoptr(GString) model = g_string_new (NULL);
  JsonObject *queue;

  if (gil_queue_model_get_loading (same->queue))
    return FALSE;
  queue = gil_test_client_request_ok (same->f->client.connection, "GET", path, NULL, NULL, 200, &reply);
  add_stops (manager, queue, "called");
  add_stops (manager, queue, "serving");
  add_stops (manager, queue, "waiting");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (same->queue)); i++)
    {
      g_autoptr(GilStopItem) item = g_list_model_get_item (G_LIST_MODEL (same->queue), i);

      g_string_append_printf (model, "%" G_GINT64_FORMAT " %s %s;", gil_stop_item_get_id (item),
                              gil_stop_item_get_ticket (item), gil_stop_status_to_string (gil_stop_item_get_status (item)));
    }
  if (!g_str_equal (manager->str, model->str))
    g_test_message ("manager: %s\nmodel:   %s", manager->str, model->str);
  return g_str_equal (manager->str, model->str);
}

/* The manager is stopped, an older backup put back and the manager started
 * again, and it goes past the seq a station that was away has: the seqs
 * from there on name other events. The station, back, must get a snapshot
 * of the new log, not a replay from its seq that would miss some events and
 * keep stops from the lost timeline. */
static void
test_restored_backup (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GilConnection) connection = new_connection (f);
  gint64 dewasa = room_id (f, "K3-DEWASA");
  g_autoptr(GilQueueModel) queue = gil_queue_model_new (connection, dewasa);
  g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *backup = NULL;
  g_autofree char *old_log = NULL;
  g_autofree char *new_log = NULL;
  g_auto(GilTestRecorder) rec = { 0 };
  QueueWait wait = { queue, 0, NULL };
  SameQueue same = { f, queue, dewasa };
  gint64 seen;

  recorder_init (&rec, connection);
  gil_connection_start_events (connection, health_seq (f));
  gil_test_loop_wait_until (is_online, connection, WAIT_MS, "online");
  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "the empty queue");

  register_and_hear (f, &rec, 2, FALSE, "the events before the backup");
  old_log = health_log (f);
  g_assert_cmpstr (gil_connection_get_log_id (connection), ==, old_log);
  backup = backup_now (f);

  /* After the backup: three more, and a call; the station sees them. */
  for (guint i = 0; i < 3; i++)
    register_visit (f);
  {
    g_auto(GilTestReply) reply = { 0 };
    g_autofree char *key = gil_connection_new_action_key ();

    gil_test_client_request_ok (f->client.connection, "POST", call_next, NULL, key, 200, &reply);
  }
  rec.wanted = health_seq (f);
  gil_test_loop_wait_until (reached_wanted, &rec, WAIT_MS, "the events after the backup");
  wait = (QueueWait) { queue, 5, "called" };
  gil_test_loop_wait_until (queue_is, &wait, WAIT_MS, "five in the queue");
  seen = gil_connection_get_last_seq (connection);

  /* The station goes away; the backup is put back. */
  gil_connection_stop_events (connection);
  gil_test_manager_kill (f->client.manager, SIGTERM);
  restore_backup (f, backup);
  gil_test_manager_restart (f->client.manager);
  new_log = health_log (f);
  g_assert_cmpstr (new_log, !=, old_log);
  g_assert_cmpint (health_seq (f), <, seen);

  /* The restored manager goes past what the station has seen. */
  while (health_seq (f) <= seen)
    register_visit (f);
  {
    g_auto(GilTestReply) reply = { 0 };
    g_autofree char *key = gil_connection_new_action_key ();

    gil_test_client_request_ok (f->client.connection, "POST", call_next, NULL, key, 200, &reply);
  }
  g_assert_cmpint (health_seq (f), >, seen + 1);

  /* Back: a snapshot of the new log, then its events. */
  rec.snapshots = 0;
  gil_connection_start_events (connection, seen);
  gil_test_loop_wait_until (gil_test_recorder_got_snapshot, &rec, WAIT_MS, "the snapshot of the new log");
  g_assert_cmpuint (rec.snapshots, ==, 1);
  g_assert_cmpstr (gil_connection_get_log_id (connection), ==, new_log);
  g_assert_cmpint (gil_connection_get_last_seq (connection), ==, health_seq (f));
  gil_test_loop_wait_until (queue_same_as_manager, &same, WAIT_MS, "the queue as the manager has it");

  /* And it follows the new log from there. */
  register_and_hear (f, &rec, 1, FALSE, "an event of the new log");
  gil_test_loop_wait_until (queue_same_as_manager, &same, WAIT_MS, "the queue after one more");
  g_assert_cmpuint (rec.snapshots, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/giliran/client/connection/new-destroy", test_connection_new_destroy);
  g_test_add_func ("/giliran/client/connection/default-url", test_connection_default_url);
  g_test_add_func ("/giliran/client/room-item/new-destroy", test_room_item_new_destroy);
  g_test_add_func ("/giliran/client/stop-item/new-destroy", test_stop_item_new_destroy);
  g_test_add_func ("/giliran/client/found-server/new-destroy", test_found_server_new_destroy);
  g_test_add_func ("/giliran/client/server-browser/new-destroy", test_server_browser_new_destroy);
  ADD ("room-list/new-destroy", test_room_list_new_destroy);
  ADD ("queue-model/new-destroy", test_queue_model_new_destroy);
  ADD ("connection/events-destroy", test_connection_events_destroy);
  ADD ("request", test_request);
  ADD ("errors", test_errors);
  ADD ("idempotency", test_idempotency);
  ADD ("retry", test_retry);
  ADD ("keep-alive", test_keep_alive);
  ADD ("cancel", test_cancel);
  ADD ("events", test_events);
  ADD ("events-replay", test_events_replay);
  ADD ("snapshot", test_snapshot);
  ADD ("events-from-nothing", test_events_from_nothing);
  ADD ("reconnect", test_reconnect);
  g_test_add_func ("/giliran/client/gap", test_gap);
  g_test_add_func ("/giliran/client/silence", test_silence);
  g_test_add_func ("/giliran/client/resend-after-cut", test_resend_after_cut);
  ADD ("room-list", test_room_list);
  ADD ("queue-model", test_queue_model);
  ADD ("restored-backup", test_restored_backup);

#undef ADD

  return g_test_run ();
}
