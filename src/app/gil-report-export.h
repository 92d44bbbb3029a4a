/* gil-report-export.h — a month's report to a file (PDF, XLSX, CSV) or
 * to the printer, and `giliran --export-report` for a day or a month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-report-tables.h"

G_BEGIN_DECLS

typedef enum
{
  GIL_REPORT_FORMAT_PDF,
  GIL_REPORT_FORMAT_XLSX,
  GIL_REPORT_FORMAT_CSV,
} GilReportFormat;

gboolean           gil_report_export_check          (const char          *period,
                                                     const char          *output,
                                                     GError             **error);
gboolean           gil_report_export_write          (GilReportTables     *tables,
                                                     const char          *path,
                                                     char                 separator,
                                                     int                  wait_target,
                                                     GError             **error);
GtkPrintOperation *gil_report_export_new_operation  (GilReportTables     *tables,
                                                     int                  wait_target);
void               gil_report_export_print          (GtkWindow           *parent,
                                                     GilReportTables     *tables,
                                                     int                  wait_target);

void               gil_report_export_async          (GilConnection       *connection,
                                                     const char          *period,
                                                     const char          *output,
                                                     char                 separator,
                                                     int                  wait_target,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean           gil_report_export_finish         (GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
