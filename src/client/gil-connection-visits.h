/* gil-connection-visits.h — the desk's visits and routing, one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-routing-advice.h"
#include "gil-visit.h"
#include "gil-visit-draft.h"

G_BEGIN_DECLS

void        gil_connection_route_async           (GilConnection        *self,
                                                  GilVisitDraft        *draft,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GilRoutingAdvice *gil_connection_route_finish          (GilConnection        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        gil_connection_register_visit_async  (GilConnection        *self,
                                                  GilVisitDraft        *draft,
                                                  const char           *idempotency_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GilVisit   *gil_connection_register_visit_finish (GilConnection        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        gil_connection_list_visits_async     (GilConnection        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray  *gil_connection_list_visits_finish    (GilConnection        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        gil_connection_get_visit_async       (GilConnection        *self,
                                                  gint64                visit_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GilVisit   *gil_connection_get_visit_finish      (GilConnection        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        gil_connection_cancel_visit_async    (GilConnection        *self,
                                                  gint64                visit_id,
                                                  const char           *reason,
                                                  const char           *idempotency_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void        gil_connection_reroute_visit_async   (GilConnection        *self,
                                                  gint64                visit_id,
                                                  gint64                room,
                                                  const char           *reason,
                                                  const char           *idempotency_key,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GilVisit   *gil_connection_correct_visit_finish  (GilConnection        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
