/* gil-window.c — one station's window
 *
 * The window shows one station (registration desk, a room, the display) on
 * the shared connection, and says so at once when the queue server cannot
 * be reached; actions that need it are disabled until it is back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-application.h"
#include "gil-context.h"
#include "gil-display-page.h"
#include "gil-head-page.h"
#include "gil-kiosk-page.h"
#include "gil-registration-page.h"
#include "gil-room-list.h"
#include "gil-room-page.h"
#include "gil-screen.h"
#include "gil-window.h"

#define OFFLINE_GRACE_MS 2000

struct _GilWindow
{
  AdwApplicationWindow  parent_instance;

  GilConnection        *connection;
  GilHost              *host;       /* the queue server this computer hosts, if it does */
  GilContext           *context;    /* what the page shares: connection, rooms, settings */
  GilRoomList          *room_list;  /* the context's */
  char                 *station;
  GStrv                 rooms;
  gboolean              ever_online;
  gboolean              page_built;
  guint                 offline_timeout_id;

  AdwWindowTitle       *window_title;
  AdwHeaderBar         *header_bar;
  GtkRevealer          *offline_revealer;
  GtkLabel             *offline_label;
  AdwBin               *page_bin;
  GMenu                *rooms_section;
};

G_DEFINE_FINAL_TYPE (GilWindow, gil_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_STATION,
  PROP_ROOMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A display keeps showing what it has; a kiosk hears no events, so it is
 * never "online": it says itself when a request fails. */
static gboolean
needs_server (GilWindow *self)
{
  return g_strcmp0 (self->station, "display") != 0 && g_strcmp0 (self->station, "kiosk") != 0;
}

static gboolean
is_full_screen_station (GilWindow *self)
{
  return g_strcmp0 (self->station, "display") == 0 || g_strcmp0 (self->station, "kiosk") == 0;
}

static gboolean
on_offline_grace_cb (gpointer user_data)
{
  GilWindow *self = user_data;

  self->offline_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

/* The banner: what happened to the queue server this computer hosts, when
 * something did; else whether the queue server can be reached. */
static void
update_online (GilWindow *self)
{
  gboolean online = gil_connection_get_online (self->connection);
  const char *problem = self->host != NULL ? gil_host_get_problem (self->host) : NULL;

  g_clear_handle_id (&self->offline_timeout_id, g_source_remove);
  /* A kiosk hears no events: it is never "online", and says itself when
   * a request fails. Only the queue server it hosts may have a problem. */
  if (g_strcmp0 (self->station, "kiosk") == 0)
    {
      if (problem != NULL)
        gtk_label_set_text (self->offline_label, problem);
      gtk_revealer_set_reveal_child (self->offline_revealer, problem != NULL);
      return;
    }
  gtk_label_set_text (self->offline_label,
                      problem != NULL ? problem
                                      : _("The queue server cannot be reached. Offline, reconnecting…"));
  if (online)
    self->ever_online = TRUE;
  if (problem != NULL || (!online && self->ever_online))
    gtk_revealer_set_reveal_child (self->offline_revealer, TRUE);
  else if (online)
    gtk_revealer_set_reveal_child (self->offline_revealer, FALSE);
  else
    /* Connecting at start-up takes a moment; do not cry wolf. */
    self->offline_timeout_id = g_timeout_add (OFFLINE_GRACE_MS, on_offline_grace_cb, self);

  if (needs_server (self))
    gtk_widget_set_sensitive (GTK_WIDGET (self->page_bin), online);
}

static void
on_online_changed_cb (GilWindow *self)
{
  update_online (self);
}

/* In the header bar, and for the task bar and screen readers. */
static void
set_title (GilWindow  *self,
           const char *title)
{
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static GtkWidget *
build_room_pages (GilWindow *self)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  AdwViewStack *stack;
  AdwViewSwitcherTitle *switcher;
  AdwViewSwitcherBar *bar;

  for (guint i = 0; self->rooms != NULL && self->rooms[i] != NULL; i++)
    {
      GilRoomItem *room = gil_room_list_find_by_code (self->room_list, self->rooms[i]);

      if (room != NULL)
        g_ptr_array_add (ids, room);
    }

  if (ids->len == 0)
    return adw_status_page_new ();

  if (ids->len == 1)
    {
      GilRoomItem *room = g_ptr_array_index (ids, 0);

      set_title (self, gil_room_item_get_name (room));
      return gil_room_page_new (self->context, gil_room_item_get_id (room));
    }

  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  for (guint i = 0; i < ids->len; i++)
    {
      GilRoomItem *room = g_ptr_array_index (ids, i);
      GtkWidget *page = gil_room_page_new (self->context, gil_room_item_get_id (room));

      adw_view_stack_add_titled (stack, page, gil_room_item_get_code (room),
                                 gil_room_item_get_name (room));
    }
  switcher = ADW_VIEW_SWITCHER_TITLE (adw_view_switcher_title_new ());
  adw_view_switcher_title_set_stack (switcher, stack);
  adw_view_switcher_title_set_title (switcher, _("Rooms"));
  gtk_window_set_title (GTK_WINDOW (self), _("Rooms"));
  adw_header_bar_set_title_widget (self->header_bar, GTK_WIDGET (switcher));

  /* Too narrow for the switcher in the header bar (a 1024x768 screen
   * with many rooms, or a window beside another): it moves to the
   * bottom, as GNOME's apps do. */
  bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
  adw_view_switcher_bar_set_stack (bar, stack);
  g_object_bind_property (switcher, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->page_bin))), GTK_WIDGET (bar));
  return GTK_WIDGET (stack);
}

