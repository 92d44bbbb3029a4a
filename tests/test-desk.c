/* test-desk.c — the desk's corrections to a visit: cancel it, move it to
 * the right room; against the real giliran-manager on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"

typedef struct
{
  GilTestManager  *manager;
  const char      *url;
  const char      *admin;
  GilTestStations  stations;
  gint64           dewasa;
  char            *thirty;   /* a birth date 30 years ago */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->admin);
  gil_test_api_pair_stations (f->url, f->admin, &f->stations);
  f->dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  f->thirty = gil_test_api_years_ago (30);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_api_clear_stations (&f->stations);
  g_free (f->thirty);
  gil_test_manager_free (f->manager);
}

/* An adult's sick visit from the desk (to K3-DEWASA unless @extra picks
 * a room); returns the visit. */
static JsonNode *
register_adult (Fixture    *f,
                const char *name,
                const char *extra)
{
  return gil_test_api_register (f->url, f->stations.desk, name, f->thirty, extra);
}

static gint64
visit_id (JsonNode *visit)
{
  return json_object_get_int_member (gil_test_api_object (visit), "id");
}

static JsonObject *
first_stop (JsonNode *visit)
{
  JsonArray *stops = json_object_get_array_member (gil_test_api_object (visit), "stops");

  return json_array_get_object_element (stops, 0);
}

static char *
visit_path (gint64      visit,
            const char *verb)
{
  return g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/%s", visit, verb);
}

/* The room's queue list @member ("waiting", "called", …). */
static JsonNode *
get_queue (Fixture *f,
           gint64   room)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", room);

  return gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
}

static guint
queue_length (Fixture    *f,
              gint64      room,
              const char *member)
{
  g_autoptr(JsonNode) queue = get_queue (f, room);

  return json_array_get_length (json_object_get_array_member (gil_test_api_object (queue), member));
}

static JsonObject *
report_totals (Fixture  *f,
               JsonNode **report)
{
  *report = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/reports/daily", NULL, NULL, 200);
  return json_object_get_object_member (gil_test_api_object (*report), "totals");
}

/* The visit's history entry of @type, which must be there. */
static JsonObject *
history_entry (JsonNode   *history,
               const char *type)
{
  JsonArray *entries = json_node_get_array (history);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "type"), type))
        return entry;
    }
  g_assert_not_reached ();
}

