/* test-ui-screens.c — every station and window on the screens puskesmas
 * PCs have, against a real manager under Xvfb
 *
 * Run once for each screen (meson passes the Xvfb screen: 1366x768,
 * 1024x768, 800x600). Each window is laid out in what the screen leaves
 * beside a task bar: its minimum fits, its buttons and entries lie inside
 * it and none covers another. What each window needs at least is told in
 * the test's log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-application.h"
#include "gil-history-window.h"
#include "gil-preferences-window.h"
#include "gil-setup-window.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"
#include "gil-window.h"

/* What a desktop's panel or task bar takes of the screen's height. */
#define TASKBAR_HEIGHT 40

typedef struct
{
  GilTestServer   server;
  int             screen_width;
  int             screen_height;
  int             width;   /* the screen less the task bar */
  int             height;
} Fixture;

/* The stations' application, for all the tests. */
static AdwApplication *app;

/* ── measuring ─────────────────────────────────────────────────────── */

static void
measure (GtkWidget *window,
         int        for_width,
         int       *min_width,
         int       *min_height)
{
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, MAX (for_width, *min_width),
                      min_height, NULL, NULL, NULL);
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) ||
         ADW_IS_ENTRY_ROW (widget);
}

static char *
describe (GtkWidget *widget)
{
  const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;

  if (label == NULL && ADW_IS_PREFERENCES_ROW (widget))
    label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (label == NULL && GTK_IS_BUTTON (widget))
    label = gtk_button_get_icon_name (GTK_BUTTON (widget));
  return g_strdup_printf ("%s “%s”", G_OBJECT_TYPE_NAME (widget), label != NULL ? label : "");
}

typedef struct
{
  GtkWidget       *widget;
  graphene_rect_t  shown;    /* what of it is in view, in the window */
  gboolean         clipped;  /* cut off by the window's edge */
} Control;

/* Where @widget is in view: its bounds clipped by each scrolled window
 * around it. Returns FALSE when nothing of it is. */
static gboolean
shown_rect (GtkWidget       *window,
            GtkWidget       *widget,
            graphene_rect_t *shown)
{
  if (!gtk_widget_compute_bounds (widget, window, shown))
    return FALSE;
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      graphene_rect_t view;

      if (!GTK_IS_SCROLLED_WINDOW (up))
        continue;
      if (!gtk_widget_compute_bounds (up, window, &view) ||
          !graphene_rect_intersection (shown, &view, shown))
        return FALSE;
    }
  return shown->size.width > 0.5 && shown->size.height > 0.5;
}

static void
collect (GtkWidget *window,
         GtkWidget *widget,
         GArray    *controls)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_POPOVER (widget))
    return;
  if (is_control (widget))
    {
      Control c = { widget };
      graphene_rect_t bounds;
      graphene_rect_t inside = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                   gtk_widget_get_height (window));

      if (shown_rect (window, widget, &c.shown))
        {
          g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
          graphene_rect_inset (&inside, -0.5, -0.5);
          c.clipped = !graphene_rect_contains_rect (&inside, &c.shown);
          g_array_append_val (controls, c);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (window, child, controls);
}

/* The window fits the space beside the task bar, and each control in view
 * lies inside it, apart from every other. */
static void
check_layout (Fixture    *f,
              GtkWidget  *window,
              const char *name)
{
  g_autoptr(GArray) controls = g_array_new (FALSE, FALSE, sizeof (Control));

  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_assert_cmpint (gdk_surface_get_width (surface), <=, f->screen_width);
  g_assert_cmpint (gdk_surface_get_height (surface), <=, f->screen_height);
  collect (window, window, controls);
  /* A display full screen has none. */
  g_assert_true (controls->len > 0 || !gtk_widget_get_visible (gil_test_ui_find_type (window, ADW_TYPE_HEADER_BAR, 0)));
  for (guint i = 0; i < controls->len; i++)
    {
      Control *a = &g_array_index (controls, Control, i);

      if (a->clipped)
        {
          g_autofree char *what = describe (a->widget);

          g_error ("%s at %dx%d: %s is cut off at (%.0f, %.0f) %.0fx%.0f", name,
                   gtk_widget_get_width (window), gtk_widget_get_height (window), what,
                   a->shown.origin.x, a->shown.origin.y, a->shown.size.width, a->shown.size.height);
        }
      for (guint j = i + 1; j < controls->len; j++)
        {
          Control *b = &g_array_index (controls, Control, j);
          graphene_rect_t both;

          if (gtk_widget_is_ancestor (a->widget, b->widget) ||
              gtk_widget_is_ancestor (b->widget, a->widget))
            continue;
          if (graphene_rect_intersection (&a->shown, &b->shown, &both) &&
              both.size.width > 0.5 && both.size.height > 0.5)
            {
              g_autofree char *what_a = describe (a->widget);
              g_autofree char *what_b = describe (b->widget);

              g_error ("%s at %dx%d: %s and %s overlap", name,
                       gtk_widget_get_width (window), gtk_widget_get_height (window), what_a, what_b);
            }
        }
    }
}

