/* test-ui-preferences.c — the admin's settings under Xvfb, against a real
 * manager: the puskesmas name, rooms (added and edited in the room
 * dialog), pairing a station, the reports' letterhead and signature; and
 * this computer's call announcements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gil-desk-loket.h"
#include "gil-preferences-window.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

/* The row of @type titled @title. */
/* The row of @type under @root titled @title, or NULL. */
static GtkWidget *
lookup_row (GtkWidget  *root,
            GType       type,
            const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (root, type, i);

      if (row == NULL || g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  GtkWidget *row = lookup_row (root, type, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
rooms_listed (gpointer data)
{
  /* Some list on the window shows the ten default rooms. */
  for (guint i = 0;; i++)
    {
      GtkWidget *box = gil_test_ui_find_type (data, GTK_TYPE_LIST_BOX, i);

      if (box == NULL)
        return FALSE;
      if (gil_test_ui_count_rows (GTK_LIST_BOX (box)) == 10)
        return TRUE;
    }
}

/* The manager's profile. */
static JsonNode *
manager_profile (GilTestManager *manager)
{
  return gil_test_api_expect (gil_test_manager_get_url (manager), gil_test_manager_get_admin_token (manager),
                              "GET", "/api/v1/profile", NULL, NULL, 200);
}

typedef struct
{
  GilTestManager *manager;
  const char     *member;
  const char     *value;
} MemberWait;

/* The manager's profile has @value as @member. */
static gboolean
member_is (gpointer data)
{
  MemberWait *w = data;
  g_autoptr(JsonNode) profile = manager_profile (w->manager);

  return g_strcmp0 (json_object_get_string_member (gil_test_api_object (profile), w->member), w->value) == 0;
}

static gboolean
names_on (gpointer data)
{
  g_autoptr(JsonNode) profile = manager_profile (data);

  return json_object_get_boolean_member_with_default (gil_test_api_object (profile), "display_names", FALSE);
}

static gint64
plain_port (GilTestManager *manager)
{
  guint status = 0;
  g_autoptr(JsonNode) profile = gil_test_api_call (gil_test_manager_get_url (manager),
                                                   gil_test_manager_get_admin_token (manager),
                                                   "GET", "/api/v1/profile", NULL, NULL, &status);

  return json_object_get_int_member_with_default (gil_test_api_object (profile), "plain_display_port", -1);
}

static gboolean
plain_on (gpointer data)
{
  return plain_port (data) == GIL_DEFAULT_PORT + 1;
}

static gboolean
plain_off (gpointer data)
{
  return plain_port (data) == 0;
}

static gboolean
switch_on (gpointer data)
{
  return gtk_switch_get_active (data);
}

static gboolean
code_shown (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && strlen (subtitle) > 6 && g_ascii_isdigit (subtitle[0]) &&
         g_ascii_isdigit (subtitle[5]);
}

/* The paired station "TV Lobi" is listed, its role by its Indonesian
 * name ("Layar ruang tunggu"), never the API's "display". */
static gboolean
station_listed (gpointer data)
{
  GtkWidget *row = lookup_row (data, ADW_TYPE_ACTION_ROW, "TV Lobi");

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Layar ruang tunggu") == 0;
}

/* "TV Lobi" is listed as revoked, without its Revoke button. */
static gboolean
station_revoked (gpointer data)
{
  GtkWidget *row = lookup_row (data, ADW_TYPE_ACTION_ROW, "TV Lobi");

  return row != NULL && gil_test_ui_find_label (row, _("Revoked")) != NULL &&
         gil_test_ui_find_type (row, GTK_TYPE_BUTTON, 0) == NULL;
}

/* A button's label as shown: without its mnemonic underscore. */
static char *
shown_label (const char *label)
{
  g_auto(GStrv) parts = g_strsplit (label, "_", -1);

  return g_strjoinv ("", parts);
}

/* The last backup as health tells it, in the form the window shows. */
static char *
health_last_backup (GilTestManager *manager)
{
  guint status = 0;
  g_autoptr(JsonNode) health = gil_test_api_call (gil_test_manager_get_url (manager), NULL,
                                                  "GET", "/api/v1/health", NULL, NULL, &status);
  JsonObject *object = gil_test_api_object (health);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_assert_cmpuint (status, ==, 200);
  if (json_object_get_null_member (object, "last_backup"))
    return NULL;
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "last_backup"), NULL);
  g_assert_nonnull (time);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%d-%m-%Y %H.%M");
}

static guint
count_backups (GilTestManager *manager)
{
  g_autofree char *dir = g_build_filename (gil_test_manager_get_dir (manager), "backups", NULL);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Scrolls the window's visible page to @widget, for a screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

typedef struct
{
  GilTestManager *manager;
  AdwActionRow   *row;
  GtkWidget      *button;
  guint           backups;   /* files in backups/ to wait for, or 0 */
} BackupWait;

/* The row shows what health says, no backup is under way, and backups/
 * holds as many files as expected. */
static gboolean
backup_shown (gpointer data)
{
  BackupWait *w = data;
  g_autofree char *expected = health_last_backup (w->manager);

  if (w->backups > 0 && count_backups (w->manager) != w->backups)
    return FALSE;
  return gtk_widget_get_sensitive (w->button) &&
         g_strcmp0 (adw_action_row_get_subtitle (w->row), expected != NULL ? expected : _("None yet")) == 0;
}

/* The window on @connection, 900×700, once it lists the rooms. */
static GilPreferencesWindow *
open_window (GilConnection *connection,
             GSettings     *settings)
{
  GilPreferencesWindow *window = gil_preferences_window_new (NULL, connection, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (rooms_listed, window, "the rooms list");
  return window;
}

/* Closes @window, then lets go of @connection and stops @manager. */
static void
close_all (GtkWidget      *window,
           GilConnection  *connection,
           GilTestManager *manager)
{
  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_spin (50);
  g_object_unref (connection);
  gil_test_manager_free (manager);
}

static void
test_preferences (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                  gil_test_manager_get_admin_token (manager));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilPreferencesWindow *window = NULL;
  GtkWidget *name_row;
  GtkWidget *code_row;
  GtkSwitch *names;
  GtkWidget *room_calls_row;
  GtkSwitch *room_calls;
  AdwComboRow *announcements;
  g_autofree char *mode = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) rooms = NULL;
  MemberWait wait = { manager, "name", "Puskesmas Ampenan" };

  window = open_window (connection, settings);

  /* The puskesmas name, applied from its row. */
  name_row = gil_test_ui_find_named (GTK_WIDGET (window), "name_row");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Puskesmas Ampenan");
  g_signal_emit_by_name (name_row, "apply");
  gil_test_ui_wait (member_is, &wait, "the name to be saved");

  /* Names on the displays: off as the manager has it, then turned on. */
  names = GTK_SWITCH (gil_test_ui_find_named (GTK_WIDGET (window), "names_switch"));
  g_assert_false (gtk_switch_get_active (names));
  gtk_switch_set_active (names, TRUE);
  gil_test_ui_wait (names_on, manager, "names to be turned on for the displays");

  /* The display over plain HTTP: the admin's, off until turned on, on
   * the port after the manager's; then off again. */
  {
    GtkSwitch *plain = GTK_SWITCH (gil_test_ui_find_named (GTK_WIDGET (window), "plain_switch"));
    GtkWidget *plain_row = gil_test_ui_find_named (GTK_WIDGET (window), "plain_row");

    g_assert_true (gtk_widget_get_visible (plain_row));
    g_assert_false (gtk_switch_get_active (plain));
    g_assert_true (plain_off (manager));
    gtk_switch_set_active (plain, TRUE);
    gil_test_ui_wait (plain_on, manager, "the display over plain HTTP to be turned on");
    /* The manager's answers to the earlier changes come first. */
    gil_test_ui_wait (switch_on, plain, "the switch to show the manager's answer");
    scroll_to (plain_row);
    gil_test_ui_spin (300);
    g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "preferences-plain-display"));
    gtk_switch_set_active (plain, FALSE);
    gil_test_ui_wait (plain_off, manager, "the display over plain HTTP to be turned off");
  }

  /* The last backup the manager made (when it started), then one asked
   * for now. */
  {
    g_autofree char *label = shown_label (_("_Back Up Now"));
    BackupWait backup = { manager, NULL, NULL, 1 };

    backup.row = ADW_ACTION_ROW (find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, _("Last backup")));
    backup.button = gil_test_ui_find_button (GTK_WIDGET (window), label);
    g_assert_nonnull (backup.button);
    gil_test_ui_wait (backup_shown, &backup, "the last backup");
    /* A date and time as Indonesians write them: 04-12-2026 10.45. */
    g_assert_true (g_regex_match_simple ("^[0-9]{2}-[0-9]{2}-[0-9]{4} [0-9]{2}\\.[0-9]{2}$",
                                         adw_action_row_get_subtitle (backup.row), 0, 0));
    g_signal_emit_by_name (backup.button, "clicked");
    backup.backups = 2;
    gil_test_ui_wait (backup_shown, &backup, "a backup asked for now");
    scroll_to (GTK_WIDGET (backup.row));
    gil_test_ui_spin (300);
    g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "preferences-backup"));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (backup.row), GTK_TYPE_SCROLLED_WINDOW))), 0);
  }
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "preferences-puskesmas"));

  /* Call announcements: this computer's own settings, chime and voice
   * unless changed, and a room's own calls only when turned on. */
  announcements = ADW_COMBO_ROW (find_row (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, _("Announce calls")));
  g_assert_cmpuint (adw_combo_row_get_selected (announcements), ==, 2);
  adw_combo_row_set_selected (announcements, 1);
  mode = g_settings_get_string (settings, "announcements");
  g_assert_cmpstr (mode, ==, "chime");
  g_settings_set_string (settings, "announcements", "off");
  g_assert_cmpuint (adw_combo_row_get_selected (announcements), ==, 0);
  g_settings_reset (settings, "announcements");
  room_calls_row = find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, _("Announce this room’s calls"));
  room_calls = GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (room_calls_row)));
  g_assert_false (gtk_switch_get_active (room_calls));
  gtk_switch_set_active (room_calls, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "announce-room-calls"));
  g_settings_reset (settings, "announce-room-calls");
  g_assert_false (gtk_switch_get_active (room_calls));

  /* This computer's counter (meja) in its room, for its calls. */
  {
    GtkWidget *row = find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, _("Counter number"));
    GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)));

    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);
    gtk_spin_button_set_value (spin, 2);
    g_assert_cmpint (g_settings_get_int (settings, "counter"), ==, 2);
    gtk_spin_button_set_value (spin, 100);
    g_assert_cmpint (g_settings_get_int (settings, "counter"), ==, 99);
    g_settings_reset (settings, "counter");
    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0);
  }

  /* A pairing code for a display. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), NULL);
  code_row = find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Kode sambung");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, "Dipakai sebagai")), 2);
  g_signal_emit_by_name (gil_test_ui_find_button (GTK_WIDGET (window), "Buat Kode"), "clicked");
  gil_test_ui_wait (code_shown, code_row, "a pairing code");
  /* Its time is written as Indonesians write it, 10.45. */
  g_assert_true (g_regex_match_simple ("pukul [0-9]{2}\\.[0-9]{2}$",
                                       adw_action_row_get_subtitle (ADW_ACTION_ROW (code_row)), 0, 0));

  /* A station pairs: the list names what it is used as. */
  token = gil_test_api_pair_named (gil_test_manager_get_url (manager),
                                   gil_test_manager_get_admin_token (manager), "display", "", "TV Lobi");
  gil_test_ui_wait (station_listed, window, "the new station in the list");

  /* Revoked: the list says so, and its token no longer works. */
  g_signal_emit_by_name (gil_test_ui_find_type (find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "TV Lobi"),
                                                GTK_TYPE_BUTTON, 0), "clicked");
  gil_test_ui_wait (station_revoked, window, "the station revoked in the list");
  rooms = gil_test_api_expect (gil_test_manager_get_url (manager), token, "GET", "/api/v1/rooms",
                               NULL, NULL, 401);

  close_all (GTK_WIDGET (window), connection, manager);
}

