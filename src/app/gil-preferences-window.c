/* gil-preferences-window.c — the admin's settings: the puskesmas, rooms,
 * stations
 *
 * Pairing stations is a page of its own (GilPairingPage).
 *
 * Everything is saved on the queue server at once; a refusal comes back as
 * the server's own message in a toast. How this computer announces calls
 * and its counter (meja) in its room are its own settings (GSettings), not
 * the server's. The admin sees when the server last backed its database
 * up, and can ask for a backup now.
 *
 * A room's or a display's PC shows only what its station may change: how
 * this computer announces calls, and setting it up again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-pairing-page.h"
#include "gil-preferences-window.h"
#include "gil-screen.h"

/* How often the last backup shown is brought up to date. */
#define HEALTH_INTERVAL_S 30

struct _GilPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GilConnection        *connection;
  GSettings            *settings;
  GCancellable         *cancellable;

  AdwPreferencesGroup  *profile_group;
  AdwPreferencesGroup  *report_group;
  AdwPreferencesGroup  *display_group;
  AdwPreferencesGroup  *backup_group;
  AdwPreferencesGroup  *counter_group;
  AdwPreferencesPage   *rooms_page;
  GtkWidget            *room_calls_row;
  AdwEntryRow          *name_row;
  GtkSwitch            *names_switch;
  AdwComboRow          *announcements_row;
  GtkSwitch            *room_calls_switch;
  GtkListBox           *rooms_box;
  GtkSpinButton        *wait_target_spin;
  GtkSpinButton        *counter_spin;
  AdwActionRow         *backup_row;
  GtkWidget            *backup_button;
  guint                 health_id;
  GilPairingPage       *pairing_page;
};

G_DEFINE_FINAL_TYPE (GilPreferencesWindow, gil_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const clusters[] = { "k2", "k3", "k4", "lk", NULL };
/* The announcements setting, in the order of its drop-down. */
static const char * const announcements[] = { "off", "chime", "voice", NULL };

static void load_rooms (GilPreferencesWindow *self);

static void
toast (GilPreferencesWindow *self,
       const char           *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
clear_list (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* Sends a request; on success runs @then (may be NULL), on failure toasts. */
typedef void (*Then) (GilPreferencesWindow *self, JsonNode *reply);

typedef struct
{
  GilPreferencesWindow *self;
  Then                  then;
} Pending;

static void
on_reply_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (pending->self, error->message);
    }
  else if (pending->then != NULL)
    pending->then (pending->self, reply);
  g_object_unref (pending->self);
  g_free (pending);
}

static void
send (GilPreferencesWindow *self,
      const char           *method,
      const char           *path,
      JsonNode             *body,
      Then                  then)
{
  Pending *pending = g_new0 (Pending, 1);
  g_autofree char *key = body != NULL ? gil_connection_new_action_key () : NULL;

  pending->self = g_object_ref (self);
  pending->then = then;
  gil_connection_request_async (self->connection, method, path, body, key, self->cancellable,
                                on_reply_cb, pending);
}

/* ── the puskesmas ─────────────────────────────────────────────────── */

static void on_names_active_cb (GilPreferencesWindow *self);

static void
show_profile (GilPreferencesWindow *self,
              JsonNode             *reply)
{
  JsonObject *profile = json_node_get_object (reply);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         json_object_get_string_member (profile, "name"));
  /* Showing the manager's value is not a change to send back. */
  g_signal_handlers_block_by_func (self->names_switch, on_names_active_cb, self);
  gtk_switch_set_active (self->names_switch,
                         json_object_get_boolean_member_with_default (profile, "display_names", FALSE));
  g_signal_handlers_unblock_by_func (self->names_switch, on_names_active_cb, self);
}

static void
saved_profile (GilPreferencesWindow *self,
               JsonNode             *reply)
{
  show_profile (self, reply);
  toast (self, _("Saved"));
}

static void
on_name_apply_cb (GilPreferencesWindow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  send (self, "PATCH", "/api/v1/profile", body, saved_profile);
}

