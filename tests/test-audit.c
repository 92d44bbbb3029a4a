/* test-audit.c — every action recorded with the station that did it, and
 * the admin's view of a visit's history: against the real giliran-manager
 * on loopback, and in the core where the day is turned by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-audit.h"
#include "gil-events.h"
#include "gil-patients.h"
#include "gil-queue.h"
#include "gil-stations.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-util.h"

/* ── through the API ──────────────────────────────────────────────── */

typedef GilTestPaired ApiFixture;

/* POSTs to the path made from @format; returns the id of the reply's stop. */
G_GNUC_PRINTF (4, 5)
static gint64
post (ApiFixture *f,
      const char *token,
      const char *body,
      const char *format,
      ...)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) reply = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  reply = gil_test_api_expect (f->url, token, "POST", path, body, NULL, 200);
  return json_object_get_int_member (json_object_get_object_member (gil_test_api_object (reply), "stop"), "id");
}

/* The id of the visit's one open stop. */
static gint64
open_stop (ApiFixture *f,
           gint64      visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  JsonArray *stops = json_object_get_array_member (gil_test_api_object (reply), "stops");
  gint64 found = 0;

  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *stop = json_array_get_object_element (stops, i);
      const char *status = json_object_get_string_member (stop, "status");

      if (g_str_equal (status, "waiting") || g_str_equal (status, "called") ||
          g_str_equal (status, "serving"))
        {
          g_assert_cmpint (found, ==, 0);
          found = json_object_get_int_member (stop, "id");
        }
    }
  g_assert_cmpint (found, !=, 0);
  return found;
}

static JsonArray *
history (ApiFixture *f,
         gint64      visit,
         JsonNode  **keep)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history", visit);

  *keep = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (*keep));
  return json_node_get_array (*keep);
}

typedef struct
{
  const char *type;
  const char *room;      /* its name */
  const char *station;   /* its name; NULL for the manager itself */
  const char *role;
} Expected;

static void
check_entry (JsonObject     *entry,
             const Expected *expected,
             guint           index)
{
  JsonNode *station = json_object_get_member (entry, "station");

  g_test_message ("entry %u: %s", index, expected->type);
  g_assert_cmpstr (json_object_get_string_member (entry, "type"), ==, expected->type);
  g_assert_cmpstr (json_object_get_string_member (entry, "room_name"), ==, expected->room);
  g_assert_cmpstr (json_object_get_string_member (entry, "ticket"), ==, "E-001");
  g_assert_true (json_object_has_member (entry, "at"));
  g_assert_nonnull (station);
  if (expected->station == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (station));
      return;
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (station));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (station), "name"), ==,
                   expected->station);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (station), "role"), ==,
                   expected->role);
}

/* A visit goes desk → Ruang Lansia → laboratorium and back → finished,
 * by three paired stations and the admin: its history names each. */
