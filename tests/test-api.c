/* test-api.c — every route, role and error code of API.md, against the
 * real giliran-manager on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"
#include "gil-test-routing.h"

typedef GilTestServer Fixture;

static gint64
member_id (JsonNode   *node,
           const char *member)
{
  return json_object_get_int_member (gil_test_api_object (node), member);
}

static gint64
create_patient (Fixture    *f,
                const char *name,
                const char *birth_date,
                const char *sex)
{
  return gil_test_api_create_patient (f->url, f->admin, name, birth_date, sex, NULL, 201);
}

/* Registers a visit; returns its first stop's id. */
static gint64
register_visit (Fixture    *f,
                gint64      patient,
                const char *extra)
{
  g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                           "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\"%s}",
                                           patient, extra != NULL ? extra : "");
  g_autoptr(JsonNode) visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201);

  return gil_test_api_first_stop (visit);
}

static void
test_health (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  JsonObject *object = gil_test_api_object (health);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (object, "day"), ==, today);
  g_assert_cmpint (json_object_get_int_member (object, "seq"), >=, 1);  /* day.started */
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autoptr(JsonNode) profile = gil_test_api_expect (f->url, display, "GET", "/api/v1/profile", NULL, NULL, 200);
  g_autoptr(JsonNode) changed = NULL;

  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (profile), "name"), ==, "Puskesmas");
  changed = gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"name\":\" Puskesmas Ampenan \"}",
                                 NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (changed), "name"), ==, "Puskesmas Ampenan");
  gil_test_api_expect_error (f->url, display, "PATCH", "/api/v1/profile", "{\"name\":\"X\"}", 403, "forbidden");
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"name\":\"  \"}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"display_names\":\"yes\"}", 400,
                             "invalid-field");
  g_assert_false (json_object_get_boolean_member (gil_test_api_object (changed), "display_names"));
}

/* A display sees ticket numbers only, unless the puskesmas turns names
 * on; even then never for a number_only room. */
static void
test_display_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  gint64 khusus = gil_test_api_room_id (f->url, f->admin, "LK-KHUSUS");
  g_autofree char *dewasa_queue = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", dewasa);
  g_autofree char *khusus_queue = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", khusus);
  g_autofree char *to_khusus = g_strdup_printf (",\"room\":%" G_GINT64_FORMAT, khusus);
  g_autoptr(JsonNode) turned_on = NULL;
  struct { const char *path; gboolean names_on; gboolean expect; } cases[] = {
    { dewasa_queue, FALSE, FALSE },
    { khusus_queue, FALSE, FALSE },
    { dewasa_queue, TRUE, TRUE },
    { khusus_queue, TRUE, FALSE },   /* number_only: never */
  };

  json_node_unref (gil_test_api_register (f->url, f->admin, "Budi Santoso", "1980-01-01", NULL));
  json_node_unref (gil_test_api_register (f->url, f->admin, "Rahmat Hidayat", "1981-01-01", to_khusus));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) queue = NULL;
      JsonObject *waiting;

      if (cases[i].names_on && turned_on == NULL)
        {
          turned_on = gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"display_names\":true}",
                                           NULL, 200);
          g_assert_true (json_object_get_boolean_member (gil_test_api_object (turned_on), "display_names"));
        }
      queue = gil_test_api_expect (f->url, display, "GET", cases[i].path, NULL, NULL, 200);
      waiting = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (queue), "waiting"), 0);
      g_assert_cmpint (json_object_has_member (waiting, "patient_name"), ==, cases[i].expect);
    }

  /* Staff always see names, number_only or not. */
  {
    g_autoptr(JsonNode) queue = gil_test_api_expect (f->url, f->admin, "GET", khusus_queue, NULL, NULL, 200);
    JsonObject *waiting = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (queue), "waiting"), 0);

    g_assert_cmpstr (json_object_get_string_member (waiting, "patient_name"), ==, "Rahmat Hidayat");
  }
}

/* Reports through the real manager: the head reads them, as JSON or as
 * CSV; a room may not; bad dates are refused. Today's figures follow what
 * happened through the API. */
static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *head = gil_test_api_pair (f->url, f->admin, "head", "");
  g_autofree char *room_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              gil_test_api_room_id (f->url, f->admin, "K3-DEWASA"));
  g_autofree char *room = gil_test_api_pair (f->url, f->admin, "room", room_id);
  g_autoptr(JsonNode) health = gil_test_api_expect (f->url, head, "GET", "/api/v1/health", NULL, NULL, 200);
  const char *today = json_object_get_string_member (gil_test_api_object (health), "day");
  g_autofree char *daily_path = g_strdup_printf ("/api/v1/reports/daily?date=%s", today);
  g_autofree char *csv_path = g_strdup_printf ("/api/v1/reports/daily?date=%s&format=csv", today);
  g_autofree char *range_path = g_strdup_printf ("/api/v1/reports/range?from=2026-01-01&to=%s", today);
  g_autofree char *call_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next",
                                                gil_test_api_room_id (f->url, f->admin, "K3-DEWASA"));
  g_autoptr(JsonNode) daily = NULL;
  g_autoptr(JsonNode) range = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *expected_row = NULL;
  JsonObject *totals;
  JsonArray *days;
  guint status = 0;

  json_node_unref (gil_test_api_register (f->url, f->admin, "Budi", "1980-01-01", NULL));
  json_node_unref (gil_test_api_register (f->url, f->admin, "Wayan", "1979-01-01", NULL));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", call_path, NULL, NULL, 200));

  daily = gil_test_api_expect (f->url, head, "GET", daily_path, NULL, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (daily), "date"), ==, today);
  totals = json_object_get_object_member (gil_test_api_object (daily), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "new_patients"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "wait_p50"), >=, 0);
  g_assert_true (json_object_get_null_member (totals, "service_p50"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (daily), "by_sex"), "M"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (daily), "by_age_group")), ==, 6);
  g_assert_true (json_object_has_member (gil_test_api_object (daily), "by_hour"));
  g_assert_true (json_object_has_member (gil_test_api_object (daily), "by_purpose"));
  g_assert_true (json_object_has_member (gil_test_api_object (daily), "by_payer"));

  /* The same figures as CSV: one header, a row per figure. */
  csv = gil_test_api_get_text (f->url, head, csv_path, &status, &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (content_type, ==, "text/csv");
  g_assert_true (g_str_has_prefix (csv, "date,section,group,measure,value\r\n"));
  expected_row = g_strdup_printf ("\r\n%s,totals,,visits,2\r\n", today);
  g_assert_nonnull (strstr (csv, expected_row));
  g_assert_nonnull (strstr (csv, ",rooms,K3-DEWASA,visits,2\r\n"));
  g_assert_nonnull (strstr (csv, ",by_payer,bpjs,visits,2\r\n"));

  /* A range: one summary per day, today last. */
  range = gil_test_api_expect (f->url, head, "GET", range_path, NULL, NULL, 200);
  days = json_node_get_array (range);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (days, 0), "date"), ==, "2026-01-01");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_array_get_object_element (days, json_array_get_length (days) - 1), "totals"), "visits"), ==, 2);

  gil_test_api_expect_error (f->url, room, "GET", daily_path, NULL, 403, "forbidden");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/daily?date=2026-02-30", NULL, 400, "invalid-field");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/daily?date=yesterday", NULL, 400, "invalid-field");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/daily?format=pdf", NULL, 400, "invalid-field");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/range?from=2026-02-01", NULL, 400, "invalid-field");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/range?from=2026-02-01&to=2026-01-01", NULL, 400,
                             "invalid-field");
  gil_test_api_expect_error (f->url, head, "GET", "/api/v1/reports/range?from=2024-01-01&to=2026-01-01", NULL, 400,
                             "invalid-field");
}

