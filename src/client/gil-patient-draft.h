/* gil-patient-draft.h — a new patient, or the changes to one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_PATIENT_DRAFT (gil_patient_draft_get_type ())
G_DECLARE_FINAL_TYPE (GilPatientDraft, gil_patient_draft, GIL, PATIENT_DRAFT, GObject)

GilPatientDraft *gil_patient_draft_new                (void);
GilPatientDraft *gil_patient_draft_new_unidentified   (const char      *sex,
                                                       guint            approx_age_years);
gboolean         gil_patient_draft_is_empty           (GilPatientDraft *self);
void             gil_patient_draft_set_name           (GilPatientDraft *self,
                                                       const char      *name);
void             gil_patient_draft_set_nik            (GilPatientDraft *self,
                                                       const char      *nik);
void             gil_patient_draft_set_bpjs           (GilPatientDraft *self,
                                                       const char      *bpjs);
void             gil_patient_draft_set_birth_date     (GilPatientDraft *self,
                                                       const char      *birth_date);
void             gil_patient_draft_set_sex            (GilPatientDraft *self,
                                                       const char      *sex);
void             gil_patient_draft_set_address        (GilPatientDraft *self,
                                                       const char      *address);
void             gil_patient_draft_set_phone          (GilPatientDraft *self,
                                                       const char      *phone);

G_END_DECLS
