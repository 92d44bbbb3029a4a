/* gil-api-error.c — the manager's error codes as a GError domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-api-error.h"
#include "gil-error-codes.h"

G_DEFINE_QUARK (gil-api-error-quark, gil_api_error)

/* Indexed by GilErrorCode: each code the manager sends, as the client's
 * error. A code missing here would read as GIL_API_ERROR_UNKNOWN (0);
 * tests/test-api-error.c checks that none is. */
static const GilApiError api_errors[GIL_N_ERROR_CODES] = {
  [GIL_ERROR_CODE_INVALID_JSON] = GIL_API_ERROR_INVALID_JSON,
  [GIL_ERROR_CODE_INVALID_FIELD] = GIL_API_ERROR_INVALID_FIELD,
  [GIL_ERROR_CODE_INVALID_NIK] = GIL_API_ERROR_INVALID_NIK,
  [GIL_ERROR_CODE_INVALID_BPJS] = GIL_API_ERROR_INVALID_BPJS,
  [GIL_ERROR_CODE_INVALID_BIRTH_DATE] = GIL_API_ERROR_INVALID_BIRTH_DATE,
  [GIL_ERROR_CODE_MISSING_NAME] = GIL_API_ERROR_MISSING_NAME,
  [GIL_ERROR_CODE_DUPLICATE_NIK] = GIL_API_ERROR_DUPLICATE_NIK,
  [GIL_ERROR_CODE_ALREADY_QUEUED] = GIL_API_ERROR_ALREADY_QUEUED,
  [GIL_ERROR_CODE_QUEUE_EMPTY] = GIL_API_ERROR_QUEUE_EMPTY,
  [GIL_ERROR_CODE_INVALID_TRANSITION] = GIL_API_ERROR_INVALID_TRANSITION,
  [GIL_ERROR_CODE_NOT_FOUND] = GIL_API_ERROR_NOT_FOUND,
  [GIL_ERROR_CODE_UNAUTHORIZED] = GIL_API_ERROR_UNAUTHORIZED,
  [GIL_ERROR_CODE_FORBIDDEN] = GIL_API_ERROR_FORBIDDEN,
  [GIL_ERROR_CODE_INVALID_PAIRING_CODE] = GIL_API_ERROR_INVALID_PAIRING_CODE,
  [GIL_ERROR_CODE_TOO_LARGE] = GIL_API_ERROR_TOO_LARGE,
  [GIL_ERROR_CODE_STORAGE_ERROR] = GIL_API_ERROR_STORAGE_ERROR,
  [GIL_ERROR_CODE_ALREADY_CANCELLED] = GIL_API_ERROR_ALREADY_CANCELLED,
  [GIL_ERROR_CODE_INVALID_REASON] = GIL_API_ERROR_INVALID_REASON,
  [GIL_ERROR_CODE_ROOM_INACTIVE] = GIL_API_ERROR_ROOM_INACTIVE,
  [GIL_ERROR_CODE_IMPLAUSIBLE] = GIL_API_ERROR_IMPLAUSIBLE,
  [GIL_ERROR_CODE_MERGED] = GIL_API_ERROR_MERGED,
  [GIL_ERROR_CODE_INVALID_MERGE] = GIL_API_ERROR_INVALID_MERGE,
  [GIL_ERROR_CODE_METHOD_NOT_ALLOWED] = GIL_API_ERROR_METHOD_NOT_ALLOWED,
  [GIL_ERROR_CODE_NOT_WEBSOCKET] = GIL_API_ERROR_NOT_WEBSOCKET,
  [GIL_ERROR_CODE_TOO_MANY_ATTEMPTS] = GIL_API_ERROR_TOO_MANY_ATTEMPTS,
  [GIL_ERROR_CODE_SHUTTING_DOWN] = GIL_API_ERROR_SHUTTING_DOWN,
  [GIL_ERROR_CODE_NO_ROOM] = GIL_API_ERROR_NO_ROOM,
  [GIL_ERROR_CODE_DUPLICATE_CODE] = GIL_API_ERROR_DUPLICATE_CODE,
  [GIL_ERROR_CODE_INTERNAL_ERROR] = GIL_API_ERROR_INTERNAL_ERROR,
};

/**
 * gil_api_error_from_code:
 * @code: (nullable): a kebab-case code from an error reply
 *
 * Returns: its #GilApiError, or %GIL_API_ERROR_UNKNOWN
 */
GilApiError
gil_api_error_from_code (const char *code)
{
  GilErrorCode known;

  if (!gil_error_code_from_string (code, &known))
    return GIL_API_ERROR_UNKNOWN;
  return api_errors[known];
}

/**
 * gil_api_error_to_code:
 *
 * Returns: (nullable): the API's code for @error; %NULL for
 *   %GIL_API_ERROR_UNKNOWN, %GIL_API_ERROR_NETWORK and
 *   %GIL_API_ERROR_CERTIFICATE, which the manager never sends
 */
const char *
gil_api_error_to_code (GilApiError error)
{
  g_return_val_if_fail ((guint)error <= GIL_API_ERROR_INTERNAL_ERROR, NULL);

  for (guint i = 0; i < GIL_N_ERROR_CODES; i++)
    if (api_errors[i] == error && error != GIL_API_ERROR_UNKNOWN)
      return gil_error_code_to_string ((GilErrorCode)i);
  return NULL;
}
