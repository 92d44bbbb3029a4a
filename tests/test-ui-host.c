/* test-ui-host.c — this computer hosts the queue, under Xvfb, with the real
 * giliran-manager it starts: it serves the LAN over HTTPS, the pairing page
 * shows the address, fingerprint and code another computer needs, a room
 * station is paired with rooms ticked from a list, and a manager killed
 * with SIGKILL is started again while the window's banner says so, and
 * why a start fails (its port taken); one that cannot start says why; one left running by an earlier start is
 * used, watched and replaced; `giliran --host` does it all without asking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "gil-application.h"
#include "gil-fingerprint.h"
#include "gil-pairing-page.h"
#include "gil-preferences-window.h"
#include "gil-test-ui.h"
#include "gil-window.h"

static char *data_home;

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (any, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Whether something listens on every IPv4 address at @port (0.0.0.0), as
 * /proc/net/tcp says. */
static gboolean
listens_on_all (guint port)
{
  g_autofree char *table = NULL;
  g_autofree char *wanted = g_strdup_printf ("00000000:%04X 00000000:0000 0A", port);

  g_assert_true (g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL));
  return strstr (table, wanted) != NULL;
}

/* Stops the giliran-manager processes whose database is under @dir. */
static void
stop_managers_in (const char *dir)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *cmdline = NULL;
      gsize length = 0;
      guint64 pid = 0;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &pid, NULL) ||
          !g_file_get_contents (path, &cmdline, &length, NULL) ||
          !g_str_has_suffix (cmdline, "giliran-manager"))
        continue;
      for (gsize at = 0; at < length; at += strlen (cmdline + at) + 1)
        if (g_str_has_prefix (cmdline + at, dir))
          kill ((GPid)pid, SIGTERM);
    }
}

/* Starts @host and waits until it runs a manager or has failed to. */
static gboolean
start_host (GilHost     *host,
            const char  *what,
            GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  gil_host_start_async (host, NULL, gil_test_loop_keep_result, &slot);
  result = gil_test_ui_wait_result (&slot, what);
  return gil_host_start_finish (host, result, error);
}

