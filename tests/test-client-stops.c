/* test-client-stops.c — a room's typed calls against the real
 * giliran-manager on loopback: Call Next giving the patient the manager
 * said was next, with why and the counter; each stop action by its
 * GilStopAction and the state it leaves; Send To… giving the new stop;
 * one key kept across retries calling once; each refusal as its
 * GilApiError code and nothing changed; a visit's history entry by entry
 * as the manager's JSON says; the stream's events typed; and every
 * result freed when the test lets it go
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-history.h"
#include "gil-connection-reports.h"
#include "gil-connection-stops.h"
#include "gil-queue-event.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"
#include "gil-visit.h"

typedef struct
{
  GilTestClient client;      /* as the admin */
  gint64        dewasa;      /* K3-DEWASA, where an adult's sick visit goes */
  gint64        lab;         /* LK-LAB */
  char         *room_token;  /* a room station of K3-DEWASA */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *rooms = NULL;

  gil_test_client_set_up (&f->client, NULL, NULL, NULL);
  f->dewasa = gil_test_api_room_id (f->client.url, f->client.admin, "K3-DEWASA");
  f->lab = gil_test_api_room_id (f->client.url, f->client.admin, "LK-LAB");
  rooms = g_strdup_printf ("%" G_GINT64_FORMAT, f->dewasa);
  f->room_token = gil_test_api_pair (f->client.url, f->client.admin, "room", rooms);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->room_token);
  gil_test_client_tear_down (&f->client);
}

/* ── waiting for a call ────────────────────────────────────────────── */

static GilStopItem *
call_next (GilConnection  *connection,
           gint64          room,
           guint           counter,
           const char     *key,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_call_next_async (connection, room, counter, key, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_call_next_finish (connection, gil_test_client_wait (&result, "call-next"), error);
}

static GilStopItem *
act (GilConnection  *connection,
     gint64          stop,
     GilStopAction   action,
     guint           counter,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_act_on_stop_async (connection, stop, action, counter, NULL, NULL,
                                    gil_test_loop_keep_result, &result);
  return gil_connection_act_on_stop_finish (connection, gil_test_client_wait (&result, gil_stop_action_to_string (action)),
                                            error);
}

static GilStopItem *
transfer (GilConnection  *connection,
          gint64          stop,
          gint64          room,
          gboolean        return_after,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_transfer_stop_async (connection, stop, room, return_after, NULL, NULL,
                                      gil_test_loop_keep_result, &result);
  return gil_connection_transfer_stop_finish (connection, gil_test_client_wait (&result, "transfer"), error);
}

static GilStopItem *
finish_with (GilConnection  *connection,
             gint64          stop,
             GilOutcome      outcome,
             const char     *referred_to,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_finish_stop_async (connection, stop, outcome, referred_to, NULL, NULL,
                                    gil_test_loop_keep_result, &result);
  return gil_connection_finish_stop_finish (connection, gil_test_client_wait (&result, "a finish"), error);
}

static GPtrArray *
get_history (GilConnection  *connection,
             gint64          visit,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_get_visit_history_async (connection, visit, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_visit_history_finish (connection, gil_test_client_wait (&result, "the history"), error);
}

/* ── the manager's JSON, read apart ────────────────────────────────── */

/* Registers an adult's sick visit; @stop is its first stop's id.
 * Returns: the visit's id */
static gint64
register_adult (Fixture    *f,
                const char *name,
                gint64     *stop)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (f->client.url, f->client.admin, name, "1990-03-04", NULL);
  JsonObject *object = gil_test_api_object (visit);
  JsonArray *stops = json_object_get_array_member (object, "stops");

  *stop = json_object_get_int_member (json_array_get_object_element (stops, 0), "id");
  return json_object_get_int_member (object, "id");
}

/* Returns: (transfer full): GET /rooms/{id}/queue as the admin */
static JsonNode *
get_queue (Fixture *f,
           gint64   room)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", room);

  return gil_test_api_expect (f->client.url, f->client.admin, "GET", path, NULL, NULL, 200);
}

