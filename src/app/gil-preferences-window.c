/* gil-preferences-window.c — the admin's settings: the puskesmas, rooms,
 * stations
 *
 * Pairing stations is a page of its own (GilPairingPage), and so is what
 * the printed reports carry (GilLetterheadPage).
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

#include "gil-connection-backups.h"
#include "gil-connection-health.h"
#include "gil-connection-profile.h"
#include "gil-connection-rooms.h"
#include "gil-desk-loket.h"
#include "gil-letterhead-page.h"
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
  AdwPreferencesGroup  *loket_group;
  AdwEntryRow          *loket_row;
  AdwPreferencesPage   *rooms_page;
  GtkWidget            *room_calls_row;
  AdwEntryRow          *name_row;
  GtkSwitch            *names_switch;
  AdwActionRow         *plain_row;
  GtkSwitch            *plain_switch;
  guint                 plain_port;     /* what the switch opens */
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

/**
 * gil_preferences_window_report:
 * @widget: the preferences window, or a widget in it
 * @error: (nullable): how a call to the manager failed
 *
 * Says @error in a toast of the window, unless the call was cancelled
 * (the window closed first).
 *
 * Returns: whether there was an error
 */
gboolean
gil_preferences_window_report (GtkWidget    *widget,
                               const GError *error)
{
  GtkWidget *window;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), error != NULL);

  if (error == NULL)
    return FALSE;
  window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);
  if (window != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      AdwToast *toast = adw_toast_new (error->message);

      /* At once, not after the "Saved" of earlier changes. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
    }
  return TRUE;
}

static gboolean
failed (GilPreferencesWindow *self,
        const GError         *error)
{
  return gil_preferences_window_report (GTK_WIDGET (self), error);
}

/* ── the puskesmas ─────────────────────────────────────────────────── */

static void on_names_active_cb (GilPreferencesWindow *self);
static void on_plain_active_cb (GilPreferencesWindow *self);

/* The display over plain HTTP, for a TV that refuses the certificate: the
 * admin's alone (the manager tells no one else its port). On, it is the
 * port after the manager's, unless the manager already has one. */
static void
show_plain_port (GilPreferencesWindow *self,
                 GilProfile           *profile)
{
  int port = gil_profile_get_plain_display_port (profile);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->plain_row), port >= 0);
  if (port < 0)
    return;
  if (port > 0)
    self->plain_port = port;
  /* TRANSLATORS: %u is a TCP port, as in http://192.168.1.10:8471/display */
  subtitle = g_strdup_printf (_("For a TV that refuses the certificate: /display on port %u, "
                                "unencrypted, numbers only, never names"), self->plain_port);
  adw_action_row_set_subtitle (self->plain_row, subtitle);
  g_signal_handlers_block_by_func (self->plain_switch, on_plain_active_cb, self);
  gtk_switch_set_active (self->plain_switch, port > 0);
  g_signal_handlers_unblock_by_func (self->plain_switch, on_plain_active_cb, self);
}

static void
show_profile (GilPreferencesWindow *self,
              GilProfile           *profile)
{
  const char *name = gil_profile_get_name (profile);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  /* Showing the manager's value is not a change to send back. */
  g_signal_handlers_block_by_func (self->names_switch, on_names_active_cb, self);
  gtk_switch_set_active (self->names_switch, gil_profile_get_display_names (profile));
  g_signal_handlers_unblock_by_func (self->names_switch, on_names_active_cb, self);
  show_plain_port (self, profile);
}

static void
on_profile_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilProfile) profile = NULL;

  profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, &error);
  if (!failed (self, error))
    show_profile (self, profile);
}

static void
on_profile_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilProfile) profile = NULL;

  profile = gil_connection_update_profile_finish (GIL_CONNECTION (source), result, &error);
  if (failed (self, error))
    return;
  show_profile (self, profile);
  toast (self, _("Saved"));
}

static void
save_profile (GilPreferencesWindow    *self,
              const GilProfileChanges *changes)
{
  gil_connection_update_profile_async (self->connection, changes, self->cancellable,
                                       on_profile_saved_cb, g_object_ref (self));
}

static void
on_name_apply_cb (GilPreferencesWindow *self)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();

  gil_profile_changes_set_name (changes, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  save_profile (self, changes);
}

