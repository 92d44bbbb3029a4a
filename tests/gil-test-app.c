/* gil-test-app.c — the real `giliran` run from a shell, for tests of its
 * commands that need no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "gil-test-app.h"

/**
 * gil_test_app_run:
 * @args: the app's arguments, %NULL-terminated
 * @out: (out) (optional): what it printed on standard output
 * @err: (out) (optional): what it printed on standard error
 *
 * Runs the app $GILIRAN_APP with no display at all (the commands must not
 * need one) and waits for it to exit.
 *
 * Returns: its exit status
 */
int
gil_test_app_run (const char * const  *args,
                  char               **out,
                  char               **err)
{
  return gil_test_app_run_with (args, NULL, out, err);
}

/**
 * gil_test_app_run_with:
 * @env: (nullable): NAME, VALUE, NAME, VALUE…, %NULL: the app's
 *   environment besides the test's
 *
 * Like gil_test_app_run().
 */
int
gil_test_app_run_with (const char * const  *args,
                       const char * const  *env,
                       char               **out,
                       char               **err)
{
  const char *app = g_getenv ("GILIRAN_APP");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *complained = NULL;

  g_assert_nonnull (app);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  for (guint i = 0; env != NULL && env[i] != NULL && env[i + 1] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_strv_builder_add (builder, app);
  g_strv_builder_addv (builder, (const char **)args);
  argv = g_strv_builder_end (builder);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &printed, &complained, &error);
  g_assert_no_error (error);
  joined = g_strjoinv (" ", (char **)args);
  g_test_message ("giliran %s:\n%s%s", joined, printed, complained);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (out != NULL)
    *out = g_steal_pointer (&printed);
  if (err != NULL)
    *err = g_steal_pointer (&complained);
  return g_subprocess_get_exit_status (process);
}
