/* test-sound.c — call announcements as a patient hears them: a private
 * PulseAudio with a null sink, the waiting-room display under Xvfb against
 * a real manager, calls made through the API, the sink's monitor recorded
 * by parecord and measured with sox; a call from a room's counter 2 says
 * "meja dua"; staff see no sign of trouble while calls are heard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "gil-announcer.h"
#include "gil-display-page.h"
#include "gil-room-list.h"
#include "gil-room-page.h"
#include "gil-test-api.h"
#include "gil-test-dir.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define RECORD_RATE      16000
#define WINDOW_MS        20
#define LOUD_RMS         0.01   /* of full scale, -40 dB: sound, not silence */
#define BURST_GAP        0.7    /* seconds of silence that part two announcements */
#define MIN_SOUND        2.0    /* seconds of sound a voiced call has at least */
#define START_TIMEOUT_MS 15000
#define QUIET_TIMEOUT_MS 90000

/* One announcement as recorded: from its first sound to its last, and how
 * long of that is above silence. */
typedef struct
{
  double start;
  double end;
  double sound;
} Burst;

static char *sound_dir;
static char *sound_server;

/* What the computer under test shows. */
typedef enum
{
  DISPLAY = 1 << 0,
  ROOM    = 1 << 1,   /* the K3-DEWASA room's station */
} Stations;

typedef struct
{
  GilTestServer     server;
  GilTestUiStation  ui;         /* its page: the room's, with ROOM */
  GSettings        *settings;
  GSubprocess    *recorder;
  char           *recording;
  guint           expected_rooms;
} Fixture;

/* ── the sound server, recording and measuring ─────────────────────── */

/* The children end with the test, also one that fails. */
static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (void)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  return launcher;
}

static GSubprocess *
start_sound_server (void)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();
  g_autofree char *runtime = g_build_filename (sound_dir, "runtime", NULL);
  g_autofree char *socket = g_build_filename (sound_dir, "native", NULL);
  g_autofree char *protocol = g_strdup_printf ("--load=module-native-protocol-unix auth-anonymous=1 socket=%s",
                                               socket);
  g_autoptr(GError) error = NULL;
  GSubprocess *server;

  /* Its own folders: nothing of the machine's own sound setup is used. */
  g_subprocess_launcher_setenv (launcher, "HOME", sound_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", sound_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "PULSE_RUNTIME_PATH", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PULSE_SERVER");
  server = g_subprocess_launcher_spawn (launcher, &error, "pulseaudio",
                                        "--daemonize=no", "--exit-idle-time=-1", "-n",
                                        "--use-pid-file=no", "--disable-shm=yes",
                                        "--realtime=no", "--high-priority=no",
                                        "--log-target=stderr", "--log-level=error",
                                        "--load=module-null-sink sink_name=giliran",
                                        protocol, NULL);
  g_assert_no_error (error);

  for (guint i = 0; !g_file_test (socket, G_FILE_TEST_EXISTS); i++)
    {
      if (i == 200)
        g_error ("PulseAudio did not start");
      g_usleep (50 * 1000);
    }
  sound_server = g_strconcat ("unix:", socket, NULL);
  return server;
}

static gboolean
is_recording (gpointer data)
{
  Fixture *f = data;
  GStatBuf buf;

  /* The monitor of a null sink gives silence from the start: a file
   * growing past its header is a recording under way. */
  return g_stat (f->recording, &buf) == 0 && buf.st_size > RECORD_RATE;
}

static void
start_recording (Fixture    *f,
                 const char *name)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();
  g_autofree char *file = g_strconcat (name, ".wav", NULL);
  g_autofree char *rate = g_strdup_printf ("--rate=%d", RECORD_RATE);
  g_autoptr(GError) error = NULL;

  f->recording = g_build_filename (sound_dir, file, NULL);
  f->recorder = g_subprocess_launcher_spawn (launcher, &error,
                                             "parecord", "--server", sound_server,
                                             "--device=giliran.monitor", rate, "--channels=1",
                                             "--format=s16le", "--file-format=wav", f->recording,
                                             NULL);
  g_assert_no_error (error);
  gil_test_ui_wait (is_recording, f, "parecord to record");
}

static void
stop_recording (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  gil_test_ui_spin (300);
  g_subprocess_send_signal (f->recorder, SIGINT);
  g_subprocess_wait (f->recorder, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->recorder);
}

