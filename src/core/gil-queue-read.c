/* gil-queue-read.c — reading stops, visits and a room's queue
 *
 * A stop is read with its visit's ticket, its patient's name and where a
 * returning patient comes back from (STOP_SELECT); a waiting stop also with
 * its place in call order (gil-queue-order.c). Nothing here writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-loket.h"
#include "gil-queue-private.h"

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
  g_free (visit->referred_to);
  g_clear_pointer (&visit->stops, g_ptr_array_unref);
  g_clear_pointer (&visit->loket, gil_loket_ticket_free);
  g_free (visit);
}

void
gil_room_queue_clear (GilRoomQueue *queue)
{
  g_return_if_fail (queue != NULL);

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
  return gil_store_collect_rows (store, stmt, (GilStoreRowFunc)stop_from_row,
                                 (GDestroyNotify)gil_stop_free, "reading a queue", error);
}

/* The stops @where says (what follows STOP_SELECT: a WHERE clause and
 * its order, ?1 being @id), element-type GilStop, without positions. */
GPtrArray *
_gil_queue_select_stops (GilStore    *store,
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

GilStop *
gil_queue_get_stop (GilStore  *store,
                    gint64     stop,
                    GError   **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  GilStop *found;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stops = _gil_queue_select_stops (store, "WHERE s.id = ?1", stop, error);
  if (stops == NULL)
    return NULL;
  if (stops->len == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                   _("There is no stop %lld"), (long long)stop);
      return NULL;
    }
  found = g_ptr_array_steal_index (stops, 0);
  found->position = _gil_queue_position_of (store, found);
  return found;
}

/* @patient: (transfer full) (nullable): the visit's patient when the
 * caller has just read it in the same write, so as not to read it again */
GilVisit *
_gil_queue_read_visit (GilStore    *store,
                       gint64       id,
                       GilPatient  *patient,
                       GError     **error)
{
  g_autoptr(GilPatient) known = patient;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GilVisit) visit = NULL;
  const char *signs;

  stmt = gil_store_get_row (store,
                            "SELECT id, patient, day, ticket, purpose, signs, pregnant, payer,"
                            " new_patient, cluster, priority, priority_reason, age_months,"
                            " suggested_room, room, overridden, rule, reason, registered_at,"
                            " coalesce (cancelled_at, 0), cancel_reason, outcome, referred_to"
                            " FROM visits WHERE id = ?",
                            id, "reading a visit", error,
                            GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                            _("There is no visit %lld"), (long long)id);
  if (stmt == NULL)
    return NULL;

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
  if (!gil_outcome_from_string ((const char *)sqlite3_column_text (stmt, 21), &visit->outcome))
    visit->outcome = GIL_OUTCOME_NONE;
  visit->referred_to = g_strdup ((const char *)sqlite3_column_text (stmt, 22));

  if (known != NULL && known->id == sqlite3_column_int64 (stmt, 1))
    visit->patient = g_steal_pointer (&known);
  else
    visit->patient = gil_patients_get (store, sqlite3_column_int64 (stmt, 1), error);
  if (visit->patient == NULL)
    return NULL;
  visit->stops = _gil_queue_select_stops (store, "WHERE s.visit = ?1 ORDER BY s.id", visit->id, error);
  if (visit->stops == NULL)
    return NULL;
  for (guint i = 0; i < visit->stops->len; i++)
    {
      GilStop *stop = g_ptr_array_index (visit->stops, i);

      stop->position = _gil_queue_position_of (store, stop);
    }
  visit->loket = gil_loket_get_for_visit (store, visit->id);
  return g_steal_pointer (&visit);
}

GilVisit *
gil_queue_get_visit (GilStore  *store,
                     gint64     id,
                     GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return _gil_queue_read_visit (store, id, NULL, error);
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
  queue->waiting = _gil_queue_order_waiting (store, room, &queue->next_why, error);
  if (queue->waiting != NULL)
    queue->called = _gil_queue_select_stops (store,
                                             "WHERE s.room = ?1 AND s.status = 'called' ORDER BY s.called_at, s.id",
                                             room, error);
  if (queue->called != NULL)
    queue->serving = _gil_queue_select_stops (store,
                                              "WHERE s.room = ?1 AND s.status = 'serving' ORDER BY s.started_at, s.id",
                                              room, error);
  if (queue->serving != NULL)
    {
      g_autofree char *today = gil_store_dup_today (store);
      g_autofree char *where = g_strdup_printf ("WHERE s.room = ?1 AND s.status = 'skipped'"
                                                " AND s.day = '%s' ORDER BY s.called_at DESC, s.id DESC",
                                                today);

      queue->skipped = _gil_queue_select_stops (store, where, room, error);
    }
  if (queue->skipped == NULL || !count_today (store, room, queue, error))
    {
      gil_room_queue_clear (queue);
      return FALSE;
    }
  return TRUE;
}
