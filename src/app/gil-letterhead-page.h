/* gil-letterhead-page.h — the admin's page for what printed reports carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"

G_BEGIN_DECLS

#define GIL_TYPE_LETTERHEAD_PAGE (gil_letterhead_page_get_type ())
G_DECLARE_FINAL_TYPE (GilLetterheadPage, gil_letterhead_page, GIL, LETTERHEAD_PAGE, AdwPreferencesPage)

GtkWidget *gil_letterhead_page_new (GilConnection *connection);

G_END_DECLS
