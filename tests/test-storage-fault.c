/* test-storage-fault.c — the real giliran-manager when its disk refuses
 * writes: every write is refused whole with 503 storage-error, reads go on,
 * health and the log say so once, and it recovers by itself
 *
 * The disk's refusal is real: the test lowers the running manager's
 * file-size limit (RLIMIT_FSIZE, with prlimit(2), as `ulimit -f` or
 * systemd's LimitFSIZE= would), so the kernel refuses every write to the
 * database and its write-ahead log with EFBIG and SQLite reports an I/O
 * error, as it does for a failing or full disk. No root, no test hook in
 * the manager.
 *
 * A disk really full is tested too where the test may mount a small tmpfs
 * in a mount namespace of its own (as root, as in CI); elsewhere that case
 * is skipped, and test-store's /giliran/store/storage-fault still fills a
 * database with PRAGMA max_page_count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sched.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"

/* A manager of its own, its log kept; on the small disk with
 * GINT_TO_POINTER (TRUE). */
typedef GilTestServer Fixture;

/* A small tmpfs of this test's own, or NULL where it cannot mount one. */
static char *disk_dir;

/* ── calls ──────────────────────────────────────────────────────────── */

/* A write the disk refuses: 503 storage-error, with a message. */
static void
expect_refused (Fixture    *f,
                const char *path,
                const char *body,
                const char *key)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "POST", path, body, key, 503);
  JsonObject *error = json_object_get_object_member (gil_test_api_object (reply), "error");

  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "storage-error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), !=, "");
}

static gint64
create_patient (Fixture    *f,
                const char *name,
                const char *key,
                guint       expected)
{
  return gil_test_api_create_patient (f->url, f->admin, name, "1990-04-02", "M", key, expected);
}

static char *
visit_body (gint64 patient)
{
  return g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"payer\":\"bpjs\"}",
                          patient);
}

/* Registers a visit; returns its first stop. */
static gint64
register_visit (Fixture *f,
                gint64   patient)
{
  g_autofree char *body = visit_body (patient);
  g_autoptr(JsonNode) visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201);

  return gil_test_api_first_stop (visit);
}

/* ── the database, read beside the manager ─────────────────────────── */

/* What a refused write must not change: how many rows of each kind, and
 * every stop's state. */
