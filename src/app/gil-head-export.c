/* gil-head-export.c — what the head page shows, saved as the manager's
 * CSV or printed (the print dialog can also save a PDF)
 *
 * A month is saved from its tables (gil-report-tables.c): as a
 * spreadsheet (Excel, XLSX), as the CSV for machines (its separator a
 * choice in the file dialog: a comma, or a semicolon for spreadsheets set
 * up for Indonesia), or printed with the month's sections.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-reports.h"
#include "gil-head-page-private.h"
#include "gil-report-export.h"
#include "gil-report-printer.h"

typedef struct
{
  GilHeadPage *self;
  GFile       *file;
} CsvSave;

static void
csv_save_free (CsvSave *save)
{
  g_clear_object (&save->self);
  g_clear_object (&save->file);
  g_free (save);
}

static void
on_csv_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsvSave *save = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (save->file);
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (save->file, result, NULL, &error))
    message = g_strdup_printf (_("The report was not saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Saved as %s"), name);
  gil_head_page_toast (save->self, message);
  csv_save_free (save);
}

static void
on_csv_fetched_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CsvSave *save = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = gil_connection_get_report_csv_finish (GIL_CONNECTION (source), result, &error);

  if (csv == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The report was not saved: %s"), error->message);

      gil_head_page_toast (save->self, message);
      csv_save_free (save);
      return;
    }
  g_file_replace_contents_bytes_async (save->file, csv, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       on_csv_written_cb, save);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        GilHeadPage     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      CsvSave *save = g_new0 (CsvSave, 1);

      save->self = g_object_ref (self);
      save->file = g_steal_pointer (&file);
      if (self->view == VIEW_PERIOD)
        gil_connection_get_report_range_csv_async (self->connection, self->from, self->to, NULL,
                                                   on_csv_fetched_cb, save);
      else
        gil_connection_get_daily_report_csv_async (self->connection, self->date, NULL,
                                                   on_csv_fetched_cb, save);
    }
  g_clear_object (&self->chooser);
}

/* ── a month ───────────────────────────────────────────────────────── */

#define SEPARATOR_CHOICE "separator"

/* The report a save dialog saves: the month's shown, or a day's or
 * days' fetched for it. */
#define REPORT_KEY "gil-report"

static void
on_month_chooser_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              GilHeadPage     *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  gboolean csv = g_object_get_data (G_OBJECT (dialog), SEPARATOR_CHOICE) != NULL;
  const char *choice = csv ? gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), SEPARATOR_CHOICE) : NULL;
  char separator = ',';

  GilMonthlyReport *report = g_object_get_data (G_OBJECT (dialog), REPORT_KEY);

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && report != NULL)
    {
      g_autoptr(GilReportTables) tables = gil_report_tables_new_month (self->profile, report);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (choice != NULL)
        gil_report_csv_separator_parse (choice, &separator);
      if (gil_report_export_write (tables, path, separator, self->wait_target, &error))
        {
          g_autofree char *name = g_file_get_basename (file);

          message = g_strdup_printf (_("Saved as %s"), name);
        }
      else
        message = g_strdup_printf (_("The report was not saved: %s"), error->message);
      gil_head_page_toast (self, message);
    }
  g_clear_object (&self->chooser);
}

/* Asks where to save @report (a month's, a day's or days'), as
 * @extension ("xlsx", "csv"). */
static void
save_report (GilHeadPage      *self,
             GilMonthlyReport *report,
             const char       *title,
             const char       *extension)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  const char *month = gil_monthly_report_get_month (report);
  const char *from = gil_monthly_report_get_from (report);
  const char *to = gil_monthly_report_get_to (report);
  g_autofree char *name = NULL;

  /* The report's own month, day or days: the file says what it holds. */
  if (month != NULL && month[0] != '\0')
    name = g_strdup_printf ("laporan-bulanan-%s.%s", month, extension);
  else if (g_strcmp0 (from, to) == 0)
    name = g_strdup_printf ("laporan-%s.%s", from, extension);
  else
    name = g_strdup_printf ("laporan-%s-%s.%s", from, to, extension);

  self->chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (self->chooser), REPORT_KEY, g_object_ref (report), g_object_unref);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (g_str_equal (extension, "csv"))
    {
      const char *options[] = { "comma", "semicolon", NULL };
      const char *labels[] = { _("Comma (,)"), _("Semicolon (;), for spreadsheets set up for Indonesia"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), SEPARATOR_CHOICE, _("Separator"),
                                   options, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), SEPARATOR_CHOICE, "comma");
      g_object_set_data (G_OBJECT (self->chooser), SEPARATOR_CHOICE, GINT_TO_POINTER (TRUE));
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_month_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_period_fetched_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GilHeadPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilMonthlyReport) report = gil_connection_get_period_report_finish (GIL_CONNECTION (source), result,
                                                                               &error);

  if (report == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The report was not saved: %s"), error->message);

      gil_head_page_toast (self, message);
      return;
    }
  if (self->chooser == NULL && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    save_report (self, report, _("Save the Report as Excel"), "xlsx");
}

void
gil_head_page_export_xlsx_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);

  if (self->chooser != NULL)
    return;
  if (self->view == VIEW_MONTH)
    {
      if (self->month_report != NULL)
        save_report (self, self->month_report, _("Save the Report as Excel"), "xlsx");
      return;
    }
  /* A day or days: their period report, as a month's, then where to
   * save it. */
  if (self->view == VIEW_PERIOD)
    gil_connection_get_period_report_async (self->connection, self->from, self->to, NULL, NULL,
                                            on_period_fetched_cb, g_object_ref (self));
  else
    gil_connection_get_period_report_async (self->connection, self->date, self->date, NULL, NULL,
                                            on_period_fetched_cb, g_object_ref (self));
}

/* ── a day or a period: the manager's CSV ──────────────────────────── */

void
gil_head_page_export_csv_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  if (self->view == VIEW_MONTH)
    {
      if (self->month_report != NULL)
        save_report (self, self->month_report, _("Save the Report as CSV"), "csv");
      return;
    }
  if (self->view == VIEW_PERIOD)
    name = g_strdup_printf ("laporan-%s-%s.csv", self->from, self->to);
  else
    name = g_strdup_printf ("laporan-harian-%s.csv", self->date);

  self->chooser = gtk_file_chooser_native_new (_("Save the Report as CSV"), parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
gil_head_page_print_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);

  if (self->view == VIEW_MONTH)
    {
      if (self->month_report != NULL)
        gil_report_export_print (GTK_WINDOW (gtk_widget_get_root (widget)),
                                 gil_report_tables_new_month (self->profile, self->month_report), self->wait_target);
      return;
    }
  if (self->day == NULL && self->days == NULL)
    return;
  gil_report_printer_print (GTK_WINDOW (gtk_widget_get_root (widget)),
                            self->profile,
                            self->view == VIEW_PERIOD ? NULL : self->day,
                            self->days, self->wait_target);
}
