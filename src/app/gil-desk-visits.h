/* gil-desk-visits.h — the desk's list of today's visits, to correct them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-room-list.h"

G_BEGIN_DECLS

#define GIL_TYPE_DESK_VISITS (gil_desk_visits_get_type ())

G_DECLARE_FINAL_TYPE (GilDeskVisits, gil_desk_visits, GIL, DESK_VISITS, AdwBin)

GtkWidget  *gil_desk_visits_new         (GilConnection *connection,
                                         GilRoomList   *rooms);
void        gil_desk_visits_reload      (GilDeskVisits *self);

G_END_DECLS