/* Six digits cannot be guessed: after five wrong codes from one computer
 * it may not try again for a while, not even with a right code. */
static void
test_pairing_rate_limit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) code = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/pairing-codes",
                                                  "{\"role\":\"display\"}", NULL, 201);
  const char *digits = json_object_get_string_member (gil_test_api_object (code), "code");
  g_autofree char *right = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"TV\"}", digits);
  guint number = g_ascii_strtoull (digits, NULL, 10);

  for (guint i = 0; i < 5; i++)
    {
      /* Codes next to the right one, never it. */
      g_autofree char *wrong = g_strdup_printf ("{\"code\":\"%06u\",\"name\":\"X\"}",
                                                (number + 1 + i) % 1000000);

      gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pair", wrong, 403, "invalid-pairing-code");
    }
  gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}", 429,
                             "too-many-attempts");
  gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pair", right, 429, "too-many-attempts");
}

static int
run_restore (Fixture    *f,
             const char *backup)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("GILIRAN_MANAGER"), "--database", gil_test_manager_get_database (f->manager),
                         "--restore", backup, NULL };
  int status = -1;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return status;
}

/* A backup on demand, checked and named by its time; the manager's health
 * says when; a stopped manager's database is put back from it, and a file
 * that is not a sound backup is refused without touching the database. */
static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) backup = NULL;
  g_autoptr(JsonNode) health = NULL;
  g_autofree char *dir = g_build_filename (gil_test_manager_get_dir (f->manager), "backups", NULL);
  g_autofree char *file = NULL;
  g_autofree char *garbage = g_build_filename (gil_test_manager_get_dir (f->manager), "bukan-cadangan.db", NULL);

  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                        "{\"name\":\"Sebelum Cadangan\",\"birth_date\":\"1980-01-01\",\"sex\":\"M\"}", NULL, 201));
  backup = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/backups", NULL, NULL, 201);
  file = g_build_filename (dir, json_object_get_string_member (gil_test_api_object (backup), "file"), NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  g_assert_false (json_object_get_null_member (gil_test_api_object (health), "last_backup"));
  gil_test_api_expect_error (f->url, f->admin, "GET", "/api/v1/backups", NULL, 405, "method-not-allowed");
  {
    g_autofree char *room = NULL;
    g_autofree char *room_token = NULL;

    room = g_strdup_printf ("%" G_GINT64_FORMAT, gil_test_api_room_id (f->url, f->admin, "K3-DEWASA"));
    room_token = gil_test_api_pair (f->url, f->admin, "room", room);
    gil_test_api_expect_error (f->url, room_token, "POST", "/api/v1/backups", NULL, 403, "forbidden");
  }

  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                        "{\"name\":\"Sesudah Cadangan\",\"birth_date\":\"1980-01-01\",\"sex\":\"M\"}", NULL, 201));
  gil_test_manager_kill (f->manager, SIGTERM);

  /* Not a backup: refused, nothing changed. */
  g_assert_true (g_file_set_contents (garbage, "bukan basis data", -1, NULL));
  g_assert_cmpint (run_restore (f, garbage), !=, 0);
  g_assert_cmpint (run_restore (f, "/tidak/ada.db"), !=, 0);
  gil_test_manager_restart (f->manager);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "Sesudah"), ==, 1);
  gil_test_manager_kill (f->manager, SIGTERM);

  /* The backup: the database is as it was then. */
  g_assert_cmpint (run_restore (f, file), ==, 0);
  gil_test_manager_restart (f->manager);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "Sebelum"), ==, 1);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "Sesudah"), ==, 0);
}

/* The event log's id: 16 hex digits in health, the same across a plain
 * restart, a new one when a backup is put back (a new timeline of seqs). */
static void
test_health_log (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) backup = NULL;
  g_autofree char *dir = g_build_filename (gil_test_manager_get_dir (f->manager), "backups", NULL);
  g_autofree char *file = NULL;
  g_autofree char *first = NULL;
  g_autofree char *restored = NULL;

  {
    g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);

    first = g_strdup (json_object_get_string_member (gil_test_api_object (health), "log"));
  }
  g_assert_nonnull (first);
  g_assert_cmpuint (strlen (first), ==, 16);
  g_assert_cmpuint (strspn (first, "0123456789abcdef"), ==, 16);

  backup = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/backups", NULL, NULL, 201);
  file = g_build_filename (dir, json_object_get_string_member (gil_test_api_object (backup), "file"), NULL);

  gil_test_manager_kill (f->manager, SIGTERM);
  gil_test_manager_restart (f->manager);
  {
    g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);

    g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (health), "log"), ==, first);
  }

  gil_test_manager_kill (f->manager, SIGTERM);
  g_assert_cmpint (run_restore (f, file), ==, 0);
  gil_test_manager_restart (f->manager);
  {
    g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);

    restored = g_strdup (json_object_get_string_member (gil_test_api_object (health), "log"));
  }
  g_assert_nonnull (restored);
  g_assert_cmpuint (strlen (restored), ==, 16);
  g_assert_cmpstr (restored, !=, first);

  /* And it stays that one from then on. */
  gil_test_manager_kill (f->manager, SIGTERM);
  gil_test_manager_restart (f->manager);
  {
    g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);

    g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (health), "log"), ==, restored);
  }
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  gil_test_api_expect_error (f->url, NULL, "GET", "/api/v1/rooms", NULL, 401, "unauthorized");
  gil_test_api_expect_error (f->url, "not-a-token", "GET", "/api/v1/rooms", NULL, 401, "unauthorized");
  gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pairing-codes", "{\"role\":\"room\"}", 401,
                             "unauthorized");
  gil_test_api_expect_error (f->url, f->admin, "GET", "/api/v1/nothing", NULL, 404, "not-found");
  gil_test_api_expect_error (f->url, f->admin, "GET", "/api/v1/rooms/abc/queue", NULL, 404, "not-found");
  gil_test_api_expect_error (f->url, f->admin, "DELETE", "/api/v1/rooms", NULL, 405, "method-not-allowed");
}

