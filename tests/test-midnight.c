/* test-midnight.c — the day's end as a room lives it, on the real manager
 *
 * The manager runs under libfaketime, its clock starting a few seconds
 * before local midnight (the tests' own time zone, Asia/Makassar). A
 * patient called and one in service before midnight are still the room's
 * after it: they are finished the next morning and count as served on the
 * day they came; only the one still waiting closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

#define WAIT_S 40

static gboolean
lists_stop (JsonObject *queue,
            const char *list,
            gint64      id)
{
  JsonArray *stops = json_object_get_array_member (queue, list);

  for (guint i = 0; i < json_array_get_length (stops); i++)
    if (json_object_get_int_member (json_array_get_object_element (stops, i), "id") == id)
      return TRUE;
  return FALSE;
}

static void
test_held_over (void)
{
  g_autofree char *day = NULL;
  g_autofree char *queue_path = NULL;
  g_autofree char *call_next = NULL;
  g_autoptr(JsonNode) called = NULL;
  g_autoptr(JsonNode) serving = NULL;
  g_autoptr(JsonNode) waiting = NULL;
  g_autoptr(JsonNode) queue = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autoptr(JsonObject) stop = NULL;
  JsonObject *totals;
  GilTestManager *m;
  const char *url;
  const char *admin;
  gint64 room;
  gint64 end;
  guint status = 0;

  m = gil_test_manager_start_faked ("2025-12-31 23:59:40", NULL, FALSE);
  if (m == NULL)
    return;
  url = gil_test_manager_get_url (m);
  admin = gil_test_manager_get_admin_token (m);
  day = gil_test_api_health_day (gil_test_manager_get_url (m));
  if (g_strcmp0 (day, "2025-12-31") != 0)
    g_error ("libfaketime did not set the manager's clock: its day is %s", day);

  /* Three adults for the same room: one called, one in service, one
   * still waiting when the day ends. */
  called = gil_test_api_register (url, admin, "Pasien Dipanggil", "1980-01-01", NULL);
  serving = gil_test_api_register (url, admin, "Pasien Dilayani", "1981-01-01", NULL);
  waiting = gil_test_api_register (url, admin, "Pasien Menunggu", "1982-01-01", NULL);
  stop = gil_test_api_call_next (url, admin, "K3-DEWASA");
  g_assert_cmpint (json_object_get_int_member (stop, "id"), ==, gil_test_api_first_stop (called));
  g_clear_pointer (&stop, json_object_unref);
  stop = gil_test_api_call_next (url, admin, "K3-DEWASA");
  g_assert_cmpint (json_object_get_int_member (stop, "id"), ==, gil_test_api_first_stop (serving));
  gil_test_api_stop_action (url, admin, gil_test_api_first_stop (serving), "start");

  end = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;
  while (g_strcmp0 (day, "2026-01-01") != 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the manager's day did not turn within %d s", WAIT_S);
      g_usleep (200 * 1000);
      g_free (day);
      day = gil_test_api_health_day (gil_test_manager_get_url (m));
    }

  /* The next morning the room still has both, and nobody waiting. */
  room = gil_test_api_room_id (url, admin, "K3-DEWASA");
  queue_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", room);
  queue = gil_test_api_expect (url, admin, "GET", queue_path, NULL, NULL, 200);
  g_assert_true (lists_stop (gil_test_api_object (queue), "called", gil_test_api_first_stop (called)));
  g_assert_true (lists_stop (gil_test_api_object (queue), "serving", gil_test_api_first_stop (serving)));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (queue),
                                                                          "waiting")), ==, 0);
  call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", room);
  empty = gil_test_api_call (url, admin, "POST", call_next, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpstr (gil_test_api_error (empty), ==, "queue-empty");

  /* Both are finished, and counted as served on the day they came. */
  gil_test_api_stop_action (url, admin, gil_test_api_first_stop (serving), "finish");
  gil_test_api_stop_action (url, admin, gil_test_api_first_stop (called), "start");
  gil_test_api_stop_action (url, admin, gil_test_api_first_stop (called), "finish");
  report = gil_test_api_expect (url, admin, "GET", "/api/v1/reports/daily?date=2025-12-31", NULL, NULL, 200);
  totals = json_object_get_object_member (gil_test_api_object (report), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "not_served"), ==, 1);

  gil_test_manager_kill (m, SIGTERM);
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/midnight/held-over", test_held_over);
  return g_test_run ();
}
