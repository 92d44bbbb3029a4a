/* gil-report-printer.c — the head's report on paper, as PDF and as CSV
 *
 * The report (gil-report-sections.c) is laid out by one function that
 * either only counts pages or draws one of them, so the print dialog
 * (GtkPrintOperation) and a PDF written straight to a file (for
 * `giliran --export-report`, with no display at all) show the same pages.
 *
 * CSV is the manager's own (format=csv), saved as it comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "gil-connection-reports.h"
#include "gil-report-labels.h"
#include "gil-report-layout.h"
#include "gil-report-printer.h"

G_DEFINE_QUARK (gil-report-printer-error-quark, gil_report_printer_error)

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
 * gil_printed_report_write_pdf:
 *
 * Writes @report to @path as an A4 PDF; needs no display.
 */
gboolean
gil_printed_report_write_pdf (Report      *report,
                              const char  *path,
                              GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  double margin = MARGIN_MM * MM_TO_PT;
  double width = A4_WIDTH_PT - 2 * margin;
  double height = A4_HEIGHT_PT - 2 * margin;
  g_autofree char *title = NULL;
  cairo_status_t status;
  int n_pages;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create (path, A4_WIDTH_PT, A4_HEIGHT_PT);
  title = gil_printed_report_title (report);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Giliran");
  cr = cairo_create (surface);
  pango = pdf_pango_context (cr);

  n_pages = gil_printed_report_lay_out (cr, pango, report, width, height, -1, 0);
  for (int page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, margin, margin);
      gil_printed_report_lay_out (cr, pango, report, width, height, page, n_pages);
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

/**
 * gil_report_printer_write_pdf:
 * @profile: (nullable): the puskesmas profile: its name, the letterhead
 *   and the signature
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable) (element-type GilDailyReport): the 30 days to @day
 *   (for its trend), or the period
 *
 * Writes the report to @path as an A4 PDF; needs no display.
 */
gboolean
gil_report_printer_write_pdf (const char      *path,
                              GilProfile      *profile,
                              GilDailyReport  *day,
                              GPtrArray       *days,
                              int              wait_target,
                              GError         **error)
{
  g_autoptr(Report) report = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (profile == NULL || GIL_IS_PROFILE (profile), FALSE);
  g_return_val_if_fail (day != NULL || days != NULL, FALSE);

  report = gil_printed_report_new (profile, day, days, wait_target);
  return gil_printed_report_write_pdf (report, path, error);
}

/* ── the print dialog ───────────────────────────────────────────────── */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  Report *report = user_data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  report->n_pages = gil_printed_report_lay_out (gtk_print_context_get_cairo_context (context), pango, report,
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

  gil_printed_report_lay_out (gtk_print_context_get_cairo_context (context), pango, report,
                              gtk_print_context_get_width (context), gtk_print_context_get_height (context),
                              page, report->n_pages);
  g_object_unref (pango);
}

/**
 * gil_printed_report_new_operation:
 * @report: (transfer full): what to print
 *
 * A print operation for @report on A4, ready to run with any action:
 * the print dialog, or an export to a file.
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
gil_printed_report_new_operation (Report *report)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  paper = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  title = gil_printed_report_title (report);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  g_object_set_data_full (G_OBJECT (operation), "gil-report", report, (GDestroyNotify)gil_printed_report_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), report);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), report);
  return operation;
}

/**
 * gil_report_printer_new_operation:
 * @profile: (nullable): the puskesmas profile: its name, the letterhead
 *   and the signature
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable) (element-type GilDailyReport): the 30 days to @day
 *   (for its trend), or the period
 *
 * A print operation for the report on A4, ready to run with any action:
 * the print dialog, or an export to a file.
 *
 * Returns: (transfer full): the operation
 */
GtkPrintOperation *
gil_report_printer_new_operation (GilProfile     *profile,
                                  GilDailyReport *day,
                                  GPtrArray      *days,
                                  int             wait_target)
{
  g_return_val_if_fail (profile == NULL || GIL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (day != NULL || days != NULL, NULL);

  return gil_printed_report_new_operation (gil_printed_report_new (profile, day, days, wait_target));
}

/**
 * gil_printed_report_print:
 * @report: (transfer full): what to print
 *
 * Prints @report on A4 through the print dialog, which can also save it
 * as a PDF.
 */
void
gil_printed_report_print (GtkWindow *parent,
                          Report    *report)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (report != NULL);

  operation = gil_printed_report_new_operation (report);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The report did not print"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * gil_report_printer_print:
 * @profile: (nullable): the puskesmas profile: its name, the letterhead
 *   and the signature
 * @day: (nullable): a day's report; %NULL for a period
 * @days: (nullable) (element-type GilDailyReport): the 30 days to @day
 *   (for its trend), or the period
 *
 * Prints the report on A4 through the print dialog, which can also save
 * it as a PDF.
 */
void
gil_report_printer_print (GtkWindow      *parent,
                          GilProfile     *profile,
                          GilDailyReport *day,
                          GPtrArray      *days,
                          int             wait_target)
{
  g_return_if_fail (profile == NULL || GIL_IS_PROFILE (profile));
  g_return_if_fail (day != NULL || days != NULL);

  gil_printed_report_print (parent, gil_printed_report_new (profile, day, days, wait_target));
}

/* ── a day's report to a file, without a window ───────────────────── */

typedef struct
{
  GilConnection  *connection;
  char           *date;
  char           *output;
  int             target;
  GilProfile     *profile;
  GilDailyReport *day;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->connection);
  g_free (export->date);
  g_free (export->output);
  g_clear_object (&export->profile);
  g_clear_object (&export->day);
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
  g_autoptr(GBytes) csv = gil_connection_get_report_csv_finish (GIL_CONNECTION (source), result, &error);
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
  g_autoptr(GPtrArray) days = gil_connection_get_report_range_finish (GIL_CONNECTION (source), result, &error);

  if (days == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!gil_report_printer_write_pdf (export->output, export->profile, export->day, days,
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
  GCancellable *cancellable;

  export->day = gil_connection_get_daily_report_finish (GIL_CONNECTION (source), result, &error);
  if (export->day == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  gil_connection_get_report_trend_async (export->connection, export->date, cancellable,
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
  GCancellable *cancellable;

  export->profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, &error);
  if (export->profile == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  gil_connection_get_daily_report_async (export->connection, export->date, cancellable,
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
    gil_connection_get_daily_report_csv_async (connection, date, cancellable, on_export_csv_cb,
                                               g_steal_pointer (&task));
  else if (g_str_has_suffix (lower, ".pdf"))
    gil_connection_load_profile_async (connection, cancellable, on_export_profile_cb,
                                       g_steal_pointer (&task));
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
