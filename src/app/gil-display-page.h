/* gil-display-page.h — the waiting-room display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"

G_BEGIN_DECLS

#define GIL_TYPE_DISPLAY_PAGE (gil_display_page_get_type ())
G_DECLARE_FINAL_TYPE (GilDisplayPage, gil_display_page, GIL, DISPLAY_PAGE, AdwBin)

GtkWidget *gil_display_page_new (GilContext         *context,
                                 const char * const *room_codes);
void       gil_display_page_set_hold    (GilDisplayPage     *self,
                                         guint               hold_ms);

G_END_DECLS
