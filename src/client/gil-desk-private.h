/* gil-desk-private.h — the desk's drafts as request bodies
 *
 * gil-patient-draft.c        a new patient, or changes to one (GilPatientDraft)
 * gil-visit-draft.c          a visit to register or to route (GilVisitDraft)
 *
 * gil-connection-patients.c and gil-connection-visits.c send them through
 * _gil_connection_call() (gil-connection-call-private.h).
 *
 * Not installed and not for the app: only src/client includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-connection.h"
#include "gil-patient-draft.h"
#include "gil-visit-draft.h"

G_BEGIN_DECLS

/* gil-patient-draft.c */
JsonNode   *_gil_patient_draft_to_json (GilPatientDraft *self);

/* gil-visit-draft.c */
JsonNode   *_gil_visit_draft_to_json         (GilVisitDraft   *self);
JsonNode   *_gil_visit_draft_to_routing_json (GilVisitDraft   *self);

G_END_DECLS