/* Pairing codes the manager refuses to make: a room station without its
 * rooms, an admin, a role that is none, a room that is not there. */
static const GilTestRefusal bad_pairing_codes[] = {
  { "POST", "/api/v1/pairing-codes", "{\"role\":\"room\"}", 400, "invalid-field" },
  { "POST", "/api/v1/pairing-codes", "{\"role\":\"admin\"}", 400, "invalid-field" },
  { "POST", "/api/v1/pairing-codes", "{\"role\":\"boss\"}", 400, "invalid-field" },
  { "POST", "/api/v1/pairing-codes", "{\"role\":\"room\",\"rooms\":[999]}", 404, "not-found" },
};

static void
test_pairing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *registration = gil_test_api_pair (f->url, f->admin, "registration", "");
  g_autoptr(JsonNode) code = NULL;
  g_autoptr(JsonNode) stations = NULL;
  g_autofree char *body = NULL;
  JsonArray *list;

  /* The registration desk may search patients but not create pairing codes. */
  g_clear_pointer (&code, json_node_unref);
  code = gil_test_api_expect (f->url, registration, "GET", "/api/v1/patients?q=a", NULL, NULL, 200);
  gil_test_api_expect_error (f->url, registration, "POST", "/api/v1/pairing-codes", "{\"role\":\"room\"}", 403,
                             "forbidden");
  gil_test_api_expect_error (f->url, registration, "GET", "/api/v1/stations", NULL, 403, "forbidden");

  /* Wrong, reused and mismatched codes. */
  gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}", 403,
                             "invalid-pairing-code");
  g_clear_pointer (&code, json_node_unref);
  code = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/pairing-codes", "{\"role\":\"display\"}", NULL, 201);
  body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"TV\",\"role\":\"head\"}",
                          json_object_get_string_member (gil_test_api_object (code), "code"));
  {
    g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, NULL, "POST", "/api/v1/pair", body, NULL, 403);
    JsonObject *error = json_object_get_object_member (gil_test_api_object (reply), "error");

    /* The role by the name people know it by, never the API's "display". */
    g_assert_cmpstr (gil_test_api_error (reply), ==, "invalid-pairing-code");
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "Kode sambung ini untuk perangkat jenis lain: Layar ruang tunggu");
  }
  g_free (body);
  body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"TV\"}",
                          json_object_get_string_member (gil_test_api_object (code), "code"));
  json_node_unref (gil_test_api_expect (f->url, NULL, "POST", "/api/v1/pair", body, NULL, 201));
  gil_test_api_expect_error (f->url, NULL, "POST", "/api/v1/pair", body, 403, "invalid-pairing-code");

  /* A room station needs its rooms; an admin code cannot be made. */
  gil_test_api_expect_refusals (f->url, f->admin, bad_pairing_codes, G_N_ELEMENTS (bad_pairing_codes));

  stations = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/stations", NULL, NULL, 200);
  list = json_node_get_array (stations);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "role"),
                   ==, "registration");
  /* Tokens are stored as hashes and never listed. */
  g_assert_false (json_object_has_member (json_array_get_object_element (list, 0), "token"));
  {
    g_autofree char *db = NULL;
    g_autofree char *contents = NULL;

    db = g_strdup (gil_test_manager_get_database (f->manager));
    g_assert_true (g_file_get_contents (db, &contents, NULL, NULL));
    g_assert_null (g_strstr_len (contents, -1, registration));
  }

  /* Revoking takes effect on the next request. */
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/stations/1/revoke", NULL, NULL, 200));
  gil_test_api_expect_error (f->url, registration, "GET", "/api/v1/patients?q=a", NULL, 401, "unauthorized");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/stations/99/revoke", NULL, 404, "not-found");
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  gint64 lansia = gil_test_api_room_id (f->url, f->admin, "K3-LANSIA");
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  g_autofree char *rooms = g_strdup_printf ("%" G_GINT64_FORMAT, lansia);
  g_autofree char *room = gil_test_api_pair (f->url, f->admin, "room", rooms);
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autofree char *head = gil_test_api_pair (f->url, f->admin, "head", "");
  g_autofree char *path_lansia = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", lansia);
  g_autofree char *path_dewasa = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *queue_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", lansia);
  g_autofree char *start_path = NULL;
  g_autoptr(JsonNode) called = NULL;
  g_autoptr(JsonNode) queue = NULL;
  g_autoptr(JsonNode) display_queue = NULL;
  JsonObject *waiting;
  g_autofree char *seventy = gil_test_api_years_ago (70);
  gint64 elderly = create_patient (f, "Nenek Ani", seventy, "F");
  gint64 adult = create_patient (f, "Budi", "1990-01-01", "M");
  gint64 stop;

  register_visit (f, elderly, NULL);
  stop = register_visit (f, adult, NULL);

  /* Names for the room, none for the display. */
  queue = gil_test_api_expect (f->url, room, "GET", queue_path, NULL, NULL, 200);
  waiting = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (queue), "waiting"), 0);
  g_assert_cmpstr (json_object_get_string_member (waiting, "patient_name"), ==, "Nenek Ani");
  display_queue = gil_test_api_expect (f->url, display, "GET", queue_path, NULL, NULL, 200);
  waiting = json_array_get_object_element (json_object_get_array_member (gil_test_api_object (display_queue), "waiting"), 0);
  g_assert_false (json_object_has_member (waiting, "patient_name"));
  g_assert_cmpstr (json_object_get_string_member (waiting, "ticket"), ==, "E-001");

  /* The display and head may not register, call or read visits. */
  gil_test_api_expect_error (f->url, display, "POST", "/api/v1/patients", "{}", 403, "forbidden");
  gil_test_api_expect_error (f->url, display, "GET", "/api/v1/visits/1", NULL, 403, "forbidden");
  gil_test_api_expect_error (f->url, display, "POST", path_lansia, NULL, 403, "forbidden");
  gil_test_api_expect_error (f->url, head, "POST", path_lansia, NULL, 403, "forbidden");
  gil_test_api_expect_error (f->url, room, "POST", "/api/v1/visits", "{}", 403, "forbidden");
  json_node_unref (gil_test_api_expect (f->url, head, "GET", "/api/v1/visits/1", NULL, NULL, 200));

  /* A room station acts on its own rooms only. */
  called = gil_test_api_expect (f->url, room, "POST", path_lansia, NULL, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (called), "why"), ==,
                   "Prioritas: lansia 70 tahun");
  gil_test_api_expect_error (f->url, room, "POST", path_dewasa, NULL, 403, "forbidden");

  /* The queue counts today's calls: one seen, none finished, one wait. */
  json_node_unref (queue);
  queue = gil_test_api_expect (f->url, room, "GET", queue_path, NULL, NULL, 200);
  {
    JsonObject *today = json_object_get_object_member (gil_test_api_object (queue), "today");

    g_assert_cmpint (json_object_get_int_member (today, "seen"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (today, "done"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (today, "median_wait"), >=, 0);
  }
  start_path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/call", stop);
  gil_test_api_expect_error (f->url, room, "POST", start_path, NULL, 403, "forbidden");
}

/* Rooms the manager refuses to create or change. */
static const GilTestRefusal bad_rooms[] = {
  { "POST", "/api/v1/rooms",
    "{\"code\":\"LK-TB\",\"name\":\"Lagi\",\"cluster\":\"lk\",\"prefix\":\"U\"}", 409, "duplicate-code" },
  { "POST", "/api/v1/rooms",
    "{\"code\":\"X\",\"name\":\"X\",\"cluster\":\"k9\",\"prefix\":\"U\"}", 400, "invalid-field" },
  { "POST", "/api/v1/rooms",
    "{\"code\":\"X\",\"name\":\"X\",\"cluster\":\"lk\",\"prefix\":\"uu\"}", 400, "invalid-field" },
  { "POST", "/api/v1/rooms", "{\"code\":\"X\",\"name\":5,\"cluster\":\"lk\",\"prefix\":\"U\"}", 400, "invalid-field" },
  { "PATCH", "/api/v1/rooms/999", "{\"active\":false}", 404, "not-found" },
};

static void
test_rooms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) rooms = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms", NULL, NULL, 200);
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) routing = NULL;
  g_autofree char *path = NULL;
  JsonObject *first;
  JsonObject *room;

  g_assert_cmpuint (json_array_get_length (json_node_get_array (rooms)), ==, 10);
  first = json_array_get_object_element (json_node_get_array (rooms), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "K2-KIA");
  g_assert_cmpint (json_object_get_int_member (first, "waiting"), ==, 0);
  g_assert_true (json_object_has_member (first, "priority_policy"));

  created = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/rooms",
                                 "{\"code\":\"LK-TB\",\"name\":\"Ruang TB\",\"cluster\":\"lk\",\"prefix\":\"T\","
                                 "\"tags\":[\"infeksi\"],\"number_only\":true,\"priority_policy\":\"strict\"}",
                                 NULL, 201);
  room = gil_test_api_object (created);
  g_assert_cmpstr (json_object_get_string_member (room, "code"), ==, "LK-TB");
  g_assert_true (json_object_get_boolean_member (room, "number_only"));
  g_assert_cmpstr (json_object_get_string_member (room, "priority_policy"), ==, "strict");

  gil_test_api_expect_refusals (f->url, f->admin, bad_rooms, G_N_ELEMENTS (bad_rooms));

  /* Deactivating the infection rooms sends a chronic cough by age. */
  path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT, gil_test_api_room_id (f->url, f->admin, "LK-KHUSUS"));
  patched = gil_test_api_expect (f->url, f->admin, "PATCH", path, "{\"active\":false}", NULL, 200);
  g_assert_false (json_object_get_boolean_member (gil_test_api_object (patched), "active"));
  g_free (path);
  path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT, json_object_get_int_member (room, "id"));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", path, "{\"active\":false}", NULL, 200));
  routing = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/triage",
                                 "{\"birth_date\":\"1976-01-01\",\"sex\":\"M\",\"purpose\":\"sick\",\"signs\":[\"cough-2-weeks\"]}",
                                 NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (routing), "room_code"), ==, "K3-DEWASA");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (gil_test_api_object (routing), "reason"),
                                   "Batuk 2 minggu atau lebih; Ruang Pemeriksaan Khusus tidak aktif, "));
}

