/* gil-report-printer.c — the head's report on paper, as PDF and as CSV
 *
 * A day's report on A4: the puskesmas, the date, the day's summary, the
 * load of each cluster and room with waits over the target marked, the
 * patients by hour, the last 30 days, and the visits by age group, sex,
 * payer and purpose. A period's report has its days instead. The pages are
 * laid out by one function that either only counts pages or draws one of
 * them, so the print dialog (GtkPrintOperation) and a PDF written straight
 * to a file (for `giliran --export-report`, with no display at all) show
 * the same pages. The charts are GilChart's own drawing.
 *
 * CSV is the manager's own (format=csv), saved as it comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <pango/pangocairo.h>

#include "gil-chart.h"
#include "gil-report-labels.h"
#include "gil-report-printer.h"
#include "gil-terms.h"

#define MM_TO_PT         (72.0 / 25.4)
#define A4_WIDTH_PT      (210.0 * MM_TO_PT)
#define A4_HEIGHT_PT     (297.0 * MM_TO_PT)
#define MARGIN_MM        15.0
#define FONT_FAMILY      "Sans"
#define BODY_PT          8.5
#define SMALL_PT         7.5
#define HEADING_PT       11.5
#define TITLE_PT         18.0
#define FOOTER_HEIGHT    16.0
#define GAP              12.0
#define CELL_PAD         3.5
#define CHART_HEIGHT     190.0
#define TREND_DAYS       30
#define MAX_COLUMNS      8

G_DEFINE_QUARK (gil-report-printer-error-quark, gil_report_printer_error)

static const GdkRGBA black = { 0, 0, 0, 1 };
static const GdkRGBA grey = { 0.35, 0.35, 0.35, 1 };
static const GdkRGBA flag_red = { 0.70, 0.07, 0.12, 1 };

/* What a report shows. */
typedef struct
{
  char       *puskesmas;
  JsonObject *day;       /* (nullable) a day's full report; NULL for a period */
  JsonArray  *days;      /* (nullable) the 30 days to @day, or the period */
  int         target;    /* minutes */
  char       *printed;
  int         n_pages;
} Report;

