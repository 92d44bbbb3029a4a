/* gil-report-csv.c — a period's report tables as one CSV file, for
 * machines
 *
 * Long format, a figure a line (doc/reports.md):
 *
 *   dari,sampai,tabel,baris,nama,kolom,nilai
 *   2026-11-01,2026-11-30,per_klaster,k2,Klaster 2: Ibu dan Anak,kunjungan,42
 *
 * UTF-8, lines ended by CRLF, fields quoted as RFC 4180 says (in double
 * quotes, a quote doubled) when they hold the separator, a quote or a
 * line break. The separator is `,`, or `;` for spreadsheets set up for
 * Indonesia, where `,` is the decimal mark. Times are whole minutes; a
 * time with nothing to measure is an empty field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-report-tables.h"

static void
append_field (GString    *csv,
              const char *text,
              char        separator)
{
  const char specials[] = { separator, '"', '\r', '\n', '\0' };

  if (strpbrk (text, specials) == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  g_string_append_c (csv, '"');
}

static void
append_line (GString            *csv,
             const char * const *fields,
             char                separator)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (csv, separator);
      append_field (csv, fields[i], separator);
    }
  g_string_append (csv, "\r\n");
}

/* Returns: (transfer full): the row's name for people: its label cells,
 *   joined by " / " */
static char *
row_name (const GilReportTable *table,
          const GilReportRow   *row)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint c = 0; c < table->n_label_columns; c++)
    {
      const GilReportCell *cell = gil_report_row_get_cell (row, c);

      if (cell->kind == GIL_REPORT_CELL_TEXT)
        g_strv_builder_add (names, cell->text);
    }
  parts = g_strv_builder_end (names);
  return g_strjoinv (" / ", parts);
}

/**
 * gil_report_tables_to_csv:
 * @separator: ',' or ';'
 *
 * Returns: (transfer full): the tables as one CSV file
 */
GBytes *
gil_report_tables_to_csv (GilReportTables *tables,
                          char             separator)
{
  static const char * const header[] = { "dari", "sampai", "tabel", "baris", "nama", "kolom", "nilai", NULL };
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (tables != NULL, NULL);
  g_return_val_if_fail (separator == ',' || separator == ';', NULL);

  append_line (csv, header, separator);
  for (guint t = 0; t < tables->tables->len; t++)
    {
      const GilReportTable *table = g_ptr_array_index (tables->tables, t);

      for (guint r = 0; r < table->rows->len; r++)
        {
          const GilReportRow *row = g_ptr_array_index (table->rows, r);
          g_autofree char *name = row_name (table, row);

          for (guint c = table->n_label_columns; c < gil_report_table_n_columns (table); c++)
            {
              const GilReportCell *cell = gil_report_row_get_cell (row, c);
              g_autofree char *value = NULL;
              const char *fields[8];

              if (cell->kind == GIL_REPORT_CELL_NUMBER)
                value = g_strdup_printf ("%" G_GINT64_FORMAT, cell->number);
              else
                value = g_strdup (cell->kind == GIL_REPORT_CELL_TEXT ? cell->text : "");
              fields[0] = tables->from;
              fields[1] = tables->to;
              fields[2] = table->key;
              fields[3] = row->key;
              fields[4] = name;
              fields[5] = g_ptr_array_index (table->column_keys, c);
              fields[6] = value;
              fields[7] = NULL;
              append_line (csv, fields, separator);
            }
        }
    }
  return g_string_free_to_bytes (csv);
}

/**
 * gil_report_csv_separator_parse:
 * @text: "comma" or ",", "semicolon" or ";"
 * @separator: (out): the separator
 *
 * Returns: whether @text names a separator
 */
gboolean
gil_report_csv_separator_parse (const char *text,
                                char       *separator)
{
  g_return_val_if_fail (separator != NULL, FALSE);

  if (g_strcmp0 (text, ",") == 0 || g_strcmp0 (text, "comma") == 0)
    *separator = ',';
  else if (g_strcmp0 (text, ";") == 0 || g_strcmp0 (text, "semicolon") == 0)
    *separator = ';';
  else
    return FALSE;
  return TRUE;
}
