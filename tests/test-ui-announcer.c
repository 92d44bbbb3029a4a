/* test-ui-announcer.c — the announcer without a sound device: calls go
 * through their turns, one message says why nothing is heard; turned off,
 * nothing happens at all (test-sound hears it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-announcer.h"
#include "gil-test-ui.h"

static GilRoomItem *
new_room (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser,
                              "{\"id\":4,\"code\":\"K3-DEWASA\",\"name\":\"Ruang Usia Dewasa\","
                              "\"cluster\":\"k3\",\"prefix\":\"D\",\"active\":true}",
                              -1, &error);
  g_assert_no_error (error);
  return gil_room_item_new_from_json (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
is_quiet (gpointer data)
{
  return !gil_announcer_get_busy (data);
}

static void
test_new_destroy (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilAnnouncer *announcer = gil_announcer_new (settings);

  g_assert_false (gil_announcer_get_busy (announcer));
  g_assert_false (gil_announcer_get_room_calls (announcer));
  g_assert_finalize_object (announcer);
}

static guint no_sound_messages;

static void
count_messages (const char     *domain,
                GLogLevelFlags  level,
                const char     *message,
                gpointer        user_data)
{
  if (strstr (message, "not heard") != NULL)
    no_sound_messages++;
}

static void
test_no_device (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GilRoomItem) room = new_room ();
  GilAnnouncer *announcer = gil_announcer_new (settings);
  guint handler = g_log_set_handler ("Giliran-App", G_LOG_LEVEL_MESSAGE, count_messages, NULL);

  /* PULSE_SERVER names no server: there is nothing to play on. */
  gil_announcer_announce (announcer, 1, 1, "D-001", room);
  gil_announcer_announce (announcer, 2, 1, "D-002", room);
  g_assert_true (gil_announcer_get_busy (announcer));
  gil_test_ui_wait (is_quiet, announcer, "the calls to pass");
  g_assert_cmpuint (no_sound_messages, ==, 1);

  /* A recall goes through again, with no second message. */
  gil_announcer_announce (announcer, 1, 2, "D-001", room);
  g_assert_true (gil_announcer_get_busy (announcer));
  gil_test_ui_wait (is_quiet, announcer, "the recall to pass");
  g_assert_cmpuint (no_sound_messages, ==, 1);

  g_log_remove_handler ("Giliran-App", handler);
  g_assert_finalize_object (announcer);
}

static void
test_off (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GilRoomItem) room = new_room ();
  GilAnnouncer *announcer = gil_announcer_new (settings);

  g_settings_set_string (settings, "announcements", "off");
  gil_announcer_announce (announcer, 1, 1, "D-001", room);
  g_assert_false (gil_announcer_get_busy (announcer));
  g_settings_reset (settings, "announcements");
  g_assert_finalize_object (announcer);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/announcer/new-destroy", test_new_destroy);
  g_test_add_func ("/giliran/announcer/no-device", test_no_device);
  g_test_add_func ("/giliran/announcer/off", test_off);

  return g_test_run ();
}
