/* gil-test-dir.c — temporary folders, for every kind of test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gil-test-dir.h"

/* Returns: (transfer full): a new empty folder under the temporary one */
char *
gil_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("giliran-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and all that is in it; nothing when it is not there. */
void
gil_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        gil_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
