/* gil-report-export.c — a report to a file (PDF, XLSX, CSV) or to the
 * printer, and `giliran --export-report` for a day, a month or days
 *
 * A month's report is made into its tables once (gil-report-tables.c);
 * the file's name says what is written: .pdf the printed report (the
 * report printer's pages, with the month's sections), .xlsx the
 * spreadsheet, .csv the tables in long format for machines. A day's
 * .pdf and .csv are the day's own: its printed report, with its hours
 * and trend (gil-report-printer.c), or the manager's CSV of the day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gil-connection-profile.h"
#include "gil-connection-reports.h"
#include "gil-report-export.h"
#include "gil-report-labels.h"
#include "gil-report-layout.h"
#include "gil-report-printer.h"

/* Whether @text is a month written YYYY-MM. */
static gboolean
is_month (const char *text)
{
  int year, month;
  char end;

  return text != NULL && strlen (text) == 7 && g_ascii_isdigit (text[0]) &&
         sscanf (text, "%4d-%2d%c", &year, &month, &end) == 2 && year >= 1900 && month >= 1 && month <= 12 &&
         g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6]);
}

static gboolean
format_of (const char      *path,
           GilReportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = GIL_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = GIL_REPORT_FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = GIL_REPORT_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

/* A period as the command line writes it: a month (YYYY-MM), a day
 * (YYYY-MM-DD) or days from one to another (YYYY-MM-DD..YYYY-MM-DD).
 * Fills @from and @to for a day or days. */
static gboolean
parse_period (const char  *period,
              char       **from,
              char       **to)
{
  g_auto(GStrv) ends = NULL;
  const char *first;
  const char *last;

  if (period == NULL || is_month (period))
    return period != NULL;
  /* One date, or two: a day is from it to itself. */
  ends = g_strsplit (period, "..", 2);
  first = ends[0];
  last = ends[1] != NULL ? ends[1] : ends[0];
  if (!gil_report_date_is_valid (first) || !gil_report_date_is_valid (last) ||
      strcmp (first, last) > 0)
    return FALSE;
  if (from != NULL)
    *from = g_strdup (first);
  if (to != NULL)
    *to = g_strdup (last);
  return TRUE;
}

/**
 * gil_report_export_check:
 * @period: a month (YYYY-MM), a day (YYYY-MM-DD) or a range
 *   (YYYY-MM-DD..YYYY-MM-DD)
 * @output: the file to write
 *
 * Whether a report of @period can be written to @output, before anything
 * is asked of the manager or written.
 */
gboolean
gil_report_export_check (const char  *period,
                         const char  *output,
                         GError     **error)
{
  GilReportFormat format;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_period (period, NULL, NULL))
    {
      g_set_error (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_INVALID_DATE,
                   _("“%s” is not a month written YYYY-MM, a date written YYYY-MM-DD or two dates written YYYY-MM-DD..YYYY-MM-DD, the first not after the second"),
                   period);
      return FALSE;
    }
  if (output == NULL || !format_of (output, &format))
    {
      g_set_error_literal (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_INVALID_OUTPUT,
                           _("The output file’s name ends in .pdf, .xlsx or .csv"));
      return FALSE;
    }
  return TRUE;
}

static Report *
printed_report_new (GilReportTables *tables,
                    int              wait_target)
{
  Report *report = gil_printed_report_new (tables->profile, NULL, NULL, wait_target);

  report->tables = tables;
  return report;
}

/**
 * gil_report_export_write:
 * @tables: the month's tables
 * @path: a file ending in .pdf, .xlsx or .csv
 * @separator: the CSV's: ',' or ';'
 *
 * Writes the month's report to @path, as its name says.
 */
gboolean
gil_report_export_write (GilReportTables  *tables,
                         const char       *path,
                         char              separator,
                         int               wait_target,
                         GError          **error)
{
  GilReportFormat format;

  g_return_val_if_fail (tables != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!format_of (path, &format))
    {
      g_set_error_literal (error, GIL_REPORT_PRINTER_ERROR, GIL_REPORT_PRINTER_ERROR_INVALID_OUTPUT,
                           _("The output file’s name ends in .pdf, .xlsx or .csv"));
      return FALSE;
    }
  if (format == GIL_REPORT_FORMAT_XLSX)
    return gil_report_tables_write_xlsx (tables, path, error);
  if (format == GIL_REPORT_FORMAT_CSV)
    {
      g_autoptr(GBytes) csv = gil_report_tables_to_csv (tables, separator);
      gsize length;
      const char *data = g_bytes_get_data (csv, &length);

      return g_file_set_contents (path, data, length, error);
    }
  {
    g_autoptr(Report) report = printed_report_new (tables, wait_target);
    gboolean written = gil_printed_report_write_pdf (report, path, error);

    /* The tables are the caller's. */
    report->tables = NULL;
    return written;
  }
}

/**
 * gil_report_export_new_operation:
 * @tables: (transfer full): the month's tables
 *
 * Returns: (transfer full): a print operation for the month's report
 */
GtkPrintOperation *
gil_report_export_new_operation (GilReportTables *tables,
                                 int              wait_target)
{
  g_return_val_if_fail (tables != NULL, NULL);

  return gil_printed_report_new_operation (printed_report_new (tables, wait_target));
}

/**
 * gil_report_export_print:
 * @tables: (transfer full): the month's tables
 *
 * Prints the month's report through the print dialog.
 */
