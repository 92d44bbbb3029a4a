/* gil-queue-register.c — registering a visit: the room, the ticket and
 * the first waiting stop
 *
 * Also the places in the queues and the stops that transfers and returns
 * make (gil-queue.c), and the rooms and tickets the desk's corrections use
 * (gil-queue-desk.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-events.h"
#include "gil-loket.h"
#include "gil-queue-private.h"
#include "gil-routing-rules.h"

/* A new place at the end of every queue, for arrivals and requeues. */
gint64
_gil_queue_next_key (GilStore  *store,
                     GError   **error)
{
  g_assert (gil_store_in_transaction (store));

  return gil_store_next_counter (store, "queue_key", "placing a patient in a queue", error);
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
                            " WHERE v.patient = ? AND v.day = ? AND " GIL_QUEUE_OPEN_STOP ("s.") ")",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (!gil_store_step_row (store, stmt, "checking the patient's visits", error))
    return FALSE;
  *open = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/* Ticket numbers restart each service day, per room prefix. */
char *
_gil_queue_allocate_ticket (GilStore    *store,
                            const char  *day,
                            const char  *prefix,
                            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("ticket %s %s", day, prefix);
  gint64 number;

  g_assert (gil_store_in_transaction (store));

  number = gil_store_next_counter (store, name, "numbering a ticket", error);
  if (number == 0)
    return NULL;
  return g_strdup_printf ("%s-%03d", prefix, (int)number);
}

gint64
_gil_queue_insert_stop (GilStore     *store,
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

  g_assert (gil_store_in_transaction (store));

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

GilRoom *
_gil_queue_get_active_room (GilStore  *store,
                            gint64     id,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GilRoom) room = NULL;

  /* Only what a registration or a transfer needs of the room: its whole
   * record (gil_rooms_get()) counts its queue and gathers its tags. */
  stmt = gil_store_get_row (store, "SELECT code, name, cluster, prefix, active FROM rooms WHERE id = ?",
                            id, "reading a room", error,
                            GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                            _("There is no room %lld"), (long long)id);
  if (stmt == NULL)
    return NULL;
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

/* The active room @id that the patient of @ticket moves to (a transfer, a
 * reroute) from room @from; not @from itself. */
GilRoom *
_gil_queue_get_move_target (GilStore    *store,
                            gint64       id,
                            gint64       from,
                            const char  *ticket,
                            GError     **error)
{
  g_autoptr(GilRoom) target = _gil_queue_get_active_room (store, id, error);

  if (target == NULL)
    return NULL;
  if (target->id == from)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION,
                   _("Ticket %s is already in %s"), ticket, target->name);
      return NULL;
    }
  return g_steal_pointer (&target);
}

static gint64
insert_visit (GilStore               *store,
              const GilVisitRequest  *request,
              const GilPatient       *patient,
              const GilRoutingResult *routing,
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
  sqlite3_bind_text (stmt, 8, routing->cluster, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, gil_priority_to_string (routing->priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, routing->priority_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, routing->age_months);
  sqlite3_bind_text (stmt, 12, patient->sex, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, routing->room);
  sqlite3_bind_int64 (stmt, 14, room->id);
  sqlite3_bind_int (stmt, 15, room->id != routing->room);
  if (routing->rule != NULL)
    sqlite3_bind_text (stmt, 16, routing->rule, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 16);
  sqlite3_bind_text (stmt, 17, routing->reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 18, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 19, gil_store_get_station (store));
  if (!gil_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (gil_store_get_db (store));
}

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
 * Registers a visit: routing, the room (the suggestion unless @request->room
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
  GilRoutingResult routing = { 0 };
  GilRoutingInput input = { 0 };
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

  if (!_gil_queue_begin (store, error))
    return NULL;

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
  if (!gil_routing_evaluate (store, &input, day, &routing, error))
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

  if (request->room == 0 && routing.room == 0)
    {
      g_set_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NO_ROOM,
                   _("No room was suggested for this visit; choose a room"));
      goto fail;
    }
  room = _gil_queue_get_active_room (store, request->room != 0 ? request->room : routing.room, error);
  if (room == NULL)
    goto fail;

  ticket = _gil_queue_allocate_ticket (store, day, room->prefix, error);
  if (ticket == NULL)
    goto fail;
  visit = insert_visit (store, request, patient, &routing, room, day, ticket, error);
  if (visit == 0)
    goto fail;
  /* The loket ticket the desk called for this patient is used up with
   * the registration, or neither happens. */
  if (request->loket_ticket != 0 &&
      !gil_loket_mark_registered (store, request->loket_ticket, visit, error))
    goto fail;
  key = _gil_queue_next_key (store, error);
  if (key == 0)
    goto fail;
  stop = _gil_queue_insert_stop (store, visit, room->id, routing.priority, key, 0, 0, 0, error);
  if (stop == 0 ||
      gil_events_append (store, "visit.registered", 0, stop, error) == 0 ||
      gil_events_append (store, "stop.enqueued", 0, stop, error) == 0 ||
      !gil_store_commit (store, error))
    goto fail;

  gil_routing_result_clear (&routing);
  return _gil_queue_read_visit (store, visit, g_steal_pointer (&patient), error);

fail:
  gil_store_abort (store);
  gil_routing_result_clear (&routing);
  return NULL;
}
