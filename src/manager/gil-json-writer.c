/* gil-json-writer.c — JSON text written straight out
 *
 * Every reply and event of the API is JSON the manager writes. json-glib's
 * builder makes a tree of nodes first and its generator walks it again:
 * a quarter of a registration's work and a third of a call's went there.
 * This writes the text as the values come, into one growing string.
 *
 * The writer checks its own use: a value in an object needs a member name
 * before it, and every object and array is closed in the order opened.
 * A mistake is a programming error, reported with g_critical() and left
 * out, as json-glib's builder does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "gil-json-writer.h"

/* Deeper than any reply of the API. */
#define MAX_DEPTH 64

struct _GilJsonWriter
{
  GString  *text;
  guint     depth;
  guint64   objects;   /* bit n set: the container at depth n + 1 is an object */
  gboolean  comma;     /* a value came before, at this depth */
  gboolean  named;     /* a member name waits for its value */
};

GilJsonWriter *
gil_json_writer_new (void)
{
  GilJsonWriter *self = g_new0 (GilJsonWriter, 1);

  self->text = g_string_sized_new (1024);
  return self;
}

void
gil_json_writer_free (GilJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->text, TRUE);
  g_free (self);
}

/**
 * gil_json_writer_steal:
 * @length: (out) (optional): the text's length in bytes
 *
 * Returns: (transfer full): the text, one whole JSON value, or %NULL when
 *   what was written is not one. The writer is empty again.
 */
char *
gil_json_writer_steal (GilJsonWriter *self,
                       gsize         *length)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->depth != 0 || self->named || self->text->len == 0)
    {
      g_critical ("%s: the JSON written is not one whole value", G_STRFUNC);
      g_string_truncate (self->text, 0);
      self->depth = 0;
      self->comma = self->named = FALSE;
      return NULL;
    }
  if (length != NULL)
    *length = self->text->len;
  text = g_string_free (self->text, FALSE);
  self->text = g_string_sized_new (1024);
  self->comma = FALSE;
  return text;
}

static gboolean
in_object (GilJsonWriter *self)
{
  return self->depth > 0 && (self->objects & (G_GUINT64_CONSTANT (1) << (self->depth - 1))) != 0;
}

/* Whether a value may come now; then the comma before it, if any. */
static gboolean
value_may_come (GilJsonWriter *self,
                const char    *caller)
{
  if (in_object (self) ? !self->named : self->depth == 0 && self->comma)
    {
      g_critical ("%s: %s", caller,
                  in_object (self) ? "a value in an object needs a member name first"
                                   : "the JSON written is already one whole value");
      return FALSE;
    }
  if (self->comma)
    g_string_append_c (self->text, ',');
  self->comma = TRUE;
  self->named = FALSE;
  return TRUE;
}

/* A JSON string: quotes, backslashes and control characters escaped,
 * anything not UTF-8 replaced, the rest as it is. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;
  const char *run;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  run = text;
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
begin (GilJsonWriter *self,
       gboolean       object,
       const char    *caller)
{
  if (self->depth == MAX_DEPTH)
    {
      g_critical ("%s: nested deeper than %d", caller, MAX_DEPTH);
      return;
    }
  if (!value_may_come (self, caller))
    return;
  g_string_append_c (self->text, object ? '{' : '[');
  if (object)
    self->objects |= G_GUINT64_CONSTANT (1) << self->depth;
  else
    self->objects &= ~(G_GUINT64_CONSTANT (1) << self->depth);
  self->depth++;
  self->comma = FALSE;
}

static void
end (GilJsonWriter *self,
     gboolean       object,
     const char    *caller)
{
  if (self->depth == 0 || in_object (self) != object || self->named)
    {
      g_critical ("%s: no %s open to close here", caller, object ? "object" : "array");
      return;
    }
  g_string_append_c (self->text, object ? '}' : ']');
  self->depth--;
  self->comma = TRUE;
}

void
gil_json_writer_begin_object (GilJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  begin (self, TRUE, G_STRFUNC);
}

void
gil_json_writer_end_object (GilJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  end (self, TRUE, G_STRFUNC);
}

void
gil_json_writer_begin_array (GilJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  begin (self, FALSE, G_STRFUNC);
}

void
gil_json_writer_end_array (GilJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  end (self, FALSE, G_STRFUNC);
}

void
gil_json_writer_member (GilJsonWriter *self,
                        const char    *name)
{
  g_return_if_fail (name != NULL);

  if (!in_object (self) || self->named)
    {
      g_critical ("%s: a member name belongs in an object, before its value", G_STRFUNC);
      return;
    }
  if (self->comma)
    g_string_append_c (self->text, ',');
  append_quoted (self->text, name);
  g_string_append_c (self->text, ':');
  self->comma = FALSE;
  self->named = TRUE;
}

/* @value: (nullable): %NULL writes null */
void
gil_json_writer_string (GilJsonWriter *self,
                        const char    *value)
{
  if (!value_may_come (self, G_STRFUNC))
    return;
  if (value == NULL)
    g_string_append (self->text, "null");
  else
    append_quoted (self->text, value);
}

void
gil_json_writer_int (GilJsonWriter *self,
                     gint64         value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64)value : (guint64)value;

  g_return_if_fail (self != NULL);

  if (!value_may_come (self, G_STRFUNC))
    return;
  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (self->text, p, digits + sizeof digits - p);
}

void
gil_json_writer_bool (GilJsonWriter *self,
                      gboolean       value)
{
  g_return_if_fail (self != NULL);

  if (value_may_come (self, G_STRFUNC))
    g_string_append (self->text, value ? "true" : "false");
}

void
gil_json_writer_null (GilJsonWriter *self)
{
  g_return_if_fail (self != NULL);

  if (value_may_come (self, G_STRFUNC))
    g_string_append (self->text, "null");
}

static void
write_double (GilJsonWriter *self,
              double         value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no infinity and no NaN. */
  if (!isfinite (value))
    {
      gil_json_writer_null (self);
      return;
    }
  if (value_may_come (self, G_STRFUNC))
    g_string_append (self->text, g_ascii_dtostr (text, sizeof text, value));
}

/**
 * gil_json_writer_node:
 * @node: (nullable): a value json-glib parsed; %NULL writes null
 *
 * Writes @node again, members in the order they were read.
 */
void
gil_json_writer_node (GilJsonWriter *self,
                      JsonNode      *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      gil_json_writer_null (self);
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        gil_json_writer_begin_object (self);
        for (GList *l = members; l != NULL; l = l->next)
          {
            gil_json_writer_member (self, l->data);
            gil_json_writer_node (self, json_object_get_member (object, l->data));
          }
        gil_json_writer_end_object (self);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        gil_json_writer_begin_array (self);
        for (guint i = 0; i < json_array_get_length (array); i++)
          gil_json_writer_node (self, json_array_get_element (array, i));
        gil_json_writer_end_array (self);
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          gil_json_writer_int (self, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          write_double (self, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          gil_json_writer_bool (self, json_node_get_boolean (node));
          break;
        case G_TYPE_STRING:
          gil_json_writer_string (self, json_node_get_string (node));
          break;
        default:
          gil_json_writer_null (self);
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      gil_json_writer_null (self);
      break;
    }
}
