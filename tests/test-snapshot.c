/* test-snapshot.c — stations start from the state, not from the history
 *
 * A manager on a database with a long log: a station that has nothing gets
 * one snapshot, not the log; one that comes back within the kept window
 * gets exactly what it missed, in order; one further behind gets a
 * snapshot. Events older than the window are pruned, a visit's history
 * still reads whole, and the log stays bounded however many days go by.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-audit.h"
#include "gil-events.h"
#include "gil-queue.h"
#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"
#include "gil-test-util.h"

#define LONG_LOG     6000    /* events of today in the long log */
#define OLD_EVENTS   20000   /* events of a week ago */
#define MISSED       50
#define WAIT_PRUNE_S 30
#define DAY_S        (24 * 3600)

/* Appends @count room events at @at straight into the log. */
static void
append_events (GilStore *store,
               guint     count,
               gint64    at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                                          " INSERT INTO events (type, at, room, station)"
                                          " SELECT 'room.changed', %" G_GINT64_FORMAT ", 1, 0 FROM n",
                                          count, at);

  g_assert_true (gil_store_begin (store, &error));
  g_assert_true (gil_store_exec (store, sql, &error));
  g_assert_true (gil_store_commit (store, &error));
  g_assert_no_error (error);
}

/* Registers an adult at @now, calls, starts and finishes the visit;
 * returns the visit's id. */
static gint64
serve_visit (GilStore *store,
             gint64    now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = NULL;
  gint64 stop;

  gil_store_set_now (store, now);
  visit = gil_test_register_visit (store, NULL, "Dewasa", "1980-05-05", "M", "K3-DEWASA");
  stop = ((GilStop *)g_ptr_array_index (visit->stops, 0))->id;
  g_clear_pointer (&visit->stops, g_ptr_array_unref);
  gil_stop_free (gil_queue_call (store, stop, NULL, &error));
  g_assert_no_error (error);
  gil_stop_free (gil_queue_start (store, stop, &error));
  g_assert_no_error (error);
  gil_stop_free (gil_queue_finish (store, stop, &error));
  g_assert_no_error (error);
  return visit->id;
}

static gint64
query_int (const char *database,
           const char *sql)
{
  g_autofree char *text = gil_test_query_one (database, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Waits until the manager has pruned the log down to @first. */
static void
wait_pruned (GilTestManager *m,
             gint64          first)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_PRUNE_S * G_USEC_PER_SEC;

  while (query_int (gil_test_manager_get_database (m), "SELECT min (seq) FROM events") < first)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }
}

static gint64
message_seq (GilTestEvents *events,
             guint          index)
{
  return json_object_get_int_member (g_ptr_array_index (events->messages, index), "seq");
}

/* A database with LONG_LOG events of today, and OLD_EVENTS of a week ago
 * before them when @old. */
static GilTestManager *
start_on_long_log (gboolean old)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (old)
    append_events (store, OLD_EVENTS, now - 7 * DAY_S);
  append_events (store, LONG_LOG, now);
  g_assert_finalize_object (g_steal_pointer (&store));
  return gil_test_manager_start_in (dir);
}

/* A station that has nothing asks without since: one snapshot as of the
 * last seq, not the log; then live events. */
static void
test_nothing (void)
{
  GilTestManager *m = start_on_long_log (FALSE);
  gint64 last = gil_test_api_health_seq (gil_test_manager_get_url (m));
  GilTestEvents *events;
  JsonObject *snapshot;

  g_assert_cmpint (last, >=, LONG_LOG);
  events = gil_test_events_open (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m), -1);
  g_assert_nonnull (events->connection);
  gil_test_events_wait (events, 1);
  gil_test_events_ping (events);
  g_assert_cmpuint (events->messages->len, ==, 2);
  g_assert_cmpstr (gil_test_events_type (events, 0), ==, "snapshot");
  snapshot = g_ptr_array_index (events->messages, 0);
  g_assert_cmpint (json_object_get_int_member (snapshot, "seq"), ==, last);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (snapshot, "rooms")), >, 0);
  g_assert_cmpstr (gil_test_events_type (events, 1), ==, "pong");

  gil_test_manager_publish_event (m);
  gil_test_events_wait (events, 3);
  g_assert_cmpstr (gil_test_events_type (events, 2), ==, "room.changed");
  g_assert_cmpint (message_seq (events, 2), ==, last + 1);

  gil_test_events_close (events);
  gil_test_manager_free (m);
}

/* Back within the window: exactly the events missed, in order, then the
 * live ones, none twice — also while another station changes things
 * during the replay. */
static void
test_resume (void)
{
  GilTestManager *m = start_on_long_log (FALSE);
  gint64 last = gil_test_api_health_seq (gil_test_manager_get_url (m));
  gint64 since = last - LONG_LOG / 2;
  GilTestEvents *events;

  events = gil_test_events_open (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m), since);
  g_assert_nonnull (events->connection);
  gil_test_manager_publish_event (m);
  gil_test_events_wait (events, LONG_LOG / 2 + 1);
  gil_test_events_ping (events);
  g_assert_cmpuint (events->messages->len, ==, LONG_LOG / 2 + 2);
  for (guint i = 0; i <= LONG_LOG / 2; i++)
    g_assert_cmpint (message_seq (events, i), ==, since + 1 + i);
  g_assert_cmpstr (gil_test_events_type (events, LONG_LOG / 2), ==, "room.changed");
  gil_test_events_close (events);

  /* A station MISSED behind. */
  events = gil_test_events_open (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                                 last + 1 - MISSED);
  gil_test_events_wait (events, MISSED);
  gil_test_events_ping (events);
  g_assert_cmpuint (events->messages->len, ==, MISSED + 1);
  g_assert_cmpint (message_seq (events, 0), ==, last + 2 - MISSED);
  g_assert_cmpint (message_seq (events, MISSED - 1), ==, last + 1);
  gil_test_events_close (events);
  gil_test_manager_free (m);
}

