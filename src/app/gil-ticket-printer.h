/* gil-ticket-printer.h — the paper ticket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-loket-ticket.h"
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

void     gil_ticket_printer_print_loket_async  (GtkWindow           *parent,
                                                const char          *puskesmas,
                                                GilLoketTicket      *ticket,
                                                const char          *output,
                                                guint                wait_ms,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean gil_ticket_printer_print_loket_finish (GAsyncResult        *result,
                                                GError             **error);
void     gil_ticket_draw_loket          (cairo_t         *cr,
                                         PangoContext    *pango,
                                         double           width,
                                         const char      *puskesmas,
                                         GilLoketTicket  *ticket);
char    *gil_loket_ticket_ahead_text    (GilLoketTicket  *ticket);

G_END_DECLS
