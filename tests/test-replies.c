/* test-replies.c — the replies the manager keeps for Idempotency-Key
 *
 * On the real manager: a key sent again gets the reply it got first, on
 * its own route only; a reply is kept a week and then forgotten, when the
 * manager starts and when the day turns at midnight (under libfaketime,
 * as test-midnight). Replies are aged by moving their time back in the
 * database, as a week passing would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

#define WAIT_S  40
#define DAY_S   (24 * 3600)

static gint64
create_patient (GilTestManager *m,
                const char     *name,
                const char     *key)
{
  return gil_test_api_create_patient (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                                      name, "1980-05-05", "F", key, 201);
}

/* Moves the reply to @key back by @days, as if it had been saved then. */
static void
age_reply (GilTestManager *m,
           const char     *key,
           int             days)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE requests SET created_at = created_at - %d WHERE key = '%s'",
                                          days * DAY_S, key);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (gil_test_manager_get_database (m), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* The same key again: the reply it got first, even for another body; on
 * another route the key is another request. */
static void
test_replayed (void)
{
  GilTestManager *m = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (m);
  const char *admin = gil_test_manager_get_admin_token (m);
  g_autofree char *visit_body = NULL;
  g_autofree char *next_path = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonNode) missing = NULL;
  gint64 id = create_patient (m, "Sekali Saja", "kunci-1");

  again = gil_test_api_expect (url, admin, "POST", "/api/v1/patients",
                               "{\"name\":\"Orang Lain\",\"birth_date\":\"1990-01-01\",\"sex\":\"M\"}",
                               "kunci-1", 201);
  g_assert_cmpint (json_object_get_int_member (gil_test_api_object (again), "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (again), "name"), ==, "Sekali Saja");
  next_path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT, id + 1);
  missing = gil_test_api_expect (url, admin, "GET", next_path, NULL, NULL, 404);
  g_assert_cmpstr (gil_test_api_error (missing), ==, "not-found");

  visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\"}", id);
  visit = gil_test_api_expect (url, admin, "POST", "/api/v1/visits", visit_body, "kunci-1", 201);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (visit),
                                                                              "patient"), "id"), ==, id);

  gil_test_manager_kill (m, SIGTERM);
  gil_test_manager_free (m);
}

/* A reply older than a week is gone when the manager starts; one of six
 * days is kept. */
static void
test_forgotten_at_start (void)
{
  GilTestManager *m = gil_test_manager_start ();
  gint64 old_id = create_patient (m, "Pasien Lama", "kunci-lama");
  gint64 new_id = create_patient (m, "Pasien Baru", "kunci-baru");

  gil_test_manager_kill (m, SIGTERM);
  age_reply (m, "kunci-lama", 8);
  age_reply (m, "kunci-baru", 6);
  gil_test_manager_restart (m);

  g_assert_cmpint (create_patient (m, "Pasien Lama Lagi", "kunci-lama"), >, new_id);
  g_assert_cmpint (create_patient (m, "Pasien Baru Lagi", "kunci-baru"), ==, new_id);
  g_assert_cmpint (old_id, <, new_id);

  gil_test_manager_kill (m, SIGTERM);
  gil_test_manager_free (m);
}

/* A manager that runs through midnight forgets the replies that are then
 * older than a week, and keeps the others. */
static void
test_forgotten_at_midnight (void)
{
  g_autofree char *day = NULL;
  GilTestManager *m = gil_test_manager_start_faked ("2025-12-31 23:59:45", NULL, FALSE);
  gint64 new_id;
  gint64 again;
  gint64 end;

  if (m == NULL)
    return;
  day = gil_test_api_health_day (gil_test_manager_get_url (m));
  if (g_strcmp0 (day, "2025-12-31") != 0)
    g_error ("libfaketime did not set the manager's clock: its day is %s", day);

  /* Saved before midnight, then made eight and six days old: the day's
   * own check at start has already run. */
  create_patient (m, "Pasien Lama", "kunci-lama");
  new_id = create_patient (m, "Pasien Baru", "kunci-baru");
  age_reply (m, "kunci-lama", 8);
  age_reply (m, "kunci-baru", 6);
  g_assert_cmpint (create_patient (m, "Pasien Lama Lagi", "kunci-lama"), <, new_id);

  /* After midnight the old key runs its request again. */
  end = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while ((again = create_patient (m, "Pasien Lama Lagi", "kunci-lama")) < new_id)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the old reply was still kept %d s later", WAIT_S);
      g_usleep (200 * 1000);
    }
  g_assert_cmpint (again, >, new_id);
  g_free (day);
  day = gil_test_api_health_day (gil_test_manager_get_url (m));
  g_assert_cmpstr (day, ==, "2026-01-01");
  g_assert_cmpint (create_patient (m, "Pasien Baru Lagi", "kunci-baru"), ==, new_id);

  gil_test_manager_kill (m, SIGTERM);
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/replies/replayed", test_replayed);
  g_test_add_func ("/giliran/replies/forgotten-at-start", test_forgotten_at_start);
  g_test_add_func ("/giliran/replies/forgotten-at-midnight", test_forgotten_at_midnight);
  return g_test_run ();
}
