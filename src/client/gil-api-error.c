/* gil-api-error.c — the manager's error codes as a GError domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-api-error.h"

G_DEFINE_QUARK (gil-api-error-quark, gil_api_error)

/* Indexed by GilApiError; NULL for the client's own codes. */
static const char * const codes[] = {
  [GIL_API_ERROR_UNKNOWN] = NULL,
  [GIL_API_ERROR_NETWORK] = NULL,
  [GIL_API_ERROR_INVALID_JSON] = "invalid-json",
  [GIL_API_ERROR_INVALID_FIELD] = "invalid-field",
  [GIL_API_ERROR_INVALID_NIK] = "invalid-nik",
  [GIL_API_ERROR_INVALID_BPJS] = "invalid-bpjs",
  [GIL_API_ERROR_INVALID_BIRTH_DATE] = "invalid-birth-date",
  [GIL_API_ERROR_MISSING_NAME] = "missing-name",
  [GIL_API_ERROR_DUPLICATE_NIK] = "duplicate-nik",
  [GIL_API_ERROR_ALREADY_QUEUED] = "already-queued",
  [GIL_API_ERROR_QUEUE_EMPTY] = "queue-empty",
  [GIL_API_ERROR_INVALID_TRANSITION] = "invalid-transition",
  [GIL_API_ERROR_NOT_FOUND] = "not-found",
  [GIL_API_ERROR_UNAUTHORIZED] = "unauthorized",
  [GIL_API_ERROR_FORBIDDEN] = "forbidden",
  [GIL_API_ERROR_INVALID_PAIRING_CODE] = "invalid-pairing-code",
  [GIL_API_ERROR_TOO_LARGE] = "too-large",
  [GIL_API_ERROR_STORAGE_ERROR] = "storage-error",
  [GIL_API_ERROR_CERTIFICATE] = NULL,
  [GIL_API_ERROR_ALREADY_CANCELLED] = "already-cancelled",
  [GIL_API_ERROR_INVALID_REASON] = "invalid-reason",
  [GIL_API_ERROR_ROOM_INACTIVE] = "room-inactive",
  [GIL_API_ERROR_IMPLAUSIBLE] = "implausible",
  [GIL_API_ERROR_MERGED] = "merged",
  [GIL_API_ERROR_INVALID_MERGE] = "invalid-merge",
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
  if (code == NULL)
    return GIL_API_ERROR_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i] != NULL && g_str_equal (codes[i], code))
      return (GilApiError)i;
  return GIL_API_ERROR_UNKNOWN;
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
  g_return_val_if_fail ((guint)error < G_N_ELEMENTS (codes), NULL);

  return codes[error];
}
