/* gil-history-window.h — what was done to one visit, and by which station
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"

G_BEGIN_DECLS

#define GIL_TYPE_HISTORY_WINDOW (gil_history_window_get_type ())
G_DECLARE_FINAL_TYPE (GilHistoryWindow, gil_history_window, GIL, HISTORY_WINDOW, AdwWindow)

GilHistoryWindow *gil_history_window_new        (GtkWindow     *parent,
                                                 GilConnection *connection,
                                                 gint64         visit,
                                                 const char    *ticket);
gboolean          gil_history_window_get_loaded (GilHistoryWindow *self);

G_END_DECLS
