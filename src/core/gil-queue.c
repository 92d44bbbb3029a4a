/* gil-queue.c — visits and their stops in room queues
 *
 * A visit is one arrival of one patient on one service day. Each place it
 * takes in a room's queue is a stop; a visit sent to the laboratory and back
 * has three stops under one ticket label. Every change is one write that
 * also appends its events, so the log and the state never disagree.
 *
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
 *      ▲                │  ▲recall                 │
 *      └──requeue── skipped ◀─skip─┘               │
 *   waiting, called, serving ──transfer──▶ transferred (+ a new waiting stop)
 *   waiting ──new day──▶ expired
 *   called, serving ──the day after the next──▶ expired
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-date.h"
#include "gil-events.h"
#include "gil-queue.h"
#include "gil-queue-private.h"
#include "gil-rooms.h"
#include "gil-triage.h"

G_DEFINE_QUARK (gil-queue-error-quark, gil_queue_error)

#define STATE(s) (1u << (s))
/* Whether a stop (of the table or alias @t, "" or "s.") is open, as the
 * index of open stops (stops_open_queue, schema 8) has it. A query that
 * names one status as a literal (status = 'waiting') may read that index
 * without more; one that names none needs this condition to. Three
 * comparisons, not IN: SQLite makes a table of its own for an IN list of
 * three, at each execution and for each change of a stop. */
#define OPEN_STOP(t) "(" t "status = 'waiting' OR " t "status = 'called' OR " t "status = 'serving')"
/* How long the reply to a write is kept for a repeat of its
 * Idempotency-Key: a station's retries take seconds, a user's own retry
 * after the network came back hours; a week is more than either. */
#define REPLY_DAYS 7

void
gil_stop_free (GilStop *stop)
{
  if (stop == NULL)
    return;
  g_free (stop->ticket);
  g_free (stop->patient_name);
  g_free (stop->priority_reason);
  g_free (stop->day);
  g_free (stop);
}

void
gil_visit_free (GilVisit *visit)
{
  if (visit == NULL)
    return;
  g_clear_pointer (&visit->patient, gil_patient_free);
  g_free (visit->day);
  g_free (visit->ticket);
  g_free (visit->purpose);
  g_strfreev (visit->signs);
  g_free (visit->payer);
  g_free (visit->cluster);
  g_free (visit->priority_reason);
  g_free (visit->rule);
  g_free (visit->reason);
  g_free (visit->cancel_reason);
  g_clear_pointer (&visit->stops, g_ptr_array_unref);
  g_free (visit);
}

void
gil_room_queue_clear (GilRoomQueue *queue)
{
  g_clear_pointer (&queue->called, g_ptr_array_unref);
  g_clear_pointer (&queue->serving, g_ptr_array_unref);
  g_clear_pointer (&queue->waiting, g_ptr_array_unref);
  g_clear_pointer (&queue->skipped, g_ptr_array_unref);
  g_clear_pointer (&queue->next_why, g_free);
}

#define STOP_SELECT \
  "SELECT s.id, s.visit, s.room, v.ticket, s.status, s.rank, s.calls, s.out_of_order," \
  " s.return_room, s.enqueued_at, s.called_at, s.started_at, s.finished_at, p.name," \
  " v.priority_reason, s.day, s.counter, f.room," \
  " (WITH RECURSIVE here (id, room, from_stop, enqueued_at) AS (" \
  "   SELECT s.id, s.room, s.from_stop, s.enqueued_at" \
  "   UNION ALL SELECT o.id, o.room, o.from_stop, o.enqueued_at FROM here h" \
  "   JOIN stops t ON t.id = h.from_stop AND t.return_room = h.room" \
  "   JOIN stops o ON o.id = t.from_stop)" \
  "  SELECT min (enqueued_at) FROM here)" \
  " FROM stops s JOIN visits v ON v.id = s.visit JOIN patients p ON p.id = v.patient" \
  " LEFT JOIN stops f ON f.id = s.from_stop AND f.return_room = s.room "

static GilStop *
stop_from_row (sqlite3_stmt *stmt)
{
  GilStop *stop = g_new0 (GilStop, 1);

  stop->id = sqlite3_column_int64 (stmt, 0);
  stop->visit = sqlite3_column_int64 (stmt, 1);
  stop->room = sqlite3_column_int64 (stmt, 2);
  stop->ticket = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  if (!gil_stop_status_from_string ((const char *)sqlite3_column_text (stmt, 4), &stop->status))
    g_warn_if_reached ();
  stop->priority = CLAMP (sqlite3_column_int (stmt, 5), GIL_PRIORITY_EMERGENCY, GIL_PRIORITY_NORMAL);
  stop->calls = sqlite3_column_int (stmt, 6);
  stop->out_of_order = sqlite3_column_int (stmt, 7) != 0;
  stop->return_room = sqlite3_column_int64 (stmt, 8);
  stop->enqueued_at = sqlite3_column_int64 (stmt, 9);
  stop->called_at = sqlite3_column_int64 (stmt, 10);
  stop->started_at = sqlite3_column_int64 (stmt, 11);
  stop->finished_at = sqlite3_column_int64 (stmt, 12);
  stop->patient_name = g_strdup ((const char *)sqlite3_column_text (stmt, 13));
  stop->priority_reason = g_strdup ((const char *)sqlite3_column_text (stmt, 14));
  stop->day = g_strdup ((const char *)sqlite3_column_text (stmt, 15));
  stop->counter = sqlite3_column_int (stmt, 16);
  /* A patient back from the laboratory keeps the wait they had: the stop
   * they came back from (f) was made from their stop here before, which
   * may itself be a return from an earlier trip (here, going back). */
  stop->back_from = sqlite3_column_int64 (stmt, 17);
  stop->waiting_since = sqlite3_column_int64 (stmt, 18);
  return stop;
}

