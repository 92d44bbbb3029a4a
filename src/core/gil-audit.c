/* gil-audit.c — who did what: a visit's history, a patient record's changes
 *
 * A visit's history is read from the same events the queue is pushed from,
 * and, for events older than the log keeps, from visit_history:
 * each names the station whose request made it (0 when the manager did it
 * by itself, as when a new day expires the stops left open). What an event
 * meant — where a transfer went, that a patient came back, that a call was
 * out of turn — is read from the stops it links and the event's detail.
 *
 * Patient records change outside the queue and its event stream, so their
 * creations and corrections are kept in patient_changes: who, when, which
 * fields (not the values, which the record itself holds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-audit.h"
#include "gil-stations.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

static void
station_clear (GilAuditStation *station)
{
  g_clear_pointer (&station->name, g_free);
  g_clear_pointer (&station->role, g_free);
}

/* Reads id, name and role from three columns; the admin token has no row. */
static void
read_station (GilAuditStation *station,
              sqlite3_stmt    *stmt,
              int              column)
{
  station->id = sqlite3_column_int64 (stmt, column);
  if (station->id == GIL_STATION_ADMIN)
    {
      station->name = g_strdup ("admin");
      station->role = g_strdup ("admin");
    }
  else if (station->id != 0)
    {
      station->name = dup_column (stmt, column + 1);
      station->role = dup_column (stmt, column + 2);
    }
}

void
gil_audit_entry_free (GilAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->type);
  g_free (entry->room_name);
  g_free (entry->ticket);
  g_free (entry->status);
  station_clear (&entry->station);
  g_free (entry->suggested_room_name);
  g_free (entry->reason);
  g_free (entry->to_room_name);
  g_free (entry->from_room_name);
  g_free (entry);
}

void
gil_patient_change_free (GilPatientChange *change)
{
  if (change == NULL)
    return;
  g_free (change->action);
  g_strfreev (change->fields);
  station_clear (&change->station);
  g_free (change);
}

/* A visit's event, from a row of gil_audit_visit_history()'s query. */
static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  GilAuditEntry *entry = g_new0 (GilAuditEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->type = dup_column (stmt, 1);
  entry->at = sqlite3_column_int64 (stmt, 2);
  entry->room = sqlite3_column_int64 (stmt, 3);
  entry->room_name = dup_column (stmt, 4);
  entry->stop = sqlite3_column_int64 (stmt, 5);
  entry->ticket = dup_column (stmt, 6);
  entry->status = dup_column (stmt, 7);
  entry->calls = sqlite3_column_int64 (stmt, 8);
  read_station (&entry->station, stmt, 9);
  if (g_str_equal (entry->type, "visit.registered"))
    {
      entry->suggested_room = sqlite3_column_int64 (stmt, 12);
      entry->suggested_room_name = dup_column (stmt, 13);
      entry->overridden = sqlite3_column_int (stmt, 14) != 0;
      entry->reason = dup_column (stmt, 15);
    }
  entry->out_of_order = sqlite3_column_int (stmt, 16) != 0;
  entry->to_room = sqlite3_column_int64 (stmt, 17);
  entry->to_room_name = dup_column (stmt, 18);
  entry->returns = entry->to_room != 0 && sqlite3_column_int (stmt, 19) != 0;
  entry->from_room = sqlite3_column_int64 (stmt, 20);
  entry->from_room_name = dup_column (stmt, 21);
  entry->returning = entry->from_room != 0 && sqlite3_column_int (stmt, 22) != 0;
  /* The desk's corrections (gil-queue-desk.c): why, and where to. */
  if (g_str_equal (entry->type, "stop.cancelled") || g_str_equal (entry->type, "stop.rerouted"))
    entry->reason = dup_column (stmt, 23);
  if (g_str_equal (entry->type, "stop.rerouted"))
    {
      entry->to_room = sqlite3_column_int64 (stmt, 24);
      entry->to_room_name = dup_column (stmt, 25);
    }
  return entry;
}

/**
 * gil_audit_visit_history:
 *
 * Returns: (transfer full) (element-type GilAuditEntry): every event of
 *   @visit in order; empty for a visit that does not exist
 */