/* A patient with emergency signs while the UGD is switched off: the visit
 * goes on to the adults' room as an emergency, and that room calls them
 * before the normal patients who came earlier. */
static void
test_emergency_ugd_inactive (Fixture       *f,
                             gconstpointer  data)
{
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  g_autofree char *ugd_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT,
                                               gil_test_api_room_id (f->url, f->admin, "LK-UGD"));
  g_autofree char *call_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *thirty = gil_test_api_years_ago (30);
  g_autofree char *forty = gil_test_api_years_ago (40);
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonNode) called = NULL;
  JsonObject *object;
  JsonObject *stop;
  gint64 emergency_stop;

  patched = gil_test_api_expect (f->url, f->admin, "PATCH", ugd_path, "{\"active\":false}", NULL, 200);
  g_assert_false (json_object_get_boolean_member (gil_test_api_object (patched), "active"));

  register_visit (f, create_patient (f, "Budi", thirty, "M"), NULL);
  register_visit (f, create_patient (f, "Wayan", thirty, "M"), NULL);

  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                          "\"signs\":[\"emergency\"],\"pregnant\":false,\"payer\":\"umum\"}",
                          create_patient (f, "Ketut", forty, "M"));
  visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201);
  object = gil_test_api_object (visit);
  g_assert_cmpstr (json_object_get_string_member (object, "priority"), ==, "emergency");
  g_assert_cmpint (json_object_get_int_member (object, "room"), ==, dewasa);
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==,
                   "Tanda gawat darurat; Ruang Gawat Darurat tidak aktif, diarahkan ke "
                   "Klaster 3, Ruang Usia Dewasa menurut usia 40 tahun dan tetap didahulukan");
  stop = json_array_get_object_element (json_object_get_array_member (object, "stops"), 0);
  g_assert_cmpint (json_object_get_int_member (stop, "room"), ==, dewasa);
  g_assert_cmpstr (json_object_get_string_member (stop, "status"), ==, "waiting");
  g_assert_cmpint (json_object_get_int_member (stop, "position"), ==, 1);
  emergency_stop = json_object_get_int_member (stop, "id");

  called = gil_test_api_expect (f->url, f->admin, "POST", call_path, NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (called), "stop"),
                                               "id"), ==, emergency_stop);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (called), "why"), ==,
                   "Gawat darurat: selalu didahulukan");
}

