/* gil-transfer-dialog.h — "Send To…": the room a patient goes on to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-room-list.h"
#include "gil-stop-item.h"

G_BEGIN_DECLS

/**
 * GilTransferChosenFunc:
 * @room: the room chosen
 * @return_after: whether the patient comes back to the sending room
 * @user_data: as given
 *
 * Called once the nurse has chosen a room and pressed "Send"; never for a
 * dialog closed another way.
 */
typedef void (*GilTransferChosenFunc) (gint64   room,
                                       gboolean return_after,
                                       gpointer user_data);

GtkWidget *gil_transfer_dialog_new (GtkWindow             *parent,
                                    GilRoomList           *rooms,
                                    gint64                 from_room,
                                    GilStopItem           *item,
                                    GilTransferChosenFunc  func,
                                    gpointer               user_data,
                                    GDestroyNotify         destroy);

G_END_DECLS
