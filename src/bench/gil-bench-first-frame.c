/* gil-bench-first-frame.c — how long the app takes to its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-bench.h"

/**
 * gil_bench_app_launcher:
 * @mode: the environment variable, set to 1, that tells the app what is
 *   measured
 *
 * How the bench starts the app: its output piped, its settings in memory,
 * drawn by Cairo unless the caller says otherwise, with the schema of the
 * build folder it runs from.
 *
 * Returns: (transfer full): the launcher
 */
GSubprocessLauncher *
gil_bench_app_launcher (const char *app,
                        const char *mode)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  g_subprocess_launcher_setenv (launcher, mode, "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", FALSE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* Run from the build folder, the app finds its schema there. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *bin = g_path_get_dirname (app);
      g_autofree char *schemas = g_build_filename (bin, "..", "..", "data", NULL);

      g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  return launcher;
}

double
gil_bench_app_first_frame_ms (const char      *app,
                              GilBenchManager *m,
                              const char      *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token_file = g_build_filename (dir, "admin-token", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 start;

  if (app == NULL || g_getenv ("DISPLAY") == NULL || !g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    return -1;
  launcher = gil_bench_app_launcher (app, "GILIRAN_EXIT_AFTER_FIRST_FRAME");
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, app, "--manager", m->url,
                                         "--token-file", token_file, "--station", "display", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    return -1;
  /* The app prints when it painted, on the same monotonic clock. */
  line = out != NULL ? strstr (out, "first-frame-us ") : NULL;
  return line != NULL ? (g_ascii_strtoll (line + 15, NULL, 10) - start) / 1000.0 : -1;
}
