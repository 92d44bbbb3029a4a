/* gil-api-csv.c — the daily reports as one CSV table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-api-json.h"

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
  GString *csv;
  JsonArray *days;

  g_return_val_if_fail (reports != NULL && JSON_NODE_HOLDS_ARRAY (reports), NULL);

  csv = g_string_new ("date,section,group,measure,value\r\n");
  days = json_node_get_array (reports);

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
