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
 * Which action each state allows is gil-stop-actions.c's rule. The other
 * parts of the queue have files of their own: reading (gil-queue-read.c),
 * the call order (gil-queue-order.c), the service day (gil-queue-day.c),
 * registration (gil-queue-register.c) and the desk's corrections
 * (gil-queue-desk.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-events.h"
#include "gil-queue-private.h"
#include "gil-stop-actions.h"

G_DEFINE_QUARK (gil-queue-error-quark, gil_queue_error)

/* The event each action on a stop appends to the log. */
static const char * const action_events[] = {
  [GIL_STOP_ACTION_CALL] = "stop.called",
  [GIL_STOP_ACTION_RECALL] = "stop.recalled",
  [GIL_STOP_ACTION_START] = "stop.started",
  [GIL_STOP_ACTION_FINISH] = "stop.finished",
  [GIL_STOP_ACTION_SKIP] = "stop.skipped",
  [GIL_STOP_ACTION_REQUEUE] = "stop.requeued",
  [GIL_STOP_ACTION_TRANSFER] = "stop.transferred",
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_events) == GIL_STOP_ACTION_LAST + 1);

/* Loads a stop for @action and refuses it unless gil_stop_action_allowed()
 * from the stop's state, and the stop is of today or still called or in
 * service from the day before (gil-queue-day.c). */
static GilStop *
load_for_change (GilStore       *store,
                 gint64          id,
                 GilStopAction   action,
                 GError        **error)
{
  g_autoptr(GPtrArray) stops = NULL;
  g_autoptr(GilStop) stop = NULL;
  g_autofree char *today = gil_store_dup_today (store);
  gboolean held_over;

  stops = _gil_queue_select_stops (store, "WHERE s.id = ?1", id, error);
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
  if (!gil_stop_action_allowed (stop->status, action) ||
      (g_strcmp0 (stop->day, today) != 0 && !held_over))
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is %s now, so “%s” is not possible"),
                   stop->ticket, gil_stop_status_label (stop->status),
                   gil_stop_action_label (action));
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

/* Does @action to a stop inside one write, by @assignments, and returns
 * the stop afterwards. @assignments may use ?1 (@value). */
static GilStop *
change_stop (GilStore       *store,
             gint64          id,
             GilStopAction   action,
             const char     *assignments,
             gint64          value,
             GError        **error)
{
  const char *event = action_events[action];
  g_autoptr(GilStop) stop = NULL;

  if (!_gil_queue_begin (store, error))
    return NULL;
  stop = load_for_change (store, id, action, error);
  if (stop == NULL ||
      !update_stop (store, id, assignments, value, error) ||
      gil_events_append (store, event, 0, id, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, id, error);

fail:
  gil_store_abort (store);
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

  g_assert (gil_store_in_transaction (store));
  g_assert (stop->status == GIL_STOP_WAITING);

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
         gil_events_append_detail (store, action_events[GIL_STOP_ACTION_CALL], 0, stop->id,
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
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

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
  gint64 id;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!check_counter (counter, error) || !_gil_queue_begin (store, error))
    return NULL;
  first = _gil_queue_pick_next (store, room, &reason, error);
  if (first == NULL)
    goto fail;

  id = first->id;
  if (!call_stop (store, first, FALSE, counter, error) ||
      !gil_store_commit (store, error))
    goto fail;
  if (why != NULL)
    *why = g_steal_pointer (&reason);
  return gil_queue_get_stop (store, id, error);

fail:
  gil_store_abort (store);
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
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

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

  if (!check_counter (counter, error) || !_gil_queue_begin (store, error))
    return NULL;
  stop = load_for_change (store, id, GIL_STOP_ACTION_CALL, error);
  if (stop == NULL)
    goto fail;
  in_turn = _gil_queue_position_of (store, stop) == 1;
  if (!call_stop (store, stop, !in_turn, counter, error) || !gil_store_commit (store, error))
    goto fail;
  if (why != NULL)
    *why = in_turn ? g_strdup (_("Next in the queue's order"))
                   : g_strdup (_("Called out of turn by the room"));
  return gil_queue_get_stop (store, id, error);

fail:
  gil_store_abort (store);
  return NULL;
}

GilStop *
gil_queue_recall (GilStore  *store,
                  gint64     stop,
                  GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

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
  return change_stop (store, stop, GIL_STOP_ACTION_RECALL,
                      "calls = calls + 1, counter = coalesce (nullif (?1, 0), counter)",
                      counter, error);
}

GilStop *
gil_queue_start (GilStore  *store,
                 gint64     stop,
                 GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return change_stop (store, stop, GIL_STOP_ACTION_START,
                      "status = 'serving', started_at = ?1",
                      gil_store_now (store), error);
}

GilStop *
gil_queue_skip (GilStore  *store,
                gint64     stop,
                GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return change_stop (store, stop, GIL_STOP_ACTION_SKIP,
                      "status = 'skipped'", 0, error);
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
  key = _gil_queue_next_key (store, error);
  if (key == 0)
    {
      gil_store_rollback (store);
      return NULL;
    }
  requeued = change_stop (store, stop, GIL_STOP_ACTION_REQUEUE,
                          "status = 'waiting', queue_key = ?1", key,
                          &local_error);
  if (requeued == NULL)
    {
      gil_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!gil_store_commit (store, error))
    {
      gil_store_abort (store);
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
  return gil_queue_finish_with (store, id, GIL_OUTCOME_NONE, NULL, error);
}

/* Checks @outcome and @referred_to fit together: a referral says where
 * to (1 to GIL_REFERRED_TO_MAX characters, not blank), nothing else does. */
static gboolean
check_outcome (GilOutcome   outcome,
               const char  *referred_to,
               GError     **error)
{
  if (outcome == GIL_OUTCOME_REFERRED)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (referred_to != NULL ? referred_to : ""));
      glong length = g_utf8_strlen (stripped, -1);

      if (length >= 1 && length <= GIL_REFERRED_TO_MAX &&
          g_utf8_validate (referred_to, -1, NULL))
        return TRUE;
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_OUTCOME,
                   _("A referral says where to, in 1 to %d characters"), GIL_REFERRED_TO_MAX);
      return FALSE;
    }
  if (referred_to != NULL)
    {
      g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_OUTCOME,
                           _("Only a referral says where to"));
      return FALSE;
    }
  return TRUE;
}

