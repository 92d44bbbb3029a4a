/* gil-profile-changes.c — what an admin changes of the puskesmas profile
 *
 * What PATCH /api/v1/profile takes (API.md): the puskesmas's name, whether
 * its waiting-room displays show patients' names, or both. Only what is
 * set is sent; the rest stays as the manager has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-profile-changes-private.h"

struct _GilProfileChanges
{
  char     *name;           /* NULL: unchanged */
  gboolean  display_names;
  gboolean  display_names_set;
};

G_DEFINE_BOXED_TYPE (GilProfileChanges, gil_profile_changes,
                     gil_profile_changes_copy, gil_profile_changes_free)

/**
 * gil_profile_changes_new:
 *
 * Returns: (transfer full): changes with nothing changed yet
 */
GilProfileChanges *
gil_profile_changes_new (void)
{
  return g_new0 (GilProfileChanges, 1);
}

GilProfileChanges *
gil_profile_changes_copy (const GilProfileChanges *self)
{
  GilProfileChanges *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  return copy;
}

void
gil_profile_changes_free (GilProfileChanges *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

/**
 * gil_profile_changes_is_empty:
 *
 * Returns: whether nothing is changed
 */
gboolean
gil_profile_changes_is_empty (const GilProfileChanges *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->name == NULL && !self->display_names_set;
}

/**
 * gil_profile_changes_set_name:
 * @name: the puskesmas's name, 1 to 100 characters (the manager trims
 *   spaces at either end, and refuses a longer or empty one)
 */
void
gil_profile_changes_set_name (GilProfileChanges *self,
                              const char        *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = g_strdup (name);
}

/**
 * gil_profile_changes_set_display_names:
 * @display_names: whether the waiting-room displays show patients' names
 */
void
gil_profile_changes_set_display_names (GilProfileChanges *self,
                                       gboolean           display_names)
{
  g_return_if_fail (self != NULL);

  self->display_names = !!display_names;
  self->display_names_set = TRUE;
}

/* For the client: the changes as a request body's members. */
void
_gil_profile_changes_write (const GilProfileChanges *self,
                            JsonBuilder             *body)
{
  g_assert (self != NULL);

  if (self->name != NULL)
    {
      json_builder_set_member_name (body, "name");
      json_builder_add_string_value (body, self->name);
    }
  if (self->display_names_set)
    {
      json_builder_set_member_name (body, "display_names");
      json_builder_add_boolean_value (body, self->display_names);
    }
}
