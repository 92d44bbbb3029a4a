/* gil-display-scale.h — the waiting-room display's scale for its screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void gil_display_scale_update (GtkWidget *page);

G_END_DECLS
