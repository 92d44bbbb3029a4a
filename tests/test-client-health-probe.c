/* test-client-health-probe.c — a manager's health asked by its address
 * (gil_connection_probe_health_async, as the hosting app asks the manager
 * it started) against the real giliran-manager on loopback: over plain
 * HTTP; over HTTPS only with the pinned certificate; a manager that is
 * gone, and a cancelled probe, as their errors
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

/* A certificate no manager of these tests has. */
#define OTHER_FINGERPRINT \
  "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"

static GilHealth *
probe (const char    *url,
       const char    *fingerprint,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_probe_health_async (url, fingerprint, cancellable, gil_test_loop_keep_result, &result);
  return gil_connection_probe_health_finish (gil_test_client_wait (&result, "the manager's health"), error);
}

/* Over plain HTTP: the manager's health, as its own JSON says. */
static void
test_plain (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  GilHealth *health;

  health = probe (url, NULL, NULL, &error);
  g_assert_no_error (error);
  json = gil_test_api_expect (url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  g_assert_cmpstr (gil_health_get_status (health), ==, "ok");
  g_assert_cmpstr (gil_health_get_day (health), ==,
                   json_object_get_string_member (gil_test_api_object (json), "day"));
  g_assert_cmpstr (gil_health_get_log (health), ==,
                   json_object_get_string_member (gil_test_api_object (json), "log"));
  g_assert_false (gil_health_get_tls (health));
  g_assert_finalize_object (health);
  gil_test_manager_free (manager);
}

/* Over HTTPS: the pinned certificate is accepted; another pin, or none
 * for a self-signed certificate, is refused. */
static void
test_pinned (void)
{
  const char * const tls_args[] = { "--tls", NULL };
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autoptr(GilHealth) health = NULL;
  g_autoptr(GError) error = NULL;
  GilHealth *refused;

  health = probe (url, fingerprint, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gil_health_get_tls (health));
  g_assert_cmpstr (gil_health_get_fingerprint (health), ==, fingerprint);

  refused = probe (url, OTHER_FINGERPRINT, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE);
  g_assert_null (refused);
  g_clear_error (&error);

  refused = probe (url, NULL, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE);
  g_assert_null (refused);
  gil_test_manager_free (manager);
}

/* A manager that is gone, and a probe cancelled before it is sent. */
static void
test_failures (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  g_autofree char *url = g_strdup (gil_test_manager_get_url (manager));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GilHealth *health;

  g_cancellable_cancel (cancellable);
  health = probe (url, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (health);
  g_clear_error (&error);

  gil_test_manager_free (manager);
  health = probe (url, NULL, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  g_assert_null (health);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/client-health-probe/plain", test_plain);
  g_test_add_func ("/giliran/client-health-probe/pinned", test_pinned);
  g_test_add_func ("/giliran/client-health-probe/failures", test_failures);

  return g_test_run ();
}
