/* gil-loket-series.h — a series of loket tickets ("A", BPJS), typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_LOKET_SERIES (gil_loket_series_get_type ())
G_DECLARE_FINAL_TYPE (GilLoketSeries, gil_loket_series, GIL, LOKET_SERIES, GObject)

GilLoketSeries *gil_loket_series_new_from_json (JsonObject     *series);

const char     *gil_loket_series_get_code     (GilLoketSeries *self);
const char     *gil_loket_series_get_name     (GilLoketSeries *self);
gboolean        gil_loket_series_get_priority (GilLoketSeries *self);
guint           gil_loket_series_get_position (GilLoketSeries *self);
gboolean        gil_loket_series_get_active   (GilLoketSeries *self);

G_END_DECLS
