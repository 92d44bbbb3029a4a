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

/* Returns: (transfer full) (nullable): a copy of the string @member of @object */
char *
_gil_reply_dup_string (JsonObject *object,
                       const char *member)
{
  return g_strdup (_gil_reply_get_string (object, member));
}

/* Returns: whether every member named is a string */
gboolean
_gil_reply_has_strings (JsonObject *object,
                        const char *first_member,
                        ...)
{
  const char *member = first_member;
  gboolean all = TRUE;
  va_list args;

  va_start (args, first_member);
  for (; member != NULL && all; member = va_arg (args, const char *))
    all = _gil_reply_get_string (object, member) != NULL;
  va_end (args);
  return all;
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

/* Returns: the count @member of @object, clamped to a guint; 0 for none */
guint
_gil_reply_get_count (JsonObject *object,
                      const char *member)
{
  return (guint)CLAMP (_gil_reply_get_int (object, member, 0), 0, G_MAXUINT);
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
  JsonArray *array = _gil_reply_get_member_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
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

/* Returns: (transfer none) (nullable): the object @member of @object */
JsonObject *
_gil_reply_get_member_object (JsonObject *object,
                              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Returns: (transfer none) (nullable): the array @member of @object */
JsonArray *
_gil_reply_get_member_array (JsonObject *object,
                             const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Returns: (transfer full): the strings of the array @member of @object, in
 * order, anything else in it passed over; empty when there is none */
GStrv
_gil_reply_dup_strv (JsonObject *object,
                     const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = _gil_reply_get_member_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

/* Returns: (transfer full) (element-type GObject): each element of @array
 *   read by @read, in order; %NULL with @error set when one cannot be */
GPtrArray *
_gil_reply_read_each (JsonArray           *array,
                      GilReplyNodeReader   read,
                      GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = read (json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* Returns: (transfer full) (element-type GObject): each object of @array
 *   read by @read, in order; anything else in it is passed over */
GPtrArray *
_gil_reply_read_objects (JsonArray            *array,
                         GilReplyObjectReader  read)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (items, read (json_node_get_object (element)));
    }
  return items;
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

/* @message: (nullable): what a reply that is no list is, as the user
 *   reads it
 *
 * Returns: (transfer none) (nullable): @node's array, or %NULL with a
 *   %GIL_API_ERROR_UNKNOWN error of @message */
JsonArray *
_gil_reply_get_list (JsonNode    *node,
                     const char  *message,
                     GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN, message);
      return NULL;
    }
  return json_node_get_array (node);
}