static char *
run_sox (const char * const *argv)
{
  g_autoptr(GSubprocess) sox = NULL;
  g_autoptr(GError) error = NULL;
  char *err = NULL;

  sox = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (sox, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (sox))
    g_error ("sox failed: %s", err);
  return err;
}

/* The seconds of sound in @wav as sox's silence effect finds it: every
 * stretch of 20 ms or more below 1% taken away. */
static double
sox_sound_seconds (const char *wav)
{
  const char * const argv[] = {
    "sox", wav, "-n", "silence", "1", "0.02", "1%", "-1", "0.02", "1%", "stat", NULL,
  };
  g_autofree char *stat = run_sox (argv);
  const char *length = strstr (stat, "Length (seconds):");

  g_assert_nonnull (length);
  return g_ascii_strtod (length + strlen ("Length (seconds):"), NULL);
}

/* The announcements heard in the recording: sox makes it plain samples,
 * and stretches of sound apart by BURST_GAP or more are separate. */
static GArray *
measure (Fixture *f)
{
  g_autofree char *raw = g_strconcat (f->recording, ".raw", NULL);
  g_autofree char *rate = g_strdup_printf ("%d", RECORD_RATE);
  const char * const argv[] = {
    "sox", f->recording, "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1",
    "-r", rate, "-L", raw, NULL,
  };
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GArray *bursts = g_array_new (FALSE, FALSE, sizeof (Burst));
  const guint window = RECORD_RATE * WINDOW_MS / 1000;
  const double seconds = WINDOW_MS / 1000.0;
  gsize length;
  guint n;
  Burst *burst = NULL;

  g_free (run_sox (argv));
  g_file_get_contents (raw, &contents, &length, &error);
  g_assert_no_error (error);
  n = length / 2 / window;

  for (guint w = 0; w < n; w++)
    {
      double sum = 0, t = w * seconds;

      for (guint i = 0; i < window; i++)
        {
          const guint8 *p = (const guint8 *)contents + 2 * (w * window + i);
          double sample = (gint16)(p[0] | p[1] << 8) / 32768.0;

          sum += sample * sample;
        }
      if (sum / window < LOUD_RMS * LOUD_RMS)
        continue;
      if (burst == NULL || t - burst->end >= BURST_GAP)
        {
          Burst next = { t, t, 0 };

          g_array_append_val (bursts, next);
        }
      burst = &g_array_index (bursts, Burst, bursts->len - 1);
      burst->end = t + seconds;
      burst->sound += seconds;
    }

  for (guint i = 0; i < bursts->len; i++)
    {
      Burst *b = &g_array_index (bursts, Burst, i);

      g_test_message ("announcement %u: %.2f s to %.2f s, %.2f s of sound", i + 1, b->start, b->end, b->sound);
      if (i > 0)
        g_test_message ("silence before it: %.2f s", b->start - g_array_index (bursts, Burst, i - 1).end);
    }
  g_test_message ("sox: %.2f s of sound in all", sox_sound_seconds (f->recording));
  return bursts;
}

static void
assert_voiced (GArray *bursts)
{
  for (guint i = 0; i < bursts->len; i++)
    g_assert_cmpfloat (g_array_index (bursts, Burst, i).sound, >=, MIN_SOUND);
}

/* ── the manager and the display ───────────────────────────────────── */

/* Registers a patient in @room_code; returns the stop. */
static gint64
register_patient (Fixture    *f,
                  const char *name,
                  const char *room_code)
{
  g_autofree char *extra = g_strdup_printf (",\"room\":%" G_GINT64_FORMAT,
                                            gil_test_api_room_id (f->server.url, f->server.admin, room_code));
  g_autoptr(JsonNode) visit = gil_test_api_register (f->server.url, f->server.admin, name, "1980-01-01", extra);

  return gil_test_api_first_stop (visit);
}

static gboolean
rooms_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->ui.rooms)) == f->expected_rooms;
}

