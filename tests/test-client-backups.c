/* test-client-backups.c — the admin's "back up now" as one typed call
 * against the real giliran-manager on loopback: the GilBackupFile as the
 * manager's own health and backups folder say; refused for a station
 * that is not the admin; and the result freed when the test lets it go
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-backups.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

static GilBackupFile *
create_backup (GilConnection  *connection,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_create_backup_async (connection, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_create_backup_finish (connection, gil_test_client_wait (&result, "the backup"), error);
}

/* The file is in the manager's backups folder, written when its health
 * says the last backup was. */
static void
test_backup (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  GilConnection *admin = gil_connection_new (url, gil_test_manager_get_admin_token (manager));
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(GDateTime) last_backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GilBackupFile *backup;

  backup = create_backup (admin, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (gil_backup_file_get_name (backup), "giliran-"));
  g_assert_true (g_str_has_suffix (gil_backup_file_get_name (backup), ".db"));
  path = g_build_filename (gil_test_manager_get_dir (manager), "backups", gil_backup_file_get_name (backup), NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  health = gil_test_api_expect (url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);
  last_backup = g_date_time_new_from_iso8601 (json_object_get_string_member (gil_test_api_object (health),
                                                                             "last_backup"), NULL);
  g_assert_nonnull (last_backup);
  g_assert_true (g_date_time_equal (gil_backup_file_get_at (backup), last_backup));

  /* Nothing else holds either. */
  g_assert_finalize_object (backup);
  g_assert_finalize_object (admin);
  gil_test_manager_free (manager);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint files = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    files++;
  return files;
}

/* Returns: (transfer full) (nullable): the manager's last_backup */
static char *
dup_last_backup (const char *url)
{
  g_autoptr(JsonNode) health = gil_test_api_expect (url, NULL, "GET", "/api/v1/health", NULL, NULL, 200);

  return g_strdup (json_object_get_string_member_with_default (gil_test_api_object (health),
                                                               "last_backup", NULL));
}

static gboolean
has_backed_up (gpointer data)
{
  g_autofree char *last_backup = dup_last_backup (data);

  return last_backup != NULL;
}

/* Only the admin backs up: a desk is refused, and no file is written. */
static void
test_refused (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *token = gil_test_api_pair (url, gil_test_manager_get_admin_token (manager),
                                              "registration", "");
  GilConnection *desk = gil_connection_new (url, token);
  g_autofree char *folder = g_build_filename (gil_test_manager_get_dir (manager), "backups", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GilBackupFile *backup;
  guint files;

  /* The manager's own backup as its service day starts, first. */
  gil_test_loop_wait_until (has_backed_up, (gpointer)url, GIL_TEST_CLIENT_WAIT_MS, "the day's first backup");
  before = dup_last_backup (url);
  files = count_files (folder);

  backup = create_backup (desk, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (backup);

  after = dup_last_backup (url);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (folder), ==, files);
  g_assert_finalize_object (desk);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/client-backups/backup", test_backup);
  g_test_add_func ("/giliran/client-backups/refused", test_refused);

  return g_test_run ();
}
