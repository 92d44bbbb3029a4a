/* gil-connection.h — one station's connection to a giliran-manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gil-api-error.h"
#include "gil-profile.h"

G_BEGIN_DECLS

#define GIL_TYPE_CONNECTION (gil_connection_get_type ())
G_DECLARE_FINAL_TYPE (GilConnection, gil_connection, GIL, CONNECTION, GObject)

GilConnection *gil_connection_new               (const char           *base_url,
                                                 const char           *token);
const char    *gil_connection_get_base_url      (GilConnection        *self);
GilConnection *gil_connection_new_pinned        (const char           *base_url,
                                                 const char           *token,
                                                 const char           *fingerprint);
void           gil_connection_set_address       (GilConnection        *self,
                                                 const char           *base_url,
                                                 const char           *fingerprint);
const char    *gil_connection_get_token         (GilConnection        *self);
const char    *gil_connection_get_fingerprint   (GilConnection        *self);
gboolean       gil_connection_get_online        (GilConnection        *self);
gint64         gil_connection_get_last_seq      (GilConnection        *self);
const char    *gil_connection_get_log_id        (GilConnection        *self);
void           gil_connection_find_role         (GilConnection        *self);
const char    *gil_connection_get_role          (GilConnection        *self);

char          *gil_connection_new_action_key    (void);

void           gil_connection_request_async     (GilConnection        *self,
                                                 const char           *method,
                                                 const char           *path,
                                                 JsonNode             *body,
                                                 const char           *idempotency_key,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
JsonNode      *gil_connection_request_finish    (GilConnection        *self,
                                                 GAsyncResult         *result,
                                                 guint                *status,
                                                 GError              **error);

/* For gil_connection_start_events(): a station that has nothing yet. */
#define GIL_CONNECTION_SINCE_NOTHING (-1)

void           gil_connection_start_events      (GilConnection        *self,
                                                 gint64                since);
void           gil_connection_stop_events       (GilConnection        *self);

void           gil_connection_request_bytes_async  (GilConnection        *self,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GBytes        *gil_connection_request_bytes_finish (GilConnection        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

SoupSession   *gil_connection_get_session       (GilConnection        *self);

GilProfile    *gil_connection_get_profile          (GilConnection        *self);
void           gil_connection_load_profile_async   (GilConnection        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GilProfile    *gil_connection_load_profile_finish  (GilConnection        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void           gil_connection_probe_certificate_async  (const char           *base_url,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char          *gil_connection_probe_certificate_finish (GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
