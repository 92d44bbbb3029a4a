/* gil-pairing-page.h — the admin's page for pairing stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-host.h"

G_BEGIN_DECLS

#define GIL_TYPE_PAIRING_PAGE (gil_pairing_page_get_type ())
G_DECLARE_FINAL_TYPE (GilPairingPage, gil_pairing_page, GIL, PAIRING_PAGE, AdwPreferencesPage)

GtkWidget *gil_pairing_page_new      (GilConnection  *connection,
                                      GSettings      *settings);
void       gil_pairing_page_set_host (GilPairingPage *self,
                                      GilHost        *host);

G_END_DECLS
