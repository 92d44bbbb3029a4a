/* gil-reply-private.h — reading the manager's JSON replies into typed values
 *
 * For the typed results of src/client only (GilStationItem, GilBackupFile, …): a
 * member missing or of another type reads as the default given, so one
 * reader serves every entity. Not installed and not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *_gil_reply_get_string   (JsonObject  *object,
                                     const char  *member);
gint64      _gil_reply_get_int      (JsonObject  *object,
                                     const char  *member,
                                     gint64       fallback);
gboolean    _gil_reply_get_bool     (JsonObject  *object,
                                     const char  *member,
                                     gboolean     fallback);
GDateTime  *_gil_reply_dup_time     (JsonObject  *object,
                                     const char  *member);
GArray     *_gil_reply_dup_ids      (JsonObject  *object,
                                     const char  *member);
void        _gil_reply_set_unreadable (GError    **error);
JsonObject *_gil_reply_get_object   (JsonNode    *node,
                                     GError     **error);
JsonArray  *_gil_reply_get_array    (JsonNode    *node,
                                     GError     **error);

G_END_DECLS