/* Returns: (transfer none) (nullable): the stop @id in @queue's @list */
static JsonObject *
find_in (JsonNode   *queue,
         const char *list,
         gint64      id)
{
  JsonArray *stops = json_object_get_array_member (gil_test_api_object (queue), list);

  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *stop = json_array_get_object_element (stops, i);

      if (json_object_get_int_member (stop, "id") == id)
        return stop;
    }
  return NULL;
}

static void
assert_time (GDateTime  *time,
             JsonObject *object,
             const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);
  g_autoptr(GDateTime) expected = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  if (expected == NULL)
    g_assert_null (time);
  else
    g_assert_true (time != NULL && g_date_time_equal (time, expected));
}

/* Each field of @item as the manager's stop object @json has it. */
static void
assert_stop_is (GilStopItem *item,
                JsonObject  *json)
{
  GilStopStatus status;

  g_assert_nonnull (json);
  g_assert_cmpint (gil_stop_item_get_id (item), ==, gil_test_json_int (json, "id", 0));
  g_assert_cmpint (gil_stop_item_get_visit (item), ==, gil_test_json_int (json, "visit", 0));
  g_assert_cmpint (gil_stop_item_get_room (item), ==, gil_test_json_int (json, "room", 0));
  g_assert_cmpstr (gil_stop_item_get_ticket (item), ==, json_object_get_string_member (json, "ticket"));
  g_assert_true (gil_stop_status_from_string (json_object_get_string_member (json, "status"), &status));
  g_assert_cmpint (gil_stop_item_get_status (item), ==, status);
  g_assert_cmpuint (gil_stop_item_get_calls (item), ==, gil_test_json_int (json, "calls", 0));
  g_assert_cmpuint (gil_stop_item_get_counter (item), ==, gil_test_json_int (json, "counter", 0));
  g_assert_cmpstr (gil_stop_item_get_patient_name (item), ==,
                   json_object_get_string_member_with_default (json, "patient_name", NULL));
  g_assert_cmpint (gil_stop_item_get_return_room (item), ==, gil_test_json_int (json, "return_room", 0));
  g_assert_cmpint (gil_stop_item_get_back_from (item), ==, gil_test_json_int (json, "back_from", 0));
  assert_time (gil_stop_item_get_enqueued_at (item), json, "enqueued_at");
  assert_time (gil_stop_item_get_called_at (item), json, "called_at");
  assert_time (gil_stop_item_get_started_at (item), json, "started_at");
  assert_time (gil_stop_item_get_finished_at (item), json, "finished_at");
}

/* ── the tests ─────────────────────────────────────────────────────── */

/* Call Next calls whom the queue said was next, for the reason it gave,
 * from counter 2; the item is the manager's stop field by field. */
static void
test_call_next (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  GilStopItem *called;
  gint64 first_stop, second_stop;
  JsonObject *first;

  register_adult (f, "Baiq Nurul", &first_stop);
  register_adult (f, "Lalu Ahmad", &second_stop);
  before = get_queue (f, f->dewasa);
  first = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (before), "waiting"), 0);
  g_assert_cmpint (gil_test_json_int (first, "id", 0), ==, first_stop);

  called = call_next (f->client.connection, f->dewasa, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (called);
  g_assert_cmpint (gil_stop_item_get_id (called), ==, first_stop);
  g_assert_cmpint (gil_stop_item_get_status (called), ==, GIL_STOP_CALLED);
  g_assert_cmpuint (gil_stop_item_get_calls (called), ==, 1);
  g_assert_cmpuint (gil_stop_item_get_counter (called), ==, 2);
  g_assert_nonnull (gil_stop_item_get_why (called));
  g_assert_cmpstr (gil_stop_item_get_why (called), ==,
                   json_object_get_string_member (gil_test_api_object (before), "why"));
  g_assert_cmpstr (gil_stop_item_get_patient_name (called), ==, "Baiq Nurul");

  after = get_queue (f, f->dewasa);
  assert_stop_is (called, find_in (after, "called", first_stop));
  g_assert_nonnull (find_in (after, "waiting", second_stop));
  g_assert_finalize_object (called);
}

/* Nobody waiting: GIL_API_ERROR_QUEUE_EMPTY. A counter the API does not
 * take (1 to 99): GIL_API_ERROR_INVALID_FIELD, and nobody is called. */
