/* gil-display-probe.h — for giliran-bench: when a call is first painted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean gil_display_probe_enabled (void);
void     gil_display_probe_ready   (void);
void     gil_display_probe_frame   (GtkWidget *widget,
                                    gint64     stop_id);

G_END_DECLS
