/* gil-connection-history.h — a visit's history, one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-history-entry.h"

G_BEGIN_DECLS

void        gil_connection_get_visit_history_async  (GilConnection        *self,
                                                     gint64                visit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GPtrArray  *gil_connection_get_visit_history_finish (GilConnection        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