static GPtrArray *
collect_stops (GilStore      *store,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_stop_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (stops, stop_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading a queue");
      return NULL;
    }
  return g_steal_pointer (&stops);
}

/* What deciding a room's call order needs: how many wait at each rank,
 * and the room's policy and streak. */
typedef struct
{
  guint    waiting[3];   /* by rank: emergency, priority, normal */
  gboolean strict;
  int      every;
  int      streak;       /* priority patients called in a row */
} QueueShape;

/* The room's policy and streak; no one counted yet. */
static gboolean
read_policy (GilStore    *store,
             gint64       room,
             QueueShape  *shape,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) room_stmt = NULL;
  int rc;

  room_stmt = gil_store_prepare (store,
                                 "SELECT priority_policy = 'strict', interleave_every, streak"
                                 " FROM rooms WHERE id = ?",
                                 error);
  if (room_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (room_stmt, 1, room);
  rc = sqlite3_step (room_stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (store, error, rc, "reading a room");
      else
        g_set_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                     _("There is no room %lld"), (long long)room);
      return FALSE;
    }
  memset (shape, 0, sizeof *shape);
  shape->strict = sqlite3_column_int (room_stmt, 0) != 0;
  shape->every = MAX (1, sqlite3_column_int (room_stmt, 1));
  shape->streak = sqlite3_column_int (room_stmt, 2);
  return TRUE;
}

/* The policy and the waiting counts, which triggers on stops keep
 * (gil-schema.c). */
static gboolean
read_shape (GilStore    *store,
            gint64       room,
            QueueShape  *shape,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) count_stmt = NULL;
  int rc;

  if (!read_policy (store, room, shape, error))
    return FALSE;
  count_stmt = gil_store_prepare (store,
                                  "SELECT rank, waiting FROM queue_counts WHERE room = ?1",
                                  error);
  if (count_stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (count_stmt, 1, room);
  while ((rc = sqlite3_step (count_stmt)) == SQLITE_ROW)
    {
      int rank = sqlite3_column_int (count_stmt, 0);

      if (rank >= GIL_PRIORITY_EMERGENCY && rank <= GIL_PRIORITY_NORMAL)
        shape->waiting[rank] = MAX (0, sqlite3_column_int (count_stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading a queue");
      return FALSE;
    }
  return TRUE;
}

static guint
shape_total (const QueueShape *shape)
{
  return shape->waiting[0] + shape->waiting[1] + shape->waiting[2];
}

/* The rank called next, the room's policy in one place: emergency first;
 * then priority, except that under interleaving the longest-waiting normal
 * patient goes next once interleave_every priority patients were called in
 * a row. Only for a queue with someone waiting. */
static guint
next_rank (const QueueShape *shape)
{
  if (shape->waiting[GIL_PRIORITY_EMERGENCY] > 0)
    return GIL_PRIORITY_EMERGENCY;
  if (shape->waiting[GIL_PRIORITY_PRIORITY] > 0 &&
      (shape->strict || shape->waiting[GIL_PRIORITY_NORMAL] == 0 || shape->streak < shape->every))
    return GIL_PRIORITY_PRIORITY;
  return GIL_PRIORITY_NORMAL;
}

/* The place in call order (from 1) of the waiting stop that has @ahead
 * stops of its own @rank before it, worked out from next_rank()'s rule
 * without going through the queue: emergencies first; under interleaving
 * the priority patients go in runs of interleave_every (the first run
 * shortened by the streak so far), a normal patient after each run. */
static guint
place_in_order (const QueueShape *shape,
                guint             rank,
                guint             ahead)
{
  guint emergency = shape->waiting[GIL_PRIORITY_EMERGENCY];
  guint priority = shape->waiting[GIL_PRIORITY_PRIORITY];
  guint normal = shape->waiting[GIL_PRIORITY_NORMAL];
  guint every = (guint)shape->every;
  guint first_run = shape->streak < shape->every ? (guint)(shape->every - shape->streak) : 0;

  if (rank == GIL_PRIORITY_EMERGENCY)
    return ahead + 1;
  if (shape->strict)
    return rank == GIL_PRIORITY_PRIORITY ? emergency + ahead + 1 : emergency + priority + ahead + 1;
  if (rank == GIL_PRIORITY_PRIORITY)
    {
      guint normals_before = ahead < first_run ? 0 : 1 + (ahead - first_run) / every;

      return emergency + ahead + MIN (normals_before, normal) + 1;
    }
  return emergency + ahead + (guint)MIN ((guint64)first_run + (guint64)ahead * every, (guint64)priority) + 1;
}

/* The reason a stop has priority, for a stop read without it. */
static char *
dup_priority_reason (GilStore *store,
                     gint64    stop)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store,
                                                    "SELECT v.priority_reason FROM stops s"
                                                    " JOIN visits v ON v.id = s.visit WHERE s.id = ?1",
                                                    NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, stop);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static GPtrArray *
select_stops (GilStore    *store,
              const char  *where,
              gint64       id,
              GError     **error)
{
  g_autofree char *sql = g_strconcat (STOP_SELECT, where, NULL);
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return collect_stops (store, stmt, error);
}

/* Why @first, of @rank, is the next to call in a queue of @shape. */
static char *
why_next (GilStore         *store,
          const QueueShape *shape,
          guint             rank,
          GilStop          *first)
{
  if (rank == GIL_PRIORITY_EMERGENCY)
    return g_strdup (_("Emergency: always first"));
  if (rank == GIL_PRIORITY_PRIORITY)
    {
      if (first->priority_reason == NULL)
        first->priority_reason = dup_priority_reason (store, first->id);
      return g_strdup_printf (_("Priority: %s"),
                              first->priority_reason != NULL ? first->priority_reason : "");
    }
  if (shape->waiting[GIL_PRIORITY_PRIORITY] > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Taking turns: %d priority patient was called before",
                                         "Taking turns: %d priority patients were called in a row",
                                         shape->streak),
                            shape->streak);
  return g_strdup (_("Next in order of arrival"));
}

