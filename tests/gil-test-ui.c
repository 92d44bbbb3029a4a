/* gil-test-ui.c — what the interface tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "gil-i18n.h"
#include "gil-test-ui.h"

#define WAIT_TIMEOUT_MS 15000

void
gil_test_ui_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* GnuTLS loaded with the program, not later by glib-networking in a
   * handshake thread, where LeakSanitizer cannot scan its thread-local
   * storage (see gil_test_manager_dup_fingerprint()): the interface tests
   * reach their managers over HTTPS too. */
  g_assert_nonnull (gnutls_check_version (NULL));

  gil_i18n_init (TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  /* What AdwApplication would load for the app. */
  gtk_css_provider_load_from_resource (css, "/org/giliran/Giliran/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/giliran/Giliran/icons");
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * gil_test_ui_wait:
 * @what: said when the wait times out
 *
 * Runs the main loop until @condition holds; fails the test after 15 s.
 */
void
gil_test_ui_wait (GilTestCondition  condition,
                  gpointer          data,
                  const char       *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_TIMEOUT_MS, on_timeout_cb, &timed_out);

  while (!condition (data))
    {
      if (timed_out)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (id);
}

/**
 * gil_test_ui_wait_result:
 * @slot: the `GAsyncResult *` given to gil_test_loop_keep_result()
 * @what: what is awaited, said if it never comes
 *
 * Runs the main loop until the call has its result, as gil_test_ui_wait().
 *
 * Returns: (transfer full): the result, taken from @slot
 */
GAsyncResult *
gil_test_ui_wait_result (GAsyncResult **slot,
                         const char    *what)
{
  return gil_test_loop_wait_result (slot, WAIT_TIMEOUT_MS, what);
}

/* Runs the main loop for @msec, for animations and redraws. */
void
gil_test_ui_spin (guint msec)
{
  gboolean done = FALSE;

  g_timeout_add (msec, on_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find (GtkWidget *widget,
      gboolean (*match) (GtkWidget *, gconstpointer),
      gconstpointer data,
      guint     *skip)
{
  if (match (widget, data))
    {
      if (*skip == 0)
        return widget;
      (*skip)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
match_button (GtkWidget     *widget,
              gconstpointer  data)
{
  const char *label;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_visible (widget))
    return FALSE;
  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label == NULL)
    return FALSE;
  {
    g_autoptr(GString) plain = g_string_new (label);

    g_string_replace (plain, "_", "", 0);
    return g_str_equal (plain->str, data);
  }
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), data) == 0 ||
         g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/**
 * gil_test_ui_find_button:
 * @label: the button's label as shown, without mnemonic underscores
 *
 * Returns: (transfer none) (nullable): the first visible button so labelled
 */
GtkWidget *
gil_test_ui_find_button (GtkWidget  *root,
                         const char *label)
{
  guint skip = 0;

  return find (root, match_button, label, &skip);
}

GtkWidget *
gil_test_ui_find_label (GtkWidget  *root,
                        const char *text)
{
  guint skip = 0;

  return find (root, match_label, text, &skip);
}

GtkWidget *
gil_test_ui_find_type (GtkWidget *root,
                       GType      type,
                       guint      nth)
{
  guint skip = nth;

  return find (root, match_type, GSIZE_TO_POINTER (type), &skip);
}

/**
 * gil_test_ui_find_named:
 * @name: the widget's id in its template (its GtkBuildable id), or the
 *   name it was given with gtk_widget_set_name()
 *
 * Finds a widget by the name the interface gives it, not by where it
 * happens to stand: the first so named under @root, in depth-first order.
 * A name repeated in rows of a list (each row built from one template) is
 * found within the row given as @root.
 *
 * Returns: (transfer none) (nullable): the widget
 */
GtkWidget *
gil_test_ui_find_named (GtkWidget  *root,
                        const char *name)
{
  guint skip = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find (root, match_name, name, &skip);
}

/**
 * gil_test_ui_get_named:
 *
 * As gil_test_ui_find_named(), for a widget that must be there: the test
 * fails, naming it, when it is not.
 *
 * Returns: (transfer none): the widget
 */
GtkWidget *
gil_test_ui_get_named (GtkWidget  *root,
                       const char *name)
{
  GtkWidget *widget = gil_test_ui_find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

/**
 * gil_test_ui_count_named:
 * @name: as for gil_test_ui_find_named()
 *
 * Returns: how many widgets under @root (itself included) are so named:
 *   one per row or card built from one template
 */
guint
gil_test_ui_count_named (GtkWidget  *root,
                         const char *name)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);
  g_return_val_if_fail (name != NULL, 0);

  for (;;)
    {
      guint skip = n;

      if (find (root, match_name, name, &skip) == NULL)
        return n;
      n++;
    }
}

/**
 * gil_test_ui_count_rows:
 *
 * Returns: how many rows @list holds (its placeholder not counted)
 */
guint
gil_test_ui_count_rows (GtkListBox *list)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), 0);

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* A GilTestCondition: the GtkListBox @data holds a row. */
gboolean
gil_test_ui_list_filled (gpointer data)
{
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (data), 0) != NULL;
}

