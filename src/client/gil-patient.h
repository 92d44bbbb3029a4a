/* gil-patient.h — a patient record from the manager, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GIL_TYPE_PATIENT (gil_patient_get_type ())
G_DECLARE_FINAL_TYPE (GilPatient, gil_patient, GIL, PATIENT, GObject)

GilPatient *gil_patient_new_from_json      (JsonNode    *node,
                                            GError     **error);
GPtrArray  *gil_patient_list_from_json     (JsonNode    *node,
                                            GError     **error);

gint64      gil_patient_get_id             (GilPatient  *self);
const char *gil_patient_get_rm             (GilPatient  *self);
const char *gil_patient_get_name           (GilPatient  *self);
const char *gil_patient_get_nik            (GilPatient  *self);
const char *gil_patient_get_bpjs           (GilPatient  *self);
const char *gil_patient_get_birth_date     (GilPatient  *self);
const char *gil_patient_get_sex            (GilPatient  *self);
gboolean    gil_patient_is_female          (GilPatient  *self);
const char *gil_patient_get_address        (GilPatient  *self);
const char *gil_patient_get_phone          (GilPatient  *self);
gboolean    gil_patient_get_unidentified   (GilPatient  *self);
gint64      gil_patient_get_merged_into    (GilPatient  *self);
const char *gil_patient_get_warning        (GilPatient  *self);

G_END_DECLS
