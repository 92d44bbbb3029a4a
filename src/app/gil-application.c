/* gil-application.c — Giliran, the desktop app
 *
 * Every window is a client of a queue manager. With no configuration, the
 * first run asks whether this computer hosts the queue (the default: a local
 * giliran-manager is started as its own process, so closing a window never
 * stops the queue) or joins one. A station can also be opened directly:
 *
 *   giliran --manager URL --token-file PATH [--fingerprint SHA256] --station registration|room|display|head|kiosk [--room CODE]…
 *
 * or write a month's or a day's report to a file without any window (or
 * display):
 *
 *   giliran --manager URL --token-file PATH --export-report YYYY-MM|YYYY-MM-DD|YYYY-MM-DD..YYYY-MM-DD
 *           --output FILE.pdf|FILE.xlsx|FILE.csv [--csv-separator comma|semicolon]
 *
 * or make a pairing code for a new station (with the admin's token):
 *
 *   giliran --manager URL --token-file PATH --pairing-code registration|room|display|head|kiosk [--room CODE]…
 *
 * Both are gil-commands.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "gil-application.h"
#include "gil-commands.h"
#include "gil-host.h"
#include "gil-preferences-window.h"
#include "gil-setup-window.h"
#include "gil-window.h"

struct _GilApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GilConnection  *connection;
  GilHost        *host;       /* when this computer hosts the queue */

  char           *cli_manager;
  char           *cli_token_file;
  char           *cli_fingerprint;
  char           *cli_station;
  GStrv           cli_rooms;
  gboolean        cli_host;
  char           *cli_export_date;
  char           *cli_output;
  char           *cli_csv_separator;
  char           *cli_pairing_role;
};

G_DEFINE_FINAL_TYPE (GilApplication, gil_application, ADW_TYPE_APPLICATION)

static char *
data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "giliran", NULL);
}

/* The port of the queue server this computer hosts: the default, or $GILIRAN_PORT
 * (tests run their own). */
static guint
host_port (void)
{
  const char *env = g_getenv ("GILIRAN_PORT");
  guint64 port = 0;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 65535, &port, NULL))
    return port;
  return GIL_DEFAULT_PORT;
}

/* giliran-manager: beside this program (also in the build folder), else
 * in libexecdir. */