static void
test_call_next_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) queue = NULL;
  GilStopItem *called;
  gint64 stop;

  called = call_next (f->client.connection, f->dewasa, 0, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_QUEUE_EMPTY);
  g_assert_null (called);
  g_clear_error (&error);

  register_adult (f, "Baiq Nurul", &stop);
  called = call_next (f->client.connection, f->dewasa, 100, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (called);
  queue = get_queue (f, f->dewasa);
  g_assert_nonnull (find_in (queue, "waiting", stop));
  g_assert_null (find_in (queue, "called", stop));
}

/* One press of Call Next tried twice with its key: one call, the same
 * stop, and the next patient still waiting. */
static void
test_call_next_same_key (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *key = gil_connection_new_action_key ();
  g_autoptr(GilStopItem) once = NULL;
  g_autoptr(GilStopItem) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) queue = NULL;
  gint64 first, second;

  register_adult (f, "Baiq Nurul", &first);
  register_adult (f, "Lalu Ahmad", &second);
  once = call_next (f->client.connection, f->dewasa, 0, key, &error);
  g_assert_no_error (error);
  again = call_next (f->client.connection, f->dewasa, 0, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_stop_item_get_id (again), ==, gil_stop_item_get_id (once));
  g_assert_cmpuint (gil_stop_item_get_calls (again), ==, 1);
  queue = get_queue (f, f->dewasa);
  g_assert_nonnull (find_in (queue, "waiting", second));
}

/* Each action by its enum, and the state it leaves: call out of turn,
 * recall from counter 3, start, finish; skip and requeue another. */
static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    GilStopAction action;
    GilStopStatus status;
  } steps[] = {
    { GIL_STOP_ACTION_CALL, GIL_STOP_CALLED },
    { GIL_STOP_ACTION_RECALL, GIL_STOP_CALLED },
    { GIL_STOP_ACTION_START, GIL_STOP_SERVING },
    { GIL_STOP_ACTION_FINISH, GIL_STOP_DONE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) queue = NULL;
  gint64 first, second;
  GilStopItem *item;

  register_adult (f, "Baiq Nurul", &first);
  register_adult (f, "Lalu Ahmad", &second);

  /* The second patient, out of turn. */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      item = act (f->client.connection, second, steps[i].action, 3, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gil_stop_item_get_id (item), ==, second);
      g_assert_cmpint (gil_stop_item_get_status (item), ==, steps[i].status);
      if (steps[i].action == GIL_STOP_ACTION_CALL)
        {
          g_assert_nonnull (gil_stop_item_get_why (item));
          g_assert_true (gil_stop_item_get_out_of_order (item));
        }
      else
        g_assert_null (gil_stop_item_get_why (item));
      if (steps[i].action == GIL_STOP_ACTION_RECALL)
        g_assert_cmpuint (gil_stop_item_get_calls (item), ==, 2);
      g_assert_cmpuint (gil_stop_item_get_counter (item), ==, 3);
      g_assert_finalize_object (item);
    }

  item = act (f->client.connection, first, GIL_STOP_ACTION_CALL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gil_stop_item_get_counter (item), ==, 0);
  g_object_unref (item);
  item = act (f->client.connection, first, GIL_STOP_ACTION_SKIP, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_stop_item_get_status (item), ==, GIL_STOP_SKIPPED);
  queue = get_queue (f, f->dewasa);
  assert_stop_is (item, find_in (queue, "skipped", first));
  g_object_unref (item);
  item = act (f->client.connection, first, GIL_STOP_ACTION_REQUEUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_stop_item_get_status (item), ==, GIL_STOP_WAITING);
  g_assert_finalize_object (item);
}

/* What the stop's state does not allow: GIL_API_ERROR_INVALID_TRANSITION
 * and the stop as it was; no such stop: GIL_API_ERROR_NOT_FOUND; a room
 * station on another room's stop: GIL_API_ERROR_FORBIDDEN. */
