/* gil-announcer.c — call announcements: a chime, then the call spoken
 *
 * A waiting-room display announces every call and recall it shows; a room
 * station announces its own calls where the puskesmas turned that on for
 * a room no display serves (the announce-room-calls setting). The
 * announcements setting chooses nothing, the chime only, or the chime and
 * the call in Indonesian: "Nomor antrean D tujuh, silakan menuju Ruang
 * Usia Dewasa."
 *
 * An announcement is put together from recorded clips (gil-speech.c says
 * which, gil-announcer-clips.c decodes them) into one sound, with pauses
 * of its own between the words, on a worker thread, and played by
 * libcanberra as a single sound: no gaps from starting clip after clip,
 * and one announcement at a time. One process has one announcer, so two
 * windows never speak over each other.
 *
 * The backlog: announcements wait their turn, a second apart. At most
 * MAX_PENDING wait; when a burst of calls brings more, the oldest waiting
 * one is dropped, as its call is on the board already, and the voice stays
 * within half a minute of the newest call. A stop called again while its
 * announcement still waits is said once, in its place. A recall that comes
 * after its call was spoken is spoken again. The same call reaching the
 * announcer twice within seconds (a room station and a display in one
 * process) is spoken once.
 *
 * The clips are in the app's resources. A room with no clip of its name (one
 * the admin added or renamed) is spoken by espeak-ng, when it is installed,
 * in the clips' voice, and kept in the user's cache; else it is said by its
 * cluster and number (gil-announcer-espeak.c).
 *
 * No sound device is no error: the board shows the calls all the same, and
 * one message says why nothing is heard. The failing property says so
 * until a sound plays again, for the display's small sign to staff.
 *
 * A call from one counter of a room with two PCs ends with it: "…, meja
 * dua".
 *
 * A loket ticket called to a registration desk is announced in the same
 * line, one at a time with the rooms' calls: "Nomor antrean A dua belas,
 * silakan ke Loket 2" (gil_announcer_announce_loket()). The ::announcing
 * signal tells which clips each announcement is put together from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <canberra.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gil-announcer-clips.h"
#include "gil-announcer-private.h"
#include "gil-speech.h"

#define MAX_PENDING    3
#define SAME_CALL_USEC (5 * G_USEC_PER_SEC)
#define GAP_MS         1000   /* between two announcements */
#define CHIME_GAP_MS   250    /* between the chime and the words */
#define WORD_GAP_MS    60
#define PAUSE_MS       350    /* at a comma */
#define POLL_MS        100

typedef enum
{
  MODE_OFF,
  MODE_CHIME,
  MODE_VOICE,
} Mode;

G_DEFINE_FINAL_TYPE (GilAnnouncer, gil_announcer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_BUSY,
  PROP_FAILING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ANNOUNCING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void next (GilAnnouncer *self);

static void
announcement_free (Announcement *announcement)
{
  g_free (announcement->ticket);
  g_free (announcement->room_name);
  g_free (announcement->cluster);
  g_free (announcement->desk);
  g_free (announcement);
}

static Mode
get_mode (GilAnnouncer *self)
{
  g_autofree char *mode = g_settings_get_string (self->settings, "announcements");

  if (g_str_equal (mode, "voice"))
    return MODE_VOICE;
  if (g_str_equal (mode, "chime"))
    return MODE_CHIME;
  return MODE_OFF;
}

static void
set_busy (GilAnnouncer *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

char *
gil_announcer_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "giliran", "sounds", NULL);
}

typedef struct
{
  GStrv    clips;
  char    *cache_dir;
  guint32  id;
  char    *path;
} Render;

static void
render_free (Render *render)
{
  g_strfreev (render->clips);
  g_free (render->cache_dir);
  g_free (render->path);
  g_free (render);
}