/* Names on the waiting-room displays: the puskesmas's choice, kept by
 * the manager for every display. */
static void
on_names_active_cb (GilPreferencesWindow *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "display_names");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->names_switch));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  send (self, "PATCH", "/api/v1/profile", body, saved_profile);
}

/* ── this computer ─────────────────────────────────────────────────── */

static gboolean
get_announcements_cb (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *mode = g_variant_get_string (variant, NULL);

  for (guint i = 0; announcements[i] != NULL; i++)
    if (g_str_equal (mode, announcements[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
set_announcements_cb (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((GStrv)announcements))
    return NULL;
  return g_variant_new_string (announcements[selected]);
}

/* ── backups ───────────────────────────────────────────────────────── */

/* @at: (nullable): an RFC 3339 time from the server */
static void
show_last_backup (GilPreferencesWindow *self,
                  const char           *at)
{
  g_autoptr(GDateTime) time = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
  g_autofree char *text = local != NULL ? g_date_time_format (local, "%d-%m-%Y %H.%M") : NULL;

  adw_action_row_set_subtitle (self->backup_row, text != NULL ? text : _("None yet"));
}

static void
on_health_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *health;

  /* Not reachable now: the last time shown stays, and the server's state
   * is the main window's to show. */
  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, NULL);
  if (reply == NULL || !JSON_NODE_HOLDS_OBJECT (reply))
    return;
  health = json_node_get_object (reply);
  if (!json_object_has_member (health, "last_backup"))
    return;
  show_last_backup (self, json_object_get_null_member (health, "last_backup")
                          ? NULL : json_object_get_string_member (health, "last_backup"));
}

static void
load_health (GilPreferencesWindow *self)
{
  gil_connection_request_async (self->connection, "GET", "/api/v1/health", NULL, NULL,
                                self->cancellable, on_health_cb, g_object_ref (self));
}

static gboolean
on_health_timeout_cb (gpointer user_data)
{
  load_health (user_data);
  return G_SOURCE_CONTINUE;
}

static void
backed_up (GilPreferencesWindow *self,
           JsonNode             *reply)
{
  show_last_backup (self, json_object_get_string_member (json_node_get_object (reply), "at"));
  gtk_widget_set_sensitive (self->backup_button, TRUE);
  toast (self, _("Backup written"));
}

static void
on_backup_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      gtk_widget_set_sensitive (self->backup_button, TRUE);
      toast (self, error->message);
      return;
    }
  backed_up (self, reply);
}

static void
on_backup_now_cb (GilPreferencesWindow *self)
{
  /* One at a time: the server answers when the copy is written and checked. */
  gtk_widget_set_sensitive (self->backup_button, FALSE);
  gil_connection_request_async (self->connection, "POST", "/api/v1/backups", NULL, NULL,
                                self->cancellable, on_backup_reply_cb, g_object_ref (self));
}

/* ── rooms ─────────────────────────────────────────────────────────── */

typedef struct
{
  GilPreferencesWindow *self;
  gint64                id;      /* 0 when adding */
  AdwEntryRow          *code;
  AdwEntryRow          *name;
  AdwEntryRow          *prefix;
  AdwEntryRow          *tags;
  AdwComboRow          *cluster;
  AdwComboRow          *policy;
  GtkSwitch            *number_only;
  GtkSwitch            *active;
} RoomEditor;

static void
room_editor_free (RoomEditor *editor)
{
  g_object_unref (editor->self);
  g_free (editor);
}

static void
room_editor_notify (gpointer  data,
                    GClosure *closure)
{
  room_editor_free (data);
}

static void
saved_room (GilPreferencesWindow *self,
            JsonNode             *reply)
{
  toast (self, _("Saved"));
  load_rooms (self);
}

