/* gil-error-codes.c — the codes of the manager's error replies, as sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-error-codes.h"

/* Indexed by GilErrorCode: the kebab-case "code" of doc/api.md. */
static const char * const strings[] = {
  [GIL_ERROR_CODE_INVALID_JSON] = "invalid-json",
  [GIL_ERROR_CODE_INVALID_FIELD] = "invalid-field",
  [GIL_ERROR_CODE_INVALID_NIK] = "invalid-nik",
  [GIL_ERROR_CODE_INVALID_BPJS] = "invalid-bpjs",
  [GIL_ERROR_CODE_INVALID_BIRTH_DATE] = "invalid-birth-date",
  [GIL_ERROR_CODE_MISSING_NAME] = "missing-name",
  [GIL_ERROR_CODE_DUPLICATE_NIK] = "duplicate-nik",
  [GIL_ERROR_CODE_ALREADY_QUEUED] = "already-queued",
  [GIL_ERROR_CODE_QUEUE_EMPTY] = "queue-empty",
  [GIL_ERROR_CODE_INVALID_TRANSITION] = "invalid-transition",
  [GIL_ERROR_CODE_NOT_FOUND] = "not-found",
  [GIL_ERROR_CODE_UNAUTHORIZED] = "unauthorized",
  [GIL_ERROR_CODE_FORBIDDEN] = "forbidden",
  [GIL_ERROR_CODE_INVALID_PAIRING_CODE] = "invalid-pairing-code",
  [GIL_ERROR_CODE_TOO_LARGE] = "too-large",
  [GIL_ERROR_CODE_STORAGE_ERROR] = "storage-error",
  [GIL_ERROR_CODE_ALREADY_CANCELLED] = "already-cancelled",
  [GIL_ERROR_CODE_INVALID_REASON] = "invalid-reason",
  [GIL_ERROR_CODE_ROOM_INACTIVE] = "room-inactive",
  [GIL_ERROR_CODE_IMPLAUSIBLE] = "implausible",
  [GIL_ERROR_CODE_MERGED] = "merged",
  [GIL_ERROR_CODE_INVALID_MERGE] = "invalid-merge",
  [GIL_ERROR_CODE_METHOD_NOT_ALLOWED] = "method-not-allowed",
  [GIL_ERROR_CODE_NOT_WEBSOCKET] = "not-websocket",
  [GIL_ERROR_CODE_TOO_MANY_ATTEMPTS] = "too-many-attempts",
  [GIL_ERROR_CODE_SHUTTING_DOWN] = "shutting-down",
  [GIL_ERROR_CODE_NO_ROOM] = "no-room",
  [GIL_ERROR_CODE_DUPLICATE_CODE] = "duplicate-code",
  [GIL_ERROR_CODE_INTERNAL_ERROR] = "internal-error",
};

G_STATIC_ASSERT (G_N_ELEMENTS (strings) == GIL_N_ERROR_CODES);

/**
 * gil_error_code_to_string:
 *
 * Returns: the code as an error reply writes it, e.g. "invalid-field"
 */
const char *
gil_error_code_to_string (GilErrorCode code)
{
  g_return_val_if_fail ((guint)code < GIL_N_ERROR_CODES, NULL);
  g_assert (strings[code] != NULL);

  return strings[code];
}

/**
 * gil_error_code_from_string:
 * @string: (nullable): a code from an error reply
 * @code: (out) (optional): its #GilErrorCode
 *
 * Returns: whether @string is one of the codes
 */
gboolean
gil_error_code_from_string (const char   *string,
                            GilErrorCode *code)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < GIL_N_ERROR_CODES; i++)
    if (g_str_equal (strings[i], string))
      {
        if (code != NULL)
          *code = (GilErrorCode)i;
        return TRUE;
      }
  return FALSE;
}
