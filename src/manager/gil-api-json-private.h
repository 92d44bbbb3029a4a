/* gil-api-json-private.h — the members the API's JSON writers share
 *
 * gil-api-json.c writes the core's objects, gil-api-event.c an event's
 * message; both write members with these.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-api-json.h"

G_BEGIN_DECLS

static inline void
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

static inline void
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

static inline void
add_int (GilJsonWriter *builder,
         const char  *member,
         gint64       value)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_int (builder, value);
}

static inline void
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

static inline void
add_bool (GilJsonWriter *builder,
          const char  *member,
          gboolean     value)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_bool (builder, value);
}

/* @strv: (nullable): written as [] when %NULL */
static inline void
add_strv (GilJsonWriter      *builder,
          const char         *member,
          const char * const *strv)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    gil_json_writer_string (builder, strv[i]);
  gil_json_writer_end_array (builder);
}

G_END_DECLS