static void
on_room_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RoomEditor *editor = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *path = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (editor->tags)), ",", -1);
  json_builder_begin_object (builder);
  if (editor->id == 0)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (editor->code)));
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (editor->name)));
  json_builder_set_member_name (builder, "prefix");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (editor->prefix)));
  json_builder_set_member_name (builder, "cluster");
  json_builder_add_string_value (builder, clusters[adw_combo_row_get_selected (editor->cluster)]);
  json_builder_set_member_name (builder, "priority_policy");
  json_builder_add_string_value (builder, adw_combo_row_get_selected (editor->policy) == 0
                                          ? "interleave" : "strict");
  json_builder_set_member_name (builder, "number_only");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (editor->number_only));
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (editor->active));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_strstrip (tags[i]);
      if (*tags[i] != '\0')
        json_builder_add_string_value (builder, tags[i]);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  if (editor->id == 0)
    send (editor->self, "POST", "/api/v1/rooms", body, saved_room);
  else
    {
      path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT, editor->id);
      send (editor->self, "PATCH", path, body, saved_room);
    }
}

static AdwEntryRow *
add_entry (GtkListBox *box,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (box, row);
  return ADW_ENTRY_ROW (row);
}

static GtkSwitch *
add_switch (GtkListBox *box,
            const char *title,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_list_box_append (box, row);
  return GTK_SWITCH (toggle);
}

static AdwComboRow *
add_combo (GtkListBox         *box,
           const char         *title,
           const char * const *labels,
           guint               selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_list_box_append (box, row);
  return ADW_COMBO_ROW (row);
}

static void
edit_room (GilPreferencesWindow *self,
           JsonObject           *room)
{
  RoomEditor *editor = g_new0 (RoomEditor, 1);
  GtkWidget *dialog;
  GtkListBox *box = GTK_LIST_BOX (gtk_list_box_new ());
  const char *cluster_labels[] = { _("Cluster 2"), _("Cluster 3"), _("Cluster 4"),
                                   _("Cross-cluster services"), NULL };
  const char *policy_labels[] = { _("Interleave priority and normal patients"),
                                  _("Strict priority"), NULL };
  g_autofree char *tags = NULL;
  guint cluster = 3;

  editor->self = g_object_ref (self);
  editor->id = room != NULL ? json_object_get_int_member (room, "id") : 0;
  gtk_list_box_set_selection_mode (box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (box), "boxed-list");

  if (room != NULL)
    {
      JsonArray *array = json_object_get_array_member (room, "tags");
      g_autoptr(GStrvBuilder) list = g_strv_builder_new ();
      g_auto(GStrv) strv = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (list, json_array_get_string_element (array, i));
      strv = g_strv_builder_end (list);
      tags = g_strjoinv (", ", strv);
      for (guint i = 0; clusters[i] != NULL; i++)
        if (g_str_equal (clusters[i], json_object_get_string_member (room, "cluster")))
          cluster = i;
    }
  else
    editor->code = add_entry (box, _("Code"), "");
  editor->name = add_entry (box, _("Name"), room != NULL ? json_object_get_string_member (room, "name") : "");
  editor->prefix = add_entry (box, _("Ticket prefix (one capital letter)"),
                              room != NULL ? json_object_get_string_member (room, "prefix") : "");
  editor->tags = add_entry (box, _("Tags (separated by commas)"), tags);
  editor->cluster = add_combo (box, _("Cluster"), cluster_labels, cluster);
  editor->policy = add_combo (box, _("Queue order"), policy_labels,
                              room != NULL && g_strcmp0 (json_object_get_string_member (room, "priority_policy"),
                                                         "strict") == 0);
  editor->number_only = add_switch (box, _("Numbers only, never names"),
                                    room != NULL && json_object_get_boolean_member (room, "number_only"));
  editor->active = add_switch (box, _("Active"),
                               room == NULL || json_object_get_boolean_member (room, "active"));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), room != NULL ? _("Edit Room") : _("Add Room"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (box));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_room_response_cb), editor,
                         room_editor_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_edit_room_clicked_cb (GtkButton *button,
                         gpointer   user_data)
{
  edit_room (user_data, g_object_get_data (G_OBJECT (button), "room"));
}

