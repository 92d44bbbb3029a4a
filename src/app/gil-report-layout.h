/* gil-report-layout.h — the printed report's pages, shared by its layout,
 * its sections and its printing (private to those three files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <pango/pangocairo.h>

#include "gil-daily-report.h"
#include "gil-profile.h"
#include "gil-report-tables.h"

G_BEGIN_DECLS

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
#define MAX_COLUMNS      8

extern const GdkRGBA gil_report_black;
extern const GdkRGBA gil_report_grey;
extern const GdkRGBA gil_report_flag_red;

/* What a report shows. */
typedef struct
{
  char           *puskesmas;
  GilProfile     *profile;   /* (nullable) the letterhead and signature */
  GilDailyReport *day;       /* (nullable) a day's full report; NULL for a period */
  GPtrArray      *days;      /* (nullable) the 30 days to @day, or the period */
  GilReportTables *tables;   /* (nullable) a month's tables (gil-report-month-sections.c) */
  int             target;    /* minutes */
  char           *printed;
  char           *printed_on; /* YYYY-MM-DD, for the signature */
  int             n_pages;
} Report;

Report *gil_printed_report_new    (GilProfile     *profile,
                                   GilDailyReport *day,
                                   GPtrArray      *days,
                                   int             wait_target);
void    gil_printed_report_free   (Report         *report);
char   *gil_printed_report_title  (const Report   *report);
int     gil_printed_report_lay_out (cairo_t       *cr,
                                    PangoContext  *pango,
                                    const Report  *report,
                                    double         width,
                                    double         height,
                                    int            target,
                                    int            n_pages);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, gil_printed_report_free)

/* gil-report-printer.c: a report, whatever it shows, to PDF or the printer */
gboolean           gil_printed_report_write_pdf     (Report       *report,
                                                     const char   *path,
                                                     GError      **error);
GtkPrintOperation *gil_printed_report_new_operation (Report       *report);
void               gil_printed_report_print         (GtkWindow    *parent,
                                                     Report       *report);

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

gboolean     gil_flow_drawing       (Flow           *f);
PangoLayout *gil_flow_text_layout   (Flow           *f,
                                     const char     *text,
                                     double          size,
                                     gboolean        bold,
                                     double          width,
                                     PangoAlignment  alignment);
double       gil_flow_layout_height (PangoLayout    *layout);
void         gil_flow_show_layout   (Flow           *f,
                                     PangoLayout    *layout,
                                     double          x,
                                     double          y,
                                     const GdkRGBA  *colour);
void         gil_flow_need          (Flow           *f,
                                     double          height);
void         gil_flow_rule          (Flow           *f,
                                     double          y,
                                     double          x,
                                     double          width,
                                     double          line_width);
void         gil_flow_text          (Flow           *f,
                                     const char     *text,
                                     double          size,
                                     gboolean        bold,
                                     const GdkRGBA  *colour);
void         gil_flow_heading       (Flow           *f,
                                     const char     *text,
                                     double          keep);
double       gil_flow_row_height    (Flow           *f);

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

Table  *gil_table_new        (gboolean                label_column,
                              const char             *first_title,
                              ...) G_GNUC_NULL_TERMINATED;
void    gil_table_free       (Table                  *table);
Row    *gil_table_add_row    (Table                  *table,
                              RowStyle                style,
                              char                   *label);
double  gil_table_height     (Flow                   *f,
                              Table                  *t,
                              double                  width);
void    gil_flow_table       (Flow                   *f,
                              Table                  *t,
                              double                  x0,
                              double                  width,
                              gboolean                split);
void    gil_row_set_count    (Row                    *row,
                              guint                   column,
                              gint64                  count);
void    gil_row_set_minutes  (Row                    *row,
                              guint                   column,
                              gint64                  seconds,
                              int                     target);
void    gil_row_set_figures  (Row                    *row,
                              guint                   first,
                              const GilReportFigures *figures,
                              int                     target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, gil_table_free)

/* ── gil-report-letterhead.c ──────────────────────────────────────── */

void    gil_report_flow_letterhead (Flow         *f);
void    gil_report_flow_signature  (Flow         *f);
/* gil-report-month-sections.c */
void    gil_report_month_sections_flow (Flow          *f);

G_END_DECLS
