/* gil-connection-patients.h — the manager's patient records, one call each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-patient.h"
#include "gil-patient-draft.h"

G_BEGIN_DECLS

/* The most patients a search answers with. */
#define GIL_PATIENT_SEARCH_LIMIT 20

void        gil_connection_search_patients_async  (GilConnection        *self,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray  *gil_connection_search_patients_finish (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void        gil_connection_create_patient_async   (GilConnection        *self,
                                                   GilPatientDraft      *draft,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilPatient *gil_connection_create_patient_finish  (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void        gil_connection_update_patient_async   (GilConnection        *self,
                                                   gint64                patient_id,
                                                   GilPatientDraft      *changes,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilPatient *gil_connection_update_patient_finish  (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

void        gil_connection_merge_patient_async    (GilConnection        *self,
                                                   gint64                patient_id,
                                                   gint64                into_id,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GilPatient *gil_connection_merge_patient_finish   (GilConnection        *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
