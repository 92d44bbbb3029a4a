/* gil-triage-reason.h — the sentence that says why a visit goes to its room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GilTriageReason GilTriageReason;

GilTriageReason *gil_triage_reason_new        (void);
void             gil_triage_reason_free       (GilTriageReason *reason);
void             gil_triage_reason_add_closed (GilTriageReason *reason,
                                               const char      *fact,
                                               const char      *room_name,
                                               gboolean         emergency);
char            *gil_triage_reason_finish     (GilTriageReason *reason,
                                               const char      *fact,
                                               const char      *age,
                                               gboolean         fact_is_purpose,
                                               const char      *cluster_label,
                                               const char      *room_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilTriageReason, gil_triage_reason_free)

G_END_DECLS