/* Names on the waiting-room displays: the puskesmas's choice, kept by
 * the manager for every display. */
static void
on_names_active_cb (GilPreferencesWindow *self)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();

  gil_profile_changes_set_display_names (changes, gtk_switch_get_active (self->names_switch));
  save_profile (self, changes);
}

static void
on_plain_active_cb (GilPreferencesWindow *self)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();

  gil_profile_changes_set_plain_display_port (changes,
                                              gtk_switch_get_active (self->plain_switch) ? self->plain_port : 0);
  save_profile (self, changes);
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

/* @at: (nullable): when the server last backed its database up */
static void
show_last_backup (GilPreferencesWindow *self,
                  GDateTime            *at)
{
  g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;
  g_autofree char *text = local != NULL ? g_date_time_format (local, "%d-%m-%Y %H.%M") : NULL;

  adw_action_row_set_subtitle (self->backup_row, text != NULL ? text : _("None yet"));
}

static void
on_health_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GilHealth) health = NULL;

  /* Not reachable now: the last time shown stays, and the server's state
   * is the main window's to show. */
  health = gil_connection_check_health_finish (GIL_CONNECTION (source), result, NULL);
  if (health != NULL)
    show_last_backup (self, gil_health_get_last_backup (health));
}

static void
load_health (GilPreferencesWindow *self)
{
  gil_connection_check_health_async (self->connection, self->cancellable, on_health_cb,
                                     g_object_ref (self));
}

static gboolean
on_health_timeout_cb (gpointer user_data)
{
  load_health (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_backup_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GilBackupFile) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = gil_connection_create_backup_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (self->backup_button, TRUE);
  if (failed (self, error))
    return;
  show_last_backup (self, gil_backup_file_get_at (backup));
  toast (self, _("Backup written"));
}

static void
on_backup_now_cb (GilPreferencesWindow *self)
{
  /* One at a time: the server answers when the copy is written and checked. */
  gtk_widget_set_sensitive (self->backup_button, FALSE);
  gil_connection_create_backup_async (self->connection, self->cancellable, on_backup_reply_cb,
                                      g_object_ref (self));
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
room_saved (GilPreferencesWindow *self,
            const GError         *error)
{
  if (failed (self, error))
    return;
  toast (self, _("Saved"));
  load_rooms (self);
}

static void
on_room_created_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoomItem) room = NULL;

  room = gil_connection_create_room_finish (GIL_CONNECTION (source), result, &error);
  room_saved (self, error);
}

static void
on_room_updated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoomItem) room = NULL;

  room = gil_connection_update_room_finish (GIL_CONNECTION (source), result, &error);
  room_saved (self, error);
}

/* The editor's fields; a room's code only when it is made. */
static GilRoomDraft *
read_editor (RoomEditor *editor)
{
  GilRoomDraft *draft = gil_room_draft_new ();
  g_auto(GStrv) tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (editor->tags)), ",", -1);

  if (editor->id == 0)
    gil_room_draft_set_code (draft, gtk_editable_get_text (GTK_EDITABLE (editor->code)));
  gil_room_draft_set_name (draft, gtk_editable_get_text (GTK_EDITABLE (editor->name)));
  gil_room_draft_set_prefix (draft, gtk_editable_get_text (GTK_EDITABLE (editor->prefix)));
  gil_room_draft_set_cluster (draft, clusters[adw_combo_row_get_selected (editor->cluster)]);
  gil_room_draft_set_priority_policy (draft, adw_combo_row_get_selected (editor->policy) == 0
                                             ? "interleave" : "strict");
  gil_room_draft_set_number_only (draft, gtk_switch_get_active (editor->number_only));
  gil_room_draft_set_active (draft, gtk_switch_get_active (editor->active));
  for (guint i = 0; tags[i] != NULL; i++)
    g_strstrip (tags[i]);
  gil_room_draft_set_tags (draft, (const char * const *)tags);
  return draft;
}

static void
on_room_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  RoomEditor *editor = user_data;
  GilPreferencesWindow *self = editor->self;
  g_autoptr(GilRoomDraft) draft = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;

  draft = read_editor (editor);
  if (editor->id == 0)
    gil_connection_create_room_async (self->connection, draft, self->cancellable,
                                      on_room_created_cb, g_object_ref (self));
  else
    gil_connection_update_room_async (self->connection, editor->id, draft, self->cancellable,
                                      on_room_updated_cb, g_object_ref (self));
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

