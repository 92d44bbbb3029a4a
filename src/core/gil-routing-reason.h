/* gil-routing-reason.h — the sentence that says why a visit goes to its room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GilRoutingReason GilRoutingReason;

GilRoutingReason *gil_routing_reason_new        (void);
void              gil_routing_reason_free       (GilRoutingReason *reason);
void              gil_routing_reason_add_closed (GilRoutingReason *reason,
                                                 const char       *fact,
                                                 const char       *room_name,
                                                 gboolean          emergency);
char             *gil_routing_reason_finish     (GilRoutingReason *reason,
                                                 const char       *fact,
                                                 const char       *age,
                                                 gboolean          fact_is_purpose,
                                                 const char       *cluster_label,
                                                 const char       *room_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilRoutingReason, gil_routing_reason_free)

G_END_DECLS
