/* gil-server-profile.c — the puskesmas profile: GET and PATCH /profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-server-private.h"

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
  gil_json_writer_bool (builder, gil_server_display_names (self));
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_profile (GilServer *self,
                           Request   *req)
{
  reply_profile (self, req);
}

void
gil_server_handle_profile_update (GilServer *self,
                                  Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  const char *name = NULL;
  gboolean names = gil_server_display_names (self);
  gboolean names_given = json_object_has_member (req->body, "display_names");

  if (!gil_api_get_string (req->body, "name", FALSE, &name, &error) ||
      !gil_api_get_bool (req->body, "display_names", &names, &error))
    {
      gil_server_reply_error (req, error);
      return;
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
  if (clean != NULL || names_given)
    {
      if (!gil_store_begin (self->store, &error) ||
          (clean != NULL && !gil_store_set_setting (self->store, "puskesmas_name", clean, &error)) ||
          (names_given && !gil_store_set_setting (self->store, "display_names", names ? "1" : "0", &error)) ||
          gil_events_append (self->store, "profile.changed", 0, 0, &error) == 0 ||
          !gil_store_commit (self->store, &error))
        {
          gil_store_abort (self->store);
          gil_server_reply_error (req, error);
          return;
        }
      if (clean != NULL)
        gil_server_notify_puskesmas_name (self);
    }
  reply_profile (self, req);
}
