/* gil-profile-changes.h — what an admin changes of the puskesmas profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_PROFILE_CHANGES (gil_profile_changes_get_type ())

typedef struct _GilProfileChanges GilProfileChanges;

GType              gil_profile_changes_get_type          (void) G_GNUC_CONST;
GilProfileChanges *gil_profile_changes_new               (void);
GilProfileChanges *gil_profile_changes_copy              (const GilProfileChanges *self);
void               gil_profile_changes_free              (GilProfileChanges       *self);
gboolean           gil_profile_changes_is_empty          (const GilProfileChanges *self);
void               gil_profile_changes_set_name          (GilProfileChanges       *self,
                                                          const char              *name);
void               gil_profile_changes_set_display_names (GilProfileChanges       *self,
                                                          gboolean                 display_names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilProfileChanges, gil_profile_changes_free)

G_END_DECLS
