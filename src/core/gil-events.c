/* gil-events.c — the append-only log of state changes
 *
 * Every change to a stop or room appends a row whose rowid is the sequence
 * number clients resume from. The row keeps the stop as it was at that
 * moment, so a replay shows what happened, not what is true now.
 *
 * The log keeps a window: the service day and the one before it. Older
 * events are pruned a batch at a time; those of a visit move first to
 * visit_history, a compact copy with what a visit's history shows (the
 * audit trail must outlive the replay). The last event always stays, so
 * the next seq goes on from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-events.h"

void
gil_event_free (GilEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->type);
  g_free (event->data);
  g_free (event);
}

/**
 * gil_events_append:
 * @room: the room the event concerns, or 0
 * @stop: the stop the event concerns, or 0
 *
 * Appends an event inside the current write, recording the station whose
 * action it is (gil_store_set_station()).
 *
 * Returns: its sequence number, or 0 with @error set
 */
gint64
gil_events_append (GilStore    *store,
                   const char  *type,
                   gint64       room,
                   gint64       stop,
                   GError     **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), 0);
  g_return_val_if_fail (type != NULL, 0);

  return gil_events_append_detail (store, type, room, stop, NULL, error);
}

/**
 * gil_events_append_detail:
 * @detail: (nullable): a JSON object for the audit trail only, saying what
 *   the stop itself does not (a call out of turn); never sent to clients
 *
 * Like gil_events_append().
 */
gint64
gil_events_append_detail (GilStore    *store,
                          const char  *type,
                          gint64       room,
                          gint64       stop,
                          const char  *detail,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), 0);
  g_return_val_if_fail (type != NULL, 0);
  g_return_val_if_fail (gil_store_in_transaction (store), 0);

  if (stop != 0)
    stmt = gil_store_prepare (store,
                              "INSERT INTO events (type, at, station, room, visit, stop, detail, data) "
                              "SELECT ?1, ?2, ?3, s.room, s.visit, s.id, ?6,"
                              " json_object ('id', s.id, 'visit', s.visit, 'room', s.room,"
                              "  'ticket', v.ticket, 'status', s.status, 'calls', s.calls,"
                              "  'priority', v.priority,"
                              "  'enqueued_at', s.enqueued_at, 'called_at', s.called_at,"
                              "  'started_at', s.started_at, 'finished_at', s.finished_at,"
                              "  'number_only', r.number_only, 'counter', s.counter)"
                              " FROM stops s JOIN visits v ON v.id = s.visit"
                              " JOIN rooms r ON r.id = s.room WHERE s.id = ?4",
                              error);
  else
    stmt = gil_store_prepare (store,
                              "INSERT INTO events (type, at, station, room, detail) "
                              "VALUES (?1, ?2, ?3, nullif (?5, 0), ?6)",
                              error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 3, gil_store_get_station (store));
  sqlite3_bind_text (stmt, 6, detail != NULL ? detail : "{}", -1, SQLITE_STATIC);
  if (stop != 0)
    sqlite3_bind_int64 (stmt, 4, stop);
  else
    sqlite3_bind_int64 (stmt, 5, room);

  if (!gil_store_step_done (store, stmt, error))
    return 0;
  if (sqlite3_changes (gil_store_get_db (store)) != 1)
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_IO,
                   "event %s names stop %" G_GINT64_FORMAT " that does not exist",
                   type, stop);
      return 0;
    }
  return sqlite3_last_insert_rowid (gil_store_get_db (store));
}

static gpointer
event_from_row (sqlite3_stmt *stmt)
{
  GilEvent *event = g_new0 (GilEvent, 1);

  event->seq = sqlite3_column_int64 (stmt, 0);
  event->type = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  event->at = sqlite3_column_int64 (stmt, 2);
  event->room = sqlite3_column_int64 (stmt, 3);
  event->visit = sqlite3_column_int64 (stmt, 4);
  event->stop = sqlite3_column_int64 (stmt, 5);
  event->station = sqlite3_column_int64 (stmt, 6);
  event->data = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
  return event;
}

static GPtrArray *
collect (GilStore      *store,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  return gil_store_collect_rows (store, stmt, event_from_row,
                                 (GDestroyNotify)gil_event_free, "reading events", error);
}

#define EVENT_COLUMNS "seq, type, at, room, visit, stop, station, data"

/**
 * gil_events_since:
 * @seq: the last sequence number the caller has
 * @limit: the most to return
 *
 * Returns: (transfer full) (element-type GilEvent): events after @seq in order
 */
GPtrArray *
gil_events_since (GilStore  *store,
                  gint64     seq,
                  guint      limit,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store,
                            "SELECT " EVENT_COLUMNS " FROM events WHERE seq > ? "
                            "ORDER BY seq LIMIT ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, limit);
  return collect (store, stmt, error);
}

/**
 * gil_events_for_visit:
 *
 * Returns: (transfer full) (element-type GilEvent): the history of one visit
 */
GPtrArray *
gil_events_for_visit (GilStore  *store,
                      gint64     visit,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store,
                            "SELECT " EVENT_COLUMNS " FROM events WHERE visit = ? ORDER BY seq",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visit);
  return collect (store, stmt, error);
}

