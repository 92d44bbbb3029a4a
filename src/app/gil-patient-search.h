/* gil-patient-search.h — finding patients at the desk, as rows to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-patient.h"

G_BEGIN_DECLS

typedef struct _GilPatientSearch GilPatientSearch;

/* Whether a patient found is listed. */
typedef gboolean (*GilPatientSearchKeep) (GilPatient *patient,
                                          gpointer    user_data);
/* Called each time the list shows what a search found. */
typedef void     (*GilPatientSearchShown) (gpointer   user_data);

GilPatientSearch *gil_patient_search_new   (GtkListBox            *list,
                                            GilPatientSearchKeep   keep,
                                            GilPatientSearchShown  shown,
                                            gpointer               user_data);
void              gil_patient_search_run   (GilPatientSearch      *self,
                                            GilConnection         *connection,
                                            const char            *text);
void              gil_patient_search_clear (GilPatientSearch      *self);
GilPatient       *gil_patient_search_get   (GilPatientSearch      *self,
                                            guint                  index);
void              gil_patient_search_free  (GilPatientSearch      *self);

G_END_DECLS