/* The waiting stops of a room in the order they will be called, by
 * going through the queue with next_rank()'s rule. */
static GPtrArray *
order_waiting (GilStore  *store,
               gint64     room,
               char     **why,
               GError   **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  GPtrArray *by_rank[3];
  guint next[3] = { 0, 0, 0 };
  QueueShape shape;

  if (!read_policy (store, room, &shape, error))
    return NULL;
  stops = select_stops (store,
                        "WHERE s.room = ?1 AND s.status = 'waiting' "
                        "ORDER BY s.rank, s.queue_key, s.id",
                        room, error);
  if (stops == NULL)
    return NULL;

  for (guint r = 0; r < 3; r++)
    by_rank[r] = g_ptr_array_new ();
  for (guint i = 0; i < stops->len; i++)
    {
      GilStop *stop = g_ptr_array_index (stops, i);

      g_ptr_array_add (by_rank[stop->priority], stop);
      shape.waiting[stop->priority]++;
    }

  ordered = g_ptr_array_new_full (stops->len, (GDestroyNotify)gil_stop_free);
  while (ordered->len < stops->len)
    {
      guint rank = next_rank (&shape);
      GilStop *stop = g_ptr_array_index (by_rank[rank], next[rank]++);

      if (why != NULL && ordered->len == 0)
        *why = why_next (store, &shape, rank, stop);

      if (rank == GIL_PRIORITY_PRIORITY)
        shape.streak++;
      else if (rank == GIL_PRIORITY_NORMAL)
        shape.streak = 0;
      shape.waiting[rank]--;

      stop->position = ordered->len + 1;
      g_ptr_array_add (ordered, stop);
    }

  /* The stops moved to @ordered, which frees them. */
  g_ptr_array_set_free_func (stops, NULL);
  for (guint r = 0; r < 3; r++)
    g_ptr_array_unref (by_rank[r]);

  return g_steal_pointer (&ordered);
}

/* A waiting stop's place in its room's call order, 0 for one not waiting:
 * from the room's counts and those of its rank behind it (none for a stop
 * just registered), not by going through the queue. */
static int
position_of (GilStore *store,
             GilStop  *stop)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  QueueShape shape;
  guint rank;
  guint behind;

  if (stop->status != GIL_STOP_WAITING)
    return 0;
  stmt = gil_store_prepare (store,
                            "SELECT s.rank,"
                            " (SELECT count (*) FROM stops o WHERE o.room = s.room AND o.status = 'waiting'"
                            "  AND o.rank = s.rank AND o.queue_key > s.queue_key)"
                            " + (SELECT count (*) FROM stops o WHERE o.room = s.room AND o.status = 'waiting'"
                            "  AND o.rank = s.rank AND o.queue_key = s.queue_key AND o.id > s.id)"
                            " FROM stops s WHERE s.id = ?1 AND s.status = 'waiting'",
                            NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, stop->id);
  if (sqlite3_step (stmt) != SQLITE_ROW || !read_shape (store, stop->room, &shape, NULL))
    return 0;
  rank = CLAMP (sqlite3_column_int (stmt, 0), GIL_PRIORITY_EMERGENCY, GIL_PRIORITY_NORMAL);
  behind = sqlite3_column_int (stmt, 1);
  if (behind >= shape.waiting[rank])
    return 0;
  return place_in_order (&shape, rank, shape.waiting[rank] - 1 - behind);
}

/* The first waiting stop of @rank in @room: id and rank only; %NULL with
 * @error unset when none waits at that rank. */
static GilStop *
first_waiting (GilStore  *store,
               gint64     room,
               guint      rank,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GilStop *stop;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT id FROM stops"
                            " WHERE room = ?1 AND status = 'waiting' AND rank = ?2"
                            " ORDER BY queue_key, id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, room);
  sqlite3_bind_int (stmt, 2, rank);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      gil_store_set_error (store, error, rc, "reading a queue");
      return NULL;
    }
  stop = g_new0 (GilStop, 1);
  stop->id = sqlite3_column_int64 (stmt, 0);
  stop->room = room;
  stop->status = GIL_STOP_WAITING;
  stop->priority = rank;
  return stop;
}

GilStop *
gil_queue_get_stop (GilStore  *store,
                    gint64     stop,
                    GError   **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  GilStop *found;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stops = select_stops (store, "WHERE s.id = ?1", stop, error);
  if (stops == NULL)
    return NULL;
  if (stops->len == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                   _("There is no stop %lld"), (long long)stop);
      return NULL;
    }
  found = g_ptr_array_steal_index (stops, 0);
  found->position = position_of (store, found);
  return found;
}

/* Today's totals of @room: how many were called, how many finished, and
 * the median of the waits from arrival to first call. */
static gboolean
count_today (GilStore      *store,
             gint64         room,
             GilRoomQueue  *queue,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = gil_store_dup_today (store);
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT called_at - enqueued_at, status = 'done' FROM stops"
                            " WHERE room = ? AND day = ? AND called_at IS NOT NULL"
                            " ORDER BY 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, room);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 wait = MAX (sqlite3_column_int64 (stmt, 0), 0);

      g_array_append_val (waits, wait);
      queue->done += sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "counting today's calls");
      return FALSE;
    }

  queue->seen = waits->len;
  if (waits->len == 0)
    queue->median_wait = -1;
  else if (waits->len % 2 == 1)
    queue->median_wait = g_array_index (waits, gint64, waits->len / 2);
  else
    queue->median_wait = (g_array_index (waits, gint64, waits->len / 2 - 1) +
                          g_array_index (waits, gint64, waits->len / 2)) / 2;
  return TRUE;
}