/* @room: (nullable): the room to edit; %NULL to add one */
static void
edit_room (GilPreferencesWindow *self,
           GilRoomItem          *room)
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
  editor->id = room != NULL ? gil_room_item_get_id (room) : 0;
  gtk_list_box_set_selection_mode (box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (box), "boxed-list");

  if (room != NULL)
    {
      tags = g_strjoinv (", ", (GStrv)gil_room_item_get_tags (room));
      for (guint i = 0; clusters[i] != NULL; i++)
        if (g_strcmp0 (clusters[i], gil_room_item_get_cluster (room)) == 0)
          cluster = i;
    }
  else
    editor->code = add_entry (box, _("Code"), "");
  editor->name = add_entry (box, _("Name"), room != NULL ? gil_room_item_get_name (room) : "");
  editor->prefix = add_entry (box, _("Ticket prefix (one capital letter)"),
                              room != NULL ? gil_room_item_get_prefix (room) : "");
  editor->tags = add_entry (box, _("Tags (separated by commas)"), tags);
  editor->cluster = add_combo (box, _("Cluster"), cluster_labels, cluster);
  editor->policy = add_combo (box, _("Queue order"), policy_labels,
                              room != NULL && g_strcmp0 (gil_room_item_get_priority_policy (room),
                                                         "strict") == 0);
  editor->number_only = add_switch (box, _("Numbers only, never names"),
                                    room != NULL && gil_room_item_get_number_only (room));
  editor->active = add_switch (box, _("Active"), room == NULL || gil_room_item_get_active (room));

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
            GPtrArray            *rooms)
{
  clear_list (self->rooms_box);
  for (guint i = 0; i < rooms->len; i++)
    {
      GilRoomItem *room = g_ptr_array_index (rooms, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (_("%s · prefix %s%s"), gil_room_item_get_code (room),
                                  gil_room_item_get_prefix (room),
                                  gil_room_item_get_active (room) ? "" : _(" · not active"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_room_item_get_name (room));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Room"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit Room"), -1);
      g_object_set_data_full (G_OBJECT (edit), "room", g_object_ref (room), g_object_unref);
      g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_room_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      gtk_list_box_append (self->rooms_box, row);
    }
}

static void
on_rooms_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GilPreferencesWindow) self = user_data;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;

  rooms = gil_connection_list_rooms_finish (GIL_CONNECTION (source), result, &error);
  if (!failed (self, error))
    show_rooms (self, rooms);
}

static void
load_rooms (GilPreferencesWindow *self)
{
  gil_connection_list_rooms_async (self->connection, self->cancellable, on_rooms_cb,
                                   g_object_ref (self));
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
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, loket_group);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, loket_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, rooms_page);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, room_calls_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, names_switch);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, plain_row);
  gtk_widget_class_bind_template_child (widget_class, GilPreferencesWindow, plain_switch);
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
  self->plain_port = GIL_DEFAULT_PORT + 1;
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
  gtk_widget_set_visible (GTK_WIDGET (self->loket_group), FALSE);
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
  g_signal_connect_object (self->plain_switch, "notify::active", G_CALLBACK (on_plain_active_cb),
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
  gil_connection_load_profile_async (connection, self->cancellable, on_profile_loaded_cb,
                                     g_object_ref (self));
  load_rooms (self);
  load_health (self);
  /* What the printed reports carry has a page of its own, as pairing has. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (gil_letterhead_page_new (connection)));
  /* Pairing has a page of its own. */
  self->pairing_page = GIL_PAIRING_PAGE (gil_pairing_page_new (connection, settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->pairing_page));
  self->health_id = g_timeout_add_seconds (HEALTH_INTERVAL_S, on_health_timeout_cb, self);
  g_settings_bind (settings, "wait-target", self->wait_target_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* This computer's own, as the announcements are (gil-counter.c). */
  g_settings_bind (settings, "counter", self->counter_spin, "value", G_SETTINGS_BIND_DEFAULT);
  /* The registration desk's name in the loket queue (gil-desk-loket.c). */
  g_settings_bind (settings, GIL_DESK_LOKET_KEY, self->loket_row, "text", G_SETTINGS_BIND_DEFAULT);
  return self;
}