/* No backup yet (here its folder cannot be made): the admin sees so, and
 * one asked for fails with the server's reason. */
static void
test_no_backup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("giliran-prefs-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (dir, "backups", NULL);
  g_autofree char *label = shown_label (_("_Back Up Now"));
  GilTestManager *manager;
  GilConnection *connection;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilPreferencesWindow *window;
  BackupWait backup = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (blocker, "bukan folder", -1, NULL));
  manager = gil_test_manager_start_full (dir, NULL, NULL, FALSE);
  connection = gil_connection_new (gil_test_manager_get_url (manager),
                                   gil_test_manager_get_admin_token (manager));
  window = open_window (connection, settings);

  backup.manager = manager;
  backup.row = ADW_ACTION_ROW (find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, _("Last backup")));
  backup.button = gil_test_ui_find_button (GTK_WIDGET (window), label);
  gil_test_ui_wait (backup_shown, &backup, "no backup yet");
  g_assert_cmpstr (adw_action_row_get_subtitle (backup.row), ==, _("None yet"));

  g_signal_emit_by_name (backup.button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (backup.button));
  gil_test_ui_wait (backup_shown, &backup, "the backup to be refused");
  g_assert_cmpstr (adw_action_row_get_subtitle (backup.row), ==, _("None yet"));
  scroll_to (GTK_WIDGET (backup.row));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "preferences-no-backup"));

  close_all (GTK_WIDGET (window), connection, manager);
  g_unlink (blocker);
  g_rmdir (dir);
}

