/* test-loket.c — the queue before the registration desk: series, numbers
 * per series and day, the call order with priority interleaved, recall,
 * skip, stale actions, registration and the day's roll-over; schema 16's
 * migration of the stations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-loket.h"
#include "gil-queue.h"
#include "gil-reports.h"
#include "gil-stations.h"
#include "gil-test-util.h"

static void
set_up (GilTestStore  *f,
        gconstpointer  data)
{
  gil_test_store_fixture_set_up (f, data);
  gil_store_set_now (f->store, gil_test_local_time (2026, 12, 4, 7, 0));
}

static GilLoketTicket *
take (GilTestStore *f,
      const char   *series)
{
  g_autoptr(GError) error = NULL;
  GilLoketTicket *ticket = gil_loket_take (f->store, series, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ticket);
  gil_store_set_now (f->store, gil_store_now (f->store) + 60);
  return ticket;
}

static char *
call_next (GilTestStore *f,
           const char   *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket = gil_loket_call_next (f->store, desk, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ticket->desk, ==, desk);
  g_assert_cmpint (ticket->status, ==, GIL_LOKET_CALLED);
  return g_strdup (ticket->ticket);
}

static gint64
count_rows (GilTestStore *f,
            const char   *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_series (GilTestStore  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = gil_loket_list_series (f->store, &error);
  GilLoketSeries *p;

  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 3);
  g_assert_cmpstr (((GilLoketSeries *)series->pdata[0])->code, ==, "A");
  g_assert_cmpstr (((GilLoketSeries *)series->pdata[0])->name, ==, "BPJS");
  g_assert_false (((GilLoketSeries *)series->pdata[0])->priority);
  g_assert_cmpstr (((GilLoketSeries *)series->pdata[1])->name, ==, "Umum");
  p = series->pdata[2];
  g_assert_cmpstr (p->code, ==, "P");
  g_assert_cmpstr (p->name, ==, "Prioritas");
  g_assert_true (p->priority);
  g_assert_true (p->active);
}

/* Numbers per series; the priority series goes first, two at a time,
 * then one normal ticket; normal tickets in order of taking whatever
 * their series. */
static void
test_order (GilTestStore  *f,
            gconstpointer  data)
{
  static const char * const taken[] = { "A", "B", "A", "P", "P", "P", "B", NULL };
  static const char * const expected[] = {
    "P-001", "P-002", "A-001", "P-003", "B-001", "A-002", "B-002", NULL
  };
  g_autoptr(GPtrArray) called = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; taken[i] != NULL; i++)
    {
      g_autoptr(GilLoketTicket) ticket = take (f, taken[i]);

      g_assert_cmpstr (ticket->series, ==, taken[i]);
      if (i == 0)
        {
          g_assert_cmpstr (ticket->ticket, ==, "A-001");
          g_assert_cmpint (ticket->ahead, ==, 0);
        }
      if (i == 3)   /* the first priority ticket goes before the three */
        g_assert_cmpint (ticket->ahead, ==, 0);
    }

  g_assert_true (gil_loket_list_day (f->store, &called, &waiting, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (called->len, ==, 0);
  g_assert_cmpuint (waiting->len, ==, 7);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_assert_cmpstr (((GilLoketTicket *)waiting->pdata[i])->ticket, ==, expected[i]);
      g_assert_cmpint (((GilLoketTicket *)waiting->pdata[i])->ahead, ==, i);
    }

  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autofree char *ticket = call_next (f, i % 2 == 0 ? "Loket 1" : "Loket 2");

      g_assert_cmpstr (ticket, ==, expected[i]);
    }
}

/* Recall, skip and registration from called only; a stale action
 * changes nothing. */