/* Patients the manager refuses to create, each with its code. */
static const GilTestRefusal bad_patients[] = {
  { "POST", "/api/v1/patients",
    "{\"name\":\"A\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\",\"bpjs\":\"123\"}", 400, "invalid-bpjs" },
  { "POST", "/api/v1/patients",
    "{\"name\":\"A\",\"birth_date\":\"2999-01-01\",\"sex\":\"F\"}", 400, "invalid-birth-date" },
  { "POST", "/api/v1/patients",
    "{\"name\":\"A\",\"birth_date\":\"1800-01-01\",\"sex\":\"F\"}", 400, "invalid-birth-date" },
  { "POST", "/api/v1/patients", "{\"name\":\"   \",\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}", 400, "missing-name" },
  { "POST", "/api/v1/patients", "{\"name\":7,\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}", 400, "invalid-field" },
  { "POST", "/api/v1/patients", "{\"name\":", 400, "invalid-json" },
  { "POST", "/api/v1/patients", "[1,2]", 400, "invalid-json" },
};

static void
test_patients (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) error = NULL;
  JsonObject *patient;

  created = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                 "{\"name\":\" Baiq  Nurul \",\"birth_date\":\"1980-07-05\",\"sex\":\"F\","
                                 "\"nik\":\"5271014507800003\",\"bpjs\":\"0001234567890\",\"phone\":\"0812 3456 7890\"}",
                                 NULL, 201);
  patient = gil_test_api_object (created);
  g_assert_cmpstr (json_object_get_string_member (patient, "rm"), ==, "000001");
  g_assert_cmpstr (json_object_get_string_member (patient, "name"), ==, "Baiq Nurul");
  g_assert_false (json_object_has_member (patient, "warning"));

  /* Every refusal, each with its code, and nothing created. */
  error = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                               "{\"name\":\"A\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\",\"nik\":\"2071014507800003\"}", NULL, 400);
  g_assert_cmpstr (gil_test_api_error (error), ==, "invalid-nik");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (error), "error"), "detail"),
                   ==, "nik-province");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (error), "error"), "message"),
                   ==, "NIK diawali 20, yang bukan kode provinsi");
  gil_test_api_expect_refusals (f->url, f->admin, bad_patients, G_N_ELEMENTS (bad_patients));
  g_clear_pointer (&error, json_node_unref);
  error = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                               "{\"name\":\"B\",\"birth_date\":\"1980-07-05\",\"sex\":\"F\",\"nik\":\"5271014507800003\"}", NULL, 409);
  g_assert_cmpstr (gil_test_api_error (error), ==, "duplicate-nik");
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (error), "error"), "message"),
                            "000001"));

  /* Search: name prefix, NIK, No. RM, BPJS. */
  found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=nuru", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  g_clear_pointer (&found, json_node_unref);
  found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=000001&limit=5", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  g_clear_pointer (&found, json_node_unref);
  found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=0001234567890", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  gil_test_api_expect_error (f->url, f->admin, "GET", "/api/v1/patients?q=a&limit=0", NULL, 400, "invalid-field");

  /* Corrections keep the No. RM; a mismatched NIK date warns. */
  patched = gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/patients/1",
                                 "{\"birth_date\":\"1981-07-05\",\"address\":\"Ampenan\"}", NULL, 200);
  patient = gil_test_api_object (patched);
  g_assert_cmpstr (json_object_get_string_member (patient, "rm"), ==, "000001");
  g_assert_cmpstr (json_object_get_string_member (patient, "address"), ==, "Ampenan");
  g_assert_true (json_object_has_member (patient, "warning"));
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/patients/1", "{\"sex\":\"X\"}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/patients/77", "{\"name\":\"Z\"}", 404, "not-found");
}

static void
test_routing_scenarios (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = gil_test_routing_scenarios ();
  g_autoptr(JsonNode) health = gil_test_api_expect (f->url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  const char *today = json_object_get_string_member (gil_test_api_object (health), "day");
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, atoi (today + 8), atoi (today + 5), atoi (today));
  for (guint i = 0; i < rows->len; i++)
    {
      char **f_ = rows->pdata[i];
      g_autofree char *birth = NULL;
      g_autofree char *signs = NULL;
      g_autofree char *body = NULL;
      g_autoptr(JsonNode) reply = NULL;
      JsonObject *result;

      birth = gil_test_birth_date_for_age (f_[1], &day);
      if (g_str_equal (f_[5], "-"))
        signs = g_strdup ("");
      else
        {
          g_auto(GStrv) list = g_strsplit (f_[5], ",", -1);
          g_autofree char *joined = g_strjoinv ("\",\"", list);

          signs = g_strdup_printf ("\"%s\"", joined);
        }
      body = g_strdup_printf ("{\"birth_date\":\"%s\",\"sex\":\"%s\",\"pregnant\":%s,"
                              "\"purpose\":\"%s\",\"signs\":[%s]}",
                              birth, f_[2], g_str_equal (f_[3], "yes") ? "true" : "false", f_[4], signs);
      g_test_message ("%s: %s", f_[0], body);
      reply = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/triage", body, NULL, 200);
      result = gil_test_api_object (reply);
      g_assert_cmpstr (json_object_get_string_member (result, "room_code"), ==, f_[6]);
      g_assert_cmpstr (json_object_get_string_member (result, "priority"), ==, f_[7]);
      g_assert_cmpuint (strlen (json_object_get_string_member (result, "reason")), >, 0);
    }

  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/triage",
                             "{\"birth_date\":\"1980-01-01\",\"sex\":\"F\",\"purpose\":\"party\"}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/triage",
                             "{\"birth_date\":\"1980-01-01\",\"sex\":\"F\",\"purpose\":\"sick\",\"signs\":\"cough\"}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/triage", "{\"patient_id\":55,\"purpose\":\"sick\"}",
                             404, "not-found");
}

/* Visits the manager refuses to register. */
static const GilTestRefusal bad_visits[] = {
  { "POST", "/api/v1/visits", "{\"patient_id\":\"1\",\"purpose\":\"sick\"}", 400, "invalid-field" },
  { "POST", "/api/v1/visits", "{\"purpose\":\"sick\"}", 400, "invalid-field" },
  { "POST", "/api/v1/visits", "{\"patient_id\":1,\"purpose\":\"sick\",\"payer\":\"cash\"}", 400, "invalid-field" },
  { "POST", "/api/v1/visits", "{\"patient_id\":999,\"purpose\":\"sick\"}", 404, "not-found" },
};