static char *
find_manager (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  const char *env = g_getenv ("GILIRAN_MANAGER");

  if (env != NULL)
    return g_strdup (env);
  if (dir != NULL)
    {
      g_autofree char *beside = g_build_filename (dir, "giliran-manager", NULL);
      g_autofree char *build = g_build_filename (dir, "..", "manager", "giliran-manager", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
      if (g_file_test (build, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&build);
    }
  return g_build_filename (LIBEXECDIR, "giliran-manager", NULL);
}

/* Whether this computer's station is the ticket kiosk. */
static gboolean
opens_kiosk (GilApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->cli_station != NULL)
    return g_str_equal (self->cli_station, "kiosk");
  configured = g_settings_get_string (self->settings, "station");
  return g_str_equal (configured, "kiosk");
}

void
gil_application_use_connection (GilApplication *self,
                                GilConnection  *connection)
{
  g_return_if_fail (GIL_IS_APPLICATION (self));
  g_return_if_fail (GIL_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;
  if (self->connection != NULL)
    gil_connection_stop_events (self->connection);
  g_set_object (&self->connection, connection);
  /* The app keeps no events between runs: it starts from the state. A
   * kiosk is refused them: it asks instead. */
  if (!opens_kiosk (self))
    gil_connection_start_events (connection, GIL_CONNECTION_SINCE_NOTHING);
}

GilConnection *
gil_application_get_connection (GilApplication *self)
{
  g_return_val_if_fail (GIL_IS_APPLICATION (self), NULL);

  return self->connection;
}

GSettings *
gil_application_get_settings (GilApplication *self)
{
  g_return_val_if_fail (GIL_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* ── hosting: a local manager ──────────────────────────────────────── */

/* The host's manager came back another way (LAN or this computer only):
 * the same queue, reached at another address. */
static void
on_host_state_cb (GilApplication *self)
{
  if (self->connection != NULL && gil_host_get_state (self->host) == GIL_HOST_RUNNING)
    gil_connection_set_address (self->connection, gil_host_get_url (self->host),
                                gil_host_get_fingerprint (self->host));
}

static void
on_local_only_changed_cb (GilApplication *self)
{
  if (self->host != NULL)
    gil_host_set_local_only (self->host, g_settings_get_boolean (self->settings, "host-local-only"));
}

/**
 * gil_application_get_host:
 *
 * Returns: (transfer none) (nullable): the queue server this computer
 *   hosts, once it has been started
 */
GilHost *
gil_application_get_host (GilApplication *self)
{
  g_return_val_if_fail (GIL_IS_APPLICATION (self), NULL);

  return self->host;
}

static void
on_host_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GilApplication *self = g_task_get_source_object (task);
  GilHost *host = GIL_HOST (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) connection = NULL;
  g_autofree char *token = NULL;

  if (!gil_host_start_finish (host, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = gil_commands_read_token (gil_host_get_token_file (host), &error);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->connection == NULL || g_strcmp0 (gil_connection_get_token (self->connection), token) != 0)
    {
      connection = gil_connection_new_pinned (gil_host_get_url (host), token,
                                              gil_host_get_fingerprint (host));
      gil_application_use_connection (self, connection);
    }
  else
    on_host_state_cb (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * gil_application_host_async:
 *
 * Makes this computer the queue server: starts its manager (serving the
 * LAN over HTTPS unless the host-local-only setting keeps it here), keeps
 * it running from then on, and connects to it as the admin.
 */
void
gil_application_host_async (GilApplication      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GIL_IS_APPLICATION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_application_host_async);
  if (self->host == NULL)
    {
      g_autofree char *dir = data_dir ();
      g_autofree char *manager = find_manager ();

      self->host = gil_host_new (manager, dir, host_port (),
                                 g_settings_get_boolean (self->settings, "host-local-only"));
      g_signal_connect_object (self->host, "notify::state", G_CALLBACK (on_host_state_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::host-local-only",
                               G_CALLBACK (on_local_only_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gil_host_start_async (self->host, cancellable, on_host_started_cb, task);
}

gboolean
gil_application_host_finish (GilApplication  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ── stations ─────────────────────────────────────────────────────── */

/**
 * gil_application_open_station:
 *
 * Returns: (transfer none): the station's new window, shown
 */
GtkWindow *
gil_application_open_station (GilApplication     *self,
                              const char         *station,
                              const char * const *rooms)
{
  GilWindow *window;

  g_return_val_if_fail (GIL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (station != NULL, NULL);
  g_return_val_if_fail (self->connection != NULL, NULL);

  window = gil_window_new (ADW_APPLICATION (self), self->connection, station, rooms);
  gil_window_set_host (window, self->host);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

/* The PC's own station; a display PC shows its board full screen. */
void
gil_application_open_own_station (GilApplication     *self,
                                  const char         *station,
                                  const char * const *rooms)
{
  GtkWindow *window;

  g_return_if_fail (GIL_IS_APPLICATION (self));
  g_return_if_fail (station != NULL);

  window = gil_application_open_station (self, station, rooms);
  if (window != NULL && (g_str_equal (station, "display") || g_str_equal (station, "kiosk")))
    gtk_window_fullscreen (window);
}

static void
show_error (GilApplication *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_configured_station (GilApplication *self)
{
  g_autofree char *station = g_settings_get_string (self->settings, "station");
  g_auto(GStrv) rooms = g_settings_get_strv (self->settings, "rooms");

  gil_application_open_own_station (self, station, (const char * const *)rooms);
}

static void
on_hosted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilApplication *self = GIL_APPLICATION (source);
  g_autoptr(GError) error = NULL;

  if (!gil_application_host_finish (self, result, &error))
    show_error (self, _("The queue server did not start"), error->message);
  else
    open_configured_station (self);
  g_application_release (G_APPLICATION (self));
}

/* giliran --host: the first run's "This computer hosts the queue", with
 * the station from the command line (a registration desk by default). */
static void
on_cli_hosted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GilApplication *self = GIL_APPLICATION (source);
  g_autoptr(GError) error = NULL;
  const char * const no_rooms[] = { NULL };
  const char *station = self->cli_station != NULL ? self->cli_station : "registration";
  const char * const *rooms = self->cli_rooms != NULL ? (const char * const *)self->cli_rooms : no_rooms;

  if (!gil_application_host_finish (self, result, &error))
    {
      g_printerr ("giliran: %s: %s\n", _("The queue server did not start"), error->message);
      show_error (self, _("The queue server did not start"), error->message);
    }
  else
    {
      g_settings_set_string (self->settings, "mode", "host");
      g_settings_set_string (self->settings, "station", station);
      g_settings_set_strv (self->settings, "rooms", rooms);
      g_settings_set_boolean (self->settings, "configured", TRUE);
      gil_application_open_own_station (self, station, rooms);
    }
  g_application_release (G_APPLICATION (self));
}

static gboolean
connect_with_token_file (GilApplication *self,
                         const char     *url,
                         const char     *token_file,
                         const char     *fingerprint)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) connection = NULL;
  g_autofree char *token = gil_commands_read_token (token_file, &error);
  g_autofree char *pinned = NULL;

  if (token == NULL)
    {
      g_printerr ("giliran: %s\n", error->message);
      return FALSE;
    }
  pinned = gil_commands_pinned_fingerprint (url, fingerprint, token_file);
  connection = gil_connection_new_pinned (url, token, pinned);
  gil_application_use_connection (self, connection);
  return TRUE;
}

static void
gil_application_activate (GApplication *application)
{
  GilApplication *self = GIL_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *mode = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->cli_manager != NULL)
    {
      if (connect_with_token_file (self, self->cli_manager, self->cli_token_file, self->cli_fingerprint))
        gil_application_open_own_station (self, self->cli_station, (const char * const *)self->cli_rooms);
      return;
    }

  if (self->cli_host)
    {
      g_application_hold (application);
      gil_application_host_async (self, NULL, on_cli_hosted_cb, NULL);
      return;
    }

  if (!g_settings_get_boolean (self->settings, "configured"))
    {
      gtk_window_present (GTK_WINDOW (gil_setup_window_new (self)));
      return;
    }

  mode = g_settings_get_string (self->settings, "mode");
  if (g_str_equal (mode, "host"))
    {
      /* Keep running while the local server starts. */
      g_application_hold (application);
      gil_application_host_async (self, NULL, on_hosted_cb, NULL);
    }
  else
    {
      g_autofree char *url = g_settings_get_string (self->settings, "manager-url");
      g_autofree char *token_file = g_settings_get_string (self->settings, "token-file");
      g_autofree char *fingerprint = g_settings_get_string (self->settings, "manager-fingerprint");

      if (connect_with_token_file (self, url, token_file, fingerprint))
        open_configured_station (self);
      else
        gtk_window_present (GTK_WINDOW (gil_setup_window_new (self)));
    }
}

/* ── a report to a file, without a window ─────────────────────────── */

/* A command with no window: it runs before the app registers or GTK
 * starts, so it needs no display. Returns: the exit status */
static int
run_command (GilApplication *self)
{
  GilCommandLine line = {
    .manager = self->cli_manager,
    .token_file = self->cli_token_file,
    .fingerprint = self->cli_fingerprint,
    .period = self->cli_export_date,
    .output = self->cli_output,
    .csv_separator = self->cli_csv_separator,
    .wait_target = g_settings_get_int (self->settings, "wait-target"),
    .pairing_role = self->cli_pairing_role,
    .rooms = (const char * const *)self->cli_rooms,
  };

  if (self->cli_pairing_role != NULL &&
      (self->cli_export_date != NULL || self->cli_output != NULL || self->cli_csv_separator != NULL))
    {
      g_printerr ("giliran: %s\n", _("Give either --pairing-code or --export-report, not both"));
      return 2;
    }
  if (self->cli_pairing_role != NULL)
    return gil_commands_pairing_code (&line);
  return gil_commands_export_report (&line);
}

static int
gil_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  GilApplication *self = GIL_APPLICATION (application);
  static const char * const stations[] = { "registration", "room", "display", "head", "kiosk", NULL };

  g_variant_dict_lookup (options, "manager", "s", &self->cli_manager);
  g_variant_dict_lookup (options, "token-file", "^ay", &self->cli_token_file);
  g_variant_dict_lookup (options, "fingerprint", "s", &self->cli_fingerprint);
  g_variant_dict_lookup (options, "station", "s", &self->cli_station);
  g_variant_dict_lookup (options, "room", "^as", &self->cli_rooms);
  g_variant_dict_lookup (options, "export-report", "s", &self->cli_export_date);
  g_variant_dict_lookup (options, "output", "^ay", &self->cli_output);
  g_variant_dict_lookup (options, "csv-separator", "s", &self->cli_csv_separator);
  g_variant_dict_lookup (options, "host", "b", &self->cli_host);
  g_variant_dict_lookup (options, "pairing-code", "s", &self->cli_pairing_role);

  if (self->cli_export_date != NULL || self->cli_output != NULL || self->cli_csv_separator != NULL ||
      self->cli_pairing_role != NULL)
    return run_command (self);

  if (self->cli_host)
    {
      if (self->cli_manager != NULL)
        {
          g_printerr ("giliran: %s\n", _("Give either --host or --manager, not both"));
          return 2;
        }
      if (self->cli_station != NULL && !g_strv_contains (stations, self->cli_station))
        {
          g_printerr ("giliran: %s\n", _("--station is registration, room, display, head or kiosk"));
          return 2;
        }
      if (g_strcmp0 (self->cli_station, "room") == 0 &&
          (self->cli_rooms == NULL || self->cli_rooms[0] == NULL))
        {
          g_printerr ("giliran: %s\n", _("A room station needs --room CODE"));
          return 2;
        }
    }
  else if (self->cli_manager != NULL || self->cli_station != NULL)
    {
      if (self->cli_manager == NULL || self->cli_token_file == NULL || self->cli_station == NULL)
        {
          g_printerr ("giliran: %s\n", _("--manager, --token-file and --station go together"));
          return 2;
        }
      if (!g_strv_contains (stations, self->cli_station))
        {
          g_printerr ("giliran: %s\n", _("--station is registration, room, display, head or kiosk"));
          return 2;
        }
      if (g_str_equal (self->cli_station, "room") &&
          (self->cli_rooms == NULL || self->cli_rooms[0] == NULL))
        {
          g_printerr ("giliran: %s\n", _("A room station needs --room CODE"));
          return 2;
        }
      /* A directly opened station is its own instance, so several can run. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
open_station_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GilApplication *self = user_data;
  const char *target = g_variant_get_string (parameter, NULL);

  if (self->connection == NULL)
    return;
  if (g_str_has_prefix (target, "room:"))
    {
      const char *rooms[] = { target + 5, NULL };

      gil_application_open_station (self, "room", rooms);
    }
  else
    gil_application_open_station (self, target, NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GilApplication *self = user_data;
  const char *developers[] = { _("Giliran developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", "Giliran",
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Giliran developers"),
                         "developers", developers,
                         /* TRANSLATORS: who translated Giliran, shown in its About window */
                         "translator-credits", _("translator-credits"),
                         "comments", _("The patient queue of a puskesmas"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GilApplication *self = user_data;
  GilPreferencesWindow *window;

  if (self->connection == NULL)
    return;
  window = gil_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                       self->connection, self->settings);
  gil_preferences_window_set_host (window, self->host);
  gtk_window_present (GTK_WINDOW (window));
}

static void
setup_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GilApplication *self = user_data;

  gtk_window_present (GTK_WINDOW (gil_setup_window_new (self)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
gil_application_startup (GApplication *application)
{
  GilApplication *self = GIL_APPLICATION (application);
  const GActionEntry actions[] = {
    { "open-station", open_station_action, "s" },
    { "about", about_action },
    { "preferences", preferences_action },
    { "setup", setup_action },
    { "quit", quit_action },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (gil_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

static void
gil_application_dispose (GObject *object)
{
  GilApplication *self = (GilApplication *)object;

  if (self->connection != NULL)
    gil_connection_stop_events (self->connection);
  g_clear_object (&self->connection);
  g_clear_object (&self->host);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gil_application_parent_class)->dispose (object);
}

static void
gil_application_finalize (GObject *object)
{
  GilApplication *self = (GilApplication *)object;

  g_free (self->cli_manager);
  g_free (self->cli_token_file);
  g_free (self->cli_fingerprint);
  g_free (self->cli_station);
  g_strfreev (self->cli_rooms);
  g_free (self->cli_export_date);
  g_free (self->cli_output);
  g_free (self->cli_csv_separator);
  g_free (self->cli_pairing_role);

  G_OBJECT_CLASS (gil_application_parent_class)->finalize (object);
}

static void
gil_application_class_init (GilApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gil_application_dispose;
  object_class->finalize = gil_application_finalize;
  app_class->activate = gil_application_activate;
  app_class->startup = gil_application_startup;
  app_class->handle_local_options = gil_application_handle_local_options;
}

static void
gil_application_init (GilApplication *self)
{
  const GOptionEntry entries[] = {
    { "manager", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The queue server's address"), N_("URL") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The file holding this station's token"), N_("PATH") },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The SHA-256 fingerprint of an https:// queue server’s certificate; no other is accepted (default: the certificate beside the token file, if there is one)"), N_("SHA256") },
    { "host", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Make this computer the queue server without asking, as the first run’s “This computer hosts the queue” does, and open its station (--station, a registration desk by default)"), NULL },
    { "station", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Open this station: registration, room, display, head or kiosk"), N_("STATION") },
    { "room", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, N_("A room, by code, for a room station or a display"), N_("CODE") },
    { "export-report", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Write the report of this month (YYYY-MM), day (YYYY-MM-DD) or days (YYYY-MM-DD..YYYY-MM-DD) to --output, without a window"), N_("PERIOD") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The file --export-report writes: .pdf for the printed report, .xlsx for the spreadsheet, .csv for the figures"), N_("FILE") },
    { "pairing-code", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Make a pairing code for a new station of this role (registration, room, display, head or kiosk; a room station also takes --room), print it and exit, without a window; needs the admin’s token"), N_("ROLE") },
    { "csv-separator", 0, 0, G_OPTION_ARG_STRING, NULL, N_("A month’s CSV separates its fields with a comma (the default) or a semicolon, as spreadsheets set up for Indonesia expect"), N_("comma|semicolon") },
    { NULL }
  };

  self->settings = g_settings_new (APPLICATION_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

GilApplication *
gil_application_new (void)
{
  return g_object_new (GIL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/org/giliran/Giliran",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
