/* gil-loket-ticket.h — a ticket of the queue before the registration
 * desk (loket), typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_LOKET_TICKET (gil_loket_ticket_get_type ())
G_DECLARE_FINAL_TYPE (GilLoketTicket, gil_loket_ticket, GIL, LOKET_TICKET, GObject)

GilLoketTicket *gil_loket_ticket_new_from_json  (JsonObject     *ticket);

gint64          gil_loket_ticket_get_id         (GilLoketTicket *self);
const char     *gil_loket_ticket_get_day        (GilLoketTicket *self);
const char     *gil_loket_ticket_get_series     (GilLoketTicket *self);
guint           gil_loket_ticket_get_number     (GilLoketTicket *self);
const char     *gil_loket_ticket_get_ticket     (GilLoketTicket *self);
const char     *gil_loket_ticket_get_status     (GilLoketTicket *self);
gboolean        gil_loket_ticket_get_priority   (GilLoketTicket *self);
GDateTime      *gil_loket_ticket_get_taken_at   (GilLoketTicket *self);
GDateTime      *gil_loket_ticket_get_called_at  (GilLoketTicket *self);
guint           gil_loket_ticket_get_calls      (GilLoketTicket *self);
const char     *gil_loket_ticket_get_desk       (GilLoketTicket *self);
gint64          gil_loket_ticket_get_visit      (GilLoketTicket *self);
guint           gil_loket_ticket_get_ahead      (GilLoketTicket *self);

G_END_DECLS
