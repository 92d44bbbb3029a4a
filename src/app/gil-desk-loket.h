/* gil-desk-loket.h — the registration desk's side of the loket queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-context.h"
#include "gil-loket-ticket.h"

G_BEGIN_DECLS

/* The GSettings key of this desk's name ("Loket 2"), sent with each call. */
#define GIL_DESK_LOKET_KEY "loket-desk"

#define GIL_TYPE_DESK_LOKET (gil_desk_loket_get_type ())
G_DECLARE_FINAL_TYPE (GilDeskLoket, gil_desk_loket, GIL, DESK_LOKET, GtkBox)

GtkWidget      *gil_desk_loket_new          (GilContext   *context);
char           *gil_desk_loket_name         (GSettings    *settings);
const char     *gil_desk_loket_get_desk     (GilDeskLoket *self);
GilLoketTicket *gil_desk_loket_get_ticket   (GilDeskLoket *self);
void            gil_desk_loket_clear_ticket (GilDeskLoket *self,
                                             gint64        ticket);
void            gil_desk_loket_call_next    (GilDeskLoket *self);
void            gil_desk_loket_recall       (GilDeskLoket *self);
void            gil_desk_loket_reload       (GilDeskLoket *self);

G_END_DECLS
