/* gil-unidentified-dialog.h — registrasi menyusul at the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-patient.h"
#include "gil-visit.h"

G_BEGIN_DECLS

/* @visit: (nullable): the visit the manager registered, or %NULL with
 * @error set; neither when the clerk cancelled */
typedef void (*GilDeskVisitDoneFunc)   (GilVisit   *visit,
                                        GError     *error,
                                        gpointer    user_data);
/* @patient: (nullable): the patient as the manager saved it, or %NULL
 * with @error set; neither when the clerk cancelled */
typedef void (*GilDeskPatientDoneFunc) (GilPatient *patient,
                                        GError     *error,
                                        gpointer    user_data);

void gil_unidentified_dialog_present (GtkWindow              *parent,
                                      GilConnection          *connection,
                                      GCancellable           *cancellable,
                                      GilDeskVisitDoneFunc    done,
                                      gpointer                user_data);
void gil_identify_dialog_present     (GtkWindow              *parent,
                                      GilConnection          *connection,
                                      GilPatient             *patient,
                                      GCancellable           *cancellable,
                                      GilDeskPatientDoneFunc  done,
                                      gpointer                user_data);
void gil_merge_dialog_present        (GtkWindow              *parent,
                                      GilConnection          *connection,
                                      GilPatient             *patient,
                                      GCancellable           *cancellable,
                                      GilDeskPatientDoneFunc  done,
                                      gpointer                user_data);

G_END_DECLS
