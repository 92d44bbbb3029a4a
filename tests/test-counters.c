/* test-counters.c — two PCs on one room, each its own counter (meja):
 * the counter a call-next, call or recall names is kept on the stop, in
 * its JSON, in the call's event and across a restart; a bad one is
 * refused and changes nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;
  char           *room;     /* a room station's token, K3-DEWASA */
  gint64          dewasa;
  char           *call_next;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *rooms = NULL;

  f->manager = gil_test_manager_start_api (&f->url, &f->admin);
  f->dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  rooms = g_strdup_printf ("%" G_GINT64_FORMAT, f->dewasa);
  f->room = gil_test_api_pair (f->url, f->admin, "room", rooms);
  f->call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", f->dewasa);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->call_next);
  g_free (f->room);
  gil_test_manager_free (f->manager);
}

static JsonNode *
post (Fixture    *f,
      const char *path,
      const char *body,
      guint       expected)
{
  return gil_test_api_expect (f->url, f->room, "POST", path, body, NULL, expected);
}

static gint64
register_adult (Fixture    *f,
                const char *name)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (f->url, f->admin, name, "1990-01-01", NULL);

  return gil_test_api_first_stop (visit);
}

static JsonObject *
stop_of (JsonNode *reply)
{
  return json_object_get_object_member (gil_test_api_object (reply), "stop");
}

/* The stop's counter, -1 for null. */
static gint64
counter_of (JsonObject *object)
{
  g_assert_true (json_object_has_member (object, "counter"));
  if (json_object_get_null_member (object, "counter"))
    return -1;
  return json_object_get_int_member (object, "counter");
}

static char *
stop_path (gint64      stop,
           const char *verb)
{
  return g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", stop, verb);
}

/* The room's called stops, by id, as GET /rooms/{id}/queue has them. */
static gint64
queued_counter (Fixture *f,
                gint64   stop)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", f->dewasa);
  g_autoptr(JsonNode) queue = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  JsonArray *called = json_object_get_array_member (gil_test_api_object (queue), "called");

  for (guint i = 0; i < json_array_get_length (called); i++)
    if (json_object_get_int_member (json_array_get_object_element (called, i), "id") == stop)
      return counter_of (json_array_get_object_element (called, i));
  g_error ("stop %" G_GINT64_FORMAT " is not called", stop);
}

static void
test_call_next (Fixture       *f,
                gconstpointer  data)
{
  gint64 first = register_adult (f, "Lalu Ahmad");
  gint64 second = register_adult (f, "Baiq Nurul");
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) plain = NULL;
  GilTestEvents *events;
  JsonObject *event;

  events = gil_test_events_open (f->url, f->admin, gil_test_api_health_seq (f->url));

  /* Counter 2 calls: the reply, the event and the queue say so. */
  reply = post (f, f->call_next, "{\"counter\":2}", 200);
  g_assert_cmpint (json_object_get_int_member (stop_of (reply), "id"), ==, first);
  g_assert_cmpint (counter_of (stop_of (reply)), ==, 2);
  gil_test_events_wait (events, 1);
  event = g_ptr_array_index (events->messages, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "stop.called");
  g_assert_cmpint (counter_of (event), ==, 2);
  g_assert_cmpint (counter_of (json_object_get_object_member (event, "stop")), ==, 2);
  g_assert_cmpint (queued_counter (f, first), ==, 2);

  /* Counter 1 calls the patient again: the recall is counter 1's. */
  {
    g_autofree char *recall = stop_path (first, "recall");
    g_autoptr(JsonNode) again = post (f, recall, "{\"counter\":1}", 200);

    g_assert_cmpint (counter_of (stop_of (again)), ==, 1);
    gil_test_events_wait (events, 2);
    event = g_ptr_array_index (events->messages, 1);
    g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "stop.recalled");
    g_assert_cmpint (counter_of (event), ==, 1);
  }
  /* A recall naming no counter keeps the one that called. */
  {
    g_autofree char *recall = stop_path (first, "recall");
    g_autoptr(JsonNode) again = post (f, recall, NULL, 200);

    g_assert_cmpint (counter_of (stop_of (again)), ==, 1);
  }

  /* A room of one PC names none: null, as before. */
  plain = post (f, f->call_next, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (stop_of (plain), "id"), ==, second);
  g_assert_cmpint (counter_of (stop_of (plain)), ==, -1);
  gil_test_events_wait (events, 4);
  g_assert_cmpint (counter_of (g_ptr_array_index (events->messages, 3)), ==, -1);
  gil_test_events_close (events);

  /* The manager restarted: the counters are still there. */
  gil_test_manager_kill (f->manager, SIGTERM);
  gil_test_manager_restart (f->manager);
  g_assert_cmpint (queued_counter (f, first), ==, 1);
  g_assert_cmpint (queued_counter (f, second), ==, -1);
}

/* An out-of-turn call names its counter too. */
static void
test_call_out_of_turn (Fixture       *f,
                       gconstpointer  data)
{
  gint64 second;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;

  register_adult (f, "Lalu Ahmad");
  second = register_adult (f, "Baiq Nurul");
  path = stop_path (second, "call");
  reply = post (f, path, "{\"counter\":7}", 200);
  g_assert_cmpint (counter_of (stop_of (reply)), ==, 7);
  g_assert_cmpint (queued_counter (f, second), ==, 7);
}

/* A counter that is no counter: 400, and nobody is called. */
static void
test_bad_counter (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const bodies[] = {
    "{\"counter\":0}", "{\"counter\":-1}", "{\"counter\":100}",
    "{\"counter\":\"2\"}", "{\"counter\":1.5}", "{\"counter\":true}",
  };
  gint64 stop = register_adult (f, "Lalu Ahmad");
  gint64 seq = gil_test_api_health_seq (f->url);
  g_autofree char *call = stop_path (stop, "call");
  g_autofree char *recall = stop_path (stop, "recall");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonNode) next = post (f, f->call_next, bodies[i], 400);
      g_autoptr(JsonNode) one = post (f, call, bodies[i], 400);

      g_assert_cmpstr (gil_test_api_error (next), ==, "invalid-field");
      g_assert_cmpstr (gil_test_api_error (one), ==, "invalid-field");
    }
  g_assert_cmpint (gil_test_api_health_seq (f->url), ==, seq);

  json_node_unref (post (f, f->call_next, "{\"counter\":3}", 200));
  seq = gil_test_api_health_seq (f->url);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonNode) again = post (f, recall, bodies[i], 400);

      g_assert_cmpstr (gil_test_api_error (again), ==, "invalid-field");
    }
  g_assert_cmpint (gil_test_api_health_seq (f->url), ==, seq);
  g_assert_cmpint (queued_counter (f, stop), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/counters/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("call-next", test_call_next);
  ADD ("call-out-of-turn", test_call_out_of_turn);
  ADD ("bad-counter", test_bad_counter);
#undef ADD

  return g_test_run ();
}
