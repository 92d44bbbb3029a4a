/* gil-warning-bar.h — a warning that stays until it is acknowledged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GIL_TYPE_WARNING_BAR (gil_warning_bar_get_type ())
G_DECLARE_FINAL_TYPE (GilWarningBar, gil_warning_bar, GIL, WARNING_BAR, GtkWidget)

GtkWidget  *gil_warning_bar_new      (void);
void        gil_warning_bar_show     (GilWarningBar *self,
                                      const char    *text);
const char *gil_warning_bar_get_text (GilWarningBar *self);
void        gil_warning_bar_focus    (GilWarningBar *self);

G_END_DECLS
