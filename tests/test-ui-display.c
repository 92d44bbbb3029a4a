/* test-ui-display.c — the display page under Xvfb, against a real manager
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-display-page.h"
#include "gil-room-list.h"
#include "gil-test-ui.h"

static void
test_new_destroy (void)
{
  GilConnection *connection = gil_connection_new ("http://127.0.0.1:1", "x");
  GilRoomList *rooms = gil_room_list_new (connection);
  GtkWidget *page = gil_display_page_new (connection, rooms, NULL);

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
  g_object_unref (rooms);
  g_object_unref (connection);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-display/new-destroy", test_new_destroy);

  return g_test_run ();
}
