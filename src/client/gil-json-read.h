/* gil-json-read.h — reading a member of the manager's JSON, the same way
 * in every typed result
 *
 * Not installed and not for the app: only src/client includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char      *_gil_json_dup_string (JsonObject *object,
                                 const char *member);
gint64     _gil_json_get_int    (JsonObject *object,
                                 const char *member);
guint      _gil_json_get_count  (JsonObject *object,
                                 const char *member);
GDateTime *_gil_json_dup_time   (JsonObject *object,
                                 const char *member);

G_END_DECLS
