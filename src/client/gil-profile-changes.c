/* gil-profile-changes.c — what an admin changes of the puskesmas profile
 *
 * What PATCH /api/v1/profile takes (doc/api.md): the puskesmas's name,
 * whether its waiting-room displays show patients' names, the letterhead
 * and signature of its reports, the age-band set, the port of the
 * display over plain HTTP, or any of them. Only
 * what is set is sent; the rest stays as the manager has it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-profile-changes-private.h"

const char * const _gil_profile_text_members[GIL_PROFILE_N_TEXTS] = {
  [GIL_PROFILE_REGION] = "region",
  [GIL_PROFILE_HEALTH_OFFICE] = "health_office",
  [GIL_PROFILE_ADDRESS] = "address",
  [GIL_PROFILE_HEAD_NAME] = "head_name",
  [GIL_PROFILE_HEAD_NIP] = "head_nip",
  [GIL_PROFILE_AGE_BANDS] = "age_bands",
};

struct _GilProfileChanges
{
  char     *name;           /* NULL: unchanged */
  gboolean  display_names;
  gboolean  display_names_set;
  int       plain_display_port;   /* -1: unchanged */
  char     *texts[GIL_PROFILE_N_TEXTS];   /* NULL: unchanged */
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
  GilProfileChanges *self = g_new0 (GilProfileChanges, 1);

  self->plain_display_port = -1;
  return self;
}

GilProfileChanges *
gil_profile_changes_copy (const GilProfileChanges *self)
{
  GilProfileChanges *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    copy->texts[i] = g_strdup (self->texts[i]);
  return copy;
}

void
gil_profile_changes_free (GilProfileChanges *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    g_free (self->texts[i]);
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

  if (self->name != NULL || self->display_names_set || self->plain_display_port >= 0)
    return FALSE;
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    if (self->texts[i] != NULL)
      return FALSE;
  return TRUE;
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

/**
 * gil_profile_changes_set_plain_display_port:
 * @port: 0 to close the waiting-room display's plain-HTTP port, or the
 *   port to open it on: 1024 to 65535 and not the manager's own (anything
 *   else is %GIL_API_ERROR_INVALID_FIELD)
 */
void
gil_profile_changes_set_plain_display_port (GilProfileChanges *self,
                                            guint              port)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (port <= 65535);

  self->plain_display_port = (int)port;
}

static void
set_text (GilProfileChanges *self,
          GilProfileText     i,
          const char        *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (value != NULL);

  g_free (self->texts[i]);
  self->texts[i] = g_strdup (value);
}

/**
 * gil_profile_changes_set_region:
 * @region: the local government heading the letterhead ("Pemerintah
 *   Kabupaten Lombok Barat"), at most 200 characters; "" clears it
 *
 * The manager trims each text field's spaces at either end, and refuses
 * a longer one.
 */
void
gil_profile_changes_set_region (GilProfileChanges *self,
                                const char        *region)
{
  set_text (self, GIL_PROFILE_REGION, region);
}

/**
 * gil_profile_changes_set_health_office:
 * @health_office: the letterhead's second line ("Dinas Kesehatan"), at
 *   most 200 characters; "" clears it
 */
void
gil_profile_changes_set_health_office (GilProfileChanges *self,
                                       const char        *health_office)
{
  set_text (self, GIL_PROFILE_HEALTH_OFFICE, health_office);
}

/**
 * gil_profile_changes_set_address:
 * @address: the puskesmas's address, at most 200 characters; "" clears it
 */
void
gil_profile_changes_set_address (GilProfileChanges *self,
                                 const char        *address)
{
  set_text (self, GIL_PROFILE_ADDRESS, address);
}

/**
 * gil_profile_changes_set_head_name:
 * @head_name: the head of the puskesmas, who signs its reports, at most
 *   200 characters; "" clears it
 */
void
gil_profile_changes_set_head_name (GilProfileChanges *self,
                                   const char        *head_name)
{
  set_text (self, GIL_PROFILE_HEAD_NAME, head_name);
}

/**
 * gil_profile_changes_set_head_nip:
 * @head_nip: the head's NIP, exactly 18 digits, or "" for none (anything
 *   else is %GIL_API_ERROR_INVALID_FIELD)
 */
void
gil_profile_changes_set_head_nip (GilProfileChanges *self,
                                  const char        *head_nip)
{
  set_text (self, GIL_PROFILE_HEAD_NIP, head_nip);
}

/**
 * gil_profile_changes_set_age_bands:
 * @age_bands: "giliran", "permenkes" or "spm"
 */
void
gil_profile_changes_set_age_bands (GilProfileChanges *self,
                                   const char        *age_bands)
{
  set_text (self, GIL_PROFILE_AGE_BANDS, age_bands);
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
  if (self->plain_display_port >= 0)
    {
      json_builder_set_member_name (body, "plain_display_port");
      json_builder_add_int_value (body, self->plain_display_port);
    }
  for (guint i = 0; i < GIL_PROFILE_N_TEXTS; i++)
    if (self->texts[i] != NULL)
      {
        json_builder_set_member_name (body, _gil_profile_text_members[i]);
        json_builder_add_string_value (body, self->texts[i]);
      }
}