/* Opens the stations @data says, on one connection: a display's own,
 * or the admin's where a room station calls. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  Stations stations = GPOINTER_TO_INT (data);
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GilContext) context = NULL;
  g_autofree char *token = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gil_test_server_set_up (&f->server, data);
  f->settings = g_settings_new (APPLICATION_ID);
  token = stations & ROOM ? g_strdup (f->server.admin) : gil_test_api_pair (f->server.url, f->server.admin, "display", "");
  f->ui.connection = gil_connection_new (f->server.url, token);
  health = gil_test_api_expect (f->server.url, f->server.admin, "GET", "/api/v1/health", NULL, NULL, 200);
  gil_connection_start_events (f->ui.connection,
                               json_object_get_int_member (gil_test_api_object (health), "seq"));
  f->ui.rooms = gil_room_list_new (f->ui.connection);
  context = gil_context_new (f->ui.connection, f->ui.rooms, NULL);
  if (stations & DISPLAY)
    gtk_box_append (GTK_BOX (box), gil_display_page_new (context, NULL));
  if (stations & ROOM)
    {
      f->ui.page = gil_room_page_new (context,
                                        gil_test_api_room_id (f->server.url, f->server.admin, "K3-DEWASA"));
      gtk_box_append (GTK_BOX (box), f->ui.page);
    }
  f->ui.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->ui.window, 1366, 768);
  gtk_window_set_child (f->ui.window, box);
  gtk_window_present (f->ui.window);
  f->expected_rooms = 10;
  gil_test_ui_wait (rooms_loaded, f, "the rooms");
  /* The display knows which events are new. */
  gil_test_ui_spin (500);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_station_close (&f->ui);
  g_settings_reset (f->settings, "announcements");
  g_settings_reset (f->settings, "announce-room-calls");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->recording, g_free);
  gil_test_server_tear_down (&f->server, data);
}

static gboolean
is_busy (gpointer data)
{
  return gil_announcer_get_busy (gil_announcer_get_default ());
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  g_error ("timed out waiting for the announcements to end");
  return G_SOURCE_REMOVE;
}

/* Waits until the calls made have been announced, to the last. */
static void
wait_announced (void)
{
  GilAnnouncer *announcer = gil_announcer_get_default ();
  guint id;

  gil_test_ui_wait (is_busy, NULL, "an announcement to start");
  id = g_timeout_add (QUIET_TIMEOUT_MS, on_wait_timeout_cb, NULL);
  while (gil_announcer_get_busy (announcer))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* ── the tests ─────────────────────────────────────────────────────── */

/* A call is heard, chime and voice, for seconds; a recall again. */
static void
test_call (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;
  gint64 stop;

  stop = register_patient (f, "Lalu Ahmad", "K3-DEWASA");
  start_recording (f, "call");
  json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, "K3-DEWASA"));
  wait_announced ();
  gil_test_api_stop_action (f->server.url, f->server.admin, stop, "recall");
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 2);
  assert_voiced (bursts);
  /* Heard: the display shows staff no sign of trouble. */
  g_assert_false (gil_announcer_get_failing (gil_announcer_get_default ()));
  g_assert_false (gtk_widget_get_visible (gil_test_ui_find_named (GTK_WIDGET (f->ui.window),
                                                                  "sound_sign")));
}

/* Two PCs on one room: a call from counter 2 ends "meja dua", so it is
 * heard for longer than the same room's call from no counter. */
static void
test_counter (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next",
                                           gil_test_api_room_id (f->server.url, f->server.admin, "K3-DEWASA"));
  g_autoptr(GArray) bursts = NULL;
  Burst *counter, *plain;

  register_patient (f, "Lalu Ahmad", "K3-DEWASA");
  register_patient (f, "Baiq Nurul", "K3-DEWASA");
  start_recording (f, "counter");
  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "POST", path, "{\"counter\":2}", NULL, 200));
  wait_announced ();
  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "POST", path, NULL, NULL, 200));
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 2);
  assert_voiced (bursts);
  counter = &g_array_index (bursts, Burst, 0);
  plain = &g_array_index (bursts, Burst, 1);
  /* "meja" and "dua" are more than half a second of speech. */
  g_assert_cmpfloat (counter->sound, >, plain->sound + 0.5);
}

/* Two calls at once: two announcements, one after the other. */
static void
test_together (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;
  Burst *first, *second;

  register_patient (f, "Baiq Nurul", "K2-KIA");
  register_patient (f, "Made Wirawan", "LK-GIGI");
  start_recording (f, "together");
  json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, "K2-KIA"));
  json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, "LK-GIGI"));
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 2);
  assert_voiced (bursts);
  first = &g_array_index (bursts, Burst, 0);
  second = &g_array_index (bursts, Burst, 1);
  /* Had they overlapped, they would be heard as one. */
  g_assert_cmpfloat (second->start - first->end, >=, BURST_GAP);
}

/* A burst of six calls: the first is heard, at most three wait; the
 * oldest waiting ones give way. */
