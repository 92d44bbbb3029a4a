/* gil-api-json.c — the API's JSON: the core's objects out
 *
 * Rooms, patients, stops, visits, stations, the audit trail and the daily
 * report as API.md writes them. Their readers are in gil-api-read.c, the
 * report's CSV in gil-api-csv.c, an event's message in gil-api-event.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-date.h"
#include "gil-api-json-private.h"
#include "gil-loket.h"

/**
 * gil_api_format_time:
 *
 * Returns: (transfer full): RFC 3339 in the manager's local time with its
 *   offset, e.g. 2026-11-22T08:15:03+08:00
 */
char *
gil_api_format_time (gint64 unix_seconds)
{
  return gil_date_format_local_time (unix_seconds);
}

void
gil_api_add_room (GilJsonWriter *builder,
                  const GilRoom *room,
                  gboolean       with_waiting)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (room != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "id", room->id);
  add_string (builder, "code", room->code);
  add_string (builder, "name", room->name);
  add_string (builder, "cluster", room->cluster);
  add_string (builder, "prefix", room->prefix);
  add_strv (builder, "tags", (const char * const *)room->tags);
  add_bool (builder, "active", room->active);
  add_string (builder, "priority_policy", room->strict ? "strict" : "interleave");
  add_int (builder, "interleave_every", room->interleave_every);
  add_bool (builder, "number_only", room->number_only);
  if (with_waiting)
    add_int (builder, "waiting", room->waiting);
  gil_json_writer_end_object (builder);
}

/* @warning: (nullable): a warning about the patient just saved */
void
gil_api_add_patient (GilJsonWriter    *builder,
                     const GilPatient *patient,
                     const char       *warning)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (patient != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "id", patient->id);
  add_string (builder, "rm", patient->rm);
  add_string (builder, "nik", patient->nik);
  add_string (builder, "bpjs", patient->bpjs);
  add_string (builder, "name", patient->name);
  add_string (builder, "birth_date", patient->birth_date);
  add_string (builder, "sex", patient->sex);
  add_string (builder, "address", patient->address);
  add_string (builder, "phone", patient->phone);
  add_bool (builder, "unidentified", patient->unidentified);
  add_id_or_null (builder, "merged_into", patient->merged_into);
  if (warning != NULL)
    add_string (builder, "warning", warning);
  gil_json_writer_end_object (builder);
}

void
gil_api_add_stop (GilJsonWriter *builder,
                  const GilStop *stop,
                  GilJsonFlags   flags)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (stop != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "id", stop->id);
  add_int (builder, "visit", stop->visit);
  add_int (builder, "room", stop->room);
  add_string (builder, "ticket", stop->ticket);
  add_string (builder, "status", gil_stop_status_to_string (stop->status));
  add_id_or_null (builder, "position", stop->position);
  add_int (builder, "calls", stop->calls);
  add_time (builder, "enqueued_at", stop->enqueued_at);
  add_time (builder, "called_at", stop->called_at);
  add_time (builder, "started_at", stop->started_at);
  add_time (builder, "finished_at", stop->finished_at);
  /* Beyond API.md's minimum: what a room page shows. */
  add_string (builder, "priority", gil_priority_to_string (stop->priority));
  add_bool (builder, "out_of_order", stop->out_of_order);
  add_id_or_null (builder, "return_room", stop->return_room);
  /* The counter (meja) of the room that called it last; doc/api.md. */
  add_id_or_null (builder, "counter", stop->counter);
  add_id_or_null (builder, "back_from", stop->back_from);
  add_time (builder, "waiting_since", stop->waiting_since);
  if (flags & GIL_JSON_WITH_NAMES)
    {
      add_string (builder, "patient_name", stop->patient_name);
      add_string (builder, "priority_reason", stop->priority_reason);
    }
  gil_json_writer_end_object (builder);
}

void
gil_api_add_visit (GilJsonWriter  *builder,
                   const GilVisit *visit)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (visit != NULL);

  gil_api_add_visit_warning (builder, visit, NULL);
}

