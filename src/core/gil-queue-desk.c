/* gil-queue-desk.c — the registration desk's corrections to a visit
 *
 * A clerk may register a patient twice, for the wrong room, or see a
 * patient leave before being served. Before service starts the desk may
 * cancel the visit (its stops leave every queue, ending 'cancelled'), or,
 * while the patient still waits for the first room, move the visit to
 * another room. Each is one write with its events; the reason goes to the
 * audit trail (the events' detail) and, for a cancel, to the visit.
 *
 *   waiting, called, skipped (today) ──cancel──▶ cancelled
 *   waiting (the visit's only stop)  ──reroute──▶ waiting in another room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-events.h"
#include "gil-queue-private.h"

/* A reason as stored: trimmed, and within GIL_QUEUE_REASON_MAX
 * characters. @required: an empty one is refused, else it is NULL. */
static gboolean
check_reason (const char  *reason,
              gboolean     required,
              char       **out,
              GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  *out = NULL;
  if (*text == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_REASON,
                           _("Give the reason"));
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > GIL_QUEUE_REASON_MAX)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_REASON,
                   _("The reason has at most %d characters"), GIL_QUEUE_REASON_MAX);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

/* One stop of the visit being corrected. */
typedef struct
{
  gint64         id;
  gint64         room;
  GilStopStatus  status;
  gboolean       today;
} DeskStop;

/* The visit's stops in order, once it is known to exist and not to be
 * cancelled already. */
static GArray *
load_visit_stops (GilStore  *store,
                  gint64     visit,
                  char     **ticket,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) stops = g_array_new (FALSE, FALSE, sizeof (DeskStop));
  g_autofree char *today = gil_store_dup_today (store);
  int rc;

  stmt = gil_store_get_row (store, "SELECT ticket, cancelled_at IS NOT NULL FROM visits WHERE id = ?",
                            visit, "reading a visit", error,
                            GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                            _("There is no visit %lld"), (long long)visit);
  if (stmt == NULL)
    return NULL;
  *ticket = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (sqlite3_column_int (stmt, 1) != 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_CANCELLED,
                   _("The visit of ticket %s was cancelled already"), *ticket);
      return NULL;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = gil_store_prepare (store, "SELECT id, room, status, day = ?2 FROM stops WHERE visit = ?1 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visit);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DeskStop stop = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0,
                        sqlite3_column_int (stmt, 3) != 0 };

      if (!gil_stop_status_from_string ((const char *)sqlite3_column_text (stmt, 2), &stop.status))
        g_warn_if_reached ();
      g_array_append_val (stops, stop);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading a visit's stops");
      return NULL;
    }
  return g_steal_pointer (&stops);
}

/* Whether cancelling takes @stop out of a queue: it waits, was called, or
 * was skipped today and so could be put back. */
static gboolean
cancellable_stop (const DeskStop *stop)
{
  return stop->status == GIL_STOP_WAITING || stop->status == GIL_STOP_CALLED ||
         (stop->status == GIL_STOP_SKIPPED && stop->today);
}

/* Refuses a cancel once service began anywhere, or when nothing is left
 * in a queue to take out. */
static gboolean
check_cancellable (GArray      *stops,
                   const char  *ticket,
                   GError     **error)
{
  gboolean any = FALSE;

  for (guint i = 0; i < stops->len; i++)
    {
      const DeskStop *stop = &g_array_index (stops, DeskStop, i);

      if (stop->status == GIL_STOP_SERVING || stop->status == GIL_STOP_DONE)
        {
          g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                       _("Ticket %s was already served; the visit cannot be cancelled"), ticket);
          return FALSE;
        }
      any = any || cancellable_stop (stop);
    }
  if (!any)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is no longer in any queue; there is nothing to cancel"), ticket);
      return FALSE;
    }
  return TRUE;
}

/* A JSON object for the audit trail, made by SQLite so that the reason
 * is quoted as JSON wants. */