/* Events of a week ago are pruned at start; a station that has only
 * those, or asks from 0, gets a snapshot. */
static void
test_far_behind (void)
{
  GilTestManager *m = start_on_long_log (TRUE);
  gint64 last;
  GilTestEvents *events;

  wait_pruned (m, OLD_EVENTS + 1);
  last = gil_test_api_health_seq (gil_test_manager_get_url (m));
  /* The log, and the day start of the manager's first run. */
  g_assert_cmpint (last, ==, OLD_EVENTS + LONG_LOG + 1);
  g_assert_cmpint (query_int (gil_test_manager_get_database (m), "SELECT count (*) FROM events"),
                   ==, LONG_LOG + 1);

  /* From 0, from the middle of what went, and from just before the
   * first event kept. */
  for (guint i = 0; i < 3; i++)
    {
      gint64 since = i == 0 ? 0 : i == 1 ? OLD_EVENTS / 2 : OLD_EVENTS - 1;

      events = gil_test_events_open (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m), since);
      gil_test_events_wait (events, 1);
      gil_test_events_ping (events);
      g_assert_cmpuint (events->messages->len, ==, 2);
      g_assert_cmpstr (gil_test_events_type (events, 0), ==, "snapshot");
      g_assert_cmpint (message_seq (events, 0), ==, last);
      gil_test_events_close (events);
    }
  gil_test_manager_free (m);
}

/* A visit of a week ago reads the same after its events were pruned. */
static void
test_history_kept (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *path = NULL;
  GilTestManager *m;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 visit;
  JsonArray *entries;

  visit = serve_visit (store, now - 7 * DAY_S);
  serve_visit (store, now);
  before = gil_audit_visit_history (store, visit, NULL);
  g_assert_cmpuint (before->len, >=, 5);
  g_assert_finalize_object (g_steal_pointer (&store));

  m = gil_test_manager_start_in (dir);
  wait_pruned (m, query_int (gil_test_manager_get_database (m),
                             "SELECT min (seq) FROM events WHERE at > strftime ('%s', 'now') - 86400"));
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM events WHERE visit = %" G_GINT64_FORMAT, visit);

    g_assert_cmpint (query_int (gil_test_manager_get_database (m), sql), ==, 0);
  }

  path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/history", visit);
  after = gil_test_api_expect (gil_test_manager_get_url (m), gil_test_manager_get_admin_token (m),
                               "GET", path, NULL, NULL, 200);
  entries = json_node_get_array (after);
  g_assert_cmpuint (json_array_get_length (entries), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      GilAuditEntry *entry = g_ptr_array_index (before, i);
      JsonObject *object = json_array_get_object_element (entries, i);

      g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, entry->seq);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, entry->type);
      g_assert_cmpstr (json_object_get_string_member (object, "ticket"), ==, entry->ticket);
      g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, entry->status);
      g_assert_cmpint (json_object_get_int_member (object, "calls"), ==, entry->calls);
      g_assert_cmpstr (json_object_get_string_member (object, "room_name"), ==, entry->room_name);
    }
  gil_test_manager_free (m);
}

/* DAYS days of VISITS visits each, pruned as the manager does at each
 * day start: the log holds two days at most, every visit's history all
 * of it. */
#define DAYS   8
#define VISITS 25

static void
test_bounded (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autoptr(GilStore) store = gil_test_open_store (dir);
  g_autoptr(GError) error = NULL;
  gint64 start = gil_test_local_time (2026, 3, 1, 8, 0);
  gint64 most = 0;
  gint64 first_visit = 0;
  guint first_history = 0;

  for (int day = 0; day < DAYS; day++)
    {
      for (int i = 0; i < VISITS; i++)
        {
          gint64 visit = serve_visit (store, start + day * DAY_S + i * 60);

          if (first_visit == 0)
            {
              g_autoptr(GPtrArray) history = gil_audit_visit_history (store, visit, NULL);

              first_visit = visit;
              first_history = history->len;
            }
        }
      g_assert_true (gil_queue_ensure_day (store, &error));
      while (gil_events_prune (store, gil_events_prune_bound (store, gil_events_window_start (store)),
                               100, &error) > 0)
        ;
      g_assert_no_error (error);
      most = MAX (most, query_int (gil_store_get_path (store), "SELECT count (*) FROM events"));
    }
  /* A visit's events, two days of them, and a day start or two. */
  g_assert_cmpuint (first_history, >=, 4);
  g_assert_cmpint (most, <=, 2 * VISITS * first_history + 4);
  {
    g_autoptr(GPtrArray) history = gil_audit_visit_history (store, first_visit, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, first_history);
  }
  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/snapshot/nothing", test_nothing);
  g_test_add_func ("/giliran/snapshot/resume", test_resume);
  g_test_add_func ("/giliran/snapshot/far-behind", test_far_behind);
  g_test_add_func ("/giliran/snapshot/history-kept", test_history_kept);
  g_test_add_func ("/giliran/snapshot/bounded", test_bounded);
  return g_test_run ();
}
