/* gil-json-writer.h — JSON text written straight out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _GilJsonWriter GilJsonWriter;

GilJsonWriter *gil_json_writer_new          (void);
void           gil_json_writer_free         (GilJsonWriter *self);
char          *gil_json_writer_steal        (GilJsonWriter *self,
                                             gsize         *length);

void           gil_json_writer_begin_object (GilJsonWriter *self);
void           gil_json_writer_end_object   (GilJsonWriter *self);
void           gil_json_writer_begin_array  (GilJsonWriter *self);
void           gil_json_writer_end_array    (GilJsonWriter *self);
void           gil_json_writer_member       (GilJsonWriter *self,
                                             const char    *name);

void           gil_json_writer_string       (GilJsonWriter *self,
                                             const char    *value);
void           gil_json_writer_int          (GilJsonWriter *self,
                                             gint64         value);
void           gil_json_writer_bool         (GilJsonWriter *self,
                                             gboolean       value);
void           gil_json_writer_null         (GilJsonWriter *self);
void           gil_json_writer_node         (GilJsonWriter *self,
                                             JsonNode      *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilJsonWriter, gil_json_writer_free)

G_END_DECLS