/* The one number @sql reads; 0 when it cannot be read. */
static gint64
read_seq (GilStore    *store,
          const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * gil_events_first_seq:
 *
 * Returns: the oldest seq still kept, or 0 when there is none; a client
 *   that has less than this minus one cannot be brought up to date by events
 */
gint64
gil_events_first_seq (GilStore *store)
{
  g_return_val_if_fail (GIL_IS_STORE (store), 0);

  return read_seq (store, "SELECT coalesce (min (seq), 0) FROM events");
}

/**
 * gil_events_window_start:
 *
 * Returns: the time events are kept from: the local midnight that began
 *   the day before the store's today
 */
gint64
gil_events_window_start (GilStore *store)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) start = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), 0);

  now = g_date_time_new_from_unix_local (gil_store_now (store));
  midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  start = g_date_time_add_days (midnight, -GIL_EVENTS_DAYS_KEPT + 1);
  return g_date_time_to_unix (start);
}

/**
 * gil_events_prune_bound:
 * @before: events from before this time go (gil_events_window_start())
 *
 * Returns: the last seq to prune, or 0 when there is none. Read once per
 *   pruning: on a long log it is one pass over the old events.
 */
gint64
gil_events_prune_bound (GilStore *store,
                        gint64    before)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), 0);

  /* The first event of the window, not the last one before it: a clock
   * put back leaves no kept event behind a pruned one. The last event
   * stays whatever its time. */
  stmt = gil_store_prepare (store,
                            "SELECT min (coalesce ((SELECT min (seq) FROM events WHERE at >= ?1),"
                            "                      (SELECT max (seq) FROM events)),"
                            "            (SELECT max (seq) FROM events)) - 1",
                            NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, before);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return MAX (sqlite3_column_int64 (stmt, 0), 0);
}

/**
 * gil_events_prune:
 * @through: the last seq to prune (gil_events_prune_bound())
 * @limit: the most events to prune in this call
 *
 * Removes up to @limit of the oldest events up to @through, in a write of
 * its own; a visit's events are kept in visit_history first.
 *
 * Returns: how many were removed (0 when none is left), or -1 with @error set
 */
gint64
gil_events_prune (GilStore  *store,
                  gint64     through,
                  guint      limit,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) keep = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  gint64 first, last;

  g_return_val_if_fail (GIL_IS_STORE (store), -1);
  g_return_val_if_fail (limit > 0, -1);

  first = gil_events_first_seq (store);
  if (first == 0 || first > through)
    return 0;
  last = MIN (through, first + limit - 1);
  last = MIN (last, gil_events_last_seq (store) - 1);
  if (last < first)
    return 0;

  if (!gil_store_begin (store, error))
    return -1;
  keep = gil_store_prepare (store,
                            "INSERT OR IGNORE INTO visit_history"
                            " (seq, type, at, room, visit, stop, station, ticket, status, calls, detail)"
                            " SELECT seq, type, at, room, visit, stop, station,"
                            "  json_extract (data, '$.ticket'), json_extract (data, '$.status'),"
                            "  coalesce (json_extract (data, '$.calls'), 0), detail"
                            " FROM events WHERE seq <= ?1 AND visit IS NOT NULL",
                            error);
  drop = keep != NULL ? gil_store_prepare (store, "DELETE FROM events WHERE seq <= ?1", error) : NULL;
  if (drop != NULL)
    {
      sqlite3_bind_int64 (keep, 1, last);
      sqlite3_bind_int64 (drop, 1, last);
    }
  if (drop == NULL ||
      !gil_store_step_done (store, keep, error) ||
      !gil_store_step_done (store, drop, error) ||
      !gil_store_commit (store, error))
    {
      gil_store_abort (store);
      return -1;
    }
  return last - first + 1;
}

gint64
gil_events_last_seq (GilStore *store)
{
  g_return_val_if_fail (GIL_IS_STORE (store), 0);

  return read_seq (store, "SELECT coalesce (max (seq), 0) FROM events");
}

/**
 * gil_events_dup_log_id:
 *
 * The identity of this log: 16 hex digits, made when the database is
 * created or first opened by a Giliran that knows it, and made anew when
 * a backup is put back. A seq means something only together with it.
 *
 * Returns: (transfer full) (nullable): the id, or %NULL when the database
 *   has none (one opened below the first schema version)
 */
char *
gil_events_dup_log_id (GilStore *store)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return gil_store_dup_setting (store, GIL_EVENTS_LOG_KEY);
}

/**
 * gil_events_ensure_log_id:
 *
 * Gives the log an identity when it has none: a new database, or one
 * written before logs had one. Writes nothing when it has one.
 */
gboolean
gil_events_ensure_log_id (GilStore  *store,
                          GError   **error)
{
  g_autofree char *log = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);

  log = gil_events_dup_log_id (store);
  if (log != NULL)
    return TRUE;
  return gil_store_exec (store, GIL_EVENTS_NEW_LOG_SQL, error);
}
