/* gil-setup-window.c — the first-run questions
 *
 * Host (the default) or join; a host is asked the puskesmas's name (saved
 * on the queue server); then what this computer is used as. The answers
 * are kept in GSettings, so the next start opens the station at once.
 *
 * Joining an https:// queue server first shows the fingerprint of the
 * certificate it presents; the person compares it with the one the host
 * shows beside the pairing code, and only then is the code sent, on a
 * connection pinned to that certificate. The fingerprint is kept with the
 * station's token.
 *
 * Where avahi-daemon runs, the join page lists the queue servers announced
 * on the network (DNS-SD); choosing one fills in its address, and the
 * fingerprint is still confirmed by the person. Typing an address always
 * works: without avahi-daemon, or with nothing found, there is no list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gil-address.h"
#include "gil-connection-profile.h"
#include "gil-connection-rooms.h"
#include "gil-connection-stations.h"
#include "gil-fingerprint.h"
#include "gil-label.h"
#include "gil-server-browser.h"
#include "gil-screen.h"
#include "gil-setup-window.h"

/* The name a new queue server gives the puskesmas until it is told one. */
#define UNNAMED_PUSKESMAS "Puskesmas"

struct _GilSetupWindow
{
  AdwApplicationWindow  parent_instance;

  GCancellable         *cancellable;
  GilConnection        *pairing;
  char                 *join_url;
  char                 *join_fingerprint;  /* confirmed by the person; NULL for http:// */
  char                 *puskesmas_name;    /* as the queue server has it */
  GilServerBrowser     *browser;           /* queue servers announced on the LAN */

  GtkStack             *stack;
  GtkCheckButton       *host_check;
  AdwStatusPage        *starting_page;
  AdwPreferencesGroup  *found_group;
  GtkListBox           *found_box;
  AdwEntryRow          *address_row;
  AdwEntryRow          *code_row;
  AdwEntryRow          *name_row;
  GtkLabel             *join_error;
  GtkButton            *join_button;
  GtkLabel             *fingerprint_label;
  GtkCheckButton       *registration_check;
  GtkCheckButton       *room_check;
  GtkCheckButton       *display_check;
  GtkListBox           *rooms_box;
  GtkLabel             *station_error;
  AdwEntryRow          *puskesmas_row;
  GtkButton            *start_button;
};

G_DEFINE_FINAL_TYPE (GilSetupWindow, gil_setup_window, ADW_TYPE_APPLICATION_WINDOW)

static GilApplication *
get_app (GilSetupWindow *self)
{
  return GIL_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static void
on_rooms_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GilSetupWindow *self = user_data;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;

  rooms = gil_connection_list_rooms_finish (GIL_CONNECTION (source), result, &error);
  if (rooms == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gil_label_set_optional (self->station_error, error->message);
      gtk_stack_set_visible_child_name (self->stack, "station");
      g_object_unref (self);
      return;
    }

  for (guint i = 0; i < rooms->len; i++)
    {
      GilRoomItem *room = g_ptr_array_index (rooms, i);
      GtkWidget *row;
      GtkWidget *check;

      if (!gil_room_item_get_active (room))
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_room_item_get_name (room));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gil_room_item_get_code (room));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "room-code", g_strdup (gil_room_item_get_code (room)), g_free);
      gtk_list_box_append (self->rooms_box, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "station");
  gtk_widget_grab_focus (GTK_WIDGET (self->puskesmas_row));
  g_object_unref (self);
}