static void
test_visits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *forty_one = gil_test_api_years_ago (41);
  gint64 patient = create_patient (f, "Wayan", forty_one, "M");
  gint64 other = create_patient (f, "Made", "1985-02-02", "M");
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) got = NULL;
  g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                           "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\",\"room\":null}",
                                           patient);
  g_autofree char *first_text = NULL;
  g_autofree char *again_text = NULL;
  g_autofree char *override = NULL;
  guint status = 0;

  /* The same Idempotency-Key twice: one visit, the same reply. */
  first = gil_test_api_call (f->url, f->admin, "POST", "/api/v1/visits", body, "action-1", &status);
  g_assert_cmpuint (status, ==, 201);
  again = gil_test_api_call (f->url, f->admin, "POST", "/api/v1/visits", body, "action-1", &status);
  g_assert_cmpuint (status, ==, 201);
  first_text = json_to_string (first, FALSE);
  again_text = json_to_string (again, FALSE);
  g_assert_cmpstr (first_text, ==, again_text);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (first), "ticket"), ==, "D-001");

  /* A new key for the same patient: already queued. */
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/visits", body, 409, "already-queued");

  got = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/visits/1", NULL, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (got), "reason"), ==,
                   "Usia 41 tahun: Klaster 3, Ruang Usia Dewasa");
  /* The registration's reply is the visit as it is read back, patient
   * and all (the manager builds it from what that write had read). */
  {
    g_autofree char *got_text = json_to_string (got, FALSE);

    g_assert_cmpstr (first_text, ==, got_text);
  }
  gil_test_api_expect_error (f->url, f->admin, "GET", "/api/v1/visits/42", NULL, 404, "not-found");

  /* An override is recorded with both rooms. */
  override = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"room\":%" G_GINT64_FORMAT "}",
                              other, gil_test_api_room_id (f->url, f->admin, "LK-GIGI"));
  {
    g_autoptr(JsonNode) visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", override, NULL, 201);
    JsonObject *object = gil_test_api_object (visit);

    g_assert_true (json_object_get_boolean_member (object, "overridden"));
    g_assert_cmpint (json_object_get_int_member (object, "suggested_room"), ==,
                     gil_test_api_room_id (f->url, f->admin, "K3-DEWASA"));
    g_assert_cmpstr (json_object_get_string_member (object, "ticket"), ==, "H-001");
  }

  gil_test_api_expect_refusals (f->url, f->admin, bad_visits, G_N_ELEMENTS (bad_visits));
}


static char *
stop_path (gint64      stop,
           const char *action)
{
  return g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", stop, action);
}

static const char *
stop_status (JsonNode *reply)
{
  return json_object_get_string_member (json_object_get_object_member (gil_test_api_object (reply), "stop"),
                                        "status");
}

/* An Idempotency-Key is the station's own: a room station that sends
 * another room's key on the same route runs its own request (and is
 * refused a stop not in its rooms) instead of reading the first reply,
 * and the admin token sending a desk's key registers its own visit. */
static void
test_key_scope (Fixture       *f,
                gconstpointer  data)
{
  GilTestStations stations = { 0 };
  g_autofree char *sixty_seven = gil_test_api_years_ago (67);
  g_autofree char *patient_body = NULL;
  g_autofree char *visit_body = NULL;
  g_autofree char *start = NULL;
  g_autoptr(JsonNode) patient = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) replay = NULL;
  g_autoptr(JsonObject) called = NULL;
  gint64 other;
  guint status = 0;

  gil_test_api_pair_stations (f->url, f->admin, &stations);

  /* The desk registers Siti, NIK and all, under its key. */
  patient_body = g_strdup_printf ("{\"name\":\"Siti Aminah\",\"birth_date\":\"%s\",\"sex\":\"F\","
                                  "\"nik\":\"5271015003590003\"}", sixty_seven);
  patient = gil_test_api_call (f->url, stations.desk, "POST", "/api/v1/patients", patient_body,
                               "desk1-0001", &status);
  g_assert_cmpuint (status, ==, 201);
  visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\"}",
                                member_id (patient, "id"));
  first = gil_test_api_call (f->url, stations.desk, "POST", "/api/v1/visits", visit_body,
                             "desk1-0002", &status);
  g_assert_cmpuint (status, ==, 201);

  /* The admin's request with the desk's key is its own: a new patient. */
  replay = gil_test_api_call (f->url, f->admin, "POST", "/api/v1/patients",
                              "{\"name\":\"Made\",\"birth_date\":\"1985-02-02\",\"sex\":\"M\"}",
                              "desk1-0001", &status);
  g_assert_cmpuint (status, ==, 201);
  other = member_id (replay, "id");
  g_assert_cmpint (other, !=, member_id (patient, "id"));
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (replay), "name"), ==, "Made");
  g_clear_pointer (&replay, json_node_unref);

  /* The elderly room calls and starts her under its key; the lab's PC
   * sending that key to that stop is told the stop is not its own. */
  called = gil_test_api_call_next (f->url, stations.lansia, "K3-LANSIA");
  start = stop_path (json_object_get_int_member (called, "id"), "start");
  json_node_unref (gil_test_api_call (f->url, stations.lansia, "POST", start, NULL, "room5-0001", &status));
  g_assert_cmpuint (status, ==, 200);
  replay = gil_test_api_call (f->url, stations.lab, "POST", start, NULL, "room5-0001", &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (gil_test_api_error (replay), ==, "forbidden");
  g_clear_pointer (&replay, json_node_unref);

  /* The desk's own repeat still gets its stored reply. */
  replay = gil_test_api_call (f->url, stations.desk, "POST", "/api/v1/visits", visit_body,
                              "desk1-0002", &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpint (member_id (replay, "id"), ==, member_id (first, "id"));

  gil_test_api_clear_stations (&stations);
}


static void
test_queue_actions (Fixture       *f,
                    gconstpointer  data)
{
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  gint64 lab = gil_test_api_room_id (f->url, f->admin, "LK-LAB");
  g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *queue_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", dewasa);
  g_autofree char *transfer_body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"return\":true}", lab);
  g_autofree char *thirty = gil_test_api_years_ago (30);
  gint64 a = register_visit (f, create_patient (f, "Ayu", thirty, "F"), NULL);
  gint64 b = register_visit (f, create_patient (f, "Bagus", thirty, "M"), NULL);
  g_autoptr(JsonNode) called = NULL;
  g_autoptr(JsonNode) queue = NULL;
  gint64 lab_stop;

  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/rooms/999/call-next", NULL, 404, "not-found");

  /* A is called, called again, served and sent to the laboratory. */
  called = gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200);
  g_assert_cmpstr (stop_status (called), ==, "called");
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (called), "why"), ==,
                   "Berikutnya menurut urutan kedatangan");
  g_assert_true (json_object_has_member (gil_test_api_object (called), "visit"));
#define ACT(stop, action, body, expected_status)                               \
  G_STMT_START {                                                               \
    g_autofree char *p_ = stop_path (stop, action);                            \
    g_autoptr(JsonNode) r_ = gil_test_api_expect (f->url, f->admin, "POST", p_, body, NULL, 200);        \
    g_assert_cmpstr (stop_status (r_), ==, expected_status);                   \
  } G_STMT_END
