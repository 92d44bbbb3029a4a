/* gil-api-json.c — the API's JSON: core objects out, request fields in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "gil-date.h"
#include "gil-api-json.h"

G_DEFINE_QUARK (gil-request-error-quark, gil_request_error)

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

static void
add_time (GilJsonWriter *builder,
          const char  *member,
          gint64       unix_seconds)
{
  gil_json_writer_member (builder, member);
  if (unix_seconds == 0)
    {
      gil_json_writer_null (builder);
    }
  else
    {
      g_autofree char *text = gil_api_format_time (unix_seconds);

      gil_json_writer_string (builder, text);
    }
}

static void
add_string (GilJsonWriter *builder,
            const char  *member,
            const char  *value)
{
  gil_json_writer_member (builder, member);
  if (value != NULL)
    gil_json_writer_string (builder, value);
  else
    gil_json_writer_null (builder);
}

static void
add_int (GilJsonWriter *builder,
         const char  *member,
         gint64       value)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_int (builder, value);
}

static void
add_id_or_null (GilJsonWriter *builder,
                const char  *member,
                gint64       value)
{
  gil_json_writer_member (builder, member);
  if (value != 0)
    gil_json_writer_int (builder, value);
  else
    gil_json_writer_null (builder);
}

static void
add_bool (GilJsonWriter *builder,
          const char  *member,
          gboolean     value)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_bool (builder, value);
}

void
gil_api_add_room (GilJsonWriter *builder,
                  const GilRoom *room,
                  gboolean       with_waiting)
{
  gil_json_writer_begin_object (builder);
  add_int (builder, "id", room->id);
  add_string (builder, "code", room->code);
  add_string (builder, "name", room->name);
  add_string (builder, "cluster", room->cluster);
  add_string (builder, "prefix", room->prefix);
  gil_json_writer_member (builder, "tags");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; room->tags != NULL && room->tags[i] != NULL; i++)
    gil_json_writer_string (builder, room->tags[i]);
  gil_json_writer_end_array (builder);
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
  gil_api_add_visit_warning (builder, visit, NULL);
}

/* @warning: (nullable): what the desk confirmed though it is implausible */
void
gil_api_add_visit_warning (GilJsonWriter  *builder,
                           const GilVisit *visit,
                           const char     *warning)
{
  gil_json_writer_begin_object (builder);
  add_int (builder, "id", visit->id);
  gil_json_writer_member (builder, "patient");
  gil_api_add_patient (builder, visit->patient, NULL);
  add_string (builder, "day", visit->day);
  add_string (builder, "ticket", visit->ticket);
  add_string (builder, "purpose", visit->purpose);
  gil_json_writer_member (builder, "signs");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; visit->signs[i] != NULL; i++)
    gil_json_writer_string (builder, visit->signs[i]);
  gil_json_writer_end_array (builder);
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
  if (warning != NULL)
    add_string (builder, "warning", warning);
  gil_json_writer_end_object (builder);
}

void
gil_api_add_station (GilJsonWriter    *builder,
                     const GilStation *station)
{
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
  gil_json_writer_begin_object (builder);
  add_int (builder, "id", change->id);
  add_time (builder, "at", change->at);
  add_string (builder, "action", change->action);
  gil_json_writer_member (builder, "fields");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; change->fields[i] != NULL; i++)
    gil_json_writer_string (builder, change->fields[i]);
  gil_json_writer_end_array (builder);
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