/* The titles of the window's pages, or of the visible groups and rows of
 * its first page, in order, joined by " | ". */
static char *
shown_titles (GtkWidget *window,
              GType      type)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  GtkWidget *first = gil_test_ui_find_type (window, ADW_TYPE_PREFERENCES_PAGE, 0);

  for (guint i = 0;; i++)
    {
      GtkWidget *widget = gil_test_ui_find_type (type == ADW_TYPE_PREFERENCES_PAGE ? window : first, type, i);

      if (widget == NULL)
        break;
      if (!gtk_widget_is_visible (widget))
        continue;
      if (ADW_IS_PREFERENCES_PAGE (widget))
        {
          /* The window's own page of search results has no title. */
          if (g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)), "") > 0)
            g_strv_builder_add (titles, adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)));
        }
      else if (ADW_IS_PREFERENCES_GROUP (widget))
        g_strv_builder_add (titles, adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      else
        g_strv_builder_add (titles, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
    }
  strv = g_strv_builder_end (titles);
  return g_strjoinv (" | ", strv);
}

typedef struct
{
  const char *station;
  const char *pages;
  const char *groups;
  const char *rows;
} RoleExpect;

/* Each station's PC shows what that station may change: a room's or a
 * display's only how it announces calls (a room its own calls too) and
 * setting it up again. */