/* Cancelling a waiting visit: its stop leaves the queue as cancelled, the
 * room hears of it, the audit trail says who and why, and the report
 * counts it as cancelled, not as not served. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_adult (f, "Ayu Lestari", NULL);
  g_autoptr(JsonNode) kept = register_adult (f, "Bagus", NULL);
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree char *path = visit_path (visit_id (visit), "cancel");
  g_autofree char *history_path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history",
                                                   visit_id (visit));
  JsonObject *object;
  JsonObject *stop;
  JsonObject *entry;
  JsonObject *totals;
  GilTestEvents *events;

  g_assert_cmpuint (queue_length (f, f->dewasa, "waiting"), ==, 2);
  events = gil_test_events_open (f->url, f->admin, gil_test_api_health_seq (f->url));
  g_assert_nonnull (events->connection);

  cancelled = gil_test_api_expect (f->url, f->stations.desk, "POST", path,
                                   "{\"reason\":\"  Salah daftar, pasien pulang  \"}", NULL, 200);
  object = gil_test_api_object (cancelled);
  stop = first_stop (cancelled);
  g_assert_cmpstr (json_object_get_string_member (stop, "status"), ==, "cancelled");
  g_assert_true (json_object_get_null_member (stop, "position"));
  g_assert_cmpstr (json_object_get_string_member (object, "cancel_reason"), ==, "Salah daftar, pasien pulang");
  g_assert_nonnull (json_object_get_string_member (object, "cancelled_at"));

  /* The queue no longer lists it; the other patient waits on, now first. */
  {
    g_autoptr(JsonNode) queue = get_queue (f, f->dewasa);
    JsonArray *waiting = json_object_get_array_member (gil_test_api_object (queue), "waiting");

    g_assert_cmpuint (json_array_get_length (waiting), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 0), "id"), ==,
                     json_object_get_int_member (first_stop (kept), "id"));
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 0), "position"), ==, 1);
  }

  /* The room's pages and displays hear of it. */
  gil_test_events_wait (events, 1);
  {
    JsonObject *event = g_ptr_array_index (events->messages, 0);

    g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "stop.cancelled");
    g_assert_cmpint (json_object_get_int_member (event, "visit"), ==, visit_id (visit));
    g_assert_cmpint (json_object_get_int_member (event, "room"), ==, f->dewasa);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "stop"), "status"),
                     ==, "cancelled");
  }
  gil_test_events_close (events);

  /* GET answers the same. */
  {
    g_autofree char *get = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit_id (visit));

    again = gil_test_api_expect (f->url, f->stations.desk, "GET", get, NULL, NULL, 200);
  }
  g_assert_cmpstr (json_object_get_string_member (first_stop (again), "status"), ==, "cancelled");

  /* The audit trail: the desk did it, and why. */
  history = gil_test_api_expect (f->url, f->admin, "GET", history_path, NULL, NULL, 200);
  entry = history_entry (history, "stop.cancelled");
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "Salah daftar, pasien pulang");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "station"), "name"),
                   ==, "Meja Pendaftaran 1");
  g_assert_cmpint (json_object_get_int_member (entry, "room"), ==, f->dewasa);

  /* The report: cancelled, not "not served". */
  totals = report_totals (f, &report);
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "cancelled"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "not_served"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 0);
  {
    guint status = 0;
    g_autofree char *type = NULL;
    g_autofree char *csv = gil_test_api_get_text (f->url, f->admin, "/api/v1/reports/daily?format=csv",
                                                  &status, &type);
    const char *room_row = ",rooms,K3-DEWASA,cancelled,1\r\n";

    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (csv, ",totals,,cancelled,1\r\n"));
    g_assert_nonnull (strstr (csv, room_row));
  }

  /* The patient may be registered again today. */
  {
    g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                             "\"payer\":\"umum\"}",
                                             json_object_get_int_member (json_object_get_object_member (object, "patient"), "id"));
    g_autoptr(JsonNode) anew = gil_test_api_expect (f->url, f->stations.desk, "POST", "/api/v1/visits", body, NULL,
                                                    201);
  }
}

/* A called patient who does not come may be cancelled too: the room's
 * called list empties. */
static void
test_cancel_called (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_adult (f, "Citra", NULL);
  g_autoptr(JsonObject) called = gil_test_api_call_next (f->url, f->admin, "K3-DEWASA");
  g_autofree char *path = visit_path (visit_id (visit), "cancel");
  g_autoptr(JsonNode) cancelled = NULL;

  g_assert_cmpuint (queue_length (f, f->dewasa, "called"), ==, 1);
  cancelled = gil_test_api_expect (f->url, f->admin, "POST", path, "{\"reason\":\"Tidak hadir\"}", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (first_stop (cancelled), "status"), ==, "cancelled");
  g_assert_cmpuint (queue_length (f, f->dewasa, "called"), ==, 0);
  g_assert_cmpuint (queue_length (f, f->dewasa, "waiting"), ==, 0);
}