/* The puskesmas's name as the queue server has it: empty on a new one. */
static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GilSetupWindow) self = user_data;
  g_autoptr(GilProfile) profile = NULL;
  const char *name;

  profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, NULL);
  if (profile == NULL)
    return;
  name = gil_profile_get_name (profile) != NULL ? gil_profile_get_name (profile) : "";
  g_free (self->puskesmas_name);
  self->puskesmas_name = g_strdup (name);
  /* A new queue server's placeholder is no name: the person types it. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->puskesmas_row)) == '\0' &&
      !g_str_equal (name, UNNAMED_PUSKESMAS))
    gtk_editable_set_text (GTK_EDITABLE (self->puskesmas_row), name);
}

static void
on_hosted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilSetupWindow *self = user_data;
  GilConnection *connection;
  g_autoptr(GError) error = NULL;

  if (!gil_application_host_finish (GIL_APPLICATION (source), result, &error))
    {
      adw_status_page_set_title (self->starting_page, _("The queue server did not start"));
      adw_status_page_set_description (self->starting_page, error->message);
      /* Nothing is under way any more: no spinner, a sign instead. */
      adw_status_page_set_child (self->starting_page, NULL);
      adw_status_page_set_icon_name (self->starting_page, "dialog-error-symbolic");
      g_object_unref (self);
      return;
    }
  connection = gil_application_get_connection (GIL_APPLICATION (source));
  gil_connection_load_profile_async (connection, self->cancellable, on_profile_cb, g_object_ref (self));
  gil_connection_list_rooms_async (connection, self->cancellable, on_rooms_cb, self);
}

static void
on_mode_continue_cb (GilSetupWindow *self)
{
  if (gtk_check_button_get_active (self->host_check))
    {
      gtk_stack_set_visible_child_name (self->stack, "starting");
      gil_application_host_async (get_app (self), self->cancellable, on_hosted_cb,
                                  g_object_ref (self));
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "join");
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
    }
}

static GStrv
checked_rooms (GilSetupWindow *self)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (codes, g_object_get_data (G_OBJECT (check), "room-code"));
    }
  return g_strv_builder_end (codes);
}

static void
finish (GilSetupWindow     *self,
        const char         *mode,
        const char         *station,
        const char * const *rooms)
{
  GilApplication *app = get_app (self);
  GSettings *settings = gil_application_get_settings (app);

  g_settings_set_string (settings, "mode", mode);
  g_settings_set_string (settings, "station", station);
  g_settings_set_strv (settings, "rooms", rooms);
  g_settings_set_boolean (settings, "configured", TRUE);

  gil_application_open_own_station (app, station, rooms);
  gtk_window_destroy (GTK_WINDOW (self));
}

static const char *
chosen_station (GilSetupWindow *self)
{
  if (gtk_check_button_get_active (self->registration_check))
    return "registration";
  if (gtk_check_button_get_active (self->room_check))
    return "room";
  if (gtk_check_button_get_active (self->display_check))
    return "display";
  return "head";
}

static void
on_name_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GilSetupWindow) self = user_data;
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rooms = NULL;

  profile = gil_connection_update_profile_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), TRUE);
  if (profile == NULL)
    {
      gil_label_set_optional (self->station_error, error->message);
      return;
    }
  rooms = checked_rooms (self);
  finish (self, "host", chosen_station (self), (const char * const *)rooms);
}

/* The puskesmas's name first: the station opens once it is saved. */
static void
save_name_then_finish (GilSetupWindow *self,
                       const char     *name)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();

  gil_profile_changes_set_name (changes, name);
  /* Not the whole page: its focused entry would miss its focus-out. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), FALSE);
  gil_connection_update_profile_async (gil_application_get_connection (get_app (self)), changes,
                                       self->cancellable, on_name_saved_cb, g_object_ref (self));
}

static void
on_start_cb (GilSetupWindow *self)
{
  g_auto(GStrv) rooms = checked_rooms (self);
  const char *station = chosen_station (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->puskesmas_row))));

  if (g_str_equal (station, "room") && rooms[0] == NULL)
    {
      gil_label_set_optional (self->station_error, _("Choose the rooms this computer serves."));
      return;
    }
  if (*name == '\0')
    {
      gil_label_set_optional (self->station_error, _("Type the name of the puskesmas."));
      gtk_widget_grab_focus (GTK_WIDGET (self->puskesmas_row));
      return;
    }
  if (g_strcmp0 (name, self->puskesmas_name) != 0)
    {
      save_name_then_finish (self, name);
      return;
    }
  finish (self, "host", station, (const char * const *)rooms);
}

/* ── joining ───────────────────────────────────────────────────────── */

/* Back to the address and code, saying what went wrong. */
static void
join_failed (GilSetupWindow *self,
             const char     *message)
{
  gil_label_set_optional (self->join_error, message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "join");
}

