/* gil-connection-loket.h — the queue before the registration desk
 * (loket), one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-loket-series.h"
#include "gil-loket-ticket.h"

G_BEGIN_DECLS

void            gil_connection_list_loket_series_async   (GilConnection        *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray      *gil_connection_list_loket_series_finish  (GilConnection        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void            gil_connection_take_loket_ticket_async   (GilConnection        *self,
                                                          const char           *series,
                                                          const char           *idempotency_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GilLoketTicket *gil_connection_take_loket_ticket_finish  (GilConnection        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void            gil_connection_list_loket_tickets_async  (GilConnection        *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean        gil_connection_list_loket_tickets_finish (GilConnection        *self,
                                                          GAsyncResult         *result,
                                                          GPtrArray           **called,
                                                          GPtrArray           **waiting,
                                                          GError              **error);

void            gil_connection_call_next_loket_async     (GilConnection        *self,
                                                          const char           *desk,
                                                          const char           *idempotency_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GilLoketTicket *gil_connection_call_next_loket_finish    (GilConnection        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void            gil_connection_recall_loket_ticket_async (GilConnection        *self,
                                                          gint64                ticket,
                                                          const char           *idempotency_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GilLoketTicket *gil_connection_recall_loket_ticket_finish (GilConnection       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

void            gil_connection_skip_loket_ticket_async   (GilConnection        *self,
                                                          gint64                ticket,
                                                          const char           *idempotency_key,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GilLoketTicket *gil_connection_skip_loket_ticket_finish  (GilConnection        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
