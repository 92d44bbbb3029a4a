/* gil-report-layout.c — a printed report's text and tables down its pages
 *
 * A report is laid out by one pass that either only counts pages or
 * draws one of them (Flow.target): text, headings kept with what follows,
 * and tables whose first column names the row, long ones running on over
 * pages with their header again at the top of each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-report-labels.h"
#include "gil-report-layout.h"

const GdkRGBA gil_report_black = { 0, 0, 0, 1 };
const GdkRGBA gil_report_grey = { 0.35, 0.35, 0.35, 1 };
const GdkRGBA gil_report_flag_red = { 0.70, 0.07, 0.12, 1 };

/* ── the flow of a report down its pages ──────────────────────────── */

gboolean
gil_flow_drawing (Flow *f)
{
  return f->page == f->target;
}

PangoLayout *
gil_flow_text_layout (Flow           *f,
                      const char     *text,
                      double          size,
                      gboolean        bold,
                      double          width,
                      PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (f->pango);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int)(size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, alignment);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

double
gil_flow_layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double)height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double)width / PANGO_SCALE;
}

void
gil_flow_show_layout (Flow          *f,
                      PangoLayout   *layout,
                      double         x,
                      double         y,
                      const GdkRGBA *colour)
{
  if (!gil_flow_drawing (f))
    return;
  cairo_move_to (f->cr, x, y);
  gdk_cairo_set_source_rgba (f->cr, colour);
  pango_cairo_show_layout (f->cr, layout);
}

/* Starts a new page unless @height more fits on this one. */
void
gil_flow_need (Flow   *f,
               double  height)
{
  if (f->y > 0 && f->y + height > f->height)
    {
      f->page++;
      f->y = 0;
    }
}

void
gil_flow_rule (Flow   *f,
               double  y,
               double  x,
               double  width,
               double  line_width)
{
  if (!gil_flow_drawing (f))
    return;
  gdk_cairo_set_source_rgba (f->cr, &gil_report_black);
  cairo_set_line_width (f->cr, line_width);
  cairo_move_to (f->cr, x, y);
  cairo_line_to (f->cr, x + width, y);
  cairo_stroke (f->cr);
}

/* Lines of text, one under the other. */
void
gil_flow_text (Flow          *f,
               const char    *text,
               double         size,
               gboolean       bold,
               const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = gil_flow_text_layout (f, text, size, bold, f->width, PANGO_ALIGN_LEFT);
  double height = gil_flow_layout_height (layout);

  gil_flow_need (f, height);
  gil_flow_show_layout (f, layout, 0, f->y, colour);
  f->y += height;
}

/* A section's heading, kept with at least @keep of what follows. */
void
gil_flow_heading (Flow       *f,
                  const char *text,
                  double      keep)
{
  g_autoptr(PangoLayout) layout = gil_flow_text_layout (f, text, HEADING_PT, TRUE, f->width, PANGO_ALIGN_LEFT);
  double height = gil_flow_layout_height (layout);

  gil_flow_need (f, height + 4 + keep);
  gil_flow_show_layout (f, layout, 0, f->y, &gil_report_black);
  f->y += height + 4;
}

/* ── tables ─────────────────────────────────────────────────────────── */

static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

Table *
gil_table_new (gboolean    label_column,
               const char *first_title,
               ...)
{
  Table *table = g_new0 (Table, 1);
  const char *title = first_title;
  va_list args;

  table->label_column = label_column;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  va_start (args, first_title);
  while (title != NULL && table->n_columns < MAX_COLUMNS)
    {
      table->titles[table->n_columns++] = title;
      title = va_arg (args, const char *);
    }
  va_end (args);
  return table;
}

void
gil_table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

Row *
gil_table_add_row (Table    *table,
                   RowStyle  style,
                   char     *label)
{
  Row *row = g_new0 (Row, 1);

  row->style = style;
  row->cells[0] = label;
  g_ptr_array_add (table->rows, row);
  return row;
}

