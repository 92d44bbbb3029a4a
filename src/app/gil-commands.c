/* gil-commands.c — what `giliran` does from a shell, without a window
 *
 * Two commands run before GTK starts, so they need no display: an admin
 * runs them over ssh, from a timer, or with sudo on the PC that hosts the
 * packaged manager (whose admin token only root and the manager can read).
 *
 *   giliran --manager URL --token-file PATH --export-report PERIOD --output FILE [--csv-separator …]
 *     writes a report to a file;
 *   giliran --manager URL --token-file PATH --pairing-code ROLE [--room CODE]…
 *     makes a pairing code for a new station and prints it, with the
 *     certificate's fingerprint the station will be shown.
 *
 * Each returns the exit status: 0 done, 1 the manager refused or could not
 * be reached, 2 a wrong command line (then nothing was asked or changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-commands.h"
#include "gil-connection-rooms.h"
#include "gil-connection-stations.h"
#include "gil-fingerprint.h"
#include "gil-pairing-code.h"
#include "gil-report-export.h"
#include "gil-room-item.h"

/**
 * gil_commands_read_token:
 * @path: a token file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the file's first line, trimmed
 */
char *
gil_commands_read_token (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;
  lines = g_strsplit (contents, "\n", 2);
  return g_strstrip (g_strdup (lines[0] != NULL ? lines[0] : ""));
}

/**
 * gil_commands_pinned_fingerprint:
 * @url: (nullable): the manager's address
 * @fingerprint: (nullable): the fingerprint given
 * @token_file: (nullable): the token file
 *
 * The certificate to pin for an https:// manager: the one given, or, for
 * the admin on the manager's own computer, the certificate beside its
 * admin token (giliran-manager keeps both beside the database).
 *
 * Returns: (transfer full) (nullable): the fingerprint, or %NULL to pin none
 */
char *
gil_commands_pinned_fingerprint (const char *url,
                                 const char *fingerprint,
                                 const char *token_file)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (fingerprint != NULL && *fingerprint != '\0')
    return g_strdup (fingerprint);
  if (url == NULL || !g_str_has_prefix (url, "https://") || token_file == NULL)
    return NULL;
  dir = g_path_get_dirname (token_file);
  path = g_build_filename (dir, "giliran-tls.pem", NULL);
  certificate = g_tls_certificate_new_from_file (path, NULL);
  return certificate != NULL ? gil_fingerprint_of_certificate (certificate) : NULL;
}

/* The connection a command line asks for, or %NULL with the reason
 * printed. */
static GilConnection *
connect_command_line (const GilCommandLine *line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *pinned = NULL;

  token = gil_commands_read_token (line->token_file, &error);
  if (token == NULL)
    {
      g_printerr ("giliran: %s\n", error->message);
      return NULL;
    }
  pinned = gil_commands_pinned_fingerprint (line->manager, line->fingerprint, line->token_file);
  return gil_connection_new_pinned (line->manager, token, pinned);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **done = user_data;

  *done = g_object_ref (result);
}

