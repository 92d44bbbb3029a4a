/* test-backup.c — the manager's own backups, as they happen: on a
 * schedule, when a day starts, never one that fails its check, and only
 * the newest few kept
 *
 * The real giliran-manager on loopback with short intervals; the backups
 * it writes are read back by SQLite itself. The day start runs the manager
 * under libfaketime, its clock set a few seconds before local midnight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-util.h"

#define WAIT_S 20

static char *
backups_dir (GilTestManager *m)
{
  return g_build_filename (gil_test_manager_get_dir (m), "backups", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Every file in backups/, sorted by name. */
static GPtrArray *
list_backups (GilTestManager *m)
{
  g_autofree char *dir = backups_dir (m);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* The backups the manager's log says it wrote, from @from on, in order. */
static GPtrArray *
written (GilTestManager *m,
         gsize           from)
{
  g_autofree char *log = gil_test_manager_dup_log (m);
  const char *marker = "backup written: ";
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (const char *at = strstr (log + MIN (from, strlen (log)), marker); at != NULL;
       at = strstr (at + 1, marker))
    {
      const char *start = at + strlen (marker);

      g_ptr_array_add (paths, g_strndup (start, strcspn (start, "\n")));
    }
  return paths;
}

static guint
count_in_log (GilTestManager *m,
              gsize           from,
              const char     *text)
{
  g_autofree char *log = gil_test_manager_dup_log (m);
  guint n = 0;

  for (const char *at = strstr (log + MIN (from, strlen (log)), text); at != NULL;
       at = strstr (at + 1, text))
    n++;
  return n;
}

static gsize
log_length (GilTestManager *m)
{
  g_autofree char *log = gil_test_manager_dup_log (m);

  return strlen (log);
}

/* Waits until the log shows @count written backups from @from on. */
static void
wait_written (GilTestManager *m,
              gsize           from,
              guint           count)
{
  gint64 end = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GPtrArray) paths = written (m, from);

      if (paths->len >= count)
        return;
      if (g_get_monotonic_time () > end)
        g_error ("%u backups written within %d s, expected %u", paths->len, WAIT_S, count);
      g_usleep (50 * 1000);
    }
}

/* When health says the last good backup was written: unix time, or 0. */
static gint64
last_backup (GilTestManager *m)
{
  g_autoptr(JsonObject) object = gil_test_api_health (gil_test_manager_get_url (m), NULL);
  const char *at;
  g_autoptr(GDateTime) time = NULL;

  g_assert_true (json_object_has_member (object, "last_backup"));
  if (json_object_get_null_member (object, "last_backup"))
    return 0;
  at = json_object_get_string_member (object, "last_backup");
  time = g_date_time_new_from_iso8601 (at, NULL);
  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static guint
count_rows (const char *path,
            const char *sql)
{
  g_autofree char *count = gil_test_query_one (path, sql);

  return (guint)g_ascii_strtoull (count, NULL, 10);
}

/* A backup is a sound database by SQLite's own full check. */
static void
assert_sound (const char *path)
{
  g_autofree char *integrity = gil_test_query_one (path, "PRAGMA integrity_check");

  g_assert_cmpstr (integrity, ==, "ok");
}

/* Registers a visit, then waits until a backup was begun after it: the
 * backup under way when the reply came may have been begun before, the
 * one after it was not. */
static void
register_and_wait (GilTestManager *m,
                   const char     *name)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (gil_test_manager_get_url (m),
                                                     gil_test_manager_get_admin_token (m),
                                                     name, "1980-01-01", NULL);
  g_autoptr(GPtrArray) before = NULL;

  /* Lines already written but not yet read from the pipe. */
  g_usleep (100 * 1000);
  before = written (m, 0);
  wait_written (m, 0, before->len + 2);
}

/* Every --backup-interval seconds a backup, checked; --backups-kept of
 * them stay, the newest, each sound and each holding every visit
 * registered before it was begun. */
