/* gil-connection-reports.h — the manager's reports, one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-daily-report.h"
#include "gil-monthly-report.h"

G_BEGIN_DECLS

void            gil_connection_get_daily_report_async     (GilConnection        *self,
                                                           const char           *date,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GilDailyReport *gil_connection_get_daily_report_finish    (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void            gil_connection_get_report_range_async     (GilConnection        *self,
                                                           const char           *from,
                                                           const char           *to,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void            gil_connection_get_report_trend_async     (GilConnection        *self,
                                                           const char           *date,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GPtrArray      *gil_connection_get_report_range_finish    (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void              gil_connection_get_monthly_report_async  (GilConnection        *self,
                                                            const char           *month,
                                                            const char           *age_bands,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GilMonthlyReport *gil_connection_get_monthly_report_finish (GilConnection        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void              gil_connection_get_period_report_async   (GilConnection        *self,
                                                            const char           *from,
                                                            const char           *to,
                                                            const char           *age_bands,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GilMonthlyReport *gil_connection_get_period_report_finish  (GilConnection        *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

void            gil_connection_get_daily_report_csv_async (GilConnection        *self,
                                                           const char           *date,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void            gil_connection_get_report_range_csv_async (GilConnection        *self,
                                                           const char           *from,
                                                           const char           *to,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GBytes         *gil_connection_get_report_csv_finish      (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
