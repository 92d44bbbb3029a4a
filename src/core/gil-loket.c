/* gil-loket.c — the queue before the registration desk (loket)
 *
 * A patient takes a ticket of a series on arrival ("A-012": numbered per
 * series and service day, starting again as the rooms' tickets do when
 * the day starts, gil-queue-day.c). The desks (Loket 1, 2, …) share one
 * queue and call the next: the tickets of a priority series in turn with
 * the others by the rooms' rule (gil-queue-order.c's next rank), with the
 * rooms' default policy fixed for the loket: interleave, a normal ticket
 * after every GIL_LOKET_INTERLEAVE_EVERY priority ones. A called ticket
 * may be called again or skipped, and becomes the visit the desk
 * registers for it (gil_queue_register(), in the same write). Each change
 * appends an event, "loket.taken", "loket.called", … whose data is the
 * ticket as it was then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-loket.h"
#include "gil-queue-private.h"

/* The rooms' default policy (schema: interleave_every DEFAULT 2). */
#define GIL_LOKET_INTERLEAVE_EVERY 2
/* The priority tickets called in a row today, in counters. */
#define STREAK_COUNTER "loket streak"

static const char * const status_names[] = {
  "waiting", "called", "registered", "skipped", "cancelled",
};

#define TICKET_COLUMNS \
  "id, day, series, number, status, priority, taken_at, coalesce (called_at, 0)," \
  " calls, desk, coalesce (visit, 0)"

const char *
gil_loket_status_to_string (GilLoketStatus status)
{
  g_return_val_if_fail (status <= GIL_LOKET_CANCELLED, "waiting");

  return status_names[status];
}

/* Why a stale action on @ticket (not called today) is refused. */
static void
set_stale_error (const GilLoketTicket  *ticket,
                 GError               **error)
{
  if (ticket->status == GIL_LOKET_REGISTERED)
    g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                 _("Loket ticket %s was registered already"), ticket->ticket);
  else if (ticket->status == GIL_LOKET_SKIPPED)
    g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                 _("Loket ticket %s was skipped"), ticket->ticket);
  else
    g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                 _("Loket ticket %s is not called today"), ticket->ticket);
}

static GilLoketStatus
status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      return i;
  return GIL_LOKET_CANCELLED;
}

void
gil_loket_series_free (GilLoketSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->code);
  g_free (series->name);
  g_free (series);
}

void
gil_loket_ticket_free (GilLoketTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_free (ticket->day);
  g_free (ticket->series);
  g_free (ticket->ticket);
  g_free (ticket->desk);
  g_free (ticket);
}

static gpointer
series_from_row (sqlite3_stmt *stmt)
{
  GilLoketSeries *series = g_new0 (GilLoketSeries, 1);

  series->code = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  series->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  series->priority = sqlite3_column_int (stmt, 2) != 0;
  series->position = sqlite3_column_int (stmt, 3);
  series->active = sqlite3_column_int (stmt, 4) != 0;
  return series;
}

/**
 * gil_loket_list_series:
 *
 * Returns: (transfer full) (element-type GilLoketSeries): every series,
 *   active or not, in their order on the kiosk
 */
GPtrArray *
gil_loket_list_series (GilStore  *store,
                       GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store,
                            "SELECT code, name, priority, position, active FROM loket_series"
                            " ORDER BY position, code",
                            error);
  if (stmt == NULL)
    return NULL;
  return gil_store_collect_rows (store, stmt, series_from_row,
                                 (GDestroyNotify)gil_loket_series_free,
                                 "reading the loket series", error);
}

static gpointer
ticket_from_row (sqlite3_stmt *stmt)
{
  GilLoketTicket *ticket = g_new0 (GilLoketTicket, 1);

  ticket->id = sqlite3_column_int64 (stmt, 0);
  ticket->day = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  ticket->series = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  ticket->number = sqlite3_column_int (stmt, 3);
  ticket->ticket = g_strdup_printf ("%s-%03d", ticket->series, ticket->number);
  ticket->status = status_from_string ((const char *)sqlite3_column_text (stmt, 4));
  ticket->priority = sqlite3_column_int (stmt, 5) != 0;
  ticket->taken_at = sqlite3_column_int64 (stmt, 6);
  ticket->called_at = sqlite3_column_int64 (stmt, 7);
  ticket->calls = sqlite3_column_int (stmt, 8);
  ticket->desk = g_strdup ((const char *)sqlite3_column_text (stmt, 9));
  ticket->visit = sqlite3_column_int64 (stmt, 10);
  return ticket;
}