/* Puts the clips together into one sound file, in order. */
static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Render *render = task_data;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  g_autoptr(GError) error = NULL;
  const char *previous = NULL;

  for (guint i = 0; render->clips[i] != NULL; i++)
    {
      const char *clip = render->clips[i];
      g_autoptr(GArray) sound = NULL;

      if (g_str_equal (clip, GIL_SPEECH_PAUSE))
        {
          gil_announcer_add_silence (samples, PAUSE_MS);
          previous = NULL;
          continue;
        }
      sound = gil_announcer_load_clip (clip, render->cache_dir, &error);
      if (sound == NULL)
        {
          g_prefix_error (&error, "clip %s: ", clip);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (previous != NULL)
        gil_announcer_add_silence (samples, g_str_equal (previous, GIL_SPEECH_CHIME) ? CHIME_GAP_MS : WORD_GAP_MS);
      g_array_append_vals (samples, sound->data, sound->len);
      previous = clip;
    }

  if (!gil_announcer_write_wav (render->path, samples, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ── playing ───────────────────────────────────────────────────────── */

static void
clear_playing (GilAnnouncer *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->playing_path != NULL)
    g_unlink (self->playing_path);
  g_clear_pointer (&self->playing_path, g_free);
}

static gboolean
on_gap_cb (gpointer user_data)
{
  GilAnnouncer *self = user_data;

  self->gap_id = 0;
  next (self);
  return G_SOURCE_REMOVE;
}

/* The current announcement is over, played or not: the next one follows
 * after a gap. */
static void
finish (GilAnnouncer *self)
{
  clear_playing (self);
  g_clear_pointer (&self->current, announcement_free);
  g_clear_handle_id (&self->gap_id, g_source_remove);
  self->gap_id = g_timeout_add (GAP_MS, on_gap_cb, self);
}

static gboolean
on_poll_cb (gpointer user_data)
{
  GilAnnouncer *self = user_data;
  int playing = 0;

  if (ca_context_playing (self->context, self->playing_id, &playing) == CA_SUCCESS && playing)
    return G_SOURCE_CONTINUE;
  self->poll_id = 0;
  finish (self);
  return G_SOURCE_REMOVE;
}

static int
open_context (GilAnnouncer *self)
{
  int ret;

  if (self->context != NULL)
    return CA_SUCCESS;
  ret = ca_context_create (&self->context);
  if (ret != CA_SUCCESS)
    return ret;
  return ca_context_change_props (self->context,
                                  CA_PROP_APPLICATION_NAME, "Giliran",
                                  CA_PROP_APPLICATION_ID, APPLICATION_ID,
                                  CA_PROP_APPLICATION_ICON_NAME, APPLICATION_ID,
                                  NULL);
}

static void
set_failing (GilAnnouncer *self,
             gboolean      failing)
{
  if (self->failing == failing)
    return;
  self->failing = failing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILING]);
}

static void
play (GilAnnouncer *self)
{
  ca_proplist *props = NULL;
  int ret;

  ret = open_context (self);
  if (ret == CA_SUCCESS)
    ret = ca_proplist_create (&props);
  if (ret == CA_SUCCESS)
    {
      ca_proplist_sets (props, CA_PROP_MEDIA_FILENAME, self->playing_path);
      ca_proplist_sets (props, CA_PROP_MEDIA_NAME, _("Call announcement"));
      ca_proplist_sets (props, CA_PROP_CANBERRA_CACHE_CONTROL, "never");
      ret = ca_context_play_full (self->context, self->playing_id, props, NULL, NULL);
      ca_proplist_destroy (props);
    }

  if (ret != CA_SUCCESS)
    {
      if (!self->warned)
        g_message ("Calls are shown but not heard: no sound device (%s)", ca_strerror (ret));
      self->warned = TRUE;
      set_failing (self, TRUE);
      finish (self);
      return;
    }
  self->warned = FALSE;
  set_failing (self, FALSE);
  self->poll_id = g_timeout_add (POLL_MS, on_poll_cb, self);
}

