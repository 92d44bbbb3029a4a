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

#include <string.h>

#include "gil-api-error.h"
#include "gil-connection.h"
#include "gil-error-codes.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"

#define WAIT_MS 20000

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

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/* The request must fail with @status and @expected, message and all. */
static void
expect_error (GilConnection *connection,
              const char    *method,
              const char    *path,
              const char    *body,
              guint          status,
              GilApiError    expected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) request = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autoptr(JsonNode) node = NULL;
  guint got = 0;

  g_assert_true (body == NULL || request != NULL);
  gil_connection_request_async (connection, method, path, request, NULL, NULL, on_result_cb, &result);
  gil_test_loop_wait_until (has_result, &result, WAIT_MS, path);
  node = gil_connection_request_finish (connection, result, &got, &error);
  g_assert_error (error, GIL_API_ERROR, (int)expected);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_null (node);
  g_assert_cmpuint (got, ==, status);
}

/* The codes GilApiError once lacked, as the manager sends them. */
static void
test_sent (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  GilConnection *admin = gil_connection_new (url, gil_test_manager_get_admin_token (manager));
  GilConnection *stranger = gil_connection_new (url, NULL);

  expect_error (admin, "DELETE", "/api/v1/rooms", NULL, 405, GIL_API_ERROR_METHOD_NOT_ALLOWED);
  expect_error (admin, "GET", "/api/v1/events", NULL, 400, GIL_API_ERROR_NOT_WEBSOCKET);
  expect_error (admin, "POST", "/api/v1/rooms",
                "{\"code\":\"K3-DEWASA\",\"name\":\"Lagi\",\"cluster\":\"k3\",\"prefix\":\"U\"}",
                409, GIL_API_ERROR_DUPLICATE_CODE);
  for (guint i = 0; i < 5; i++)
    expect_error (stranger, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}",
                  403, GIL_API_ERROR_INVALID_PAIRING_CODE);
  expect_error (stranger, "POST", "/api/v1/pair", "{\"code\":\"000000\",\"name\":\"X\"}",
                429, GIL_API_ERROR_TOO_MANY_ATTEMPTS);

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
