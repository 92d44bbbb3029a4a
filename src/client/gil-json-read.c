/* gil-json-read.c — reading a member of the manager's JSON, the same way
 * in every typed result
 *
 * A member that is absent, null or of another type reads as %NULL or 0:
 * a manager older than a field does not send it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-json-read.h"

/* Returns: (transfer full) (nullable): a string member */
char *
_gil_json_dup_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_dup_string (node);
}

/* Returns: a whole-number member, such as an id; 0 for none */
gint64
_gil_json_get_int (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* Returns: a count member, clamped to a guint */
guint
_gil_json_get_count (JsonObject *object,
                     const char *member)
{
  return (guint)CLAMP (_gil_json_get_int (object, member), 0, G_MAXUINT);
}

/* Returns: (transfer full) (nullable): an RFC 3339 time member */
GDateTime *
_gil_json_dup_time (JsonObject *object,
                    const char *member)
{
  g_autofree char *text = _gil_json_dup_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}
