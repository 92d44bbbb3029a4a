/* gil-connection-profile.c — the puskesmas profile, kept current
 *
 * Once someone asks for the profile (gil_connection_get_profile()), the
 * connection asks GET /api/v1/profile at once, again when it is online if
 * it has not had it yet, and again on each `profile.changed` event and each
 * snapshot (which stands for events the manager no longer has). Until then
 * it asks nothing, so a connection nobody asks it of holds no request that
 * keeps it alive. The answer goes into the connection's
 * one #GilProfile, whose properties say what changed. Only the reply to the
 * latest question is taken: an older one that comes late changes nothing.
 *
 * An admin changes the profile with gil_connection_update_profile_async();
 * the manager's answer to that is taken the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-connection-call-private.h"
#include "gil-connection-private.h"
#include "gil-connection-profile.h"
#include "gil-profile-changes-private.h"

#define PROFILE_PATH "/api/v1/profile"

static void
on_profile_reply_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GilConnection *self = GIL_CONNECTION (source);
  g_autoptr(GTask) task = user_data;
  guint64 asked = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gil_connection_request_finish (self, result, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (reply) ||
      (asked > self->profile_applied &&
       !_gil_profile_update (self->profile, json_node_get_object (reply))))
    {
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                               _("The manager’s reply is not a profile"));
      return;
    }
  self->profile_applied = MAX (self->profile_applied, asked);
  g_task_return_pointer (task, g_object_ref (self->profile), g_object_unref);
}

/* Asks PROFILE_PATH; the reply goes into the connection's one profile
 * if no newer one came first. Not _gil_connection_call(): what it does
 * with the reply is the connection's, not a reader's. */
static void
ask (GilConnection       *self,
     gpointer             source_tag,
     const char          *method,
     JsonNode            *body,
     const char          *idempotency_key,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GSIZE_TO_POINTER (++self->profile_asked), NULL);
  gil_connection_request_async (self, method, PROFILE_PATH, body, idempotency_key, cancellable,
                                on_profile_reply_cb, task);
}

/**
 * gil_connection_load_profile_async:
 *
 * Asks the manager for the puskesmas profile now, for a caller that needs
 * it whether or not the event stream runs (`giliran --export-report`).
 * The answer also updates gil_connection_get_profile().
 */
void
gil_connection_load_profile_async (GilConnection       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ask (self, gil_connection_load_profile_async, "GET", NULL, NULL, cancellable, callback, user_data);
}

/**
 * gil_connection_load_profile_finish:
 *
 * Returns: (transfer full): the connection's profile, now current, or
 *   %NULL with @error set
 */
GilProfile *
gil_connection_load_profile_finish (GilConnection  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_load_profile_async, error);
}


/**
 * gil_connection_update_profile_async:
 * @changes: what to change; the rest stays as it is
 *
 * Changes the puskesmas profile (the admin's). The manager's answer also
 * updates gil_connection_get_profile(), and every station hears of it
 * through `profile.changed`. A field the manager refuses (an empty name,
 * a NIP that is not 18 digits, …) is %GIL_API_ERROR_INVALID_FIELD, with
 * the manager's message, and changes nothing.
 */
void
gil_connection_update_profile_async (GilConnection           *self,
                                     const GilProfileChanges *changes,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (changes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  _gil_profile_changes_write (changes, builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  key = gil_connection_new_action_key ();
  /* Its answer is the profile as it is now, newer than any asked before. */
  ask (self, gil_connection_update_profile_async, "PATCH", body, key, cancellable,
       callback, user_data);
}

/**
 * gil_connection_update_profile_finish:
 *
 * Returns: (transfer full): the connection's profile, as changed, or
 *   %NULL with @error set
 */
GilProfile *
gil_connection_update_profile_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_update_profile_async, error);
}

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GilConnection *self = GIL_CONNECTION (source);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = gil_connection_load_profile_finish (self, result, &error);
  /* Done: the next time online asks again if this one failed. */
  if (self->profile_cancellable == cancellable)
    g_clear_object (&self->profile_cancellable);
  if (profile == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("the puskesmas profile is not known yet: %s", error->message);
}

static void
fetch (GilConnection *self)
{
  _gil_connection_profile_stop (self);
  self->profile_cancellable = g_cancellable_new ();
  gil_connection_load_profile_async (self, self->profile_cancellable, on_fetched_cb,
                                     g_object_ref (self->profile_cancellable));
}

/* The profile, if it is wanted and was never had. */
static void
fetch_missing (GilConnection *self)
{
  if (self->profile_wanted && !gil_profile_get_loaded (self->profile) &&
      self->profile_cancellable == NULL)
    fetch (self);
}

/**
 * gil_connection_get_profile:
 *
 * The puskesmas profile. The first call asks the manager for it (see
 * #GilProfile:loaded; asked again when the manager is next reached if it
 * could not be), and from then on it is kept current from the
 * `profile.changed` event while gil_connection_start_events() runs.
 *
 * Returns: (transfer none): the connection's profile
 */
GilProfile *
gil_connection_get_profile (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  self->profile_wanted = TRUE;
  fetch_missing (self);
  return self->profile;
}

/* The manager was heard. */
void
_gil_connection_profile_online (GilConnection *self)
{
  fetch_missing (self);
}

/* The profile may be other than it was: asked for again. */
void
_gil_connection_profile_changed (GilConnection *self)
{
  if (self->profile_wanted)
    fetch (self);
}

/* No fetch of its own is left under way (the event stream stops). */
void
_gil_connection_profile_stop (GilConnection *self)
{
  if (self->profile_cancellable != NULL)
    {
      g_cancellable_cancel (self->profile_cancellable);
      g_clear_object (&self->profile_cancellable);
    }
}
