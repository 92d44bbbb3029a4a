/* gil-queue-order.c — a room's call order, and why the next one is next
 *
 * Emergency first; then priority, taking turns with the normal patients
 * when the room interleaves. The waiting counts per room and rank, which
 * triggers on stops keep (gil-schema.c), give the next rank and one
 * waiting stop's place without going through the queue; a room's list
 * goes through it once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-queue-private.h"

/* What deciding a room's call order needs (gil-queue-private.h). */
typedef GilQueueShape QueueShape;

/* The room's policy and streak; no one counted yet. */
static gboolean
read_policy (GilStore    *store,
             gint64       room,
             QueueShape  *shape,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) room_stmt = NULL;

  room_stmt = gil_store_get_row (store,
                                 "SELECT priority_policy = 'strict', interleave_every, streak"
                                 " FROM rooms WHERE id = ?",
                                 room, "reading a room", error,
                                 GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                                 _("There is no room %lld"), (long long)room);
  if (room_stmt == NULL)
    return FALSE;
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
  g_assert (shape_total (shape) > 0);

  if (shape->waiting[GIL_PRIORITY_EMERGENCY] > 0)
    return GIL_PRIORITY_EMERGENCY;
  if (shape->waiting[GIL_PRIORITY_PRIORITY] > 0 &&
      (shape->strict || shape->waiting[GIL_PRIORITY_NORMAL] == 0 || shape->streak < shape->every))
    return GIL_PRIORITY_PRIORITY;
  return GIL_PRIORITY_NORMAL;
}

/* next_rank(), for the loket's queue (gil-loket.c): one rule for both. */
guint
_gil_queue_next_rank (const GilQueueShape *shape)
{
  return next_rank (shape);
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
GPtrArray *
_gil_queue_order_waiting (GilStore  *store,
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
  stops = _gil_queue_select_stops (store,
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
      GilStop *stop;

      /* next_rank() names only a rank that someone waits at. */
      g_assert (next[rank] < by_rank[rank]->len);
      stop = g_ptr_array_index (by_rank[rank], next[rank]++);

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
int
_gil_queue_position_of (GilStore *store,
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

/* The first waiting stop of @room in call order (id and rank only), and
 * @why it is next; inside the caller's write. The waiting counts decide
 * the rank; if they say someone waits there who does not, they are
 * counted again from the stops, once. */
GilStop *
_gil_queue_pick_next (GilStore  *store,
                      gint64     room,
                      char     **why,
                      GError   **error)
{
  g_autoptr(GilStop) first = NULL;
  QueueShape shape;
  guint rank;

  g_assert (why != NULL);
  g_assert (gil_store_in_transaction (store));

  for (guint tries = 0;; tries++)
    {
      g_autoptr(GError) local = NULL;

      if (!read_shape (store, room, &shape, error))
        return NULL;
      if (shape_total (&shape) == 0)
        {
          g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY,
                               _("Nobody is waiting for this room"));
          return NULL;
        }
      rank = next_rank (&shape);
      first = first_waiting (store, room, rank, &local);
      if (first != NULL)
        break;
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (tries > 0)
        {
          g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY,
                               _("Nobody is waiting for this room"));
          return NULL;
        }
      g_warning ("The waiting counts of room %" G_GINT64_FORMAT " were wrong; counting again", room);
      if (!_gil_queue_recount (store, error))
        return NULL;
    }
  *why = why_next (store, &shape, rank, first);
  return g_steal_pointer (&first);
}
