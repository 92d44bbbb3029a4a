/* gil-reply.c — reading the manager's JSON replies into typed values
 *
 * The typed results of the client read the manager's replies (API.md)
 * through these: a member that is missing, null or of another type reads
 * as the fallback given, and a reply that is not the object or array a
 * call expects is a %GIL_API_ERROR_UNKNOWN error, never a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-reply-private.h"

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           GType       type)
{
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);

  node = object != NULL ? json_object_get_member (object, member) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

/* Returns: (transfer none) (nullable): the string @member of @object */
const char *
_gil_reply_get_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

/* Returns: the integer @member of @object, or @fallback */
gint64
_gil_reply_get_int (JsonObject *object,
                    const char *member,
                    gint64      fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : fallback;
}

/* Returns: the boolean @member of @object, or @fallback */
gboolean
_gil_reply_get_bool (JsonObject *object,
                     const char *member,
                     gboolean    fallback)
{
  JsonNode *node = get_value (object, member, G_TYPE_BOOLEAN);

  return node != NULL ? json_node_get_boolean (node) : fallback;
}

/* Returns: (transfer full) (nullable): the RFC 3339 time @member of @object */
GDateTime *
_gil_reply_dup_time (JsonObject *object,
                     const char *member)
{
  const char *text = _gil_reply_get_string (object, member);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* Returns: (transfer full) (element-type gint64): the integers of the array
 * @member of @object, in order; empty when there is none */
GArray *
_gil_reply_dup_ids (JsonObject *object,
                    const char *member)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return ids;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
        {
          gint64 id = json_node_get_int (element);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

/* Sets @error: the reply is not what the call expects. */
void
_gil_reply_set_unreadable (GError **error)
{
  g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                       _("The manager’s reply cannot be read"));
}

/* Returns: (transfer none) (nullable): @node's object, or %NULL with @error set */
JsonObject *
_gil_reply_get_object (JsonNode  *node,
                       GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _gil_reply_set_unreadable (error);
      return NULL;
    }
  return json_node_get_object (node);
}

/* Returns: (transfer none) (nullable): @node's array, or %NULL with @error set */
JsonArray *
_gil_reply_get_array (JsonNode  *node,
                      GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      _gil_reply_set_unreadable (error);
      return NULL;
    }
  return json_node_get_array (node);
}
