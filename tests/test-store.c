/* test-store.c — opening, checking, migrating and writing the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-date.h"
#include "gil-backup.h"
#include "gil-audit.h"
#include "gil-events.h"
#include "gil-patients.h"
#include "gil-queue.h"
#include "gil-rooms.h"
#include "gil-schema.h"
#include "gil-stations.h"
#include "gil-test-util.h"

/* The SQL of an old file's one patient, Lama, and her visit D-001 on
 * @day (a string literal) to room 1. */
#define OLD_VISIT(day) \
  "INSERT INTO patients (rm, name, birth_date, sex, created_at)" \
  " VALUES ('000001', 'Lama', '1970-01-01', 'F', 0);" \
  "INSERT INTO visits (id, patient, day, ticket, purpose, payer, new_patient," \
  " cluster, priority, age_months, sex, room, reason, registered_at)" \
  " VALUES (1, 1, '" day "', 'D-001', 'sick', 'bpjs', 0, 'k3', 'normal'," \
  " 600, 'F', 1, '', 0);"

static char *
db_path (const char *dir)
{
  return g_build_filename (dir, "giliran.db", NULL);
}

static char *
query_text (GilStore   *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/* The first column of @sql's first row is @expected. */
static void
assert_query (GilStore   *store,
              const char *sql,
              const char *expected)
{
  g_autofree char *text = query_text (store, sql);

  g_assert_cmpstr (text, ==, expected);
}

/* @sql runs in @store without an error. */
static void
exec_ok (GilStore   *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gil_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* @store refuses @sql, with an error. */
static void
exec_refused (GilStore   *store,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gil_store_exec (store, sql, &error));
  g_assert_nonnull (error);
}

static void
test_new_file (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  g_autofree char *mode = query_text (store, "PRAGMA journal_mode");
  g_autofree char *sync = query_text (store, "PRAGMA synchronous");
  g_autofree char *fk = query_text (store, "PRAGMA foreign_keys");
  g_autofree char *rooms = query_text (store, "SELECT count (*) FROM rooms");
  g_autofree char *rules = query_text (store, "SELECT group_concat (id, ' ') FROM (SELECT id FROM rules ORDER BY position)");
  g_autoptr(GPtrArray) list = NULL;

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (sync, ==, "2");  /* FULL */
  g_assert_cmpstr (fk, ==, "1");
  g_assert_cmpint (gil_store_get_schema_version (store), ==, gil_store_get_latest_schema_version ());
  g_assert_cmpstr (rooms, ==, "10");
  g_assert_cmpstr (rules, ==, "emergency infection dental lab maternal under-five child adult elderly");

  list = gil_rooms_list (store, NULL);
  g_assert_cmpuint (list->len, ==, 10);
  {
    GilRoom *khusus = g_ptr_array_index (list, 5);

    g_assert_cmpstr (khusus->code, ==, "LK-KHUSUS");
    g_assert_cmpstr (khusus->prefix, ==, "F");
    g_assert_true (khusus->number_only);
    g_assert_cmpstr (khusus->tags[0], ==, "infeksi");
    g_assert_false (khusus->strict);
    g_assert_cmpint (khusus->interleave_every, ==, 2);
  }

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

static void
test_reopen (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *name = NULL;
  g_autofree char *rooms = NULL;

  g_assert_true (gil_store_set_setting (store, "puskesmas_name", "Puskesmas Ampenan", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = gil_test_open_store (dir);
  name = gil_store_dup_setting (store, "puskesmas_name");
  rooms = query_text (store, "SELECT count (*) FROM rooms");
  g_assert_cmpstr (name, ==, "Puskesmas Ampenan");
  g_assert_cmpstr (rooms, ==, "10");  /* seeded once, not again */
  g_assert_null (gil_store_dup_setting (store, "no-such-setting"));
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* A file as schema @version left it, with @sql run in it. */
static void
write_old_file (const char *path,
                int         version,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) old = gil_store_open_at_version (path, version, &error);

  g_assert_no_error (error);
  g_assert_true (gil_store_exec (old, sql, &error));
  g_assert_no_error (error);
}

/* A file made by the first schema, with a patient in it, reaches the newest
 * version and keeps its data. */
static void
test_migration (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *visits = NULL;
  g_autofree char *log = NULL;
  GilStore *store;
  sqlite3 *db;

  /* A version 1 file with a patient, as the first release left it. */
  {
    g_autoptr(GilStore) old = NULL;

    old = gil_store_open_at_version (path, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gil_store_get_schema_version (old), ==, 1);
    exec_ok (old, "INSERT INTO patients (rm, name, birth_date, sex, created_at)"
                  " VALUES ('000001', 'Lama', '1970-01-01', 'F', 0)");
    /* The first release gave the event log no id. */
    exec_ok (old, "DELETE FROM settings WHERE key = '" GIL_EVENTS_LOG_KEY "'");
    g_assert_null (gil_events_dup_log_id (old));
  }

  store = gil_test_open_store (dir);
  g_assert_cmpint (gil_store_get_schema_version (store), ==, gil_store_get_latest_schema_version ());
  name = query_text (store, "SELECT name FROM patients WHERE rm = '000001'");
  visits = query_text (store, "SELECT count (*) FROM visits");
  g_assert_cmpstr (name, ==, "Lama");
  g_assert_cmpstr (visits, ==, "0");
  /* The log has an id now, and keeps it when opened again. */
  log = gil_events_dup_log_id (store);
  g_assert_nonnull (log);
  g_assert_cmpuint (strlen (log), ==, 16);
  g_assert_cmpuint (strspn (log, "0123456789abcdef"), ==, 16);
  g_assert_finalize_object (store);
  store = gil_test_open_store (dir);
  {
    g_autofree char *again = gil_events_dup_log_id (store);

    g_assert_cmpstr (again, ==, log);
  }
  g_assert_finalize_object (store);

  /* A file from a newer Giliran is refused, untouched. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = gil_store_open (path, GIL_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_TOO_NEW);

  gil_test_remove_dir (dir);
}

/* A file of version 4 with people waiting gets its queue counts from the
 * stops it holds, and the triggers keep them from then on. */
static void
test_migration_queue_counts (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GilStore) store = NULL;

  write_old_file (path, 4,
                  OLD_VISIT ("2026-11-22")
                  "INSERT INTO stops (visit, room, day, status, rank, queue_key, enqueued_at) VALUES"
                  " (1, 1, '2026-11-22', 'waiting', 2, 1, 0),"
                  " (1, 1, '2026-11-22', 'waiting', 2, 2, 0),"
                  " (1, 1, '2026-11-22', 'waiting', 1, 3, 0),"
                  " (1, 2, '2026-11-22', 'waiting', 0, 4, 0),"
                  " (1, 2, '2026-11-22', 'done', 2, 5, 0);");

  store = gil_test_open_store (dir);
  assert_query (store, "SELECT group_concat (room || ':' || rank || '=' || waiting, ' ')"
                       " FROM (SELECT * FROM queue_counts ORDER BY room, rank)",
                       "1:1=1 1:2=2 2:0=1");

  /* One leaves the waiting state, one comes back, one is added. */
  exec_ok (store, "UPDATE stops SET status = 'called' WHERE queue_key = 1;"
                  "UPDATE stops SET status = 'waiting' WHERE queue_key = 5;"
                  "UPDATE stops SET rank = 1 WHERE queue_key = 2;"
                  "DELETE FROM stops WHERE queue_key = 4;");
  assert_query (store, "SELECT group_concat (room || ':' || rank || '=' || waiting, ' ')"
                       " FROM (SELECT * FROM queue_counts WHERE waiting > 0 ORDER BY room, rank)",
                       "1:1=2 2:2=1");
  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 7 keeps the replies, in their new table, still one per key and
 * route. */
static void
test_migration_replies (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) store = NULL;

  write_old_file (path, 6,
                  "INSERT INTO requests (key, route, status, body, created_at) VALUES"
                  " ('k-1', 'POST /api/v1/visits', 201, '{\"id\":1}', 100),"
                  " ('k-1', 'POST /api/v1/patients', 201, '{\"id\":2}', 90),"
                  " ('k-2', 'POST /api/v1/visits', 409, '{\"error\":{}}', 110);");

  store = gil_test_open_store (dir);
  assert_query (store, "SELECT group_concat (key || ' ' || status, ', ') FROM (SELECT * FROM requests ORDER BY id)",
                       "k-1 201, k-1 201, k-2 409");
  assert_query (store, "SELECT status || ' ' || body FROM requests"
                       " WHERE key = 'k-1' AND route = 'POST /api/v1/visits'", "201 {\"id\":1}");

  /* The same key on the same route a second time is refused. */
  exec_refused (store, "INSERT INTO requests (key, route, status, body, created_at)"
                       " VALUES ('k-2', 'POST /api/v1/visits', 201, '{}', 120)");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 8 keeps every event and its seq; the next event follows the last
 * one as before, without sqlite_sequence, and the open stops of an earlier
 * day are still found and closed when a day starts. */
static void
test_migration_events (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) store = NULL;
  gint64 seq;

  write_old_file (path, 7,
                  OLD_VISIT ("2020-01-02")
                  "INSERT INTO stops (id, visit, room, day, status, rank, queue_key, enqueued_at)"
                  " VALUES (1, 1, 1, '2020-01-02', 'waiting', 2, 1, 0),"
                  " (2, 1, 2, '2020-01-02', 'done', 2, 2, 0);"
                  "INSERT INTO events (seq, type, at, room, visit, stop, station, data, detail)"
                  " VALUES (3, 'visit.registered', 10, 3, 1, 2, 7, '{\"id\":1}', '{}'),"
                  " (4, 'stop.enqueued', 11, 4, NULL, 1, 0, '{\"id\":1}', '{\"why\":\"x\"}');"
                  "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'events';");

  store = gil_test_open_store (dir);
  /* The copy of the events left the log emptied, not as large as it. */
  {
    g_autofree char *log = g_strconcat (path, "-wal", NULL);
    GStatBuf info;

    g_assert_cmpint (g_stat (log, &info), ==, 0);
    g_assert_cmpint (info.st_size, ==, 0);
  }
  assert_query (store, "SELECT group_concat (seq || ' ' || type || ' ' || at || ' ' || room || ' '"
                       " || coalesce (visit, '-') || ' ' || stop || ' ' || station || ' ' || data || ' '"
                       " || detail, ', ') FROM (SELECT * FROM events ORDER BY seq)",
                       "3 visit.registered 10 3 1 2 7 {\"id\":1} {}, "
                       "4 stop.enqueued 11 4 - 1 0 {\"id\":1} {\"why\":\"x\"}");
  /* The index of a visit's events is there again, and the index of open
   * stops holds only those. */
  assert_query (store, "SELECT group_concat (name || ' ' || partial, ', ') FROM"
                       " (SELECT name, partial FROM pragma_index_list ('events') UNION ALL"
                       "  SELECT name, partial FROM pragma_index_list ('stops') WHERE name = 'stops_open_queue'"
                       "  ORDER BY name)", "events_visit 1, stops_open_queue 1");
  assert_query (store, "SELECT count (*) FROM sqlite_master WHERE name IN ('stops_open', 'stops_queue')"
                       " OR sql LIKE '%AUTOINCREMENT%' AND name = 'events'", "0");
  /* The open stop is in the index of open stops, the finished one not. */
  assert_query (store, "SELECT group_concat (id) FROM stops INDEXED BY stops_open_queue"
                       " WHERE (status = 'waiting' OR status = 'called' OR status = 'serving')",
                       "1");
  g_assert_cmpint (gil_events_last_seq (store), ==, 4);

  g_assert_true (gil_store_begin (store, &error));
  seq = gil_events_append (store, "room.updated", 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 5);
  g_assert_true (gil_store_commit (store, &error));

  /* The day start closes the stop left waiting on 2 January 2020. */
  g_assert_true (gil_queue_ensure_day (store, &error));
  g_assert_no_error (error);
  assert_query (store, "SELECT group_concat (id || ' ' || status, ', ') FROM (SELECT * FROM stops ORDER BY id)",
                       "1 expired, 2 done");
  assert_query (store, "SELECT type FROM events WHERE seq = (SELECT max (seq) FROM events WHERE stop = 1)",
                       "stop.expired");
  g_assert_cmpint (gil_events_last_seq (store), >, 5);

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 11 adds visit_history and changes no event: a visit's history
 * reads the same before and after its events are pruned, and the last
 * event stays so that seqs go on from it. */
static void
test_migration_visit_history (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) store = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  gint64 seq;

  write_old_file (path, 9,
                  OLD_VISIT ("2020-01-02")
                  "INSERT INTO stops (id, visit, room, day, status, rank, queue_key, enqueued_at)"
                  " VALUES (1, 1, 1, '2020-01-02', 'done', 2, 1, 0);"
                  "INSERT INTO events (seq, type, at, room, visit, stop, station, data, detail)"
                  " VALUES (3, 'visit.registered', 10, 1, 1, 1, 7,"
                  "  '{\"ticket\":\"D-001\",\"status\":\"waiting\",\"calls\":0}', '{}'),"
                  " (4, 'stop.called', 11, 1, 1, 1, 0,"
                  "  '{\"ticket\":\"D-001\",\"status\":\"called\",\"calls\":1}', '{\"out_of_order\":true}'),"
                  " (5, 'day.started', 12, NULL, NULL, NULL, 0, '{}', '{}');");

  store = gil_test_open_store (dir);
  g_assert_cmpint (gil_store_get_schema_version (store), ==, gil_store_get_latest_schema_version ());
  assert_query (store, "SELECT count (*) || ' ' || (SELECT count (*) FROM events) FROM visit_history",
                       "0 3");
  before = gil_audit_visit_history (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 2);

  /* Everything before 2020-01-03 goes, but the last event. */
  g_assert_cmpint (gil_events_prune_bound (store, 100), ==, 4);
  g_assert_cmpint (gil_events_prune (store, 4, 1, &error), ==, 1);
  g_assert_cmpint (gil_events_prune (store, 4, 100, &error), ==, 1);
  g_assert_cmpint (gil_events_prune (store, 4, 100, &error), ==, 0);
  g_assert_no_error (error);
  assert_query (store, "SELECT group_concat (seq) FROM events", "5");
  assert_query (store, "SELECT group_concat (seq || ' ' || ticket || ' ' || status || ' ' || calls, ', ')"
                       " FROM visit_history", "3 D-001 waiting 0, 4 D-001 called 1");
  g_assert_cmpint (gil_events_first_seq (store), ==, 5);
  g_assert_cmpint (gil_events_last_seq (store), ==, 5);

  after = gil_audit_visit_history (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      GilAuditEntry *a = g_ptr_array_index (before, i);
      GilAuditEntry *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpstr (a->type, ==, b->type);
      g_assert_cmpstr (a->ticket, ==, b->ticket);
      g_assert_cmpstr (a->status, ==, b->status);
      g_assert_cmpint (a->calls, ==, b->calls);
      g_assert_cmpint (a->station.id, ==, b->station.id);
      g_assert_true (a->out_of_order == b->out_of_order);
    }

  /* The next event goes on from the last. */
  g_assert_true (gil_store_begin (store, &error));
  seq = gil_events_append (store, "room.updated", 1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seq, ==, 6);
  g_assert_true (gil_store_commit (store, &error));

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 12 makes the stops table again to let a stop end 'cancelled':
 * every row stays as it was, a stop still names the one it came from,
 * and the waiting counts are kept by the triggers as before. */
static void
test_migration_cancelled (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GilStore) store = NULL;

  write_old_file (path, 11,
                  OLD_VISIT ("2020-01-02")
                  "INSERT INTO stops (id, visit, room, day, status, rank, queue_key, enqueued_at,"
                  " from_stop, calls)"
                  " VALUES (1, 1, 1, '2020-01-02', 'transferred', 2, 1, 5, NULL, 1),"
                  " (2, 1, 2, '2020-01-02', 'waiting', 2, 2, 6, 1, 0);");

  store = gil_test_open_store (dir);
  g_assert_cmpint (gil_store_get_schema_version (store), ==, gil_store_get_latest_schema_version ());
  assert_query (store, "SELECT group_concat (id || ' ' || status || ' ' || coalesce (from_stop, '-')"
                       " || ' ' || enqueued_at || ' ' || calls, ', ') FROM stops",
                       "1 transferred - 5 1, 2 waiting 1 6 0");
  assert_query (store, "SELECT group_concat (room || ':' || waiting) FROM queue_counts WHERE waiting > 0",
                       "2:1");

  /* The new state is allowed, the triggers count it out, a made-up state
   * is still refused. */
  exec_ok (store, "UPDATE stops SET status = 'cancelled' WHERE id = 2;"
                  "UPDATE visits SET cancelled_at = 7, cancel_reason = 'x';");
  assert_query (store, "SELECT count (*) FROM queue_counts WHERE waiting > 0", "0");
  exec_refused (store, "UPDATE stops SET status = 'gone' WHERE id = 2");
  exec_refused (store, "INSERT INTO stops (visit, room, day, status, rank, queue_key,"
                       " enqueued_at, from_stop) VALUES (1, 1, '2020-01-02', 'waiting',"
                       " 2, 3, 8, 99)");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 15 gives a visit its outcome: a visit of before has none, an
 * outcome the room may record is kept, and no other is taken. */
static void
test_migration_outcome (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GilStore) store = NULL;

  write_old_file (path, 14, OLD_VISIT ("2020-01-02"));

  store = gil_test_open_store (dir);
  g_assert_cmpint (gil_store_get_schema_version (store), ==, gil_store_get_latest_schema_version ());
  assert_query (store, "SELECT coalesce (outcome, '-') || ' ' || coalesce (referred_to, '-') FROM visits",
                       "- -");
  exec_ok (store, "UPDATE visits SET outcome = 'referred', referred_to = 'RSUD Kota Mataram'");
  assert_query (store, "SELECT outcome || ' ' || referred_to FROM visits", "referred RSUD Kota Mataram");
  exec_ok (store, "UPDATE visits SET outcome = 'died', referred_to = NULL");
  exec_ok (store, "UPDATE visits SET outcome = 'home'");
  exec_refused (store, "UPDATE visits SET outcome = 'lost'");
  assert_query (store, "SELECT outcome FROM visits", "home");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Registers an adult into the adults' room (tickets D-…) at @now. */
static GilVisit *
register_adult (GilStore *store,
                gint64    now)
{
  gil_store_set_now (store, now);
  return gil_test_register_visit (store, NULL, "Dewasa", "1980-05-05", "M", "K3-DEWASA");
}

/* Schema 9 moves the queue's place counter and the last day's ticket
 * counters into one table: numbering goes on where it was that day, the
 * next place is after the last, and the next day starts again at 1 with
 * the days before forgotten. */
static void
test_migration_counters (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GilStore) store = NULL;
  g_autoptr(GilVisit) same_day = NULL;
  g_autoptr(GilVisit) next_day = NULL;

  write_old_file (path, 8,
                  "INSERT INTO settings (key, value) VALUES ('queue_key', 41);"
                  "INSERT INTO tickets (day, prefix, last) VALUES"
                  " ('2026-03-01', 'D', 5), ('2026-03-02', 'D', 7), ('2026-03-02', 'A', 2);");

  store = gil_test_open_store (dir);
  assert_query (store, "SELECT group_concat (name || '=' || value, ', ') FROM (SELECT * FROM counters ORDER BY name)",
                       "queue_key=41, ticket 2026-03-02 A=2, ticket 2026-03-02 D=7");
  assert_query (store, "SELECT (SELECT count (*) FROM sqlite_master WHERE name = 'tickets')"
                       " + (SELECT count (*) FROM settings WHERE key = 'queue_key')", "0");

  /* The same day goes on from D-007, and the place follows 41. */
  same_day = register_adult (store, gil_test_local_time (2026, 3, 2, 9, 0));
  g_assert_cmpstr (same_day->ticket, ==, "D-008");
  assert_query (store, "SELECT queue_key FROM stops ORDER BY id DESC LIMIT 1", "42");

  /* The next day numbers from 1 and keeps no counter of the days before. */
  next_day = register_adult (store, gil_test_local_time (2026, 3, 3, 9, 0));
  g_assert_cmpstr (next_day->ticket, ==, "D-001");
  assert_query (store, "SELECT group_concat (name || '=' || value, ', ') FROM (SELECT * FROM counters ORDER BY name)",
                       "queue_key=43, ticket 2026-03-03 D=1");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Schema 10 keeps each reply for the station that sent its key: the same
 * key from another station, or from the admin token, finds nothing and
 * may be stored beside it. A reply kept before belongs to no station. */
static void
test_migration_reply_station (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GilStore) store = NULL;

  write_old_file (path, 9,
                  "INSERT INTO requests (key, route, status, body, created_at) VALUES"
                  " ('k-old', 'POST /api/v1/visits', 201, '{\"id\":1}', 100);");

  store = gil_test_open_store (dir);
  assert_query (store, "SELECT group_concat (key || ' ' || station, ', ') FROM requests",
                       "k-old 0");

  /* Station 5's reply and the admin's to the same key are kept side by
   * side (the manager looks a key up for the station that sent it). */
  exec_ok (store, "INSERT INTO requests (key, route, status, body, created_at, station) VALUES"
                  " ('k-1', 'POST /api/v1/visits', 201, '{\"room\":5}', 120, 5),"
                  " ('k-1', 'POST /api/v1/visits', 409, '{}', 130, -1)");
  assert_query (store, "SELECT group_concat (station || ' ' || status, ', ')"
                       " FROM (SELECT * FROM requests WHERE key = 'k-1' ORDER BY station)",
                       "-1 409, 5 201");

  /* Still once per station, key and route. */
  exec_refused (store, "INSERT INTO requests (key, route, status, body, created_at, station)"
                       " VALUES ('k-1', 'POST /api/v1/visits', 201, '{}', 140, 5)");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_strnfill (8192, 'x');
  GilStore *store;

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  store = gil_store_open (path, GIL_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  gil_test_remove_dir (dir);
}

/* A real database with a damaged page: quick_check finds it. */
static void
test_corrupt_page (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  GilStore *store = gil_test_open_store (dir);

  /* Enough rows that the patients table spans many pages. */
  exec_ok (store, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                  " INSERT INTO patients (rm, name, birth_date, sex, created_at)"
                  " SELECT printf ('%06d', i), 'Pasien ' || i, '1980-01-01', 'F', 0 FROM n");
  g_assert_finalize_object (store);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 40 * 4096);
  /* Scribble over the middle of pages 20 to 30, leaving the header alone. */
  for (gsize page = 20; page < 30; page++)
    memset (contents + page * 4096 + 8, 0x5a, 2000);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));

  store = gil_store_open (path, GIL_STORE_FLAGS_NONE, &error);
  g_assert_null (store);
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT);
  gil_test_remove_dir (dir);
}

static void
test_missing_folder (void)
{
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_store_open ("/nonexistent-giliran/sub/giliran.db", GIL_STORE_FLAGS_NONE, &error);

  g_assert_null (store);
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_OPEN);
}

