/* gil-patient-row.h — a patient a search found, as a row to choose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-patient.h"

G_BEGIN_DECLS

GtkWidget *gil_patient_row_new (GilPatient *patient);

G_END_DECLS