static char *
describe_database (Fixture *f)
{
  static const char * const queries[] = {
    "SELECT count (*) FROM patients",
    "SELECT count (*) FROM visits",
    "SELECT count (*) FROM stops",
    "SELECT count (*) FROM events",
    "SELECT coalesce (max (seq), 0) FROM events",
    "SELECT count (*) FROM requests",
    "SELECT group_concat (id || ':' || status, ' ') FROM (SELECT id, status FROM stops ORDER BY id)",
    "SELECT count (*) FROM visits v WHERE NOT EXISTS (SELECT 1 FROM stops s WHERE s.visit = v.id)",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (gil_test_manager_get_database (f->manager), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (text, "%s\n", (const char *)sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ── the disk ───────────────────────────────────────────────────────── */

/* The manager may write no file beyond its first byte (@limited), or any
 * file again. The manager ignores SIGXFSZ: a write past the limit fails
 * with EFBIG. */
static void
limit_file_size (Fixture  *f,
                 gboolean  limited)
{
  struct rlimit now;
  pid_t pid = gil_test_manager_get_pid (f->manager);

  g_assert_cmpint (prlimit (pid, RLIMIT_FSIZE, NULL, &now), ==, 0);
  now.rlim_cur = limited ? 1 : now.rlim_max;
  g_assert_cmpint (prlimit (pid, RLIMIT_FSIZE, &now, NULL), ==, 0);
}

/* ── the test ───────────────────────────────────────────────────────── */

static guint
count_lines_with (const char *log,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    count += strstr (lines[i], text) != NULL;
  return count;
}

/* Waits for the backup the manager writes when it starts, so that it is
 * not the write the limit stops. */
static void
wait_for_first_backup (Fixture *f)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(JsonObject) state = gil_test_api_health (f->url, f->admin);

      if (!json_object_get_null_member (state, "last_backup"))
        return;
      g_usleep (50 * 1000);
    }
  g_error ("the manager wrote no backup when it started");
}

static void
test_writes_refused (Fixture       *f,
                     gconstpointer  data)
{
  gint64 dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  g_autofree char *queue_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", dewasa);
  g_autofree char *start_path = NULL;
  g_autofree char *waiting_body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *log = NULL;
  g_autoptr(JsonObject) state = NULL;
  gint64 ani, budi, citra, called_stop, waiting_stop, seq;
  GilTestEvents *stream;

  wait_for_first_backup (f);

  /* A morning under way: Ani is called, Budi waits, Citra is on file. */
  ani = create_patient (f, "Ani Wulandari", NULL, 201);
  budi = create_patient (f, "Budi Santoso", NULL, 201);
  citra = create_patient (f, "Citra Lestari", NULL, 201);
  called_stop = register_visit (f, ani);
  waiting_stop = register_visit (f, budi);
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200));
  start_path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/start", called_stop);
  waiting_body = visit_body (citra);

  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (state, "storage"), ==, "ok");
  g_assert_true (json_object_get_null_member (state, "storage_error"));
  seq = json_object_get_int_member (state, "seq");
  g_clear_pointer (&state, json_object_unref);

  stream = gil_test_events_open (f->url, f->admin, seq);
  g_assert_no_error (stream->error);
  before = describe_database (f);

  /* The disk refuses. Each kind of write is refused whole, with or
   * without an Idempotency-Key (a request is one transaction, with its
   * stored reply if it has a key, and the handler's write a savepoint in
   * it). */
  limit_file_size (f, TRUE);
  expect_refused (f, "/api/v1/patients",
                  "{\"name\":\"Dewi Anggraini\",\"birth_date\":\"1985-01-20\",\"sex\":\"F\"}",
                  "fault-patient");
  expect_refused (f, "/api/v1/visits", waiting_body, "fault-visit");
  expect_refused (f, call_next, NULL, NULL);
  expect_refused (f, start_path, NULL, "fault-start");
  /* And again: a refused write does not leave the next one stuck. */
  expect_refused (f, "/api/v1/visits", waiting_body, "fault-visit");
  expect_refused (f, call_next, NULL, "fault-call");

  /* Nothing of them is in the database, not even half a visit. */
  during = describe_database (f);
  g_assert_cmpstr (during, ==, before);
  g_assert_true (g_str_has_suffix (during, "\n0\n"));

  /* Reads go on. */
  {
    g_autoptr(JsonNode) queue = gil_test_api_expect (f->url, f->admin, "GET", queue_path, NULL, NULL, 200);
    JsonObject *object = gil_test_api_object (queue);
    JsonArray *called = json_object_get_array_member (object, "called");
    JsonArray *waiting = json_object_get_array_member (object, "waiting");
    g_autoptr(JsonNode) rooms = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms", NULL, NULL, 200);
    g_autoptr(JsonNode) found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=budi", NULL, NULL,
                                                     200);
    g_autoptr(JsonNode) report = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/reports/daily", NULL, NULL,
                                                      200);
    JsonObject *totals = json_object_get_object_member (gil_test_api_object (report), "totals");

    g_assert_cmpuint (json_array_get_length (called), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (called, 0), "id"), ==, called_stop);
    g_assert_cmpuint (json_array_get_length (waiting), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (waiting, 0), "id"), ==, waiting_stop);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (rooms)), ==, 10);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
    g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 2);
  }

  /* Health says why. */
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "degraded");
  g_assert_cmpstr (json_object_get_string_member (state, "storage"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (state, "storage_error"), !=, "");
  g_assert_cmpint (json_object_get_int_member (state, "seq"), ==, seq);
  g_clear_pointer (&state, json_object_unref);

  /* No event of a refused write reached a subscriber. */
  gil_test_events_ping (stream);
  g_assert_cmpuint (stream->messages->len, ==, 1);
  g_assert_cmpstr (gil_test_events_type (stream, 0), ==, "pong");

  /* Space returns. Until a write is saved the manager cannot know. */
  limit_file_size (f, FALSE);
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "storage"), ==, "error");
  g_clear_pointer (&state, json_object_unref);

  /* The refused requests, repeated with their keys, now happen: a refusal
   * was not kept as their answer. */
  {
    g_autoptr(JsonNode) visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", waiting_body,
                                                     "fault-visit", 201);
    g_autoptr(JsonNode) again = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", waiting_body,
                                                     "fault-visit", 201);
    g_autoptr(JsonNode) started = gil_test_api_expect (f->url, f->admin, "POST", start_path, NULL, "fault-start", 200);
    g_autoptr(JsonNode) next = gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200);
    JsonObject *next_stop = json_object_get_object_member (gil_test_api_object (next), "stop");

    /* …and their answers are kept now. */
    g_assert_cmpint (json_object_get_int_member (gil_test_api_object (visit), "id"), ==,
                     json_object_get_int_member (gil_test_api_object (again), "id"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (started), "stop"),
                                                    "status"), ==, "serving");
    g_assert_cmpint (json_object_get_int_member (next_stop, "id"), ==, waiting_stop);
  }
  g_assert_cmpint (create_patient (f, "Dewi Anggraini", "fault-patient", 201), >, citra);

  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (state, "storage"), ==, "ok");
  g_assert_true (json_object_get_null_member (state, "storage_error"));
  /* visit.registered, stop.enqueued, stop.started, stop.called */
  g_assert_cmpint (json_object_get_int_member (state, "seq"), ==, seq + 4);
  g_clear_pointer (&state, json_object_unref);

  /* The saved writes' events follow on from the last one before, with no
   * gap and nothing of the refused ones. */
  gil_test_events_wait (stream, 5);
  g_assert_cmpstr (gil_test_events_type (stream, 1), ==, "visit.registered");
  g_assert_cmpstr (gil_test_events_type (stream, 2), ==, "stop.enqueued");
  g_assert_cmpstr (gil_test_events_type (stream, 3), ==, "stop.started");
  g_assert_cmpstr (gil_test_events_type (stream, 4), ==, "stop.called");
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (stream->messages, i), "seq"), ==, seq + i);
  gil_test_events_ping (stream);
  g_assert_cmpstr (gil_test_events_type (stream, 5), ==, "pong");
  gil_test_events_close (stream);

  /* The log says it once each way, however many requests were refused. */
  gil_test_manager_kill (f->manager, SIGTERM);
  g_assert_cmpint (gil_test_manager_get_exit_status (f->manager), ==, 0);
  log = gil_test_manager_dup_log (f->manager);
  g_assert_cmpuint (count_lines_with (log, "storage failing"), ==, 1);
  g_assert_cmpuint (count_lines_with (log, "storage works again"), ==, 1);
  g_assert_null (strstr (log, "CRITICAL"));
  g_assert_null (strstr (log, "WARNING"));
}

