/* gil-server.h — the manager's HTTP/JSON API and event stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "gil-listener.h"
#include "gil-store.h"

G_BEGIN_DECLS

/* The subprotocol a browser offers its token in, before the token, on
 * GET /api/v1/events; it is answered with GIL_SERVER_PROTOCOL. */
#define GIL_SERVER_PROTOCOL       "giliran"
#define GIL_SERVER_TOKEN_PROTOCOL "giliran-token."

#define GIL_TYPE_SERVER (gil_server_get_type ())
G_DECLARE_FINAL_TYPE (GilServer, gil_server, GIL, SERVER, GObject)

GilServer  *gil_server_new          (GilStore    *store,
                                     const char  *admin_token);
SoupServer *gil_server_get_soup     (GilServer   *self);
GilListener *gil_server_listen      (GilServer                *self,
                                     GInetAddress            **addresses,
                                     guint                     port,
                                     const GilListenerOptions *options,
                                     GError                  **error);
void        gil_server_set_certificate (GilServer       *self,
                                        GTlsCertificate *certificate);
const char *gil_server_get_fingerprint (GilServer   *self);
char       *gil_server_dup_puskesmas_name (GilServer *self);
void        gil_server_start_backups (GilServer  *self,
                                      guint       interval,
                                      guint       keep);
void        gil_server_shutdown     (GilServer   *self);

G_END_DECLS
