/* gil-report-printer.h — the head's report on paper and as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-daily-report.h"
#include "gil-profile.h"

G_BEGIN_DECLS

#define GIL_REPORT_PRINTER_ERROR (gil_report_printer_error_quark ())

typedef enum
{
  GIL_REPORT_PRINTER_ERROR_INVALID_DATE,
  GIL_REPORT_PRINTER_ERROR_INVALID_OUTPUT,
  GIL_REPORT_PRINTER_ERROR_FAILED,
} GilReportPrinterError;

GQuark    gil_report_printer_error_quark     (void);

GtkPrintOperation *gil_report_printer_new_operation (GilProfile     *profile,
                                                     GilDailyReport *day,
                                                     GPtrArray      *days,
                                                     int             wait_target);
void      gil_report_printer_print           (GtkWindow            *parent,
                                              GilProfile           *profile,
                                              GilDailyReport       *day,
                                              GPtrArray            *days,
                                              int                   wait_target);
gboolean  gil_report_printer_write_pdf       (const char           *path,
                                              GilProfile           *profile,
                                              GilDailyReport       *day,
                                              GPtrArray            *days,
                                              int                   wait_target,
                                              GError              **error);

G_END_DECLS
