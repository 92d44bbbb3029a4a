/* gil-test-month.c — a month scripted day by day on the real manager,
 * its clock set through libfaketime
 *
 * The manager runs under libfaketime on one database, started again for
 * each day, its clock set to the minute through libfaketime's timestamp
 * file (read again at each look at the clock), so a test writes a month
 * of visits as they would have come.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "gil-test-api.h"
#include "gil-test-month.h"

/**
 * gil_test_month_init:
 *
 * Readies @month (zeroed) for a script. Returns: %FALSE, the test
 *   skipped, when libfaketime is not installed (a failure in CI)
 */
gboolean
gil_test_month_init (GilTestMonth *month)
{
  const char *library = g_getenv ("GILIRAN_LIBFAKETIME");
  int fd;

  if (library == NULL || !g_file_test (library, G_FILE_TEST_IS_REGULAR))
    {
      if (g_getenv ("CI") != NULL && g_getenv ("CI")[0] != '\0')
        g_error ("libfaketime is not installed (Debian package faketime), and CI must run this test");
      g_test_skip ("libfaketime is not installed (Debian package faketime)");
      return FALSE;
    }
  fd = g_file_open_tmp ("giliran-clock-XXXXXX", &month->clock, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  return TRUE;
}

/* Stops the manager and removes what the month made. */
void
gil_test_month_clear (GilTestMonth *month)
{
  if (month->m != NULL)
    gil_test_manager_kill (month->m, SIGTERM);
  if (month->m != month->first)
    gil_test_manager_free (month->m);
  g_clear_pointer (&month->first, gil_test_manager_free);
  month->m = NULL;
  if (month->clock != NULL)
    g_unlink (month->clock);
  g_clear_pointer (&month->clock, g_free);
}

/* Sets the manager's clock to @when, local time; it runs on from there. */
void
gil_test_month_set_clock (GilTestMonth *month,
                          const char   *when)
{
  g_autofree char *text = g_strdup_printf ("@%s\n", when);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (month->clock, text, -1, &error);
  g_assert_no_error (error);
}

/* The manager on the month's database (a new one the first time), its
 * clock at @when. */
void
gil_test_month_start_day (GilTestMonth *month,
                          const char   *when)
{
  g_autofree char *preload = g_strconcat ("LD_PRELOAD=", g_getenv ("GILIRAN_LIBFAKETIME"), NULL);
  g_autofree char *file = g_strconcat ("FAKETIME_TIMESTAMP_FILE=", month->clock, NULL);
  g_autofree char *asan = g_strconcat ("ASAN_OPTIONS=",
                                       g_getenv ("ASAN_OPTIONS") != NULL ? g_getenv ("ASAN_OPTIONS") : "",
                                       ":verify_asan_link_order=0", NULL);
  const char *env[] = { preload, file, "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1",
                        asan, NULL };

  gil_test_month_set_clock (month, when);
  if (month->m != NULL)
    gil_test_manager_kill (month->m, SIGTERM);
  if (month->m != month->first)
    gil_test_manager_free (month->m);
  month->m = gil_test_manager_start_full (month->first != NULL ? gil_test_manager_get_dir (month->first) : NULL,
                                          NULL, env, FALSE);
  if (month->first == NULL)
    month->first = month->m;
  month->url = gil_test_manager_get_url (month->m);
  month->admin = gil_test_manager_get_admin_token (month->m);
}

/* Returns: the new patient's id */
gint64
gil_test_month_add_patient (GilTestMonth *month,
                            const char   *name,
                            const char   *birth_date,
                            const char   *sex)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                           name, birth_date, sex);
  g_autoptr(JsonNode) patient = gil_test_api_expect (month->url, month->admin, "POST", "/api/v1/patients",
                                                     body, NULL, 201);

  return json_object_get_int_member (gil_test_api_object (patient), "id");
}

/**
 * gil_test_month_visit:
 * @signs: the signs as JSON array members: "" or "\"cough-2-weeks\""
 * @room: the room the visit must go to, by code
 *
 * Registers a visit (pregnant for "anc"), checking the room it went to.
 */
GilTestVisit
gil_test_month_visit (GilTestMonth *month,
                      gint64        patient,
                      const char   *purpose,
                      const char   *signs,
                      const char   *payer,
                      const char   *room)
{
  g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"%s\","
                                           "\"signs\":[%s],\"pregnant\":%s,\"payer\":\"%s\"}",
                                           patient, purpose, signs,
                                           g_str_equal (purpose, "anc") ? "true" : "false", payer);
  g_autoptr(JsonNode) reply = gil_test_api_expect (month->url, month->admin, "POST", "/api/v1/visits",
                                                   body, NULL, 201);
  JsonObject *object = gil_test_api_object (reply);
  JsonObject *stop = json_array_get_object_element (json_object_get_array_member (object, "stops"), 0);

  g_assert_cmpint (json_object_get_int_member (stop, "room"), ==,
                   gil_test_api_room_id (month->url, month->admin, room));
  return (GilTestVisit) { json_object_get_int_member (object, "id"), json_object_get_int_member (stop, "id") };
}

/**
 * gil_test_month_serve:
 * @outcome: (nullable): the finish's body ({"outcome": …}), or %NULL for none
 *
 * Calls, starts and finishes @visit's first stop at those times.
 */
void
gil_test_month_serve (GilTestMonth *month,
                      GilTestVisit  visit,
                      const char   *called,
                      const char   *started,
                      const char   *finished,
                      const char   *outcome)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", visit.stop);

  gil_test_month_set_clock (month, called);
  gil_test_api_stop_action (month->url, month->admin, visit.stop, "call");
  gil_test_month_set_clock (month, started);
  gil_test_api_stop_action (month->url, month->admin, visit.stop, "start");
  gil_test_month_set_clock (month, finished);
  if (outcome == NULL)
    gil_test_api_stop_action (month->url, month->admin, visit.stop, "finish");
  else
    json_node_unref (gil_test_api_expect (month->url, month->admin, "POST", path, outcome, NULL, 200));
}

/* Cancels @visit at the desk ("salah daftar"). */
void
gil_test_month_cancel (GilTestMonth *month,
                       GilTestVisit  visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/cancel", visit.id);

  json_node_unref (gil_test_api_expect (month->url, month->admin, "POST", path, "{\"reason\":\"salah daftar\"}",
                                        NULL, 200));
}
