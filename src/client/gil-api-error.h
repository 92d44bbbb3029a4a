/* gil-api-error.h — the manager's error codes as a GError domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GIL_API_ERROR (gil_api_error_quark ())

/* The "code" of an error reply (doc/api.md), plus three of the client's
 * own. Every code the manager sends (gil-error-codes.h) has one. */
typedef enum
{
  GIL_API_ERROR_UNKNOWN,              /* a code this client does not know */
  GIL_API_ERROR_NETWORK,              /* the manager could not be reached */
  GIL_API_ERROR_INVALID_JSON,
  GIL_API_ERROR_INVALID_FIELD,
  GIL_API_ERROR_INVALID_NIK,
  GIL_API_ERROR_INVALID_BPJS,
  GIL_API_ERROR_INVALID_BIRTH_DATE,
  GIL_API_ERROR_MISSING_NAME,
  GIL_API_ERROR_DUPLICATE_NIK,
  GIL_API_ERROR_ALREADY_QUEUED,
  GIL_API_ERROR_QUEUE_EMPTY,
  GIL_API_ERROR_INVALID_TRANSITION,
  GIL_API_ERROR_NOT_FOUND,
  GIL_API_ERROR_UNAUTHORIZED,         /* 401 */
  GIL_API_ERROR_FORBIDDEN,            /* 403 */
  GIL_API_ERROR_INVALID_PAIRING_CODE,
  GIL_API_ERROR_TOO_LARGE,            /* 413 */
  GIL_API_ERROR_STORAGE_ERROR,        /* 503 */
  GIL_API_ERROR_CERTIFICATE,          /* not the certificate this station pinned */
  GIL_API_ERROR_ALREADY_CANCELLED,
  GIL_API_ERROR_INVALID_REASON,
  GIL_API_ERROR_ROOM_INACTIVE,
  GIL_API_ERROR_IMPLAUSIBLE,          /* pregnancy care that does not fit the patient */
  GIL_API_ERROR_MERGED,               /* the patient record was merged into another */
  GIL_API_ERROR_INVALID_MERGE,
  GIL_API_ERROR_METHOD_NOT_ALLOWED,   /* 405 */
  GIL_API_ERROR_NOT_WEBSOCKET,        /* /events without the upgrade */
  GIL_API_ERROR_TOO_MANY_ATTEMPTS,    /* 429: wrong pairing codes */
  GIL_API_ERROR_SHUTTING_DOWN,        /* 503: a backup while the manager stops */
  GIL_API_ERROR_NO_ROOM,              /* no active room takes the visit */
  GIL_API_ERROR_DUPLICATE_CODE,       /* a room code already used */
  GIL_API_ERROR_INTERNAL_ERROR,       /* 500 */
} GilApiError;

GQuark       gil_api_error_quark      (void);
GilApiError  gil_api_error_from_code  (const char  *code);
const char  *gil_api_error_to_code    (GilApiError  error);

G_END_DECLS
