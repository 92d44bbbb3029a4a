/* gil-chart.c — the head's charts: patients by hour, and days in a row
 *
 * Two charts a head reads at a glance: a day's arrivals and patients served
 * hour by hour, as pairs of bars; and the days of a period, visits as bars
 * with the median wait as a line on its own axis in minutes, against the
 * puskesmas's target. The drawing is plain cairo and Pango, so the page
 * (through GtkSnapshot) and the printed report draw the very same chart.
 * This file is the page's widget; the drawing is in gil-chart-draw.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-chart.h"

#define MIN_HEIGHT   180
#define NAT_HEIGHT   250
#define MIN_WIDTH    240
#define NAT_WIDTH    420

G_DEFINE_ENUM_TYPE (GilChartKind, gil_chart_kind,
                    G_DEFINE_ENUM_VALUE (GIL_CHART_BY_HOUR, "by-hour"),
                    G_DEFINE_ENUM_VALUE (GIL_CHART_TREND, "trend"))

struct _GilChart
{
  GtkWidget     parent_instance;

  GilChartKind    kind;
  GilDailyReport *day;    /* a by-hour chart's */
  GPtrArray      *days;   /* a trend's */
  int             wait_target;
};

G_DEFINE_FINAL_TYPE (GilChart, gil_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_DAY,
  PROP_DAYS,
  PROP_WAIT_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gil_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  GilChart *self = GIL_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  GdkRGBA foreground;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gil_chart_draw (cr, pango, pango_context_get_font_description (pango), &foreground,
                  self->kind, self->day, self->days, self->wait_target, width, height);
  cairo_destroy (cr);
}

static void
gil_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NAT_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NAT_HEIGHT;
    }
}

static void
gil_chart_finalize (GObject *object)
{
  GilChart *self = (GilChart *)object;

  g_clear_object (&self->day);
  g_clear_pointer (&self->days, g_ptr_array_unref);

  G_OBJECT_CLASS (gil_chart_parent_class)->finalize (object);
}

static void
gil_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GilChart *self = GIL_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DAY:
      g_value_set_object (value, self->day);
      break;
    case PROP_DAYS:
      g_value_set_boxed (value, self->days);
      break;
    case PROP_WAIT_TARGET:
      g_value_set_int (value, self->wait_target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GilChart *self = GIL_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_DAY:
      gil_chart_set_day (self, g_value_get_object (value));
      break;
    case PROP_DAYS:
      gil_chart_set_days (self, g_value_get_boxed (value));
      break;
    case PROP_WAIT_TARGET:
      gil_chart_set_wait_target (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_chart_class_init (GilChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gil_chart_finalize;
  object_class->get_property = gil_chart_get_property;
  object_class->set_property = gil_chart_set_property;
  widget_class->snapshot = gil_chart_snapshot;
  widget_class->measure = gil_chart_measure;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GIL_TYPE_CHART_KIND, GIL_CHART_BY_HOUR,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The day a by-hour chart shows. */
  properties[PROP_DAY] =
    g_param_spec_object ("day", NULL, NULL, GIL_TYPE_DAILY_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The days a trend shows, element-type GilDailyReport. */
  properties[PROP_DAYS] =
    g_param_spec_boxed ("days", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* In minutes; 0 draws no target. */
  properties[PROP_WAIT_TARGET] =
    g_param_spec_int ("wait-target", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gil_chart_init (GilChart *self)
{
}

GtkWidget *
gil_chart_new (GilChartKind kind)
{
  return g_object_new (GIL_TYPE_CHART, "kind", kind, NULL);
}

GilChartKind
gil_chart_get_kind (GilChart *self)
{
  g_return_val_if_fail (GIL_IS_CHART (self), GIL_CHART_BY_HOUR);

  return self->kind;
}

/* Returns: (transfer none) (nullable): the day a by-hour chart shows */
GilDailyReport *
gil_chart_get_day (GilChart *self)
{
  g_return_val_if_fail (GIL_IS_CHART (self), NULL);

  return self->day;
}

void
gil_chart_set_day (GilChart       *self,
                   GilDailyReport *day)
{
  g_return_if_fail (GIL_IS_CHART (self));
  g_return_if_fail (day == NULL || GIL_IS_DAILY_REPORT (day));

  if (!g_set_object (&self->day, day))
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/* Returns: (transfer none) (nullable) (element-type GilDailyReport): the
 *   days a trend shows */
GPtrArray *
gil_chart_get_days (GilChart *self)
{
  g_return_val_if_fail (GIL_IS_CHART (self), NULL);

  return self->days;
}

void
gil_chart_set_days (GilChart  *self,
                    GPtrArray *days)
{
  g_return_if_fail (GIL_IS_CHART (self));

  if (self->days == days)
    return;
  g_clear_pointer (&self->days, g_ptr_array_unref);
  self->days = days != NULL ? g_ptr_array_ref (days) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

int
gil_chart_get_wait_target (GilChart *self)
{
  g_return_val_if_fail (GIL_IS_CHART (self), 0);

  return self->wait_target;
}

void
gil_chart_set_wait_target (GilChart *self,
                           int       minutes)
{
  g_return_if_fail (GIL_IS_CHART (self));

  if (self->wait_target == minutes)
    return;
  self->wait_target = minutes;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAIT_TARGET]);
}