void
gil_row_set_count (Row    *row,
                   guint   column,
                   gint64  count)
{
  g_free (row->cells[column]);
  row->cells[column] = g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

void
gil_row_set_minutes (Row    *row,
                     guint   column,
                     gint64  seconds,
                     int     target)
{
  g_free (row->cells[column]);
  row->cells[column] = gil_report_format_minutes (seconds);
  if (target >= 0 && gil_report_over_target (seconds, target))
    row->flagged |= 1u << column;
}

/* A row's counts and times, columns from @first: visits, served, not
 * served, the median and 90th-percentile wait, the median service. */
void
gil_row_set_figures (Row                    *row,
                     guint                   first,
                     const GilReportFigures *figures,
                     int                     target)
{
  gil_row_set_count (row, first, figures->visits);
  gil_row_set_count (row, first + 1, figures->served);
  gil_row_set_count (row, first + 2, figures->not_served);
  gil_row_set_minutes (row, first + 3, figures->wait_p50, target);
  gil_row_set_minutes (row, first + 4, figures->wait_p90, target);
  gil_row_set_minutes (row, first + 5, figures->service_p50, -1);
}

static double
label_column_width (Flow   *f,
                    Table  *t,
                    double  width)
{
  g_autoptr(PangoLayout) title = gil_flow_text_layout (f, t->titles[0], SMALL_PT, TRUE, -1, PANGO_ALIGN_LEFT);
  double widest = layout_width (title);

  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = g_ptr_array_index (t->rows, i);
      g_autoptr(PangoLayout) layout = NULL;

      if (row->style == ROW_GROUP)
        continue;
      layout = gil_flow_text_layout (f, row->cells[0] != NULL ? row->cells[0] : "", BODY_PT,
                                     row->style == ROW_BOLD, -1, PANGO_ALIGN_LEFT);
      widest = MAX (widest, layout_width (layout));
    }
  /* A narrow table of a few columns gives its names more room. */
  return CLAMP (widest + 3 * CELL_PAD, width * 0.25, width * (t->n_columns <= 3 ? 0.6 : 0.45));
}

static void
column_box (Table  *t,
            double  width,
            double  label_width,
            guint   column,
            double *x,
            double *w)
{
  if (!t->label_column)
    {
      *w = width / t->n_columns;
      *x = *w * column;
    }
  else if (column == 0)
    {
      *x = 0;
      *w = label_width;
    }
  else
    {
      *w = (width - label_width) / (t->n_columns - 1);
      *x = label_width + *w * (column - 1);
    }
}

static PangoAlignment
column_alignment (Table *t,
                  guint  column)
{
  if (!t->label_column)
    return PANGO_ALIGN_CENTER;
  return column == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
}

static double
table_header_height (Flow   *f,
                     Table  *t,
                     double  width,
                     double  label_width)
{
  double height = 0;

  for (guint c = 0; c < t->n_columns; c++)
    {
      double x, w;
      g_autoptr(PangoLayout) layout = NULL;

      column_box (t, width, label_width, c, &x, &w);
      layout = gil_flow_text_layout (f, t->titles[c], SMALL_PT, TRUE, w - 2 * CELL_PAD, column_alignment (t, c));
      height = MAX (height, gil_flow_layout_height (layout));
    }
  return height + 2 * CELL_PAD;
}

double
gil_flow_row_height (Flow *f)
{
  g_autoptr(PangoLayout) layout = gil_flow_text_layout (f, "Ag", BODY_PT, FALSE, -1, PANGO_ALIGN_LEFT);

  return gil_flow_layout_height (layout) + 2 * CELL_PAD;
}

static void
draw_table_header (Flow   *f,
                   Table  *t,
                   double  x0,
                   double  width,
                   double  label_width,
                   double  height)
{
  for (guint c = 0; c < t->n_columns; c++)
    {
      double x, w;
      g_autoptr(PangoLayout) layout = NULL;

      column_box (t, width, label_width, c, &x, &w);
      layout = gil_flow_text_layout (f, t->titles[c], SMALL_PT, TRUE, w - 2 * CELL_PAD, column_alignment (t, c));
      /* Titles sit on the rule under them. */
      gil_flow_show_layout (f, layout, x0 + x + CELL_PAD, f->y + height - CELL_PAD - gil_flow_layout_height (layout), &gil_report_black);
    }
  gil_flow_rule (f, f->y + height, x0, width, 0.8);
}