static void
on_rendered_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GilAnnouncer *self = GIL_ANNOUNCER (source);
  Render *render = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean rendered = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_unlink (render->path);
      return;
    }
  /* The file is the announcer's now, to remove once played. */
  self->playing_id = render->id;
  self->playing_path = g_steal_pointer (&render->path);
  if (!rendered)
    {
      /* A clip the app carries is missing or damaged. */
      g_warning ("Cannot put the announcement together: %s", error->message);
      finish (self);
      return;
    }
  play (self);
}

static void
render_async (GilAnnouncer *self,
              GStrv         clips)
{
  /* Numbers the announcements of the process, for their sound files. */
  static guint32 last_id;
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_rendered_cb, NULL);
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "giliran", NULL);
  g_autofree char *file = NULL;
  Render *render;

  g_task_set_source_tag (task, render_async);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_strfreev (clips);
      g_message ("Calls are shown but not heard: %s: %s", dir, g_strerror (errno));
      finish (self);
      return;
    }
  render = g_new0 (Render, 1);
  render->clips = clips;
  render->cache_dir = gil_announcer_cache_dir ();
  render->id = ++last_id;
  file = g_strdup_printf ("announcement-%d-%u.wav", getpid (), render->id);
  render->path = g_build_filename (dir, file, NULL);
  g_task_set_task_data (task, render, (GDestroyNotify)render_free);
  g_task_run_in_thread (task, render_thread);
}

/* ── the queue ─────────────────────────────────────────────────────── */

/* Puts the current announcement together, then plays it. */
void
gil_announcer_prepare (GilAnnouncer *self)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();
  Mode mode = get_mode (self);
  GStrv announced;

  if (mode == MODE_OFF)
    {
      finish (self);
      return;
    }

  g_strv_builder_add (clips, GIL_SPEECH_CHIME);
  if (mode == MODE_VOICE && self->current->desk != NULL)
    {
      g_auto(GStrv) call = gil_speech_loket_call (self->current->ticket, self->current->desk);

      g_strv_builder_addv (clips, (const char **)call);
    }
  else if (mode == MODE_VOICE)
    {
      g_auto(GStrv) room = gil_announcer_room_clips (self);
      g_auto(GStrv) call = NULL;

      if (room == NULL)
        return;
      call = gil_speech_call_at (self->current->ticket, (const char * const *)room,
                                 self->current->counter);
      g_strv_builder_addv (clips, (const char **)call);
    }
  announced = g_strv_builder_end (clips);
  g_signal_emit (self, signals[SIGNAL_ANNOUNCING], 0, announced);
  render_async (self, announced);
}

/* Whether the same call came a moment ago, by another way: a room
 * station's reply and the display's event in one process. Without the
 * number of calls, a recall could not be told apart. */
static gboolean
heard_before (GilAnnouncer *self,
              gint64        stop_id,
              gint64        calls)
{
  gint64 now = g_get_monotonic_time ();
  Heard heard = { stop_id, calls, now };

  while (self->heard->len > 0 && now - g_array_index (self->heard, Heard, 0).at > SAME_CALL_USEC)
    g_array_remove_index (self->heard, 0);
  if (calls <= 0)
    return FALSE;
  for (guint i = 0; i < self->heard->len; i++)
    if (g_array_index (self->heard, Heard, i).stop_id == stop_id &&
        g_array_index (self->heard, Heard, i).calls == calls)
      return TRUE;
  g_array_append_val (self->heard, heard);
  return FALSE;
}