static void
test_per_role (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                  gil_test_manager_get_admin_token (manager));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *all_pages = g_strdup_printf ("%s | %s | %s | %s", _("Puskesmas"), _("Rooms"), _("Reports"),
                                                _("Stations"));
  g_autofree char *all_groups = g_strdup_printf ("%s | %s | %s | %s | %s | %s | %s | %s",
                                                 _("Puskesmas profile"), _("Daily report"),
                                                 _("Waiting-room display"), _("Call announcements"),
                                                 _("Counter of this computer"), _("Loket of this computer"),
                                                 _("Backups"), _("This computer"));
  g_autofree char *room_groups = g_strdup_printf ("%s | %s | %s", _("Call announcements"),
                                                  _("Counter of this computer"), _("This computer"));
  g_autofree char *own_groups = g_strdup_printf ("%s | %s", _("Call announcements"), _("This computer"));
  g_autofree char *room_rows = g_strdup_printf ("%s | %s | %s | %s", _("Announce calls"),
                                                _("Announce this room’s calls"), _("Counter number"),
                                                _("Set up again"));
  g_autofree char *display_rows = g_strdup_printf ("%s | %s", _("Announce calls"), _("Set up again"));
  const RoleExpect expect[] = {
    { "registration", all_pages, all_groups, NULL },
    { "head", all_pages, all_groups, NULL },
    { "room", _("Puskesmas"), room_groups, room_rows },
    { "display", _("Puskesmas"), own_groups, display_rows },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      GilPreferencesWindow *window;
      g_autofree char *pages = NULL;
      g_autofree char *groups = NULL;
      g_autofree char *shot = g_strconcat ("preferences-", expect[i].station, NULL);

      g_settings_set_string (settings, "station", expect[i].station);
      window = gil_preferences_window_new (NULL, connection, settings);
      gtk_window_present (GTK_WINDOW (window));
      pages = shown_titles (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE);
      groups = shown_titles (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_GROUP);
      g_test_message ("%s: %s; %s", expect[i].station, pages, groups);
      g_assert_cmpstr (pages, ==, expect[i].pages);
      g_assert_cmpstr (groups, ==, expect[i].groups);
      /* A registration desk's name in the loket queue is this PC's own. */
      if (g_str_equal (expect[i].station, "registration"))
        {
          g_autofree char *desk = NULL;

          gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (GTK_WIDGET (window), "loket_row")),
                                 "Loket 3");
          desk = g_settings_get_string (settings, GIL_DESK_LOKET_KEY);
          g_assert_cmpstr (desk, ==, "Loket 3");
          g_settings_reset (settings, GIL_DESK_LOKET_KEY);
        }
      if (expect[i].rows != NULL)
        {
          g_autofree char *rows = shown_titles (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW);

          g_assert_cmpstr (rows, ==, expect[i].rows);
        }
      gil_test_ui_spin (300);
      g_free (gil_test_ui_screenshot (GTK_WIDGET (window), shot));
      gtk_window_destroy (GTK_WINDOW (window));
      gil_test_ui_spin (50);
    }

  g_settings_reset (settings, "station");
  g_object_unref (connection);
  gil_test_manager_free (manager);
}