static void
test_visit_history (ApiFixture    *f,
                    gconstpointer  data)
{
  static const Expected expected[] = {
    { "visit.registered", "Ruang Lansia", "Meja Pendaftaran 1", "registration" },
    { "stop.enqueued", "Ruang Lansia", "Meja Pendaftaran 1", "registration" },
    { "stop.called", "Ruang Lansia", "PC Ruang Lansia", "room" },
    { "stop.started", "Ruang Lansia", "PC Ruang Lansia", "room" },
    { "stop.transferred", "Ruang Lansia", "PC Ruang Lansia", "room" },
    { "stop.enqueued", "Laboratorium", "PC Ruang Lansia", "room" },
    { "stop.called", "Laboratorium", "PC Laboratorium", "room" },
    { "stop.recalled", "Laboratorium", "admin", "admin" },
    { "stop.started", "Laboratorium", "PC Laboratorium", "room" },
    { "stop.finished", "Laboratorium", "PC Laboratorium", "room" },
    { "stop.enqueued", "Ruang Lansia", "PC Laboratorium", "room" },
    { "stop.called", "Ruang Lansia", "admin", "admin" },
    { "stop.started", "Ruang Lansia", "PC Ruang Lansia", "room" },
    { "stop.finished", "Ruang Lansia", "PC Ruang Lansia", "room" },
  };
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *birth = NULL;
  g_autofree char *transfer = NULL;
  JsonArray *entries;
  JsonObject *entry;
  gint64 visit_id, stop, lab_stop, back_stop;
  gint64 last_seq = 0;

  birth = g_strdup_printf ("%d-03-10", g_date_time_get_year (now) - 67);
  visit = gil_test_api_register (f->url, f->stations.desk, "Siti Aminah", birth, NULL);
  visit_id = json_object_get_int_member (gil_test_api_object (visit), "id");
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "ticket"), ==, "E-001");

  /* Ruang Lansia calls, starts and sends her to the laboratory, to return. */
  stop = post (f, f->stations.lansia, NULL, "/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", f->stations.lansia_id);
  gil_test_api_stop_action (f->url, f->stations.lansia, stop, "start");
  transfer = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"return\":true}", f->stations.lab_id);
  lab_stop = post (f, f->stations.lansia, transfer, "/api/v1/stops/%" G_GINT64_FORMAT "/transfer", stop);
  g_assert_cmpint (lab_stop, ==, open_stop (f, visit_id));

  /* The laboratory calls; the admin calls again for it; it is done. */
  g_assert_cmpint (post (f, f->stations.lab, NULL, "/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", f->stations.lab_id),
                   ==, lab_stop);
  gil_test_api_stop_action (f->url, f->admin, lab_stop, "recall");
  gil_test_api_stop_action (f->url, f->stations.lab, lab_stop, "start");
  gil_test_api_stop_action (f->url, f->stations.lab, lab_stop, "finish");

  /* Back in Ruang Lansia: the admin calls her, the room finishes. */
  back_stop = open_stop (f, visit_id);
  g_assert_cmpint (back_stop, !=, stop);
  post (f, f->admin, NULL, "/api/v1/stops/%" G_GINT64_FORMAT "/call", back_stop);
  gil_test_api_stop_action (f->url, f->stations.lansia, back_stop, "start");
  gil_test_api_stop_action (f->url, f->stations.lansia, back_stop, "finish");

  entries = history (f, visit_id, &kept);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      entry = json_array_get_object_element (entries, i);
      check_entry (entry, &expected[i], i);
      g_assert_cmpint (json_object_get_int_member (entry, "seq"), >, last_seq);
      last_seq = json_object_get_int_member (entry, "seq");
    }

  /* The details: why the desk sent her where it did, where she was sent,
   * that she came back, that the admin's call was in turn. */
  entry = json_array_get_object_element (entries, 0);
  g_assert_false (json_object_get_boolean_member (entry, "overridden"));
  g_assert_cmpstr (json_object_get_string_member (entry, "suggested_room_name"), ==, "Ruang Lansia");
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "reason"), "Lansia"));
  entry = json_array_get_object_element (entries, 4);
  g_assert_cmpint (json_object_get_int_member (entry, "to_room"), ==, f->stations.lab_id);
  g_assert_cmpstr (json_object_get_string_member (entry, "to_room_name"), ==, "Laboratorium");
  g_assert_true (json_object_get_boolean_member (entry, "return"));
  g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "transferred");
  entry = json_array_get_object_element (entries, 5);
  g_assert_cmpint (json_object_get_int_member (entry, "from_room"), ==, f->stations.lansia_id);
  g_assert_false (json_object_get_boolean_member (entry, "returning"));
  g_assert_cmpint (json_object_get_int_member (entry, "stop"), ==, lab_stop);
  entry = json_array_get_object_element (entries, 10);
  g_assert_cmpint (json_object_get_int_member (entry, "from_room"), ==, f->stations.lab_id);
  g_assert_true (json_object_get_boolean_member (entry, "returning"));
  g_assert_cmpint (json_object_get_int_member (entry, "stop"), ==, back_stop);
  entry = json_array_get_object_element (entries, 11);
  g_assert_false (json_object_get_boolean_member (entry, "out_of_order"));
  /* The admin token has no station row, so no id. */
  g_assert_true (json_object_get_null_member (json_object_get_object_member (entry, "station"), "id"));
  entry = json_array_get_object_element (entries, 7);
  g_assert_cmpint (json_object_get_int_member (entry, "calls"), ==, 2);

  /* A paired station is named by its own id. */
  entry = json_array_get_object_element (entries, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (entry, "station"), "id"), >, 0);
}

/* Calling a patient ahead of the one whose turn it is says so. */
static void
test_out_of_turn (ApiFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *birth = gil_test_api_years_ago (70);
  g_autoptr(JsonNode) first = gil_test_api_register (f->url, f->stations.desk, "Pasien Satu", birth, NULL);
  g_autoptr(JsonNode) second = gil_test_api_register (f->url, f->stations.desk, "Pasien Dua", birth, NULL);
  g_autoptr(JsonNode) kept = NULL;
  gint64 visit = json_object_get_int_member (gil_test_api_object (second), "id");
  JsonArray *entries;
  JsonObject *called;

  g_assert_nonnull (first);
  post (f, f->stations.lansia, NULL, "/api/v1/stops/%" G_GINT64_FORMAT "/call", open_stop (f, visit));
  entries = history (f, visit, &kept);
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  called = json_array_get_object_element (entries, 2);
  g_assert_cmpstr (json_object_get_string_member (called, "type"), ==, "stop.called");
  g_assert_true (json_object_get_boolean_member (called, "out_of_order"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (called, "station"), "name"),
                   ==, "PC Ruang Lansia");
}

