/* gil-profile.h — the puskesmas profile, as the manager has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_PROFILE (gil_profile_get_type ())
G_DECLARE_FINAL_TYPE (GilProfile, gil_profile, GIL, PROFILE, GObject)

gboolean    gil_profile_get_loaded        (GilProfile *self);
const char *gil_profile_get_name          (GilProfile *self);
gboolean    gil_profile_get_display_names (GilProfile *self);
int         gil_profile_get_plain_display_port (GilProfile *self);
const char *gil_profile_get_region        (GilProfile *self);
const char *gil_profile_get_health_office (GilProfile *self);
const char *gil_profile_get_address       (GilProfile *self);
const char *gil_profile_get_head_name     (GilProfile *self);
const char *gil_profile_get_head_nip      (GilProfile *self);
const char *gil_profile_get_age_bands     (GilProfile *self);

G_END_DECLS
