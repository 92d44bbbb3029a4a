/* gil-report-month-sections.c — what the printed report of a month (or a
 * period) says: its tables, in order
 *
 * The same tables as the spreadsheet and the CSV (gil-report-tables.c),
 * each under its title, drawn with the layout's tables: counts as they
 * are, times in minutes with a wait over the puskesmas's target marked,
 * "—" when there was nothing to measure. A table with more columns than a
 * page holds goes in parts, its counts first, then its times, the rows
 * named again in each. Rows named by a cluster and a group (the age
 * groups) come under their cluster. Tables of one figure a row go two
 * side by side when they fit on a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-report-labels.h"
#include "gil-report-layout.h"
#include "gil-report-tables.h"

static gboolean
is_minutes (const GilReportTable *table,
            guint                 column)
{
  return g_str_has_suffix (g_ptr_array_index (table->column_keys, column), "_menit");
}

static gboolean
is_wait (const GilReportTable *table,
         guint                 column)
{
  return g_str_has_prefix (g_ptr_array_index (table->column_keys, column), "tunggu_");
}

/* Whether @table has one figure a row, so it takes half the page. */
static gboolean
is_narrow (const GilReportTable *table)
{
  return gil_report_table_n_columns (table) == table->n_label_columns + 1;
}

/* Whether the rows' first names repeat, so that they group the rows. */
static gboolean
first_label_groups (const GilReportTable *table)
{
  if (table->n_label_columns < 2)
    return FALSE;
  for (guint r = 1; r < table->rows->len; r++)
    {
      const GilReportCell *before = gil_report_row_get_cell (g_ptr_array_index (table->rows, r - 1), 0);
      const GilReportCell *cell = gil_report_row_get_cell (g_ptr_array_index (table->rows, r), 0);

      if (g_strcmp0 (before->text, cell->text) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
set_cell (Row                  *row,
          guint                 column,
          const GilReportTable *table,
          guint                 source,
          const GilReportCell  *cell,
          int                   target)
{
  if (cell->kind == GIL_REPORT_CELL_TEXT)
    row->cells[column] = g_strdup (cell->text);
  else if (cell->kind == GIL_REPORT_CELL_EMPTY)
    row->cells[column] = g_strdup ("—");
  else
    {
      gil_row_set_count (row, column, cell->number);
      if (is_minutes (table, source) && is_wait (table, source) && gil_report_over_target (cell->number * 60, target))
        row->flagged |= 1u << column;
    }
}

/* The part of @table with its value columns @first to @last (inclusive)
 * as a layout table. */
static Table *
part_table (const GilReportTable *table,
            guint                 first,
            guint                 last,
            int                   target)
{
  gboolean groups = first_label_groups (table);
  guint label = groups || table->n_label_columns > 1 ? table->n_label_columns - 1 : 0;
  const char *group = NULL;
  Table *t = gil_table_new (TRUE, g_ptr_array_index (table->column_titles, label), NULL);

  for (guint c = first; c <= last && t->n_columns < MAX_COLUMNS; c++)
    t->titles[t->n_columns++] = g_ptr_array_index (table->column_titles, c);

  for (guint r = 0; r < table->rows->len; r++)
    {
      const GilReportRow *source = g_ptr_array_index (table->rows, r);
      const GilReportCell *name = gil_report_row_get_cell (source, label);
      Row *row;

      if (groups && g_strcmp0 (group, gil_report_row_get_cell (source, 0)->text) != 0)
        {
          group = gil_report_row_get_cell (source, 0)->text;
          gil_table_add_row (t, ROW_GROUP, g_strdup (group));
        }
      row = gil_table_add_row (t, source->total ? ROW_BOLD : ROW_PLAIN,
                               g_strdup (name->kind == GIL_REPORT_CELL_TEXT ? name->text : ""));
      for (guint c = first; c <= last && 1 + c - first < MAX_COLUMNS; c++)
        set_cell (row, 1 + c - first, table, c, gil_report_row_get_cell (source, c), target);
    }
  return t;
}

static void
flow_part (Flow       *f,
           const char *heading,
           Table      *t,
           double      width)
{
  gil_flow_heading (f, heading, MIN (gil_table_height (f, t, width), gil_flow_row_height (f) * 6));
  gil_flow_table (f, t, 0, width, TRUE);
  f->y += GAP;
}

/* Value columns a printed table part holds: more do not fit on A4 at the
 * layout's sizes. */
#define PART_COLUMNS (MAX_COLUMNS - 1)

/* Splits the value columns of @table into parts: its counts, then its
 * times, each in as few even parts as the page needs. Returns the parts
 * as pairs of first and last column. */
static GArray *
split_columns (const GilReportTable *table)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = gil_report_table_n_columns (table);

  for (guint start = table->n_label_columns; start < n;)
    {
      guint end = start, count, k;

      while (end + 1 < n && is_minutes (table, end + 1) == is_minutes (table, start))
        end++;
      count = end - start + 1;
      k = (count + PART_COLUMNS - 1) / PART_COLUMNS;
      for (guint i = 0; i < k; i++)
        {
          guint first = start + count * i / k;
          guint last = start + count * (i + 1) / k - 1;

          g_array_append_val (parts, first);
          g_array_append_val (parts, last);
        }
      start = end + 1;
    }
  return parts;
}

static void
flow_table (Flow                 *f,
            const GilReportTable *table)
{
  guint first = table->n_label_columns;
  guint n = gil_report_table_n_columns (table);
  g_autoptr(GArray) parts = NULL;
  guint n_parts;
  /* A table of one figure a row takes half the page. */
  double width = is_narrow (table) ? f->width * 0.5 : f->width;

  if (n <= first)
    return;
  /* All in one table when it fits. */
  if (n - first <= PART_COLUMNS)
    {
      g_autoptr(Table) t = part_table (table, first, n - 1, f->report->target);

      flow_part (f, table->title, t, width);
      return;
    }

  parts = split_columns (table);
  n_parts = parts->len / 2;
  for (guint i = 0; i < n_parts; i++)
    {
      g_autoptr(Table) t = part_table (table, g_array_index (parts, guint, 2 * i),
                                       g_array_index (parts, guint, 2 * i + 1), f->report->target);
      /* TRANSLATORS: a table printed in parts: its title, this part's number, how many parts */
      g_autofree char *heading = g_strdup_printf (_("%s (part %u of %u)"), table->title, i + 1, n_parts);

      flow_part (f, heading, t, width);
    }
}

/* Two narrow tables side by side, each under its title, when both fit on
 * a page. Returns: whether they did */
static gboolean
flow_pair (Flow                 *f,
           const GilReportTable *left,
           const GilReportTable *right)
{
  const GilReportTable *pair[2] = { left, right };
  double column = (f->width - GAP * 1.5) / 2;
  g_autoptr(Table) first = part_table (left, left->n_label_columns, left->n_label_columns, f->report->target);
  g_autoptr(Table) second = part_table (right, right->n_label_columns, right->n_label_columns, f->report->target);
  Table *tables[2] = { first, second };
  PangoLayout *headings[2];
  double height = 0, top;

  for (guint i = 0; i < 2; i++)
    {
      headings[i] = gil_flow_text_layout (f, pair[i]->title, HEADING_PT, TRUE, column, PANGO_ALIGN_LEFT);
      height = MAX (height, gil_flow_layout_height (headings[i]) + 4 + gil_table_height (f, tables[i], column));
    }
  if (height <= f->height)
    {
      gil_flow_need (f, height);
      top = f->y;
      for (guint i = 0; i < 2; i++)
        {
          double x = i * (column + GAP * 1.5);

          gil_flow_show_layout (f, headings[i], x, top, &gil_report_black);
          f->y = top + gil_flow_layout_height (headings[i]) + 4;
          gil_flow_table (f, tables[i], x, column, FALSE);
        }
      f->y = top + height + GAP;
    }
  g_object_unref (headings[0]);
  g_object_unref (headings[1]);
  return height <= f->height;
}

/* Lays out the tables of a month's (or a period's) report. */
void
gil_report_month_sections_flow (Flow *f)
{
  GilReportTables *tables = f->report->tables;
  g_autofree char *target_text = gil_report_format_target (f->report->target);
  g_autofree char *note = NULL;

  for (guint i = 0; i < tables->tables->len; i++)
    {
      const GilReportTable *table = g_ptr_array_index (tables->tables, i);
      const GilReportTable *next = i + 1 < tables->tables->len ? g_ptr_array_index (tables->tables, i + 1) : NULL;

      if (next != NULL && is_narrow (table) && is_narrow (next) && flow_pair (f, table, next))
        i++;
      else
        flow_table (f, table);
    }

  note = g_strdup_printf (_("Times are in whole minutes; “—” where there was nothing to measure. "
                            "⚠ marks a waiting time over the puskesmas's target (%s)."), target_text);
  f->y += 3;
  gil_flow_text (f, note, SMALL_PT, FALSE, &gil_report_grey);
}
