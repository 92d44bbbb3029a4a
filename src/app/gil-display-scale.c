/* gil-display-scale.c — the waiting-room display's scale for its screen
 *
 * The display's sizes are in em of its page's font size, made for
 * 1366x768 (style.css, .display-page). Type made for 1366x768 looks small
 * on a full-HD screen: there the page takes a larger scale (.large); on
 * an old 1024x768 monitor, in a window beside a task bar (.small), or at
 * 800x600 (.tiny) it takes a smaller one, so that the whole board fits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-display-scale.h"

#define LARGE_WIDTH   1800
#define LARGE_HEIGHT  1000
#define FULL_WIDTH    1280   /* the board's own scale, as made for 1366x768 */
#define FULL_HEIGHT   760
#define SMALL_WIDTH   960    /* 1024x768 with a task bar, or in a window */
#define SMALL_HEIGHT  600

static void
set_scale (GtkWidget *page,
           int        width,
           int        height)
{
  const char *scale = NULL;

  if (width >= LARGE_WIDTH && height >= LARGE_HEIGHT)
    scale = "large";
  else if (width >= FULL_WIDTH && height >= FULL_HEIGHT)
    scale = NULL;
  else if (width >= SMALL_WIDTH && height >= SMALL_HEIGHT)
    scale = "small";
  else
    scale = "tiny";

  gtk_widget_remove_css_class (page, "large");
  gtk_widget_remove_css_class (page, "small");
  gtk_widget_remove_css_class (page, "tiny");
  if (scale != NULL)
    gtk_widget_add_css_class (page, scale);
}

/**
 * gil_display_scale_update:
 * @page: the display's page
 *
 * Gives @page the scale for its window's surface, which is sized before
 * the page is laid out; before that is on screen, for the window's
 * default size within the screen's, so that the window is not first made
 * larger than the screen by a scale too large. The smaller scales also
 * make the page's minimum smaller than the surface they are chosen for.
 */
void
gil_display_scale_update (GtkWidget *page)
{
  GtkNative *native = gtk_widget_get_native (page);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (page));
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle screen = { 0, 0, FULL_WIDTH, FULL_HEIGHT };
  int width, height;

  g_return_if_fail (GTK_IS_WIDGET (page));

  if (surface != NULL && gdk_surface_get_mapped (surface))
    {
      set_scale (page, gdk_surface_get_width (surface), gdk_surface_get_height (surface));
      return;
    }
  if (g_list_model_get_n_items (monitors) > 0)
    {
      monitor = g_list_model_get_item (monitors, 0);
      gdk_monitor_get_geometry (monitor, &screen);
    }
  if (GTK_IS_WINDOW (native))
    {
      gtk_window_get_default_size (GTK_WINDOW (native), &width, &height);
      if (width > 0)
        screen.width = MIN (screen.width, width);
      if (height > 0)
        screen.height = MIN (screen.height, height);
    }
  set_scale (page, screen.width, screen.height);
}