#define REFUSED(stop, action, body)                                            \
  G_STMT_START {                                                               \
    g_autofree char *p_ = stop_path (stop, action);                            \
    gil_test_api_expect_error (f->url, f->admin, "POST", p_, body, 409, "invalid-transition");   \
  } G_STMT_END
  ACT (a, "recall", NULL, "called");
  REFUSED (a, "finish", NULL);
  REFUSED (a, "requeue", NULL);
  ACT (a, "start", NULL, "serving");
  REFUSED (a, "start", NULL);
  REFUSED (a, "skip", NULL);
  {
    g_autofree char *p = stop_path (a, "transfer");
    g_autoptr(JsonNode) moved = gil_test_api_expect (f->url, f->admin, "POST", p, transfer_body, NULL, 200);
    JsonObject *stop = json_object_get_object_member (gil_test_api_object (moved), "stop");

    g_assert_cmpstr (json_object_get_string_member (stop, "status"), ==, "waiting");
    g_assert_cmpint (json_object_get_int_member (stop, "room"), ==, lab);
    g_assert_cmpstr (json_object_get_string_member (stop, "ticket"), ==, "D-001");
    lab_stop = json_object_get_int_member (stop, "id");
  }
  REFUSED (a, "finish", NULL);

  /* B is skipped and put back. */
  ACT (b, "call", NULL, "called");
  ACT (b, "skip", NULL, "skipped");
  ACT (b, "requeue", NULL, "waiting");

  /* The laboratory serves A and sends them back ahead of B. */
  ACT (lab_stop, "call", NULL, "called");
  ACT (lab_stop, "start", NULL, "serving");
  ACT (lab_stop, "finish", NULL, "done");
  queue = gil_test_api_expect (f->url, f->admin, "GET", queue_path, NULL, NULL, 200);
  {
    JsonArray *waiting = json_object_get_array_member (gil_test_api_object (queue), "waiting");

    g_assert_cmpuint (json_array_get_length (waiting), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (waiting, 0), "ticket"), ==, "D-001");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 0), "position"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (waiting, 1), "ticket"), ==, "D-002");
  }

  {
    g_autofree char *p = stop_path (b, "transfer");

    gil_test_api_expect_error (f->url, f->admin, "POST", p, "{\"room\":\"lab\"}", 400, "invalid-field");
    gil_test_api_expect_error (f->url, f->admin, "POST", p, "{}", 400, "invalid-field");
    gil_test_api_expect_error (f->url, f->admin, "POST", p, "{\"room\":999}", 404, "not-found");
  }
  {
    g_autofree char *p = stop_path (999, "start");

    gil_test_api_expect_error (f->url, f->admin, "POST", p, NULL, 404, "not-found");
  }
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200));
  gil_test_api_expect_error (f->url, f->admin, "POST", call_next, NULL, 409, "queue-empty");
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *big = NULL;
  g_autofree char *long_key = g_strnfill (129, 'k');
  GString *body = g_string_new ("{\"name\":\"");
  guint status = 0;
  g_autoptr(JsonNode) reply = NULL;

  while (body->len < 70 * 1024)
    g_string_append (body, "aaaaaaaaaaaaaaaa");
  g_string_append (body, "\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}");
  big = g_string_free (body, FALSE);
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/patients", big, 413, "too-large");

  reply = gil_test_api_call (f->url, f->admin, "POST", "/api/v1/patients",
                             "{\"name\":\"A\",\"birth_date\":\"1980-01-01\",\"sex\":\"F\"}", long_key, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (gil_test_api_error (reply), ==, "invalid-field");

  /* Nothing above was created. */
  g_clear_pointer (&reply, json_node_unref);
  reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=a", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reply)), ==, 0);
}

/* ── the event stream ─────────────────────────────────────────────── */

/* Lets the manager's replies, sent from the same loop, arrive. */
static void
spin_while_calling (Fixture    *f,
                    const char *method,
                    const char *path,
                    const char *body,
                    guint       expected)
{
  json_node_unref (gil_test_api_expect (f->url, f->admin, method, path, body, NULL, expected));
}

static void
test_events (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *thirty = gil_test_api_years_ago (30);
  gint64 patient = create_patient (f, "Komang", thirty, "M");
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  GilTestEvents *bad;
  GilTestEvents *replay;
  GilTestEvents *live;
  gint64 last;

  /* A bad token is refused before the handshake. */
  bad = gil_test_events_open (f->url, "wrong", 0);
  g_assert_null (bad->connection);
  g_assert_cmpuint (bad->status, ==, 401);
  gil_test_events_close (bad);

  register_visit (f, patient, NULL);

  /* Replay from 0: day.started, visit.registered, stop.enqueued, room.changed? no. */
  replay = gil_test_events_open (f->url, f->admin, 0);
  g_assert_nonnull (replay->connection);
  gil_test_events_wait (replay, 3);
  for (guint i = 0; i < replay->messages->len; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (replay->messages, i), "seq"), ==, i + 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (replay->messages, 0), "type"), ==, "day.started");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (replay->messages, 1), "type"), ==, "visit.registered");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (replay->messages, 2), "type"), ==, "stop.enqueued");
  last = json_object_get_int_member (g_ptr_array_index (replay->messages, 2), "seq");

  /* Live: a display from the last seq sees the call, with no names. */
  live = gil_test_events_open (f->url, display, last);
  g_assert_nonnull (live->connection);
  spin_while_calling (f, "POST", call_next, NULL, 200);
  gil_test_events_wait (live, 1);
  {
    JsonObject *event = g_ptr_array_index (live->messages, 0);
    JsonObject *stop = json_object_get_object_member (event, "stop");
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), event);

    g_assert_cmpint (json_object_get_int_member (event, "seq"), ==, last + 1);
    g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "stop.called");
    g_assert_cmpstr (json_object_get_string_member (event, "ticket"), ==, "D-001");
    g_assert_cmpint (json_object_get_int_member (event, "calls"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (event, "room"), ==, dewasa);
    g_assert_cmpstr (json_object_get_string_member (stop, "status"), ==, "called");
    g_assert_true (json_object_has_member (event, "at"));
    text = json_to_string (node, FALSE);
    g_assert_null (strstr (text, "Komang"));
  }
  /* The first stream also got it, live. */
  gil_test_events_wait (replay, 4);

  /* Ping, pong. */
  soup_websocket_connection_send_text (live->connection, "{\"type\":\"ping\"}");
  gil_test_events_wait (live, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (live->messages, 1), "type"), ==, "pong");

  /* A client ahead of the database gets a snapshot. */
  {
    GilTestEvents *ahead = gil_test_events_open (f->url, f->admin, 100000);

    gil_test_events_wait (ahead, 1);
    g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (ahead->messages, 0), "type"), ==, "snapshot");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (g_ptr_array_index (ahead->messages, 0), "rooms")), ==, 10);
    gil_test_events_close (ahead);
  }

  gil_test_events_close (replay);
  gil_test_events_close (live);
}

