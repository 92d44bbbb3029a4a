/* gil-connection-stations.h — stations and pairing, one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-pairing.h"
#include "gil-pairing-code.h"
#include "gil-station-item.h"

G_BEGIN_DECLS

void            gil_connection_list_stations_async        (GilConnection        *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GPtrArray      *gil_connection_list_stations_finish       (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void            gil_connection_revoke_station_async       (GilConnection        *self,
                                                           gint64                id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GilStationItem     *gil_connection_revoke_station_finish      (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void            gil_connection_create_pairing_code_async  (GilConnection        *self,
                                                           const char           *role,
                                                           const gint64         *rooms,
                                                           guint                 n_rooms,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GilPairingCode *gil_connection_create_pairing_code_finish (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void            gil_connection_pair_async                 (GilConnection        *self,
                                                           const char           *code,
                                                           const char           *name,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
GilPairing     *gil_connection_pair_finish                (GilConnection        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
