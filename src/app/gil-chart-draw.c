/* gil-chart-draw.c — drawing the head's charts with cairo and Pango
 *
 * Patients by hour as pairs of bars, and the days of a period as bars
 * with the median wait as a line on its own axis, against the target; the
 * axes, their captions and the legend. The page's chart widget
 * (gil-chart.c) and the printed report both draw with gil_chart_draw(),
 * so they show the very same chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-chart.h"
#include "gil-report-labels.h"

#define AXIS_TICKS   5

/* libadwaita's palette, dark enough to read on paper too */
static const GdkRGBA arrivals_colour = { 0.208, 0.518, 0.894, 1.0 };  /* blue 3 */
static const GdkRGBA served_colour = { 0.149, 0.635, 0.412, 1.0 };    /* green 5 */
static const GdkRGBA wait_colour = { 0.902, 0.380, 0.0, 1.0 };        /* orange 5 */
static const GdkRGBA target_colour = { 0.753, 0.110, 0.157, 1.0 };    /* red 4 */

typedef struct
{
  cairo_t              *cr;
  PangoContext         *pango;
  PangoFontDescription *font;
  PangoFontDescription *small;
  GdkRGBA               ink;
  double                line;   /* the height of a line of text */
} Painter;

/* What a chart shows, whatever its kind: a value per slot on the x axis. */
typedef struct
{
  guint          n;
  GPtrArray     *labels;          /* element-type utf8: one per slot */
  GArray        *bars[2];         /* element-type double; bars[1] may be NULL */
  const GdkRGBA *bar_colours[2];
  const char    *bar_names[2];
  GArray        *line;            /* element-type double, minutes; < 0 for none */
  const char    *line_name;
  const char    *left_caption;
  const char    *right_caption;
  int            target;          /* minutes on the line's axis; 0 for none */
  gboolean       value_labels;
  const char    *empty_text;
} Series;

static void
series_clear (Series *series)
{
  g_clear_pointer (&series->labels, g_ptr_array_unref);
  g_clear_pointer (&series->bars[0], g_array_unref);
  g_clear_pointer (&series->bars[1], g_array_unref);
  g_clear_pointer (&series->line, g_array_unref);
}

static PangoLayout *
new_layout (Painter    *p,
            const char *text,
            gboolean    small)
{
  PangoLayout *layout = pango_layout_new (p->pango);

  pango_layout_set_font_description (layout, small ? p->small : p->font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
text_width (Painter    *p,
            const char *text,
            gboolean    small)
{
  g_autoptr(PangoLayout) layout = new_layout (p, text, small);
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double)width / PANGO_SCALE;
}

/* Draws @text so that the point (@xalign, @yalign) of its box lands on x, y. */
static void
show_text (Painter       *p,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const char    *text,
           gboolean       small,
           const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = new_layout (p, text, small);
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  cairo_move_to (p->cr, x - xalign * width / PANGO_SCALE, y - yalign * height / PANGO_SCALE);
  gdk_cairo_set_source_rgba (p->cr, colour);
  pango_cairo_show_layout (p->cr, layout);
}

static void
set_ink (Painter *p,
         double   alpha)
{
  cairo_set_source_rgba (p->cr, p->ink.red, p->ink.green, p->ink.blue, p->ink.alpha * alpha);
}

static GdkRGBA
dim_ink (Painter *p)
{
  GdkRGBA dim = p->ink;

  dim.alpha *= 0.7;
  return dim;
}

/* A step of 1, 2 or 5 times a power of ten that cuts @max into at most
 * @ticks parts. */
static double
nice_step (double max,
           int    ticks)
{
  static const double steps[] = { 1, 2, 5 };
  double magnitude = 1;

  for (;;)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (max / (steps[i] * magnitude) <= ticks)
          return steps[i] * magnitude;
      magnitude *= 10;
    }
}

