/* gil-kiosk-page.h — the ticket kiosk: a number for the registration desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"

G_BEGIN_DECLS

#define GIL_TYPE_KIOSK_PAGE (gil_kiosk_page_get_type ())
G_DECLARE_FINAL_TYPE (GilKioskPage, gil_kiosk_page, GIL, KIOSK_PAGE, AdwBin)

GtkWidget *gil_kiosk_page_new         (GilContext   *context);
void       gil_kiosk_page_set_hold    (GilKioskPage *self,
                                       guint         hold_ms);
void       gil_kiosk_page_set_output  (GilKioskPage *self,
                                       const char   *output);
void       gil_kiosk_page_set_printer_wait (GilKioskPage *self,
                                            guint         wait_ms);

G_END_DECLS