static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* Lays @window out at the space beside the task bar (or the whole
 * screen, @full), looks at it and leaves a screenshot. */
static void
check_window (Fixture    *f,
              GtkWindow  *window,
              const char *name,
              gboolean    full)
{
  int width = full ? f->screen_width : f->width;
  int height = full ? f->screen_height : f->height;
  int min_width, min_height;
  GdkSurface *surface;
  g_autofree char *shot = g_strdup_printf ("screens-%s-%dx%d", name, f->screen_width, f->screen_height);

  gtk_window_set_default_size (window, width, height);
  gtk_window_present (window);
  gil_test_ui_wait (laid_out, window, name);
  gil_test_ui_spin (500);

  /* Measured on the screen: a display's scale follows its size. */
  measure (GTK_WIDGET (window), width, &min_width, &min_height);
  g_test_message ("%s: at least %dx%d (on %dx%d)", name, min_width, min_height, width, height);
  g_assert_cmpint (min_width, <=, width);
  g_assert_cmpint (min_height, <=, height);
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, height);
  check_layout (f, GTK_WIDGET (window), name);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), shot));
}

/* ── the stations ──────────────────────────────────────────────────── */

static gboolean
page_built (gpointer data)
{
  return gil_window_get_page (data) != NULL;
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} Shown;

static gboolean
named_shown (gpointer data)
{
  Shown *shown = data;

  return gil_test_ui_find_named (shown->root, shown->name) != NULL;
}

/* What fills each station once the manager has answered, measured with
 * it: a room's card, the day's first figure, the Call Next button. */
static const char *
filled_name (const char *station)
{
  if (g_str_equal (station, "display"))
    return "card_room";
  if (g_str_equal (station, "head"))
    return "stat-visits";
  if (g_str_equal (station, "room"))
    return "call_next_button";
  return NULL;
}

static GilConnection *
connect_as (Fixture    *f,
            const char *role,
            const char *rooms)
{
  g_autofree char *token = role != NULL ? gil_test_api_pair (f->server.url, f->server.admin, role, rooms)
                                        : g_strdup (f->server.admin);
  GilConnection *connection = gil_connection_new (f->server.url, token);

  gil_connection_start_events (connection, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_ui_wait (is_online, connection, "the connection");
  return connection;
}

/* Closes @window; then @connection (if any), the window's, stops
 * listening. */
static void
close_window (GtkWindow     *window,
              GilConnection *connection)
{
  gtk_window_destroy (window);
  gil_test_ui_spin (50);
  if (connection != NULL)
    gil_connection_stop_events (connection);
}

/* check_window(), then close_window(). */
static void
check_and_close (Fixture       *f,
                 GtkWindow     *window,
                 const char    *name,
                 gboolean       full_screen,
                 GilConnection *connection)
{
  check_window (f, window, name, full_screen);
  close_window (window, connection);
}

static void
check_station (Fixture    *f,
               const char *station,
               const char *role,
               const char *room)
{
  g_autofree char *room_id = room != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT,
                                                            gil_test_api_room_id (f->server.url, f->server.admin, room))
                                           : g_strdup ("");
  g_autoptr(GilConnection) connection = connect_as (f, role, room_id);
  const char *rooms[] = { room, NULL };
  GilWindow *window = gil_window_new (app, connection, station, room != NULL ? rooms : NULL);
  int width, height;

  /* As the app opens it: never larger than the screen. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, <=, f->width);
  g_assert_cmpint (height, <=, f->height);
  gil_test_ui_wait (page_built, window, station);
  if (filled_name (station) != NULL)
    {
      Shown shown = { GTK_WIDGET (window), filled_name (station) };

      gil_test_ui_wait (named_shown, &shown, shown.name);
    }
  if (gtk_window_is_fullscreen (GTK_WINDOW (window)))
    gtk_window_unfullscreen (GTK_WINDOW (window));
  check_and_close (f, GTK_WINDOW (window), station, FALSE, connection);
}

static void
test_registration (Fixture       *f,
                   gconstpointer  data)
{
  check_station (f, "registration", NULL, NULL);
}

static void
test_display (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilConnection) connection = connect_as (f, "display", "");
  GilWindow *window;

  check_station (f, "display", "display", NULL);

  /* On a display PC: full screen, the whole of it. */
  window = gil_window_new (app, connection, "display", NULL);
  gil_test_ui_wait (page_built, window, "display");
  check_and_close (f, GTK_WINDOW (window), "display-full", TRUE, connection);
}

