/* gil-chart.h — the head's charts: patients by hour, and days in a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  GIL_CHART_BY_HOUR,  /* a daily report's by_hour: arrivals and served */
  GIL_CHART_TREND,    /* a range's days: visits, and the median wait */
} GilChartKind;

#define GIL_TYPE_CHART_KIND (gil_chart_kind_get_type ())
GType gil_chart_kind_get_type (void);

#define GIL_TYPE_CHART (gil_chart_get_type ())
G_DECLARE_FINAL_TYPE (GilChart, gil_chart, GIL, CHART, GtkWidget)

GtkWidget    *gil_chart_new             (GilChartKind                kind);
GilChartKind  gil_chart_get_kind        (GilChart                   *self);
JsonArray    *gil_chart_get_points      (GilChart                   *self);
void          gil_chart_set_points      (GilChart                   *self,
                                         JsonArray                  *points);
int           gil_chart_get_wait_target (GilChart                   *self);
void          gil_chart_set_wait_target (GilChart                   *self,
                                         int                         minutes);

void          gil_chart_draw            (cairo_t                    *cr,
                                         PangoContext               *pango,
                                         const PangoFontDescription *font,
                                         const GdkRGBA              *foreground,
                                         GilChartKind                kind,
                                         JsonArray                  *points,
                                         int                         wait_target,
                                         double                      width,
                                         double                      height);

G_END_DECLS