static char *
dup_detail (GilStore    *store,
            const char  *reason,
            gint64       room,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "SELECT json_patch (CASE WHEN ?1 IS NULL THEN '{}' ELSE json_object ('reason', ?1) END,"
                            " CASE WHEN ?2 = 0 THEN '{}' ELSE json_object ('to_room', ?2) END)",
                            error);
  if (stmt == NULL)
    return NULL;
  if (reason != NULL)
    sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, room);
  if (!gil_store_step_row (store, stmt, "writing an audit note", error))
    return NULL;
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static gboolean
mark_cancelled (GilStore    *store,
                gint64       visit,
                const char  *reason,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store, "UPDATE visits SET cancelled_at = ?1, cancel_reason = ?2 WHERE id = ?3",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gil_store_now (store));
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, visit);
  return gil_store_step_done (store, stmt, error);
}

/* Ends @stops that are in a queue as cancelled, each with its event. */
static gboolean
cancel_stops (GilStore    *store,
              GArray      *stops,
              const char  *detail,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store, "UPDATE stops SET status = 'cancelled', finished_at = ?1 WHERE id = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < stops->len; i++)
    {
      const DeskStop *stop = &g_array_index (stops, DeskStop, i);

      if (!cancellable_stop (stop))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, gil_store_now (store));
      sqlite3_bind_int64 (stmt, 2, stop->id);
      if (!gil_store_step_done (store, stmt, error) ||
          gil_events_append_detail (store, "stop.cancelled", 0, stop->id, detail, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A desk's correction under way: its reason as stored, the visit's
 * ticket and stops, and the audit trail's detail once made. */
typedef struct
{
  char   *text;
  char   *ticket;
  char   *detail;
  GArray *stops;
} Correction;

static void
correction_clear (Correction *correction)
{
  g_clear_pointer (&correction->text, g_free);
  g_clear_pointer (&correction->ticket, g_free);
  g_clear_pointer (&correction->detail, g_free);
  g_clear_pointer (&correction->stops, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Correction, correction_clear)

/* How a desk's correction begins: its reason checked (@required, as
 * check_reason()), the write begun, the visit's stops loaded. FALSE, with
 * no write open, when one of them fails. */
static gboolean
begin_correction (GilStore    *store,
                  gint64       visit,
                  const char  *reason,
                  gboolean     required,
                  Correction  *correction,
                  GError     **error)
{
  if (!check_reason (reason, required, &correction->text, error) ||
      !_gil_queue_begin (store, error))
    return FALSE;
  correction->stops = load_visit_stops (store, visit, &correction->ticket, error);
  if (correction->stops == NULL)
    {
      gil_store_abort (store);
      return FALSE;
    }
  return TRUE;
}

/* How it ends: committed when its writes (@written) went well, and the
 * visit afterwards; else undone, and %NULL. */
static GilVisit *
end_correction (GilStore  *store,
                gint64     visit,
                gboolean   written,
                GError   **error)
{
  if (!written || !gil_store_commit (store, error))
    {
      gil_store_abort (store);
      return NULL;
    }
  return gil_queue_get_visit (store, visit, error);
}

/**
 * gil_queue_cancel:
 * @reason: why, as the clerk gives it; required
 *
 * Cancels a visit before its service: each of its stops still in a queue
 * (waiting, called, or skipped today) ends as cancelled, with a
 * `stop.cancelled` event for its room. Refused once a stop was in service
 * or done, and for a visit cancelled already.
 *
 * Returns: (transfer full): the visit afterwards
 */
GilVisit *
gil_queue_cancel (GilStore    *store,
                  gint64       visit,
                  const char  *reason,
                  GError     **error)
{
  g_auto(Correction) correction = { NULL };
  gboolean written;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!begin_correction (store, visit, reason, TRUE, &correction, error))
    return NULL;
  written = check_cancellable (correction.stops, correction.ticket, error) &&
            (correction.detail = dup_detail (store, correction.text, 0, error)) != NULL &&
            cancel_stops (store, correction.stops, correction.detail, error) &&
            mark_cancelled (store, visit, correction.text, error);
  return end_correction (store, visit, written, error);
}

/* Moves the visit and its only stop to @target, with a ticket of the
 * room's own prefix: the number the display calls and the room page shows
 * belong to the room the patient waits for. The stop keeps its queue_key,
 * and so its place by arrival time among the room's waiting patients. */
static gboolean
move_visit (GilStore       *store,
            gint64          visit,
            const DeskStop *stop,
            const GilRoom  *target,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) prefix = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *day = gil_store_dup_today (store);
  g_autofree char *ticket = NULL;

  prefix = gil_store_prepare (store, "SELECT prefix FROM rooms WHERE id = ?", error);
  if (prefix == NULL)
    return FALSE;
  sqlite3_bind_int64 (prefix, 1, stop->room);
  if (sqlite3_step (prefix) != SQLITE_ROW ||
      g_strcmp0 ((const char *)sqlite3_column_text (prefix, 0), target->prefix) != 0)
    {
      ticket = _gil_queue_allocate_ticket (store, day, target->prefix, error);
      if (ticket == NULL)
        return FALSE;
    }

  update = gil_store_prepare (store,
                              "UPDATE visits SET room = ?1, ticket = coalesce (?2, ticket),"
                              " overridden = (suggested_room IS NOT ?1) WHERE id = ?3",
                              error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, target->id);
  if (ticket != NULL)
    sqlite3_bind_text (update, 2, ticket, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 3, visit);
  if (!gil_store_step_done (store, update, error))
    return FALSE;

  g_clear_pointer (&update, sqlite3_finalize);
  update = gil_store_prepare (store, "UPDATE stops SET room = ?1 WHERE id = ?2", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, target->id);
  sqlite3_bind_int64 (update, 2, stop->id);
  return gil_store_step_done (store, update, error);
}

/* The reroute's writes, within its correction. */
static gboolean
reroute_stop (GilStore    *store,
              gint64       visit,
              gint64       room,
              Correction  *correction,
              GError     **error)
{
  g_autoptr(GilRoom) target = NULL;
  const DeskStop *stop;

  if (correction->stops->len == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is in no queue"), correction->ticket);
      return FALSE;
    }
  stop = &g_array_index (correction->stops, DeskStop, correction->stops->len - 1);
  if (correction->stops->len != 1 || stop->status != GIL_STOP_WAITING || !stop->today)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is %s now; only a patient still waiting for the first room can be moved"),
                   correction->ticket, gil_stop_status_label (stop->status));
      return FALSE;
    }
  target = _gil_queue_get_move_target (store, room, stop->room, correction->ticket, error);
  if (target == NULL)
    return FALSE;

  /* The first event while the stop is still in the old room, so that
   * its room's pages and displays take it off. */
  correction->detail = dup_detail (store, correction->text, target->id, error);
  return correction->detail != NULL &&
         gil_events_append_detail (store, "stop.rerouted", 0, stop->id, correction->detail, error) != 0 &&
         move_visit (store, visit, stop, target, error) &&
         gil_events_append (store, "stop.enqueued", 0, stop->id, error) != 0;
}

