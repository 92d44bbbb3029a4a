/* gil-test-files.c — reading back the files a test had written, with the
 * tools a person would use: pdftotext, pdfinfo and pdftoppm
 * (poppler-utils), unzip (a spreadsheet is a ZIP of XML parts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "gil-test-files.h"

/**
 * gil_test_run_tool:
 * @argv: the tool and its arguments, %NULL-terminated
 *
 * Runs the tool, which must succeed.
 *
 * Returns: (transfer full): what it wrote to its standard output
 */
char *
gil_test_run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s (in build-aux/debian-packages.txt): %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Returns: (transfer full): the part @part ("xl/workbook.xml") of @zip */
char *
gil_test_zip_part (const char *zip,
                   const char *part)
{
  return gil_test_run_tool ((const char * const[]) { "unzip", "-p", zip, part, NULL });
}
