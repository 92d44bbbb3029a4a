/* test-ui-window.c — a station window under Xvfb: the manager goes away,
 * the banner says so and actions are disabled; it comes back, the window
 * recovers by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include "gil-test-manager.h"
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
  g_autoptr(AdwApplication) app = adw_application_new ("org.giliran.Giliran.Test", G_APPLICATION_NON_UNIQUE);
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                  gil_test_manager_get_admin_token (manager));
  GilWindow *window;
  Banner banner = { 0 };

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  gil_connection_start_events (connection, 0);
  window = gil_window_new (app, connection, "registration", NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (page_built, window, "the registration page");

  banner.revealer = gil_test_ui_find_type (GTK_WIDGET (window), GTK_TYPE_REVEALER, 0);
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

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-window/offline-banner", test_offline_banner);

  return g_test_run ();
}