/**
 * gil_queue_list_room:
 * @queue: (out caller-allocates): cleared with gil_room_queue_clear()
 *
 * Lists a room's called, serving and waiting stops; the waiting ones in call
 * order, with the reason the first is next; today's skipped stops; and
 * today's totals.
 */
gboolean
gil_queue_list_room (GilStore      *store,
                     gint64         room,
                     GilRoomQueue  *queue,
                     GError       **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (queue != NULL, FALSE);

  memset (queue, 0, sizeof *queue);
  queue->waiting = order_waiting (store, room, &queue->next_why, error);
  if (queue->waiting != NULL)
    queue->called = select_stops (store,
                                  "WHERE s.room = ?1 AND s.status = 'called' ORDER BY s.called_at, s.id",
                                  room, error);
  if (queue->called != NULL)
    queue->serving = select_stops (store,
                                   "WHERE s.room = ?1 AND s.status = 'serving' ORDER BY s.started_at, s.id",
                                   room, error);
  if (queue->serving != NULL)
    {
      g_autofree char *today = gil_store_dup_today (store);
      g_autofree char *where = g_strdup_printf ("WHERE s.room = ?1 AND s.status = 'skipped'"
                                                " AND s.day = '%s' ORDER BY s.called_at DESC, s.id DESC",
                                                today);

      queue->skipped = select_stops (store, where, room, error);
    }
  if (queue->skipped == NULL || !count_today (store, room, queue, error))
    {
      gil_room_queue_clear (queue);
      return FALSE;
    }
  return TRUE;
}

/* A new place at the end of every queue, for arrivals and requeues. */
static gint64
next_queue_key (GilStore  *store,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "INSERT INTO counters (name, value) VALUES ('queue_key', 1)"
                            " ON CONFLICT (name) DO UPDATE SET value = value + 1"
                            " RETURNING value",
                            error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gil_store_set_error (store, error, sqlite3_errcode (gil_store_get_db (store)),
                           "placing a patient in a queue");
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

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
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *yesterday = dup_day_before (today);
  int rc;

  /* Through the index of open stops, not the one of days: every day
   * before today is all the history. */
  select = gil_store_prepare (store,
                              "SELECT id FROM stops INDEXED BY stops_open_queue"
                              " WHERE " OPEN_STOP ("") " AND day < ?1"
                              " AND (status = 'waiting' OR day < ?2) ORDER BY id",
                              error);
  update = gil_store_prepare (store, "UPDATE stops SET status = 'expired' WHERE id = ?", error);
  if (select == NULL || update == NULL)
    return FALSE;

  sqlite3_bind_text (select, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (select, 2, yesterday, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "closing the previous day");
      return FALSE;
    }

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
static gboolean
recount_queues (GilStore  *store,
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

/* Best effort, in a savepoint of its own: a day must start even when the
 * old replies could not be removed; the next day tries again. */
static void
forget_old_replies (GilStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!gil_store_begin (store, &error))
    {
      g_warning ("Old replies to writes were not removed: %s", error->message);
      return;
    }
  if (gil_store_forget_replies (store, gil_store_now (store) - REPLY_DAYS * 24 * 3600, &error) &&
      gil_store_commit (store, &error))
    return;
  g_warning ("Old replies to writes were not removed: %s", error->message);
  gil_store_rollback (store);
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
        recount_queues (store, error) &&
        forget_old_tickets (store, today, error) &&
        gil_store_exec (store, "UPDATE rooms SET streak = 0", error) &&
        gil_store_set_setting (store, "service_day", today, error) &&
        gil_events_append (store, "day.started", 0, 0, error) != 0);
  gil_store_set_station (store, station);
  if (!ok)
    {
      gil_store_rollback (store);
      return FALSE;
    }

  forget_old_replies (store);
  if (!gil_store_commit (store, error))
    {
      if (gil_store_in_transaction (store))
        gil_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
patient_has_open_visit (GilStore    *store,
                        gint64       patient,
                        const char  *day,
                        gboolean    *open,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "SELECT EXISTS (SELECT 1 FROM visits v JOIN stops s ON s.visit = v.id"
                            " WHERE v.patient = ? AND v.day = ? AND " OPEN_STOP ("s.") ")",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gil_store_set_error (store, error, sqlite3_errcode (gil_store_get_db (store)),
                           "checking the patient's visits");
      return FALSE;
    }
  *open = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* Ticket numbers restart each service day, per room prefix. */
static char *
allocate_ticket (GilStore    *store,
                 const char  *day,
                 const char  *prefix,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "INSERT INTO counters (name, value) VALUES ('ticket ' || ? || ' ' || ?, 1)"
                            " ON CONFLICT (name) DO UPDATE SET value = value + 1"
                            " RETURNING value",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, prefix, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      gil_store_set_error (store, error, sqlite3_errcode (gil_store_get_db (store)),
                           "numbering a ticket");
      return NULL;
    }
  return g_strdup_printf ("%s-%03d", prefix, sqlite3_column_int (stmt, 0));
}

static gint64
insert_stop (GilStore     *store,
             gint64        visit,
             gint64        room,
             GilPriority   priority,
             gint64        queue_key,
             gint64        from_stop,
             gint64        return_room,
             gint64        return_key,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = gil_store_dup_today (store);

  stmt = gil_store_prepare (store,
                            "INSERT INTO stops (visit, room, day, status, rank, queue_key,"
                            " enqueued_at, from_stop, return_room, return_key) "
                            "VALUES (?, ?, ?, 'waiting', ?, ?, ?, nullif (?, 0), nullif (?, 0), ?)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, visit);
  sqlite3_bind_int64 (stmt, 2, room);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, priority);
  sqlite3_bind_int64 (stmt, 5, queue_key);
  sqlite3_bind_int64 (stmt, 6, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 7, from_stop);
  sqlite3_bind_int64 (stmt, 8, return_room);
  if (return_room != 0)
    sqlite3_bind_int64 (stmt, 9, return_key);
  else
    sqlite3_bind_null (stmt, 9);
  if (!gil_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (gil_store_get_db (store));
}

static GilRoom *
get_active_room (GilStore  *store,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GilRoom) room = NULL;
  int rc;

  /* Only what a registration or a transfer needs of the room: its whole
   * record (gil_rooms_get()) counts its queue and gathers its tags. */
  stmt = gil_store_prepare (store, "SELECT code, name, cluster, prefix, active FROM rooms WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (store, error, rc, "reading a room");
      else
        g_set_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                     _("There is no room %lld"), (long long)id);
      return NULL;
    }
  room = gil_room_new ();
  room->id = id;
  room->code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  room->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  room->cluster = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  room->prefix = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  room->active = sqlite3_column_int (stmt, 4) != 0;
  if (!room->active)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_ROOM_INACTIVE,
                   _("%s is not active"), room->name);
      return NULL;
    }
  return g_steal_pointer (&room);
}

