/* test-ui-counters.c — two PCs on one room, under Xvfb against a real
 * manager: each room page calls with this computer's counter (meja), and
 * the waiting-room display and the other PC's room page say which
 * counter called ("Ruang Usia Dewasa, meja 2")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-counter.h"
#include "gil-display-page.h"
#include "gil-room-page.h"
#include "gil-stop-row.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-room.h"
#include "gil-test-ui.h"

typedef struct
{
  GilConnection *connection;
  GilRoomList   *rooms;
  GtkWindow     *window;
  GtkWidget     *page;
} Station;

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *token;
  gint64          room;
  GSettings      *settings;
  Station         a;        /* the adults' room, counter 2 */
  Station         b;        /* the same room, counter 1 */
  Station         display;
} Fixture;

static gboolean
rooms_loaded (gpointer data)
{
  Station *s = data;

  return g_list_model_get_n_items (G_LIST_MODEL (s->rooms)) == 10;
}

static void
station_open (Fixture   *f,
              Station   *s,
              GtkWidget *(*make) (Fixture *f, Station *s))
{
  s->connection = gil_connection_new (f->url, f->token);
  gil_connection_start_events (s->connection, gil_test_api_health_seq (f->url));
  s->rooms = gil_room_list_new (s->connection);
  s->page = make (f, s);
  s->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (s->window, 1024, 768);
  gtk_window_set_child (s->window, s->page);
  gtk_window_present (s->window);
  gil_test_ui_wait (rooms_loaded, s, "the rooms");
}

static GtkWidget *
make_room_page (Fixture *f,
                Station *s)
{
  g_autoptr(GilContext) context = gil_context_new (s->connection, s->rooms, NULL);
  return gil_room_page_new (context, f->room);
}

static GtkWidget *
make_display (Fixture *f,
              Station *s)
{
  g_autoptr(GilContext) context = gil_context_new (s->connection, s->rooms, NULL);
  GtkWidget *page = gil_display_page_new (context, NULL);

  gil_display_page_set_hold (GIL_DISPLAY_PAGE (page), 20);
  return page;
}

static void
station_close (Station *s)
{
  if (s->window == NULL)
    return;
  gil_test_ui_close_station (s->window, &s->rooms, s->connection);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->token);
  f->room = gil_test_api_room_id (f->url, f->token, "K3-DEWASA");
  f->settings = g_settings_new (APPLICATION_ID);
  /* Announcements are heard nowhere here; the display need not try. */
  g_settings_set_string (f->settings, "announcements", "off");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  station_close (&f->display);
  station_close (&f->b);
  station_close (&f->a);
  g_settings_reset (f->settings, GIL_COUNTER_KEY);
  g_settings_reset (f->settings, "announcements");
  g_clear_object (&f->settings);
  gil_test_manager_free (f->manager);
}

static gboolean
is_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

/* Presses the page's button @label once it can be pressed. */
static void
press (GtkWidget  *page,
       const char *label)
{
  GtkWidget *button = gil_test_ui_find_button (page, label);
  g_autofree char *what = g_strdup_printf ("“%s” to be enabled", label);

  g_assert_nonnull (button);
  gil_test_ui_wait (is_sensitive, button, what);
  g_signal_emit_by_name (button, "clicked");
}

/* The counter the manager keeps on the stop of @ticket; 0 for none. */
static gint64
stop_counter (Fixture    *f,
              const char *ticket)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", f->room);
  g_autoptr(JsonNode) queue = gil_test_api_expect (f->url, f->token, "GET", path, NULL, NULL, 200);
  JsonArray *called = json_object_get_array_member (gil_test_api_object (queue), "called");

  for (guint i = 0; i < json_array_get_length (called); i++)
    {
      JsonObject *stop = json_array_get_object_element (called, i);

      if (g_strcmp0 (json_object_get_string_member (stop, "ticket"), ticket) == 0)
        return json_object_get_int_member_with_default (stop, "counter", 0);
    }
  g_error ("%s is not called", ticket);
}

/* The PC of @page, at counter @counter, presses @button; the display
 * comes to show @ticket called to @room_text. */
static void
call_at_counter (Fixture    *f,
                 GtkWidget  *page,
                 int         counter,
                 const char *button,
                 const char *ticket,
                 const char *room_text)
{
  g_settings_set_int (f->settings, GIL_COUNTER_KEY, counter);
  press (page, button);
  gil_test_ui_wait_label (f->display.page, "ticket_label", ticket);
  gil_test_ui_wait_label (f->display.page, "room_label", room_text);
}

static void
test_two_counters (Fixture       *f,
                   gconstpointer  data)
{
  GilStopRow *row;

  json_node_unref (gil_test_api_register (f->url, f->token, "Lalu Ahmad", "1985-03-04", NULL));
  json_node_unref (gil_test_api_register (f->url, f->token, "Baiq Nurul", "1986-04-05", NULL));
  json_node_unref (gil_test_api_register (f->url, f->token, "Made Wirawan", "1987-05-06", NULL));
  station_open (f, &f->display, make_display);
  station_open (f, &f->a, make_room_page);
  station_open (f, &f->b, make_room_page);
  gil_test_room_wait_row (f->a.page, "D-001", "waiting");

  /* The PC at counter 2 calls: the display says where, and so does the
   * other PC's row of the patient. */
  call_at_counter (f, f->a.page, 2, "Panggil Berikutnya", "D-001", "Ruang Usia Dewasa, meja 2");
  gil_test_room_wait_row_says (f->b.page, "D-001", "meja 2");
  gil_test_room_wait_row_says (f->a.page, "D-001", "meja 2");
  g_assert_cmpint (stop_counter (f, "D-001"), ==, 2);

  /* The PC at counter 1 calls the next one. */
  call_at_counter (f, f->b.page, 1, "Panggil Berikutnya", "D-002", "Ruang Usia Dewasa, meja 1");
  gil_test_ui_wait_label (gil_test_ui_find_named (f->display.page, "recent_0"), "recent_ticket", "D-001");
  gil_test_ui_wait_label (gil_test_ui_find_named (f->display.page, "recent_0"), "recent_room", "Ruang Usia Dewasa");
  gil_test_ui_wait_label (gil_test_ui_find_named (f->display.page, "recent_0"), "recent_counter", "meja 2");
  gil_test_room_wait_row_says (f->a.page, "D-002", "meja 1");
  g_assert_cmpint (stop_counter (f, "D-002"), ==, 1);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->display.window), "counters-display"));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "counters-room"));

  /* Counter 1 calls D-001 again: it is counter 1's now. */
  row = gil_test_room_find_row (f->b.page, "D-001");
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), GTK_LIST_BOX_ROW (row));
  call_at_counter (f, f->b.page, 1, "Panggil Ulang", "D-001", "Ruang Usia Dewasa, meja 1");
  gil_test_room_wait_row_says (f->a.page, "D-001", "meja 1");
  g_assert_cmpint (stop_counter (f, "D-001"), ==, 1);

  /* A room of one PC: no counter, the room's name alone. */
  call_at_counter (f, f->a.page, 0, "Panggil Berikutnya", "D-003", "Ruang Usia Dewasa");
  g_assert_cmpint (stop_counter (f, "D-003"), ==, 0);
  g_assert_null (gil_test_ui_find_label_containing (GTK_WIDGET (gil_test_room_find_row (f->a.page, "D-003")), "meja", NULL));
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add ("/giliran/ui-counters/two-counters", Fixture, NULL,
              fixture_set_up, test_two_counters, fixture_tear_down);

  return g_test_run ();
}