/* The history is the admin's only; a visit that is not there is 404. */
static void
test_roles (ApiFixture    *f,
            gconstpointer  data)
{
  g_autofree char *birth = gil_test_api_years_ago (40);
  g_autoptr(JsonNode) visit = gil_test_api_register (f->url, f->stations.desk, "Budi", birth, NULL);
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autofree char *head = gil_test_api_pair (f->url, f->admin, "head", "");
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history",
                                           json_object_get_int_member (gil_test_api_object (visit), "id"));
  g_autofree char *patient_path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT "/history",
                                                   json_object_get_int_member (json_object_get_object_member (gil_test_api_object (visit), "patient"), "id"));
  const char *others[] = { f->stations.desk, f->stations.lansia, display, head };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(JsonNode) refused = gil_test_api_expect (f->url, others[i], "GET", path, NULL, NULL, 403);
      g_autoptr(JsonNode) refused_patient = gil_test_api_expect (f->url, others[i], "GET", patient_path, NULL, NULL,
                                                                 403);

      g_assert_cmpstr (gil_test_api_error (refused), ==, "forbidden");
      g_assert_cmpstr (gil_test_api_error (refused_patient), ==, "forbidden");
    }
  {
    g_autoptr(JsonNode) anonymous = gil_test_api_expect (f->url, NULL, "GET", path, NULL, NULL, 401);
    g_autoptr(JsonNode) wrong = gil_test_api_expect (f->url, "not-a-token", "GET", path, NULL, NULL, 401);
    g_autoptr(JsonNode) missing = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/visits/999999/history",
                                                       NULL, NULL, 404);
    g_autoptr(JsonNode) missing_patient = gil_test_api_expect (f->url, f->admin, "GET",
                                                               "/api/v1/patients/999999/history", NULL, NULL, 404);
    g_autoptr(JsonNode) allowed = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);

    g_assert_cmpstr (gil_test_api_error (anonymous), ==, "unauthorized");
    g_assert_cmpstr (gil_test_api_error (wrong), ==, "unauthorized");
    g_assert_cmpstr (gil_test_api_error (missing), ==, "not-found");
    g_assert_cmpstr (gil_test_api_error (missing_patient), ==, "not-found");
    g_assert_cmpuint (json_array_get_length (json_node_get_array (allowed)), ==, 2);
  }
}

/* Each station can ask what it is, so a window shows only what it may do. */
static void
test_station_me (ApiFixture    *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) admin = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/stations/me", NULL, NULL, 200);
  g_autoptr(JsonNode) room = gil_test_api_expect (f->url, f->stations.lab, "GET", "/api/v1/stations/me", NULL, NULL,
                                                  200);
  g_autoptr(JsonNode) desk = gil_test_api_expect (f->url, f->stations.desk, "GET", "/api/v1/stations/me", NULL, NULL,
                                                  200);
  g_autoptr(JsonNode) anonymous = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/stations/me", NULL, NULL, 401);
  JsonArray *rooms;

  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (admin), "role"), ==, "admin");
  g_assert_true (json_object_get_null_member (gil_test_api_object (admin), "id"));
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (room), "role"), ==, "room");
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (room), "name"), ==, "PC Laboratorium");
  g_assert_cmpint (json_object_get_int_member (gil_test_api_object (room), "id"), >, 0);
  rooms = json_object_get_array_member (gil_test_api_object (room), "rooms");
  g_assert_cmpuint (json_array_get_length (rooms), ==, 1);
  g_assert_cmpint (json_array_get_int_element (rooms, 0), ==, f->stations.lab_id);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (desk), "role"), ==, "registration");
  g_assert_cmpstr (gil_test_api_error (anonymous), ==, "unauthorized");
}