static void
add_figures (GilJsonWriter          *builder,
             const GilReportFigures *figures,
             gboolean                new_patients)
{
  add_int (builder, "visits", figures->visits);
  if (new_patients)
    add_int (builder, "new_patients", figures->new_patients);
  add_int (builder, "served", figures->served);
  add_int (builder, "not_served", figures->not_served);
  add_int (builder, "cancelled", figures->cancelled);
  add_seconds_or_null (builder, "wait_p50", figures->wait_p50);
  add_seconds_or_null (builder, "wait_p90", figures->wait_p90);
  add_seconds_or_null (builder, "service_p50", figures->service_p50);
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
  gil_json_writer_begin_object (builder);
  add_string (builder, "date", report->date);
  gil_json_writer_member (builder, "totals");
  gil_json_writer_begin_object (builder);
  add_figures (builder, &report->totals, TRUE);
  gil_json_writer_end_object (builder);
  if (summary)
    {
      gil_json_writer_end_object (builder);
      return;
    }

  gil_json_writer_member (builder, "clusters");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < report->clusters->len; i++)
    {
      GilReportGroup *group = g_ptr_array_index (report->clusters, i);

      gil_json_writer_begin_object (builder);
      add_string (builder, "cluster", group->code);
      add_figures (builder, &group->figures, FALSE);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);

  gil_json_writer_member (builder, "rooms");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < report->rooms->len; i++)
    {
      GilReportGroup *group = g_ptr_array_index (report->rooms, i);

      gil_json_writer_begin_object (builder);
      add_int (builder, "room", group->room);
      add_string (builder, "code", group->code);
      add_string (builder, "name", group->name);
      add_figures (builder, &group->figures, FALSE);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);

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
  add_counts (builder, "by_payer", gil_report_payer, report->by_payer, 3);
  add_counts (builder, "by_purpose", purpose_key, report->by_purpose,
              g_strv_length ((GStrv)gil_terms_purposes ()));
  gil_json_writer_end_object (builder);
}

/* One CSV field: quoted when it holds a comma, a quote or a line break. */
static void
append_field (GString    *csv,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_row (GString    *csv,
            const char *date,
            const char *section,
            const char *group,
            const char *measure,
            JsonNode   *value)
{
  g_autofree char *text = NULL;

  if (JSON_NODE_HOLDS_NULL (value))
    text = g_strdup ("");
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (value));
  else
    text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

  append_field (csv, date);
  g_string_append_c (csv, ',');
  append_field (csv, section);
  g_string_append_c (csv, ',');
  append_field (csv, group);
  g_string_append_c (csv, ',');
  append_field (csv, measure);
  g_string_append_c (csv, ',');
  append_field (csv, text);
  g_string_append (csv, "\r\n");
}

/* The key that names an element of a report's list. */
static const char *
group_of (JsonObject *element)
{
  static const char * const keys[] = { "code", "cluster", "group" };
  static char hour[8];

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (json_object_has_member (element, keys[i]))
      return json_object_get_string_member (element, keys[i]);
  g_snprintf (hour, sizeof hour, "%02d", (int)json_object_get_int_member_with_default (element, "hour", 0));
  return hour;
}

/**
 * gil_api_report_csv:
 * @reports: an array of daily reports as gil_api_add_daily_report() made
 *
 * The same figures as one table, a row per figure: date, section, group,
 * measure, value. Plain UTF-8 with CRLF line ends, as spreadsheets read it.
 */
char *
gil_api_report_csv (JsonNode *reports)
{
  GString *csv = g_string_new ("date,section,group,measure,value\r\n");
  JsonArray *days = json_node_get_array (reports);

  for (guint d = 0; d < json_array_get_length (days); d++)
    {
      JsonObject *day = json_array_get_object_element (days, d);
      const char *date = json_object_get_string_member (day, "date");
      g_autoptr(GList) sections = json_object_get_members (day);

      for (GList *s = sections; s != NULL; s = s->next)
        {
          const char *section = s->data;
          JsonNode *node = json_object_get_member (day, section);

          if (JSON_NODE_HOLDS_OBJECT (node))
            {
              JsonObject *object = json_node_get_object (node);
              g_autoptr(GList) measures = json_object_get_members (object);

              /* totals: figures of the day; by_sex and the like: counts */
              for (GList *m = measures; m != NULL; m = m->next)
                if (g_str_equal (section, "totals"))
                  append_row (csv, date, section, "", m->data, json_object_get_member (object, m->data));
                else
                  append_row (csv, date, section, m->data, "visits", json_object_get_member (object, m->data));
            }
          else if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonObject *element = json_array_get_object_element (array, i);
                  const char *group = group_of (element);
                  g_autoptr(GList) measures = json_object_get_members (element);

                  for (GList *m = measures; m != NULL; m = m->next)
                    if (!g_strv_contains ((const char * const[]) { "code", "cluster", "group", "hour", "room", NULL },
                                          m->data))
                      append_row (csv, date, section, group, m->data, json_object_get_member (element, m->data));
                }
            }
        }
    }
  return g_string_free (csv, FALSE);
}

/* One member of an event's stored stop snapshot: read in place from the
 * text SQLite wrote, or taken from json-glib's reading of another text. */
