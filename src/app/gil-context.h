/* gil-context.h — what every page of a station shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-connection.h"
#include "gil-profile.h"
#include "gil-room-list.h"

G_BEGIN_DECLS

#define GIL_TYPE_CONTEXT (gil_context_get_type ())
G_DECLARE_FINAL_TYPE (GilContext, gil_context, GIL, CONTEXT, GObject)

GilContext    *gil_context_new            (GilConnection *connection,
                                           GilRoomList   *rooms,
                                           GSettings     *settings);
GilConnection *gil_context_get_connection (GilContext    *self);
GilRoomList   *gil_context_get_rooms      (GilContext    *self);
GilProfile    *gil_context_get_profile    (GilContext    *self);
GSettings     *gil_context_get_settings   (GilContext    *self);

G_END_DECLS