static gint64
insert_visit (GilStore               *store,
              const GilVisitRequest  *request,
              const GilPatient       *patient,
              const GilTriageResult  *triage,
              const GilRoom          *room,
              const char             *day,
              const char             *ticket,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *signs = NULL;

  signs = request->signs != NULL ? g_strjoinv (",", (GStrv)request->signs) : g_strdup ("");
  stmt = gil_store_prepare (store,
                            "INSERT INTO visits (patient, day, ticket, purpose, signs, pregnant,"
                            " payer, new_patient, cluster, priority, priority_reason, age_months,"
                            " sex, suggested_room, room, overridden, rule, reason, registered_at,"
                            " station) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                            " NOT EXISTS (SELECT 1 FROM visits WHERE patient = ?1),"
                            " ?8, ?9, ?10, ?11, ?12, nullif (?13, 0), ?14, ?15, ?16, ?17, ?18, ?19)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, patient->id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ticket, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, request->purpose, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, signs, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, request->pregnant);
  sqlite3_bind_text (stmt, 7, request->payer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, triage->cluster, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, gil_priority_to_string (triage->priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, triage->priority_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, triage->age_months);
  sqlite3_bind_text (stmt, 12, patient->sex, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, triage->room);
  sqlite3_bind_int64 (stmt, 14, room->id);
  sqlite3_bind_int (stmt, 15, room->id != triage->room);
  if (triage->rule != NULL)
    sqlite3_bind_text (stmt, 16, triage->rule, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 16);
  sqlite3_bind_text (stmt, 17, triage->reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 18, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 19, gil_store_get_station (store));
  if (!gil_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (gil_store_get_db (store));
}

static GilVisit *read_visit (GilStore    *store,
                             gint64       id,
                             GilPatient  *patient,
                             GError     **error);

/* Pregnancy care for a man or a woman outside 10–55 years is refused
 * unless the desk confirmed it: never registered silently. */
static gboolean
check_plausible (const GilPatient       *patient,
                 const GilVisitRequest  *request,
                 const char             *day,
                 GError                **error)
{
  g_autofree char *warning = NULL;

  if (request->confirmed)
    return TRUE;
  warning = gil_patients_check_pregnancy (patient, request->purpose, request->pregnant, day);
  if (warning == NULL)
    return TRUE;
  g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_IMPLAUSIBLE,
               _("%s. Check the data, or confirm to register anyway."), warning);
  return FALSE;
}

/**
 * gil_queue_register:
 *
 * Registers a visit: triage, the room (the suggestion unless @request->room
 * overrides it), a ticket number and the first waiting stop, in one write.
 *
 * Returns: (transfer full): the new visit
 */
GilVisit *
gil_queue_register (GilStore               *store,
                    const GilVisitRequest  *request,
                    GError                **error)
{
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GilRoom) room = NULL;
  g_autofree char *day = NULL;
  g_autofree char *ticket = NULL;
  GilTriageResult triage = { 0 };
  GilTriageInput input = { 0 };
  gboolean open = FALSE;
  gint64 visit = 0;
  gint64 stop;
  gint64 key;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!gil_terms_is_payer (request->payer))
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_PAYER,
                   _("“%s” is not a payer; use bpjs, umum or other"),
                   request->payer != NULL ? request->payer : "");
      return NULL;
    }

  if (!gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;

  day = gil_store_dup_today (store);
  patient = gil_patients_get (store, request->patient, error);
  if (patient == NULL)
    goto fail;

  if (!check_plausible (patient, request, day, error))
    goto fail;

  input.birth_date = patient->birth_date;
  input.sex = patient->sex;
  input.purpose = request->purpose;
  input.signs = request->signs;
  input.pregnant = request->pregnant;
  if (!gil_triage_evaluate (store, &input, day, &triage, error))
    goto fail;

  if (!patient_has_open_visit (store, patient->id, day, &open, error))
    goto fail;
  if (open)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_ALREADY_QUEUED,
                   _("%s (No. RM %s) is already in a queue today"),
                   patient->name, patient->rm);
      goto fail;
    }

  if (request->room == 0 && triage.room == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NO_ROOM,
                   _("No room was suggested for this visit; choose a room"));
      goto fail;
    }
  room = get_active_room (store, request->room != 0 ? request->room : triage.room, error);
  if (room == NULL)
    goto fail;

  ticket = allocate_ticket (store, day, room->prefix, error);
  if (ticket == NULL)
    goto fail;
  visit = insert_visit (store, request, patient, &triage, room, day, ticket, error);
  if (visit == 0)
    goto fail;
  key = next_queue_key (store, error);
  if (key == 0)
    goto fail;
  stop = insert_stop (store, visit, room->id, triage.priority, key, 0, 0, 0, error);
  if (stop == 0 ||
      gil_events_append (store, "visit.registered", 0, stop, error) == 0 ||
      gil_events_append (store, "stop.enqueued", 0, stop, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;

  gil_triage_result_clear (&triage);
  return read_visit (store, visit, g_steal_pointer (&patient), error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  gil_triage_result_clear (&triage);
  return NULL;
}

/* @patient: (transfer full) (nullable): the visit's patient when the
 * caller has just read it in the same write, so as not to read it again */
static GilVisit *
read_visit (GilStore    *store,
            gint64       id,
            GilPatient  *patient,
            GError     **error)
{
  g_autoptr(GilPatient) known = patient;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GilVisit) visit = NULL;
  const char *signs;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT id, patient, day, ticket, purpose, signs, pregnant, payer,"
                            " new_patient, cluster, priority, priority_reason, age_months,"
                            " suggested_room, room, overridden, rule, reason, registered_at,"
                            " coalesce (cancelled_at, 0), cancel_reason"
                            " FROM visits WHERE id = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (store, error, rc, "reading a visit");
      else
        g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                     _("There is no visit %lld"), (long long)id);
      return NULL;
    }

  visit = g_new0 (GilVisit, 1);
  visit->id = sqlite3_column_int64 (stmt, 0);
  visit->day = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  visit->ticket = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  visit->purpose = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  signs = (const char *)sqlite3_column_text (stmt, 5);
  visit->signs = *signs != '\0' ? g_strsplit (signs, ",", -1) : g_new0 (char *, 1);
  visit->pregnant = sqlite3_column_int (stmt, 6) != 0;
  visit->payer = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
  visit->new_patient = sqlite3_column_int (stmt, 8) != 0;
  visit->cluster = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
  if (!gil_priority_from_string ((const char *)sqlite3_column_text (stmt, 10), &visit->priority))
    visit->priority = GIL_PRIORITY_NORMAL;
  visit->priority_reason = g_strdup ((const char *)sqlite3_column_text (stmt, 11));
  visit->age_months = sqlite3_column_int (stmt, 12);
  visit->suggested_room = sqlite3_column_int64 (stmt, 13);
  visit->room = sqlite3_column_int64 (stmt, 14);
  visit->overridden = sqlite3_column_int (stmt, 15) != 0;
  visit->rule = g_strdup ((const char *)sqlite3_column_text (stmt, 16));
  visit->reason = g_strdup ((const char *)sqlite3_column_text (stmt, 17));
  visit->registered_at = sqlite3_column_int64 (stmt, 18);
  visit->cancelled_at = sqlite3_column_int64 (stmt, 19);
  visit->cancel_reason = g_strdup ((const char *)sqlite3_column_text (stmt, 20));

  if (known != NULL && known->id == sqlite3_column_int64 (stmt, 1))
    visit->patient = g_steal_pointer (&known);
  else
    visit->patient = gil_patients_get (store, sqlite3_column_int64 (stmt, 1), error);
  if (visit->patient == NULL)
    return NULL;
  visit->stops = select_stops (store, "WHERE s.visit = ?1 ORDER BY s.id", visit->id, error);
  if (visit->stops == NULL)
    return NULL;
  for (guint i = 0; i < visit->stops->len; i++)
    {
      GilStop *stop = g_ptr_array_index (visit->stops, i);

      stop->position = position_of (store, stop);
    }
  return g_steal_pointer (&visit);
}