typedef struct
{
  GilSetupWindow *self;
  GilStationItem *station;
} Paired;

static void
paired_free (Paired *paired)
{
  g_object_unref (paired->self);
  g_object_unref (paired->station);
  g_free (paired);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Paired, paired_free)

/* Paired: the station opens on its new connection. */
static void
joined (GilSetupWindow     *self,
        GilConnection      *connection,
        GilStationItem     *station,
        const char * const *rooms)
{
  /* Known before the connection is used: a kiosk takes no events. */
  g_settings_set_string (gil_application_get_settings (get_app (self)), "station",
                         gil_station_item_get_role (station));
  gil_application_use_connection (get_app (self), connection);
  g_settings_set_string (gil_application_get_settings (get_app (self)), "manager-url", self->join_url);
  g_settings_set_string (gil_application_get_settings (get_app (self)), "manager-fingerprint",
                         self->join_fingerprint != NULL ? self->join_fingerprint : "");
  finish (self, "join", gil_station_item_get_role (station), rooms);
}

static void
on_paired_rooms_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Paired) paired = user_data;
  GilSetupWindow *self = paired->self;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) rooms = NULL;

  all = gil_connection_list_rooms_finish (GIL_CONNECTION (source), result, &error);
  if (all == NULL)
    {
      join_failed (self, error->message);
      return;
    }
  for (guint i = 0; i < all->len; i++)
    {
      GilRoomItem *room = g_ptr_array_index (all, i);

      if (gil_station_item_has_room (paired->station, gil_room_item_get_id (room)))
        g_strv_builder_add (codes, gil_room_item_get_code (room));
    }
  rooms = g_strv_builder_end (codes);
  joined (self, GIL_CONNECTION (source), paired->station, (const char * const *)rooms);
}

static void
on_paired_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilSetupWindow) self = user_data;
  g_autoptr(GilPairing) pairing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) connection = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "giliran", NULL);
  g_autofree char *token_file = g_build_filename (dir, "station-token", NULL);
  g_autofree char *contents = NULL;
  Paired *paired;

  pairing = gil_connection_pair_finish (GIL_CONNECTION (source), result, &error);
  if (pairing == NULL)
    {
      join_failed (self, error->message);
      return;
    }

  /* The pinned connection saw this certificate; the manager must say so too. */
  if (self->join_fingerprint != NULL &&
      !gil_fingerprint_equal (self->join_fingerprint, gil_pairing_get_fingerprint (pairing)))
    {
      join_failed (self, _("The queue server’s certificate does not match the paired manager."));
      return;
    }
  contents = g_strconcat (gil_pairing_get_token (pairing), "\n", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (token_file, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    {
      join_failed (self, error != NULL ? error->message : _("Cannot save the station token"));
      return;
    }
  g_settings_set_string (gil_application_get_settings (get_app (self)), "token-file", token_file);

  /* The station's rooms come as ids; settings keep codes. */
  connection = gil_connection_new_pinned (self->join_url, gil_pairing_get_token (pairing),
                                          self->join_fingerprint);
  /* A kiosk has no rooms, and may not ask for them. */
  if (g_strcmp0 (gil_station_item_get_role (gil_pairing_get_station (pairing)), "kiosk") == 0)
    {
      const char * const no_rooms[] = { NULL };

      joined (self, connection, gil_pairing_get_station (pairing), no_rooms);
      return;
    }
  paired = g_new0 (Paired, 1);
  paired->self = g_object_ref (self);
  paired->station = g_object_ref (gil_pairing_get_station (pairing));
  gil_connection_list_rooms_async (connection, self->cancellable, on_paired_rooms_cb, paired);
}

/* Sends the pairing code, pinned to the certificate the person accepted. */
static void
send_pairing (GilSetupWindow *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  g_clear_object (&self->pairing);
  self->pairing = gil_connection_new_pinned (self->join_url, "", self->join_fingerprint);
  gil_connection_pair_async (self->pairing, code, *name != '\0' ? name : g_get_host_name (),
                             self->cancellable, on_paired_cb, g_object_ref (self));
}

static void
on_certificate_probed_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GilSetupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *lines = NULL;

  fingerprint = gil_connection_probe_certificate_finish (result, &error);
  if (fingerprint == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        join_failed (self, error->message);
      return;
    }

  g_free (self->join_fingerprint);
  self->join_fingerprint = g_steal_pointer (&fingerprint);
  lines = gil_fingerprint_format_lines (self->join_fingerprint);
  gtk_label_set_text (self->fingerprint_label, lines);
  gtk_stack_set_visible_child_name (self->stack, "verify");
}