/**
 * gil_test_ui_find_dialog:
 *
 * Returns: (transfer none) (nullable): the message dialog on show, if any
 */
GtkWidget *
gil_test_ui_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* A GilTestCondition: a message dialog is on show. */
gboolean
gil_test_ui_dialog_shown (gpointer data)
{
  return gil_test_ui_find_dialog () != NULL;
}

/* A GilTestCondition: no message dialog is on show. */
gboolean
gil_test_ui_dialog_gone (gpointer data)
{
  return gil_test_ui_find_dialog () == NULL;
}

/**
 * gil_test_ui_close_station:
 * @window: (nullable): the station's window, destroyed
 * @rooms: the station's room list, dropped
 * @connection: the station's connection: its events stopped, and nothing
 *   else may hold it then
 *
 * Closes a station as a test's tear-down does.
 */
void
gil_test_ui_close_station (GtkWindow      *window,
                           GilRoomList   **rooms,
                           GilConnection  *connection)
{
  if (window != NULL)
    gtk_window_destroy (window);
  gil_test_ui_spin (50);
  gil_connection_stop_events (connection);
  g_clear_object (rooms);
  g_assert_finalize_object (connection);
}

/**
 * gil_test_ui_station_close:
 * @station: a station opened, or with no connection yet: then nothing
 *
 * Closes @station as gil_test_ui_close_station() does.
 */
void
gil_test_ui_station_close (GilTestUiStation *station)
{
  if (station->connection == NULL)
    return;
  gil_test_ui_close_station (station->window, &station->rooms, station->connection);
  station->connection = NULL;
  station->window = NULL;
  station->page = NULL;
}

/**
 * gil_test_ui_app_new:
 * @id: the application's id on the bus: one each in a test program
 *
 * Returns: (transfer full): an application registered, for the windows
 *   a test opens
 */
AdwApplication *
gil_test_ui_app_new (const char *id)
{
  AdwApplication *app = adw_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  return app;
}

/**
 * gil_test_ui_assert_inside:
 * @widget: a widget that must be on show
 * @window: its window
 *
 * Asserts that @widget is mapped and wholly inside @window, bar its top
 * edge.
 */
void
gil_test_ui_assert_inside (GtkWidget *widget,
                           GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (window));
}

/**
 * gil_test_ui_screenshot:
 * @name: the file name without .png
 *
 * Renders @widget as it is on screen into $GILIRAN_SCREENSHOT_DIR (or the
 * test's build folder) for a person to look at.
 *
 * Returns: (transfer full): the path written (or, when nothing was drawn, the path not written)
 */
char *
gil_test_ui_screenshot (GtkWidget  *widget,
                        const char *name)
{
  const char *dir = g_getenv ("GILIRAN_SCREENSHOT_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), file, NULL);
  /* A window not laid out yet, or between two frames (a slow, sanitized
   * run), may have no size or draw nothing for a moment: a screenshot is
   * for people to look at, never a reason for a test to fail, so it waits
   * a little and then does without. */
  for (guint tries = 0; (width <= 0 || height <= 0) && tries < 20; tries++)
    {
      gil_test_ui_spin (100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
    }
  if (width <= 0 || height <= 0)
    {
      g_test_message ("no screenshot %s: the window has no size", path);
      return g_steal_pointer (&path);
    }
  for (guint tries = 0; node == NULL && tries < 20; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (tries > 0)
        gil_test_ui_spin (100);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_test_message ("no screenshot %s: the window drew nothing", path);
      return g_steal_pointer (&path);
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return g_steal_pointer (&path);
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
  const char *text;
} LabelExpect;

static gboolean
label_shows (gpointer data)
{
  LabelExpect *e = data;
  GtkWidget *label = gil_test_ui_find_named (e->root, e->name);

  return label != NULL && gtk_widget_is_visible (label) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), e->text) == 0;
}

/**
 * gil_test_ui_wait_label:
 * @name: the label's id in its template, or the name the code gave it
 *
 * Waits until the label named @name under @root is on show and reads
 * @text.
 */
void
gil_test_ui_wait_label (GtkWidget  *root,
                        const char *name,
                        const char *text)
{
  LabelExpect e = { root, name, text };
  g_autofree char *what = g_strdup_printf ("“%s” in %s", text, name);

  gil_test_ui_wait (label_shows, &e, what);
}

/**
 * gil_test_ui_can_type:
 *
 * Returns: whether gil_test_ui_type() can press keys here: an X display
 *   and xdotool
 */
gboolean
gil_test_ui_can_type (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

/**
 * gil_test_ui_skip_unless_can_type:
 *
 * Marks the running test skipped where gil_test_ui_can_type() is false.
 *
 * Returns: whether the test was skipped (and should return)
 */
gboolean
gil_test_ui_skip_unless_can_type (void)
{
  if (gil_test_ui_can_type ())
    return FALSE;
  g_test_skip ("needs xdotool on an X display");
  return TRUE;
}

static void
on_xdotool_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_error ("xdotool: %s", error->message);
  *(gboolean *)user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *)data;
}