static void
test_backlog (Fixture       *f,
              gconstpointer  data)
{
  static const char * const rooms[] = { "K2-KIA", "K2-BALITA", "K2-ANAK", "K3-DEWASA", "K3-LANSIA", "LK-GIGI" };
  g_autoptr(GArray) bursts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    register_patient (f, "Pasien", rooms[i]);
  start_recording (f, "backlog");
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, rooms[i]));
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 4);
  assert_voiced (bursts);
}

/* The chime alone, when the voice is turned off. */
static void
test_chime_only (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;

  g_settings_set_string (f->settings, "announcements", "chime");
  register_patient (f, "Ni Luh Sari", "LK-LAB");
  start_recording (f, "chime");
  json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, "LK-LAB"));
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 1);
  g_assert_cmpfloat (g_array_index (bursts, Burst, 0).sound, >, 0.3);
  g_assert_cmpfloat (g_array_index (bursts, Burst, 0).sound, <, MIN_SOUND);
}

/* A room the admin adds is announced too: spoken by espeak-ng when it is
 * installed, else by its cluster and number. */
static void
test_new_room (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;
  g_autofree char *espeak = g_find_program_in_path ("espeak-ng");
  g_autofree char *cached = g_build_filename (g_get_user_cache_dir (), "giliran", "sounds",
                                              "ruang-konseling-2.wav", NULL);

  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "POST", "/api/v1/rooms",
                                        "{\"code\":\"LK-KONSELING\",\"name\":\"Ruang Konseling 2\",\"cluster\":\"lk\","
                                        "\"prefix\":\"L\",\"tags\":[\"konseling\"]}",
                                        NULL, 201));
  f->expected_rooms = 11;
  gil_test_ui_wait (rooms_loaded, f, "the new room");
  register_patient (f, "Siti Rohani", "LK-KONSELING");
  start_recording (f, "new-room");
  json_object_unref (gil_test_api_call_next (f->server.url, f->server.admin, "LK-KONSELING"));
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 1);
  assert_voiced (bursts);
  g_assert_cmpint (g_file_test (cached, G_FILE_TEST_IS_REGULAR), ==, espeak != NULL);
}

/* A room no display serves announces its own calls and recalls, where
 * that is turned on. */
static void
test_room_station (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;

  g_settings_set_boolean (f->settings, "announce-room-calls", TRUE);
  register_patient (f, "Inaq Saenah", "K3-DEWASA");
  start_recording (f, "room-station");
  gtk_widget_activate_action (f->ui.page, "room.call-next", NULL);
  wait_announced ();
  gtk_widget_activate_action (f->ui.page, "room.recall", NULL);
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 2);
  assert_voiced (bursts);
}

/* A room station and the display in one app: the call reaches the
 * announcer twice and is heard once. */
static void
test_room_and_display (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) bursts = NULL;

  g_settings_set_boolean (f->settings, "announce-room-calls", TRUE);
  register_patient (f, "Amaq Rusni", "K3-DEWASA");
  start_recording (f, "room-and-display");
  gtk_widget_activate_action (f->ui.page, "room.call-next", NULL);
  wait_announced ();
  stop_recording (f);

  bursts = measure (f);
  g_assert_cmpuint (bursts->len, ==, 1);
  assert_voiced (bursts);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  int status;

  sound_dir = g_dir_make_tmp ("giliran-sound-XXXXXX", &error);
  g_assert_no_error (error);
  /* Rooms espeak-ng says are kept here, not in the user's cache. */
  cache = g_build_filename (sound_dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  server = start_sound_server ();
  g_setenv ("PULSE_SERVER", sound_server, TRUE);
  g_setenv ("CANBERRA_DRIVER", "pulse", TRUE);

  gil_test_ui_init (&argc, &argv);

#define ADD(path, func, stations) \
  g_test_add ("/giliran/sound/" path, Fixture, GINT_TO_POINTER (stations), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("call", test_call, DISPLAY);
  ADD ("together", test_together, DISPLAY);
  ADD ("counter", test_counter, DISPLAY);
  ADD ("backlog", test_backlog, DISPLAY);
  ADD ("chime-only", test_chime_only, DISPLAY);
  ADD ("new-room", test_new_room, DISPLAY);
  ADD ("room-station", test_room_station, ROOM);
  ADD ("room-and-display", test_room_and_display, DISPLAY | ROOM);
#undef ADD

  status = g_test_run ();

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  /* A failed run keeps its recordings to listen to. */
  if (status == 0)
    gil_test_remove_dir (sound_dir);
  g_free (sound_server);
  g_free (sound_dir);
  return status;
}
