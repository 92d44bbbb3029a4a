/* gil-screen.c — windows that fit the screens puskesmas PCs have
 *
 * Many puskesmas PCs have a 1366x768 laptop screen or an old 1024x768
 * monitor, with a task bar. A window's default size is made for a larger
 * one; here it is cut to what the screen leaves beside a task bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-screen.h"

/**
 * gil_screen_fit_window:
 *
 * Makes @window's default size no larger than the (first) monitor less a
 * task bar's height. A window cut to the screen opens maximized, as it
 * would be used there anyway.
 */
void
gil_screen_fit_window (GtkWindow *window)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window)));
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle screen;
  int width, height;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_list_model_get_n_items (monitors) == 0)
    return;
  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &screen);
  screen.height -= GIL_SCREEN_TASKBAR_HEIGHT;
  gtk_window_get_default_size (window, &width, &height);
  if (width <= screen.width && height <= screen.height)
    return;
  gtk_window_set_default_size (window, MIN (width, screen.width), MIN (height, screen.height));
  if (width > screen.width)
    gtk_window_maximize (window);
}
