/* gil-profile-changes-private.h — profile changes as a request body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-profile-changes.h"

G_BEGIN_DECLS

void _gil_profile_changes_write (const GilProfileChanges *self,
                                 JsonBuilder             *body);

G_END_DECLS
