/* gil-connection-profile.h — changing the puskesmas profile
 *
 * Getting it (gil_connection_get_profile(), gil_connection_load_profile_async())
 * is in gil-connection.h, as the connection keeps it current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-profile-changes.h"

G_BEGIN_DECLS

void        gil_connection_update_profile_async  (GilConnection            *self,
                                                  const GilProfileChanges  *changes,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
GilProfile *gil_connection_update_profile_finish (GilConnection            *self,
                                                  GAsyncResult             *result,
                                                  GError                  **error);

G_END_DECLS
