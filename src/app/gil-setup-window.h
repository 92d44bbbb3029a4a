/* gil-setup-window.h — the first-run questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-application.h"

G_BEGIN_DECLS

#define GIL_TYPE_SETUP_WINDOW (gil_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (GilSetupWindow, gil_setup_window, GIL, SETUP_WINDOW, AdwApplicationWindow)

GilSetupWindow *gil_setup_window_new (GilApplication *application);

G_END_DECLS
