/* gil-api-event.c — an event's WebSocket message
 *
 * An event carries the snapshot of its stop that SQLite stored; it is read
 * in place, once per event for every client, and written out with its
 * times made RFC 3339.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-api-json-private.h"

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

static const char *
member_name (const SnapshotMember *member)
{
  return member->name != NULL ? member->name : member->buffer;
}

/* The member @name of a snapshot, or %NULL; a snapshot names a member once. */
static const SnapshotMember *
find_member (GArray     *members,
             const char *name)
{
  for (guint i = 0; i < members->len; i++)
    {
      const SnapshotMember *member = &g_array_index (members, SnapshotMember, i);

      if (g_str_equal (member_name (member), name))
        return member;
    }
  return NULL;
}

/* A snapshot's members as the object @object_name: the members @times
 * (unix times) made RFC 3339, @flag (0 or 1) a boolean, the others as
 * they were. */
static void
add_snapshot (GilJsonWriter      *builder,
              const char         *object_name,
              GArray             *members,
              const char * const *times,
              const char         *flag)
{
  gil_json_writer_member (builder, object_name);
  gil_json_writer_begin_object (builder);
  for (guint i = 0; i < members->len; i++)
    {
      SnapshotMember *member = &g_array_index (members, SnapshotMember, i);
      const char *name = member_name (member);

      if (g_strv_contains (times, name))
        {
          add_time (builder, name, member_int (member));
          continue;
        }
      if (g_str_equal (name, flag))
        {
          add_bool (builder, name, member_int (member) != 0);
          continue;
        }
      gil_json_writer_member (builder, name);
      if (member->kind == 'i')
        {
          gil_json_writer_int (builder, member->number);
        }
      else if (member->kind == 's')
        {
          g_autofree char *text = g_strndup (member->value, member->length);

          gil_json_writer_string (builder, text);
        }
      else if (member->kind == 'v')
        {
          gil_json_writer_node (builder, member->node);
        }
      else
        {
          gil_json_writer_null (builder);
        }
    }
  gil_json_writer_end_object (builder);
}

/* The stored stop snapshot, with its unix times made RFC 3339, then its
 * ticket and calls beside it. */
static void
add_event_stop (GilJsonWriter *builder,
                GArray        *members)
{
  static const char * const times[] = { "enqueued_at", "called_at", "started_at", "finished_at", NULL };
  const SnapshotMember *ticket = find_member (members, "ticket");
  const SnapshotMember *calls = find_member (members, "calls");
  const SnapshotMember *counter = find_member (members, "counter");
  g_autofree char *ticket_text = NULL;

  add_snapshot (builder, "stop", members, times, "number_only");
  if (ticket != NULL && ticket->kind == 's')
    ticket_text = g_strndup (ticket->value, ticket->length);
  add_string (builder, "ticket", ticket_text);
  add_int (builder, "calls", calls != NULL ? member_int (calls) : 0);
  /* An addition to API.md: the counter that called, or null. */
  add_id_or_null (builder, "counter", counter != NULL ? member_int (counter) : 0);
}

/* A loket event's ticket as it was (gil-loket.c's snapshot, of integers,
 * strings and nulls), its times made RFC 3339: numbers only, never a
 * name. */
static void
add_event_loket (GilJsonWriter *builder,
                 GArray        *members)
{
  static const char * const times[] = { "taken_at", "called_at", NULL };

  add_snapshot (builder, "loket", members, times, "priority");
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
  gboolean has_loket = FALSE;

  g_return_val_if_fail (event != NULL, NULL);

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
  /* An addition (schema 16): a loket event carries its ticket. */
  else if (g_str_has_prefix (event->type, "loket."))
    has_loket = read_flat_snapshot (event->data, members);

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
  if (has_loket)
    add_event_loket (builder, members);
  gil_json_writer_end_object (builder);

  return gil_json_writer_steal (builder, NULL);
}
