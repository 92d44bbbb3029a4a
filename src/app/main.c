/* main.c — giliran, the desktop app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-application.h"
#include "gil-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GilApplication) app = NULL;

  /* The interface follows the system language; Indonesian when it names none. */
  gil_i18n_init (TRUE);
  textdomain (GETTEXT_PACKAGE);

  app = gil_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
