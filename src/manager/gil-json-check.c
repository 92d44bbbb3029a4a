/* gil-json-check.c — a request body, strictly: RFC 8259's grammar, then
 * json-glib
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-api-json.h"

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
