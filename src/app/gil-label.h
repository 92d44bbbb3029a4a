/* gil-label.h — labels the pages make in code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkLabel *gil_label_append       (GtkWidget  *box,
                                  const char *css_class,
                                  const char *name);
void      gil_label_set_optional (GtkLabel   *label,
                                  const char *text);

G_END_DECLS
