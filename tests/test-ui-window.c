/* test-ui-window.c — a station window under Xvfb: the manager goes away,
 * the banner says so and actions are disabled; it comes back, the window
 * recovers by itself. A station for two rooms is worked from the keyboard;
 * the About window speaks Indonesian
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "gil-application.h"
#include "gil-head-page.h"
#include "gil-stop-row.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-room.h"
#include "gil-test-ui.h"
#include "gil-window.h"

typedef struct
{
  GtkWidget *revealer;
  GtkWidget *page;
  gboolean   offline;
} Banner;

static gboolean
banner_is (gpointer data)
{
  Banner *b = data;

  return gtk_revealer_get_reveal_child (GTK_REVEALER (b->revealer)) == b->offline &&
         gtk_widget_get_sensitive (gtk_widget_get_parent (b->page)) == !b->offline;
}

static gboolean
page_built (gpointer data)
{
  return gil_window_get_page (data) != NULL;
}

static void
test_offline_banner (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  g_autoptr(AdwApplication) app = gil_test_ui_app_new ("org.giliran.Giliran.Test");
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                  gil_test_manager_get_admin_token (manager));
  GilWindow *window;
  Banner banner = { 0 };

  gil_connection_start_events (connection, GIL_CONNECTION_SINCE_NOTHING);
  window = gil_window_new (app, connection, "registration", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (page_built, window, "the registration page");

  banner.revealer = gil_test_ui_find_named (GTK_WIDGET (window), "offline_revealer");
  banner.page = gil_window_get_page (window);
  g_assert_nonnull (gil_test_ui_find_label (GTK_WIDGET (window),
                                            "Server antrean tidak dapat dihubungi. Terputus, menyambung ulang…"));

  /* Online: no banner, the desk usable. */
  banner.offline = FALSE;
  gil_test_ui_wait (banner_is, &banner, "the window to be online");

  /* The queue server stops: the banner, and nothing to click. */
  gil_test_manager_kill (manager, SIGKILL);
  banner.offline = TRUE;
  gil_test_ui_wait (banner_is, &banner, "the offline banner");
  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "window-offline"));

  /* It comes back: the window recovers by itself. */
  gil_test_manager_restart (manager);
  banner.offline = FALSE;
  gil_test_ui_wait (banner_is, &banner, "the window to recover");

  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_spin (50);
  gil_connection_stop_events (connection);
  g_object_unref (connection);
  gil_test_manager_free (manager);
}

typedef struct
{
  GilWindow  *window;
  const char *room;
  const char *ticket;
  const char *status;
} RowExpect;

static void
register_patient (const char *url,
                  const char *token,
                  const char *name,
                  const char *birth_date)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (url, token, name, birth_date, NULL);
}

/* The room page of @room in a station for several rooms. */
static GtkWidget *
room_page (GilWindow  *window,
           const char *room)
{
  GtkWidget *stack = gil_window_get_page (window);

  return stack != NULL ? adw_view_stack_get_child_by_name (ADW_VIEW_STACK (stack), room) : NULL;
}

static gboolean
row_has_status (gpointer data)
{
  RowExpect *e = data;
  GtkWidget *page = room_page (e->window, e->room);

  for (guint i = 0; page != NULL; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (page, GIL_TYPE_STOP_ROW, i);
      GilStopItem *item;

      if (row == NULL)
        return FALSE;
      item = gil_stop_row_get_item (GIL_STOP_ROW (row));
      if (g_strcmp0 (gil_stop_item_get_ticket (item), e->ticket) == 0)
        return g_strcmp0 (gil_stop_status_to_string (gil_stop_item_get_status (item)), e->status) == 0;
    }
  return FALSE;
}

static void
wait_row (GilWindow  *window,
          const char *room,
          const char *ticket,
          const char *status)
{
  RowExpect e = { window, room, ticket, status };
  g_autofree char *what = g_strdup_printf ("%s to be %s", ticket, status);

  gil_test_ui_wait (row_has_status, &e, what);
}

/* Presses @keys once the keyboard focus is in @room's page. */
static void
type_in_room (GilWindow  *window,
              const char *room,
              const char *keys)
{
  g_autofree char *what = g_strdup_printf ("%s before %s", room, keys);

  gil_test_ui_wait_focus (GTK_WINDOW (window), room_page (window, room), what);
  gil_test_ui_type (GTK_WIDGET (window), keys);
}

/* A room station for two rooms, the way a nurse with no mouse works it:
 * the room on show has the keyboard from the start (the other must not
 * take it as its queue arrives), and keeps it after the manager was
 * away; the keys of the room not on show do nothing. */