GilVisit *
gil_queue_get_visit (GilStore  *store,
                     gint64     id,
                     GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return read_visit (store, id, NULL, error);
}

static const char *
action_label (const char *event)
{
  static const struct { const char *event; const char *label; } actions[] = {
    { "stop.called", N_("Call") },
    { "stop.recalled", N_("Call again") },
    { "stop.started", N_("Start service") },
    { "stop.finished", N_("Finish") },
    { "stop.skipped", N_("Skip (no-show)") },
    { "stop.requeued", N_("Put back in queue") },
    { "stop.transferred", N_("Send to…") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].event, event))
      return _(actions[i].label);
  return event;
}

/* Loads a stop for a change and refuses the change unless the stop is in one
 * of the @allowed states, and of today or still called or in service from
 * the day before (expire_open_stops()). */
static GilStop *
load_for_change (GilStore    *store,
                 gint64       id,
                 guint        allowed,
                 const char  *event,
                 GError     **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GilStop) stop = NULL;
  g_autofree char *today = gil_store_dup_today (store);
  gboolean held_over;

  stops = select_stops (store, "WHERE s.id = ?1", id, error);
  if (stops == NULL)
    return NULL;
  if (stops->len == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                   _("There is no stop %lld"), (long long)id);
      return NULL;
    }
  stop = g_ptr_array_steal_index (stops, 0);

  held_over = stop->status == GIL_STOP_CALLED || stop->status == GIL_STOP_SERVING;
  if (!(allowed & STATE (stop->status)) || (g_strcmp0 (stop->day, today) != 0 && !held_over))
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is %s now, so “%s” is not possible"),
                   stop->ticket, gil_stop_status_label (stop->status), action_label (event));
      return NULL;
    }
  return g_steal_pointer (&stop);
}

static gboolean
update_stop (GilStore    *store,
             gint64       id,
             const char  *assignments,
             gint64       value,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE stops SET %s WHERE id = ?2", assignments);
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, id);
  return gil_store_step_done (store, stmt, error);
}

/* Runs @change on a stop inside one write and returns the stop afterwards.
 * @assignments may use ?1 (@value) — the time now unless stated. */