/* The reply to a request through @connection that must succeed. */
static JsonNode *
request (GilConnection *connection,
         const char    *method,
         const char    *path,
         JsonNode      *body,
         const char    *what)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *reply;

  gil_connection_request_async (connection, method, path, body, NULL, NULL, gil_test_loop_keep_result, &slot);
  result = gil_test_ui_wait_result (&slot, what);
  reply = gil_connection_request_finish (connection, result, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

static gboolean
label_has_text (gpointer data)
{
  const char *text = gtk_label_get_text (data);

  return gtk_widget_is_visible (data) && text != NULL && *text != '\0';
}

static gboolean
hidden (gpointer data)
{
  return !gtk_widget_is_visible (data);
}

static gboolean
room_checks_listed (gpointer data)
{
  return gil_test_ui_find_type (data, GTK_TYPE_CHECK_BUTTON, 3) != NULL;
}

static GtkCheckButton *
find_room_check (GtkWidget  *root,
                 const char *name)
{
  GtkWidget *check;

  for (guint i = 0; (check = gil_test_ui_find_type (root, GTK_TYPE_CHECK_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (check)), name) == 0)
      return GTK_CHECK_BUTTON (check);
  g_error ("no room “%s” to tick", name);
}

static gboolean
host_running_again (gpointer data)
{
  GilHost *host = data;
  GPid *old = g_object_get_data (G_OBJECT (host), "old-pid");

  return gil_host_get_state (host) == GIL_HOST_RUNNING && gil_host_get_pid (host) != 0 &&
         gil_host_get_pid (host) != *old;
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

static gboolean
serves_plain_http (gpointer data)
{
  GilApplication *app = data;

  return gil_host_get_state (gil_application_get_host (app)) == GIL_HOST_RUNNING &&
         g_str_has_prefix (gil_connection_get_base_url (gil_application_get_connection (app)), "http://") &&
         gil_connection_get_online (gil_application_get_connection (app));
}

static GtkLabel *
card_label (GtkWidget  *page,
            const char *name)
{
  GtkWidget *label = gil_test_ui_find_named (page, name);

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

static void
test_host_lan (void)
{
  guint port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GilApplication) app = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto(GStrv) lan = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *expected_address = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *stopped = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *cannot = NULL;
  GSocketListener *squatter;
  g_autofree char *code = NULL;
  g_autoptr(GilConnection) other = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GilPreferencesWindow *preferences;
  GtkWidget *page;
  GtkWindow *desk;
  GilHost *host;
  GPid old_pid;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_setenv ("GILIRAN_PORT", port_text, TRUE);
  app = gil_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  /* Hosting, as the first run's button does: the LAN, over HTTPS. */
  gil_application_host_async (app, NULL, gil_test_loop_keep_result, &slot);
  result = gil_test_ui_wait_result (&slot, "the queue server to start");
  g_assert_true (gil_application_host_finish (app, result, &error));
  g_assert_no_error (error);
  host = gil_application_get_host (app);
  g_assert_nonnull (host);
  g_assert_cmpint (gil_host_get_state (host), ==, GIL_HOST_RUNNING);
  g_assert_true (g_str_has_prefix (gil_host_get_url (host), "https://127.0.0.1:"));
  g_assert_nonnull (gil_host_get_fingerprint (host));
  g_assert_true (listens_on_all (port));
  /* The admin's own connection is pinned to the certificate beside its token. */
  g_assert_cmpstr (gil_connection_get_fingerprint (gil_application_get_connection (app)), ==,
                   gil_host_get_fingerprint (host));
  gil_test_ui_wait (is_online, gil_application_get_connection (app), "the admin's event socket over WSS");

  /* Another computer reaches it at a LAN address and sees the same
   * certificate (when this machine has a LAN address at all). */
  lan = gil_host_dup_lan_urls (host);
  if (lan[0] != NULL)
    {
      g_autoptr(GAsyncResult) probed = NULL;
      g_autofree char *fingerprint = NULL;

      gil_connection_probe_certificate_async (lan[0], NULL, gil_test_loop_keep_result, &slot);
      probed = gil_test_ui_wait_result (&slot, "the certificate at the LAN address");
      fingerprint = gil_connection_probe_certificate_finish (probed, &error);
      g_assert_no_error (error);
      g_assert_true (gil_fingerprint_equal (fingerprint, gil_host_get_fingerprint (host)));
      expected_address = g_strjoinv ("\n", lan);
    }
  else
    {
      g_test_message ("no LAN address here: the addresses shown are not checked");
      expected_address = g_strdup (_("None: this computer is on no network"));
    }

  /* The pairing page: the address, the fingerprint, then the code. */
  preferences = gil_preferences_window_new (NULL, gil_application_get_connection (app), settings);
  gil_preferences_window_set_host (preferences, host);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 1000, 740);
  gtk_window_present (GTK_WINDOW (preferences));
  page = gil_test_ui_find_type (GTK_WIDGET (preferences), GIL_TYPE_PAIRING_PAGE, 0);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences), ADW_PREFERENCES_PAGE (page));
  g_assert_cmpstr (gtk_label_get_text (card_label (page, "address_label")), ==, expected_address);
  lines = gil_fingerprint_format_lines (gil_host_get_fingerprint (host));
  g_assert_cmpstr (gtk_label_get_text (card_label (page, "fingerprint_label")), ==, lines);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (card_label (page, "fingerprint_label"))));

  /* A room station for the elderly's room, ticked from the list. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_find_named (page, "role_row")), 1);
  gil_test_ui_wait (room_checks_listed, page, "the rooms to tick");
  gtk_check_button_set_active (find_room_check (page, "Ruang Lansia"), TRUE);
  g_signal_emit_by_name (gil_test_ui_find_button (page, "Buat Kode"), "clicked");
  gil_test_ui_wait (label_has_text, card_label (page, "code_label"), "the pairing code");
  code = g_strdup (gtk_label_get_text (card_label (page, "code_label")));
  g_assert_cmpuint (strlen (code), ==, 6);
  gil_test_ui_spin (500);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (preferences), "host-pairing"));

  /* The other computer uses the code: it disappears, the station appears. */
  other = gil_connection_new_pinned (gil_host_get_url (host), "", gil_host_get_fingerprint (host));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "PC Ruang Lansia");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  reply = request (other, "POST", "/api/v1/pair", body, "the pairing");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (
                     json_object_get_object_member (json_node_get_object (reply), "station"), "rooms"), 0),
                   ==, 5);
  gil_test_ui_wait (hidden, card_label (page, "code_label"), "the used code to disappear");
  g_assert_nonnull (gil_test_ui_find_label (page, "PC Ruang Lansia"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The manager killed: started again, and the desk's banner says so. */
  desk = gil_application_open_station (app, "registration", NULL);
  gtk_window_set_default_size (desk, 1000, 700);
  gil_test_ui_wait (is_online, gil_application_get_connection (app), "the desk online");
  old_pid = gil_host_get_pid (host);
  g_assert_cmpint (old_pid, >, 0);
  g_object_set_data (G_OBJECT (host), "old-pid", &old_pid);
  g_assert_cmpint (kill (old_pid, SIGKILL), ==, 0);
  killed = g_strdup_printf (_("it was ended by signal %d"), SIGKILL);
  stopped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The queue server on this computer stopped: %s. Starting it again in %u second…",
                                          "The queue server on this computer stopped: %s. Starting it again in %u seconds…",
                                          1),
                             killed, 1);
  gil_test_ui_wait_label (GTK_WIDGET (desk), "offline_label", stopped);
  gil_test_ui_spin (200);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (desk), "host-restarting"));

  /* Its port taken meanwhile: the next start fails, and the banner says
   * why, in the manager's words, and when it tries again. */
  squatter = g_socket_listener_new ();
  g_assert_true (g_socket_listener_add_inet_port (squatter, port, NULL, NULL));
  taken = g_strdup_printf ("Port %u sudah dipakai", port);
  cannot = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The queue server on this computer cannot start: %s. Trying again in %u second…",
                                         "The queue server on this computer cannot start: %s. Trying again in %u seconds…",
                                         2),
                            taken, 2);
  gil_test_ui_wait_label (GTK_WIDGET (desk), "offline_label", cannot);
  gil_test_ui_spin (200);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (desk), "host-cannot-start"));
  g_socket_listener_close (squatter);
  g_clear_object (&squatter);
  gil_test_ui_wait (host_running_again, host, "the queue server started again");
  gil_test_ui_wait (is_online, gil_application_get_connection (app), "the desk online again");
  g_assert_true (g_str_has_suffix (gil_host_get_problem (host), "."));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gil_test_ui_get_named (GTK_WIDGET (desk), "offline_label"))), ==,
                   gil_host_get_problem (host));

  /* This computer only: plain HTTP on loopback, the same queue. */
  g_settings_set_boolean (settings, "host-local-only", TRUE);
  gil_test_ui_wait (serves_plain_http, app, "the queue server on this computer only");
  g_assert_false (listens_on_all (port));
  g_assert_null (gil_host_get_fingerprint (host));

  /* The host stops keeping it, as when the app quits; then it stops. */
  old_pid = gil_host_get_pid (host);
  g_object_set_data (G_OBJECT (host), "old-pid", NULL);
  g_object_run_dispose (G_OBJECT (host));
  kill (old_pid, SIGTERM);
  g_settings_reset (settings, "host-local-only");
  gtk_window_destroy (desk);
  gil_test_ui_spin (100);
}