/* @warning: (nullable): what the desk confirmed though it is implausible */
void
gil_api_add_visit_warning (GilJsonWriter  *builder,
                           const GilVisit *visit,
                           const char     *warning)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (visit != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "id", visit->id);
  gil_json_writer_member (builder, "patient");
  gil_api_add_patient (builder, visit->patient, NULL);
  add_string (builder, "day", visit->day);
  add_string (builder, "ticket", visit->ticket);
  add_string (builder, "purpose", visit->purpose);
  add_strv (builder, "signs", (const char * const *)visit->signs);
  add_bool (builder, "pregnant", visit->pregnant);
  add_string (builder, "payer", visit->payer);
  add_bool (builder, "new_patient", visit->new_patient);
  add_string (builder, "cluster", visit->cluster);
  add_string (builder, "priority", gil_priority_to_string (visit->priority));
  add_string (builder, "priority_reason", visit->priority_reason);
  add_id_or_null (builder, "suggested_room", visit->suggested_room);
  add_int (builder, "room", visit->room);
  add_bool (builder, "overridden", visit->overridden);
  add_string (builder, "rule", visit->rule);
  add_string (builder, "reason", visit->reason);
  gil_json_writer_member (builder, "stops");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < visit->stops->len; i++)
    gil_api_add_stop (builder, g_ptr_array_index (visit->stops, i), GIL_JSON_WITH_NAMES);
  gil_json_writer_end_array (builder);
  add_time (builder, "registered_at", visit->registered_at);
  /* Additions: whether and why the desk cancelled it. */
  add_time (builder, "cancelled_at", visit->cancelled_at);
  add_string (builder, "cancel_reason", visit->cancel_reason);
  /* Additions (schema 15): how the room said it ended. */
  add_string (builder, "outcome", gil_outcome_to_string (visit->outcome));
  add_string (builder, "referred_to", visit->referred_to);
  /* An addition (schema 16): the loket ticket it came from, or null. */
  gil_json_writer_member (builder, "loket");
  if (visit->loket != NULL)
    {
      gil_json_writer_begin_object (builder);
      add_int (builder, "id", visit->loket->id);
      add_string (builder, "ticket", visit->loket->ticket);
      add_time (builder, "taken_at", visit->loket->taken_at);
      add_time (builder, "called_at", visit->loket->called_at);
      add_string (builder, "desk", visit->loket->desk);
      gil_json_writer_end_object (builder);
    }
  else
    gil_json_writer_null (builder);
  if (warning != NULL)
    add_string (builder, "warning", warning);
  gil_json_writer_end_object (builder);
}

void
gil_api_add_station (GilJsonWriter    *builder,
                     const GilStation *station)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (station != NULL);

  gil_json_writer_begin_object (builder);
  /* The admin token has no station row, so no id. */
  add_id_or_null (builder, "id", station->id == GIL_STATION_ADMIN ? 0 : station->id);
  add_string (builder, "name", station->name);
  add_string (builder, "role", gil_role_to_string (station->role));
  gil_json_writer_member (builder, "rooms");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < station->rooms->len; i++)
    gil_json_writer_int (builder, g_array_index (station->rooms, gint64, i));
  gil_json_writer_end_array (builder);
  add_time (builder, "created_at", station->created_at);
  add_bool (builder, "revoked", station->revoked);
  gil_json_writer_end_object (builder);
}

/* ── the audit trail ───────────────────────────────────────────────── */

/* null for the manager itself; the admin token has no id */
static void
add_audit_station (GilJsonWriter         *builder,
                   const GilAuditStation *station)
{
  gil_json_writer_member (builder, "station");
  if (station->id == 0)
    {
      gil_json_writer_null (builder);
      return;
    }
  gil_json_writer_begin_object (builder);
  add_id_or_null (builder, "id", station->id == GIL_STATION_ADMIN ? 0 : station->id);
  add_string (builder, "name", station->name);
  add_string (builder, "role", station->role);
  gil_json_writer_end_object (builder);
}

/* A room as an id and, for people reading it, its name. */
static void
add_room_ref (GilJsonWriter *builder,
              const char  *member,
              const char  *name_member,
              gint64       room,
              const char  *name)
{
  add_id_or_null (builder, member, room);
  add_string (builder, name_member, room != 0 ? name : NULL);
}