static GilStop *
change_stop (GilStore    *store,
             gint64       id,
             guint        allowed,
             const char  *assignments,
             gint64       value,
             const char  *event,
             GError     **error)
{
  g_autoptr(GilStop) stop = NULL;

  if (!gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;
  stop = load_for_change (store, id, allowed, event, error);
  if (stop == NULL ||
      !update_stop (store, id, assignments, value, error) ||
      gil_events_append (store, event, 0, id, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, id, error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  return NULL;
}

/* Records which counter of the room made the call; 0 for none. */
static gboolean
set_counter (GilStore  *store,
             gint64     id,
             int        counter,
             GError   **error)
{
  return update_stop (store, id, "counter = nullif (?1, 0)", counter, error);
}

/* Marks @stop called inside the current write; the caller commits. */
static gboolean
call_stop (GilStore  *store,
           GilStop   *stop,
           gboolean   out_of_order,
           int        counter,
           GError   **error)
{
  g_autoptr(sqlite3_stmt) streak = NULL;

  if (!set_counter (store, stop->id, counter, error) ||
      !update_stop (store, stop->id,
                    out_of_order
                    ? "status = 'called', called_at = coalesce (called_at, ?1),"
                      " calls = calls + 1, out_of_order = 1"
                    : "status = 'called', called_at = coalesce (called_at, ?1),"
                      " calls = calls + 1",
                    gil_store_now (store), error))
    return FALSE;

  streak = gil_store_prepare (store,
                              "UPDATE rooms SET streak = CASE ?1 WHEN 1 THEN streak + 1"
                              " WHEN 2 THEN 0 ELSE streak END WHERE id = ?2",
                              error);
  if (streak == NULL)
    return FALSE;
  sqlite3_bind_int (streak, 1, stop->priority);
  sqlite3_bind_int64 (streak, 2, stop->room);
  /* The stop keeps out_of_order once set; the audit trail says which call. */
  return gil_store_step_done (store, streak, error) &&
         gil_events_append_detail (store, "stop.called", 0, stop->id,
                                   out_of_order ? "{\"out_of_order\":true}" : NULL,
                                   error) != 0;
}

/**
 * gil_queue_call_next:
 * @why: (out) (optional) (transfer full): why this patient is next
 *
 * Calls the first waiting patient of @room in call order.
 *
 * Returns: (transfer full): the called stop
 */
GilStop *
gil_queue_call_next (GilStore  *store,
                     gint64     room,
                     char     **why,
                     GError   **error)
{
  return gil_queue_call_next_at (store, room, 0, why, error);
}

static gboolean
check_counter (int      counter,
               GError **error)
{
  if (counter >= 0 && counter <= GIL_QUEUE_COUNTER_MAX)
    return TRUE;
  g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_COUNTER,
               _("A counter number is 1 to %d"), GIL_QUEUE_COUNTER_MAX);
  return FALSE;
}

/**
 * gil_queue_call_next_at:
 * @counter: the counter (meja) of the room calling, 1 to
 *   %GIL_QUEUE_COUNTER_MAX; 0 when the room has one
 *
 * Like gil_queue_call_next(), from a counter of the room.
 */
GilStop *
gil_queue_call_next_at (GilStore  *store,
                        gint64     room,
                        int        counter,
                        char     **why,
                        GError   **error)
{
  g_autoptr(GilStop) first = NULL;
  g_autofree char *reason = NULL;
  QueueShape shape;
  guint rank;
  gint64 id;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!check_counter (counter, error) || !gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;
  for (guint tries = 0;; tries++)
    {
      g_autoptr(GError) local = NULL;

      if (!read_shape (store, room, &shape, error))
        goto fail;
      if (shape_total (&shape) == 0)
        {
          g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY,
                               _("Nobody is waiting for this room"));
          goto fail;
        }
      rank = next_rank (&shape);
      first = first_waiting (store, room, rank, &local);
      if (first != NULL)
        break;
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto fail;
        }
      /* The counts said someone waits at that rank, and nobody does: they
       * are counted again from the stops, once. */
      if (tries > 0)
        {
          g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY,
                               _("Nobody is waiting for this room"));
          goto fail;
        }
      g_warning ("The waiting counts of room %" G_GINT64_FORMAT " were wrong; counting again", room);
      if (!recount_queues (store, error))
        goto fail;
    }
  reason = why_next (store, &shape, rank, first);

  id = first->id;
  if (!call_stop (store, first, FALSE, counter, error) ||
      !gil_store_commit (store, error))
    goto fail;
  if (why != NULL)
    *why = g_steal_pointer (&reason);
  return gil_queue_get_stop (store, id, error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  return NULL;
}

/**
 * gil_queue_call:
 * @why: (out) (optional) (transfer full): says the call was out of turn
 *
 * Calls a waiting patient ahead of the queue's order; recorded as such.
 */
GilStop *
gil_queue_call (GilStore  *store,
                gint64     id,
                char     **why,
                GError   **error)
{
  return gil_queue_call_at (store, id, 0, why, error);
}

/**
 * gil_queue_call_at:
 * @counter: as for gil_queue_call_next_at()
 *
 * Like gil_queue_call(), from a counter of the room.
 */
GilStop *
gil_queue_call_at (GilStore  *store,
                   gint64     id,
                   int        counter,
                   char     **why,
                   GError   **error)
{
  g_autoptr(GilStop) stop = NULL;
  gboolean in_turn;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!check_counter (counter, error) || !gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;
  stop = load_for_change (store, id, STATE (GIL_STOP_WAITING), "stop.called", error);
  if (stop == NULL)
    goto fail;
  in_turn = position_of (store, stop) == 1;
  if (!call_stop (store, stop, !in_turn, counter, error) || !gil_store_commit (store, error))
    goto fail;
  if (why != NULL)
    *why = in_turn ? g_strdup (_("Next in the queue's order"))
                   : g_strdup (_("Called out of turn by the room"));
  return gil_queue_get_stop (store, id, error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  return NULL;
}

GilStop *
gil_queue_recall (GilStore  *store,
                  gint64     stop,
                  GError   **error)
{
  return gil_queue_recall_at (store, stop, 0, error);
}

/**
 * gil_queue_recall_at:
 * @counter: the counter calling again; 0 keeps the one that called
 *
 * Calls a called patient again, from a counter of the room.
 */
GilStop *
gil_queue_recall_at (GilStore  *store,
                     gint64     stop,
                     int        counter,
                     GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!check_counter (counter, error))
    return NULL;
  return change_stop (store, stop, STATE (GIL_STOP_CALLED),
                      "calls = calls + 1, counter = coalesce (nullif (?1, 0), counter)",
                      counter, "stop.recalled", error);
}

