/* gil-screen.h — windows that fit the screens puskesmas PCs have
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What a desktop's panel or task bar is taken to leave off the screen. */
#define GIL_SCREEN_TASKBAR_HEIGHT 40

void gil_screen_fit_window (GtkWindow *window);

G_END_DECLS
