/* gil-queue-private.h — what gil-queue.c lends the desk's corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-queue.h"
#include "gil-rooms.h"

G_BEGIN_DECLS

GilRoom *gil_queue_private_get_active_room (GilStore    *store,
                                            gint64       id,
                                            GError     **error);
char    *gil_queue_private_allocate_ticket (GilStore    *store,
                                            const char  *day,
                                            const char  *prefix,
                                            GError     **error);

G_END_DECLS