static void
test_schedule (void)
{
  const char *args[] = { "--backup-interval", "1", "--backups-kept", "3", NULL };
  GilTestManager *m = gil_test_manager_start_full (NULL, args, NULL, TRUE);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *dir = backups_dir (m);
  gint64 first;
  gint64 last = 0;
  guint visits = 0;

  /* The first backup is made when the manager starts. */
  wait_written (m, 0, 1);
  first = last_backup (m);
  g_assert_cmpint (first, >, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Pasien Cadangan %u", i);

      register_and_wait (m, name);
      visits++;
      /* Health follows, and only moves forward. */
      last = last_backup (m);
      g_assert_cmpint (last, >=, first);
    }
  g_assert_cmpint (last, >, first);
  gil_test_manager_kill (m, SIGTERM);
  g_assert_cmpint (gil_test_manager_get_exit_status (m), ==, 0);

  paths = written (m, 0);
  g_assert_cmpuint (paths->len, >=, 7);
  g_assert_cmpuint (count_in_log (m, 0, "backup failed"), ==, 0);

  /* Exactly the three newest remain, nothing else beside them (no
   * half-written copy, no journal of one). */
  names = list_backups (m);
  g_assert_cmpuint (names->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *newest = g_path_get_basename (g_ptr_array_index (paths, paths->len - 3 + i));

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, newest);
    }

  /* Each is sound; older ones hold no more visits than newer ones; the
   * newest holds every visit. */
  {
    guint previous = 0;

    for (guint i = 0; i < names->len; i++)
      {
        g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
        guint n;

        assert_sound (path);
        n = count_rows (path, "SELECT count (*) FROM visits");
        g_assert_cmpuint (n, >=, previous);
        previous = n;
      }
    g_assert_cmpuint (previous, ==, visits);
    {
      g_autofree char *newest = g_build_filename (dir, g_ptr_array_index (names, names->len - 1), NULL);
      g_autofree char *name = gil_test_query_one (newest, "SELECT name FROM patients ORDER BY id DESC LIMIT 1");

      g_assert_cmpstr (name, ==, "Pasien Cadangan 2");
    }
  }
  gil_test_manager_free (m);
}

/* A copy that fails integrity_check does not count: no file, no change to
 * the last backup the admin sees, and the good backups stay. Restoring the
 * newest good one mends it. */
static void
test_unsound_not_counted (void)
{
  const char *args[] = { "--backup-interval", "1", "--backups-kept", "10", NULL };
  GilTestManager *m = gil_test_manager_start_full (NULL, args, NULL, TRUE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *dir = backups_dir (m);
  g_autofree char *newest = NULL;
  gsize from;
  guint status = 0;

  register_and_wait (m, "Baiq Nurul");
  register_and_wait (m, "Lalu Ahmad");
  register_and_wait (m, "Ni Made Sari");
  gil_test_manager_kill (m, SIGTERM);
  before = list_backups (m);
  g_assert_cmpuint (before->len, >=, 3);

  /* The manager opens it (quick_check passes); its copies do not. */
  gil_test_break_index (gil_test_manager_get_database (m));
  from = log_length (m);
  gil_test_manager_restart (m);
  {
    gint64 end = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;

    while (count_in_log (m, from, "backup failed") < 3)
      {
        if (g_get_monotonic_time () > end)
          g_error ("fewer than 3 backups failed their check within %d s", WAIT_S);
        g_usleep (50 * 1000);
      }
  }
  g_assert_cmpint (last_backup (m), ==, 0);

  /* Asked for: refused, and still nothing counts. */
  {
    g_autoptr(JsonNode) reply = gil_test_api_call (gil_test_manager_get_url (m),
                                                   gil_test_manager_get_admin_token (m),
                                                   "POST", "/api/v1/backups", NULL, NULL, &status);

    g_assert_cmpuint (status, >=, 500);
    g_assert_nonnull (gil_test_api_error (reply));
  }
  g_assert_cmpint (last_backup (m), ==, 0);
  gil_test_manager_kill (m, SIGTERM);
  {
    g_autoptr(GPtrArray) since = written (m, from);

    g_assert_cmpuint (since->len, ==, 0);
  }
  after = list_backups (m);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));

  /* The newest good backup, put back, is sound and backed up again. */
  newest = g_build_filename (dir, g_ptr_array_index (after, after->len - 1), NULL);
  assert_sound (newest);
  g_assert_cmpuint (count_rows (newest, "SELECT count (*) FROM visits"), ==, 3);
  {
    g_autoptr(GError) error = NULL;
    const char *argv[] = { g_getenv ("GILIRAN_MANAGER"), "--database", gil_test_manager_get_database (m),
                           "--restore", newest, NULL };
    int wait_status = -1;

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  assert_sound (gil_test_manager_get_database (m));
  from = log_length (m);
  gil_test_manager_restart (m);
  wait_written (m, from, 1);
  g_assert_cmpint (last_backup (m), >, 0);
  gil_test_manager_free (m);
}