/* ── the room dialog ──────────────────────────────────────────────── */

static gboolean
name_shown (gpointer data)
{
  GtkWidget *name_row = gil_test_ui_find_named (data, "name_row");

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), "Puskesmas Ampenan") == 0;
}

/* Presses the dialog's Save, as a person does. */
static void
press_save (AdwMessageDialog *dialog)
{
  g_autofree char *label = shown_label (_("_Save"));

  g_signal_emit_by_name (gil_test_ui_find_button (GTK_WIDGET (dialog), label), "clicked");
}

static void
set_entry (AdwMessageDialog *dialog,
           const char       *title,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title)), text);
}

typedef struct
{
  GilTestManager *manager;
  GtkWidget      *window;
  const char     *code;
  const char     *name;
} RoomWait;

/* The room dialog for a new room GIGI-2, filled in with the ticket
 * prefix @prefix. */
static AdwMessageDialog *
fill_new_room (GtkWidget  *window,
               const char *prefix)
{
  g_autofree char *add_label = shown_label (_("_Add Room…"));
  AdwMessageDialog *dialog;

  g_signal_emit_by_name (gil_test_ui_find_button (window, add_label), "clicked");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the new room's dialog");
  dialog = ADW_MESSAGE_DIALOG (gil_test_ui_find_dialog ());
  set_entry (dialog, _("Code"), "GIGI-2");
  set_entry (dialog, _("Name"), "Ruang Gigi Dua");
  set_entry (dialog, _("Ticket prefix (one capital letter)"), prefix);
  set_entry (dialog, _("Tags (separated by commas)"), " gigi , , mulut");
  return dialog;
}

/* The manager's room @code, or NULL. */
static JsonObject *
dup_room (GilTestManager *manager,
          const char     *code)
{
  g_autoptr(JsonNode) rooms = gil_test_api_expect (gil_test_manager_get_url (manager),
                                                   gil_test_manager_get_admin_token (manager),
                                                   "GET", "/api/v1/rooms", NULL, NULL, 200);
  JsonArray *array = json_node_get_array (rooms);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *room = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (room, "code"), code))
        return json_object_ref (room);
    }
  return NULL;
}

/* The manager has the room @code named @name, and the list shows it. */
static gboolean
room_saved (gpointer data)
{
  RoomWait *w = data;
  g_autoptr(JsonObject) room = dup_room (w->manager, w->code);

  return room != NULL && g_strcmp0 (json_object_get_string_member (room, "name"), w->name) == 0 &&
         lookup_row (w->window, ADW_TYPE_ACTION_ROW, w->name) != NULL;
}

static gboolean
label_shown (gpointer data)
{
  RoomWait *w = data;

  return gil_test_ui_find_label (w->window, w->name) != NULL;
}

/* The puskesmas as the manager has it when the window opens; a room
 * edited and one added in the room dialog; one the manager refuses says
 * the manager's reason and is not made. */
