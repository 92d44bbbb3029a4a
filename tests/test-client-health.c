/* test-client-health.c — the client's GilHealth against the real
 * giliran-manager on loopback: each field as the manager's own JSON says
 * it, before and after a backup and an event; asked without a token;
 * an unreachable manager and a cancelled call as their errors; and the
 * reply and the connection freed when the test lets them go
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-health.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

static GilHealth *
check_health (GilConnection  *connection,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_check_health_async (connection, cancellable, gil_test_loop_keep_result, &result);
  return gil_connection_check_health_finish (connection, gil_test_client_wait (&result, "the manager's health"), error);
}

/* @member of @object, or NULL when null */
static const char *
json_text (JsonObject *object,
           const char *member)
{
  return json_object_get_string_member_with_default (object, member, NULL);
}

/* The manager's /health as JSON, read apart from the client. */
static JsonNode *
health_json (const char *url)
{
  return gil_test_api_expect (url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
}

/* Every getter of a fresh GilHealth says what the manager's JSON says.
 * The manager may finish a backup at any moment (a service day's start
 * writes one on its worker thread), so the typed answer is compared with
 * JSON read just before and just after it, and asked again when a backup
 * came in between.
 *
 * Returns: (transfer full): the GilHealth checked */
static GilHealth *
check_health_is (GilConnection *connection,
                 const char    *url)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(JsonNode) reply = health_json (url);
      g_autoptr(GilHealth) health = NULL;
      g_autoptr(JsonNode) again = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *json = gil_test_api_object (reply);
      const char *last_backup = json_text (json, "last_backup");

      health = check_health (connection, NULL, &error);
      g_assert_no_error (error);
      again = health_json (url);
      if (g_strcmp0 (last_backup, json_text (gil_test_api_object (again), "last_backup")) != 0)
        continue;

      g_assert_cmpstr (gil_health_get_status (health), ==, json_text (json, "status"));
      g_assert_cmpstr (gil_health_get_status (health), ==, "ok");
      g_assert_false (gil_health_get_degraded (health));
      g_assert_cmpstr (gil_health_get_storage (health), ==, json_text (json, "storage"));
      g_assert_cmpstr (gil_health_get_storage_error (health), ==, json_text (json, "storage_error"));
      g_assert_cmpstr (gil_health_get_version (health), ==, json_text (json, "version"));
      g_assert_cmpstr (gil_health_get_version (health), ==, PACKAGE_VERSION);
      g_assert_cmpstr (gil_health_get_day (health), ==, json_text (json, "day"));
      g_assert_cmpint (gil_health_get_seq (health), ==, json_object_get_int_member (json, "seq"));
      g_assert_cmpstr (gil_health_get_log (health), ==, json_text (json, "log"));
      g_assert_nonnull (gil_health_get_log (health));
      g_assert_cmpint (gil_health_get_tls (health), ==, json_object_get_boolean_member (json, "tls"));
      g_assert_cmpstr (gil_health_get_fingerprint (health), ==, json_text (json, "fingerprint"));
      if (last_backup == NULL)
        g_assert_null (gil_health_get_last_backup (health));
      else
        {
          g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (last_backup, NULL);

          g_assert_nonnull (gil_health_get_last_backup (health));
          g_assert_true (g_date_time_equal (gil_health_get_last_backup (health), expected));
        }
      return g_steal_pointer (&health);
    }
  g_assert_not_reached ();
}

/* A fresh manager, then one with an event and a backup behind it: the
 * same fields the manager's JSON has, the seq and the backup moving on.
 * A station with no valid token may ask too (the setup's check). */
static void
test_fields (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  const char *admin = gil_test_manager_get_admin_token (manager);
  GilConnection *connection = gil_connection_new (url, "no-such-token");
  g_autoptr(GilHealth) before = NULL;
  g_autoptr(GilHealth) after = NULL;
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonNode) backup = NULL;

  before = check_health_is (connection, url);

  visit = gil_test_api_register (url, admin, "Sari Wulandari", "1990-03-04", NULL);
  backup = gil_test_api_expect (url, admin, "POST", "/api/v1/backups", NULL, NULL, 201);

  after = check_health_is (connection, url);
  g_assert_cmpint (gil_health_get_seq (after), >, gil_health_get_seq (before));
  g_assert_nonnull (gil_health_get_last_backup (after));
  g_assert_cmpstr (gil_health_get_day (after), ==, gil_health_get_day (before));

  /* Nothing else holds either. */
  g_assert_finalize_object (g_steal_pointer (&after));
  g_assert_finalize_object (g_steal_pointer (&before));
  g_assert_finalize_object (connection);
  gil_test_manager_free (manager);
}

/* A manager that is gone: GIL_API_ERROR_NETWORK, and no health. */
static void
test_unreachable (void)
{
  g_autofree char *url = gil_test_client_dup_gone_url ();
  GilConnection *connection = gil_connection_new (url, "nobody");
  g_autoptr(GError) error = NULL;
  GilHealth *health;

  health = check_health (connection, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  g_assert_null (health);
  g_assert_finalize_object (connection);
}

/* Cancelled before it is sent: G_IO_ERROR_CANCELLED. */
static void
test_cancelled (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager), "nobody");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GilHealth *health;

  g_cancellable_cancel (cancellable);
  health = check_health (connection, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (health);
  g_assert_finalize_object (connection);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/client-health/fields", test_fields);
  g_test_add_func ("/giliran/client-health/unreachable", test_unreachable);
  g_test_add_func ("/giliran/client-health/cancelled", test_cancelled);

  return g_test_run ();
}
