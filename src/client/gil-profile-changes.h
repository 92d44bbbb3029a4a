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
void               gil_profile_changes_set_plain_display_port (GilProfileChanges  *self,
                                                               guint               port);
void               gil_profile_changes_set_region        (GilProfileChanges       *self,
                                                          const char              *region);
void               gil_profile_changes_set_health_office (GilProfileChanges       *self,
                                                          const char              *health_office);
void               gil_profile_changes_set_address       (GilProfileChanges       *self,
                                                          const char              *address);
void               gil_profile_changes_set_head_name     (GilProfileChanges       *self,
                                                          const char              *head_name);
void               gil_profile_changes_set_head_nip      (GilProfileChanges       *self,
                                                          const char              *head_nip);
void               gil_profile_changes_set_age_bands     (GilProfileChanges       *self,
                                                          const char              *age_bands);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilProfileChanges, gil_profile_changes_free)

G_END_DECLS