void
gil_api_add_audit_entry (GilJsonWriter       *builder,
                         const GilAuditEntry *entry)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (entry != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "seq", entry->seq);
  add_time (builder, "at", entry->at);
  add_string (builder, "type", entry->type);
  add_room_ref (builder, "room", "room_name", entry->room, entry->room_name);
  add_id_or_null (builder, "stop", entry->stop);
  add_string (builder, "ticket", entry->ticket);
  add_string (builder, "status", entry->status);
  add_int (builder, "calls", entry->calls);
  add_audit_station (builder, &entry->station);

  if (g_str_equal (entry->type, "visit.registered"))
    {
      add_room_ref (builder, "suggested_room", "suggested_room_name",
                    entry->suggested_room, entry->suggested_room_name);
      add_bool (builder, "overridden", entry->overridden);
      add_string (builder, "reason", entry->reason);
    }
  else if (g_str_equal (entry->type, "stop.called"))
    add_bool (builder, "out_of_order", entry->out_of_order);
  else if (g_str_equal (entry->type, "stop.transferred") && entry->to_room != 0)
    {
      add_room_ref (builder, "to_room", "to_room_name", entry->to_room, entry->to_room_name);
      add_bool (builder, "return", entry->returns);
    }
  else if (g_str_equal (entry->type, "stop.cancelled"))
    add_string (builder, "reason", entry->reason);
  else if (g_str_equal (entry->type, "stop.rerouted"))
    {
      add_room_ref (builder, "to_room", "to_room_name", entry->to_room, entry->to_room_name);
      add_string (builder, "reason", entry->reason);
    }
  else if (g_str_equal (entry->type, "stop.enqueued") && entry->from_room != 0)
    {
      add_room_ref (builder, "from_room", "from_room_name", entry->from_room, entry->from_room_name);
      add_bool (builder, "returning", entry->returning);
    }
  gil_json_writer_end_object (builder);
}

void
gil_api_add_patient_change (GilJsonWriter          *builder,
                            const GilPatientChange *change)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (change != NULL);

  gil_json_writer_begin_object (builder);
  add_int (builder, "id", change->id);
  add_time (builder, "at", change->at);
  add_string (builder, "action", change->action);
  add_strv (builder, "fields", (const char * const *)change->fields);
  add_audit_station (builder, &change->station);
  gil_json_writer_end_object (builder);
}

/* ── reports ─────────────────────────────────────────────────────── */

static void
add_seconds_or_null (GilJsonWriter *builder,
                     const char  *name,
                     gint64       seconds)
{
  gil_json_writer_member (builder, name);
  if (seconds < 0)
    gil_json_writer_null (builder);
  else
    gil_json_writer_int (builder, seconds);
}

/**
 * gil_api_add_minutes:
 * @seconds: a time, or -1 for none
 *
 * Whole minutes, the nearest, as the monthly report and the loket's wait
 * give them; null when there was nothing to measure.
 */
void
gil_api_add_minutes (GilJsonWriter *builder,
                     const char    *name,
                     gint64         seconds)
{
  add_seconds_or_null (builder, name, seconds < 0 ? -1 : (seconds + 30) / 60);
}

/**
 * gil_api_add_report_figures:
 * @flags: %GIL_REPORT_JSON_OF_VISITS for the figures only visits have
 *   (not a room's stops); %GIL_REPORT_JSON_MONTHLY for the monthly
 *   report's members (new and returning, times in minutes) instead of a
 *   day's (new_patients, times in seconds)
 *
 * The members of a report's figures, into the object being written.
 */
void
gil_api_add_report_figures (GilJsonWriter          *builder,
                            const GilReportFigures *figures,
                            GilReportJsonFlags      flags)
{
  gboolean of_visits = (flags & GIL_REPORT_JSON_OF_VISITS) != 0;
  gboolean monthly = (flags & GIL_REPORT_JSON_MONTHLY) != 0;

  add_int (builder, "visits", figures->visits);
  if (of_visits && monthly)
    {
      add_int (builder, "new", figures->new_patients);
      add_int (builder, "returning", figures->visits - figures->new_patients);
    }
  else if (of_visits)
    {
      add_int (builder, "new_patients", figures->new_patients);
    }
  add_int (builder, "served", figures->served);
  add_int (builder, "not_served", figures->not_served);
  add_int (builder, "cancelled", figures->cancelled);
  /* Additions (schema 15), of visits: not for a room's stops. */
  if (of_visits)
    {
      add_int (builder, "referred", figures->referred);
      add_int (builder, "died", figures->died);
    }
  if (monthly)
    {
      gil_api_add_minutes (builder, "wait_p50_minutes", figures->wait_p50);
      gil_api_add_minutes (builder, "wait_p90_minutes", figures->wait_p90);
      gil_api_add_minutes (builder, "service_p50_minutes", figures->service_p50);
      gil_api_add_minutes (builder, "service_p90_minutes", figures->service_p90);
    }
  else
    {
      add_seconds_or_null (builder, "wait_p50", figures->wait_p50);
      add_seconds_or_null (builder, "wait_p90", figures->wait_p90);
      add_seconds_or_null (builder, "service_p50", figures->service_p50);
    }
}