static void
test_room_dialog (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  const char *admin = gil_test_manager_get_admin_token (manager);
  GilConnection *connection = gil_connection_new (url, admin);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  const char *bad_room = "{\"code\":\"GIGI-2\",\"name\":\"Ruang Gigi Dua\",\"prefix\":\"gigi\",\"cluster\":\"lk\"}";
  GilPreferencesWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *row;
  RoomWait wait;

  patched = gil_test_api_expect (url, admin, "PATCH", "/api/v1/profile",
                                 "{\"name\":\"Puskesmas Ampenan\",\"display_names\":true}", NULL, 200);
  window = open_window (connection, settings);
  gil_test_ui_wait (name_shown, window, "the puskesmas name");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (gil_test_ui_find_named (GTK_WIDGET (window), "names_switch"))));

  /* A room renamed: what the dialog leaves alone stays as it was. */
  before = dup_room (manager, "K3-DEWASA");
  row = find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, json_object_get_string_member (before, "name"));
  g_signal_emit_by_name (gil_test_ui_find_type (row, GTK_TYPE_BUTTON, 0), "clicked");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the room dialog");
  dialog = ADW_MESSAGE_DIALOG (gil_test_ui_find_dialog ());
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, _("Name")))),
                   ==, json_object_get_string_member (before, "name"));
  set_entry (dialog, _("Name"), "Ruang Dewasa Baru");
  press_save (dialog);
  wait = (RoomWait) { manager, GTK_WIDGET (window), "K3-DEWASA", "Ruang Dewasa Baru" };
  gil_test_ui_wait (room_saved, &wait, "the room renamed");
  after = dup_room (manager, "K3-DEWASA");
  g_assert_cmpstr (json_object_get_string_member (after, "prefix"), ==,
                   json_object_get_string_member (before, "prefix"));
  g_assert_cmpstr (json_object_get_string_member (after, "cluster"), ==,
                   json_object_get_string_member (before, "cluster"));
  g_assert_cmpstr (json_object_get_string_member (after, "priority_policy"), ==,
                   json_object_get_string_member (before, "priority_policy"));
  g_assert_cmpint (json_object_get_boolean_member (after, "active"), ==,
                   json_object_get_boolean_member (before, "active"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "tags")), ==,
                    json_array_get_length (json_object_get_array_member (before, "tags")));
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the room dialog to close");

  /* A prefix the manager refuses: its reason, and no room made. */
  refused = gil_test_api_expect (url, admin, "POST", "/api/v1/rooms", bad_room, NULL, 400);
  dialog = fill_new_room (GTK_WIDGET (window), "gigi");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (dialog), "preferences-room-dialog"));
  press_save (dialog);
  wait.name = json_object_get_string_member (json_object_get_object_member (gil_test_api_object (refused), "error"),
                                             "message");
  gil_test_ui_wait (label_shown, &wait, "the manager's reason");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "preferences-room-refused"));
  g_assert_null (dup_room (manager, "GIGI-2"));
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the room dialog to close");

  /* Once more with a prefix of one letter: made, its tags without blanks. */
  dialog = fill_new_room (GTK_WIDGET (window), "Q");
  press_save (dialog);
  wait = (RoomWait) { manager, GTK_WIDGET (window), "GIGI-2", "Ruang Gigi Dua" };
  gil_test_ui_wait (room_saved, &wait, "the new room");
  g_clear_pointer (&after, json_object_unref);
  after = dup_room (manager, "GIGI-2");
  g_assert_cmpstr (json_object_get_string_member (after, "prefix"), ==, "Q");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "tags")), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (after, "tags"), 1), ==, "mulut");

  close_all (GTK_WIDGET (window), connection, manager);
}

/* ── the reports' letterhead, signature and age bands ─────────────── */

/* A label under @data->widget reads @data->text. */
static gboolean
text_shown (gpointer data)
{
  GilTestExpect *e = data;

  return gil_test_ui_find_label (e->widget, e->text) != NULL;
}

/* Types @text into the row named @id, applies it, and waits until the
 * manager has @expected as @member. */
static void
apply_row (GtkWidget      *window,
           GilTestManager *manager,
           const char     *id,
           const char     *text,
           const char     *member,
           const char     *expected)
{
  GtkWidget *row = gil_test_ui_get_named (window, id);
  MemberWait wait = { manager, member, expected };

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  gil_test_ui_wait (member_is, &wait, member);
}

/* The "Laporan" page at @width × 768 (less a task bar). */
static GtkWidget *
open_reports_page (GilConnection *connection,
                   GSettings     *settings,
                   int            width)
{
  GilPreferencesWindow *window = gil_preferences_window_new (NULL, connection, settings);
  GtkWidget *page = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; page == NULL; i++)
    {
      GtkWidget *widget = gil_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE, i);

      g_assert_nonnull (widget);
      if (g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)), _("Reports")) == 0)
        page = widget;
    }
  g_assert_cmpstr (_("Reports"), ==, "Laporan");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return GTK_WIDGET (window);
}

