/* gil-ticket-printer.h — the paper ticket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-visit.h"

G_BEGIN_DECLS

void gil_ticket_printer_print (GtkWindow     *parent,
                               GilConnection *connection,
                               GilVisit      *visit,
                               const char    *room_name);
void gil_ticket_draw          (cairo_t       *cr,
                               PangoContext  *pango,
                               double         width,
                               const char    *puskesmas,
                               GilVisit      *visit,
                               const char    *room_name);
char *gil_ticket_ahead_text   (GilVisit      *visit);

G_END_DECLS