static void
test_head (Fixture       *f,
           gconstpointer  data)
{
  check_station (f, "head", "head", NULL);
}

static void
test_room (Fixture       *f,
           gconstpointer  data)
{
  check_station (f, "room", "room", "K2-KIA");
}

static gboolean
is_stack (gpointer data)
{
  return ADW_IS_VIEW_STACK (gil_window_get_page (data));
}

/* A station for several rooms can switch rooms at any width: the switcher
 * in the header bar, or, when that has no room for it, a bar at the
 * bottom. */
static void
test_rooms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GilConnection) connection = connect_as (f, NULL, NULL);
  const char *rooms[] = { "K2-KIA", "K2-BALITA", "K3-DEWASA", "K3-LANSIA", NULL };
  GilWindow *window = gil_window_new (app, connection, "room", rooms);
  GtkWidget *title;
  GtkWidget *bar;

  gil_test_ui_wait (is_stack, window, "the room pages");
  gtk_window_set_default_size (GTK_WINDOW (window), f->width, f->height);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (laid_out, window, "the rooms' window");
  gil_test_ui_spin (300);

  title = gil_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, 0);
  bar = gil_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, 0);
  g_assert_nonnull (title);
  g_assert_nonnull (bar);
  g_assert_true (GTK_WIDGET (adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar))) ==
                 gil_window_get_page (window));
  g_test_message ("rooms at %dx%d: switcher %s", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)),
                  adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)) ? "at the bottom"
                                                                                  : "in the header bar");
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)) ==
                 adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)));
  close_window (GTK_WINDOW (window), connection);
}

static void
test_setup (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GilApplication) setup_app = gil_application_new ();
  GilSetupWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (setup_app), NULL, NULL));
  window = gil_setup_window_new (setup_app);
  check_and_close (f, GTK_WINDOW (window), "welcome", FALSE, NULL);
}

static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GilConnection) connection = connect_as (f, NULL, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilPreferencesWindow *window = gil_preferences_window_new (NULL, connection, settings);

  check_and_close (f, GTK_WINDOW (window), "preferences", FALSE, connection);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilConnection) connection = connect_as (f, NULL, NULL);
  g_autofree char *birth = gil_test_api_years_ago (30);
  g_autoptr(JsonNode) visit = gil_test_api_register (f->server.url, f->server.admin, "Komang Ayu", birth, NULL);
  JsonObject *object = gil_test_api_object (visit);
  GilHistoryWindow *window = gil_history_window_new (NULL, connection,
                                                     json_object_get_int_member (object, "id"),
                                                     json_object_get_string_member (object, "ticket"));

  check_and_close (f, GTK_WINDOW (window), "history", FALSE, connection);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  f->screen_width = geometry.width;
  f->screen_height = geometry.height;
  f->width = geometry.width;
  f->height = geometry.height - TASKBAR_HEIGHT;

  gil_test_server_set_up (&f->server, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_server_tear_down (&f->server, data);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  app = gil_test_ui_app_new ("org.giliran.Giliran.Test");

#define ADD(path, func) \
  g_test_add ("/giliran/ui-screens/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("registration", test_registration);
  ADD ("display", test_display);
  ADD ("head", test_head);
  ADD ("room", test_room);
  ADD ("rooms", test_rooms);
  ADD ("welcome", test_setup);
  ADD ("preferences", test_preferences);
  ADD ("history", test_history);
#undef ADD

  return g_test_run ();
}