/* The admin fills the letterhead and the signature row by row and picks
 * the age bands; a NIP that is not 18 digits is the manager's message
 * and changes nothing. */
static void
test_letterhead (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  const char *admin = gil_test_manager_get_admin_token (manager);
  GilConnection *connection = gil_connection_new (url, admin);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *window;
  AdwComboRow *bands;
  GilTestExpect shown;
  MemberWait kept = { manager, "head_nip", "198003152006042011" };
  GilProfile *profile;

  json_node_unref (gil_test_api_expect (url, admin, "PATCH", "/api/v1/profile",
                                        "{\"region\":\"Pemerintah Kabupaten Lombok Barat\","
                                        "\"head_nip\":\"198003152006042011\"}", NULL, 200));
  window = open_reports_page (connection, settings, 1024);

  /* What the manager has. */
  shown = (GilTestExpect) { gil_test_ui_get_named (window, "region_row"), "Pemerintah Kabupaten Lombok Barat" };
  gil_test_ui_wait (gil_test_expect_text, &shown, "the region");
  shown = (GilTestExpect) { gil_test_ui_get_named (window, "head_nip_row"), "198003152006042011" };
  g_assert_true (gil_test_expect_text (&shown));
  bands = ADW_COMBO_ROW (gil_test_ui_get_named (window, "age_bands_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (bands), ==, 0);

  /* Each row saved when applied, trimmed by the manager. */
  apply_row (window, manager, "health_office_row", " Dinas Kesehatan ", "health_office", "Dinas Kesehatan");
  apply_row (window, manager, "address_row", "Jl. Raya Gerung No. 1, Lombok Barat", "address",
             "Jl. Raya Gerung No. 1, Lombok Barat");
  apply_row (window, manager, "head_name_row", "dr. Baiq Nurul Aini", "head_name", "dr. Baiq Nurul Aini");
  apply_row (window, manager, "region_row", "Pemerintah Kota Mataram", "region", "Pemerintah Kota Mataram");
  shown = (GilTestExpect) { gil_test_ui_get_named (window, "health_office_row"), "Dinas Kesehatan" };
  gil_test_ui_wait (gil_test_expect_text, &shown, "the trimmed health office");

  /* The age bands, saved when chosen. */
  adw_combo_row_set_selected (bands, 1);
  {
    MemberWait wait = { manager, "age_bands", "permenkes" };

    gil_test_ui_wait (member_is, &wait, "the Permenkes age bands");
  }

  /* A NIP of five digits: the manager's message in a toast, the row as
   * typed, the NIP as it was. */
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_get_named (window, "head_nip_row")), "12345");
  g_signal_emit_by_name (gil_test_ui_get_named (window, "head_nip_row"), "apply");
  shown = (GilTestExpect) { window, "NIP terdiri atas tepat 18 angka, atau dikosongkan" };
  gil_test_ui_wait (text_shown, &shown, "the NIP refused");
  g_assert_true (member_is (&kept));
  profile = gil_connection_get_profile (connection);
  g_assert_cmpstr (gil_profile_get_head_nip (profile), ==, "198003152006042011");
  g_assert_cmpstr (gil_profile_get_age_bands (profile), ==, "permenkes");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gil_test_ui_get_named (window, "head_nip_row"))), ==,
                   "12345");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (window, "preferences-reports-1024"));
  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_spin (50);

  /* Opened again, wider: what was saved. */
  window = open_reports_page (connection, settings, 1366);
  shown = (GilTestExpect) { gil_test_ui_get_named (window, "head_name_row"), "dr. Baiq Nurul Aini" };
  gil_test_ui_wait (gil_test_expect_text, &shown, "the head's name");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (gil_test_ui_get_named (window, "age_bands_row"))),
                    ==, 1);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (window, "preferences-reports-1366"));
  close_all (window, connection, manager);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-preferences/profile-rooms-pairing", test_preferences);
  g_test_add_func ("/giliran/ui-preferences/no-backup", test_no_backup);
  g_test_add_func ("/giliran/ui-preferences/per-role", test_per_role);
  g_test_add_func ("/giliran/ui-preferences/room-dialog", test_room_dialog);
  g_test_add_func ("/giliran/ui-preferences/letterhead", test_letterhead);

  return g_test_run ();
}