static void
next (GilAnnouncer *self)
{
  if (self->current != NULL || self->gap_id != 0)
    return;
  self->current = g_queue_pop_head (&self->pending);
  if (self->current == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  gil_announcer_prepare (self);
}

static void
on_announcements_changed_cb (GilAnnouncer *self)
{
  if (get_mode (self) != MODE_OFF)
    return;
  g_queue_clear_full (&self->pending, (GDestroyNotify)announcement_free);
  /* Nothing is to be heard: nothing is missing either. */
  set_failing (self, FALSE);
}

/* ── the object ────────────────────────────────────────────────────── */

static void
gil_announcer_constructed (GObject *object)
{
  GilAnnouncer *self = (GilAnnouncer *)object;

  G_OBJECT_CLASS (gil_announcer_parent_class)->constructed (object);

  g_signal_connect_object (self->settings, "changed::announcements",
                           G_CALLBACK (on_announcements_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
gil_announcer_dispose (GObject *object)
{
  GilAnnouncer *self = (GilAnnouncer *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->gap_id, g_source_remove);
  clear_playing (self);
  g_clear_pointer (&self->context, ca_context_destroy);
  g_queue_clear_full (&self->pending, (GDestroyNotify)announcement_free);
  g_clear_pointer (&self->current, announcement_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gil_announcer_parent_class)->dispose (object);
}

static void
gil_announcer_finalize (GObject *object)
{
  GilAnnouncer *self = (GilAnnouncer *)object;

  g_clear_object (&self->cancellable);
  g_array_unref (self->heard);
  g_hash_table_unref (self->synthesized);

  G_OBJECT_CLASS (gil_announcer_parent_class)->finalize (object);
}

static void
gil_announcer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GilAnnouncer *self = GIL_ANNOUNCER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FAILING:
      g_value_set_boolean (value, self->failing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_announcer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GilAnnouncer *self = GIL_ANNOUNCER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_announcer_class_init (GilAnnouncerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gil_announcer_constructed;
  object_class->dispose = gil_announcer_dispose;
  object_class->finalize = gil_announcer_finalize;
  object_class->get_property = gil_announcer_get_property;
  object_class->set_property = gil_announcer_set_property;

  /**
   * GilAnnouncer:settings:
   *
   * The app's settings: announcements and announce-room-calls.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GilAnnouncer:busy:
   *
   * Whether an announcement is playing or waits its turn.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GilAnnouncer:failing:
   *
   * Whether the last announcement could not be played: no sound device,
   * or it failed. Set again once one plays.
   */
  properties[PROP_FAILING] =
    g_param_spec_boolean ("failing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GilAnnouncer::announcing:
   * @clips: the clips it is put together from, in order: the chime, then
   *   the words (gil-speech.h)
   *
   * An announcement's turn has come; it is put together and played now.
   */
  signals[SIGNAL_ANNOUNCING] =
    g_signal_new ("announcing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
gil_announcer_init (GilAnnouncer *self)
{
  self->cancellable = g_cancellable_new ();
  self->heard = g_array_new (FALSE, FALSE, sizeof (Heard));
  self->synthesized = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->pending);
}

/**
 * gil_announcer_new:
 * @settings: the app's settings
 *
 * Returns: (transfer full): an announcer of its own; the app uses
 *   gil_announcer_get_default()
 */
GilAnnouncer *
gil_announcer_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (GIL_TYPE_ANNOUNCER, "settings", settings, NULL);
}

/**
 * gil_announcer_get_default:
 *
 * Returns: (transfer none): the process's announcer, which every window
 *   shares so that no two announcements overlap
 */
GilAnnouncer *
gil_announcer_get_default (void)
{
  static GilAnnouncer *announcer;

  if (announcer == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

      announcer = gil_announcer_new (settings);
    }
  return announcer;
}

/* The announcement of @key (a stop's id, or a loket ticket's negated),
 * new at the end of the line or the one waiting already, its words
 * cleared for the caller to fill; %NULL when it is not to be heard. */
static Announcement *
enqueue (GilAnnouncer *self,
         gint64        key,
         gint64        calls,
         const char   *ticket)
{
  Announcement *announcement = NULL;

  if (get_mode (self) == MODE_OFF || heard_before (self, key, calls))
    return NULL;

  for (GList *l = self->pending.head; l != NULL && announcement == NULL; l = l->next)
    if (((Announcement *)l->data)->stop_id == key)
      announcement = l->data;
  if (announcement == NULL)
    {
      announcement = g_new0 (Announcement, 1);
      g_queue_push_tail (&self->pending, announcement);
    }
  announcement->stop_id = key;
  announcement->calls = calls;
  announcement->counter = 0;
  g_clear_pointer (&announcement->ticket, g_free);
  g_clear_pointer (&announcement->room_name, g_free);
  g_clear_pointer (&announcement->cluster, g_free);
  g_clear_pointer (&announcement->desk, g_free);
  announcement->ticket = g_strdup (ticket);
  return announcement;
}

/* After enqueue(): the oldest dropped when too many wait, and the next
 * one's turn if nothing is being said. */
static void
start (GilAnnouncer *self)
{
  if (self->pending.length > MAX_PENDING)
    announcement_free (g_queue_pop_head (&self->pending));

  set_busy (self, TRUE);
  next (self);
}

/**
 * gil_announcer_announce:
 * @stop_id: the stop called
 * @calls: how many times it was called, this call included; 0 when unknown
 * @ticket: its ticket label
 * @room: the room it was called to
 *
 * Announces a call in its turn, as the settings say.
 */
void
gil_announcer_announce (GilAnnouncer *self,
                        gint64        stop_id,
                        gint64        calls,
                        const char   *ticket,
                        GilRoomItem  *room)
{
  gil_announcer_announce_at (self, stop_id, calls, ticket, room, 0);
}

/**
 * gil_announcer_announce_at:
 * @counter: the counter of the room that called; 0 for none
 *
 * Like gil_announcer_announce(), saying the counter too: "meja dua".
 */
void
gil_announcer_announce_at (GilAnnouncer *self,
                           gint64        stop_id,
                           gint64        calls,
                           const char   *ticket,
                           GilRoomItem  *room,
                           guint         counter)
{
  Announcement *announcement;

  g_return_if_fail (GIL_IS_ANNOUNCER (self));
  g_return_if_fail (ticket != NULL);
  g_return_if_fail (GIL_IS_ROOM_ITEM (room));

  announcement = enqueue (self, stop_id, calls, ticket);
  if (announcement == NULL)
    return;
  announcement->counter = counter;
  announcement->room_name = g_strdup (gil_room_item_get_name (room));
  announcement->cluster = g_strdup (gil_room_item_get_cluster (room));
  start (self);
}

/**
 * gil_announcer_announce_loket:
 * @ticket_id: the loket ticket called
 * @calls: how many times it was called, this call included; 0 when unknown
 * @ticket: its number, as A-012
 * @desk: the registration desk it was called to, as Loket 2
 *
 * Announces a loket call in its turn, among the rooms' calls: "Nomor
 * antrean A dua belas, silakan ke Loket 2".
 */
void
gil_announcer_announce_loket (GilAnnouncer *self,
                              gint64        ticket_id,
                              gint64        calls,
                              const char   *ticket,
                              const char   *desk)
{
  Announcement *announcement;

  g_return_if_fail (GIL_IS_ANNOUNCER (self));
  g_return_if_fail (ticket != NULL);
  g_return_if_fail (desk != NULL);

  /* Keyed apart from the stops: a ticket's id negated. */
  announcement = enqueue (self, -ticket_id, calls, ticket);
  if (announcement == NULL)
    return;
  announcement->desk = g_strdup (desk);
  start (self);
}

/**
 * gil_announcer_get_failing:
 *
 * Returns: whether the last announcement could not be played
 */
gboolean
gil_announcer_get_failing (GilAnnouncer *self)
{
  g_return_val_if_fail (GIL_IS_ANNOUNCER (self), FALSE);

  return self->failing;
}

gboolean
gil_announcer_get_busy (GilAnnouncer *self)
{
  g_return_val_if_fail (GIL_IS_ANNOUNCER (self), FALSE);

  return self->busy;
}

/**
 * gil_announcer_get_room_calls:
 *
 * Returns: whether a room station announces its own calls
 */
gboolean
gil_announcer_get_room_calls (GilAnnouncer *self)
{
  g_return_val_if_fail (GIL_IS_ANNOUNCER (self), FALSE);

  return g_settings_get_boolean (self->settings, "announce-room-calls");
}
