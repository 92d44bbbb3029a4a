/* test-ui-preferences.c — the admin's settings under Xvfb, against a real
 * manager: the puskesmas name, rooms, pairing a station; and this
 * computer's call announcements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-preferences-window.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

static guint
count_rows (GtkWidget *box)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The row of @type titled @title. */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (root, type, i);

      g_assert_nonnull (row);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
        return row;
    }
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
      if (count_rows (box) == 10)
        return TRUE;
    }
}

typedef struct
{
  GilTestManager *manager;
  const char     *name;
} ProfileWait;

static gboolean
profile_saved (gpointer data)
{
  ProfileWait *w = data;
  guint status = 0;
  g_autoptr(JsonNode) profile = gil_test_api_call (gil_test_manager_get_url (w->manager),
                                                   gil_test_manager_get_admin_token (w->manager),
                                                   "GET", "/api/v1/profile", NULL, NULL, &status);

  return g_strcmp0 (json_object_get_string_member (gil_test_api_object (profile), "name"), w->name) == 0;
}

static gboolean
names_on (gpointer data)
{
  GilTestManager *manager = data;
  guint status = 0;
  g_autoptr(JsonNode) profile = gil_test_api_call (gil_test_manager_get_url (manager),
                                                   gil_test_manager_get_admin_token (manager),
                                                   "GET", "/api/v1/profile", NULL, NULL, &status);

  return json_object_get_boolean_member_with_default (gil_test_api_object (profile), "display_names", FALSE);
}

static gboolean
code_shown (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && strlen (subtitle) > 6 && g_ascii_isdigit (subtitle[0]) &&
         g_ascii_isdigit (subtitle[5]);
}

static void
test_preferences (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  GilConnection *connection = gil_connection_new (gil_test_manager_get_url (manager),
                                                  gil_test_manager_get_admin_token (manager));
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilPreferencesWindow *window = gil_preferences_window_new (NULL, connection, settings);
  GtkWidget *name_row;
  GtkWidget *code_row;
  GtkSwitch *names;
  GtkWidget *room_calls_row;
  GtkSwitch *room_calls;
  AdwComboRow *announcements;
  g_autofree char *mode = NULL;
  ProfileWait wait = { manager, "Puskesmas Ampenan" };

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (rooms_listed, window, "the rooms list");

  /* The puskesmas name, applied from its row. */
  name_row = gil_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, 0);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Puskesmas Ampenan");
  g_signal_emit_by_name (name_row, "apply");
  gil_test_ui_wait (profile_saved, &wait, "the name to be saved");

  /* Names on the displays: off as the manager has it, then turned on. */
  names = GTK_SWITCH (gil_test_ui_find_type (GTK_WIDGET (window), GTK_TYPE_SWITCH, 0));
  g_assert_false (gtk_switch_get_active (names));
  gtk_switch_set_active (names, TRUE);
  gil_test_ui_wait (names_on, manager, "names to be turned on for the displays");
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

  /* A pairing code for a display. */
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), NULL);
  code_row = find_row (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Kode sambung");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, "Dipakai sebagai")), 2);
  g_signal_emit_by_name (gil_test_ui_find_button (GTK_WIDGET (window), "Buat Kode"), "clicked");
  gil_test_ui_wait (code_shown, code_row, "a pairing code");

  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_spin (50);
  g_object_unref (connection);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-preferences/profile-rooms-pairing", test_preferences);

  return g_test_run ();
}