static void
on_stream_closed_cb (SoupWebsocketConnection *connection,
                     gpointer                 user_data)
{
  GilTestEvents *stream = user_data;

  g_main_loop_quit (stream->loop);
}

static gboolean
on_revoke_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Revoking a station stops it at once: its open event stream is closed by
 * the server within a second, its very next request is refused, and it
 * cannot open a stream again. Other stations' streams go on. */
static void
test_revoke_stream (Fixture       *f,
                    gconstpointer  data)
{
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  g_autofree char *rooms = g_strdup_printf ("%" G_GINT64_FORMAT, dewasa);
  g_autofree char *room = gil_test_api_pair (f->url, f->admin, "room", rooms);
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autofree char *queue = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", dewasa);
  g_autofree char *revoke = NULL;
  g_autoptr(JsonNode) me = gil_test_api_expect (f->url, room, "GET", "/api/v1/stations/me", NULL, NULL, 200);
  g_autofree char *thirty = gil_test_api_years_ago (30);
  GilTestEvents *stream;
  GilTestEvents *other;
  GilTestEvents *again;
  gboolean timed_out = FALSE;
  guint timeout;
  gint64 revoked_at;

  /* Both stations' streams are open and have the day's first event. */
  stream = gil_test_events_open (f->url, room, 0);
  g_assert_nonnull (stream->connection);
  gil_test_events_wait (stream, 1);
  other = gil_test_events_open (f->url, display, 0);
  g_assert_nonnull (other->connection);
  gil_test_events_wait (other, 1);
  g_signal_connect (stream->connection, "closed", G_CALLBACK (on_stream_closed_cb), stream);

  revoke = g_strdup_printf ("/api/v1/stations/%" G_GINT64_FORMAT "/revoke", member_id (me, "id"));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", revoke, NULL, NULL, 200));
  revoked_at = g_get_monotonic_time ();

  /* The very next request. */
  gil_test_api_expect_error (f->url, room, "GET", queue, NULL, 401, "unauthorized");

  /* The stream, closed by the server promptly (a sanitizer build on a
   * busy machine is slow: a few seconds, not a reconnect's 15). */
  timeout = g_timeout_add (5000, on_revoke_timeout_cb, &timed_out);
  while (soup_websocket_connection_get_state (stream->connection) != SOUP_WEBSOCKET_STATE_CLOSED &&
         !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpint (soup_websocket_connection_get_state (stream->connection), ==, SOUP_WEBSOCKET_STATE_CLOSED);
  g_assert_cmpint (g_get_monotonic_time () - revoked_at, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (soup_websocket_connection_get_close_code (stream->connection), ==,
                   SOUP_WEBSOCKET_CLOSE_GOING_AWAY);

  /* And no new one. */
  again = gil_test_events_open (f->url, room, 0);
  g_assert_null (again->connection);
  g_assert_cmpuint (again->status, ==, 401);
  gil_test_events_close (again);

  /* The display's stream is still open and live. */
  g_assert_cmpint (soup_websocket_connection_get_state (other->connection), ==, SOUP_WEBSOCKET_STATE_OPEN);
  register_visit (f, create_patient (f, "Wayan", thirty, "M"), NULL);
  gil_test_events_wait (other, 2);
  g_assert_cmpuint (stream->messages->len, ==, 1);

  gil_test_events_close (other);
  gil_test_events_close (stream);
}

/* ── the process ──────────────────────────────────────────────────── */

static void
test_restart_keeps_data (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *thirty = gil_test_api_years_ago (30);
  gint64 patient = create_patient (f, "Nyoman", thirty, "M");
  g_autoptr(JsonNode) visit = NULL;

  register_visit (f, patient, NULL);

  /* SIGTERM stops it cleanly. */
  gil_test_manager_kill (f->manager, SIGTERM);
  g_assert_cmpint (gil_test_manager_get_exit_status (f->manager), ==, 0);

  gil_test_manager_restart (f->manager);
  visit = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/visits/1", NULL, NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "ticket"), ==, "D-001");

  /* SIGKILL loses nothing that was acknowledged. */
  gil_test_manager_kill (f->manager, SIGKILL);
  gil_test_manager_restart (f->manager);
  g_clear_pointer (&visit, json_node_unref);
  visit = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/visits/1", NULL, NULL, 200);
}

static int
run_manager (const char * const *args,
             char              **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  return status;
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const char *manager = g_getenv ("GILIRAN_MANAGER");
  g_autofree char *dir = g_dir_make_tmp ("giliran-api-XXXXXX", NULL);
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);
  g_autofree char *port = g_strdup (strrchr (f->url, ':') + 1);
  g_autofree char *err1 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_true (g_file_set_contents (junk, "this is not a database, not at all", -1, NULL));
  {
    const char *args[] = { manager, "--database", junk, "--port", "0", NULL };

    g_assert_cmpint (run_manager (args, &err1), !=, 0);
    g_assert_true (g_str_has_prefix (err1, "giliran-manager: "));
    g_assert_nonnull (strstr (err1, "junk.db"));
  }
  {
    const char *args[] = { manager, "--database", fresh, "--port", port, NULL };

    g_assert_cmpint (run_manager (args, &err2), !=, 0);
    g_assert_nonnull (strstr (err2, port));
  }
  {
    const char *args[] = { manager, NULL };

    g_assert_cmpint (run_manager (args, &err3), !=, 0);
  }
  g_assert_cmpuint (strlen (err3), >, 0);
  g_unlink (junk);
  g_unlink (fresh);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/api/" path, Fixture, NULL, gil_test_server_set_up, func, gil_test_server_tear_down)
  ADD ("health", test_health);
  ADD ("profile", test_profile);
  ADD ("display-names", test_display_names);
  ADD ("reports", test_reports);
  ADD ("pairing-rate-limit", test_pairing_rate_limit);
  ADD ("backup-restore", test_backup_restore);
  ADD ("health-log", test_health_log);
  ADD ("auth", test_auth);
  ADD ("pairing", test_pairing);
  ADD ("roles", test_roles);
  ADD ("rooms", test_rooms);
  ADD ("emergency-ugd-inactive", test_emergency_ugd_inactive);
  ADD ("patients", test_patients);
  ADD ("routing-scenarios", test_routing_scenarios);
  ADD ("visits", test_visits);
  ADD ("key-scope", test_key_scope);
  ADD ("queue-actions", test_queue_actions);
  ADD ("limits", test_limits);
  ADD ("events", test_events);
  ADD ("revoke-stream", test_revoke_stream);
  ADD ("restart-keeps-data", test_restart_keeps_data);
  ADD ("refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
