/* gil-queue-day.c — the service day: starting it, and closing the last
 *
 * The first write of a new date (or the manager's midnight timer) starts
 * the day: yesterday's waiting stops expire, the waiting counts are put
 * right, ticket numbers and priority streaks start again. (The replies kept
 * for repeated writes are the manager's: gil-server-replies.c.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-date.h"
#include "gil-events.h"
#include "gil-loket.h"
#include "gil-queue-private.h"

/* The day before @today, both YYYY-MM-DD. */
static char *
dup_day_before (const char *today)
{
  char text[sizeof "YYYY-MM-DD"];
  GDate date;

  if (!gil_date_parse (today, &date))
    g_assert_not_reached ();
  g_date_subtract_days (&date, 1);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/* A day's waiting patients are not coming back: their stops close when
 * the next day starts. A patient called or in service then is still in
 * the room (the UGD's night, a consultation past midnight): the stop
 * stays in that room's list as it was, and may be started, finished,
 * called again, skipped or sent on during the next day, and counts for
 * the day it was enqueued. Only if nobody does closes it when the day
 * after that starts, so no stop is open for ever. */
static gboolean
expire_open_stops (GilStore    *store,
                   const char  *today,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *yesterday = dup_day_before (today);

  /* Through the index of open stops, not the one of days: every day
   * before today is all the history. */
  select = gil_store_prepare (store,
                              "SELECT id FROM stops INDEXED BY stops_open_queue"
                              " WHERE " GIL_QUEUE_OPEN_STOP ("") " AND day < ?1"
                              " AND (status = 'waiting' OR day < ?2) ORDER BY id",
                              error);
  update = gil_store_prepare (store, "UPDATE stops SET status = 'expired' WHERE id = ?", error);
  if (select == NULL || update == NULL)
    return FALSE;

  sqlite3_bind_text (select, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (select, 2, yesterday, -1, SQLITE_STATIC);
  ids = gil_store_collect_ids (store, select, "closing the previous day", error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, id);
      if (!gil_store_step_done (store, update, error) ||
          gil_events_append (store, "stop.expired", 0, id, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* The waiting counts from the stops themselves, through the index of
 * open stops. The triggers keep them;
 * a day start, when nobody waits, puts right whatever a change made by hand
 * (an INSERT OR REPLACE skips the delete trigger) may have put wrong. */
gboolean
_gil_queue_recount (GilStore  *store,
                    GError   **error)
{
  return gil_store_exec (store,
                         "DELETE FROM queue_counts;"
                         "INSERT INTO queue_counts (room, rank, waiting)"
                         " SELECT room, rank, count (*) FROM stops INDEXED BY stops_open_queue"
                         " WHERE status = 'waiting'"
                         " GROUP BY room, rank;",
                         error);
}

/* Ticket numbers start again each day: the days before @today need no
 * counter. */
static gboolean
forget_old_tickets (GilStore    *store,
                    const char  *today,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "DELETE FROM counters WHERE name >= 'ticket ' AND name < 'ticket ' || ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  return gil_store_step_done (store, stmt, error);
}

/**
 * gil_queue_ensure_day:
 *
 * Starts the service day when the date has changed since the last write:
 * the previous day's waiting stops close as expired (and called or serving
 * stops a day later, see expire_open_stops()), and priority streaks
 * restart. Every queue write calls this first; the manager also calls it at
 * midnight.
 */
gboolean
gil_queue_ensure_day (GilStore  *store,
                      GError   **error)
{
  g_autofree char *today = NULL;
  g_autofree char *current = NULL;
  gint64 station;
  gboolean ok;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);

  today = gil_store_dup_today (store);
  current = gil_store_dup_setting (store, "service_day");
  if (g_strcmp0 (current, today) == 0)
    return TRUE;

  if (!gil_store_begin (store, error))
    return FALSE;

  /* The day closes by itself, whichever station's write noticed it first:
   * its events are the manager's (station 0), not that station's. */
  station = gil_store_get_station (store);
  gil_store_set_station (store, 0);
  g_clear_pointer (&current, g_free);
  current = gil_store_dup_setting (store, "service_day");
  ok = g_strcmp0 (current, today) == 0 ||
       (expire_open_stops (store, today, error) &&
        _gil_queue_recount (store, error) &&
        forget_old_tickets (store, today, error) &&
        gil_loket_start_day (store, today, error) &&
        gil_store_exec (store, "UPDATE rooms SET streak = 0", error) &&
        gil_store_set_setting (store, "service_day", today, error) &&
        gil_events_append (store, "day.started", 0, 0, error) != 0);
  gil_store_set_station (store, station);
  if (!ok)
    {
      gil_store_rollback (store);
      return FALSE;
    }

  if (!gil_store_commit (store, error))
    {
      gil_store_abort (store);
      return FALSE;
    }
  return TRUE;
}

/* Begins a queue write, on the service day it is on: the day starts
 * first when the date has changed (gil_queue_ensure_day()). End it with
 * gil_store_commit() or gil_store_abort(); on failure nothing is open. */
gboolean
_gil_queue_begin (GilStore  *store,
                  GError   **error)
{
  if (!gil_store_begin (store, error))
    return FALSE;
  if (gil_queue_ensure_day (store, error))
    return TRUE;
  gil_store_abort (store);
  return FALSE;
}