/* A port taken by another program: the reason, from the manager, in
 * Indonesian. */
static void
test_cannot_start (void)
{
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (data_home, "busy", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GilHost) host = NULL;
  guint port = free_port ();

  g_assert_true (g_socket_listener_add_inet_port (squatter, port, NULL, &error));
  g_assert_no_error (error);
  host = gil_host_new (g_getenv ("GILIRAN_MANAGER"), dir, port, FALSE);
  g_assert_false (start_host (host, "the queue server to fail", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  expected = g_strdup_printf ("Port %u sudah dipakai", port);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (gil_host_get_state (host), ==, GIL_HOST_STOPPED);
}

/* giliran --host, as a scripted install runs it: no question asked, the
 * manager serves the LAN over HTTPS. */
static void
test_command_line (void)
{
  g_autofree char *home = g_build_filename (data_home, "cli", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *pem = g_build_filename (data, "giliran", "giliran-tls.pem", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) admin = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  guint port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(JsonNode) health = NULL;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "GILIRAN_PORT", port_text, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("GILIRAN_APP"), "--host", NULL);
  g_assert_no_error (error);

  for (guint i = 0; i < 100 && !listens_on_all (port); i++)
    gil_test_ui_spin (100);
  g_assert_true (listens_on_all (port));
  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  fingerprint = gil_fingerprint_of_certificate (certificate);
  url = g_strdup_printf ("https://127.0.0.1:%u", port);
  admin = gil_connection_new_pinned (url, "", fingerprint);
  health = request (admin, "GET", "/api/v1/health", NULL, "the manager giliran --host started");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (health), "tls"));

  /* The queue outlives the app: stop both. */
  g_subprocess_send_signal (app, SIGTERM);
  g_subprocess_wait (app, NULL, NULL);
  stop_managers_in (data);
}

static gboolean
is_running (gpointer data)
{
  return gil_host_get_state (data) == GIL_HOST_RUNNING;
}