static void
test_actions_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GilConnection) room = gil_connection_new (f->client.url, f->room_token);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) queue = NULL;
  g_autoptr(GilStopItem) sent = NULL;
  GilStopItem *item;
  gint64 stop;

  register_adult (f, "Baiq Nurul", &stop);
  item = act (f->client.connection, stop, GIL_STOP_ACTION_FINISH, 0, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_TRANSITION);
  g_assert_null (item);
  g_clear_error (&error);
  queue = get_queue (f, f->dewasa);
  g_assert_nonnull (find_in (queue, "waiting", stop));

  item = act (f->client.connection, stop + 1000, GIL_STOP_ACTION_START, 0, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (item);
  g_clear_error (&error);

  /* Sent to the laboratory, the patient is no longer this station's. */
  sent = transfer (f->client.connection, stop, f->lab, FALSE, &error);
  g_assert_no_error (error);
  item = act (room, gil_stop_item_get_id (sent), GIL_STOP_ACTION_CALL, 0, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (item);
}

/* Send To… with a return: the new waiting stop in the laboratory, the
 * way back on it; the manager's queue there says the same. */
static void
test_transfer (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) lab_queue = NULL;
  g_autoptr(JsonNode) queue = NULL;
  GilStopItem *item;
  GilStopItem *sent;
  gint64 stop;

  register_adult (f, "Baiq Nurul", &stop);
  item = act (f->client.connection, stop, GIL_STOP_ACTION_CALL, 0, &error);
  g_assert_no_error (error);
  sent = transfer (f->client.connection, stop, f->lab, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sent);
  g_assert_cmpint (gil_stop_item_get_id (sent), !=, stop);
  g_assert_cmpint (gil_stop_item_get_visit (sent), ==, gil_stop_item_get_visit (item));
  g_assert_cmpint (gil_stop_item_get_room (sent), ==, f->lab);
  g_assert_cmpint (gil_stop_item_get_status (sent), ==, GIL_STOP_WAITING);
  g_assert_cmpint (gil_stop_item_get_return_room (sent), ==, f->dewasa);
  g_assert_null (gil_stop_item_get_why (sent));
  lab_queue = get_queue (f, f->lab);
  assert_stop_is (sent, find_in (lab_queue, "waiting", gil_stop_item_get_id (sent)));
  queue = get_queue (f, f->dewasa);
  g_assert_null (find_in (queue, "called", stop));

  /* Nothing else holds either. */
  g_assert_finalize_object (sent);
  g_assert_finalize_object (item);
}

/* The visit as the manager has it now, read by the client's GilVisit. */
static GilVisit *
get_visit (Fixture *f,
           gint64   visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  g_autoptr(JsonNode) node = gil_test_api_expect (f->client.url, f->client.admin, "GET", path, NULL, NULL, 200);
  g_autoptr(GError) error = NULL;
  GilVisit *read = gil_visit_new_from_json (node, &error);

  g_assert_no_error (error);
  return read;
}

/* Finishing with an outcome: a referral without where to is refused as
 * invalid-field and the stop stays served; with it, the stop is done and
 * the visit says referred, and where to. */
