/* gil-i18n.c — where Giliran finds its translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "gil-i18n.h"

/**
 * gil_i18n_init:
 * @indonesian_by_default: speak Indonesian when the environment names no
 *   language; the manager does, since its replies are read at a clinic's
 *   desk whatever the server's own locale
 *
 * Sets the locale and binds the message catalogue, from
 * $GILIRAN_LOCALEDIR when set (the build tree, for tests) or the installed
 * one.
 */
void
gil_i18n_init (gboolean indonesian_by_default)
{
  const char *localedir = g_getenv ("GILIRAN_LOCALEDIR");
  const char *messages;

  setlocale (LC_ALL, "");

  messages = setlocale (LC_MESSAGES, NULL);
  if (indonesian_by_default && g_getenv ("LANGUAGE") == NULL &&
      (messages == NULL || g_str_equal (messages, "C") || g_str_has_prefix (messages, "C.") ||
       g_str_equal (messages, "POSIX")))
    {
      /* GNU gettext ignores LANGUAGE in the plain C locale; C.UTF-8 is
       * present on every Debian system and lets it through. */
      if (g_str_has_prefix (messages != NULL ? messages : "", "C.") ||
          setlocale (LC_ALL, "C.UTF-8") != NULL)
        g_setenv ("LANGUAGE", "id", TRUE);
    }

  if (localedir == NULL)
    {
      g_autofree char *installed = g_build_filename (LOCALEDIR, "id", "LC_MESSAGES",
                                                     GETTEXT_PACKAGE ".mo", NULL);

      /* Run from the build folder, before any install: use its catalogues. */
      localedir = g_file_test (installed, G_FILE_TEST_EXISTS) ? LOCALEDIR : BUILD_LOCALEDIR;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
