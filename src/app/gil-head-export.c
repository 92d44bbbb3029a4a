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

static GilReportTables *
month_tables (GilHeadPage *self)
{
  return gil_report_tables_new_month (self->profile, self->month_report);
}

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

  if (response == GTK_RESPONSE_ACCEPT && path != NULL && self->month_report != NULL)
    {
      g_autoptr(GilReportTables) tables = month_tables (self);
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

/* Asks where to save the month shown, as @extension ("xlsx", "csv"). */
static void
save_month (GilHeadPage *self,
            const char  *title,
            const char  *extension)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  const char *month = gil_monthly_report_get_month (self->month_report);
  g_autofree char *name = NULL;

  /* The report's own month or days: the file says what it holds. */
  if (month != NULL && month[0] != '\0')
    name = g_strdup_printf ("laporan-bulanan-%s.%s", month, extension);
  else
    name = g_strdup_printf ("laporan-%s-%s.%s", gil_monthly_report_get_from (self->month_report),
                            gil_monthly_report_get_to (self->month_report), extension);

  self->chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
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

void
gil_head_page_export_xlsx_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GilHeadPage *self = GIL_HEAD_PAGE (widget);

  if (self->chooser != NULL || self->view != VIEW_MONTH || self->month_report == NULL)
    return;
  save_month (self, _("Save the Report as Excel"), "xlsx");
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
        save_month (self, _("Save the Report as CSV"), "csv");
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
        gil_report_export_print (GTK_WINDOW (gtk_widget_get_root (widget)), month_tables (self), self->wait_target);
      return;
    }
  if (self->day == NULL && self->days == NULL)
    return;
  gil_report_printer_print (GTK_WINDOW (gtk_widget_get_root (widget)),
                            self->profile,
                            self->view == VIEW_PERIOD ? NULL : self->day,
                            self->days, self->wait_target);
}