static void
test_finish_outcome (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) before = NULL;
  g_autoptr(GilVisit) after = NULL;
  g_autoptr(GilVisit) died = NULL;
  GilStopItem *item = NULL;
  gint64 stop, visit, other_stop, other_visit;

  visit = register_adult (f, "Lalu Rujuk", &stop);
  item = act (f->client.connection, stop, GIL_STOP_ACTION_CALL, 0, &error);
  g_clear_object (&item);
  item = act (f->client.connection, stop, GIL_STOP_ACTION_START, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&item);

  item = finish_with (f->client.connection, stop, GIL_OUTCOME_REFERRED, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (item);
  g_clear_error (&error);
  before = get_visit (f, visit);
  g_assert_cmpint (gil_stop_item_get_status (gil_visit_get_last_stop (before)), ==, GIL_STOP_SERVING);
  g_assert_cmpint (gil_visit_get_outcome (before), ==, GIL_OUTCOME_NONE);
  g_assert_null (gil_visit_get_referred_to (before));

  item = finish_with (f->client.connection, stop, GIL_OUTCOME_REFERRED, "RSUD Kota Mataram", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_stop_item_get_id (item), ==, stop);
  g_assert_cmpint (gil_stop_item_get_status (item), ==, GIL_STOP_DONE);
  after = get_visit (f, visit);
  g_assert_cmpint (gil_visit_get_outcome (after), ==, GIL_OUTCOME_REFERRED);
  g_assert_cmpstr (gil_visit_get_referred_to (after), ==, "RSUD Kota Mataram");
  g_assert_finalize_object (item);

  /* Died: no place sent. */
  other_visit = register_adult (f, "Inaq Sinah", &other_stop);
  item = act (f->client.connection, other_stop, GIL_STOP_ACTION_CALL, 0, &error);
  g_clear_object (&item);
  item = act (f->client.connection, other_stop, GIL_STOP_ACTION_START, 0, &error);
  g_assert_no_error (error);
  g_clear_object (&item);
  item = finish_with (f->client.connection, other_stop, GIL_OUTCOME_DIED, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (item);
  died = get_visit (f, other_visit);
  g_assert_cmpint (gil_visit_get_outcome (died), ==, GIL_OUTCOME_DIED);
  g_assert_null (gil_visit_get_referred_to (died));

  /* The day's report, as the client reads it, counts both. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GilDailyReport) report = NULL;

    gil_connection_get_daily_report_async (f->client.connection, gil_visit_get_day (died), NULL,
                                           gil_test_loop_keep_result, &result);
    report = gil_connection_get_daily_report_finish (f->client.connection, gil_test_client_wait (&result, "the daily report"),
                                                     &error);
    g_assert_no_error (error);
    g_assert_cmpint (gil_daily_report_get_totals (report)->served, ==, 2);
    g_assert_cmpint (gil_daily_report_get_totals (report)->referred, ==, 1);
    g_assert_cmpint (gil_daily_report_get_totals (report)->died, ==, 1);
  }
}

/* Each entry of the history as the manager's JSON has it; a room
 * station may not see it, nor may anyone see a visit that is not. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilConnection) room = gil_connection_new (f->client.url, f->room_token);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStopItem) called = NULL;
  g_autoptr(GilStopItem) sent = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = NULL;
  GPtrArray *entries;
  JsonArray *expected;
  gint64 visit, stop;

  visit = register_adult (f, "Baiq Nurul", &stop);
  called = call_next (room, f->dewasa, 4, NULL, &error);
  g_assert_no_error (error);
  sent = transfer (room, stop, f->lab, TRUE, &error);
  g_assert_no_error (error);

  entries = get_history (f->client.connection, visit, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history", visit);
  json = gil_test_api_expect (f->client.url, f->client.admin, "GET", path, NULL, NULL, 200);
  expected = json_node_get_array (json);
  g_assert_cmpuint (entries->len, ==, json_array_get_length (expected));
  g_assert_cmpuint (entries->len, >=, 4);
  for (guint i = 0; i < entries->len; i++)
    {
      GilHistoryEntry *entry = g_ptr_array_index (entries, i);
      JsonObject *object = json_array_get_object_element (expected, i);
      JsonNode *station = json_object_get_member (object, "station");
      const char *status = json_object_get_string_member_with_default (object, "status", NULL);
      GilStopStatus known = GIL_STOP_WAITING;

      g_assert_cmpint (gil_history_entry_get_seq (entry), ==, gil_test_json_int (object, "seq", 0));
      g_assert_cmpstr (gil_history_entry_get_event_type (entry), ==, json_object_get_string_member (object, "type"));
      assert_time (gil_history_entry_get_at (entry), object, "at");
      g_assert_cmpint (gil_history_entry_get_room (entry), ==, gil_test_json_int (object, "room", 0));
      g_assert_cmpstr (gil_history_entry_get_room_name (entry), ==,
                       json_object_get_string_member_with_default (object, "room_name", NULL));
      g_assert_cmpint (gil_history_entry_get_stop (entry), ==, gil_test_json_int (object, "stop", 0));
      g_assert_cmpstr (gil_history_entry_get_ticket (entry), ==,
                       json_object_get_string_member_with_default (object, "ticket", NULL));
      if (status != NULL)
        g_assert_true (gil_stop_status_from_string (status, &known));
      g_assert_cmpint (gil_history_entry_get_status (entry), ==, known);
      g_assert_cmpuint (gil_history_entry_get_calls (entry), ==, gil_test_json_int (object, "calls", 0));
      if (JSON_NODE_HOLDS_NULL (station))
        g_assert_cmpint (gil_history_entry_get_actor (entry), ==, GIL_HISTORY_BY_MANAGER);
      else
        {
          JsonObject *by = json_node_get_object (station);

          g_assert_cmpint (gil_history_entry_get_station_id (entry), ==, gil_test_json_int (by, "id", 0));
          g_assert_cmpstr (gil_history_entry_get_station_name (entry), ==, json_object_get_string_member (by, "name"));
          g_assert_cmpstr (gil_history_entry_get_station_role (entry), ==, json_object_get_string_member (by, "role"));
        }
      g_assert_cmpstr (gil_history_entry_get_reason (entry), ==,
                       json_object_get_string_member_with_default (object, "reason", NULL));
      g_assert_cmpint (gil_history_entry_get_overridden (entry), ==,
                       json_object_get_boolean_member_with_default (object, "overridden", FALSE));
      g_assert_cmpstr (gil_history_entry_get_to_room_name (entry), ==,
                       json_object_get_string_member_with_default (object, "to_room_name", NULL));
      g_assert_cmpint (gil_history_entry_get_return (entry), ==,
                       json_object_get_boolean_member_with_default (object, "return", FALSE));
      g_assert_cmpstr (gil_history_entry_get_from_room_name (entry), ==,
                       json_object_get_string_member_with_default (object, "from_room_name", NULL));
      g_assert_cmpint (gil_history_entry_get_returning (entry), ==,
                       json_object_get_boolean_member_with_default (object, "returning", FALSE));
      g_assert_cmpint (gil_history_entry_get_out_of_order (entry), ==,
                       json_object_get_boolean_member_with_default (object, "out_of_order", FALSE));
    }
  /* The desk registered (the admin token here), the room's PC called
   * and sent on. */
  g_assert_cmpstr (gil_history_entry_get_event_type (g_ptr_array_index (entries, 0)), ==, "visit.registered");
  g_assert_cmpint (gil_history_entry_get_actor (g_ptr_array_index (entries, 0)), ==, GIL_HISTORY_BY_ADMIN);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (gil_history_entry_get_event_type (g_ptr_array_index (entries, i)), "stop.called") == 0)
      {
        g_assert_cmpint (gil_history_entry_get_actor (g_ptr_array_index (entries, i)), ==, GIL_HISTORY_BY_STATION);
        g_assert_cmpint (gil_history_entry_get_status (g_ptr_array_index (entries, i)), ==, GIL_STOP_CALLED);
      }

  /* Nothing else holds the entries. */
  for (guint i = entries->len; i > 0; i--)
    {
      GilHistoryEntry *entry = g_ptr_array_steal_index (entries, i - 1);

      g_assert_finalize_object (entry);
    }
  g_ptr_array_unref (entries);

  entries = get_history (room, visit, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (entries);
  g_clear_error (&error);
  entries = get_history (f->client.connection, visit + 1000, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (entries);
}

/* ── the stream, typed ─────────────────────────────────────────────── */

typedef struct
{
  GilQueueEvent *event;
} Heard;

static void
on_called_cb (GilConnection *connection,
              GilQueueEvent *event,
              Heard         *heard)
{
  g_set_object (&heard->event, event);
}

static gboolean
heard_one (gpointer data)
{
  return ((Heard *)data)->event != NULL;
}

/* Every event, as a page that listens without a detail hears them. */
static void
on_any_cb (GilConnection *connection,
           GilQueueEvent *event,
           GPtrArray     *types)
{
  g_ptr_array_add (types, g_strdup (gil_queue_event_get_event_type (event)));
}

static gboolean
heard_type (GPtrArray  *types,
            const char *type)
{
  return g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL);
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

/* A call from counter 5 arrives as a GilQueueEvent: its seq, type, room,
 * ticket, calls, counter and the stop as called. A listener without a
 * detail hears every event, the registration as well as the call. */
static void
test_queue_event (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStopItem) called = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  Heard heard = { NULL };
  GilStopItem *stop;
  gint64 stop_id;

  g_signal_connect (f->client.connection, "queue-event::stop.called", G_CALLBACK (on_called_cb), &heard);
  g_signal_connect (f->client.connection, "queue-event", G_CALLBACK (on_any_cb), types);
  gil_connection_start_events (f->client.connection, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, f->client.connection, GIL_TEST_CLIENT_WAIT_MS, "online");
  register_adult (f, "Baiq Nurul", &stop_id);
  g_assert_null (heard.event);

  called = call_next (f->client.connection, f->dewasa, 5, NULL, &error);
  g_assert_no_error (error);
  gil_test_loop_wait_until (heard_one, &heard, GIL_TEST_CLIENT_WAIT_MS, "the call's event");
  g_assert_cmpint (gil_queue_event_get_seq (heard.event), ==, gil_test_api_health_seq (f->client.url));
  g_assert_cmpstr (gil_queue_event_get_event_type (heard.event), ==, "stop.called");
  g_assert_nonnull (gil_queue_event_get_at (heard.event));
  g_assert_cmpint (gil_queue_event_get_room (heard.event), ==, f->dewasa);
  g_assert_cmpint (gil_queue_event_get_visit (heard.event), ==, gil_stop_item_get_visit (called));
  g_assert_cmpstr (gil_queue_event_get_ticket (heard.event), ==, gil_stop_item_get_ticket (called));
  g_assert_cmpuint (gil_queue_event_get_calls (heard.event), ==, 1);
  g_assert_cmpuint (gil_queue_event_get_counter (heard.event), ==, 5);
  stop = gil_queue_event_get_stop (heard.event);
  g_assert_nonnull (stop);
  g_assert_cmpint (gil_stop_item_get_id (stop), ==, stop_id);
  g_assert_cmpint (gil_stop_item_get_status (stop), ==, GIL_STOP_CALLED);
  g_assert_true (heard_type (types, "visit.registered"));
  g_assert_true (heard_type (types, "stop.enqueued"));
  g_assert_true (heard_type (types, "stop.called"));

  gil_connection_stop_events (f->client.connection);
  g_signal_handlers_disconnect_by_func (f->client.connection, on_called_cb, &heard);
  g_signal_handlers_disconnect_by_func (f->client.connection, on_any_cb, types);
  g_assert_finalize_object (heard.event);
}

/* ── the status as the core's enum ─────────────────────────────────── */

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static GilStopItem *
stop_with_status (GilStopItem *item,
                  const char  *status)
{
  g_autofree char *text = g_strdup_printf ("{\"id\":7,\"ticket\":\"D-001\",\"status\":\"%s\"}", status);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);

  if (item == NULL)
    return gil_stop_item_new_from_json (json_node_get_object (node));
  gil_stop_item_update_from_json (item, json_node_get_object (node));
  return item;
}