/* Records on the visit of @stop how it ended. */
static gboolean
set_outcome (GilStore    *store,
             GilStop     *stop,
             GilOutcome   outcome,
             const char  *referred_to,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = referred_to != NULL ? g_strstrip (g_strdup (referred_to)) : NULL;

  if (stop->return_room != 0)
    {
      g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_OUTCOME,
                           _("The patient goes back to another room, so the visit has no outcome yet"));
      return FALSE;
    }
  stmt = gil_store_prepare (store, "UPDATE visits SET outcome = ?1, referred_to = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, gil_outcome_to_string (outcome), -1, SQLITE_STATIC);
  if (stripped != NULL)
    sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, stop->visit);
  return gil_store_step_done (store, stmt, error);
}

/**
 * gil_queue_finish_with:
 * @outcome: how the visit ended, or %GIL_OUTCOME_NONE to record nothing
 * @referred_to: (nullable): where a referred patient was sent; %NULL
 *   for any other outcome
 *
 * Finishes the stop as gil_queue_finish() does and, when @outcome is
 * given, records it on the visit in the same write. A stop that sends
 * the patient back to another room takes no outcome.
 */
GilStop *
gil_queue_finish_with (GilStore    *store,
                       gint64       id,
                       GilOutcome   outcome,
                       const char  *referred_to,
                       GError     **error)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(sqlite3_stmt) back = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (outcome <= GIL_OUTCOME_DIED, NULL);

  if (!check_outcome (outcome, referred_to, error) || !_gil_queue_begin (store, error))
    return NULL;
  stop = load_for_change (store, id, GIL_STOP_ACTION_FINISH, error);
  if (stop == NULL ||
      (outcome != GIL_OUTCOME_NONE && !set_outcome (store, stop, outcome, referred_to, error)) ||
      !update_stop (store, id, "status = 'done', finished_at = ?1", gil_store_now (store), error) ||
      gil_events_append (store, action_events[GIL_STOP_ACTION_FINISH], 0, id, error) == 0)
    goto fail;

  if (stop->return_room != 0)
    {
      gint64 returned;

      back = gil_store_prepare (store, "SELECT return_key FROM stops WHERE id = ?", error);
      if (back == NULL)
        goto fail;
      sqlite3_bind_int64 (back, 1, id);
      if (!gil_store_step_row (store, back, "reading a return place", error))
        goto fail;
      returned = _gil_queue_insert_stop (store, stop->visit, stop->return_room, stop->priority,
                                         sqlite3_column_int64 (back, 0), id, 0, 0, error);
      if (returned == 0 || gil_events_append (store, "stop.enqueued", 0, returned, error) == 0)
        goto fail;
    }

  if (!gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, id, error);

fail:
  gil_store_abort (store);
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

  if (!_gil_queue_begin (store, error))
    return NULL;
  stop = load_for_change (store, id, GIL_STOP_ACTION_TRANSFER, error);
  if (stop == NULL)
    goto fail;
  target = _gil_queue_get_move_target (store, room, stop->room, stop->ticket, error);
  if (target == NULL)
    goto fail;

  key_stmt = gil_store_prepare (store, "SELECT queue_key FROM stops WHERE id = ?", error);
  if (key_stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (key_stmt, 1, id);
  if (!gil_store_step_row (store, key_stmt, "reading a queue place", error))
    goto fail;

  key = _gil_queue_next_key (store, error);
  if (key == 0 ||
      !update_stop (store, id, "status = 'transferred', finished_at = ?1", gil_store_now (store), error) ||
      gil_events_append (store, action_events[GIL_STOP_ACTION_TRANSFER], 0, id, error) == 0)
    goto fail;
  created = _gil_queue_insert_stop (store, stop->visit, target->id, stop->priority, key, id,
                                    return_after ? stop->room : 0,
                                    sqlite3_column_int64 (key_stmt, 0), error);
  if (created == 0 ||
      gil_events_append (store, "stop.enqueued", 0, created, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;
  return gil_queue_get_stop (store, created, error);

fail:
  gil_store_abort (store);
  return NULL;
}