static void
test_two_rooms_by_keyboard (void)
{
  GilTestManager *manager;
  g_autoptr(AdwApplication) app = NULL;
  GilConnection *connection;
  const char *url;
  const char *token;
  GilWindow *window;
  Banner banner = { 0 };

  if (gil_test_ui_skip_unless_can_type ())
    return;

  manager = gil_test_manager_start ();
  url = gil_test_manager_get_url (manager);
  token = gil_test_manager_get_admin_token (manager);
  register_patient (url, token, "Ahmad Fauzi", "1985-03-04");
  /* Not the first test's id: that one stays registered on the bus. */
  app = gil_test_ui_app_new ("org.giliran.Giliran.TestRooms");
  connection = gil_connection_new (url, token);
  gil_connection_start_events (connection, GIL_CONNECTION_SINCE_NOTHING);
  window = gil_window_new (app, connection, "room", (const char *[]) { "K3-DEWASA", "K3-LANSIA", NULL });
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (page_built, window, "the room pages");
  g_assert_true (ADW_IS_VIEW_STACK (gil_window_get_page (window)));

  /* The elderly room's queue comes after the adults' page has the keys. */
  wait_row (window, "K3-DEWASA", "D-001", "waiting");
  register_patient (url, token, "Baiq Rina", "1986-03-04");
  register_patient (url, token, "Nenek Sumi", "1945-01-01");
  register_patient (url, token, "Kakek Ali", "1944-01-01");
  wait_row (window, "K3-LANSIA", "E-002", "waiting");
  wait_row (window, "K3-DEWASA", "D-002", "waiting");

  type_in_room (window, "K3-DEWASA", "Return");
  wait_row (window, "K3-DEWASA", "D-001", "called");
  type_in_room (window, "K3-DEWASA", "F5");
  wait_row (window, "K3-DEWASA", "D-002", "called");
  g_assert_true (row_has_status (&(RowExpect) { window, "K3-LANSIA", "E-001", "waiting" }));

  /* The other room on show, chosen without the mouse: its keys work, and
   * the first room's do not. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gil_window_get_page (window)), "K3-LANSIA");
  type_in_room (window, "K3-LANSIA", "F5");
  wait_row (window, "K3-LANSIA", "E-001", "called");
  type_in_room (window, "K3-LANSIA", "F6");
  wait_row (window, "K3-LANSIA", "E-001", "called");
  /* E-001 called twice. */
  gil_test_room_wait_label (room_page (window, "K3-LANSIA"), "Dipanggil 2×");

  /* The manager goes away and comes back: the keys work again at once. */
  banner.revealer = gil_test_ui_find_named (GTK_WIDGET (window), "offline_revealer");
  banner.page = gil_window_get_page (window);
  gil_test_manager_kill (manager, SIGKILL);
  banner.offline = TRUE;
  gil_test_ui_wait (banner_is, &banner, "the offline banner");
  gil_test_manager_restart (manager);
  banner.offline = FALSE;
  gil_test_ui_wait (banner_is, &banner, "the window to recover");
  type_in_room (window, "K3-LANSIA", "F5");
  wait_row (window, "K3-LANSIA", "E-002", "called");
  g_assert_true (row_has_status (&(RowExpect) { window, "K3-DEWASA", "D-002", "called" }));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "window-two-rooms"));

  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_spin (50);
  gil_connection_stop_events (connection);
  g_object_unref (connection);
  gil_test_manager_free (manager);
}

/* The label of the item of @menu (or of its submenus) that opens @station. */
static char *
find_station_item (GMenuModel *menu,
                   const char *station)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (menu, i);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "app.open-station"))
        {
          target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), station))
            {
              char *label = NULL;

              g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
              return label;
            }
        }
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);
          char *label = find_station_item (link, station);

          if (label != NULL)
            return label;
        }
    }
  return NULL;
}

static gboolean
head_window_open (gpointer data)
{
  for (GList *l = gtk_application_get_windows (data); l != NULL; l = l->next)
    if (GIL_IS_WINDOW (l->data) &&
        g_strcmp0 (gil_window_get_station (l->data), "head") == 0 &&
        GIL_IS_HEAD_PAGE (gil_window_get_page (l->data)))
      return TRUE;
  return FALSE;
}

/* The main menu's Open Station has the head's station, as the README says,
 * and it opens. */
static void
test_open_head_station (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  g_autoptr(GilApplication) app = gil_application_new ();
  g_autoptr(GilConnection) connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                            gil_test_manager_get_admin_token (manager));
  GtkWindow *desk;
  GtkWidget *menu_button;
  g_autofree char *label = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  gil_application_use_connection (app, connection);
  desk = gil_application_open_station (app, "registration", NULL);
  menu_button = gil_test_ui_find_named (GTK_WIDGET (desk), "primary_menu_button");
  g_assert_nonnull (menu_button);
  label = find_station_item (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "head");
  g_assert_cmpstr (label, ==, "Kepala Puskesmas");

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-station", g_variant_new_string ("head"));
  gil_test_ui_wait (head_window_open, app, "the head's station");

  while (gtk_application_get_windows (GTK_APPLICATION (app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  gil_test_ui_spin (50);
  gil_connection_stop_events (connection);
  gil_test_manager_free (manager);
}

/* The About window speaks Indonesian, its credits too. */
static void
check_about (void)
{
  g_autoptr(GilApplication) app = gil_application_new ();
  g_autoptr(GList) toplevels = NULL;
  AdwAboutWindow *about = NULL;
  const char * const *developers;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;
  g_assert_nonnull (about);

  g_assert_cmpstr (adw_about_window_get_comments (about), ==, "Antrean pasien puskesmas");
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "Pengembang Giliran");
  developers = adw_about_window_get_developers (about);
  g_assert_cmpstr (developers[0], ==, "Pengembang Giliran");
  g_assert_cmpstr (adw_about_window_get_translator_credits (about), ==, "Pengembang Giliran");
  gtk_window_destroy (GTK_WINDOW (about));
  gil_test_ui_spin (50);
}

/* In a process of its own: the application stays on the session bus after
 * the test, where the next test's would be refused. */
static void
test_about (void)
{
  if (g_test_subprocess ())
    {
      check_about ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-window/offline-banner", test_offline_banner);
  g_test_add_func ("/giliran/ui-window/two-rooms-by-keyboard", test_two_rooms_by_keyboard);
  g_test_add_func ("/giliran/ui-window/about", test_about);
  g_test_add_func ("/giliran/ui-window/open-head-station", test_open_head_station);

  return g_test_run ();
}
