/* gil-preferences-window.h — the admin's settings: the puskesmas, rooms,
 * stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-host.h"

G_BEGIN_DECLS

#define GIL_TYPE_PREFERENCES_WINDOW (gil_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GilPreferencesWindow, gil_preferences_window, GIL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GilPreferencesWindow *gil_preferences_window_new (GtkWindow     *parent,
                                                  GilConnection *connection,
                                                  GSettings     *settings);
void gil_preferences_window_set_host (GilPreferencesWindow *self,
                                      GilHost              *host);
gboolean gil_preferences_window_report (GtkWidget    *widget,
                                        const GError *error);

G_END_DECLS