typedef struct
{
  char        buffer[32];  /* the name, when read in place */
  const char *name;
  char        kind;        /* 'i' integer, 's' string, 'n' null, 'v' other (node) */
  const char *value;       /* a string's characters, without quotes */
  gsize       length;
  gint64      number;
  JsonNode   *node;
} SnapshotMember;

/* A string from @p (at its opening quote) to its closing quote, when it
 * holds no escape and no control character; @p is left after it. */
static gboolean
scan_plain_string (const char  **p,
                   const char  **start,
                   gsize        *length)
{
  const char *q = *p + 1;

  *start = q;
  while (*q != '"')
    {
      if (*q == '\\' || (guchar)*q < 0x20)
        return FALSE;
      q++;
    }
  *length = q - *start;
  *p = q + 1;
  return TRUE;
}

/* Reads a snapshot as SQLite's json_object () writes it: one object of
 * integers, nulls and strings, no space, no escape. Anything else (an old
 * or hand-made snapshot) is left to json-glib. */
static gboolean
read_flat_snapshot (const char *text,
                    GArray     *members)
{
  const char *p = text;

  if (*p++ != '{')
    return FALSE;
  if (*p == '}')
    return p[1] == '\0';
  for (;;)
    {
      SnapshotMember member = { { 0 } };
      const char *name;
      gsize length;

      if (*p != '"' || !scan_plain_string (&p, &name, &length) ||
          length >= sizeof member.buffer || *p++ != ':')
        return FALSE;
      memcpy (member.buffer, name, length);
      /* A name twice is json-glib's to settle (it keeps the last). */
      for (guint i = 0; i < members->len; i++)
        if (strcmp (g_array_index (members, SnapshotMember, i).buffer, member.buffer) == 0)
          return FALSE;
      if (*p == '"')
        {
          member.kind = 's';
          if (!scan_plain_string (&p, &member.value, &member.length))
            return FALSE;
        }
      else if (strncmp (p, "null", 4) == 0)
        {
          member.kind = 'n';
          p += 4;
        }
      else
        {
          const char *digits = *p == '-' ? p + 1 : p;
          const char *end = digits;

          while (g_ascii_isdigit (*end))
            end++;
          /* Integers alone, and none that could overflow. */
          if (end == digits || end - digits > 18)
            return FALSE;
          member.kind = 'i';
          member.number = g_ascii_strtoll (p, NULL, 10);
          p = end;
        }
      g_array_append_val (members, member);
      if (*p == '}')
        return p[1] == '\0';
      if (*p++ != ',')
        return FALSE;
    }
}

/* The members of a snapshot json-glib has read; they point into @object. */
static void
members_of_object (JsonObject *object,
                   GArray     *members)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    {
      SnapshotMember member = { { 0 } };
      JsonNode *node = json_object_get_member (object, l->data);

      member.name = l->data;
      member.node = node;
      if (JSON_NODE_HOLDS_NULL (node))
        member.kind = 'n';
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          member.kind = 'i';
          member.number = json_node_get_int (node);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          member.kind = 's';
          member.value = json_node_get_string (node);
          member.length = strlen (member.value);
        }
      else
        member.kind = 'v';
      g_array_append_val (members, member);
    }
}

/* A member as an integer, as json-glib's getters give one: 0 for what is
 * not a number. */
static gint64
member_int (const SnapshotMember *member)
{
  if (member->kind == 'i')
    return member->number;
  if (member->kind == 'v' && JSON_NODE_HOLDS_VALUE (member->node))
    return json_node_get_int (member->node);
  return 0;
}

/* The stored stop snapshot, with its unix times made RFC 3339, then its
 * ticket and calls beside it. */
