/* gil-window.h — one station's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-host.h"

G_BEGIN_DECLS

#define GIL_TYPE_WINDOW (gil_window_get_type ())
G_DECLARE_FINAL_TYPE (GilWindow, gil_window, GIL, WINDOW, AdwApplicationWindow)

GilWindow  *gil_window_new          (AdwApplication     *application,
                                     GilConnection      *connection,
                                     const char         *station,
                                     const char * const *rooms);
void        gil_window_set_host     (GilWindow          *self,
                                     GilHost            *host);
const char *gil_window_get_station  (GilWindow          *self);
GtkWidget  *gil_window_get_page     (GilWindow          *self);

G_END_DECLS
