/* gil-server-profile.c — the puskesmas profile: GET and PATCH /profile
 *
 * The profile is the puskesmas's name, whether its displays show patient
 * names, and what its printed reports carry (doc/api.md): the letterhead
 * (region, health office, address), the head's name and NIP for the
 * signature, and the age-band set its reports use. Each lives in the
 * settings table under the key of its JSON member's name, as does
 * plain_display_port, the port of the display over plain HTTP
 * (gil-server-plain.c). Over that port the profile is the name alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-age-bands.h"
#include "gil-server-private.h"

#define TEXT_MAX_CHARS 200
#define NIP_DIGITS     18


static gboolean
text_valid (const char *value)
{
  return g_utf8_strlen (value, -1) <= TEXT_MAX_CHARS;
}

/* A civil servant's NIP: 18 digits, or none. */
static gboolean
nip_valid (const char *value)
{
  size_t length = strlen (value);

  if (length != 0 && length != NIP_DIGITS)
    return FALSE;
  for (size_t i = 0; i < length; i++)
    if (!g_ascii_isdigit (value[i]))
      return FALSE;
  return TRUE;
}

static gboolean
age_bands_valid (const char *value)
{
  return gil_age_bands_lookup (value) != NULL;
}

/* The profile's text fields, each a JSON member and the settings key of
 * the same name, trimmed when set. */
static const struct
{
  const char *key;
  const char *unset;                  /* what GET gives when never set */
  gboolean  (*valid) (const char *);
  const char *invalid;                /* (translatable) the error */
} fields[] = {
  { "region", "", text_valid, N_("The region (Pemerintah Kabupaten/Kota) has at most 200 characters") },
  { "health_office", "", text_valid, N_("The health office has at most 200 characters") },
  { "address", "", text_valid, N_("The puskesmas address has at most 200 characters") },
  { "head_name", "", text_valid, N_("The head of the puskesmas’s name has at most 200 characters") },
  { "head_nip", "", nip_valid, N_("The NIP has exactly 18 digits, or is left empty") },
  { "age_bands", "giliran", age_bands_valid, N_("The age bands are giliran, permenkes or spm") },
};

/* Whether the puskesmas shows patient names on its waiting-room displays
 * (never for a number_only room). Off unless the admin turns it on. */
gboolean
gil_server_display_names (GilServer *self)
{
  g_autofree char *value = gil_store_dup_setting (self->store, "display_names");

  return g_strcmp0 (value, "1") == 0;
}

static void
reply_profile (GilServer *self,
               Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autofree char *name = gil_store_dup_setting (self->store, "puskesmas_name");

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "name");
  gil_json_writer_string (builder, name != NULL ? name : "");
  gil_json_writer_member (builder, "display_names");
  gil_json_writer_bool (builder, !req->plain && gil_server_display_names (self));
  for (guint i = 0; !req->plain && i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = gil_store_dup_setting (self->store, fields[i].key);

      gil_json_writer_member (builder, fields[i].key);
      gil_json_writer_string (builder, value != NULL ? value : fields[i].unset);
    }
  /* The admin's setting, told to the admin alone. */
  if (!req->plain && req->station != NULL && req->station->role == GIL_ROLE_ADMIN)
    {
      gil_json_writer_member (builder, "plain_display_port");
      gil_json_writer_int (builder, gil_server_plain_port (self));
    }
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_profile (GilServer *self,
                           Request   *req)
{
  reply_profile (self, req);
}

/* Reads and checks each text field of the request into @values (NULL:
 * not given), trimmed. Returns: FALSE, the reply sent, if one is wrong */
static gboolean
read_fields (Request  *req,
             char    **values)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GError) error = NULL;
      const char *value = NULL;

      if (!gil_api_get_string (req->body, fields[i].key, FALSE, &value, &error))
        {
          gil_server_reply_error (req, error);
          return FALSE;
        }
      if (value == NULL)
        continue;
      values[i] = g_strstrip (g_strdup (value));
      if (!fields[i].valid (values[i]))
        {
          gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD, _(fields[i].invalid));
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes what was given, in the caller's transaction. */
static gboolean
store_fields (GilServer  *self,
              char      **values,
              GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (values[i] != NULL && !gil_store_set_setting (self->store, fields[i].key, values[i], error))
      return FALSE;
  return TRUE;
}

void
gil_server_handle_profile_update (GilServer *self,
                                  Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  char *values[G_N_ELEMENTS (fields)] = { NULL };
  gboolean given = FALSE;
  const char *name = NULL;
  gboolean names = gil_server_display_names (self);
  gboolean names_given = json_object_has_member (req->body, "display_names");
  gint64 plain_port = -1;
  g_autofree char *plain_text = NULL;

  if (!gil_api_get_string (req->body, "name", FALSE, &name, &error) ||
      !gil_api_get_bool (req->body, "display_names", &names, &error) ||
      !gil_api_get_int (req->body, "plain_display_port", FALSE, &plain_port, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  if (json_object_has_member (req->body, "plain_display_port"))
    {
      if (!gil_server_plain_port_valid (self, plain_port))
        {
          gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                    _("The plain-HTTP display port is 0 (off) or 1024 to 65535, and not the manager’s own port"));
          return;
        }
      plain_text = g_strdup_printf ("%" G_GINT64_FORMAT, plain_port);
    }
  if (name != NULL)
    {
      clean = g_strstrip (g_strdup (name));
      if (*clean == '\0' || g_utf8_strlen (clean, -1) > 100)
        {
          gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                    _("The puskesmas name has 1 to 100 characters"));
          return;
        }
    }
  if (!read_fields (req, values))
    goto out;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    given |= values[i] != NULL;

  if (clean != NULL || names_given || given || plain_text != NULL)
    {
      if (!gil_store_begin (self->store, &error) ||
          (clean != NULL && !gil_store_set_setting (self->store, "puskesmas_name", clean, &error)) ||
          (names_given && !gil_store_set_setting (self->store, "display_names", names ? "1" : "0", &error)) ||
          !store_fields (self, values, &error) ||
          (plain_text != NULL && !gil_store_set_setting (self->store, "plain_display_port", plain_text, &error)) ||
          gil_events_append (self->store, "profile.changed", 0, 0, &error) == 0 ||
          !gil_store_commit (self->store, &error))
        {
          gil_store_abort (self->store);
          gil_server_reply_error (req, error);
          goto out;
        }
      if (clean != NULL)
        gil_server_notify_puskesmas_name (self);
      if (plain_text != NULL)
        gil_server_apply_plain_port (self);
    }
  reply_profile (self, req);

out:
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (values[i]);
}
