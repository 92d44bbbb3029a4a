/* gil-found-server.h — a queue server found on the LAN (DNS-SD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_FOUND_SERVER (gil_found_server_get_type ())
G_DECLARE_FINAL_TYPE (GilFoundServer, gil_found_server, GIL, FOUND_SERVER, GObject)

GilFoundServer *gil_found_server_new             (const char     *name,
                                                  const char     *address,
                                                  guint           port,
                                                  gboolean        tls,
                                                  const char     *fingerprint);
const char     *gil_found_server_get_name        (GilFoundServer *self);
const char     *gil_found_server_get_address     (GilFoundServer *self);
guint           gil_found_server_get_port        (GilFoundServer *self);
const char     *gil_found_server_get_url         (GilFoundServer *self);
const char     *gil_found_server_get_fingerprint (GilFoundServer *self);

G_END_DECLS