/* A disk that really fills up: a 16 MiB tmpfs, mounted in a mount
 * namespace of this process's own (the manager, its child, shares it), so
 * that no one else sees it. Needs CAP_SYS_ADMIN. */
static char *
mount_small_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("giliran-disk-XXXXXX", NULL);

  if (dir == NULL)
    return NULL;
  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("giliran-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=0700") != 0)
    {
      g_test_message ("no small disk of its own: %s", g_strerror (errno));
      g_rmdir (dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static char *
filler_path (void)
{
  return g_build_filename (disk_dir, "filler", NULL);
}

/* Takes every byte left on the small disk. */
static void
fill_disk (void)
{
  static const char zeros[64 * 1024];
  g_autofree char *path = filler_path ();
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  gsize size = sizeof zeros;

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      if (write (fd, zeros, size) != (gssize)size)
        size /= 2;
    }
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  gint64 dewasa;
  g_autofree char *call_next = NULL;
  g_autofree char *citra_visit = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autofree char *log = NULL;
  g_autoptr(JsonObject) state = NULL;
  g_autoptr(JsonNode) refused = NULL;
  const char *message;
  gint64 ani, citra;

  if (f->manager == NULL)
    {
      g_test_skip ("needs to mount a small tmpfs (root)");
      return;
    }

  dewasa = gil_test_api_room_id (f->url, f->admin, "K3-DEWASA");
  call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", dewasa);
  wait_for_first_backup (f);
  ani = create_patient (f, "Ani Wulandari", NULL, 201);
  citra = create_patient (f, "Citra Lestari", NULL, 201);
  register_visit (f, ani);
  citra_visit = visit_body (citra);
  before = describe_database (f);

  fill_disk ();
  refused = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                 "{\"name\":\"Dewi Anggraini\",\"birth_date\":\"1985-01-20\",\"sex\":\"F\"}", "full-patient", 503);
  g_assert_cmpstr (gil_test_api_error (refused), ==, "storage-error");
  message = json_object_get_string_member (json_object_get_object_member (gil_test_api_object (refused), "error"),
                                           "message");
  /* The full disk, said as such (the tests speak Indonesian). */
  g_assert_true (strstr (message, "penuh") != NULL || strstr (message, "full") != NULL);
  expect_refused (f, "/api/v1/visits", citra_visit, "full-visit");
  expect_refused (f, call_next, NULL, NULL);

  during = describe_database (f);
  g_assert_cmpstr (during, ==, before);
  json_node_unref (gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=citra", NULL, NULL, 200));
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "degraded");
  g_assert_cmpstr (json_object_get_string_member (state, "storage_error"), ==, message);
  g_clear_pointer (&state, json_object_unref);

  /* Space is freed: the same requests go through. */
  filler = filler_path ();
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_cmpint (create_patient (f, "Dewi Anggraini", "full-patient", 201), >, citra);
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", citra_visit, "full-visit", 201));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", call_next, NULL, NULL, 200));
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "ok");
  g_assert_true (json_object_get_null_member (state, "storage_error"));

  gil_test_manager_kill (f->manager, SIGTERM);
  log = gil_test_manager_dup_log (f->manager);
  g_assert_cmpuint (count_lines_with (log, "storage failing"), ==, 1);
  g_assert_cmpuint (count_lines_with (log, "storage works again"), ==, 1);
}