static GtkWidget *
create_found_row (gpointer item,
                  gpointer user_data)
{
  GilFoundServer *server = item;
  GtkWidget *row = adw_action_row_new ();

  /* A puskesmas's name is text, not markup ("Puskesmas Ibu & Anak"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_found_server_get_name (server));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gil_found_server_get_url (server));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
on_found_items_changed_cb (GListModel     *list,
                           guint           position,
                           guint           removed,
                           guint           added,
                           GilSetupWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->found_group), g_list_model_get_n_items (list) > 0);
}

static void
on_found_row_activated_cb (GilSetupWindow *self,
                           GtkListBoxRow  *row)
{
  g_autoptr(GilFoundServer) server = NULL;

  server = g_list_model_get_item (G_LIST_MODEL (self->browser), gtk_list_box_row_get_index (row));
  if (server == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), gil_found_server_get_url (server));
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
on_join_cb (GilSetupWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = gil_address_normalize (gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
                                                &error);

  if (url == NULL)
    {
      gil_label_set_optional (self->join_error, error->message);
      return;
    }
  /* What will be kept, shown as it is. */
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), url);

  g_free (self->join_url);
  self->join_url = g_steal_pointer (&url);
  g_clear_pointer (&self->join_fingerprint, g_free);
  gil_label_set_optional (self->join_error, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), FALSE);

  if (g_str_has_prefix (self->join_url, "https://"))
    gil_connection_probe_certificate_async (self->join_url, self->cancellable,
                                            on_certificate_probed_cb, g_object_ref (self));
  else
    send_pairing (self);
}

static void
on_fingerprint_match_cb (GilSetupWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "starting");
  adw_status_page_set_title (self->starting_page, _("Connecting to the queue server…"));
  send_pairing (self);
}

static void
on_fingerprint_back_cb (GilSetupWindow *self)
{
  g_clear_pointer (&self->join_fingerprint, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "join");
}

static void
gil_setup_window_dispose (GObject *object)
{
  GilSetupWindow *self = (GilSetupWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->browser != NULL)
    g_signal_handlers_disconnect_by_func (self->browser, on_found_items_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_SETUP_WINDOW);
  g_clear_object (&self->browser);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pairing);
  g_clear_pointer (&self->join_url, g_free);
  g_clear_pointer (&self->join_fingerprint, g_free);
  g_clear_pointer (&self->puskesmas_name, g_free);

  G_OBJECT_CLASS (gil_setup_window_parent_class)->dispose (object);
}

static void
gil_setup_window_class_init (GilSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_setup_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, host_check);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, starting_page);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, found_group);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, found_box);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, code_row);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, join_error);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, join_button);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, registration_check);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, room_check);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, display_check);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, station_error);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, puskesmas_row);
  gtk_widget_class_bind_template_child (widget_class, GilSetupWindow, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_continue_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_join_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_found_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fingerprint_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fingerprint_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_cb);
}

static void
gil_setup_window_init (GilSetupWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_screen_fit_window (GTK_WINDOW (self));
  self->cancellable = g_cancellable_new ();

  self->browser = gil_server_browser_new ();
  gtk_list_box_bind_model (self->found_box, G_LIST_MODEL (self->browser),
                           create_found_row, NULL, NULL);
  g_signal_connect (self->browser, "items-changed", G_CALLBACK (on_found_items_changed_cb), self);
  gil_server_browser_start (self->browser);
}

GilSetupWindow *
gil_setup_window_new (GilApplication *application)
{
  g_return_val_if_fail (GIL_IS_APPLICATION (application), NULL);

  return g_object_new (GIL_TYPE_SETUP_WINDOW, "application", application, NULL);
}