/* Each refusal, with nothing changed. */
static void
test_cancel_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_adult (f, "Dewi", NULL);
  g_autoptr(JsonNode) served = register_adult (f, "Eko", NULL);
  g_autofree char *path = visit_path (visit_id (visit), "cancel");
  g_autofree char *served_path = visit_path (visit_id (served), "cancel");
  g_autofree char *head = gil_test_api_pair (f->url, f->admin, "head", "");
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autofree char *long_reason = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonObject *totals;
  gint64 stop;

  /* Roles: the desk and the admin only. */
  gil_test_api_expect_error (f->url, f->stations.lansia, "POST", path, "{\"reason\":\"x\"}", 403, "forbidden");
  gil_test_api_expect_error (f->url, head, "POST", path, "{\"reason\":\"x\"}", 403, "forbidden");
  gil_test_api_expect_error (f->url, display, "POST", path, "{\"reason\":\"x\"}", 403, "forbidden");

  /* The reason: given, not blank, not over GIL_QUEUE_REASON_MAX. */
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"reason\":42}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"reason\":\" \\t \"}", 400, "invalid-reason");
  long_reason = g_strnfill (201, 'x');
  body = g_strdup_printf ("{\"reason\":\"%s\"}", long_reason);
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, body, 400, "invalid-reason");
  g_assert_cmpuint (queue_length (f, f->dewasa, "waiting"), ==, 2);

  /* No such visit. */
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", "/api/v1/visits/999/cancel", "{\"reason\":\"x\"}",
                             404, "not-found");

  /* Once in service, or done: too late. */
  {
    g_autoptr(JsonObject) called = gil_test_api_call_next (f->url, f->admin, "K3-DEWASA");

    stop = json_object_get_int_member (called, "id");
    g_assert_cmpint (json_object_get_int_member (called, "visit"), ==, visit_id (visit));
  }
  gil_test_api_stop_action (f->url, f->admin, stop, "start");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"reason\":\"x\"}", 409, "invalid-transition");
  gil_test_api_stop_action (f->url, f->admin, stop, "finish");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"reason\":\"x\"}", 409, "invalid-transition");

  /* Cancelled already. */
  json_node_unref (gil_test_api_expect (f->url, f->stations.desk, "POST", served_path, "{\"reason\":\"Dobel\"}",
                                        NULL, 200));
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", served_path, "{\"reason\":\"Dobel\"}", 409,
                             "already-cancelled");

  totals = report_totals (f, &report);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "cancelled"), ==, 1);
}

/* A repeated Idempotency-Key gets the stored reply and changes nothing;
 * a new key runs again and is refused. */
static void
test_cancel_idempotent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_adult (f, "Fajar", NULL);
  g_autofree char *path = visit_path (visit_id (visit), "cancel");
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) repeat = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *repeat_text = NULL;
  guint status = 0;

  first = gil_test_api_call (f->url, f->stations.desk, "POST", path, "{\"reason\":\"Salah\"}", "cancel-1", &status);
  g_assert_cmpuint (status, ==, 200);
  repeat = gil_test_api_call (f->url, f->stations.desk, "POST", path, "{\"reason\":\"Salah\"}", "cancel-1", &status);
  g_assert_cmpuint (status, ==, 200);
  first_text = json_to_string (first, FALSE);
  repeat_text = json_to_string (repeat, FALSE);
  g_assert_cmpstr (first_text, ==, repeat_text);

  other = gil_test_api_call (f->url, f->stations.desk, "POST", path, "{\"reason\":\"Salah\"}", "cancel-2", &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpstr (gil_test_api_error (other), ==, "already-cancelled");
}

/* A patient sent to the wrong room moves, while waiting, to the right
 * one: a ticket of that room's prefix, the place by arrival time, both
 * rooms told, the move in the audit trail. */