/* Each of the API's statuses reads as its GilStopStatus, and "status" is
 * a property of that enum, notified once when it changes; a status this
 * client does not know leaves the one the stop had. */
static void
test_status_enum (void)
{
  static const char * const names[] = {
    "waiting", "called", "serving", "done", "skipped", "transferred", "expired", "cancelled",
  };
  GilStopItem *item = stop_with_status (NULL, "waiting");
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "status");
  guint notified = 0;
  int value = -1;

  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == GIL_TYPE_STOP_STATUS);
  g_signal_connect (item, "notify::status", G_CALLBACK (on_notify_cb), &notified);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GilStopStatus status;

      g_assert_true (gil_stop_status_from_string (names[i], &status));
      stop_with_status (item, names[i]);
      g_assert_cmpint (gil_stop_item_get_status (item), ==, status);
      g_object_get (item, "status", &value, NULL);
      g_assert_cmpint (value, ==, status);
    }
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (names) - 1);

  stop_with_status (item, "teleported");
  g_assert_cmpint (gil_stop_item_get_status (item), ==, GIL_STOP_CANCELLED);
  g_assert_cmpuint (notified, ==, G_N_ELEMENTS (names) - 1);
  g_assert_finalize_object (item);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/client-stops/status-enum", test_status_enum);
#define ADD(path, func) \
  g_test_add ("/giliran/client-stops/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("call-next", test_call_next);
  ADD ("call-next-refused", test_call_next_refused);
  ADD ("call-next-same-key", test_call_next_same_key);
  ADD ("actions", test_actions);
  ADD ("actions-refused", test_actions_refused);
  ADD ("transfer", test_transfer);
  ADD ("finish-outcome", test_finish_outcome);
  ADD ("history", test_history);
  ADD ("queue-event", test_queue_event);
#undef ADD

  return g_test_run ();
}
