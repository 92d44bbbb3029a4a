/* gil-error-codes.h — the codes of the manager's error replies
 *
 * One list for both ends: the manager writes an error reply's "code" only
 * from it (gil_server_reply_message() takes a GilErrorCode), and the
 * client maps each to a GilApiError (gil-api-error.c), which
 * tests/test-api-error.c checks for every code here. A new code goes at
 * the end of the enum, into the table in gil-error-codes.c, into
 * GilApiError and into doc/api.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GIL_ERROR_CODE_INVALID_JSON,
  GIL_ERROR_CODE_INVALID_FIELD,
  GIL_ERROR_CODE_INVALID_NIK,
  GIL_ERROR_CODE_INVALID_BPJS,
  GIL_ERROR_CODE_INVALID_BIRTH_DATE,
  GIL_ERROR_CODE_MISSING_NAME,
  GIL_ERROR_CODE_DUPLICATE_NIK,
  GIL_ERROR_CODE_ALREADY_QUEUED,
  GIL_ERROR_CODE_QUEUE_EMPTY,
  GIL_ERROR_CODE_INVALID_TRANSITION,
  GIL_ERROR_CODE_NOT_FOUND,
  GIL_ERROR_CODE_UNAUTHORIZED,
  GIL_ERROR_CODE_FORBIDDEN,
  GIL_ERROR_CODE_INVALID_PAIRING_CODE,
  GIL_ERROR_CODE_TOO_LARGE,
  GIL_ERROR_CODE_STORAGE_ERROR,
  GIL_ERROR_CODE_ALREADY_CANCELLED,
  GIL_ERROR_CODE_INVALID_REASON,
  GIL_ERROR_CODE_ROOM_INACTIVE,
  GIL_ERROR_CODE_IMPLAUSIBLE,
  GIL_ERROR_CODE_MERGED,
  GIL_ERROR_CODE_INVALID_MERGE,
  GIL_ERROR_CODE_METHOD_NOT_ALLOWED,
  GIL_ERROR_CODE_NOT_WEBSOCKET,
  GIL_ERROR_CODE_TOO_MANY_ATTEMPTS,
  GIL_ERROR_CODE_SHUTTING_DOWN,
  GIL_ERROR_CODE_NO_ROOM,
  GIL_ERROR_CODE_DUPLICATE_CODE,
  GIL_ERROR_CODE_INTERNAL_ERROR,
  GIL_N_ERROR_CODES
} GilErrorCode;

const char *gil_error_code_to_string   (GilErrorCode  code);
gboolean    gil_error_code_from_string (const char   *string,
                                        GilErrorCode *code);

G_END_DECLS