static Report *
report_new (const char *puskesmas,
            JsonObject *day,
            JsonArray  *days,
            int         wait_target)
{
  Report *report = g_new0 (Report, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  report->puskesmas = g_strdup (puskesmas != NULL && puskesmas[0] != '\0' ? puskesmas : "Puskesmas");
  report->day = day != NULL ? json_object_ref (day) : NULL;
  report->days = days != NULL ? json_array_ref (days) : NULL;
  report->target = wait_target;
  report->printed = g_date_time_format (now, "%d-%m-%Y %H.%M");
  return report;
}

static void
report_free (Report *report)
{
  g_free (report->puskesmas);
  g_clear_pointer (&report->day, json_object_unref);
  g_clear_pointer (&report->days, json_array_unref);
  g_free (report->printed);
  g_free (report);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, report_free)

static char *
report_title (const Report *report)
{
  const char *kind = report->day != NULL ? _("Daily Report") : _("Report by Day");

  return g_strdup_printf ("%s — %s", kind, report->puskesmas);
}

/* ── the flow of a report down its pages ──────────────────────────── */

typedef struct
{
  cairo_t      *cr;
  PangoContext *pango;
  const Report *report;
  double        width;    /* printable, in points */
  double        height;   /* printable, less the footer */
  double        y;
  int           page;
  int           target;   /* the page to draw; -1 only counts pages */
} Flow;

static gboolean
drawing (Flow *f)
{
  return f->page == f->target;
}

static PangoLayout *
text_layout (Flow           *f,
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

static double
layout_height (PangoLayout *layout)
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

static void
show_layout (Flow          *f,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *colour)
{
  if (!drawing (f))
    return;
  cairo_move_to (f->cr, x, y);
  gdk_cairo_set_source_rgba (f->cr, colour);
  pango_cairo_show_layout (f->cr, layout);
}

/* Starts a new page unless @height more fits on this one. */
static void
flow_need (Flow   *f,
           double  height)
{
  if (f->y > 0 && f->y + height > f->height)
    {
      f->page++;
      f->y = 0;
    }
}

static void
flow_rule (Flow   *f,
           double  y,
           double  x,
           double  width,
           double  line_width)
{
  if (!drawing (f))
    return;
  gdk_cairo_set_source_rgba (f->cr, &black);
  cairo_set_line_width (f->cr, line_width);
  cairo_move_to (f->cr, x, y);
  cairo_line_to (f->cr, x + width, y);
  cairo_stroke (f->cr);
}

/* Lines of text, one under the other. */
static void
flow_text (Flow          *f,
           const char    *text,
           double         size,
           gboolean       bold,
           const GdkRGBA *colour)
{
  g_autoptr(PangoLayout) layout = text_layout (f, text, size, bold, f->width, PANGO_ALIGN_LEFT);
  double height = layout_height (layout);

  flow_need (f, height);
  show_layout (f, layout, 0, f->y, colour);
  f->y += height;
}

/* A section's heading, kept with at least @keep of what follows. */
static void
flow_heading (Flow       *f,
              const char *text,
              double      keep)
{
  g_autoptr(PangoLayout) layout = text_layout (f, text, HEADING_PT, TRUE, f->width, PANGO_ALIGN_LEFT);
  double height = layout_height (layout);

  flow_need (f, height + 4 + keep);
  show_layout (f, layout, 0, f->y, &black);
  f->y += height + 4;
}

/* ── tables ─────────────────────────────────────────────────────────── */

typedef enum
{
  ROW_PLAIN,
  ROW_BOLD,     /* a total */
  ROW_GROUP,    /* names the rows under it; no figures */
} RowStyle;

typedef struct
{
  RowStyle  style;
  char     *cells[MAX_COLUMNS];
  guint     flagged;   /* a bit per column over the target */
} Row;

typedef struct
{
  guint       n_columns;
  const char *titles[MAX_COLUMNS];
  gboolean    label_column;   /* the first column names the row */
  GPtrArray  *rows;           /* element-type Row */
} Table;

static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static Table *
table_new (gboolean    label_column,
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

static void
table_free (Table *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Row *
table_add_row (Table    *table,
               RowStyle  style,
               char     *label)
{
  Row *row = g_new0 (Row, 1);

  row->style = style;
  row->cells[0] = label;
  g_ptr_array_add (table->rows, row);
  return row;
}

static void
row_set_count (Row    *row,
               guint   column,
               gint64  count)
{
  g_free (row->cells[column]);
  row->cells[column] = g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

static void
row_set_minutes (Row    *row,
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
static void
row_set_figures (Row        *row,
                 guint       first,
                 JsonObject *figures,
                 int         target)
{
  row_set_count (row, first, gil_report_count (figures, "visits"));
  row_set_count (row, first + 1, gil_report_count (figures, "served"));
  row_set_count (row, first + 2, gil_report_count (figures, "not_served"));
  row_set_minutes (row, first + 3, gil_report_seconds (figures, "wait_p50"), target);
  row_set_minutes (row, first + 4, gil_report_seconds (figures, "wait_p90"), target);
  row_set_minutes (row, first + 5, gil_report_seconds (figures, "service_p50"), -1);
}

static double
label_column_width (Flow   *f,
                    Table  *t,
                    double  width)
{
  g_autoptr(PangoLayout) title = text_layout (f, t->titles[0], SMALL_PT, TRUE, -1, PANGO_ALIGN_LEFT);
  double widest = layout_width (title);

  for (guint i = 0; i < t->rows->len; i++)
    {
      Row *row = g_ptr_array_index (t->rows, i);
      g_autoptr(PangoLayout) layout = NULL;

      if (row->style == ROW_GROUP)
        continue;
      layout = text_layout (f, row->cells[0] != NULL ? row->cells[0] : "", BODY_PT,
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
      layout = text_layout (f, t->titles[c], SMALL_PT, TRUE, w - 2 * CELL_PAD, column_alignment (t, c));
      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PAD;
}

static double
row_height (Flow *f)
{
  g_autoptr(PangoLayout) layout = text_layout (f, "Ag", BODY_PT, FALSE, -1, PANGO_ALIGN_LEFT);

  return layout_height (layout) + 2 * CELL_PAD;
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
      layout = text_layout (f, t->titles[c], SMALL_PT, TRUE, w - 2 * CELL_PAD, column_alignment (t, c));
      /* Titles sit on the rule under them. */
      show_layout (f, layout, x0 + x + CELL_PAD, f->y + height - CELL_PAD - layout_height (layout), &black);
    }
  flow_rule (f, f->y + height, x0, width, 0.8);
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
  return text_layout (f, text, BODY_PT, row->style != ROW_PLAIN || flagged, w - 2 * CELL_PAD,
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
  double height = row_height (f) - 2 * CELL_PAD;

  for (guint c = 0; c < t->n_columns; c++)
    {
      double x;
      g_autoptr(PangoLayout) layout = cell_layout (f, t, row, c, width, label_width, &x);

      if (layout != NULL)
        height = MAX (height, layout_height (layout));
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
  if (drawing (f) && row->style != ROW_GROUP && index % 2 == 1)
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
        show_layout (f, layout, x0 + x + CELL_PAD, f->y + CELL_PAD,
                     flagged ? &flag_red : row->style == ROW_GROUP ? &grey : &black);
    }
}

static double
table_height (Flow   *f,
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
static void
flow_table (Flow     *f,
            Table    *t,
            double    x0,
            double    width,
            gboolean  split)
{
  double label_width = label_column_width (f, t, width);
  double header = table_header_height (f, t, width, label_width);

  if (split)
    flow_need (f, header + row_height (f) * MIN (t->rows->len, 3));
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
  flow_rule (f, f->y, x0, width, 0.4);
}

/* ── the report's parts ────────────────────────────────────────────── */

static void
flow_header (Flow *f)
{
  const Report *r = f->report;
  g_autofree char *when = NULL;
  g_autofree char *printed = g_strdup_printf (_("Printed %s with Giliran"), r->printed);

  if (r->day != NULL)
    when = gil_report_format_date (json_object_get_string_member_with_default (r->day, "date", ""));
  else if (r->days != NULL && json_array_get_length (r->days) > 0)
    {
      JsonObject *first = json_array_get_object_element (r->days, 0);
      JsonObject *last = json_array_get_object_element (r->days, json_array_get_length (r->days) - 1);

      when = gil_report_format_period (json_object_get_string_member_with_default (first, "date", ""),
                                       json_object_get_string_member_with_default (last, "date", ""));
    }
  else
    when = g_strdup ("");

  flow_text (f, r->day != NULL ? _("Daily Report") : _("Report by Day"), TITLE_PT, TRUE, &black);
  flow_text (f, r->puskesmas, 13, TRUE, &black);
  flow_text (f, when, 11, FALSE, &black);
  f->y += 2;
  flow_text (f, printed, SMALL_PT, FALSE, &grey);
  f->y += 4;
  flow_rule (f, f->y, 0, f->width, 1.2);
  f->y += GAP;
}

static void
flow_note (Flow       *f,
           const char *text)
{
  f->y += 3;
  flow_text (f, text, SMALL_PT, FALSE, &grey);
  f->y += GAP;
}

static void
flow_day_summary (Flow *f)
{
  JsonObject *totals = json_object_get_object_member (f->report->day, "totals");
  g_autoptr(Table) table = table_new (FALSE, _("Visits"), _("New patients"), _("Served"),
                                      _("Not served"), _("Cancelled"), _("Median wait"),
                                      _("90th percentile wait"), _("Median service time"), NULL);
  Row *row = table_add_row (table, ROW_BOLD, NULL);

  row_set_count (row, 0, gil_report_count (totals, "visits"));
  row_set_count (row, 1, gil_report_count (totals, "new_patients"));
  row_set_count (row, 2, gil_report_count (totals, "served"));
  row_set_count (row, 3, gil_report_count (totals, "not_served"));
  row_set_count (row, 4, gil_report_count (totals, "cancelled"));
  row_set_minutes (row, 5, gil_report_seconds (totals, "wait_p50"), f->report->target);
  row_set_minutes (row, 6, gil_report_seconds (totals, "wait_p90"), f->report->target);
  row_set_minutes (row, 7, gil_report_seconds (totals, "service_p50"), -1);

  flow_heading (f, _("Summary"), table_height (f, table, f->width));
  flow_table (f, table, 0, f->width, FALSE);
  f->y += GAP;
}

static void
flow_load (Flow *f)
{
  JsonObject *day = f->report->day;
  JsonArray *clusters = json_object_get_array_member (day, "clusters");
  JsonArray *rooms = json_object_get_array_member (day, "rooms");
  int target = f->report->target;
  g_autoptr(Table) table = table_new (TRUE, _("Cluster or room"), _("Visits"), _("Served"),
                                      _("Not served"), _("Median wait"), _("90th percentile wait"),
                                      _("Median service time"), NULL);
  g_autofree char *note = NULL;
  g_autofree char *target_text = gil_report_format_target (target);
  Row *row;

  row = table_add_row (table, ROW_BOLD, g_strdup (_("The whole puskesmas")));
  row_set_figures (row, 1, json_object_get_object_member (day, "totals"), target);
  table_add_row (table, ROW_GROUP, g_strdup (_("By cluster")));
  for (guint i = 0; clusters != NULL && i < json_array_get_length (clusters); i++)
    {
      JsonObject *cluster = json_array_get_object_element (clusters, i);

      row = table_add_row (table, ROW_PLAIN,
                           g_strdup (gil_report_cluster_title (json_object_get_string_member (cluster, "cluster"))));
      row_set_figures (row, 1, cluster, target);
    }
  table_add_row (table, ROW_GROUP, g_strdup (_("By room (each time a patient joined its queue)")));
  for (guint i = 0; rooms != NULL && i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      row = table_add_row (table, ROW_PLAIN,
                           g_strdup (json_object_get_string_member_with_default (room, "name", "")));
      row_set_figures (row, 1, room, target);
    }

  flow_heading (f, _("Service load by cluster and room"), table_height (f, table, f->width) * 0.5);
  flow_table (f, table, 0, f->width, TRUE);
  /* TRANSLATORS: %s is "Target 60 min" */
  note = g_strdup_printf (_("⚠ marks a waiting time over the puskesmas's target (%s)."), target_text);
  flow_note (f, note);
}

static void
flow_chart (Flow         *f,
            const char   *title,
            GilChartKind  kind,
            JsonArray    *points)
{
  flow_heading (f, title, CHART_HEIGHT);
  if (drawing (f))
    {
      PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

      pango_font_description_set_size (font, (int)(SMALL_PT * PANGO_SCALE));
      cairo_save (f->cr);
      cairo_translate (f->cr, 0, f->y);
      gil_chart_draw (f->cr, f->pango, font, &black, kind, points, f->report->target,
                      f->width, CHART_HEIGHT);
      cairo_restore (f->cr);
      pango_font_description_free (font);
    }
  f->y += CHART_HEIGHT + GAP * 1.5;
}

/* A breakdown: each group, its visits and its share of the day's. */
static Table *
breakdown_table (const char *title)
{
  return table_new (TRUE, title, _("Visits"), "%", NULL);
}

static void
breakdown_row (Table      *table,
               const char *label,
               gint64      visits,
               gint64      total)
{
  Row *row = table_add_row (table, ROW_PLAIN, g_strdup (label));

  row_set_count (row, 1, visits);
  row->cells[2] = total > 0 ? g_strdup_printf ("%.0f%%", 100.0 * visits / total) : g_strdup ("—");
}

static void
flow_breakdowns (Flow *f)
{
  JsonObject *day = f->report->day;
  gint64 total = gil_report_count (json_object_get_object_member (day, "totals"), "visits");
  JsonArray *ages = json_object_get_array_member (day, "by_age_group");
  JsonObject *sexes = json_object_get_object_member (day, "by_sex");
  JsonObject *payers = json_object_get_object_member (day, "by_payer");
  JsonObject *purposes = json_object_get_object_member (day, "by_purpose");
  Table *tables[4];
  double column = (f->width - GAP * 1.5) / 2;
  double top, height[2] = { 0, 0 };

  tables[0] = breakdown_table (_("Age group"));
  for (guint i = 0; ages != NULL && i < json_array_get_length (ages); i++)
    {
      JsonObject *age = json_array_get_object_element (ages, i);

      breakdown_row (tables[0], gil_report_age_group_label (json_object_get_string_member (age, "group")),
                     gil_report_count (age, "visits"), total);
    }
  tables[1] = breakdown_table (_("Purpose of visit"));
  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    if (gil_report_count (purposes, *p) > 0)
      breakdown_row (tables[1], gil_terms_purpose_label (*p), gil_report_count (purposes, *p), total);
  tables[2] = breakdown_table (_("Sex"));
  breakdown_row (tables[2], gil_report_sex_label ("F"), gil_report_count (sexes, "F"), total);
  breakdown_row (tables[2], gil_report_sex_label ("M"), gil_report_count (sexes, "M"), total);
  tables[3] = breakdown_table (_("Payer"));
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    breakdown_row (tables[3], gil_terms_payer_label (*p), gil_report_count (payers, *p), total);

  for (guint i = 0; i < 4; i++)
    height[i / 2] = MAX (height[i / 2], table_height (f, tables[i], column));

  flow_heading (f, _("Visits by age group, sex, payer and purpose"), height[0]);
  for (guint line = 0; line < 2; line++)
    {
      flow_need (f, height[line]);
      top = f->y;
      for (guint i = 0; i < 2; i++)
        {
          f->y = top;
          flow_table (f, tables[line * 2 + i], i * (column + GAP * 1.5), column, FALSE);
        }
      f->y = top + height[line] + GAP;
    }

  for (guint i = 0; i < 4; i++)
    table_free (tables[i]);
}

static void
flow_period (Flow *f)
{
  JsonArray *days = f->report->days;
  guint n = days != NULL ? json_array_get_length (days) : 0;
  int target = f->report->target;
  gint64 sums[4] = { 0 };
  static const char * const summed[] = { "visits", "new_patients", "served", "not_served" };
  g_autoptr(Table) summary = table_new (FALSE, _("Days"), _("Visits"), _("New patients"),
                                        _("Served"), _("Not served"), NULL);
  g_autoptr(Table) table = table_new (TRUE, _("Date"), _("Visits"), _("Served"), _("Not served"),
                                      _("Median wait"), _("90th percentile wait"),
                                      _("Median service time"), NULL);
  g_autofree char *target_text = gil_report_format_target (target);
  g_autofree char *note = NULL;
  Row *row;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      JsonObject *totals = json_object_get_object_member (day, "totals");

      for (guint s = 0; s < G_N_ELEMENTS (summed); s++)
        sums[s] += gil_report_count (totals, summed[s]);
      row = table_add_row (table, ROW_PLAIN,
                           gil_report_format_date (json_object_get_string_member_with_default (day, "date", "")));
      row_set_figures (row, 1, totals, target);
    }
  row = table_add_row (summary, ROW_BOLD, NULL);
  row_set_count (row, 0, n);
  for (guint s = 0; s < G_N_ELEMENTS (summed); s++)
    row_set_count (row, s + 1, sums[s]);

  flow_heading (f, _("Summary"), table_height (f, summary, f->width));
  flow_table (f, summary, 0, f->width, FALSE);
  f->y += GAP;
  flow_chart (f, _("Visits and median wait by day"), GIL_CHART_TREND, days);
  flow_heading (f, _("Service load by day"), row_height (f) * 4);
  flow_table (f, table, 0, f->width, TRUE);
  note = g_strdup_printf (_("⚠ marks a waiting time over the puskesmas's target (%s)."), target_text);
  flow_note (f, note);
}

static void
draw_footer (Flow *f,
             int   n_pages)
{
  g_autofree char *page = g_strdup_printf (_("Page %d of %d"), f->page + 1, n_pages);
  g_autofree char *title = report_title (f->report);
  g_autoptr(PangoLayout) left = text_layout (f, title, SMALL_PT, FALSE, f->width * 0.75, PANGO_ALIGN_LEFT);
  g_autoptr(PangoLayout) right = text_layout (f, page, SMALL_PT, FALSE, f->width, PANGO_ALIGN_RIGHT);
  double y = f->height + FOOTER_HEIGHT - layout_height (left);

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  show_layout (f, left, 0, y, &grey);
  show_layout (f, right, 0, y, &grey);
}

/* Lays the report out on pages of @width × @height points and draws page
 * @target (none when -1). Returns: how many pages it takes */
static int
lay_out (cairo_t      *cr,
         PangoContext *pango,
         const Report *report,
         double        width,
         double        height,
         int           target,
         int           n_pages)
{
  Flow f = { cr, pango, report, width, height - FOOTER_HEIGHT, 0, 0, target };

  flow_header (&f);
  if (report->day != NULL)
    {
      flow_day_summary (&f);
      flow_load (&f);
      flow_chart (&f, _("Arrivals and patients served by hour"), GIL_CHART_BY_HOUR,
                  json_object_get_array_member (report->day, "by_hour"));
      if (report->days != NULL)
        flow_chart (&f, _("Last 30 days: visits and median wait"), GIL_CHART_TREND, report->days);
      flow_breakdowns (&f);
    }
  else
    flow_period (&f);

  if (target >= 0)
    {
      f.page = target;
      draw_footer (&f, n_pages);
    }
  return f.page + 1;
}

/* ── PDF ────────────────────────────────────────────────────────────── */

static PangoContext *
pdf_pango_context (cairo_t *cr)
{
  PangoContext *pango = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Points, as GtkPrintContext gives them. */
  pango_cairo_context_set_resolution (pango, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  return pango;
}

/**
 * gil_report_printer_write_pdf:
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable): the 30 days to @day (for its trend), or the period
 *
 * Writes the report to @path as an A4 PDF; needs no display.
 */
gboolean
gil_report_printer_write_pdf (const char  *path,
                              const char  *puskesmas,
                              JsonObject  *day,
                              JsonArray   *days,
                              int          wait_target,
                              GError     **error)
{
  g_autoptr(Report) report = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  double margin = MARGIN_MM * MM_TO_PT;
  double width = A4_WIDTH_PT - 2 * margin;
  double height = A4_HEIGHT_PT - 2 * margin;
  g_autofree char *title = NULL;
  cairo_status_t status;
  int n_pages;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (day != NULL || days != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report = report_new (puskesmas, day, days, wait_target);
  surface = cairo_pdf_surface_create (path, A4_WIDTH_PT, A4_HEIGHT_PT);
  title = report_title (report);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Giliran");
  cr = cairo_create (surface);
  pango = pdf_pango_context (cr);

  n_pages = lay_out (cr, pango, report, width, height, -1, 0);
  for (int page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, margin, margin);
      lay_out (cr, pango, report, width, height, page, n_pages);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                   _("Cannot write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* ── the print dialog ───────────────────────────────────────────────── */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  Report *report = user_data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  report->n_pages = lay_out (gtk_print_context_get_cairo_context (context), pango, report,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context), -1, 0);
  gtk_print_operation_set_n_pages (operation, report->n_pages);
  g_object_unref (pango);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  Report *report = user_data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  lay_out (gtk_print_context_get_cairo_context (context), pango, report,
           gtk_print_context_get_width (context), gtk_print_context_get_height (context),
           page, report->n_pages);
  g_object_unref (pango);
}

/**
 * gil_report_printer_new_operation:
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable): the 30 days to @day (for its trend), or the period
 *
 * A print operation for the report on A4, ready to run with any action:
 * the print dialog, or an export to a file.
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
gil_report_printer_new_operation (const char *puskesmas,
                                  JsonObject *day,
                                  JsonArray  *days,
                                  int         wait_target)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *title = NULL;
  Report *report;

  g_return_val_if_fail (day != NULL || days != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  report = report_new (puskesmas, day, days, wait_target);
  title = report_title (report);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  g_object_set_data_full (G_OBJECT (operation), "gil-report", report, (GDestroyNotify)report_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), report);
  return operation;
}

/**
 * gil_report_printer_print:
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable): the 30 days to @day (for its trend), or the period
 *
 * Prints the report on A4 through the print dialog, which can also save
 * it as a PDF.
 */
void
gil_report_printer_print (GtkWindow  *parent,
                          const char *puskesmas,
                          JsonObject *day,
                          JsonArray  *days,
                          int         wait_target)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (day != NULL || days != NULL);

  operation = gil_report_printer_new_operation (puskesmas, day, days, wait_target);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The report did not print"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* ── CSV, as the manager writes it ─────────────────────────────────── */

typedef struct
{
  SoupSession *session;
  SoupMessage *message;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->session);
  g_free (fetch);
}

static void
on_csv_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (gil_connection_message_refused (fetch->message))
        g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                                 "%s", _("The queue server’s certificate does not match the paired manager. "
                                         "If the server was set up again, pair this station again."));
      else
        g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                                 _("Cannot reach the queue manager: %s"), error->message);
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);
      const char *message = NULL;

      /* An error reply is JSON with the manager's own words. */
      if (length > 0 && json_parser_load_from_data (parser, data, length, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *root = json_node_get_object (json_parser_get_root (parser));
          JsonNode *member = json_object_get_member (root, "error");

          if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
            message = json_object_get_string_member_with_default (json_node_get_object (member),
                                                                  "message", NULL);
        }
      if (message != NULL)
        g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                                 "%s", message);
      else
        g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                                 _("The manager answered %u %s"), status, soup_status_get_phrase (status));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
}

/**
 * gil_report_printer_fetch_csv_async:
 * @path: a report's path with format=csv
 *
 * Gets the manager's CSV of a report as it is; the connection's own
 * requests only take JSON.
 */
void
gil_report_printer_fetch_csv_async (GilConnection       *connection,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  Fetch *fetch;

  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_report_printer_fetch_csv_async);
  uri = g_strconcat (gil_connection_get_base_url (connection), path, NULL);
  fetch = g_new0 (Fetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify)fetch_free);
  /* With the station's token and its pinned certificate. */
  fetch->message = gil_connection_new_message (connection, "GET", path);
  if (fetch->message == NULL)
    {
      g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                               _("“%s” is not a valid address"), uri);
      return;
    }
  fetch->session = g_object_ref (gil_connection_get_session (connection));
  soup_session_send_and_read_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_csv_read_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the CSV's bytes */
GBytes *
gil_report_printer_fetch_csv_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_report_printer_fetch_csv_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── a day's report to a file, without a window ───────────────────── */

typedef struct
{
  GilConnection *connection;
  char          *date;
  char          *output;
  int            target;
  char          *puskesmas;
  JsonNode      *day;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->connection);
  g_free (export->date);
  g_free (export->output);
  g_free (export->puskesmas);
  g_clear_pointer (&export->day, json_node_unref);
  g_free (export);
}

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_csv_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = gil_report_printer_fetch_csv_finish (result, &error);
  g_autoptr(GFile) file = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (csv == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  file = g_file_new_for_commandline_arg (export->output);
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       on_export_written_cb, g_steal_pointer (&task));
}

static void
on_export_days_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) days = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);

  if (days == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (days) || !JSON_NODE_HOLDS_OBJECT (export->day))
    {
      g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                               _("The manager’s report is not as expected"));
      return;
    }
  if (!gil_report_printer_write_pdf (export->output, export->puskesmas,
                                     json_node_get_object (export->day), json_node_get_array (days),
                                     export->target, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_export_day_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = gil_report_shift_date (export->date, -(TREND_DAYS - 1));
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/range?from=%s&to=%s", from, export->date);
  GCancellable *cancellable;

  export->day = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (export->day == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  gil_connection_request_async (export->connection, "GET", path, NULL, NULL, cancellable,
                                on_export_days_cb, g_steal_pointer (&task));
}

static void
on_export_profile_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) profile = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", export->date);
  GCancellable *cancellable;

  if (profile == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (profile))
    export->puskesmas = g_strdup (json_object_get_string_member_with_default (json_node_get_object (profile),
                                                                              "name", NULL));
  cancellable = g_task_get_cancellable (task);
  gil_connection_request_async (export->connection, "GET", path, NULL, NULL, cancellable,
                                on_export_day_cb, g_steal_pointer (&task));
}

