/* gil-report-xlsx.c — a period's report tables as a spreadsheet (XLSX,
 * with libxlsxwriter)
 *
 * A sheet per table, named as the table: its title on the first row, the
 * puskesmas and the period on the second, then the column titles, bold,
 * frozen with the columns that name the rows so they stay in sight. Counts
 * and minutes are numbers, a time with nothing to measure an empty cell,
 * totals bold. Each column is as wide as its longest text (column titles
 * wrap at their words).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "gil-report-printer.h"
#include "gil-report-tables.h"

#define TITLE_ROW   0
#define PERIOD_ROW  1
#define HEADER_ROW  2
#define FIRST_ROW   3
#define MIN_WIDTH   6.0
#define MAX_WIDTH   60.0
#define TITLE_WIDTH 14.0   /* a column title wraps at its words, but not narrower */
#define LINE_HEIGHT 15.0   /* points, a line of the default font */

typedef struct
{
  lxw_format *title;
  lxw_format *header;
  lxw_format *text_header;
  lxw_format *total;
} Formats;

/* Characters, as a spreadsheet's column width counts them. */
static double
text_width (const char *text)
{
  return text != NULL ? (double)g_utf8_strlen (text, -1) : 0;
}

/* The width a column title needs wrapped: its longest word, or a little
 * more for a short title. */
static double
title_width (const char *title)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  double widest = MIN (text_width (title), TITLE_WIDTH);

  for (guint i = 0; words[i] != NULL; i++)
    widest = MAX (widest, text_width (words[i]));
  return widest;
}

/* How many lines @title takes wrapped at its words in a column @width
 * characters wide. */
static guint
title_lines (const char *title,
             double      width)
{
  g_auto(GStrv) words = g_strsplit (title, " ", -1);
  double line = 0;
  guint lines = 1;

  for (guint i = 0; words[i] != NULL; i++)
    {
      double word = text_width (words[i]);

      if (line > 0 && line + 1 + word > width)
        {
          lines++;
          line = word;
        }
      else
        line += (line > 0 ? 1 : 0) + word;
    }
  return lines;
}

static double
cell_width (const GilReportCell *cell)
{
  g_autofree char *digits = NULL;

  if (cell->kind == GIL_REPORT_CELL_TEXT)
    return text_width (cell->text);
  if (cell->kind != GIL_REPORT_CELL_NUMBER)
    return 0;
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
  return text_width (digits);
}

static void
write_sheet (lxw_workbook         *workbook,
             const Formats        *formats,
             GilReportTables      *tables,
             const GilReportTable *table)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, table->sheet);
  g_autofree char *whose = g_strdup_printf ("%s — %s", tables->puskesmas, tables->period);
  guint n_columns = gil_report_table_n_columns (table);
  g_autofree double *widths = g_new0 (double, n_columns);
  guint header_lines = 1;

  worksheet_write_string (sheet, TITLE_ROW, 0, table->title, formats->title);
  worksheet_write_string (sheet, PERIOD_ROW, 0, whose, NULL);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *title = g_ptr_array_index (table->column_titles, c);

      worksheet_write_string (sheet, HEADER_ROW, c, title,
                              c < table->n_label_columns ? formats->text_header : formats->header);
      widths[c] = title_width (title);
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      const GilReportRow *row = g_ptr_array_index (table->rows, r);
      lxw_format *format = row->total ? formats->total : NULL;

      for (guint c = 0; c < n_columns && c < row->cells->len; c++)
        {
          const GilReportCell *cell = gil_report_row_get_cell (row, c);

          if (cell->kind == GIL_REPORT_CELL_TEXT)
            worksheet_write_string (sheet, FIRST_ROW + r, c, cell->text, format);
          else if (cell->kind == GIL_REPORT_CELL_NUMBER)
            worksheet_write_number (sheet, FIRST_ROW + r, c, (double)cell->number, format);
          widths[c] = MAX (widths[c], cell_width (cell));
        }
    }

  for (guint c = 0; c < n_columns; c++)
    {
      double width = CLAMP (widths[c] + 2, MIN_WIDTH, MAX_WIDTH);

      worksheet_set_column (sheet, c, c, width, NULL);
      header_lines = MAX (header_lines, title_lines (g_ptr_array_index (table->column_titles, c), width - 1));
    }
  /* Wrapped titles: the row as tall as the longest (spreadsheets do not
   * all grow it themselves). */
  worksheet_set_row (sheet, HEADER_ROW, LINE_HEIGHT * header_lines, NULL);
  worksheet_freeze_panes (sheet, FIRST_ROW, table->n_label_columns);
}

/**
 * gil_report_tables_write_xlsx:
 *
 * Writes the tables to @path as a spreadsheet, a sheet each.
 */
gboolean
gil_report_tables_write_xlsx (GilReportTables  *tables,
                              const char       *path,
                              GError          **error)
{
  lxw_workbook *workbook;
  lxw_doc_properties properties = { 0 };
  g_autofree char *title = NULL;
  Formats formats;
  lxw_error status;

  g_return_val_if_fail (tables != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  workbook = workbook_new (path);
  if (workbook == NULL)
    {
      g_set_error (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                   _("Cannot write %s"), path);
      return FALSE;
    }
  title = g_strdup_printf ("%s — %s", tables->puskesmas, tables->period);
  properties.title = title;
  properties.company = tables->puskesmas;
  properties.author = (char *)"Giliran";
  workbook_set_properties (workbook, &properties);

  formats.title = workbook_add_format (workbook);
  format_set_bold (formats.title);
  format_set_font_size (formats.title, 14);
  formats.header = workbook_add_format (workbook);
  format_set_bold (formats.header);
  format_set_text_wrap (formats.header);
  format_set_align (formats.header, LXW_ALIGN_RIGHT);
  format_set_align (formats.header, LXW_ALIGN_VERTICAL_BOTTOM);
  format_set_bottom (formats.header, LXW_BORDER_THIN);
  formats.text_header = workbook_add_format (workbook);
  format_set_bold (formats.text_header);
  format_set_text_wrap (formats.text_header);
  format_set_align (formats.text_header, LXW_ALIGN_VERTICAL_BOTTOM);
  format_set_bottom (formats.text_header, LXW_BORDER_THIN);
  formats.total = workbook_add_format (workbook);
  format_set_bold (formats.total);

  for (guint t = 0; t < tables->tables->len; t++)
    write_sheet (workbook, &formats, tables, g_ptr_array_index (tables->tables, t));

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_FAILED,
                   _("Cannot write %s: %s"), path, lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}
