/* gil-address.c — the queue server's address as a person types it
 *
 * A clerk joining a PC to the queue server types what the host's Stations
 * page shows, or less of it: "192.168.1.10" or "192.168.1.10:8470" mean
 * the same server as "https://192.168.1.10:8470". The address is made
 * whole here; what cannot be a server's address is refused with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gil-address.h"

/**
 * gil_address_normalize:
 * @text: what was typed
 *
 * Returns: (transfer full) (nullable): the server's address, as
 *   "https://HOST:PORT" (or http:// when typed so), or %NULL with @error
 *   set (%G_IO_ERROR_INVALID_ARGUMENT, its message for the person)
 */
char *
gil_address_normalize (const char  *text,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *whole = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *path;
  int port;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  clean = g_strstrip (g_strdup (text));
  if (clean[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Type the queue server’s address, such as https://192.168.1.10:%d"),
                   GIL_DEFAULT_PORT);
      return NULL;
    }
  whole = strstr (clean, "://") != NULL ? g_strdup (clean) : g_strconcat ("https://", clean, NULL);
  /* "https://192.168.1.10:8470/" is the same server; "https://" alone is
   * none (its host is checked below). */
  while (g_str_has_suffix (whole, "/") && !g_str_has_suffix (whole, "://"))
    whole[strlen (whole) - 1] = '\0';
  uri = g_uri_parse (whole, G_URI_FLAGS_NONE, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (path != NULL && path[0] != '\0') || g_uri_get_query (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a queue server’s address; it looks like https://192.168.1.10:%d"),
                   clean, GIL_DEFAULT_PORT);
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The address starts with http:// or https://"));
      return NULL;
    }
  port = g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : GIL_DEFAULT_PORT;
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     port, "", NULL, NULL);
}
