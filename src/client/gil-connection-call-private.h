/* gil-connection-call-private.h — one typed call: a request and its reply read
 *
 * What every typed call of src/client (gil-connection-patients.c,
 * gil-connection-stops.c, gil-connection-rooms.c, …) shares: send one
 * request and read its reply into the call's result type, so that a call
 * is its path, its body and a reader. Not installed and not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"

G_BEGIN_DECLS

/* Reads a reply into a result, or returns %NULL with @error set. */
typedef gpointer (*GilReplyReader) (JsonNode  *reply,
                                    GError   **error);

void      _gil_connection_call          (GilConnection       *self,
                                         gpointer             source_tag,
                                         const char          *method,
                                         const char          *path,
                                         JsonNode            *body,
                                         const char          *idempotency_key,
                                         GilReplyReader       reader,
                                         GDestroyNotify       result_free,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gpointer  _gil_connection_call_finish   (GilConnection       *self,
                                         GAsyncResult        *result,
                                         gpointer             source_tag,
                                         GError             **error);

char     *_gil_connection_call_key      (const char          *idempotency_key);

G_END_DECLS
