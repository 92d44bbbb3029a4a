/* gil-report-tables.h — a period's report as tables: the one source of
 * its spreadsheet, its CSV and its printed sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gil-monthly-report.h"
#include "gil-profile.h"

G_BEGIN_DECLS

/* The longest sheet name a spreadsheet takes. */
#define GIL_REPORT_SHEET_NAME_MAX 31

typedef enum
{
  GIL_REPORT_CELL_EMPTY,    /* nothing to measure */
  GIL_REPORT_CELL_TEXT,
  GIL_REPORT_CELL_NUMBER,   /* a whole number: a count, or minutes */
} GilReportCellKind;

typedef struct
{
  GilReportCellKind  kind;
  char              *text;     /* TEXT only */
  gint64             number;   /* NUMBER only */
} GilReportCell;

/* A row: its key for machines ("k2", "2026-11-03", "K3-DEWASA",
 * "k2/bayi", "kunjungan"), whether it is a total, and a cell per column.
 * The first n_label_columns cells name the row (text). */
typedef struct
{
  char     *key;
  gboolean  total;
  GArray   *cells;      /* element-type GilReportCell */
} GilReportRow;

typedef struct
{
  char      *key;             /* "ringkasan", "per_hari", …: the CSV's */
  char      *title;           /* for people */
  char      *sheet;           /* the spreadsheet's sheet name, ≤ 31 characters */
  GPtrArray *column_keys;     /* element-type utf8: "klaster", "kunjungan", … */
  GPtrArray *column_titles;   /* element-type utf8 */
  guint      n_label_columns;
  GPtrArray *rows;            /* element-type GilReportRow */
} GilReportTable;

/* What is exported: whose, which period, and the tables in order. */
typedef struct
{
  GilProfile *profile;    /* (nullable) the puskesmas's, for the printed report */
  char      *puskesmas;
  char      *month;       /* (nullable) YYYY-MM when the period is a calendar month (or its days so far) */
  char      *from;        /* YYYY-MM-DD */
  char      *to;
  char      *period;      /* for people: "November 2026", or "2 – 15 November 2026" */
  GPtrArray *tables;      /* element-type GilReportTable */
} GilReportTables;

GilReportTables *gil_report_tables_new_month  (GilProfile       *profile,
                                               GilMonthlyReport *report);
void             gil_report_tables_free       (GilReportTables  *tables);
GilReportTable  *gil_report_tables_get        (GilReportTables  *tables,
                                               const char       *key);
char            *gil_report_tables_sheet_name (GilReportTables  *tables,
                                               const char       *title);

const GilReportCell *gil_report_row_get_cell  (const GilReportRow *row,
                                               guint               column);
guint            gil_report_table_n_columns   (const GilReportTable *table);

/* gil-report-csv.c */
GBytes          *gil_report_tables_to_csv     (GilReportTables  *tables,
                                               char              separator);
gboolean         gil_report_csv_separator_parse (const char     *text,
                                                 char           *separator);

/* gil-report-xlsx.c */
gboolean         gil_report_tables_write_xlsx (GilReportTables  *tables,
                                               const char       *path,
                                               GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilReportTables, gil_report_tables_free)

G_END_DECLS