static double
array_max (GArray *values)
{
  double max = 0;

  for (guint i = 0; values != NULL && i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

static gboolean
series_is_empty (const Series *s)
{
  if (s->n == 0)
    return TRUE;
  return array_max (s->bars[0]) <= 0 && array_max (s->bars[1]) <= 0 && array_max (s->line) <= 0;
}

static void
draw_swatch_box (Painter       *p,
                 double         x,
                 double         y,
                 const GdkRGBA *colour)
{
  double size = p->line * 0.7;

  gdk_cairo_set_source_rgba (p->cr, colour);
  cairo_rectangle (p->cr, x, y + (p->line - size) / 2, size, size);
  cairo_fill (p->cr);
}

static void
draw_swatch_line (Painter       *p,
                  double         x,
                  double         y,
                  const GdkRGBA *colour,
                  gboolean       dashed)
{
  double mid = y + p->line / 2;

  gdk_cairo_set_source_rgba (p->cr, colour);
  cairo_set_line_width (p->cr, MAX (1.0, p->line * 0.12));
  if (dashed)
    {
      double dash[] = { p->line * 0.3, p->line * 0.2 };

      cairo_set_dash (p->cr, dash, 2, 0);
    }
  cairo_move_to (p->cr, x, mid);
  cairo_line_to (p->cr, x + p->line * 1.4, mid);
  cairo_stroke (p->cr);
  cairo_set_dash (p->cr, NULL, 0, 0);
  if (!dashed)
    {
      cairo_arc (p->cr, x + p->line * 0.7, mid, p->line * 0.18, 0, 2 * G_PI);
      cairo_fill (p->cr);
    }
}

/* The legend, left to right along the top. */
static void
draw_legend (Painter      *p,
             const Series *s,
             double        width)
{
  double x = 0;
  double gap = p->line * 0.4;
  double spacing = p->line * 1.2;
  g_autofree char *target = s->target > 0 ? gil_report_format_target (s->target) : NULL;

  for (guint i = 0; i < 2; i++)
    {
      if (s->bars[i] == NULL)
        continue;
      draw_swatch_box (p, x, 0, s->bar_colours[i]);
      x += p->line * 0.7 + gap;
      show_text (p, x, 0, 0, 0, s->bar_names[i], FALSE, &p->ink);
      x += text_width (p, s->bar_names[i], FALSE) + spacing;
    }
  if (s->line != NULL)
    {
      draw_swatch_line (p, x, 0, &wait_colour, FALSE);
      x += p->line * 1.4 + gap;
      show_text (p, x, 0, 0, 0, s->line_name, FALSE, &p->ink);
      x += text_width (p, s->line_name, FALSE) + spacing;
    }
  if (target != NULL && x + p->line * 1.4 + gap + text_width (p, target, FALSE) <= width)
    {
      draw_swatch_line (p, x, 0, &target_colour, TRUE);
      x += p->line * 1.4 + gap;
      show_text (p, x, 0, 0, 0, target, FALSE, &p->ink);
    }
}

static void
draw_series (Painter      *p,
             const Series *s,
             double        width,
             double        height)
{
  GdkRGBA dim = dim_ink (p);
  double caption_y = p->line * 1.5;
  double top = caption_y + p->line * 1.6;
  double bottom = height - p->line * 1.5;
  double bar_max = MAX (1.0, MAX (array_max (s->bars[0]), array_max (s->bars[1])));
  double bar_step = nice_step (bar_max, AXIS_TICKS);
  double bar_top = bar_step * (int)((bar_max + bar_step - 1e-9) / bar_step);
  double line_max = MAX (10.0, MAX (array_max (s->line), s->target * 1.15));
  double line_step = nice_step (line_max, AXIS_TICKS);
  double line_top = line_step * (int)((line_max + line_step - 1e-9) / line_step);
  double left = 0, right = width, slot, label_width = 0;
  guint n_bars = s->bars[1] != NULL ? 2 : 1;
  guint every;

  draw_legend (p, s, width);

  if (series_is_empty (s))
    {
      show_text (p, width / 2, (top + bottom) / 2, 0.5, 0.5, s->empty_text, FALSE, &dim);
      return;
    }

  /* Room for the axes' numbers on either side. */
  for (double v = 0; v <= bar_top + 1e-9; v += bar_step)
    {
      g_autofree char *text = g_strdup_printf ("%.0f", v);

      left = MAX (left, text_width (p, text, TRUE));
    }
  left += p->line * 0.4;
  if (s->line != NULL)
    {
      double widest = 0;

      for (double v = 0; v <= line_top + 1e-9; v += line_step)
        {
          g_autofree char *text = g_strdup_printf ("%.0f", v);

          widest = MAX (widest, text_width (p, text, TRUE));
        }
      right = width - widest - p->line * 0.4;
    }
  if (right - left < p->line * 4 || bottom - top < p->line * 3)
    return;

  show_text (p, 0, caption_y, 0, 0, s->left_caption, TRUE, &dim);
  if (s->line != NULL)
    show_text (p, width, caption_y, 1, 0, s->right_caption, TRUE, &dim);

  /* Grid and the left axis's numbers. */
  cairo_set_line_width (p->cr, MAX (0.5, p->line * 0.05));
  for (double v = 0; v <= bar_top + 1e-9; v += bar_step)
    {
      double y = bottom - v / bar_top * (bottom - top);
      g_autofree char *text = g_strdup_printf ("%.0f", v);

      set_ink (p, v == 0 ? 0.6 : 0.15);
      cairo_move_to (p->cr, left, y);
      cairo_line_to (p->cr, right, y);
      cairo_stroke (p->cr);
      show_text (p, left - p->line * 0.3, y, 1, 0.5, text, TRUE, &dim);
    }
  if (s->line != NULL)
    for (double v = 0; v <= line_top + 1e-9; v += line_step)
      {
        double y = bottom - v / line_top * (bottom - top);
        g_autofree char *text = g_strdup_printf ("%.0f", v);

        show_text (p, right + p->line * 0.3, y, 0, 0.5, text, TRUE, &wait_colour);
      }

  /* Bars, side by side in each slot. */
  slot = (right - left) / s->n;
  for (guint i = 0; i < s->n; i++)
    {
      double group = MIN (slot * 0.76, p->line * (n_bars == 2 ? 2.8 : 1.6));
      double bar = group / n_bars;
      double x = left + slot * i + (slot - group) / 2;

      for (guint b = 0; b < n_bars; b++)
        {
          double value = g_array_index (s->bars[b], double, i);
          double h = value / bar_top * (bottom - top);

          if (value <= 0)
            continue;
          gdk_cairo_set_source_rgba (p->cr, s->bar_colours[b]);
          cairo_rectangle (p->cr, x + bar * b, bottom - h, bar * 0.92, h);
          cairo_fill (p->cr);
          if (s->value_labels)
            {
              g_autofree char *text = g_strdup_printf ("%.0f", value);

              if (text_width (p, text, TRUE) <= bar * 1.3)
                show_text (p, x + bar * b + bar * 0.46, bottom - h - 1, 0.5, 1, text, TRUE, &p->ink);
            }
        }
    }

  /* The line, broken where a day has nothing to measure. */
  if (s->line != NULL)
    {
      gboolean drawing = FALSE;

      gdk_cairo_set_source_rgba (p->cr, &wait_colour);
      cairo_set_line_width (p->cr, MAX (1.0, p->line * 0.12));
      cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < s->n; i++)
        {
          double value = g_array_index (s->line, double, i);
          double x = left + slot * (i + 0.5);
          double y = bottom - value / line_top * (bottom - top);

          if (value < 0)
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (p->cr, x, y);
          else
            cairo_move_to (p->cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (p->cr);
      for (guint i = 0; i < s->n; i++)
        {
          double value = g_array_index (s->line, double, i);

          if (value < 0)
            continue;
          cairo_arc (p->cr, left + slot * (i + 0.5), bottom - value / line_top * (bottom - top),
                     p->line * 0.24, 0, 2 * G_PI);
          cairo_fill (p->cr);
        }
    }

  if (s->target > 0 && s->line != NULL)
    {
      double y = bottom - s->target / line_top * (bottom - top);
      double dash[] = { p->line * 0.4, p->line * 0.25 };

      gdk_cairo_set_source_rgba (p->cr, &target_colour);
      cairo_set_line_width (p->cr, MAX (1.0, p->line * 0.08));
      cairo_set_dash (p->cr, dash, 2, 0);
      cairo_move_to (p->cr, left, y);
      cairo_line_to (p->cr, right, y);
      cairo_stroke (p->cr);
      cairo_set_dash (p->cr, NULL, 0, 0);
    }

  /* Slot labels, as many as fit, always the last one. */
  for (guint i = 0; i < s->n; i++)
    label_width = MAX (label_width, text_width (p, g_ptr_array_index (s->labels, i), TRUE));
  every = (guint)((label_width + p->line * 0.6) / slot) + 1;
  for (guint i = 0; i < s->n; i++)
    if ((s->n - 1 - i) % every == 0)
      show_text (p, left + slot * (i + 0.5), bottom + p->line * 0.25, 0.5, 0,
                 g_ptr_array_index (s->labels, i), TRUE, &p->ink);
}

static void
append_double (GArray *array,
               double  value)
{
  g_array_append_val (array, value);
}

/* A day's hours, first to last, with nothing missing in between. */
static void
series_by_hour (Series         *s,
                GilDailyReport *day)
{
  int first = 24, last = -1;
  guint n = day != NULL ? gil_daily_report_get_n_hours (day) : 0;

  s->labels = g_ptr_array_new_with_free_func (g_free);
  s->bars[0] = g_array_new (FALSE, TRUE, sizeof (double));
  s->bars[1] = g_array_new (FALSE, TRUE, sizeof (double));
  s->bar_colours[0] = &arrivals_colour;
  s->bar_colours[1] = &served_colour;
  s->bar_names[0] = _("Arrivals");
  s->bar_names[1] = _("Served");
  s->left_caption = _("Patients");
  s->value_labels = TRUE;
  s->empty_text = _("No visits yet");

  for (guint i = 0; i < n; i++)
    {
      int hour = gil_daily_report_get_hour (day, i)->hour;

      first = MIN (first, hour);
      last = MAX (last, hour);
    }
  /* A morning at least, so a quiet start does not fill the chart. */
  if (last >= 0)
    last = MAX (last, MIN (first + 5, 23));
  for (int hour = first; hour <= last; hour++)
    {
      double arrivals = 0, served = 0;

      for (guint i = 0; i < n; i++)
        {
          const GilReportHour *point = gil_daily_report_get_hour (day, i);

          if (point->hour == hour)
            {
              arrivals = point->arrivals;
              served = point->served;
            }
        }
      /* TRANSLATORS: an hour of the day on a chart's axis, as 07.00 */
      g_ptr_array_add (s->labels, g_strdup_printf (_("%02d.00"), hour));
      append_double (s->bars[0], arrivals);
      append_double (s->bars[1], served);
    }
  s->n = s->labels->len;
}

/* A period's days: visits, and the median wait in minutes. */
static void
series_trend (Series    *s,
              GPtrArray *days,
              int        wait_target)
{
  guint n = days != NULL ? days->len : 0;

  s->labels = g_ptr_array_new_with_free_func (g_free);
  s->bars[0] = g_array_new (FALSE, TRUE, sizeof (double));
  s->line = g_array_new (FALSE, TRUE, sizeof (double));
  s->bar_colours[0] = &arrivals_colour;
  s->bar_names[0] = _("Visits");
  s->line_name = _("Median wait");
  s->left_caption = _("Visits");
  s->right_caption = _("Minutes");
  s->target = wait_target;
  s->empty_text = _("No visits in this period");

  for (guint i = 0; i < n; i++)
    {
      GilDailyReport *day = g_ptr_array_index (days, i);
      const GilReportFigures *totals = gil_daily_report_get_totals (day);

      g_ptr_array_add (s->labels, gil_report_format_day_month (gil_daily_report_get_date (day)));
      append_double (s->bars[0], totals->visits);
      append_double (s->line, totals->wait_p50 < 0 ? -1.0 : totals->wait_p50 / 60.0);
    }
  s->n = s->labels->len;
}

/**
 * gil_chart_draw:
 * @font: the chart's text; axis numbers are a little smaller
 * @foreground: text and axes
 * @day: (nullable): for %GIL_CHART_BY_HOUR, the day whose hours it shows
 * @days: (nullable) (element-type GilDailyReport): for %GIL_CHART_TREND,
 *   the days it shows
 * @wait_target: the target wait in minutes, drawn on a trend
 *
 * Draws a chart into the @width × @height box at the origin of @cr.
 */
void
gil_chart_draw (cairo_t                    *cr,
                PangoContext               *pango,
                const PangoFontDescription *font,
                const GdkRGBA              *foreground,
                GilChartKind                kind,
                GilDailyReport             *day,
                GPtrArray                  *days,
                int                         wait_target,
                double                      width,
                double                      height)
{
  Painter p = { 0 };
  Series series = { 0 };
  g_autoptr(PangoLayout) probe = NULL;
  int probe_width, probe_height;
  double size;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));
  g_return_if_fail (font != NULL);
  g_return_if_fail (foreground != NULL);

  p.cr = cr;
  p.pango = pango;
  p.ink = *foreground;
  p.font = pango_font_description_copy (font);
  /* A font without a size would draw nothing legible. */
  if (pango_font_description_get_size (p.font) <= 0)
    pango_font_description_set_size (p.font, 10 * PANGO_SCALE);
  p.small = pango_font_description_copy (p.font);
  size = pango_font_description_get_size (p.font) * 0.88;
  if (pango_font_description_get_size_is_absolute (p.font))
    pango_font_description_set_absolute_size (p.small, size);
  else
    pango_font_description_set_size (p.small, (int)size);
  probe = new_layout (&p, "Ag", FALSE);
  pango_layout_get_size (probe, &probe_width, &probe_height);
  p.line = (double)probe_height / PANGO_SCALE;

  if (kind == GIL_CHART_BY_HOUR)
    series_by_hour (&series, day);
  else
    series_trend (&series, days, wait_target);

  cairo_save (cr);
  draw_series (&p, &series, width, height);
  cairo_restore (cr);

  series_clear (&series);
  pango_font_description_free (p.font);
  pango_font_description_free (p.small);
}
