/* gil-connection-health.h — the manager's state, one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-health.h"

G_BEGIN_DECLS

void        gil_connection_check_health_async  (GilConnection        *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GilHealth  *gil_connection_check_health_finish (GilConnection        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

void        gil_connection_probe_health_async  (const char           *base_url,
                                                const char           *fingerprint,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GilHealth  *gil_connection_probe_health_finish (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
