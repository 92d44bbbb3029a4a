/* gil-chart.h — the head's charts: patients by hour, and days in a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-daily-report.h"

G_BEGIN_DECLS

typedef enum
{
  GIL_CHART_BY_HOUR,  /* a day's hours: arrivals and served */
  GIL_CHART_TREND,    /* days in a row: visits, and the median wait */
} GilChartKind;

#define GIL_TYPE_CHART_KIND (gil_chart_kind_get_type ())
GType gil_chart_kind_get_type (void);

#define GIL_TYPE_CHART (gil_chart_get_type ())
G_DECLARE_FINAL_TYPE (GilChart, gil_chart, GIL, CHART, GtkWidget)

GtkWidget    *gil_chart_new             (GilChartKind                kind);
GilChartKind  gil_chart_get_kind        (GilChart                   *self);
GilDailyReport *gil_chart_get_day       (GilChart                   *self);
void          gil_chart_set_day         (GilChart                   *self,
                                         GilDailyReport             *day);
GPtrArray    *gil_chart_get_days        (GilChart                   *self);
void          gil_chart_set_days        (GilChart                   *self,
                                         GPtrArray                  *days);
int           gil_chart_get_wait_target (GilChart                   *self);
void          gil_chart_set_wait_target (GilChart                   *self,
                                         int                         minutes);

void          gil_chart_draw            (cairo_t                    *cr,
                                         PangoContext               *pango,
                                         const PangoFontDescription *font,
                                         const GdkRGBA              *foreground,
                                         GilChartKind                kind,
                                         GilDailyReport             *day,
                                         GPtrArray                  *days,
                                         int                         wait_target,
                                         double                      width,
                                         double                      height);

G_END_DECLS