/* Runs the default main context until an async call gives its result. */
static GAsyncResult *
wait_for_result (GAsyncResult **done)
{
  while (*done == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *done;
}

/**
 * gil_commands_export_report:
 * @line: the command line
 *
 * Writes the report of `--export-report` to `--output`.
 *
 * Returns: the exit status
 */
int
gil_commands_export_report (const GilCommandLine *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char separator = ',';

  g_return_val_if_fail (line != NULL, 2);

  if (line->manager == NULL || line->token_file == NULL ||
      line->period == NULL || line->output == NULL)
    {
      g_printerr ("giliran: %s\n", _("--export-report needs --manager, --token-file and --output"));
      return 2;
    }
  /* Nothing is asked or written for a wrong period, file or separator. */
  if (!gil_report_export_check (line->period, line->output, &error))
    {
      g_printerr ("giliran: %s: %s\n", _("The report was not exported"), error->message);
      return 2;
    }
  if (line->csv_separator != NULL && !gil_report_csv_separator_parse (line->csv_separator, &separator))
    {
      g_printerr ("giliran: %s\n", _("--csv-separator is comma (,) or semicolon (;)"));
      return 2;
    }
  connection = connect_command_line (line);
  if (connection == NULL)
    return 1;
  gil_report_export_async (connection, line->period, line->output, separator,
                           line->wait_target, NULL, on_done_cb, &result);
  if (!gil_report_export_finish (wait_for_result (&result), &error))
    {
      g_printerr ("giliran: %s: %s\n", _("The report was not exported"), error->message);
      return 1;
    }
  return 0;
}

/* The ids of the rooms given by code, or %NULL with the unknown code
 * printed. */
static GArray *
find_room_ids (GilConnection      *connection,
               const char * const *codes,
               int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gil_connection_list_rooms_async (connection, NULL, on_done_cb, &result);
  rooms = gil_connection_list_rooms_finish (connection, wait_for_result (&result), &error);
  if (rooms == NULL)
    {
      g_printerr ("giliran: %s: %s\n", _("No pairing code was made"), error->message);
      *status = 1;
      return NULL;
    }
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gint64 id;
      guint j;

      for (j = 0; j < rooms->len; j++)
        if (g_ascii_strcasecmp (gil_room_item_get_code (g_ptr_array_index (rooms, j)), codes[i]) == 0)
          break;
      if (j == rooms->len)
        {
          g_printerr ("giliran: %s: ", _("No pairing code was made"));
          g_printerr (_("No room has the code %s"), codes[i]);
          g_printerr ("\n");
          *status = 2;
          return NULL;
        }
      id = gil_room_item_get_id (g_ptr_array_index (rooms, j));
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* Whether the command line names a role a code can be made for, with the
 * rooms it needs; says why not. */
static gboolean
check_pairing_line (const GilCommandLine *line)
{
  static const char * const roles[] = { "registration", "room", "display", "head", "kiosk", NULL };
  gboolean has_rooms = line->rooms != NULL && line->rooms[0] != NULL;

  if (line->manager == NULL || line->token_file == NULL)
    g_printerr ("giliran: %s\n", _("--pairing-code needs --manager and --token-file"));
  else if (!g_strv_contains (roles, line->pairing_role))
    g_printerr ("giliran: %s\n", _("--pairing-code is registration, room, display, head or kiosk"));
  else if (g_str_equal (line->pairing_role, "room") && !has_rooms)
    g_printerr ("giliran: %s\n", _("A room station needs --room CODE"));
  else if (has_rooms && !g_str_equal (line->pairing_role, "room") &&
           !g_str_equal (line->pairing_role, "display"))
    g_printerr ("giliran: %s\n", _("--room is for a room station or a display"));
  else
    return TRUE;
  return FALSE;
}

/**
 * gil_commands_pairing_code:
 * @line: the command line
 *
 * Makes a pairing code for a station of the role `--pairing-code` names
 * (and the rooms `--room` names), and prints it, the time it stops
 * working and the certificate's fingerprint the new station will show.
 * Needs the admin's token.
 *
 * Returns: the exit status
 */
int
gil_commands_pairing_code (const GilCommandLine *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) room_ids = NULL;
  g_autoptr(GilPairingCode) code = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *until = NULL;
  g_autofree char *valid = NULL;
  int status = 1;

  g_return_val_if_fail (line != NULL, 2);

  if (!check_pairing_line (line))
    return 2;
  connection = connect_command_line (line);
  if (connection == NULL)
    return 1;
  if (line->rooms != NULL && line->rooms[0] != NULL)
    {
      room_ids = find_room_ids (connection, line->rooms, &status);
      if (room_ids == NULL)
        return status;
    }
  gil_connection_create_pairing_code_async (connection, line->pairing_role,
                                            room_ids != NULL ? (const gint64 *)room_ids->data : NULL,
                                            room_ids != NULL ? room_ids->len : 0,
                                            NULL, on_done_cb, &result);
  code = gil_connection_create_pairing_code_finish (connection, wait_for_result (&result), &error);
  if (code == NULL)
    {
      g_printerr ("giliran: %s: %s\n", _("No pairing code was made"), error->message);
      return 1;
    }
  expires = g_date_time_to_local (gil_pairing_code_get_expires_at (code));
  until = g_date_time_format (expires, "%H.%M");
  valid = g_strdup_printf (_("%s — valid until %s"), gil_pairing_code_get_code (code), until);
  g_print ("%s: %s\n", _("Pairing code"), valid);
  if (gil_pairing_code_get_fingerprint (code) != NULL)
    g_print ("%s: %s\n", _("Fingerprint of the server’s certificate"),
             gil_pairing_code_get_fingerprint (code));
  return 0;
}