/* The write-ahead log removed, or put back as another file with the same
 * bytes (@replaced), under the running manager: SQLite would
 * write on into a file nobody reads again. Every write is refused as a
 * storage failure, health says so, and nothing of them is there after a
 * restart, which puts things right. */
static void
lose_wal (Fixture  *f,
          gboolean  replaced)
{
  g_autofree char *wal = g_strconcat (gil_test_manager_get_database (f->manager), "-wal", NULL);
  g_autofree char *log = NULL;
  g_autoptr(JsonObject) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  wait_for_first_backup (f);
  create_patient (f, "Ani Wulandari", NULL, 201);

  g_assert_true (g_file_get_contents (wal, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (wal), ==, 0);
  if (replaced)
    {
      g_assert_true (g_file_set_contents (wal, contents, length, &error));
      g_assert_no_error (error);
    }

  create_patient (f, "Budi Santoso", NULL, 503);
  expect_refused (f, "/api/v1/patients",
                  "{\"name\":\"Citra Lestari\",\"birth_date\":\"1985-01-20\",\"sex\":\"F\"}",
                  "wal-citra");
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "degraded");
  g_assert_cmpstr (json_object_get_string_member (state, "storage"), ==, "error");
  g_assert_nonnull (strstr (json_object_get_string_member (state, "storage_error"), "-wal"));
  g_clear_pointer (&state, json_object_unref);
  gil_test_manager_wait_log (f->manager, "storage failing");
  log = gil_test_manager_dup_log (f->manager);
  g_assert_cmpuint (count_lines_with (log, "storage failing"), ==, 1);

  /* A restart puts it right; the refused writes are not there. */
  gil_test_manager_kill (f->manager, SIGTERM);
  gil_test_manager_restart (f->manager);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "ani"), ==, 1);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "budi"), ==, 0);
  g_assert_cmpuint (gil_test_api_count_patients (f->url, f->admin, "citra"), ==, 0);
  create_patient (f, "Citra Lestari", "wal-citra", 201);
  state = gil_test_api_health (f->url, f->admin);
  g_assert_cmpstr (json_object_get_string_member (state, "status"), ==, "ok");
}

static void
test_wal_removed (Fixture       *f,
                  gconstpointer  data)
{
  lose_wal (f, FALSE);
}

static void
test_wal_replaced (Fixture       *f,
                   gconstpointer  data)
{
  lose_wal (f, TRUE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gboolean on_small_disk = GPOINTER_TO_INT (data);

  if (on_small_disk && disk_dir == NULL)
    return;
  f->manager = gil_test_manager_start_logged (on_small_disk ? disk_dir : NULL);
  f->url = gil_test_manager_get_url (f->manager);
  f->admin = gil_test_manager_get_admin_token (f->manager);
}


int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  disk_dir = mount_small_disk ();

  g_test_add ("/giliran/storage-fault/writes-refused", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_writes_refused, gil_test_server_tear_down);
  g_test_add ("/giliran/storage-fault/disk-full", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_disk_full, gil_test_server_tear_down);
  g_test_add ("/giliran/storage-fault/wal-removed", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_wal_removed, gil_test_server_tear_down);
  g_test_add ("/giliran/storage-fault/wal-replaced", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_wal_replaced, gil_test_server_tear_down);

  status = g_test_run ();
  if (disk_dir != NULL)
    {
      umount2 (disk_dir, MNT_DETACH);
      g_rmdir (disk_dir);
      g_free (disk_dir);
    }
  return status;
}
