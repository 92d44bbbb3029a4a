/* test-private-files.c — the manager's files are its user's alone
 *
 * The real giliran-manager, started with the umask most desktops have
 * (022): the database, its -wal and -shm, a backup and the admin token are
 * 0600 and the backups folder 0700; files an older version left readable
 * by all are made private when it starts again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

static guint
mode_of (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("%s: %s", path, g_strerror (errno));
  return st.st_mode & 07777;
}

static char *
beside (GilTestManager *m,
        const char     *name)
{
  return g_build_filename (gil_test_manager_get_dir (m), name, NULL);
}

/* Every file the manager wrote, with its mode. */
static void
assert_private (GilTestManager *m,
                const char     *backup)
{
  const char *database = gil_test_manager_get_database (m);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database, "-shm", NULL);
  g_autofree char *backups = beside (m, "backups");
  g_autofree char *backup_path = g_build_filename (backups, backup, NULL);
  g_autofree char *token = beside (m, "admin-token");

  g_assert_cmpuint (mode_of (database), ==, 0600);
  g_assert_cmpuint (mode_of (wal), ==, 0600);
  g_assert_cmpuint (mode_of (shm), ==, 0600);
  g_assert_cmpuint (mode_of (backups), ==, 0700);
  g_assert_cmpuint (mode_of (backup_path), ==, 0600);
  g_assert_cmpuint (mode_of (token), ==, 0600);
}

static char *
back_up (GilTestManager *m)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (gil_test_manager_get_url (m),
                                                   gil_test_manager_get_admin_token (m),
                                                   "POST", "/api/v1/backups", NULL, NULL, 201);

  return g_strdup (json_object_get_string_member (gil_test_api_object (reply), "file"));
}

static void
test_modes (void)
{
  GilTestManager *m = gil_test_manager_start ();
  const char *database = gil_test_manager_get_database (m);
  g_autofree char *backups = beside (m, "backups");
  g_autofree char *backup = NULL;
  g_autoptr(JsonNode) visit = NULL;

  /* A write, so that the log has something in it, and a backup. */
  visit = gil_test_api_register (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                                 "Siti Aminah", "1959-03-10", NULL);
  backup = back_up (m);
  assert_private (m, backup);

  /* As an older version left them: readable by all. */
  gil_test_manager_kill (m, SIGTERM);
  {
    g_autofree char *wal = g_strconcat (database, "-wal", NULL);
    g_autofree char *shm = g_strconcat (database, "-shm", NULL);
    g_autofree char *backup_path = g_build_filename (backups, backup, NULL);

    g_assert_cmpint (g_chmod (database, 0644), ==, 0);
    /* A clean stop leaves no -wal and -shm; an unclean one would. */
    g_assert_true (g_file_set_contents_full (wal, "", 0, G_FILE_SET_CONTENTS_NONE, 0644, NULL));
    g_assert_cmpint (g_chmod (wal, 0644), ==, 0);
    g_unlink (shm);
    g_assert_cmpint (g_chmod (backups, 0755), ==, 0);
    g_assert_cmpint (g_chmod (backup_path, 0644), ==, 0);
  }
  gil_test_manager_restart (m);
  g_clear_pointer (&visit, json_node_unref);
  visit = gil_test_api_register (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                                 "Budi Santoso", "1980-01-01", NULL);
  {
    g_autofree char *database_path = g_strdup (database);
    g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (database_path, "-shm", NULL);

    g_assert_cmpuint (mode_of (database_path), ==, 0600);
    g_assert_cmpuint (mode_of (wal), ==, 0600);
    g_assert_cmpuint (mode_of (shm), ==, 0600);
    g_assert_cmpuint (mode_of (backups), ==, 0700);
  }
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What most desktops and services start with; the manager must not
   * depend on being given a stricter one. */
  umask (022);
  g_test_add_func ("/giliran/private-files/modes", test_modes);
  return g_test_run ();
}
