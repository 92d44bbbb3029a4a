/* gil-report-counts-private.h — what the typed reports share: their
 * arrays of figures, and breakdowns written as {"bpjs": 6, "umum": 2}
 *
 * GilDailyReport and GilMonthlyReport read their breakdowns (by sex, payer,
 * purpose) into arrays of GilReportCount with these. Not installed and not
 * for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-daily-report.h"

G_BEGIN_DECLS

GArray *_gil_report_array_new    (gsize           element_size,
                                  GDestroyNotify  clear);
GArray *_gil_report_counts_new   (void);
void    _gil_report_counts_read  (GArray         *counts,
                                  JsonObject     *object);
gint64  _gil_report_counts_find  (GArray         *counts,
                                  const char     *key);

G_END_DECLS
