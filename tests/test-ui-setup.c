/* test-ui-setup.c — joining an https:// queue server under Xvfb, against a
 * real giliran-manager --tls: the host's settings show the pairing code
 * with the certificate's fingerprint, the joining computer shows the same
 * fingerprint before it sends the code, and keeps it with its token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gil-address.h"
#include "gil-application.h"
#include "gil-pairing-page.h"
#include "gil-preferences-window.h"
#include "gil-setup-window.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"
#include "gil-window.h"

static const char * const tls_args[] = { "--tls", NULL };

/* As a person reads it: four lines of eight pairs. */
static char *
shown_lines (const char *fingerprint)
{
  GString *text = g_string_new (NULL);
  guint pair = 0;

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p != ':')
        {
          g_string_append_c (text, *p);
          continue;
        }
      pair++;
      g_string_append_c (text, pair % 8 == 0 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

static char *
plain_label (const char *mnemonic)
{
  g_autoptr(GString) plain = g_string_new (mnemonic);

  g_string_replace (plain, "_", "", 0);
  return g_strdup (plain->str);
}

static void
click (GtkWidget  *root,
       const char *mnemonic)
{
  g_autofree char *label = plain_label (mnemonic);
  GtkWidget *button = gil_test_ui_find_button (root, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
label_visible (gpointer data)
{
  return gtk_widget_is_visible (data);
}

typedef struct
{
  GtkStack   *stack;
  const char *page;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *w = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (w->stack), w->page) == 0;
}

static gboolean
station_open (gpointer data)
{
  for (GList *l = gtk_application_get_windows (data); l != NULL; l = l->next)
    if (GIL_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

/* Picks @role's label among the pairing page's roles. */
static void
choose_role (GtkWidget  *page,
             const char *label)
{
  AdwComboRow *row = ADW_COMBO_ROW (gil_test_ui_find_named (page, "role_row"));
  GListModel *roles = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (roles), i), label) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  g_error ("no role “%s” on the pairing page", label);
}

static gboolean
kiosk_filled (gpointer data)
{
  for (GList *l = gtk_application_get_windows (data); l != NULL; l = l->next)
    if (GIL_IS_WINDOW (l->data) && gil_test_ui_find_named (l->data, "kiosk_series_A") != NULL)
      return TRUE;
  return FALSE;
}

/* A computer joins over TLS as a registration desk, or (@data "kiosk") as
 * the ticket kiosk, which may not list the rooms. */
static void
test_join_over_tls (gconstpointer data)
{
  gboolean kiosk = g_strcmp0 (data, "kiosk") == 0;
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autofree char *lines = shown_lines (fingerprint);
  GilConnection *admin = gil_connection_new_pinned (url, gil_test_manager_get_admin_token (manager),
                                                    fingerprint);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GilPreferencesWindow *preferences = gil_preferences_window_new (NULL, admin, settings);
  g_autoptr(GilApplication) app = gil_application_new ();
  GilSetupWindow *setup;
  GtkWidget *page;
  GtkWidget *code_label;
  GtkWidget *label;
  g_autofree char *code = NULL;
  g_autofree char *saved_url = NULL;
  g_autofree char *saved_fingerprint = NULL;
  g_autofree char *token_file = NULL;
  GilConnection *joined;
  PageWait wait = { 0 };

  /* The host: its address and fingerprint, then a code for a registration
   * desk beside them. */
  gtk_window_set_default_size (GTK_WINDOW (preferences), 900, 700);
  gtk_window_present (GTK_WINDOW (preferences));
  page = gil_test_ui_find_type (GTK_WIDGET (preferences), GIL_TYPE_PAIRING_PAGE, 0);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  label = gil_test_ui_find_named (page, "fingerprint_label");
  g_assert_true (gtk_widget_is_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, lines);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gil_test_ui_find_named (page, "address_label"))), ==, url);
  code_label = gil_test_ui_find_named (page, "code_label");
  g_assert_false (gtk_widget_is_visible (code_label));
  if (kiosk)
    choose_role (page, _("Ticket kiosk"));
  click (page, _("_Create Code"));
  gil_test_ui_wait (label_visible, code_label, "the pairing code beside the fingerprint");
  code = g_strdup (gtk_label_get_text (GTK_LABEL (code_label)));
  g_assert_cmpuint (strlen (code), ==, 6);
  g_assert_true (g_ascii_isdigit (code[0]) && g_ascii_isdigit (code[5]));
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (preferences), "preferences-pairing-tls"));

  /* The joining computer (the kiosk's beside the other test's instance on
   * the session bus). */
  if (kiosk)
    g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".KioskTest");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  setup = gil_setup_window_new (app);
  gtk_window_present (GTK_WINDOW (setup));
  wait.stack = GTK_STACK (gil_test_ui_find_named (GTK_WIDGET (setup), "stack"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gil_test_ui_find_named (GTK_WIDGET (setup), "join_check")), TRUE);
  click (GTK_WIDGET (setup), _("_Continue"));
  wait.page = "join";
  gil_test_ui_wait (page_shown, &wait, "the join page");
  /* Typed as a clerk may, without https://: it is added. */
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (GTK_WIDGET (setup), "address_row")),
                         url + strlen ("https://"));
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (GTK_WIDGET (setup), "code_row")), code);
  gtk_editable_set_text (GTK_EDITABLE (gil_test_ui_find_named (GTK_WIDGET (setup), "name_row")), "Meja TLS");
  click (GTK_WIDGET (setup), _("C_onnect"));

  /* The same fingerprint, before the code is sent. */
  wait.page = "verify";
  gil_test_ui_wait (page_shown, &wait, "the fingerprint to check");
  label = gil_test_ui_find_named (GTK_WIDGET (setup), "fingerprint_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, lines);
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (setup), "setup-fingerprint"));

  /* Paired: the station opens (a registration desk, or the kiosk), the
   * set-up closes. */
  click (GTK_WIDGET (setup), _("They _Match, Connect"));
  gil_test_ui_wait (station_open, app, "the station");

  /* Kept with the token: the address, the pin and the token file. */
  saved_url = g_settings_get_string (settings, "manager-url");
  saved_fingerprint = g_settings_get_string (settings, "manager-fingerprint");
  token_file = g_settings_get_string (settings, "token-file");
  g_assert_cmpstr (saved_url, ==, url);
  g_assert_cmpstr (saved_fingerprint, ==, fingerprint);
  g_assert_true (g_file_test (token_file, G_FILE_TEST_IS_REGULAR));

  joined = gil_application_get_connection (app);
  g_assert_cmpstr (gil_connection_get_fingerprint (joined), ==, fingerprint);
  if (kiosk)
    {
      /* The kiosk's buttons, from the series it may ask for. */
      g_autofree char *station = g_settings_get_string (settings, "station");

      g_assert_cmpstr (station, ==, "kiosk");
      gil_test_ui_wait (kiosk_filled, app, "the kiosk's buttons");
    }
  else
    gil_test_ui_wait (is_online, joined, "the desk's event socket over WSS");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (preferences));
  gil_test_ui_spin (50);
  g_unlink (token_file);
  g_settings_reset (settings, "manager-url");
  g_settings_reset (settings, "manager-fingerprint");
  g_settings_reset (settings, "token-file");
  g_settings_reset (settings, "configured");
  g_settings_reset (settings, "mode");
  g_settings_reset (settings, "station");
  g_settings_reset (settings, "rooms");
  g_object_unref (admin);
  gil_test_manager_free (manager);
}