/* The tickets @where (bound to @day as ?1) selects, in its order. */
static GPtrArray *
select_tickets (GilStore    *store,
                const char  *where,
                const char  *day,
                GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " TICKET_COLUMNS " FROM loket_tickets ", where, NULL);
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  return gil_store_collect_rows (store, stmt, ticket_from_row,
                                 (GDestroyNotify)gil_loket_ticket_free,
                                 "reading the loket queue", error);
}

/**
 * gil_loket_get:
 *
 * Returns: (transfer full): the ticket @id, of any day; %NULL with
 *   %GIL_QUEUE_ERROR_NOT_FOUND when there is none
 */
GilLoketTicket *
gil_loket_get (GilStore  *store,
               gint64     id,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_get_row (store, "SELECT " TICKET_COLUMNS " FROM loket_tickets WHERE id = ?",
                            id, "reading a loket ticket", error,
                            GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                            _("There is no loket ticket %lld"), (long long)id);
  if (stmt == NULL)
    return NULL;
  return ticket_from_row (stmt);
}

/**
 * gil_loket_get_for_visit:
 *
 * Returns: (transfer full) (nullable): the ticket @visit was registered
 *   from, or %NULL for none
 */
GilLoketTicket *
gil_loket_get_for_visit (GilStore *store,
                         gint64    visit)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store, "SELECT " TICKET_COLUMNS " FROM loket_tickets WHERE visit = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visit);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return ticket_from_row (stmt);
}

static int
read_streak (GilStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store,
                                                    "SELECT value FROM counters WHERE name = '" STREAK_COUNTER "'",
                                                    NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int (stmt, 0);
}

static gboolean
write_streak (GilStore  *store,
              int        streak,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "INSERT INTO counters (name, value) VALUES ('" STREAK_COUNTER "', ?1)"
                            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, streak);
  return gil_store_step_done (store, stmt, error);
}

/* Today's waiting tickets in the order the desks will call them: the
 * rooms' rule over two ranks, priority and normal, each in order of
 * taking; each with how many are ahead of it. */
static GPtrArray *
order_waiting (GilStore    *store,
               const char  *today,
               GError     **error)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) priority = g_ptr_array_new ();
  g_autoptr(GPtrArray) normal = g_ptr_array_new ();
  GilQueueShape shape = { { 0 }, FALSE, GIL_LOKET_INTERLEAVE_EVERY, 0 };
  guint next[3] = { 0, 0, 0 };

  tickets = select_tickets (store, "WHERE status = 'waiting' AND day = ?1 ORDER BY id", today, error);
  if (tickets == NULL)
    return NULL;
  for (guint i = 0; i < tickets->len; i++)
    {
      GilLoketTicket *ticket = g_ptr_array_index (tickets, i);

      g_ptr_array_add (ticket->priority ? priority : normal, ticket);
    }
  shape.waiting[GIL_PRIORITY_PRIORITY] = priority->len;
  shape.waiting[GIL_PRIORITY_NORMAL] = normal->len;
  shape.streak = read_streak (store);

  ordered = g_ptr_array_new_full (tickets->len, (GDestroyNotify)gil_loket_ticket_free);
  while (ordered->len < tickets->len)
    {
      guint rank = _gil_queue_next_rank (&shape);
      GPtrArray *from = rank == GIL_PRIORITY_PRIORITY ? priority : normal;
      GilLoketTicket *ticket;

      g_assert (rank != GIL_PRIORITY_EMERGENCY && next[rank] < from->len);
      ticket = g_ptr_array_index (from, next[rank]++);
      shape.streak = rank == GIL_PRIORITY_PRIORITY ? shape.streak + 1 : 0;
      shape.waiting[rank]--;
      ticket->ahead = ordered->len;
      g_ptr_array_add (ordered, ticket);
    }
  /* The tickets moved to @ordered, which frees them. */
  g_ptr_array_set_free_func (tickets, NULL);
  return g_steal_pointer (&ordered);
}