static void
on_add_room_cb (GilPreferencesWindow *self)
{
  edit_room (self, NULL);
}

static void
show_rooms (GilPreferencesWindow *self,
            JsonNode             *reply)
{
  JsonArray *rooms = json_node_get_array (reply);

  clear_list (self->rooms_box);
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (_("%s · prefix %s%s"), json_object_get_string_member (room, "code"),
                                  json_object_get_string_member (room, "prefix"),
                                  json_object_get_boolean_member (room, "active") ? "" : _(" · not active"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (room, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Room"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit Room"), -1);
      g_object_set_data_full (G_OBJECT (edit), "room", json_object_ref (room),
                              (GDestroyNotify)json_object_unref);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_room_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      gtk_list_box_append (self->rooms_box, row);
    }
}

static void
load_rooms (GilPreferencesWindow *self)
{
  send (self, "GET", "/api/v1/rooms", NULL, show_rooms);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
gil_preferences_window_dispose (GObject *object)
{
  GilPreferencesWindow *self = (GilPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->health_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gil_preferences_window_parent_class)->dispose (object);
}

static void
gil_preferences_window_class_init (GilPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, profile_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, report_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, display_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, counter_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, rooms_page);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, room_calls_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, names_switch);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, announcements_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, room_calls_switch);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, wait_target_spin);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, counter_spin);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, backup_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, backup_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_room_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_now_cb);
}

static void
gil_preferences_window_init (GilPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_screen_fit_window (GTK_WINDOW (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * gil_preferences_window_set_host:
 * @host: (nullable): the queue server this computer hosts
 *
 * Its addresses and fingerprint are shown for pairing, with the switch
 * that keeps it on this computer only.
 */
void
gil_preferences_window_set_host (GilPreferencesWindow *self,
                                 GilHost              *host)
{
  g_return_if_fail (GIL_IS_PREFERENCES_WINDOW (self));

  if (self->pairing_page != NULL)
    gil_pairing_page_set_host (self->pairing_page, host);
}

/* A room's or a display's PC: its announcements (a room's own calls only
 * on a room station), a room PC's counter, and setting it up again; the
 * puskesmas, its rooms and stations are the admin's. */
static void
show_station_only (GilPreferencesWindow *self,
                   const char           *station)
{
  gtk_widget_set_visible (GTK_WIDGET (self->profile_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->display_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_group), FALSE);
  gtk_widget_set_visible (self->room_calls_row, g_str_equal (station, "room"));
  gtk_widget_set_visible (GTK_WIDGET (self->counter_group), g_str_equal (station, "room"));
  adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->rooms_page);
}

GilPreferencesWindow *
gil_preferences_window_new (GtkWindow     *parent,
                            GilConnection *connection,
                            GSettings     *settings)
{
  GilPreferencesWindow *self;
  g_autofree char *station = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GIL_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (self->names_switch, "notify::active", G_CALLBACK (on_names_active_cb),
                           self, G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (settings, "announcements", self->announcements_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, get_announcements_cb, set_announcements_cb,
                                NULL, NULL);
  g_settings_bind (settings, "announce-room-calls", self->room_calls_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  station = g_settings_get_string (settings, "station");
  if (g_str_equal (station, "room") || g_str_equal (station, "display"))
    {
      show_station_only (self, station);
      return self;
    }
  send (self, "GET", "/api/v1/profile", NULL, show_profile);
  load_rooms (self);
  load_health (self);
  /* Pairing has a page of its own. */
  self->pairing_page = GIL_PAIRING_PAGE (gil_pairing_page_new (connection, settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->pairing_page));
  self->health_id = g_timeout_add_seconds (HEALTH_INTERVAL_S, on_health_timeout_cb, self);
  g_settings_bind (settings, "wait-target", self->wait_target_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* This computer's own, as the announcements are (gil-counter.c). */
  g_settings_bind (settings, "counter", self->counter_spin, "value", G_SETTINGS_BIND_DEFAULT);
  return self;
}
