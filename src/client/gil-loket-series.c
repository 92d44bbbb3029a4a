/* gil-loket-series.c — a series of loket tickets ("A", BPJS), typed
 *
 * A series as GET /loket/series gives it (doc/api.md, *Loket*): its
 * letter, its name for the kiosk's button, whether it is a priority
 * series (the elderly, pregnant women, people with disabilities, small
 * children), its place on the kiosk and whether it is in use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-loket-series.h"
#include "gil-reply-private.h"

struct _GilLoketSeries
{
  GObject   parent_instance;

  char     *code;
  char     *name;
  gboolean  priority;
  guint     position;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (GilLoketSeries, gil_loket_series, G_TYPE_OBJECT)

static void
gil_loket_series_finalize (GObject *object)
{
  GilLoketSeries *self = GIL_LOKET_SERIES (object);

  g_free (self->code);
  g_free (self->name);

  G_OBJECT_CLASS (gil_loket_series_parent_class)->finalize (object);
}

static void
gil_loket_series_class_init (GilLoketSeriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_loket_series_finalize;
}

static void
gil_loket_series_init (GilLoketSeries *self)
{
}

/**
 * gil_loket_series_new_from_json:
 * @series: a series object of the API
 *
 * Returns: (transfer full): the series
 */
GilLoketSeries *
gil_loket_series_new_from_json (JsonObject *series)
{
  GilLoketSeries *self;

  g_return_val_if_fail (series != NULL, NULL);

  self = g_object_new (GIL_TYPE_LOKET_SERIES, NULL);
  self->code = _gil_reply_dup_string (series, "code");
  self->name = _gil_reply_dup_string (series, "name");
  self->priority = _gil_reply_get_bool (series, "priority", FALSE);
  self->position = _gil_reply_get_count (series, "position");
  self->active = _gil_reply_get_bool (series, "active", TRUE);
  return self;
}

/**
 * gil_loket_series_get_code:
 *
 * Returns: (nullable): its letter, "A"
 */
const char *
gil_loket_series_get_code (GilLoketSeries *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_SERIES (self), NULL);

  return self->code;
}

/**
 * gil_loket_series_get_name:
 *
 * Returns: (nullable): its name, "BPJS"
 */
const char *
gil_loket_series_get_name (GilLoketSeries *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_SERIES (self), NULL);

  return self->name;
}

gboolean
gil_loket_series_get_priority (GilLoketSeries *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_SERIES (self), FALSE);

  return self->priority;
}

guint
gil_loket_series_get_position (GilLoketSeries *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_SERIES (self), 0);

  return self->position;
}

gboolean
gil_loket_series_get_active (GilLoketSeries *self)
{
  g_return_val_if_fail (GIL_IS_LOKET_SERIES (self), FALSE);

  return self->active;
}