/* The local time @text (YYYY-MM-DD HH:MM:SS) as unix time. */
static gint64
local_time (const char *text)
{
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) time = NULL;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s), ==, 6);
  time = g_date_time_new_local (y, mo, d, h, mi, s);
  return g_date_time_to_unix (time);
}

/* A day starts with a backup, at local midnight itself, not at some later
 * check. The manager runs under libfaketime, its clock starting a few
 * seconds before midnight (in the tests' own time zone, Asia/Makassar),
 * and an hour between regular backups. */
static void
test_day_start (void)
{
  const char *args[] = { "--backup-interval", "3600", NULL };
  const char *start = "2025-12-31 23:59:30";
  g_autofree char *dir = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonNode) visit = NULL;
  GilTestManager *m;
  gint64 midnight = local_time ("2026-01-01 00:00:00");
  gint64 first;
  gint64 end;

  m = gil_test_manager_start_faked (start, args, TRUE);
  if (m == NULL)
    return;
  dir = backups_dir (m);

  /* The clock the manager goes by is the fake one. */
  day = gil_test_api_health_day (gil_test_manager_get_url (m));
  if (g_strcmp0 (day, "2025-12-31") != 0)
    g_error ("libfaketime did not set the manager's clock: its day is %s", day);
  wait_written (m, 0, 1);
  first = last_backup (m);
  g_assert_cmpint (first, >=, local_time (start));
  g_assert_cmpint (first, <, midnight);

  /* A visit of the day before. */
  visit = gil_test_api_register (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                                 "Pasien Malam", "1980-01-01", NULL);
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (visit), "day"), ==, "2025-12-31");

  /* Midnight is at most half a minute away, then the backup. */
  end = g_get_monotonic_time () + (30 + WAIT_S) * G_USEC_PER_SEC;
  while (last_backup (m) < midnight)
    {
      if (g_get_monotonic_time () > end)
        g_error ("no backup for the new day within %d s", WAIT_S);
      g_usleep (100 * 1000);
    }
  g_clear_pointer (&day, g_free);
  day = gil_test_api_health_day (gil_test_manager_get_url (m));
  g_assert_cmpstr (day, ==, "2026-01-01");
  /* At midnight itself, not at the next check of the day every 30 s. */
  g_assert_cmpint (last_backup (m), <=, midnight + 5);
  gil_test_manager_kill (m, SIGTERM);
  g_assert_cmpuint (count_in_log (m, 0, "backup failed"), ==, 0);

  /* Two backups: at the start, and for the new day, with the day before
   * in it whole. */
  names = list_backups (m);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 0), "giliran-20251231-2359"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 1), "giliran-20260101-00000"));
  {
    g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, 1), NULL);

    assert_sound (path);
    g_assert_cmpuint (count_rows (path, "SELECT count (*) FROM visits WHERE day = '2025-12-31'"), ==, 1);
    g_assert_cmpuint (count_rows (path, "SELECT count (*) FROM events WHERE type = 'day.started'"), ==, 2);
  }
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/backup/schedule", test_schedule);
  g_test_add_func ("/giliran/backup/unsound-not-counted", test_unsound_not_counted);
  g_test_add_func ("/giliran/backup/day-start", test_day_start);

  return g_test_run ();
}