static void
build_page (GilWindow *self)
{
  GtkWidget *page = NULL;

  if (g_str_equal (self->station, "registration"))
    {
      set_title (self, _("Registration Desk"));
      page = gil_registration_page_new (self->context);
    }
  else if (g_str_equal (self->station, "display"))
    {
      set_title (self, _("Waiting-Room Display"));
      page = gil_display_page_new (self->context, (const char * const *)self->rooms);
    }
  else if (g_str_equal (self->station, "kiosk"))
    {
      set_title (self, _("Ticket kiosk"));
      page = gil_kiosk_page_new (self->context);
    }
  else if (g_str_equal (self->station, "room"))
    {
      /* Rooms are named by code; their ids come with the room list. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->room_list)) == 0)
        return;
      page = build_room_pages (self);
    }
  else
    {
      set_title (self, _("Head of the Puskesmas"));
      page = gil_head_page_new (self->context);
    }

  adw_bin_set_child (self->page_bin, page);
  self->page_built = TRUE;
}

static void
rebuild_rooms_menu (GilWindow *self)
{
  GListModel *rooms = G_LIST_MODEL (self->room_list);

  g_menu_remove_all (self->rooms_section);
  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (rooms, i);
      g_autofree char *target = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!gil_room_item_get_active (room))
        continue;
      target = g_strconcat ("room:", gil_room_item_get_code (room), NULL);
      item = g_menu_item_new (gil_room_item_get_name (room), NULL);
      g_menu_item_set_action_and_target (item, "app.open-station", "s", target);
      g_menu_append_item (self->rooms_section, item);
    }
}

static void
on_rooms_changed_cb (GilWindow *self)
{
  rebuild_rooms_menu (self);
  if (!self->page_built)
    build_page (self);
}

/* The application's settings when it is Giliran's, else new ones (a test). */
static GSettings *
settings_of (GilWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return GIL_IS_APPLICATION (app) ? gil_application_get_settings (GIL_APPLICATION (app)) : NULL;
}

static void
gil_window_constructed (GObject *object)
{
  GilWindow *self = (GilWindow *)object;

  G_OBJECT_CLASS (gil_window_parent_class)->constructed (object);

  self->context = gil_context_new (self->connection, NULL, settings_of (self));
  self->room_list = g_object_ref (gil_context_get_rooms (self->context));
  g_signal_connect_object (self->room_list, "items-changed",
                           G_CALLBACK (on_rooms_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::online",
                           G_CALLBACK (on_online_changed_cb), self, G_CONNECT_SWAPPED);
  update_online (self);
  build_page (self);

  if (is_full_screen_station (self))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
gil_window_dispose (GObject *object)
{
  GilWindow *self = (GilWindow *)object;

  g_clear_handle_id (&self->offline_timeout_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_WINDOW);
  g_clear_object (&self->room_list);
  g_clear_object (&self->context);
  g_clear_object (&self->connection);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (gil_window_parent_class)->dispose (object);
}

static void
gil_window_finalize (GObject *object)
{
  GilWindow *self = (GilWindow *)object;

  g_free (self->station);
  g_strfreev (self->rooms);

  G_OBJECT_CLASS (gil_window_parent_class)->finalize (object);
}

static void
gil_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GilWindow *self = GIL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_STATION:
      g_value_set_string (value, self->station);
      break;
    case PROP_ROOMS:
      g_value_set_boxed (value, self->rooms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GilWindow *self = GIL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_STATION:
      self->station = g_value_dup_string (value);
      break;
    case PROP_ROOMS:
      self->rooms = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* Full screen, a display shows only the board, a kiosk only its page. */
static void
on_fullscreened_cb (GilWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar),
                          !(gtk_window_is_fullscreen (GTK_WINDOW (self)) &&
                            is_full_screen_station (self)));
}

static void
gil_window_class_init (GilWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gil_window_constructed;
  object_class->dispose = gil_window_dispose;
  object_class->finalize = gil_window_finalize;
  object_class->get_property = gil_window_get_property;
  object_class->set_property = gil_window_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, GIL_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATION] =
    g_param_spec_string ("station", NULL, NULL, "registration",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOMS] =
    g_param_spec_boxed ("rooms", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GilWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GilWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GilWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, GilWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, GilWindow, page_bin);
  gtk_widget_class_bind_template_child (widget_class, GilWindow, rooms_section);

  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
}

/* For giliran-bench: the time of the first frame painted, on the
 * system's monotonic clock, then quit. */
static void
on_first_paint_cb (GdkFrameClock *clock,
                   GilWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
on_realize_cb (GilWindow *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                    G_CALLBACK (on_first_paint_cb), self);
}

static void
gil_window_init (GilWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_screen_fit_window (GTK_WINDOW (self));
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), NULL);
  if (g_getenv ("GILIRAN_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
}

GilWindow *
gil_window_new (AdwApplication     *application,
                GilConnection      *connection,
                const char         *station,
                const char * const *rooms)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (station != NULL, NULL);

  return g_object_new (GIL_TYPE_WINDOW,
                       "application", application,
                       "connection", connection,
                       "station", station,
                       "rooms", rooms,
                       NULL);
}

/**
 * gil_window_set_host:
 * @host: (nullable): the queue server this computer hosts
 *
 * The banner then also says what happens to it: that it stopped and is
 * being started again, or why it cannot start.
 */
void
gil_window_set_host (GilWindow *self,
                     GilHost   *host)
{
  g_return_if_fail (GIL_IS_WINDOW (self));
  g_return_if_fail (host == NULL || GIL_IS_HOST (host));

  if (self->host == host)
    return;
  if (self->host != NULL)
    g_signal_handlers_disconnect_by_func (self->host, on_online_changed_cb, self);
  g_set_object (&self->host, host);
  if (host != NULL)
    g_signal_connect_object (host, "notify::problem", G_CALLBACK (on_online_changed_cb),
                             self, G_CONNECT_SWAPPED);
  update_online (self);
}

const char *
gil_window_get_station (GilWindow *self)
{
  g_return_val_if_fail (GIL_IS_WINDOW (self), NULL);

  return self->station;
}

GtkWidget *
gil_window_get_page (GilWindow *self)
{
  g_return_val_if_fail (GIL_IS_WINDOW (self), NULL);

  return adw_bin_get_child (self->page_bin);
}