/* Appends "loket.@what" with the ticket @id as it is now. */
static gboolean
append_event (GilStore    *store,
              const char  *what,
              gint64       id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *type = g_strconcat ("loket.", what, NULL);

  stmt = gil_store_prepare (store,
                            "INSERT INTO events (type, at, station, data)"
                            " SELECT ?1, ?2, ?3,"
                            " json_object ('id', id, 'series', series, 'number', number,"
                            "  'ticket', series || '-' || printf ('%03d', number), 'status', status,"
                            "  'priority', priority, 'taken_at', taken_at, 'called_at', called_at,"
                            "  'calls', calls, 'desk', desk, 'visit', visit)"
                            " FROM loket_tickets WHERE id = ?4",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 3, gil_store_get_station (store));
  sqlite3_bind_int64 (stmt, 4, id);
  return gil_store_step_done (store, stmt, error);
}

/* Ends a loket write: the ticket @id as it is after it (with how many
 * are ahead, if it waits), once committed. */
static GilLoketTicket *
finish_write (GilStore    *store,
              gint64       id,
              GError     **error)
{
  g_autoptr(GilLoketTicket) ticket = gil_loket_get (store, id, error);

  if (ticket != NULL && ticket->status == GIL_LOKET_WAITING)
    {
      g_autoptr(GPtrArray) order = order_waiting (store, ticket->day, error);

      if (order == NULL)
        g_clear_pointer (&ticket, gil_loket_ticket_free);
      for (guint i = 0; order != NULL && i < order->len; i++)
        {
          GilLoketTicket *other = g_ptr_array_index (order, i);

          if (other->id == id)
            ticket->ahead = other->ahead;
        }
    }
  if (ticket == NULL || !gil_store_commit (store, error))
    {
      gil_store_abort (store);
      return NULL;
    }
  return g_steal_pointer (&ticket);
}