/**
 * gil_report_printer_export_async:
 * @date: the day, YYYY-MM-DD
 * @output: a file ending in .pdf (the printed report) or .csv (the
 *   manager's CSV of the day)
 * @wait_target: in minutes, for the waits the PDF marks
 *
 * Writes a day's report to a file, as `giliran --export-report` does.
 */
void
gil_report_printer_export_async (GilConnection       *connection,
                                 const char          *date,
                                 const char          *output,
                                 int                  wait_target,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *lower = NULL;
  Export *export;

  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (date != NULL);
  g_return_if_fail (output != NULL);

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_report_printer_export_async);
  export = g_new0 (Export, 1);
  export->connection = g_object_ref (connection);
  export->date = g_strdup (date);
  export->output = g_strdup (output);
  export->target = wait_target;
  g_task_set_task_data (task, export, (GDestroyNotify)export_free);

  if (!gil_report_date_is_valid (date))
    {
      g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_INVALID_DATE,
                               _("“%s” is not a date written YYYY-MM-DD"), date);
      return;
    }

  lower = g_ascii_strdown (output, -1);
  if (g_str_has_suffix (lower, ".csv"))
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s&format=csv", date);

      gil_report_printer_fetch_csv_async (connection, path, cancellable, on_export_csv_cb,
                                          g_steal_pointer (&task));
    }
  else if (g_str_has_suffix (lower, ".pdf"))
    gil_connection_request_async (connection, "GET", "/api/v1/profile", NULL, NULL, cancellable,
                                  on_export_profile_cb, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_INVALID_OUTPUT,
                             _("The output file’s name ends in .pdf or .csv"));
}

gboolean
gil_report_printer_export_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_report_printer_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