static void
test_reroute (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *to_lansia = g_strdup_printf (",\"room\":%" G_GINT64_FORMAT, f->stations.lansia_id);
  g_autoptr(JsonNode) before = register_adult (f, "Gita", NULL);
  g_autoptr(JsonNode) wrong = register_adult (f, "Hadi", to_lansia);
  g_autoptr(JsonNode) after = register_adult (f, "Indra", NULL);
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(JsonNode) queue = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *path = visit_path (visit_id (wrong), "reroute");
  g_autofree char *body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"reason\":\"Salah pilih ruang\"}",
                                           f->dewasa);
  g_autofree char *history_path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history",
                                                   visit_id (wrong));
  JsonObject *object;
  JsonObject *entry;
  JsonArray *waiting;
  GilTestEvents *events;

  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (wrong), "ticket"), ==, "E-001");
  g_assert_cmpuint (queue_length (f, f->stations.lansia_id, "waiting"), ==, 1);
  events = gil_test_events_open (f->url, f->admin, gil_test_api_health_seq (f->url));
  g_assert_nonnull (events->connection);

  moved = gil_test_api_expect (f->url, f->stations.desk, "POST", path, body, NULL, 200);
  object = gil_test_api_object (moved);
  g_assert_cmpint (json_object_get_int_member (object, "room"), ==, f->dewasa);
  g_assert_cmpstr (json_object_get_string_member (object, "ticket"), ==, "D-003");
  g_assert_false (json_object_get_boolean_member (object, "overridden"));
  g_assert_cmpstr (json_object_get_string_member (first_stop (moved), "status"), ==, "waiting");
  g_assert_cmpint (json_object_get_int_member (first_stop (moved), "room"), ==, f->dewasa);
  g_assert_cmpint (json_object_get_int_member (first_stop (moved), "position"), ==, 2);

  /* Gone from the Lansia room; between the two who came before and after. */
  g_assert_cmpuint (queue_length (f, f->stations.lansia_id, "waiting"), ==, 0);
  queue = get_queue (f, f->dewasa);
  waiting = json_object_get_array_member (gil_test_api_object (queue), "waiting");
  g_assert_cmpuint (json_array_get_length (waiting), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 0), "visit"), ==, visit_id (before));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 1), "visit"), ==, visit_id (wrong));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (waiting, 1), "ticket"), ==, "D-003");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 2), "visit"), ==, visit_id (after));

  /* Both rooms hear of it: first the old, then the new. */
  gil_test_events_wait (events, 2);
  g_assert_cmpstr (gil_test_events_type (events, 0), ==, "stop.rerouted");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (events->messages, 0), "room"), ==,
                   f->stations.lansia_id);
  g_assert_cmpstr (gil_test_events_type (events, 1), ==, "stop.enqueued");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (events->messages, 1), "room"), ==, f->dewasa);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (events->messages, 1), "ticket"), ==, "D-003");
  gil_test_events_close (events);

  history = gil_test_api_expect (f->url, f->admin, "GET", history_path, NULL, NULL, 200);
  entry = history_entry (history, "stop.rerouted");
  g_assert_cmpint (json_object_get_int_member (entry, "room"), ==, f->stations.lansia_id);
  g_assert_cmpint (json_object_get_int_member (entry, "to_room"), ==, f->dewasa);
  g_assert_cmpstr (json_object_get_string_member (entry, "to_room_name"), ==, "Ruang Usia Dewasa");
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "Salah pilih ruang");
  g_assert_cmpstr (json_object_get_string_member (entry, "ticket"), ==, "E-001");
}

