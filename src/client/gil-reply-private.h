/* gil-reply-private.h — reading the manager's JSON replies into typed values
 *
 * The one set of JSON readers of src/client: every typed result
 * (GilPatient, GilVisit, GilStationItem, GilHealth, …) reads its members
 * through these. A member missing or of another type reads as the default
 * given (%NULL, 0, the fallback): a manager older than a field does not
 * send it. Not installed and not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *_gil_reply_get_string   (JsonObject  *object,
                                     const char  *member);
char       *_gil_reply_dup_string   (JsonObject  *object,
                                     const char  *member);
gboolean    _gil_reply_has_strings  (JsonObject  *object,
                                     const char  *first_member,
                                     ...) G_GNUC_NULL_TERMINATED;
gint64      _gil_reply_get_int      (JsonObject  *object,
                                     const char  *member,
                                     gint64       fallback);
guint       _gil_reply_get_count    (JsonObject  *object,
                                     const char  *member);
gboolean    _gil_reply_get_bool     (JsonObject  *object,
                                     const char  *member,
                                     gboolean     fallback);
GDateTime  *_gil_reply_dup_time     (JsonObject  *object,
                                     const char  *member);
GArray     *_gil_reply_dup_ids      (JsonObject  *object,
                                     const char  *member);
JsonObject *_gil_reply_get_member_object (JsonObject *object,
                                          const char *member);
JsonArray  *_gil_reply_get_member_array  (JsonObject *object,
                                          const char *member);
GStrv       _gil_reply_dup_strv     (JsonObject  *object,
                                     const char  *member);
/* Reads one element of a list; %NULL with @error set when it cannot. */
typedef gpointer (*GilReplyNodeReader)   (JsonNode    *node,
                                          GError     **error);
/* Reads one object of a list. */
typedef gpointer (*GilReplyObjectReader) (JsonObject  *object);

GPtrArray  *_gil_reply_read_each    (JsonArray            *array,
                                     GilReplyNodeReader    read,
                                     GError              **error);
GPtrArray  *_gil_reply_read_objects (JsonArray            *array,
                                     GilReplyObjectReader  read);

void        _gil_reply_set_unreadable (GError    **error);
JsonObject *_gil_reply_get_object   (JsonNode    *node,
                                     GError     **error);
JsonArray  *_gil_reply_get_array    (JsonNode    *node,
                                     GError     **error);
JsonArray  *_gil_reply_get_list     (JsonNode    *node,
                                     const char  *message,
                                     GError     **error);

G_END_DECLS
