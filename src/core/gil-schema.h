/* gil-schema.h — the database schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

int      gil_schema_latest_version  (void);
int      gil_schema_current_version (GilStore  *store);
gboolean gil_schema_migrate         (GilStore  *store,
                                     int        target,
                                     GError   **error);

G_END_DECLS
