/* gil-desk-private.h — what the registration desk's client files share
 *
 * gil-patient.c              a patient record (GilPatient)
 * gil-patient-draft.c        a new patient, or changes to one (GilPatientDraft)
 * gil-visit.c                a registered visit (GilVisit)
 * gil-visit-draft.c          a visit to register or to route (GilVisitDraft)
 * gil-routing-advice.c              where a visit would go (GilRoutingAdvice)
 * gil-connection-patients.c  the patient routes
 * gil-connection-visits.c    the visit routes and the routing dry run
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

/* gil-connection-patients.c: one request, its reply typed by @parse */
typedef gpointer (*GilDeskParseFunc) (JsonNode  *node,
                                      GError   **error);

char       *_gil_desk_key              (const char          *idempotency_key);
void        _gil_desk_request          (GilConnection       *self,
                                        const char          *method,
                                        const char          *path,
                                        JsonNode            *body,
                                        const char          *idempotency_key,
                                        GilDeskParseFunc     parse,
                                        GDestroyNotify       free_func,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer    _gil_desk_request_finish   (GilConnection       *self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

/* gil-patient-draft.c */
JsonNode   *_gil_patient_draft_to_json (GilPatientDraft *self);

/* gil-visit-draft.c */
JsonNode   *_gil_visit_draft_to_json         (GilVisitDraft   *self);
JsonNode   *_gil_visit_draft_to_routing_json (GilVisitDraft   *self);

G_END_DECLS