/* Each refusal of a move, with nothing changed; the key as for writes. */
static void
test_reroute_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_adult (f, "Joko", NULL);
  g_autoptr(JsonNode) called = register_adult (f, "Kadek", NULL);
  g_autofree char *path = visit_path (visit_id (visit), "reroute");
  g_autofree char *called_path = visit_path (visit_id (called), "reroute");
  g_autofree char *to_lansia = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT "}", f->stations.lansia_id);
  g_autofree char *to_dewasa = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT "}", f->dewasa);
  g_autofree char *long_reason = g_strnfill (201, 'x');
  g_autofree char *long_body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"reason\":\"%s\"}",
                                                f->stations.lansia_id, long_reason);
  gint64 khusus = gil_test_api_room_id (f->url, f->admin, "LK-KHUSUS");
  g_autofree char *khusus_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT, khusus);
  g_autofree char *to_khusus = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT "}", khusus);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) repeat = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *repeat_text = NULL;
  guint status = 0;

  gil_test_api_expect_error (f->url, f->stations.lansia, "POST", path, to_lansia, 403, "forbidden");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"room\":\"5\"}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, long_body, 400, "invalid-reason");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, "{\"room\":999}", 404, "not-found");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", "/api/v1/visits/999/reroute", to_lansia, 404,
                             "not-found");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, to_dewasa, 409, "invalid-transition");
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", khusus_path, "{\"active\":false}", NULL, 200));
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, to_khusus, 409, "room-inactive");
  g_assert_cmpuint (queue_length (f, f->dewasa, "waiting"), ==, 2);

  /* Called: the patient is on the way in; no longer the desk's. */
  {
    g_autoptr(JsonObject) next = gil_test_api_call_next (f->url, f->admin, "K3-DEWASA");
    g_autoptr(JsonObject) then = gil_test_api_call_next (f->url, f->admin, "K3-DEWASA");
  }
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", called_path, to_lansia, 409, "invalid-transition");
  gil_test_api_expect_error (f->url, f->stations.desk, "POST", path, to_lansia, 409, "invalid-transition");

  /* Cancelled: cannot move. */
  {
    g_autoptr(JsonNode) other = register_adult (f, "Lina", NULL);
    g_autofree char *cancel = visit_path (visit_id (other), "cancel");
    g_autofree char *reroute = visit_path (visit_id (other), "reroute");

    json_node_unref (gil_test_api_expect (f->url, f->stations.desk, "POST", cancel, "{\"reason\":\"Pulang\"}", NULL,
                                          200));
    gil_test_api_expect_error (f->url, f->stations.desk, "POST", reroute, to_lansia, 409, "already-cancelled");
  }

  /* The same key twice: one move, the same reply. */
  {
    g_autoptr(JsonNode) other = register_adult (f, "Made", NULL);
    g_autofree char *reroute = visit_path (visit_id (other), "reroute");

    first = gil_test_api_call (f->url, f->stations.desk, "POST", reroute, to_lansia, "move-1", &status);
    g_assert_cmpuint (status, ==, 200);
    repeat = gil_test_api_call (f->url, f->stations.desk, "POST", reroute, to_lansia, "move-1", &status);
    g_assert_cmpuint (status, ==, 200);
    first_text = json_to_string (first, FALSE);
    repeat_text = json_to_string (repeat, FALSE);
    g_assert_cmpstr (first_text, ==, repeat_text);
    g_assert_cmpuint (queue_length (f, f->stations.lansia_id, "waiting"), ==, 1);
    g_clear_pointer (&repeat, json_node_unref);
    repeat = gil_test_api_call (f->url, f->stations.desk, "POST", reroute, to_lansia, "move-2", &status);
    g_assert_cmpuint (status, ==, 409);
    g_assert_cmpstr (gil_test_api_error (repeat), ==, "invalid-transition");
  }
}

/* The day's visits for the desk: newest first, cancelled ones too, for
 * the desk and the admin only. */
static void
test_list_today (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) first = register_adult (f, "Nyoman", NULL);
  g_autoptr(JsonNode) second = register_adult (f, "Oka", NULL);
  g_autofree char *cancel = visit_path (visit_id (first), "cancel");
  g_autoptr(JsonNode) list = NULL;
  JsonArray *visits;

  json_node_unref (gil_test_api_expect (f->url, f->stations.desk, "POST", cancel, "{\"reason\":\"Dobel\"}", NULL, 200));
  list = gil_test_api_expect (f->url, f->stations.desk, "GET", "/api/v1/visits", NULL, NULL, 200);
  visits = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (visits), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (visits, 0), "id"), ==,
                   visit_id (second));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (visits, 0), "cancelled_at"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (visits, 1), "cancel_reason"),
                   ==, "Dobel");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (visits, 1), "patient"), "name"),
                   ==, "Nyoman");
  {
    g_autoptr(JsonNode) refused = gil_test_api_expect (f->url, f->stations.lansia, "GET", "/api/v1/visits",
                                                       NULL, NULL, 403);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/desk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cancel", test_cancel);
  ADD ("cancel-called", test_cancel_called);
  ADD ("cancel-errors", test_cancel_errors);
  ADD ("cancel-idempotent", test_cancel_idempotent);
  ADD ("reroute", test_reroute);
  ADD ("reroute-errors", test_reroute_errors);
  ADD ("list-today", test_list_today);
#undef ADD

  return g_test_run ();
}