static void
test_actions (GilTestStore  *f,
              gconstpointer  data)
{
  g_autoptr(GilLoketTicket) a1 = take (f, "A");
  g_autoptr(GilLoketTicket) a2 = take (f, "A");
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  GilVisitRequest request = { 0 };
  gint64 events;

  /* Not called yet. */
  g_assert_null (gil_loket_skip (f->store, a1->id, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_null (gil_loket_call_next (f->store, "  ", &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_COUNTER);
  g_clear_error (&error);

  g_free (call_next (f, "Loket 1"));
  ticket = gil_loket_recall (f->store, a1->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket->calls, ==, 2);
  g_clear_pointer (&ticket, gil_loket_ticket_free);

  /* Registered with the visit it became, in the registration's write. */
  request.patient = gil_test_add_patient (f->store, "Siti", "1980-01-01", "F");
  request.purpose = "sick";
  request.payer = "bpjs";
  request.loket_ticket = a1->id;
  visit = gil_queue_register (f->store, &request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (visit->loket);
  g_assert_cmpstr (visit->loket->ticket, ==, "A-001");
  g_assert_cmpstr (visit->loket->desk, ==, "Loket 1");
  g_assert_cmpint (visit->loket->taken_at, ==, a1->taken_at);
  g_assert_cmpint (visit->loket->called_at, >, a1->taken_at);

  /* Used: neither registered again, nor skipped, nor recalled; and the
   * second visit is not made either. */
  events = count_rows (f, "SELECT count (*) FROM events");
  request.patient = gil_test_add_patient (f->store, "Budi", "1980-01-01", "M");
  g_assert_null (gil_queue_register (f->store, &request, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_null (gil_loket_skip (f->store, a1->id, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_assert_null (gil_loket_recall (f->store, 999, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM visits"), ==, 1);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM events"), ==, events);

  g_free (call_next (f, "Loket 2"));
  ticket = gil_loket_skip (f->store, a2->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket->status, ==, GIL_LOKET_SKIPPED);
  g_clear_pointer (&ticket, gil_loket_ticket_free);

  /* Nobody left. */
  g_assert_null (gil_loket_call_next (f->store, "Loket 1", &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY);
  g_clear_error (&error);
  g_assert_null (gil_loket_take (f->store, "Z", &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND);
}

/* The next day numbers start again, yesterday's open tickets close, and
 * yesterday's called ticket cannot be registered. */
static void
test_day (GilTestStore  *f,
          gconstpointer  data)
{
  g_autoptr(GilLoketTicket) a1 = take (f, "A");
  g_autoptr(GilLoketTicket) a2 = take (f, "A");
  g_autoptr(GilLoketTicket) next = NULL;
  g_autoptr(GilLoketTicket) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) waits = NULL;

  g_free (call_next (f, "Loket 1"));
  waits = gil_loket_day_waits (f->store, "2026-12-04", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waits->len, ==, 1);
  g_assert_cmpint (g_array_index (waits, gint64, 0), ==, 120);

  gil_store_set_now (f->store, gil_test_local_time (2026, 12, 5, 7, 0));
  next = take (f, "A");
  g_assert_cmpstr (next->ticket, ==, "A-001");
  g_assert_cmpstr (next->day, ==, "2026-12-05");
  old = gil_loket_get (f->store, a2->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (old->status, ==, GIL_LOKET_CANCELLED);
  g_assert_null (gil_loket_recall (f->store, a1->id, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_assert_cmpint (count_rows (f, "SELECT count (*) FROM counters WHERE name LIKE 'loket %2026-12-04%'"), ==, 0);
}

/* Schema 16 makes the stations' table again: stations and their rooms
 * are kept, ids go on, and a kiosk may be paired. */
static void
test_migration (void)
{
  g_autofree char *dir = gil_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "giliran.db", NULL);
  g_autoptr(GilStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GilStation) station = NULL;
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  GilRole kiosk = GIL_ROLE_KIOSK;
  gint64 expires = 0;

  {
    g_autoptr(GilStore) old = gil_store_open_at_version (path, 15, &error);

    g_assert_no_error (error);
    g_assert_true (gil_store_exec (old,
                                   "INSERT INTO stations (id, name, role, token_hash, created_at)"
                                   " VALUES (7, 'Ruang', 'room', 'h7', 1);"
                                   "INSERT INTO station_rooms (station, room) VALUES (7, 1);"
                                   "INSERT INTO stations (id, name, role, token_hash, created_at)"
                                   " VALUES (9, 'Lama', 'display', 'h9', 1);"
                                   "DELETE FROM stations WHERE id = 9;",
                                   &error));
    g_assert_no_error (error);
  }
  store = gil_test_open_store (dir);
  g_assert_cmpint (gil_store_get_schema_version (store), ==, 16);
  g_assert_cmpint (gil_store_get_latest_schema_version (), ==, 16);
  station = gil_stations_get (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (station->role, ==, GIL_ROLE_ROOM);
  g_assert_true (gil_station_has_room (station, 1));
  g_clear_pointer (&station, gil_station_free);

  code = gil_stations_create_pairing_code (store, GIL_ROLE_KIOSK, rooms, &expires, &error);
  g_assert_no_error (error);
  station = gil_stations_pair (store, code, "Kios", &kiosk, rooms, &token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (station->role, ==, GIL_ROLE_KIOSK);
  g_assert_cmpint (station->id, ==, 10);   /* not 9 again */
  g_assert_cmpstr (gil_role_to_string (station->role), ==, "kiosk");

  g_assert_finalize_object (g_steal_pointer (&store));
  gil_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add ("/giliran/loket/series", GilTestStore, NULL, set_up, test_series,
              gil_test_store_fixture_tear_down);
  g_test_add ("/giliran/loket/order", GilTestStore, NULL, set_up, test_order,
              gil_test_store_fixture_tear_down);
  g_test_add ("/giliran/loket/actions", GilTestStore, NULL, set_up, test_actions,
              gil_test_store_fixture_tear_down);
  g_test_add ("/giliran/loket/day", GilTestStore, NULL, set_up, test_day,
              gil_test_store_fixture_tear_down);
  g_test_add_func ("/giliran/loket/migration", test_migration);
  return g_test_run ();
}