typedef struct
{
  char   *path;
  GMutex  mutex;
  GCond   cond;
  gboolean holding;
  gboolean release;
} Holder;

/* A second connection that takes the write lock and keeps it until told. */
static gpointer
hold_write_lock (gpointer data)
{
  Holder *holder = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) other = gil_store_open (holder->path, GIL_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (gil_store_begin (other, &error));
  g_assert_true (gil_store_set_setting (other, "holder", "1", &error));

  g_mutex_lock (&holder->mutex);
  holder->holding = TRUE;
  g_cond_broadcast (&holder->cond);
  while (!holder->release)
    g_cond_wait (&holder->cond, &holder->mutex);
  g_mutex_unlock (&holder->mutex);

  /* Keep the lock a little longer while the main thread waits on it. */
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (gil_store_commit (other, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
test_concurrent_writer (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  GilStore *store = gil_test_open_store (dir);
  Holder holder = { 0 };
  GThread *thread;

  holder.path = db_path (dir);
  g_mutex_init (&holder.mutex);
  g_cond_init (&holder.cond);
  thread = g_thread_new ("holder", hold_write_lock, &holder);

  g_mutex_lock (&holder.mutex);
  while (!holder.holding)
    g_cond_wait (&holder.cond, &holder.mutex);
  g_mutex_unlock (&holder.mutex);

  /* With a short timeout, BEGIN IMMEDIATE gives up and says so. */
  gil_store_set_busy_timeout (store, 50);
  g_assert_false (gil_store_begin (store, &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_BUSY);
  g_assert_false (gil_store_in_transaction (store));
  g_clear_error (&error);

  /* Reads go on meanwhile (WAL). */
  g_assert_null (gil_store_dup_setting (store, "holder"));

  /* With the normal timeout it waits for the other writer and then wins. */
  gil_store_set_busy_timeout (store, 5000);
  g_mutex_lock (&holder.mutex);
  holder.release = TRUE;
  g_cond_broadcast (&holder.cond);
  g_mutex_unlock (&holder.mutex);
  g_assert_true (gil_store_begin (store, &error));
  g_assert_no_error (error);
  value = gil_store_dup_setting (store, "holder");
  g_assert_cmpstr (value, ==, "1");
  g_assert_true (gil_store_set_setting (store, "main", "2", &error));
  g_assert_true (gil_store_commit (store, &error));

  g_thread_join (thread);
  g_mutex_clear (&holder.mutex);
  g_cond_clear (&holder.cond);
  g_free (holder.path);
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

static void
test_savepoints (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *outer = NULL;
  g_autofree char *inner = NULL;

  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_set_setting (store, "outer", "1", &error));
  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_set_setting (store, "inner", "1", &error));
  gil_store_rollback (store);  /* only the inner part */
  g_assert_true (gil_store_in_transaction (store));
  g_assert_true (gil_store_commit (store, &error));
  g_assert_false (gil_store_in_transaction (store));

  outer = gil_store_dup_setting (store, "outer");
  inner = gil_store_dup_setting (store, "inner");
  g_assert_cmpstr (outer, ==, "1");
  g_assert_null (inner);
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* gil_store_abort() ends the innermost level open, one at a time, and
 * does nothing when no write is open (as after a failed outermost
 * commit, which ends the write itself). */
static void
test_abort (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);

  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_begin (store, &error));
  gil_store_abort (store);  /* the savepoint only */
  g_assert_true (gil_store_in_transaction (store));
  gil_store_abort (store);  /* the write */
  g_assert_false (gil_store_in_transaction (store));
  /* Nothing open: nothing to do, and no warning (a test's criticals are fatal). */
  gil_store_abort (store);
  g_assert_false (gil_store_in_transaction (store));

  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

static gpointer
dup_first_column (sqlite3_stmt *stmt)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

/* The store's readers of rows: gil_store_get_row() (the row, the caller's
 * "not found", or a storage error), gil_store_step_row() and the
 * collectors. */
static void
test_get_row (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  sqlite3_stmt *missing;

  stmt = gil_store_get_row (store, "SELECT ?1 + 1", 41, "adding", &error,
                            GIL_STORE_ERROR, GIL_STORE_ERROR_IO, "no %d", 1);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 42);

  missing = gil_store_get_row (store, "SELECT 1 WHERE ?1 = 0", 7, "finding", &error,
                               GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND, "There is no thing %lld",
                               (long long)7);
  g_assert_null (missing);
  g_assert_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no thing 7");
  g_clear_error (&error);

  missing = gil_store_get_row (store, "SELECT nothing FROM nowhere WHERE ?1", 7, "finding", &error,
                               GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND, "There is no thing %lld",
                               (long long)7);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND));

  g_clear_pointer (&stmt, gil_store_release_statement);
  g_clear_error (&error);

  /* gil_store_step_one(): the same on a statement bound by the caller. */
  stmt = gil_store_prepare (store, "SELECT 1 WHERE ?1 = 'a'", &error);
  sqlite3_bind_text (stmt, 1, "b", -1, SQLITE_STATIC);
  g_assert_false (gil_store_step_one (store, stmt, "finding", &error,
                                      GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                                      "There is no thing %s", "b"));
  g_assert_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no thing b");
  g_clear_error (&error);
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, "a", -1, SQLITE_STATIC);
  g_assert_true (gil_store_step_one (store, stmt, "finding", &error,
                                     GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                                     "There is no thing %s", "a"));
  g_assert_no_error (error);
  g_clear_pointer (&stmt, gil_store_release_statement);

  /* gil_store_step_row(): a row it must give, or an error. */
  stmt = gil_store_prepare (store, "SELECT 5", &error);
  g_assert_true (gil_store_step_row (store, stmt, "counting", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 5);
  g_clear_pointer (&stmt, gil_store_release_statement);
  stmt = gil_store_prepare (store, "SELECT 5 WHERE 0", &error);
  g_assert_false (gil_store_step_row (store, stmt, "counting", &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_clear_pointer (&stmt, gil_store_release_statement);

  /* gil_store_collect_rows() and _ids(): every row, in order. */
  stmt = gil_store_prepare (store, "SELECT 10 UNION ALL SELECT 20 UNION ALL SELECT 30"
                                   " UNION ALL SELECT 7", &error);
  g_assert_nonnull (stmt);
  ids = gil_store_collect_ids (store, stmt, "counting", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 10);
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 7);
  sqlite3_reset (stmt);
  texts = gil_store_collect_rows (store, stmt, dup_first_column, g_free, "counting", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "20");
  g_clear_pointer (&stmt, gil_store_release_statement);

  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* A counter starts at 1 and counts up by one; each name on its own. */
static void
test_counter (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);

  g_assert_true (gil_store_begin (store, &error));
  g_assert_cmpint (gil_store_next_counter (store, "test a", "counting", &error), ==, 1);
  g_assert_cmpint (gil_store_next_counter (store, "test a", "counting", &error), ==, 2);
  g_assert_cmpint (gil_store_next_counter (store, "test b", "counting", &error), ==, 1);
  g_assert_cmpint (gil_store_next_counter (store, "test a", "counting", &error), ==, 3);
  g_assert_no_error (error);
  g_assert_true (gil_store_commit (store, &error));

  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* A write that fails (the disk is full) is reported and leaves nothing
 * half-written. */
static void
test_failed_write (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *before = query_text (store, "SELECT count (*) FROM patients");
  g_autofree char *after = NULL;
  g_autofree char *pages = query_text (store, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %s", pages);

  /* The disk is "full": the database may not grow. */
  g_assert_true (gil_store_exec (store, limit, &error));
  g_assert_true (gil_store_begin (store, &error));
  g_assert_false (gil_store_exec (store,
                                  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
                                  " INSERT INTO patients (rm, name, birth_date, sex, created_at)"
                                  " SELECT printf ('%06d', i), 'Pasien ' || i, '1980-01-01', 'F', 0 FROM n",
                                  &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_FULL);
  gil_store_rollback (store);
  g_assert_false (gil_store_in_transaction (store));

  after = query_text (store, "SELECT count (*) FROM patients");
  g_assert_cmpstr (before, ==, after);
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

static void
on_storage_error_cb (GObject    *store,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static GilPatient *
new_patient (guint number)
{
  GilPatient *patient = gil_patient_new ();

  patient->name = g_strdup_printf ("Pasien Nomor %u", number);
  patient->birth_date = g_strdup ("1980-01-01");
  patient->sex = g_strdup ("F");
  return patient;
}

/* The disk fills up under ordinary writes: the one that does not fit is
 * refused whole as "full", the store says its storage fails (once), and
 * the first write that fits again clears that. */
static void
test_storage_fault (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *pages = query_text (store, "PRAGMA page_count");
  g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %s", pages);
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *message = NULL;
  guint notified = 0;
  guint saved = 0;

  g_signal_connect (store, "notify::storage-error", G_CALLBACK (on_storage_error_cb), &notified);
  g_assert_null (gil_store_get_storage_error (store));
  g_assert_true (gil_store_exec (store, limit, &error));

  for (;;)
    {
      g_autoptr(GilPatient) patient = new_patient (saved);

      if (!gil_patients_create (store, patient, NULL, &error))
        break;
      saved++;
      g_assert_cmpuint (saved, <, 100000);
    }
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_FULL);
  g_assert_false (gil_store_in_transaction (store));
  g_assert_true (sqlite3_get_autocommit (gil_store_get_db (store)));
  g_assert_cmpstr (gil_store_get_storage_error (store), ==, error->message);
  g_assert_cmpuint (notified, ==, 1);
  count = query_text (store, "SELECT count (*) FROM patients");
  expected = g_strdup_printf ("%u", saved);
  g_assert_cmpstr (count, ==, expected);

  /* Refused again, inside a savepoint: still one notification. */
  g_clear_error (&error);
  g_assert_true (gil_store_begin (store, &error));
  {
    g_autoptr(GilPatient) patient = new_patient (saved);

    g_assert_false (gil_patients_create (store, patient, NULL, &error));
    g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_FULL);
  }
  g_assert_true (gil_store_in_transaction (store));
  gil_store_rollback (store);
  g_assert_false (gil_store_in_transaction (store));
  g_assert_cmpuint (notified, ==, 1);
  message = g_strdup (gil_store_get_storage_error (store));

  /* Space returns. A write that changes nothing proves nothing… */
  g_clear_error (&error);
  g_assert_true (gil_store_exec (store, "PRAGMA max_page_count = 1000000", &error));
  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_commit (store, &error));
  g_assert_cmpstr (gil_store_get_storage_error (store), ==, message);

  /* …one that is saved does. */
  {
    g_autoptr(GilPatient) patient = new_patient (saved);

    g_assert_true (gil_patients_create (store, patient, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_null (gil_store_get_storage_error (store));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* After some failures SQLite rolls the whole transaction back by itself.
 * The levels the store still counts must then refuse every write (each
 * would commit on its own, half a change) until they are unwound, and
 * the store must then work again. */
static void
test_lost_transaction (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *lost = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_set_setting (store, "lost", "1", &error));
  /* What SQLite does after an I/O error. */
  g_assert_cmpint (sqlite3_exec (gil_store_get_db (store), "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (gil_store_set_setting (store, "lost", "2", &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (gil_store_exec (store, "INSERT INTO settings VALUES ('lost', '3')", &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (gil_store_begin (store, &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (gil_store_commit (store, &error));   /* the savepoint */
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  gil_store_rollback (store);
  g_assert_true (gil_store_in_transaction (store));
  g_assert_false (gil_store_commit (store, &error));   /* the transaction */
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (gil_store_in_transaction (store));

  lost = gil_store_dup_setting (store, "lost");
  g_assert_null (lost);

  /* A write left open is ended for the next one. */
  g_assert_false (gil_store_rollback_all (store));
  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_rollback_all (store));
  g_assert_false (gil_store_in_transaction (store));

  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_set_setting (store, "kept", "1", &error));
  g_assert_true (gil_store_commit (store, &error));
  g_assert_no_error (error);
  kept = gil_store_dup_setting (store, "kept");
  g_assert_cmpstr (kept, ==, "1");

  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* Checkpoints run on the store's own thread: the write-ahead log is copied
 * back and starts over while commits go on, instead of growing by every
 * commit (the committing connection no longer checkpoints by itself). */
static void
test_checkpointer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *wal = NULL;
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  GStatBuf info;

  wal = g_strconcat (gil_store_get_path (store), "-wal", NULL);
  gil_store_start_checkpointer (store);
  exec_ok (store, "CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT)");
  /* About 2 frames a commit: without checkpoints the log would pass
   * 4,000 frames (16 MB). */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO filler (text) VALUES (printf ('%%.1000c', '%c'))",
                                              'a' + i % 26);

      g_assert_true (gil_store_exec (store, sql, &error));
      g_assert_no_error (error);
      /* A clinic writes a few times a second, not thousands: let the
       * checkpointer keep up now and then. */
      if (i % 200 == 199)
        g_usleep (50 * 1000);
    }
  g_assert_cmpint (g_stat (wal, &info), ==, 0);
  g_test_message ("write-ahead log after 2000 commits: %lld bytes", (long long)info.st_size);
  g_assert_cmpint (info.st_size, <, 1500 * 4120);

  assert_query (store, "SELECT count (*) FROM filler", "2000");
  g_assert_finalize_object (g_steal_pointer (&store));

  /* Everything is in the database file once the store is closed. */
  store = gil_test_open_store (dir);
  assert_query (store, "SELECT count (*) FROM filler", "2000");
  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

/* Statements are kept for the next prepare of the same text: a text is
 * given its own statement even when it hashes alike another's (same
 * length, same end), and two in use at once of one text both work and
 * both go back without the one kept losing its key. */
static void
test_statement_cache (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  const char *tail = " AS n FROM (SELECT ?1 AS v) WHERE v IS NOT NULL OR v IS NULL ORDER BY n LIMIT 1";
  g_autofree char *one = g_strconcat ("SELECT 1 + ?1 - ?1", tail, NULL);
  g_autofree char *two = g_strconcat ("SELECT 2 + ?1 - ?1", tail, NULL);

  g_assert_cmpuint (strlen (one), ==, strlen (two));
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *copy = g_strdup (one);
      sqlite3_stmt *a = gil_store_prepare (store, one, NULL);
      sqlite3_stmt *b = gil_store_prepare (store, copy, NULL);
      sqlite3_stmt *c = gil_store_prepare (store, two, NULL);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_nonnull (c);
      g_assert_true (a != b);
      sqlite3_bind_int (a, 1, 10);
      sqlite3_bind_int (b, 1, 20);
      sqlite3_bind_int (c, 1, 30);
      g_assert_cmpint (sqlite3_step (a), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_step (b), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_step (c), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (a, 0), ==, 1);
      g_assert_cmpint (sqlite3_column_int (b, 0), ==, 1);
      g_assert_cmpint (sqlite3_column_int (c, 0), ==, 2);
      gil_store_release_statement (a);
      gil_store_release_statement (b);
      gil_store_release_statement (c);
    }

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

static void
test_clock (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  GilStore *store = gil_test_open_store (dir);
  g_autofree char *day = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpint (ABS (gil_store_now (store) - now), <=, 2);
  gil_store_set_now (store, gil_test_local_time (2027, 1, 1, 0, 0));
  day = gil_store_dup_today (store);
  g_assert_cmpstr (day, ==, "2027-01-01");
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/* Names in a folder, sorted. */
static char *
list_names (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **)names->pdata);
}

/* Only the newest backups stay, by their names (which sort by time, not by
 * when the files were made); half-written copies and other files are no
 * backups and are left alone. */
static void
test_backup_prune (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *names = NULL;
  /* Made in this order, not the order of their times. */
  const char *files[] = {
    "giliran-20261123-081500-000.db",
    "giliran-20261122-234500-000.db",
    "giliran-20261124-000000-000.db",
    "giliran-20261123-081500-001.db",
    "giliran-20261123-080000-000.db",
    "giliran-20261125-000000-000.db.part",
    "catatan.txt",
    "giliran.db",
    "salinan-20261126-000000-000.db",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_assert_true (g_file_set_contents (path, files[i], -1, NULL));
    }

  /* Fewer than kept: nothing goes. */
  gil_backup_prune (dir, 5);
  names = list_names (dir);
  g_assert_cmpstr (names, ==,
                   "catatan.txt giliran-20261122-234500-000.db giliran-20261123-080000-000.db "
                   "giliran-20261123-081500-000.db giliran-20261123-081500-001.db "
                   "giliran-20261124-000000-000.db giliran-20261125-000000-000.db.part giliran.db "
                   "salinan-20261126-000000-000.db");
  g_clear_pointer (&names, g_free);

  gil_backup_prune (dir, 2);
  names = list_names (dir);
  g_assert_cmpstr (names, ==,
                   "catatan.txt giliran-20261123-081500-001.db giliran-20261124-000000-000.db "
                   "giliran-20261125-000000-000.db.part giliran.db salinan-20261126-000000-000.db");
  g_clear_pointer (&names, g_free);

  gil_backup_prune (dir, 1);
  names = list_names (dir);
  g_assert_cmpstr (names, ==,
                   "catatan.txt giliran-20261124-000000-000.db "
                   "giliran-20261125-000000-000.db.part giliran.db salinan-20261126-000000-000.db");

  /* No folder yet: nothing to do. */
  {
    g_autofree char *missing = g_build_filename (dir, "tidak-ada", NULL);

    gil_backup_prune (missing, 1);
  }
  gil_test_remove_dir (dir);
}

/* A copy that fails integrity_check is no backup: the write fails, and
 * neither it nor its half-written file is left among the backups. A sound
 * database gives a backup that passes. */
static void
test_backup_unsound (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = db_path (dir);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *names = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;
  GilStore *store = gil_test_open_store (dir);

  gil_test_add_patient (store, "Baiq Nurul", "1990-01-01", "F");
  gil_test_add_patient (store, "Lalu Ahmad", "1985-05-05", "M");
  gil_test_add_patient (store, "Ni Made Sari", "1970-07-07", "F");
  good = gil_backup_write (store, backups, &error);
  g_assert_no_error (error);
  g_assert_true (gil_backup_check (good, &error));
  g_assert_no_error (error);
  count = gil_test_query_one (good, "SELECT count (*) FROM patients");
  g_assert_cmpstr (count, ==, "3");
  g_assert_finalize_object (store);

  gil_test_break_index (path);
  /* quick_check passes: the store opens, as the manager would. */
  store = gil_test_open_store (dir);
  bad = gil_backup_write (store, backups, &error);
  g_assert_null (bad);
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  names = list_names (backups);
  {
    g_autofree char *expected = g_path_get_basename (good);

    g_assert_cmpstr (names, ==, expected);
  }
  g_assert_false (gil_backup_check (path, &error));
  g_assert_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_CORRUPT);
  g_assert_finalize_object (store);
  gil_test_remove_dir (dir);
}

/* Local days and times as the manager writes them, against GLib's own
 * GDateTime, in zones with half-hour offsets and with summer time. Each
 * zone runs in a child process: the zone is read once per process. */
static void
test_local_time (void)
{
  static const char * const zones[] = {
    "Asia/Makassar", "Asia/Jakarta", "Asia/Kathmandu", "America/New_York",
    "Australia/Adelaide", "UTC",
  };

  if (g_test_subprocess ())
    {
      /* Every 7 hours and 13 minutes from 1990 to 2040. */
      for (gint64 t = 631152000; t < 2208988800; t += 7 * 3600 + 13 * 60 + 1)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (t);
          g_autofree char *want_time = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
          g_autofree char *want_day = g_date_time_format (time, "%Y-%m-%d");
          g_autofree char *got_time = gil_date_format_local_time (t);
          g_autofree char *got_day = gil_date_format_local_day (t);

          g_assert_cmpstr (got_time, ==, want_time);
          g_assert_cmpstr (got_day, ==, want_day);
          g_assert_cmpint (gil_date_local_hour (t), ==, g_date_time_get_hour (time));
        }
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *old = g_strdup (g_getenv ("TZ"));

      g_setenv ("TZ", zones[i], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      if (old != NULL)
        g_setenv ("TZ", old, TRUE);
      else
        g_unsetenv ("TZ");
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/store/new-file", test_new_file);
  g_test_add_func ("/giliran/store/reopen", test_reopen);
  g_test_add_func ("/giliran/store/migration", test_migration);
  g_test_add_func ("/giliran/store/migration-queue-counts", test_migration_queue_counts);
  g_test_add_func ("/giliran/store/migration-replies", test_migration_replies);
  g_test_add_func ("/giliran/store/migration-events", test_migration_events);
  g_test_add_func ("/giliran/store/migration-counters", test_migration_counters);
  g_test_add_func ("/giliran/store/migration-reply-station", test_migration_reply_station);
  g_test_add_func ("/giliran/store/migration-visit-history", test_migration_visit_history);
  g_test_add_func ("/giliran/store/migration-cancelled", test_migration_cancelled);
  g_test_add_func ("/giliran/store/migration-outcome", test_migration_outcome);
  g_test_add_func ("/giliran/store/not-a-database", test_not_a_database);
  g_test_add_func ("/giliran/store/corrupt-page", test_corrupt_page);
  g_test_add_func ("/giliran/store/missing-folder", test_missing_folder);
  g_test_add_func ("/giliran/store/concurrent-writer", test_concurrent_writer);
  g_test_add_func ("/giliran/store/savepoints", test_savepoints);
  g_test_add_func ("/giliran/store/abort", test_abort);
  g_test_add_func ("/giliran/store/get-row", test_get_row);
  g_test_add_func ("/giliran/store/counter", test_counter);
  g_test_add_func ("/giliran/store/failed-write", test_failed_write);
  g_test_add_func ("/giliran/store/storage-fault", test_storage_fault);
  g_test_add_func ("/giliran/store/lost-transaction", test_lost_transaction);
  g_test_add_func ("/giliran/store/checkpointer", test_checkpointer);
  g_test_add_func ("/giliran/store/statement-cache", test_statement_cache);
  g_test_add_func ("/giliran/store/clock", test_clock);
  g_test_add_func ("/giliran/store/local-time", test_local_time);
  g_test_add_func ("/giliran/store/backup-prune", test_backup_prune);
  g_test_add_func ("/giliran/store/backup-unsound", test_backup_unsound);

  return g_test_run ();
}