GilStop *
gil_queue_start (GilStore  *store,
                 gint64     stop,
                 GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return change_stop (store, stop, STATE (GIL_STOP_CALLED),
                      "status = 'serving', started_at = ?1",
                      gil_store_now (store), "stop.started", error);
}

GilStop *
gil_queue_skip (GilStore  *store,
                gint64     stop,
                GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return change_stop (store, stop, STATE (GIL_STOP_CALLED),
                      "status = 'skipped'", 0, "stop.skipped", error);
}

/**
 * gil_queue_requeue:
 *
 * Puts a skipped patient back at the end of their priority class.
 */
GilStop *
gil_queue_requeue (GilStore  *store,
                   gint64     stop,
                   GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  GilStop *requeued;
  gint64 key;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  /* The new place is taken inside the same write as the change. */
  if (!gil_store_begin (store, error))
    return NULL;
  key = next_queue_key (store, error);
  if (key == 0)
    {
      gil_store_rollback (store);
      return NULL;
    }
  requeued = change_stop (store, stop, STATE (GIL_STOP_SKIPPED),
                          "status = 'waiting', queue_key = ?1", key,
                          "stop.requeued", &local_error);
  if (requeued == NULL)
    {
      gil_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!gil_store_commit (store, error))
    {
      if (gil_store_in_transaction (store))
        gil_store_rollback (store);
      gil_stop_free (requeued);
      return NULL;
    }
  return requeued;
}

/**
 * gil_queue_finish:
 *
 * Ends the service. A stop that came with a return puts the visit back in
 * the room it came from, at the place it had there.
 */
GilStop *
gil_queue_finish (GilStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(sqlite3_stmt) back = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;
  stop = load_for_change (store, id, STATE (GIL_STOP_SERVING), "stop.finished", error);
  if (stop == NULL ||
      !update_stop (store, id, "status = 'done', finished_at = ?1", gil_store_now (store), error) ||
      gil_events_append (store, "stop.finished", 0, id, error) == 0)
    goto fail;

  if (stop->return_room != 0)
    {
      gint64 returned;

      back = gil_store_prepare (store, "SELECT return_key FROM stops WHERE id = ?", error);
      if (back == NULL)
        goto fail;
      sqlite3_bind_int64 (back, 1, id);
      if (sqlite3_step (back) != SQLITE_ROW)
        {
          gil_store_set_error (store, error, sqlite3_errcode (gil_store_get_db (store)),
                               "reading a return place");
          goto fail;
        }
      returned = insert_stop (store, stop->visit, stop->return_room, stop->priority,
                              sqlite3_column_int64 (back, 0), id, 0, 0, error);
      if (returned == 0 || gil_events_append (store, "stop.enqueued", 0, returned, error) == 0)
        goto fail;
    }

  if (!gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, id, error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  return NULL;
}

/**
 * gil_queue_transfer:
 * @room: the room the patient goes on to
 * @return_after: whether finishing there brings the patient back here, at
 *   the place they had
 *
 * Returns: (transfer full): the new waiting stop in @room
 */
GilStop *
gil_queue_transfer (GilStore  *store,
                    gint64     id,
                    gint64     room,
                    gboolean   return_after,
                    GError   **error)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GilRoom) target = NULL;
  g_autoptr(sqlite3_stmt) key_stmt = NULL;
  gint64 key;
  gint64 created;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!gil_store_begin (store, error))
    return NULL;
  if (!gil_queue_ensure_day (store, error))
    goto fail;
  stop = load_for_change (store, id,
                          STATE (GIL_STOP_WAITING) | STATE (GIL_STOP_CALLED) | STATE (GIL_STOP_SERVING),
                          "stop.transferred", error);
  if (stop == NULL)
    goto fail;
  target = get_active_room (store, room, error);
  if (target == NULL)
    goto fail;
  if (target->id == stop->room)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is already in %s"), stop->ticket, target->name);
      goto fail;
    }

  key_stmt = gil_store_prepare (store, "SELECT queue_key FROM stops WHERE id = ?", error);
  if (key_stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (key_stmt, 1, id);
  if (sqlite3_step (key_stmt) != SQLITE_ROW)
    {
      gil_store_set_error (store, error, sqlite3_errcode (gil_store_get_db (store)),
                           "reading a queue place");
      goto fail;
    }

  key = next_queue_key (store, error);
  if (key == 0 ||
      !update_stop (store, id, "status = 'transferred', finished_at = ?1", gil_store_now (store), error) ||
      gil_events_append (store, "stop.transferred", 0, id, error) == 0)
    goto fail;
  created = insert_stop (store, stop->visit, target->id, stop->priority, key, id,
                         return_after ? stop->room : 0,
                         sqlite3_column_int64 (key_stmt, 0), error);
  if (created == 0 ||
      gil_events_append (store, "stop.enqueued", 0, created, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, created, error);

fail:
  if (gil_store_in_transaction (store))
    gil_store_rollback (store);
  return NULL;
}

/* For the desk's corrections (gil-queue-desk.c), inside their write. */
GilRoom *
gil_queue_private_get_active_room (GilStore  *store,
                                   gint64     id,
                                   GError   **error)
{
  return get_active_room (store, id, error);
}

char *
gil_queue_private_allocate_ticket (GilStore    *store,
                                   const char  *day,
                                   const char  *prefix,
                                   GError     **error)
{
  return allocate_ticket (store, day, prefix, error);
}