/**
 * gil_queue_reroute:
 * @room: the room the patient should have been registered for
 * @reason: (nullable): why, for the audit trail
 *
 * Moves a visit registered for the wrong room while the patient still
 * waits for that first room: the waiting stop goes to @room at its place
 * by arrival time, with a new ticket when that room's prefix differs.
 * Events: `stop.rerouted` in the old room, `stop.enqueued` in the new.
 *
 * Returns: (transfer full): the visit afterwards
 */
GilVisit *
gil_queue_reroute (GilStore    *store,
                   gint64       visit,
                   gint64       room,
                   const char  *reason,
                   GError     **error)
{
  g_auto(Correction) correction = { NULL };
  gboolean written;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!begin_correction (store, visit, reason, FALSE, &correction, error))
    return NULL;
  written = reroute_stop (store, visit, room, &correction, error);
  return end_correction (store, visit, written, error);
}

/**
 * gil_queue_list_today:
 * @limit: the most to return, newest first
 *
 * The service day's visits for the desk to correct, newest first.
 *
 * Returns: (transfer full) (element-type GilVisit): the visits
 */
GPtrArray *
gil_queue_list_today (GilStore  *store,
                      guint      limit,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  today = gil_store_dup_today (store);
  stmt = gil_store_prepare (store, "SELECT id FROM visits WHERE day = ?1 ORDER BY id DESC LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  ids = gil_store_collect_ids (store, stmt, "listing today's visits", error);
  if (ids == NULL)
    return NULL;

  visits = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_visit_free);
  for (guint i = 0; i < ids->len; i++)
    {
      GilVisit *visit = gil_queue_get_visit (store, g_array_index (ids, gint64, i), error);

      if (visit == NULL)
        return NULL;
      g_ptr_array_add (visits, visit);
    }
  return g_steal_pointer (&visits);
}
