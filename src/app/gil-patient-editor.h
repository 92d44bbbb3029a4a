/* gil-patient-editor.h — correcting a patient's details at the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-patient.h"

G_BEGIN_DECLS

/* Called once the dialog is done: with the patient as saved, or with the
 * error the manager gave; neither when the clerk closed it unsaved. */
typedef void (*GilPatientEditorDone) (GilPatient   *saved,
                                      const GError *error,
                                      gpointer      user_data);

GtkWidget *gil_patient_editor_present (GtkWindow            *parent,
                                       GilConnection        *connection,
                                       GilPatient           *patient,
                                       GilPatientEditorDone  done,
                                       gpointer              user_data,
                                       GDestroyNotify        destroy);

G_END_DECLS