static void
add_event_stop (GilJsonWriter *builder,
                GArray        *members)
{
  static const char * const times[] = { "enqueued_at", "called_at", "started_at", "finished_at", NULL };
  g_autofree char *ticket = NULL;
  gint64 calls = 0;
  gint64 counter = 0;

  gil_json_writer_member (builder, "stop");
  gil_json_writer_begin_object (builder);
  for (guint i = 0; i < members->len; i++)
    {
      SnapshotMember *member = &g_array_index (members, SnapshotMember, i);
      const char *name = member->name != NULL ? member->name : member->buffer;
      g_autofree char *text = member->kind == 's' ? g_strndup (member->value, member->length) : NULL;

      if (g_strv_contains (times, name))
        add_time (builder, name, member_int (member));
      else if (g_str_equal (name, "number_only"))
        add_bool (builder, name, member_int (member) != 0);
      else
        {
          gil_json_writer_member (builder, name);
          if (member->kind == 'i')
            gil_json_writer_int (builder, member->number);
          else if (member->kind == 's')
            gil_json_writer_string (builder, text);
          else if (member->kind == 'v')
            gil_json_writer_node (builder, member->node);
          else
            gil_json_writer_null (builder);
        }
      if (g_str_equal (name, "ticket"))
        {
          g_free (ticket);
          ticket = g_strdup (text);
        }
      else if (g_str_equal (name, "calls"))
        calls = member_int (member);
      else if (g_str_equal (name, "counter"))
        counter = member_int (member);
    }
  gil_json_writer_end_object (builder);
  add_string (builder, "ticket", ticket);
  add_int (builder, "calls", calls);
  /* An addition to API.md: the counter that called, or null. */
  add_id_or_null (builder, "counter", counter);
}

/**
 * gil_api_event_message:
 *
 * @log: (nullable): the id of the log @event is in
 *
 * Returns: (transfer full): the WebSocket message for @event
 */
char *
gil_api_event_message (const GilEvent *event,
                       const char     *log)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GArray) members = g_array_sized_new (FALSE, FALSE, sizeof (SnapshotMember), 16);
  g_autoptr(JsonNode) data = NULL;
  gboolean has_stop = FALSE;

  /* The snapshot is read once per event, for every client; in place when
   * it is as SQLite wrote it. */
  if (event->stop != 0)
    {
      has_stop = read_flat_snapshot (event->data, members);
      if (!has_stop)
        {
          g_array_set_size (members, 0);
          data = json_from_string (event->data, NULL);
          has_stop = data != NULL && JSON_NODE_HOLDS_OBJECT (data);
          if (has_stop)
            members_of_object (json_node_get_object (data), members);
        }
    }

  gil_json_writer_begin_object (builder);
  add_int (builder, "seq", event->seq);
  /* An addition to API.md: which timeline the seq belongs to. */
  if (log != NULL)
    add_string (builder, "log", log);
  add_string (builder, "type", event->type);
  add_time (builder, "at", event->at);
  add_id_or_null (builder, "room", event->room);
  add_id_or_null (builder, "visit", event->visit);
  /* A paired station's id; null for the manager and its admin token, as
   * before the audit trail told them apart (GET /visits/{id}/history). */
  add_id_or_null (builder, "station", MAX (event->station, 0));
  if (has_stop)
    add_event_stop (builder, members);
  gil_json_writer_end_object (builder);

  return gil_json_writer_steal (builder, NULL);
}

/* ── strict JSON ─────────────────────────────────────────────────────── */

/* json-glib 1.6 reads more than JSON: a second value after the first ("{}{}"
 * is taken as "{}"), single quotes, comments, leading zeros, unknown escapes
 * and a byte order mark. A request is checked against RFC 8259's grammar
 * first, so what the manager acts on is exactly what was sent. Nesting is
 * bounded too: no request of the API goes deeper than a few levels. */

#define MAX_DEPTH 32

typedef struct
{
  const char *p;
  const char *end;
  guint       depth;
  gboolean    too_deep;
} Syntax;

static gboolean syntax_value (Syntax *s);