/* The app's icon is found where the app runs, installed or from the build
 * folder: the welcome page shows it, not the missing-image icon. */
static void
test_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GilApplication) app = gil_application_new ();
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GError) error = NULL;
  GilSetupWindow *setup;
  GtkWidget *status_page;
  GtkWidget *image;

  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));

  /* Beside the other test's instance on the session bus. */
  g_application_set_application_id (G_APPLICATION (app), APPLICATION_ID ".IconTest");
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  setup = gil_setup_window_new (app);
  gtk_window_present (GTK_WINDOW (setup));
  status_page = gil_test_ui_find_named (GTK_WIDGET (setup), "welcome_page");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status_page)), ==, APPLICATION_ID);
  image = gil_test_ui_find_type (status_page, GTK_TYPE_IMAGE, 0);
  g_assert_true (gtk_widget_is_visible (image));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, APPLICATION_ID);
  icon = gtk_icon_theme_lookup_icon (theme, APPLICATION_ID, NULL, gtk_image_get_pixel_size (GTK_IMAGE (image)),
                                     gtk_widget_get_scale_factor (image), gtk_widget_get_direction (image), 0);
  g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, APPLICATION_ID);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (setup), "setup-welcome"));
  gtk_window_destroy (GTK_WINDOW (setup));
  gil_test_ui_spin (50);
}

/* What a clerk types for the server's address: as much as the host's
 * Stations page shows, or less; what cannot be one is refused. */
static void
test_address (void)
{
  static const struct
  {
    const char *typed;
    const char *url;
  } cases[] = {
    { "192.168.1.10", "https://192.168.1.10:8470" },
    { " 192.168.1.10:9000/ ", "https://192.168.1.10:9000" },
    { "https://192.168.1.10:8470", "https://192.168.1.10:8470" },
    { "http://127.0.0.1:8470/", "http://127.0.0.1:8470" },
    { "server-ruang.local", "https://server-ruang.local:8470" },
    { "[fe80::1]:8471", "https://[fe80::1]:8471" },
    { "", NULL },
    { "https://", NULL },
    { "192.168.1.10/api/v1", NULL },
    { "ftp://192.168.1.10", NULL },
    { "user@192.168.1.10", NULL },
    { "192.168.1.10:port", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = gil_address_normalize (cases[i].typed, &error);

      g_test_message ("“%s” → %s", cases[i].typed, url != NULL ? url : error->message);
      g_assert_cmpstr (url, ==, cases[i].url);
      if (url == NULL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("giliran-ui-setup-XXXXXX", &error);
  g_autofree char *config = NULL;
  g_autofree char *own = NULL;
  int status;

  /* The station token goes to the config folder: a temporary one. */
  g_assert_no_error (error);
  config = g_build_filename (home, "config", NULL);
  own = g_build_filename (config, "giliran", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gil_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/giliran/ui-setup/join-over-tls", "registration", test_join_over_tls);
  g_test_add_data_func ("/giliran/ui-setup/join-kiosk", "kiosk", test_join_over_tls);
  g_test_add_func ("/giliran/ui-setup/icon", test_icon);
  g_test_add_func ("/giliran/ui-setup/address", test_address);

  status = g_test_run ();
  g_rmdir (own);
  g_rmdir (config);
  g_rmdir (home);
  return status;
}
