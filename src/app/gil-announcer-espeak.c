/* gil-announcer-espeak.c — how the announcer says a room: by its clip,
 * by one espeak-ng makes in the clips' voice and keeps in the user's
 * cache (a room the admin added or renamed), else by its cluster and
 * number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "gil-announcer-clips.h"
#include "gil-announcer-private.h"
#include "gil-sound-resources.h"
#include "gil-speech.h"

/* The clips' voice: keep in step with build-aux/make-sounds.py. */
static const char * const espeak_voice[] = { "-v", "id+f2", "-s", "150", "-p", "50" };

static gboolean
has_clip (const char *name)
{
  g_autofree char *resource = gil_announcer_clip_resource (name);
  g_autofree char *dir = gil_announcer_cache_dir ();
  g_autofree char *cached = gil_announcer_cached_clip (dir, name);

  return g_resource_get_info (gil_sounds_get_resource (), resource, 0, NULL, NULL, NULL) ||
         g_file_test (cached, G_FILE_TEST_IS_REGULAR);
}

static void
on_synthesized_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GilAnnouncer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  dir = gil_announcer_cache_dir ();
  name = gil_speech_clip_name (self->current->room_name);
  path = gil_announcer_cached_clip (dir, name);
  part = g_strconcat (path, ".part", NULL);
  if (error == NULL && !g_subprocess_get_successful (G_SUBPROCESS (source)))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "espeak-ng failed");
  if (error == NULL && g_rename (part, path) != 0)
    g_set_error_literal (&error, G_IO_ERROR, g_io_error_from_errno (errno), g_strerror (errno));
  if (error != NULL)
    {
      g_debug ("espeak-ng did not say %s: %s", self->current->room_name, error->message);
      g_unlink (part);
    }
  /* Said by its cluster and number when that failed: it is not tried again. */
  gil_announcer_prepare (self);
}

/* Has espeak-ng say @text into the cache as the clip @name, then
 * prepares the current announcement again. */
static void
synthesize (GilAnnouncer *self,
            const char   *espeak,
            const char   *name,
            const char   *text)
{
  g_autofree char *dir = gil_announcer_cache_dir ();
  g_autofree char *path = gil_announcer_cached_clip (dir, name);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_add (self->synthesized, g_strdup (name));
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("cannot make %s: %s", dir, g_strerror (errno));
      gil_announcer_prepare (self);
      return;
    }

  g_ptr_array_add (argv, (char *)espeak);
  for (guint i = 0; i < G_N_ELEMENTS (espeak_voice); i++)
    g_ptr_array_add (argv, (char *)espeak_voice[i]);
  g_ptr_array_add (argv, "-w");
  g_ptr_array_add (argv, part);
  /* The room's name is no option, whatever it starts with. */
  g_ptr_array_add (argv, "--stdin");
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  if (process == NULL)
    {
      g_debug ("cannot run espeak-ng: %s", error->message);
      gil_announcer_prepare (self);
      return;
    }
  g_subprocess_communicate_utf8_async (process, text, self->cancellable, on_synthesized_cb, self);
}

/* Returns: (transfer full) (nullable): the clips saying the current
 * announcement's room, or %NULL while espeak-ng makes its clip */
GStrv
gil_announcer_room_clips (GilAnnouncer *self)
{
  Announcement *announcement = self->current;
  g_autofree char *name = gil_speech_clip_name (announcement->room_name);
  g_autofree char *espeak = NULL;

  if (*name != '\0')
    {
      if (has_clip (name))
        {
          const char *clips[] = { name, NULL };

          return g_strdupv ((GStrv)clips);
        }
      if (!g_hash_table_contains (self->synthesized, name) &&
          (espeak = g_find_program_in_path ("espeak-ng")) != NULL)
        {
          synthesize (self, espeak, name, announcement->room_name);
          return NULL;
        }
    }
  return gil_speech_room_composed (announcement->room_name, announcement->cluster);
}