/**
 * gil_api_add_report_groups:
 * @name: the array's member, "clusters" or "rooms"
 * @groups: (element-type GilReportGroup): the clusters or the rooms
 * @flags: as for gil_api_add_report_figures(); %GIL_REPORT_JSON_OF_VISITS
 *   is for clusters only
 *
 * A report's clusters, or its rooms with their id, code and name.
 */
void
gil_api_add_report_groups (GilJsonWriter      *builder,
                           const char         *name,
                           GPtrArray          *groups,
                           gboolean            rooms,
                           GilReportJsonFlags  flags)
{
  g_return_if_fail (!rooms || (flags & GIL_REPORT_JSON_OF_VISITS) == 0);

  gil_json_writer_member (builder, name);
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      GilReportGroup *group = g_ptr_array_index (groups, i);

      gil_json_writer_begin_object (builder);
      if (rooms)
        {
          add_int (builder, "room", group->room);
          add_string (builder, "code", group->code);
          add_string (builder, "name", group->name);
        }
      else
        {
          add_string (builder, "cluster", group->code);
        }
      gil_api_add_report_figures (builder, &group->figures, flags);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);
}

static void
add_counts (GilJsonWriter *builder,
            const char  *name,
            const char  *(*key) (guint),
            const int   *counts,
            guint        n)
{
  gil_json_writer_member (builder, name);
  gil_json_writer_begin_object (builder);
  for (guint i = 0; i < n; i++)
    add_int (builder, key (i), counts[i]);
  gil_json_writer_end_object (builder);
}

static const char *
sex_key (guint i)
{
  return i == 0 ? "F" : "M";
}

static const char *
purpose_key (guint i)
{
  return gil_terms_purposes ()[i];
}

/**
 * gil_api_add_payers_purposes:
 * @by_payer: the visits of each payer, as gil_report_payer() names them
 * @by_purpose: the visits of each of gil_terms_purposes()
 *
 * A report's by_payer and by_purpose objects.
 */
void
gil_api_add_payers_purposes (GilJsonWriter *builder,
                             const int     *by_payer,
                             const int     *by_purpose)
{
  add_counts (builder, "by_payer", gil_report_payer, by_payer, GIL_REPORT_N_PAYERS);
  add_counts (builder, "by_purpose", purpose_key, by_purpose,
              g_strv_length ((GStrv)gil_terms_purposes ()));
}

/**
 * gil_api_add_daily_report:
 * @summary: only the date and the totals, as a range lists each day
 *
 * API.md's daily report. Rooms also carry their code and name.
 */
void
gil_api_add_daily_report (GilJsonWriter        *builder,
                          const GilDailyReport *report,
                          gboolean              summary)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (report != NULL);

  gil_json_writer_begin_object (builder);
  add_string (builder, "date", report->date);
  gil_json_writer_member (builder, "totals");
  gil_json_writer_begin_object (builder);
  gil_api_add_report_figures (builder, &report->totals, GIL_REPORT_JSON_OF_VISITS);
  /* Additions (schema 16): the wait before the desk, in whole minutes. */
  gil_api_add_minutes (builder, "loket_wait_p50_minutes", report->loket_wait_p50);
  gil_api_add_minutes (builder, "loket_wait_p90_minutes", report->loket_wait_p90);
  gil_json_writer_end_object (builder);
  if (summary)
    {
      gil_json_writer_end_object (builder);
      return;
    }

  gil_api_add_report_groups (builder, "clusters", report->clusters, FALSE, 0);
  gil_api_add_report_groups (builder, "rooms", report->rooms, TRUE, 0);

  gil_json_writer_member (builder, "by_hour");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < report->hours->len; i++)
    {
      GilReportHour *hour = &g_array_index (report->hours, GilReportHour, i);

      gil_json_writer_begin_object (builder);
      add_int (builder, "hour", hour->hour);
      add_int (builder, "arrivals", hour->arrivals);
      add_int (builder, "served", hour->served);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);

  gil_json_writer_member (builder, "by_age_group");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < GIL_N_AGE_GROUPS; i++)
    {
      gil_json_writer_begin_object (builder);
      add_string (builder, "group", gil_report_age_group (i));
      add_int (builder, "visits", report->by_age_group[i]);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);

  add_counts (builder, "by_sex", sex_key, report->by_sex, 2);
  gil_api_add_payers_purposes (builder, report->by_payer, report->by_purpose);
  gil_json_writer_end_object (builder);
}