void
gil_report_export_print (GtkWindow       *parent,
                         GilReportTables *tables,
                         int              wait_target)
{
  g_return_if_fail (tables != NULL);

  gil_printed_report_print (parent, printed_report_new (tables, wait_target));
}

/* ── a report to a file, without a window ─────────────────────────── */

typedef struct
{
  GilConnection   *connection;
  char            *month;     /* (nullable) a month, or else */
  char            *from;      /* the first and last days */
  char            *to;
  char            *output;
  GilReportFormat  format;
  char             separator;
  int              target;
  GilProfile      *profile;
  GilDailyReport  *day;       /* a day's own printed report */
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->connection);
  g_free (export->month);
  g_free (export->from);
  g_free (export->to);
  g_free (export->output);
  g_clear_object (&export->profile);
  g_clear_object (&export->day);
  g_free (export);
}

/* Whether @export is of a day's own report: its printed report, with
 * its hours and its 30-day trend, or the manager's CSV of the day. A
 * day's spreadsheet, a month and days are the period's tables. */
static gboolean
is_day_report (const Export *export)
{
  return export->month == NULL && g_str_equal (export->from, export->to) &&
         export->format != GIL_REPORT_FORMAT_XLSX;
}

/* Whether a step's @result is missing: then @error, which this takes,
 * is what @task returns. */
static gboolean
step_failed (GTask    *task,
             gpointer  result,
             GError   *error)
{
  if (result != NULL)
    return FALSE;
  g_task_return_error (task, error);
  return TRUE;
}

static void
return_written (GTask    *task,
                gboolean  written,
                GError   *error)
{
  if (!written)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_day_csv_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  return_written (task, g_file_replace_contents_finish (G_FILE (source), result, NULL, &error), error);
}

static void
on_day_csv_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) csv = gil_connection_get_report_csv_finish (GIL_CONNECTION (source), result, &error);
  g_autoptr(GFile) file = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (step_failed (task, csv, error))
    return;
  file = g_file_new_for_commandline_arg (export->output);
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       on_day_csv_written_cb, g_steal_pointer (&task));
}

static void
on_trend_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GPtrArray) days = gil_connection_get_report_range_finish (GIL_CONNECTION (source), result, &error);

  if (!step_failed (task, days, error))
    return_written (task, gil_report_printer_write_pdf (export->output, export->profile, export->day, days,
                                                        export->target, &error), error);
}

static void
on_day_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  export->day = gil_connection_get_daily_report_finish (GIL_CONNECTION (source), result, &error);
  if (!step_failed (task, export->day, error))
    gil_connection_get_report_trend_async (export->connection, export->from, cancellable,
                                           on_trend_cb, g_steal_pointer (&task));
}

static void
on_month_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GilMonthlyReport) report = NULL;
  g_autoptr(GilReportTables) tables = NULL;

  if (export->month != NULL)
    report = gil_connection_get_monthly_report_finish (GIL_CONNECTION (source), result, &error);
  else
    report = gil_connection_get_period_report_finish (GIL_CONNECTION (source), result, &error);
  if (step_failed (task, report, error))
    return;
  tables = gil_report_tables_new_month (export->profile, report);
  return_written (task, gil_report_export_write (tables, export->output, export->separator, export->target, &error),
                  error);
}

static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  GError *error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  export->profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, &error);
  if (step_failed (task, export->profile, error))
    return;
  if (is_day_report (export))
    gil_connection_get_daily_report_async (export->connection, export->from, cancellable,
                                           on_day_cb, g_steal_pointer (&task));
  else if (export->month != NULL)
    gil_connection_get_monthly_report_async (export->connection, export->month, NULL, cancellable,
                                             on_month_cb, g_steal_pointer (&task));
  else
    gil_connection_get_period_report_async (export->connection, export->from, export->to, NULL, cancellable,
                                            on_month_cb, g_steal_pointer (&task));
}

/**
 * gil_report_export_async:
 * @period: a month, YYYY-MM, a day, YYYY-MM-DD, or days,
 *   YYYY-MM-DD..YYYY-MM-DD
 * @output: a file ending in .pdf, .xlsx or .csv
 * @separator: the CSV's of a month or of days: ',' or ';'
 * @wait_target: in minutes, for the waits the PDF marks
 *
 * Writes a report to a file, as `giliran --export-report` does. Nothing
 * is written when @period or @output is wrong (gil_report_export_check()).
 */
void
gil_report_export_async (GilConnection       *connection,
                         const char          *period,
                         const char          *output,
                         char                 separator,
                         int                  wait_target,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Export *export;

  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (period != NULL);
  g_return_if_fail (output != NULL);
  g_return_if_fail (separator == ',' || separator == ';');

  task = g_task_new (connection, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_report_export_async);
  if (!gil_report_export_check (period, output, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  export = g_new0 (Export, 1);
  export->connection = g_object_ref (connection);
  if (!parse_period (period, &export->from, &export->to))
    g_assert_not_reached ();
  export->month = export->from == NULL ? g_strdup (period) : NULL;
  export->output = g_strdup (output);
  format_of (output, &export->format);
  export->separator = separator;
  export->target = wait_target;
  g_task_set_task_data (task, export, (GDestroyNotify)export_free);
  if (is_day_report (export) && export->format == GIL_REPORT_FORMAT_CSV)
    gil_connection_get_daily_report_csv_async (connection, export->from, cancellable, on_day_csv_cb,
                                               g_steal_pointer (&task));
  else
    gil_connection_load_profile_async (connection, cancellable, on_profile_cb, g_steal_pointer (&task));
}

gboolean
gil_report_export_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_report_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