/* The active series @code, with whether it has priority. */
static gboolean
check_series (GilStore    *store,
              const char  *code,
              gboolean    *priority,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store, "SELECT priority, active, name FROM loket_series WHERE code = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND,
                   _("There is no loket series “%s”"), code);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      gil_store_set_error (store, error, rc, "reading a loket series");
      return FALSE;
    }
  if (sqlite3_column_int (stmt, 1) == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("The loket series %s (%s) is not in use"), code,
                   (const char *)sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  *priority = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * gil_loket_take:
 * @series: the series' code, "A"
 *
 * Gives the next number of @series today.
 *
 * Returns: (transfer full): the new waiting ticket, with how many are
 *   ahead of it
 */
GilLoketTicket *
gil_loket_take (GilStore    *store,
                const char  *series,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *today = NULL;
  g_autofree char *counter = NULL;
  gboolean priority = FALSE;
  gint64 number, id;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (series != NULL, NULL);

  if (!_gil_queue_begin (store, error))
    return NULL;
  today = gil_store_dup_today (store);
  counter = g_strdup_printf ("loket %s %s", today, series);
  if (!check_series (store, series, &priority, error) ||
      (number = gil_store_next_counter (store, counter, "numbering a loket ticket", error)) == 0 ||
      (insert = gil_store_prepare (store,
                                   "INSERT INTO loket_tickets (day, series, number, priority, taken_at, station)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error)) == NULL)
    goto fail;
  sqlite3_bind_text (insert, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, series, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, number);
  sqlite3_bind_int (insert, 4, priority);
  sqlite3_bind_int64 (insert, 5, gil_store_now (store));
  sqlite3_bind_int64 (insert, 6, gil_store_get_station (store));
  if (!gil_store_step_done (store, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gil_store_get_db (store));
  if (!append_event (store, "taken", id, error))
    goto fail;
  return finish_write (store, id, error);

fail:
  gil_store_abort (store);
  return NULL;
}

/**
 * gil_loket_list_day:
 * @called: (out) (transfer full): today's tickets called and not yet
 *   registered or skipped, the latest call first
 * @waiting: (out) (transfer full): today's waiting tickets, in call order
 */
gboolean
gil_loket_list_day (GilStore   *store,
                    GPtrArray **called,
                    GPtrArray **waiting,
                    GError    **error)
{
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) order = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (called != NULL && waiting != NULL, FALSE);

  today = gil_store_dup_today (store);
  calls = select_tickets (store,
                          "WHERE status = 'called' AND day = ?1 ORDER BY called_at DESC, id DESC"
                          " LIMIT " G_STRINGIFY (GIL_LOKET_LIST_MAX),
                          today, error);
  if (calls == NULL || (order = order_waiting (store, today, error)) == NULL)
    return FALSE;
  if (order->len > GIL_LOKET_LIST_MAX)
    g_ptr_array_set_size (order, GIL_LOKET_LIST_MAX);
  *called = g_steal_pointer (&calls);
  *waiting = g_steal_pointer (&order);
  return TRUE;
}

static gboolean
check_desk (const char  *desk,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (desk != NULL ? desk : ""));

  if (desk != NULL && g_utf8_validate (desk, -1, NULL) && *stripped != '\0' &&
      g_utf8_strlen (desk, -1) <= GIL_LOKET_DESK_MAX)
    return TRUE;
  g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_COUNTER,
               _("A desk is named in 1 to %d characters, such as “Loket 2”"), GIL_LOKET_DESK_MAX);
  return FALSE;
}

/**
 * gil_loket_call_next:
 * @desk: the desk that calls, "Loket 2"
 *
 * Calls the first waiting ticket in call order to @desk.
 *
 * Returns: (transfer full): the called ticket; %NULL with
 *   %GIL_QUEUE_ERROR_QUEUE_EMPTY when nobody waits
 */
GilLoketTicket *
gil_loket_call_next (GilStore    *store,
                     const char  *desk,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *today = NULL;
  GilLoketTicket *first;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (!check_desk (desk, error) || !_gil_queue_begin (store, error))
    return NULL;
  today = gil_store_dup_today (store);
  order = order_waiting (store, today, error);
  if (order == NULL)
    goto fail;
  if (order->len == 0)
    {
      g_set_error_literal (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY,
                           _("Nobody is waiting for the registration desk"));
      goto fail;
    }
  first = g_ptr_array_index (order, 0);
  update = gil_store_prepare (store,
                              "UPDATE loket_tickets SET status = 'called', called_at = ?2, calls = 1,"
                              " desk = ?3 WHERE id = ?1 AND status = 'waiting'",
                              error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, first->id);
  sqlite3_bind_int64 (update, 2, gil_store_now (store));
  sqlite3_bind_text (update, 3, desk, -1, SQLITE_STATIC);
  if (!gil_store_step_done (store, update, error) ||
      !write_streak (store, first->priority ? read_streak (store) + 1 : 0, error) ||
      !append_event (store, "called", first->id, error))
    goto fail;
  return finish_write (store, first->id, error);

fail:
  gil_store_abort (store);
  return NULL;
}

/* Moves today's ticket @id from called to @status (recall: stays called,
 * one more call), or says why not and changes nothing. */
static GilLoketTicket *
act_on_called (GilStore    *store,
               gint64       id,
               const char  *what,
               GError     **error)
{
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *today = NULL;
  gboolean skip = g_str_equal (what, "skipped");

  if (!_gil_queue_begin (store, error))
    return NULL;
  today = gil_store_dup_today (store);
  ticket = gil_loket_get (store, id, error);
  if (ticket == NULL)
    goto fail;
  if (ticket->status != GIL_LOKET_CALLED || g_strcmp0 (ticket->day, today) != 0)
    {
      set_stale_error (ticket, error);
      goto fail;
    }
  update = gil_store_prepare (store,
                              skip ? "UPDATE loket_tickets SET status = 'skipped' WHERE id = ?1"
                                   : "UPDATE loket_tickets SET calls = calls + 1 WHERE id = ?1",
                              error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_int64 (update, 1, id);
  if (!gil_store_step_done (store, update, error) ||
      !append_event (store, what, id, error))
    goto fail;
  return finish_write (store, id, error);

fail:
  gil_store_abort (store);
  return NULL;
}

/**
 * gil_loket_recall:
 *
 * Calls today's called ticket @id once more, to the same desk.
 *
 * Returns: (transfer full): the ticket; %NULL with
 *   %GIL_QUEUE_ERROR_INVALID_TRANSITION when it is not called today
 */
GilLoketTicket *
gil_loket_recall (GilStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return act_on_called (store, id, "recalled", error);
}

/**
 * gil_loket_skip:
 *
 * Today's called ticket @id did not come to the desk.
 *
 * Returns: (transfer full): the ticket, skipped; %NULL with
 *   %GIL_QUEUE_ERROR_INVALID_TRANSITION when it is not called today
 */
GilLoketTicket *
gil_loket_skip (GilStore  *store,
                gint64     id,
                GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return act_on_called (store, id, "skipped", error);
}

/**
 * gil_loket_mark_registered:
 * @id: the loket ticket
 * @visit: the visit registered for it
 *
 * Inside the caller's write: today's called ticket @id became @visit.
 * A ticket not called today, or used already, is refused with
 * %GIL_QUEUE_ERROR_INVALID_TRANSITION; one that does not exist with
 * %GIL_QUEUE_ERROR_NOT_FOUND.
 */
gboolean
gil_loket_mark_registered (GilStore  *store,
                           gint64     id,
                           gint64     visit,
                           GError   **error)
{
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (gil_store_in_transaction (store), FALSE);

  today = gil_store_dup_today (store);
  ticket = gil_loket_get (store, id, error);
  if (ticket == NULL)
    return FALSE;
  if (ticket->status != GIL_LOKET_CALLED || g_strcmp0 (ticket->day, today) != 0)
    {
      set_stale_error (ticket, error);
      return FALSE;
    }
  update = gil_store_prepare (store,
                              "UPDATE loket_tickets SET status = 'registered', visit = ?2 WHERE id = ?1",
                              error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, id);
  sqlite3_bind_int64 (update, 2, visit);
  return gil_store_step_done (store, update, error) &&
         append_event (store, "registered", id, error);
}

/**
 * gil_loket_day_waits:
 * @day: the service day, YYYY-MM-DD
 *
 * Returns: (transfer full) (element-type gint64): the seconds from taking
 *   to the first call of each of @day's called tickets, sorted
 */
GArray *
gil_loket_day_waits (GilStore    *store,
                     const char  *day,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store,
                            "SELECT max (called_at - taken_at, 0) FROM loket_tickets"
                            " WHERE day = ?1 AND called_at IS NOT NULL ORDER BY 1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 wait = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (waits, wait);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the loket's waits");
      return NULL;
    }
  return g_steal_pointer (&waits);
}

/**
 * gil_loket_start_day:
 * @today: the new service day
 *
 * Inside the day's start: the days before's tickets still waiting or
 * called are not coming (cancelled), their numbers start again and so
 * does the priority streak.
 */
gboolean
gil_loket_start_day (GilStore    *store,
                     const char  *today,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) close = NULL;
  g_autoptr(sqlite3_stmt) forget = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);

  close = gil_store_prepare (store,
                             "UPDATE loket_tickets SET status = 'cancelled'"
                             " WHERE (status = 'waiting' OR status = 'called') AND day < ?1",
                             error);
  forget = gil_store_prepare (store,
                              "DELETE FROM counters WHERE (name >= 'loket ' AND name < 'loket ' || ?1)"
                              " OR name = '" STREAK_COUNTER "'",
                              error);
  if (close == NULL || forget == NULL)
    return FALSE;
  sqlite3_bind_text (close, 1, today, -1, SQLITE_STATIC);
  sqlite3_bind_text (forget, 1, today, -1, SQLITE_STATIC);
  return gil_store_step_done (store, close, error) &&
         gil_store_step_done (store, forget, error);
}
