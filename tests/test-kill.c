/* test-kill.c — acknowledged data survives the manager being killed
 *
 * Several desk processes register visits while the manager is killed with
 * SIGKILL and restarted again and again. Afterwards every acknowledged visit
 * is there, no Idempotency-Key made two visits, ticket labels are unique, and
 * the database passes quick_check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

#define CLIENTS 4
#define VISITS_PER_CLIENT 40
#define MIN_KILLS 10

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
all_exited (GSubprocess **clients)
{
  /* The identifier goes away once the process has ended and been reaped. */
  for (guint i = 0; i < CLIENTS; i++)
    if (g_subprocess_get_identifier (clients[i]) != NULL)
      return FALSE;
  return TRUE;
}

static void
test_kill_and_restart (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *load_client = g_getenv ("GILIRAN_LOAD_CLIENT");
  GSubprocess *clients[CLIENTS];
  char *outputs[CLIENTS];
  guint kills = 0;
  guint acknowledged = 0;
  g_autoptr(GHashTable) tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;

  g_assert_nonnull (load_client);

  for (guint i = 0; i < CLIENTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("meja%u", i);
      g_autofree char *n = g_strdup_printf ("%u", VISITS_PER_CLIENT);

      outputs[i] = g_build_filename (gil_test_manager_get_dir (manager), name, NULL);
      clients[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, load_client,
                                     gil_test_manager_get_url (manager),
                                     gil_test_manager_get_admin_token (manager),
                                     name, n, outputs[i], NULL);
      g_assert_no_error (error);
    }

  /* Kill while they work, at least ten times. */
  while (kills < MIN_KILLS || !all_exited (clients))
    {
      g_usleep (g_random_int_range (50, 250) * 1000);
      gil_test_manager_kill (manager, SIGKILL);
      kills++;
      g_usleep (g_random_int_range (0, 100) * 1000);
      gil_test_manager_restart (manager);
      g_assert_cmpuint (kills, <, 500);
    }

  for (guint i = 0; i < CLIENTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_subprocess_wait_check (clients[i], NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (outputs[i], &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL && lines[l][0] != '\0'; l++)
        {
          g_auto(GStrv) f = g_strsplit (lines[l], " ", 3);
          g_autofree char *path = g_strdup_printf ("/api/v1/visits/%s", f[1]);
          g_autoptr(JsonNode) visit = NULL;
          guint status = 0;

          /* Every acknowledged visit is there, as acknowledged. */
          visit = gil_test_api_call (gil_test_manager_get_url (manager),
                                     gil_test_manager_get_admin_token (manager),
                                     "GET", path, NULL, NULL, &status);
          g_assert_cmpuint (status, ==, 200);
          g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "ticket"), ==, f[2]);
          g_assert_false (g_hash_table_contains (tickets, f[2]));
          g_hash_table_add (tickets, g_strdup (f[2]));
          acknowledged++;
        }
      g_object_unref (clients[i]);
      g_free (outputs[i]);
    }
  g_assert_cmpuint (acknowledged, ==, CLIENTS * VISITS_PER_CLIENT);
  g_test_message ("%u visits through %u kills", acknowledged, kills);

  /* Stop cleanly and look at the file itself. */
  gil_test_manager_kill (manager, SIGTERM);
  g_assert_cmpint (sqlite3_open (gil_test_manager_get_database (manager), &db), ==, SQLITE_OK);
  g_assert_cmpint (count (db, "SELECT count (*) FROM visits"), ==, CLIENTS * VISITS_PER_CLIENT);
  g_assert_cmpint (count (db, "SELECT count (*) FROM patients"), ==, CLIENTS * VISITS_PER_CLIENT);
  g_assert_cmpint (count (db, "SELECT count (DISTINCT day || ticket) FROM visits"), ==,
                   CLIENTS * VISITS_PER_CLIENT);
  g_assert_cmpint (count (db, "SELECT count (*) FROM stops"), ==, CLIENTS * VISITS_PER_CLIENT);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/kill/kill-and-restart", test_kill_and_restart);

  return g_test_run ();
}
