/* test-api-error.c — every error code the manager sends is a GilApiError
 *
 * The manager writes an error reply's code only from GilErrorCode
 * (src/common/gil-error-codes.h); each of them must come back to the client
 * as a GilApiError of its own and turn into the same code again, so the
 * two ends cannot drift apart. The codes added last are then checked
 * through GilConnection against the real manager on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-api-error.h"
#include "gil-connection.h"
#include "gil-error-codes.h"
#include "gil-test-client.h"
#include "gil-test-manager.h"


static gboolean
is_kebab_case (const char *code)
{
  if (code == NULL || !g_ascii_islower (code[0]))
    return FALSE;
  for (const char *c = code; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !(*c == '-' && c[1] != '\0' && c[1] != '-'))
      return FALSE;
  return TRUE;
}

static void
test_every_code (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < GIL_N_ERROR_CODES; i++)
    {
      const char *code = gil_error_code_to_string ((GilErrorCode)i);
      GilApiError error = gil_api_error_from_code (code);
      GilErrorCode back = GIL_N_ERROR_CODES;

      g_test_message ("%s", code);
      g_assert_true (is_kebab_case (code));
      g_assert_true (gil_error_code_from_string (code, &back));
      g_assert_cmpint (back, ==, i);
      g_assert_cmpint (error, !=, GIL_API_ERROR_UNKNOWN);
      g_assert_cmpint (error, !=, GIL_API_ERROR_NETWORK);
      g_assert_cmpint (error, !=, GIL_API_ERROR_CERTIFICATE);
      g_assert_cmpstr (gil_api_error_to_code (error), ==, code);
      /* One GilApiError per code. */
      g_assert_false (g_hash_table_contains (seen, GINT_TO_POINTER (error)));
      g_hash_table_add (seen, GINT_TO_POINTER (error));
    }

  /* The client's own errors have no code; unknown codes read as unknown. */
  g_assert_null (gil_api_error_to_code (GIL_API_ERROR_UNKNOWN));
  g_assert_null (gil_api_error_to_code (GIL_API_ERROR_NETWORK));
  g_assert_null (gil_api_error_to_code (GIL_API_ERROR_CERTIFICATE));
  g_assert_cmpint (gil_api_error_from_code ("no-such-code"), ==, GIL_API_ERROR_UNKNOWN);
  g_assert_cmpint (gil_api_error_from_code (""), ==, GIL_API_ERROR_UNKNOWN);
  g_assert_cmpint (gil_api_error_from_code (NULL), ==, GIL_API_ERROR_UNKNOWN);
  g_assert_false (gil_error_code_from_string ("Invalid-Field", NULL));
  g_assert_cmpint (gil_api_error_from_code ("invalid-nik"), ==, GIL_API_ERROR_INVALID_NIK);
  g_assert_cmpint (gil_api_error_from_code ("too-many-attempts"), ==, GIL_API_ERROR_TOO_MANY_ATTEMPTS);
}

/* The codes GilApiError once lacked, as the manager sends them. */
static void
test_sent (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  GilConnection *admin = gil_connection_new (url, gil_test_manager_get_admin_token (manager));
  GilConnection *stranger = gil_connection_new (url, NULL);

  gil_test_client_expect_error (admin, "DELETE", "/api/v1/rooms", NULL, NULL,
                                405, GIL_API_ERROR_METHOD_NOT_ALLOWED);
  gil_test_client_expect_error (admin, "GET", "/api/v1/events", NULL, NULL,
                                400, GIL_API_ERROR_NOT_WEBSOCKET);
  gil_test_client_expect_error (admin, "POST", "/api/v1/rooms",
                                "{\"code\":\"K3-DEWASA\",\"name\":\"Lagi\",\"cluster\":\"k3\",\"prefix\":\"U\"}",
                                NULL, 409, GIL_API_ERROR_DUPLICATE_CODE);
  for (guint i = 0; i < 5; i++)
    gil_test_client_expect_error (stranger, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}",
                                  NULL, 403, GIL_API_ERROR_INVALID_PAIRING_CODE);
  gil_test_client_expect_error (stranger, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}",
                                NULL, 429, GIL_API_ERROR_TOO_MANY_ATTEMPTS);

  g_assert_finalize_object (stranger);
  g_assert_finalize_object (admin);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/api-error/every-code", test_every_code);
  g_test_add_func ("/giliran/api-error/sent", test_sent);
  return g_test_run ();
}