/* Runs xdotool with @argv, the main loop going on meanwhile. */
static void
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, on_xdotool_done_cb, &done);
  gil_test_ui_wait (is_true, &done, "xdotool");
}

/**
 * gil_test_ui_type:
 * @window: a toplevel on the X display
 * @keys: keys as xdotool names them, space-separated: "Return", "F6",
 *   "ctrl+m"
 *
 * Gives @window the X server's keyboard focus, as a window manager would
 * when it is clicked or raised, and presses @keys on the virtual keyboard
 * (XTEST). The keys reach GTK as a person's typing does, so they go
 * wherever the window's focus is: no shortcut is run behind GTK's back.
 * Needs gil_test_ui_can_type().
 */
void
gil_test_ui_type (GtkWidget  *window,
                  const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) key_argv = NULL;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (gulong)gdk_x11_surface_get_xid (surface));
  run_xdotool ((const char *[]) { "xdotool", "windowfocus", "--sync", xid, NULL });

  g_strv_builder_add_many (argv, "xdotool", "key", NULL);
  g_strv_builder_addv (argv, (const char **)names);
  key_argv = g_strv_builder_end (argv);
  run_xdotool ((const char * const *)key_argv);
}

/**
 * gil_test_ui_assert_new_destroy:
 * @page_new: makes a page from a context
 *
 * Makes a page with @page_new on a context whose manager is nowhere, and
 * asserts that the page and the context are finalized once let go. The
 * room list's first request is still under way then, holding the list.
 */
void
gil_test_ui_assert_new_destroy (GilTestPageNew page_new)
{
  GilConnection *connection = gil_connection_new ("http://127.0.0.1:1", "x");
  GilRoomList *rooms = gil_room_list_new (connection);
  GilContext *context = gil_context_new (connection, rooms, NULL);
  GtkWidget *page = page_new (context);

  g_object_ref_sink (page);
  g_assert_finalize_object (page);
  g_assert_finalize_object (context);
  g_object_unref (rooms);
  g_object_unref (connection);
}

/**
 * gil_test_ui_press_button:
 * @root: where the button is: a page or a dialog
 * @label: the button's label
 * @how: clicked, or Enter pressed on it (needs gil_test_ui_can_type())
 *
 * Presses the button labelled @label under @root as a person would,
 * asserting that it is there and can be pressed.
 */
void
gil_test_ui_press_button (GtkWidget      *root,
                          const char     *label,
                          GilTestUiPress  how)
{
  GtkWidget *button = gil_test_ui_find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  if (how == GIL_TEST_UI_PRESS_CLICK)
    {
      g_signal_emit_by_name (button, "clicked");
      return;
    }
  g_assert_true (gtk_widget_grab_focus (button));
  gil_test_ui_type (root, "Return");
}

/* A GilTestCondition: the label @data->widget reads @data->text. */
gboolean
gil_test_expect_label (gpointer data)
{
  GilTestExpect *e = data;

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (e->widget)), e->text) == 0;
}

/* A GilTestCondition: the editable @data->widget holds @data->text. */
gboolean
gil_test_expect_text (gpointer data)
{
  GilTestExpect *e = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (e->widget)), e->text) == 0;
}

/* A GilTestCondition: the label @data->widget is shown and says
 * @data->text among other things. */
gboolean
gil_test_expect_label_contains (gpointer data)
{
  GilTestExpect *e = data;

  return gtk_widget_get_visible (e->widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (e->widget)), e->text) != NULL;
}

typedef struct
{
  GtkWindow *window;
  GtkWidget *widget;
} FocusExpect;

static gboolean
focus_within (gpointer data)
{
  FocusExpect *e = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (e->window));

  return focus != NULL && (focus == e->widget || gtk_widget_is_ancestor (focus, e->widget));
}

/**
 * gil_test_ui_wait_focus:
 * @window: the window @widget is in
 * @what: where the focus is awaited, said if it never comes
 *
 * Waits until the keyboard focus of @window is @widget or in it: where
 * the keys typed next go.
 */
void
gil_test_ui_wait_focus (GtkWindow  *window,
                        GtkWidget  *widget,
                        const char *what)
{
  FocusExpect e = { window, widget };
  g_autofree char *message = g_strdup_printf ("the keyboard focus on %s", what);

  gil_test_ui_wait (focus_within, &e, message);
}

/**
 * gil_test_ui_find_label_containing:
 * @root: (nullable): where to look; %NULL finds nothing
 * @text: what the label says, among other things
 * @css_class: (nullable): a style the label must have
 *
 * Returns: (transfer none) (nullable): the first label on show under
 *   @root whose text has @text in it (and the style @css_class)
 */
GtkWidget *
gil_test_ui_find_label_containing (GtkWidget  *root,
                                   const char *text,
                                   const char *css_class)
{
  for (guint i = 0; root != NULL; i++)
    {
      GtkWidget *label = gil_test_ui_find_type (root, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return NULL;
      if (gtk_widget_get_visible (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL &&
          (css_class == NULL || gtk_widget_has_css_class (label, css_class)))
        return label;
    }
  return NULL;
}