static void
syntax_space (Syntax *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
syntax_literal (Syntax     *s,
                const char *word)
{
  gsize n = strlen (word);

  if ((gsize)(s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

static gboolean
syntax_digits (Syntax *s)
{
  const char *start = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > start;
}

static gboolean
syntax_number (Syntax *s)
{
  if (s->p < s->end && *s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!syntax_digits (s))
    return FALSE;
  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (!syntax_digits (s))
        return FALSE;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!syntax_digits (s))
        return FALSE;
    }
  return TRUE;
}

/* The four hex digits of a \u escape, or -1. */
static int
syntax_unit (Syntax *s)
{
  int unit = 0;

  for (guint i = 0; i < 4; i++, s->p++)
    {
      if (s->p >= s->end || !g_ascii_isxdigit (*s->p))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (*s->p);
    }
  return unit;
}

static gboolean
syntax_string (Syntax *s)
{
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  s->p++;
  while (s->p < s->end)
    {
      guchar c = *s->p++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;
      if (s->p >= s->end)
        return FALSE;
      c = *s->p++;
      if (c == 'u')
        {
          int unit = syntax_unit (s);

          /* Not a character a C string holds (NUL), or half of a
           * surrogate pair, which json-glib turns into bytes that are
           * not UTF-8. */
          if (unit <= 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return FALSE;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
                return FALSE;
              s->p += 2;
              unit = syntax_unit (s);
              if (unit < 0xdc00 || unit > 0xdfff)
                return FALSE;
            }
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }
  return FALSE;
}

/* An object or array: @close ends it, members are "key": value when @keys. */
static gboolean
syntax_container (Syntax   *s,
                  char      close,
                  gboolean  keys)
{
  s->p++;
  if (++s->depth > MAX_DEPTH)
    {
      s->too_deep = TRUE;
      return FALSE;
    }
  syntax_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      s->depth--;
      return TRUE;
    }
  for (;;)
    {
      if (keys)
        {
          if (!syntax_string (s))
            return FALSE;
          syntax_space (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
        }
      if (!syntax_value (s))
        return FALSE;
      syntax_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        {
          s->p++;
          s->depth--;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
      syntax_space (s);
    }
}

static gboolean
syntax_value (Syntax *s)
{
  syntax_space (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '{': return syntax_container (s, '}', TRUE);
    case '[': return syntax_container (s, ']', FALSE);
    case '"': return syntax_string (s);
    case 't': return syntax_literal (s, "true");
    case 'f': return syntax_literal (s, "false");
    case 'n': return syntax_literal (s, "null");
    default: return syntax_number (s);
    }
}

/* Whether @data is one JSON value and nothing else. */
static gboolean
check_syntax (const char  *data,
              gsize        length,
              GError     **error)
{
  Syntax s = { data, data + length, 0, FALSE };

  if (syntax_value (&s))
    {
      syntax_space (&s);
      if (s.p == s.end)
        return TRUE;
    }
  if (s.too_deep)
    g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_JSON,
                 _("The request body nests deeper than %d levels"), MAX_DEPTH);
  else
    g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_JSON,
                 _("The request body is not valid JSON at byte %u"),
                 (guint)(MIN (s.p, s.end) - data) + 1);
  return FALSE;
}

/**
 * gil_api_parse_object:
 *
 * Returns: (transfer full): the request body, which must be exactly one
 *   JSON object in UTF-8
 */
JsonObject *
gil_api_parse_object (GBytes  *body,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_JSON,
                           _("The request needs a JSON object body"));
      return NULL;
    }
  if (g_utf8_validate (data, length, NULL) && !check_syntax (data, length, error))
    return NULL;
  if (!g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the bad string in its message, and a lone
       * surrogate such as "\ud800" comes back as bytes that are not
       * UTF-8: the reply must still be UTF-8 JSON. */
      g_autofree char *reason = g_utf8_make_valid (local_error != NULL ? local_error->message
                                                                       : _("not UTF-8"), -1);

      g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_JSON,
                   _("The request body is not valid JSON: %s"), reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_JSON,
                           _("The request body must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

static gboolean
wrong_type (const char  *field,
            const char  *expected,
            GError     **error)
{
  /* TRANSLATORS: e.g. "The field “name” must be a string" */
  g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
               _("The field “%s” must be %s"), field, expected);
  return FALSE;
}

static gboolean
missing (const char  *field,
         GError     **error)
{
  g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
               _("The field “%s” is required"), field);
  return FALSE;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
gil_api_get_string (JsonObject  *object,
                    const char  *field,
                    gboolean     required,
                    const char **out,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return required ? missing (field, error) : TRUE;
  if (!is_type (node, G_TYPE_STRING))
    return wrong_type (field, _("a string"), error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
gil_api_get_nullable_string (JsonObject  *object,
                             const char  *field,
                             const char **out,
                             gboolean    *present,
                             GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  *present = node != NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      return TRUE;
    }
  if (!is_type (node, G_TYPE_STRING))
    return wrong_type (field, _("a string or null"), error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
gil_api_get_int (JsonObject  *object,
                 const char  *field,
                 gboolean     required,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return required ? missing (field, error) : TRUE;
  if (!is_type (node, G_TYPE_INT64))
    return wrong_type (field, _("a whole number"), error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
gil_api_get_nullable_int (JsonObject  *object,
                          const char  *field,
                          gint64      *out,
                          GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = 0;
      return TRUE;
    }
  if (!is_type (node, G_TYPE_INT64))
    return wrong_type (field, _("a whole number or null"), error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
gil_api_get_bool (JsonObject  *object,
                  const char  *field,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    return TRUE;
  if (!is_type (node, G_TYPE_BOOLEAN))
    return wrong_type (field, _("true or false"), error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
gil_api_get_strv (JsonObject  *object,
                  const char  *field,
                  GStrv       *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GStrvBuilder) strv = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (field, _("a list of strings"), error);

  array = json_node_get_array (node);
  strv = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_type (item, G_TYPE_STRING))
        return wrong_type (field, _("a list of strings"), error);
      g_strv_builder_add (strv, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (strv);
  return TRUE;
}

gboolean
gil_api_get_ids (JsonObject  *object,
                 const char  *field,
                 GArray     **out,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);
  g_autoptr(GArray) ids = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (field, _("a list of ids"), error);

  array = json_node_get_array (node);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      gint64 id;

      if (!is_type (item, G_TYPE_INT64) || (id = json_node_get_int (item)) <= 0)
        return wrong_type (field, _("a list of ids"), error);
      g_array_append_val (ids, id);
    }
  g_clear_pointer (out, g_array_unref);
  *out = g_steal_pointer (&ids);
  return TRUE;
}

/* ── request bodies ──────────────────────────────────────────────────── */

/**
 * gil_api_read_room:
 *
 * Applies the fields present in @body to @room.
 */
gboolean
gil_api_read_room (JsonObject  *body,
                   GilRoom     *room,
                   GError     **error)
{
  const char *code = NULL, *name = NULL, *cluster = NULL, *prefix = NULL, *policy = NULL;
  gint64 every = room->interleave_every;

  g_return_val_if_fail (body != NULL && room != NULL, FALSE);

  if (!gil_api_get_string (body, "code", FALSE, &code, error) ||
      !gil_api_get_string (body, "name", FALSE, &name, error) ||
      !gil_api_get_string (body, "cluster", FALSE, &cluster, error) ||
      !gil_api_get_string (body, "prefix", FALSE, &prefix, error) ||
      !gil_api_get_string (body, "priority_policy", FALSE, &policy, error) ||
      !gil_api_get_int (body, "interleave_every", FALSE, &every, error) ||
      !gil_api_get_bool (body, "active", &room->active, error) ||
      !gil_api_get_bool (body, "number_only", &room->number_only, error) ||
      !gil_api_get_strv (body, "tags", &room->tags, error))
    return FALSE;

  if (policy != NULL && !g_str_equal (policy, "strict") && !g_str_equal (policy, "interleave"))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                           _("The field “priority_policy” is strict or interleave"));
      return FALSE;
    }
  if (policy != NULL)
    room->strict = g_str_equal (policy, "strict");
  room->interleave_every = CLAMP (every, -1, G_MAXINT);
#define TAKE(field) if (field != NULL) { g_free (room->field); room->field = g_strdup (field); }
  TAKE (code);
  TAKE (name);
  TAKE (cluster);
  TAKE (prefix);
#undef TAKE
  return TRUE;
}

/**
 * gil_api_read_unidentified:
 * @unidentified: (out): whether @body asks for a patient nobody can
 *   identify yet ("unidentified": true)
 * @patient: (out caller-allocates): its sex, when @unidentified
 * @approx_age_years: (out): the age the staff guess, when @unidentified
 *
 * Such a body has "sex" and "approx_age_years" and nothing that
 * identifies anyone: the manager names the record.
 */
gboolean
gil_api_read_unidentified (JsonObject  *body,
                           gboolean    *unidentified,
                           GilPatient  *patient,
                           guint       *approx_age_years,
                           GError     **error)
{
  static const char * const identity[] = { "name", "nik", "bpjs", "birth_date" };
  const char *sex = NULL;
  gint64 years = 0;

  g_return_val_if_fail (body != NULL && unidentified != NULL, FALSE);

  *unidentified = FALSE;
  if (!gil_api_get_bool (body, "unidentified", unidentified, error))
    return FALSE;
  if (!*unidentified)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    if (json_object_has_member (body, identity[i]))
      {
        g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                     _("An unidentified patient has no “%s” yet; complete the record later"),
                     identity[i]);
        return FALSE;
      }
  if (!gil_api_get_string (body, "sex", TRUE, &sex, error) ||
      !gil_api_get_int (body, "approx_age_years", TRUE, &years, error))
    return FALSE;
  if (years < 0 || years > G_MAXUINT)
    years = G_MAXUINT;
  g_free (patient->sex);
  patient->sex = g_strdup (sex);
  *approx_age_years = (guint)years;
  return TRUE;
}

/**
 * gil_api_read_patient:
 *
 * Applies the fields present in @body to @patient; "nik" and "bpjs" may be
 * null to clear them. The core checks the values.
 */
gboolean
gil_api_read_patient (JsonObject  *body,
                      GilPatient  *patient,
                      GError     **error)
{
  static const char * const optional[] = { "nik", "bpjs" };
  static const char * const text[] = { "name", "birth_date", "sex", "address", "phone" };
  char **targets_text[] = { &patient->name, &patient->birth_date, &patient->sex,
                            &patient->address, &patient->phone };
  char **targets_optional[] = { &patient->nik, &patient->bpjs };

  g_return_val_if_fail (body != NULL && patient != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      const char *value = NULL;

      if (!gil_api_get_string (body, text[i], FALSE, &value, error))
        return FALSE;
      if (value != NULL)
        {
          g_free (*targets_text[i]);
          *targets_text[i] = g_strdup (value);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      const char *value = NULL;
      gboolean present = FALSE;

      if (!gil_api_get_nullable_string (body, optional[i], &value, &present, error))
        return FALSE;
      if (present)
        {
          g_free (*targets_optional[i]);
          *targets_optional[i] = g_strdup (value);
        }
    }
  return TRUE;
}

/**
 * gil_api_read_triage:
 * @patient_id: (out): the patient named, or 0 when @input carries the
 *   birth date and sex instead
 * @input: (out caller-allocates): the visit to route
 * @signs: (inout): holds the strings @input->signs points to
 */
gboolean
gil_api_read_triage (JsonObject      *body,
                     gint64          *patient_id,
                     GilTriageInput  *input,
                     GStrv           *signs,
                     GError         **error)
{
  g_return_val_if_fail (body != NULL && patient_id != NULL, FALSE);
  g_return_val_if_fail (input != NULL && signs != NULL, FALSE);

  *patient_id = 0;
  memset (input, 0, sizeof *input);
  if (!gil_api_get_int (body, "patient_id", FALSE, patient_id, error) ||
      !gil_api_get_string (body, "purpose", TRUE, &input->purpose, error) ||
      !gil_api_get_strv (body, "signs", signs, error) ||
      !gil_api_get_bool (body, "pregnant", &input->pregnant, error))
    return FALSE;
  /* Without a patient, the body says who the visit is for. */
  if (*patient_id == 0 &&
      (!gil_api_get_string (body, "birth_date", TRUE, &input->birth_date, error) ||
       !gil_api_get_string (body, "sex", TRUE, &input->sex, error)))
    return FALSE;
  input->signs = (const char * const *)*signs;
  return TRUE;
}

/**
 * gil_api_read_visit:
 * @request: (out caller-allocates): the registration; payer "umum" unless
 *   the body says otherwise
 * @signs: (inout): holds the strings @request->signs points to
 */
gboolean
gil_api_read_visit (JsonObject       *body,
                    GilVisitRequest  *request,
                    GStrv            *signs,
                    GError          **error)
{
  g_return_val_if_fail (body != NULL && request != NULL && signs != NULL, FALSE);

  memset (request, 0, sizeof *request);
  request->payer = "umum";
  if (!gil_api_get_int (body, "patient_id", TRUE, &request->patient, error) ||
      !gil_api_get_string (body, "purpose", TRUE, &request->purpose, error) ||
      !gil_api_get_strv (body, "signs", signs, error) ||
      !gil_api_get_bool (body, "pregnant", &request->pregnant, error) ||
      !gil_api_get_string (body, "payer", FALSE, &request->payer, error) ||
      !gil_api_get_nullable_int (body, "room", &request->room, error) ||
      !gil_api_get_bool (body, "confirmed", &request->confirmed, error))
    return FALSE;
  request->signs = (const char * const *)*signs;
  return TRUE;
}

/**
 * gil_api_read_transfer:
 * @room: (out): the room the visit goes on to
 * @return_after: (out): whether it comes back when done there
 */
/**
 * gil_api_read_cancel:
 * @reason: (out) (transfer none): why the desk cancels the visit
 */
gboolean
gil_api_read_cancel (JsonObject  *body,
                     const char **reason,
                     GError     **error)
{
  g_return_val_if_fail (body != NULL && reason != NULL, FALSE);

  *reason = NULL;
  return gil_api_get_string (body, "reason", TRUE, reason, error);
}

/**
 * gil_api_read_reroute:
 * @room: (out): the room the visit moves to
 * @reason: (out) (transfer none) (nullable): why, if given
 */
gboolean
gil_api_read_reroute (JsonObject  *body,
                      gint64      *room,
                      const char **reason,
                      GError     **error)
{
  g_return_val_if_fail (body != NULL && room != NULL && reason != NULL, FALSE);

  gboolean present;

  *room = 0;
  *reason = NULL;
  return gil_api_get_int (body, "room", TRUE, room, error) &&
         gil_api_get_nullable_string (body, "reason", reason, &present, error);
}

gboolean
gil_api_read_transfer (JsonObject  *body,
                       gint64      *room,
                       gboolean    *return_after,
                       GError     **error)
{
  g_return_val_if_fail (body != NULL && room != NULL && return_after != NULL, FALSE);

  *room = 0;
  *return_after = FALSE;
  return gil_api_get_int (body, "room", TRUE, room, error) &&
         gil_api_get_bool (body, "return", return_after, error);
}

/**
 * gil_api_read_counter:
 * @counter: (out): the counter (meja) a call comes from; 0 when the body
 *   names none
 *
 * Reads the optional `counter` of a call-next, call or recall body: 1 to
 * %GIL_QUEUE_COUNTER_MAX, or null.
 */
gboolean
gil_api_read_counter (JsonObject  *body,
                      int         *counter,
                      GError     **error)
{
  gint64 value = 0;

  g_return_val_if_fail (body != NULL && counter != NULL, FALSE);

  *counter = 0;
  if (!gil_api_get_nullable_int (body, "counter", &value, error))
    return FALSE;
  if (json_object_has_member (body, "counter") && value == 0 && !json_object_get_null_member (body, "counter"))
    value = -1;
  if (value < 0 || value > GIL_QUEUE_COUNTER_MAX)
    {
      g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                   _("The field “counter” is a counter number, 1 to %d, or null"),
                   GIL_QUEUE_COUNTER_MAX);
      return FALSE;
    }
  *counter = (int)value;
  return TRUE;
}

static gboolean
read_role (JsonObject  *body,
           gboolean     required,
           GilRole     *role,
           gboolean    *given,
           GError     **error)
{
  const char *name = NULL;

  if (!gil_api_get_string (body, "role", required, &name, error))
    return FALSE;
  *given = name != NULL;
  if (name != NULL && !gil_role_from_string (name, role))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                           _("The field “role” is registration, room, display or head"));
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_api_read_pairing_code:
 * @role: (out): the role the code pairs a station as
 * @rooms: (out) (transfer full) (nullable): the rooms of a room station
 */
gboolean
gil_api_read_pairing_code (JsonObject  *body,
                           GilRole     *role,
                           GArray     **rooms,
                           GError     **error)
{
  gboolean given = FALSE;

  g_return_val_if_fail (body != NULL && role != NULL && rooms != NULL, FALSE);

  return read_role (body, TRUE, role, &given, error) &&
         gil_api_get_ids (body, "rooms", rooms, error);
}

/**
 * gil_api_read_pair:
 * @code: (out): the pairing code
 * @name: (out): the station's name
 * @role: (out): the role asked for, when @role_given
 * @rooms: (out) (transfer full) (nullable): the rooms asked for
 */
gboolean
gil_api_read_pair (JsonObject   *body,
                   const char  **code,
                   const char  **name,
                   GilRole      *role,
                   gboolean     *role_given,
                   GArray      **rooms,
                   GError      **error)
{
  g_return_val_if_fail (body != NULL && code != NULL && name != NULL, FALSE);
  g_return_val_if_fail (role != NULL && role_given != NULL && rooms != NULL, FALSE);

  *code = NULL;
  *name = NULL;
  *role_given = FALSE;
  return gil_api_get_string (body, "code", TRUE, code, error) &&
         gil_api_get_string (body, "name", TRUE, name, error) &&
         read_role (body, FALSE, role, role_given, error) &&
         gil_api_get_ids (body, "rooms", rooms, error);
}