/* Who created a patient's record and who corrected which fields. */
static void
test_patient_history (ApiFixture    *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) patient = NULL;
  g_autoptr(JsonNode) kept = NULL;
  g_autofree char *path = NULL;
  g_autofree char *history_path = NULL;
  JsonArray *changes;
  JsonObject *change;
  JsonArray *fields;

  patient = gil_test_api_expect (f->url, f->stations.desk, "POST", "/api/v1/patients",
                                 "{\"name\":\"Wayan Sudarma\",\"birth_date\":\"1975-02-02\",\"sex\":\"M\"}", NULL, 201);
  path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT,
                          json_object_get_int_member (gil_test_api_object (patient), "id"));
  history_path = g_strconcat (path, "/history", NULL);
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", path,
                                        "{\"phone\":\"081234567890\",\"address\":\"Jl. Udayana 5\"}", NULL, 200));
  /* The same again changes nothing and is not a correction. */
  json_node_unref (gil_test_api_expect (f->url, f->stations.desk, "PATCH", path, "{\"phone\":\"081234567890\"}",
                                        NULL, 200));
  json_node_unref (gil_test_api_expect (f->url, f->stations.desk, "PATCH", path, "{\"name\":\"I Wayan Sudarma\"}",
                                        NULL, 200));

  kept = gil_test_api_expect (f->url, f->admin, "GET", history_path, NULL, NULL, 200);
  changes = json_node_get_array (kept);
  g_assert_cmpuint (json_array_get_length (changes), ==, 3);

  change = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "created");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "station"), "name"),
                   ==, "Meja Pendaftaran 1");

  change = json_array_get_object_element (changes, 1);
  g_assert_cmpstr (json_object_get_string_member (change, "action"), ==, "updated");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "station"), "role"),
                   ==, "admin");
  fields = json_object_get_array_member (change, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "address");
  g_assert_cmpstr (json_array_get_string_element (fields, 1), ==, "phone");

  change = json_array_get_object_element (changes, 2);
  fields = json_object_get_array_member (change, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "name");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "station"), "name"),
                   ==, "Meja Pendaftaran 1");
}

/* ── in the core: the day turns over ─────────────────────────────── */

typedef GilTestStore CoreFixture;

static GilVisit *
register_as (CoreFixture *f,
             gint64       station,
             const char  *name)
{
  gil_store_set_station (f->store, station);
  return gil_test_register_visit (f->store, NULL, name, "1980-05-05", "M", NULL);
}

/* The first write of a new day closes yesterday's open stops: that is the
 * manager's doing (station 0), not the station whose write it was. */
static void
test_new_day_is_the_managers (CoreFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(GilVisit) yesterday = register_as (f, 7, "Kemarin");
  g_autoptr(GilVisit) today = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 seq = gil_events_last_seq (f->store);
  GilAuditEntry *last;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 7, 30));
  today = register_as (f, 9, "Hari Ini");
  g_assert_cmpint (gil_store_get_station (f->store), ==, 9);

  events = gil_events_since (f->store, seq, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      GilEvent *event = g_ptr_array_index (events, i);

      if (g_str_equal (event->type, "stop.expired") || g_str_equal (event->type, "day.started"))
        g_assert_cmpint (event->station, ==, 0);
      else
        g_assert_cmpint (event->station, ==, 9);
    }

  entries = gil_audit_visit_history (f->store, yesterday->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpint (((GilAuditEntry *)g_ptr_array_index (entries, 0))->station.id, ==, 7);
  last = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (last->type, ==, "stop.expired");
  g_assert_cmpint (last->station.id, ==, 0);
  g_assert_null (last->station.name);
  g_assert_cmpstr (last->status, ==, "expired");
  gil_store_set_station (f->store, 0);
}

/* The admin token acts as a station of its own, never as the manager. */
static void
test_admin_is_recorded (CoreFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GilVisit) visit = register_as (f, GIL_STATION_ADMIN, "Oleh Admin");
  g_autoptr(GilStation) admin = gil_station_new_admin ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GilAuditEntry *first;

  g_assert_cmpint (admin->id, ==, GIL_STATION_ADMIN);
  g_assert_cmpint (admin->id, !=, 0);
  entries = gil_audit_visit_history (f->store, visit->id, &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (entries, 0);
  g_assert_cmpint (first->station.id, ==, GIL_STATION_ADMIN);
  g_assert_cmpstr (first->station.role, ==, "admin");
  gil_store_set_station (f->store, 0);
}

int
main (int    argc,
      char **argv)
{
  gil_test_init (&argc, &argv);

#define ADD_API(path, func) \
  g_test_add ("/giliran/audit/" path, ApiFixture, NULL, gil_test_paired_set_up, func, gil_test_paired_tear_down)
  ADD_API ("visit-history", test_visit_history);
  ADD_API ("out-of-turn", test_out_of_turn);
  ADD_API ("roles", test_roles);
  ADD_API ("station-me", test_station_me);
  ADD_API ("patient-history", test_patient_history);
#define ADD_CORE(path, func) \
  g_test_add ("/giliran/audit/" path, CoreFixture, NULL, \
              gil_test_store_morning_set_up, func, gil_test_store_fixture_tear_down)
  ADD_CORE ("new-day-is-the-managers", test_new_day_is_the_managers);
  ADD_CORE ("admin-is-recorded", test_admin_is_recorded);

  return g_test_run ();
}