/* Returns: (transfer full) (nullable): a cell's text laid out in its
 * column, @x its left edge */
static PangoLayout *
cell_layout (Flow   *f,
             Table  *t,
             Row    *row,
             guint   column,
             double  width,
             double  label_width,
             double *x)
{
  gboolean flagged = (row->flagged & (1u << column)) != 0;
  g_autofree char *text = NULL;
  double w;

  if (row->cells[column] == NULL)
    return NULL;
  column_box (t, width, label_width, column, x, &w);
  if (row->style == ROW_GROUP)
    w = width;
  text = flagged ? g_strconcat ("⚠ ", row->cells[column], NULL) : g_strdup (row->cells[column]);
  return gil_flow_text_layout (f, text, BODY_PT, row->style != ROW_PLAIN || flagged, w - 2 * CELL_PAD,
                               row->style == ROW_GROUP ? PANGO_ALIGN_LEFT : column_alignment (t, column));
}

/* A row is as tall as its tallest cell: a long name wraps. */
static double
table_row_height (Flow   *f,
                  Table  *t,
                  Row    *row,
                  double  width,
                  double  label_width)
{
  double height = gil_flow_row_height (f) - 2 * CELL_PAD;

  for (guint c = 0; c < t->n_columns; c++)
    {
      double x;
      g_autoptr(PangoLayout) layout = cell_layout (f, t, row, c, width, label_width, &x);

      if (layout != NULL)
        height = MAX (height, gil_flow_layout_height (layout));
    }
  return height + 2 * CELL_PAD;
}

static void
draw_table_row (Flow   *f,
                Table  *t,
                Row    *row,
                guint   index,
                double  x0,
                double  width,
                double  label_width,
                double  height)
{
  if (gil_flow_drawing (f) && row->style != ROW_GROUP && index % 2 == 1)
    {
      cairo_set_source_rgb (f->cr, 0.93, 0.93, 0.93);
      cairo_rectangle (f->cr, x0, f->y, width, height);
      cairo_fill (f->cr);
    }

  for (guint c = 0; c < t->n_columns; c++)
    {
      gboolean flagged = (row->flagged & (1u << c)) != 0;
      double x;
      g_autoptr(PangoLayout) layout = cell_layout (f, t, row, c, width, label_width, &x);

      if (layout != NULL)
        gil_flow_show_layout (f, layout, x0 + x + CELL_PAD, f->y + CELL_PAD,
                              flagged ? &gil_report_flag_red : row->style == ROW_GROUP ? &gil_report_grey : &gil_report_black);
    }
}

double
gil_table_height (Flow   *f,
                  Table  *t,
                  double  width)
{
  double label_width = label_column_width (f, t, width);
  double height = table_header_height (f, t, width, label_width);

  for (guint i = 0; i < t->rows->len; i++)
    height += table_row_height (f, t, g_ptr_array_index (t->rows, i), width, label_width);
  return height;
}

/* A table at @x0, @width wide. With @split it runs on over pages, its
 * header again at the top of each; without, the caller made room. */
void
gil_flow_table (Flow     *f,
                Table    *t,
                double    x0,
                double    width,
                gboolean  split)
{
  double label_width = label_column_width (f, t, width);
  double header = table_header_height (f, t, width, label_width);

  if (split)
    gil_flow_need (f, header + gil_flow_row_height (f) * MIN (t->rows->len, 3));
  draw_table_header (f, t, x0, width, label_width, header);
  f->y += header;
  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = g_ptr_array_index (t->rows, i);
      double height = table_row_height (f, t, row, width, label_width);

      if (split && f->y + height > f->height)
        {
          f->page++;
          f->y = 0;
          draw_table_header (f, t, x0, width, label_width, header);
          f->y += header;
        }
      draw_table_row (f, t, row, i, x0, width, label_width, height);
      f->y += height;
    }
  gil_flow_rule (f, f->y, x0, width, 0.4);
}
