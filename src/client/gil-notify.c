/* gil-notify.c — a property's field set, notified only on change
 *
 * See gil-notify-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-notify-private.h"

/* @value: (nullable): copied */
void
_gil_notify_set_string (GObject     *object,
                        char       **field,
                        const char  *value,
                        GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (object, pspec);
}

/* @value: (nullable): copied */
void
_gil_notify_set_strv (GObject            *object,
                      GStrv              *field,
                      const char * const *value,
                      GParamSpec         *pspec)
{
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL && g_strv_equal ((const char * const *)*field, value))
    return;
  g_strfreev (*field);
  *field = g_strdupv ((GStrv)value);
  g_object_notify_by_pspec (object, pspec);
}

void
_gil_notify_set_int64 (GObject    *object,
                       gint64     *field,
                       gint64      value,
                       GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
_gil_notify_set_int (GObject    *object,
                     int        *field,
                     int         value,
                     GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
_gil_notify_set_uint (GObject    *object,
                      guint      *field,
                      guint       value,
                      GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

void
_gil_notify_set_bool (GObject    *object,
                      gboolean   *field,
                      gboolean    value,
                      GParamSpec *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, pspec);
}

/* @value: (nullable): a new reference is taken */
void
_gil_notify_set_time (GObject     *object,
                      GDateTime  **field,
                      GDateTime   *value,
                      GParamSpec  *pspec)
{
  if (*field == NULL && value == NULL)
    return;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = value != NULL ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (object, pspec);
}
