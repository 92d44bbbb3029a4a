/* gil-application.h — Giliran, the desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-host.h"

G_BEGIN_DECLS

#define GIL_TYPE_APPLICATION (gil_application_get_type ())
G_DECLARE_FINAL_TYPE (GilApplication, gil_application, GIL, APPLICATION, AdwApplication)

GilApplication *gil_application_new            (void);
GilConnection  *gil_application_get_connection (GilApplication     *self);
GSettings      *gil_application_get_settings   (GilApplication     *self);
GilHost        *gil_application_get_host       (GilApplication     *self);
void            gil_application_host_async     (GilApplication     *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
gboolean        gil_application_host_finish    (GilApplication     *self,
                                                GAsyncResult       *result,
                                                GError            **error);
void            gil_application_use_connection (GilApplication     *self,
                                                GilConnection      *connection);
GtkWindow      *gil_application_open_station   (GilApplication     *self,
                                                const char         *station,
                                                const char * const *rooms);
void            gil_application_open_own_station (GilApplication     *self,
                                                  const char         *station,
                                                  const char * const *rooms);

G_END_DECLS