GPtrArray *
gil_audit_visit_history (GilStore  *store,
                         gint64     visit,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  /* A transfer's new stop names the stop it came from; so does the stop a
   * finish with a return makes, whose origin is then done, not transferred. */
  stmt = gil_store_prepare (store,
                            "SELECT e.seq, e.type, e.at, coalesce (e.room, 0), r.name,"
                            " coalesce (e.stop, 0), e.ticket, e.status, e.calls,"
                            " e.station, st.name, st.role,"
                            " coalesce (sr.id, 0), sr.name, v.overridden, v.reason,"
                            " coalesce (json_extract (e.detail, '$.out_of_order'), 0),"
                            " coalesce (t.room, 0), tr.name, t.return_room IS NOT NULL,"
                            " coalesce (f.room, 0), fr.name, f.status = 'done',"
                            " json_extract (e.detail, '$.reason'), coalesce (rr.id, 0), rr.name"
                            " FROM (SELECT seq, type, at, room, visit, stop, station,"
                            "        json_extract (data, '$.ticket') AS ticket,"
                            "        json_extract (data, '$.status') AS status,"
                            "        coalesce (json_extract (data, '$.calls'), 0) AS calls, detail"
                            "       FROM events WHERE visit = ?1"
                            "       UNION ALL"
                            "       SELECT seq, type, at, room, visit, stop, station, ticket, status, calls, detail"
                            "       FROM visit_history WHERE visit = ?1) e"
                            " JOIN visits v ON v.id = e.visit"
                            " LEFT JOIN rooms r ON r.id = e.room"
                            " LEFT JOIN stations st ON st.id = e.station"
                            " LEFT JOIN rooms sr ON e.type = 'visit.registered' AND sr.id = v.suggested_room"
                            " LEFT JOIN stops s ON s.id = e.stop"
                            " LEFT JOIN stops t ON e.type = 'stop.transferred'"
                            "  AND t.visit = e.visit AND t.from_stop = e.stop"
                            " LEFT JOIN rooms tr ON tr.id = t.room"
                            " LEFT JOIN stops f ON e.type = 'stop.enqueued' AND f.id = s.from_stop"
                            " LEFT JOIN rooms fr ON fr.id = f.room"
                            " LEFT JOIN rooms rr ON e.type = 'stop.rerouted'"
                            "  AND rr.id = json_extract (e.detail, '$.to_room')"
                            " ORDER BY e.seq",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visit);

  return gil_store_collect_rows (store, stmt, entry_from_row,
                                 (GDestroyNotify)gil_audit_entry_free,
                                 "reading a visit's history", error);
}

/**
 * gil_audit_record_patient:
 * @action: "created" or "updated"
 * @fields: the fields changed, comma-separated
 *
 * Records, inside the current write, that the station of this write
 * (gil_store_set_station()) created or corrected @patient's record.
 */
gboolean
gil_audit_record_patient (GilStore    *store,
                          gint64       patient,
                          const char  *action,
                          const char  *fields,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL && fields != NULL, FALSE);
  g_return_val_if_fail (gil_store_in_transaction (store), FALSE);

  stmt = gil_store_prepare (store,
                            "INSERT INTO patient_changes (patient, at, station, action, fields) "
                            "VALUES (?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient);
  sqlite3_bind_int64 (stmt, 2, gil_store_now (store));
  sqlite3_bind_int64 (stmt, 3, gil_store_get_station (store));
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, fields, -1, SQLITE_STATIC);
  return gil_store_step_done (store, stmt, error);
}

/* A change of a patient's record, from a row of
 * gil_audit_patient_history()'s query. */
static gpointer
change_from_row (sqlite3_stmt *stmt)
{
  GilPatientChange *change = g_new0 (GilPatientChange, 1);
  const char *fields = (const char *)sqlite3_column_text (stmt, 3);

  change->id = sqlite3_column_int64 (stmt, 0);
  change->at = sqlite3_column_int64 (stmt, 1);
  change->action = dup_column (stmt, 2);
  change->fields = fields != NULL && *fields != '\0' ? g_strsplit (fields, ",", -1)
                                                     : g_new0 (char *, 1);
  read_station (&change->station, stmt, 4);
  return change;
}

/**
 * gil_audit_patient_history:
 *
 * Returns: (transfer full) (element-type GilPatientChange): who created
 *   and corrected @patient's record, oldest first
 */
GPtrArray *
gil_audit_patient_history (GilStore  *store,
                           gint64     patient,
                           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store,
                            "SELECT c.id, c.at, c.action, c.fields, c.station, st.name, st.role"
                            " FROM patient_changes c LEFT JOIN stations st ON st.id = c.station"
                            " WHERE c.patient = ? ORDER BY c.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient);

  return gil_store_collect_rows (store, stmt, change_from_row,
                                 (GDestroyNotify)gil_patient_change_free,
                                 "reading a patient's record history", error);
}
