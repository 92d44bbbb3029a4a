/* gil-report-printer.c — the head's report on paper and as PDF
 *
 * The report (gil-report-sections.c) is laid out by one function that
 * either only counts pages or draws one of them, so the print dialog
 * (GtkPrintOperation) and a PDF written straight to a file (for
 * `giliran --export-report`, gil-report-export.c, with no display at
 * all) show the same pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>

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
