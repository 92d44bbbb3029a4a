/* gil-notify-private.h — a property's field set, notified only on change
 *
 * What the kept-current objects of src/client (GilRoomItem, GilStopItem,
 * GilQueueModel) share when a reload gives a property a value: the field
 * takes it and @pspec is notified, or nothing happens when it is the same.
 * Not installed and not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void  _gil_notify_set_string (GObject             *object,
                              char               **field,
                              const char          *value,
                              GParamSpec          *pspec);
void  _gil_notify_set_strv   (GObject             *object,
                              GStrv               *field,
                              const char * const  *value,
                              GParamSpec          *pspec);
void  _gil_notify_set_int64  (GObject             *object,
                              gint64              *field,
                              gint64               value,
                              GParamSpec          *pspec);
void  _gil_notify_set_int    (GObject             *object,
                              int                 *field,
                              int                  value,
                              GParamSpec          *pspec);
void  _gil_notify_set_uint   (GObject             *object,
                              guint               *field,
                              guint                value,
                              GParamSpec          *pspec);
void  _gil_notify_set_bool   (GObject             *object,
                              gboolean            *field,
                              gboolean             value,
                              GParamSpec          *pspec);
void  _gil_notify_set_time   (GObject             *object,
                              GDateTime          **field,
                              GDateTime           *value,
                              GParamSpec          *pspec);

G_END_DECLS