/* Runs the main loop until @host runs a manager of its own, for at most
 * @seconds (a manager it found is asked for its health every few seconds). */
static void
wait_own_manager (GilHost *host,
                  guint    seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!(gil_host_get_state (host) == GIL_HOST_RUNNING && gil_host_get_pid (host) != 0))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the host to run its own manager");
      gil_test_ui_spin (100);
    }
}

/* The app closed and started again: the manager it left running is used
 * as it is, watched, and replaced when it stops answering or serves the
 * other way than asked. */
static void
test_adopt (void)
{
  g_autofree char *dir = g_build_filename (data_home, "adopt", NULL);
  const char *manager = g_getenv ("GILIRAN_MANAGER");
  guint port = free_port ();
  GilHost *first = gil_host_new (manager, dir, port, FALSE);
  GilHost *second;
  GilHost *third;
  GPid pid;
  g_autoptr(GError) error = NULL;

  g_assert_true (start_host (first, "the first manager", &error));
  g_assert_no_error (error);
  pid = gil_host_get_pid (first);
  g_assert_cmpint (pid, >, 0);
  g_assert_finalize_object (first);  /* the app quits; its manager stays */
  g_assert_cmpint (kill (pid, 0), ==, 0);

  /* Found, over HTTPS as asked: used as it is. */
  second = gil_host_new (manager, dir, port, FALSE);
  g_assert_true (start_host (second, "the manager found running", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gil_host_get_pid (second), ==, 0);
  g_assert_nonnull (gil_host_get_fingerprint (second));

  /* This computer only: the found one is stopped, ours serves HTTP. */
  gil_host_set_local_only (second, TRUE);
  wait_own_manager (second, 20);
  g_assert_cmpint (kill (pid, 0), !=, 0);
  g_assert_true (g_str_has_prefix (gil_host_get_url (second), "http://"));
  g_assert_false (listens_on_all (port));
  pid = gil_host_get_pid (second);
  g_assert_finalize_object (second);

  /* Found, and then killed: noticed by its silence, and replaced. */
  third = gil_host_new (manager, dir, port, TRUE);
  g_assert_true (start_host (third, "the plain manager found running", &error));
  g_assert_no_error (error);
  g_assert_cmpint (gil_host_get_pid (third), ==, 0);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  wait_own_manager (third, 30);
  g_assert_true (is_running (third));
  g_assert_nonnull (strstr (gil_host_get_problem (third), "."));
  kill (gil_host_get_pid (third), SIGTERM);
  g_object_unref (third);
}

static gboolean
only_reference (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

/* The host on its own, never started; the pairing page on its own, its
 * first request ended. */
static void
test_new_destroy (void)
{
  GilHost *host = gil_host_new ("giliran-manager", data_home, GIL_DEFAULT_PORT, FALSE);
  g_autoptr(GilConnection) connection = gil_connection_new ("http://127.0.0.1:1", "");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *page = g_object_ref_sink (gil_pairing_page_new (connection, settings));

  g_assert_cmpint (gil_host_get_state (host), ==, GIL_HOST_STOPPED);
  g_assert_cmpstr (gil_host_get_url (host), ==, "https://127.0.0.1:" G_STRINGIFY (GIL_DEFAULT_PORT));
  gil_pairing_page_set_host (GIL_PAIRING_PAGE (page), host);
  gil_pairing_page_set_host (GIL_PAIRING_PAGE (page), NULL);
  g_assert_finalize_object (host);

  /* Its request for the stations ends (refused, here), and with it its
   * hold on the page. */
  gil_test_ui_wait (only_reference, page, "the page's request to end");
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The database, its token and certificate go to a temporary data folder. */
  data_home = g_dir_make_tmp ("giliran-ui-host-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gil_test_ui_init (&argc, &argv);

  /* First: the app it runs must be the only one on the session bus. */
  g_test_add_func ("/giliran/ui-host/command-line", test_command_line);
  g_test_add_func ("/giliran/ui-host/lan-pairing-restart", test_host_lan);
  g_test_add_func ("/giliran/ui-host/cannot-start", test_cannot_start);
  g_test_add_func ("/giliran/ui-host/adopt", test_adopt);
  g_test_add_func ("/giliran/ui-host/new-destroy", test_new_destroy);

  status = g_test_run ();
  stop_managers_in (data_home);
  {
    g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", data_home, NULL);

    g_subprocess_wait (rm, NULL, NULL);
  }
  g_free (data_home);
  return status;
}
