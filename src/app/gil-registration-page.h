/* gil-registration-page.h — the registration desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"

G_BEGIN_DECLS

#define GIL_TYPE_REGISTRATION_PAGE (gil_registration_page_get_type ())
G_DECLARE_FINAL_TYPE (GilRegistrationPage, gil_registration_page, GIL, REGISTRATION_PAGE, AdwBin)

GtkWidget  *gil_registration_page_new        (GilContext         *context);
const char *gil_registration_page_get_ticket (GilRegistrationPage *self);

G_END_DECLS
