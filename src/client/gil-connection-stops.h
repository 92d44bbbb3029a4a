/* gil-connection-stops.h — a room's calls and the actions on its stops,
 * one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-stop-actions.h"
#include "gil-stop-item.h"
#include "gil-terms.h"

G_BEGIN_DECLS

void         gil_connection_call_next_async       (GilConnection        *self,
                                                   gint64                room,
                                                   guint                 counter,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilStopItem *gil_connection_call_next_finish      (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void         gil_connection_act_on_stop_async     (GilConnection        *self,
                                                   gint64                stop,
                                                   GilStopAction         action,
                                                   guint                 counter,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilStopItem *gil_connection_act_on_stop_finish    (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void         gil_connection_finish_stop_async     (GilConnection        *self,
                                                   gint64                stop,
                                                   GilOutcome            outcome,
                                                   const char           *referred_to,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilStopItem *gil_connection_finish_stop_finish    (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void         gil_connection_transfer_stop_async   (GilConnection        *self,
                                                   gint64                stop,
                                                   gint64                room,
                                                   gboolean              return_after,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilStopItem *gil_connection_transfer_stop_finish  (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
