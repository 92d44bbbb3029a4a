/* gil-visit-draft.h — a visit to register, or to route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_VISIT_DRAFT (gil_visit_draft_get_type ())
G_DECLARE_FINAL_TYPE (GilVisitDraft, gil_visit_draft, GIL, VISIT_DRAFT, GObject)

GilVisitDraft *gil_visit_draft_new            (gint64              patient_id);
gint64         gil_visit_draft_get_patient_id (GilVisitDraft      *self);
void           gil_visit_draft_set_purpose    (GilVisitDraft      *self,
                                               const char         *purpose);
void           gil_visit_draft_set_signs      (GilVisitDraft      *self,
                                               const char * const *signs);
void           gil_visit_draft_set_pregnant   (GilVisitDraft      *self,
                                               gboolean            pregnant);
void           gil_visit_draft_set_payer      (GilVisitDraft      *self,
                                               const char         *payer);
void           gil_visit_draft_set_room       (GilVisitDraft      *self,
                                               gint64              room);
void           gil_visit_draft_set_confirmed  (GilVisitDraft      *self,
                                               gboolean            confirmed);
void           gil_visit_draft_set_loket_ticket (GilVisitDraft    *self,
                                               gint64              loket_ticket);

G_END_DECLS
