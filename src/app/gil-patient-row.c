/* gil-patient-row.c — a patient a search found, as a row to choose
 *
 * The desk's search and the merge of an unidentified patient's record
 * list patients alike: the name, then the No. RM, the birth date as the
 * desk types it and the NIK when there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-date-field.h"
#include "gil-patient-row.h"

/**
 * gil_patient_row_new:
 *
 * Returns: (transfer floating): an activatable row naming @patient
 */
GtkWidget *
gil_patient_row_new (GilPatient *patient)
{
  GtkWidget *row;
  g_autofree char *birth = NULL;
  g_autofree char *subtitle = NULL;
  const char *nik;

  g_return_val_if_fail (GIL_IS_PATIENT (patient), NULL);

  row = adw_action_row_new ();
  birth = gil_date_field_from_iso (gil_patient_get_birth_date (patient));
  nik = gil_patient_get_nik (patient);
  subtitle = g_strdup_printf (_("No. RM %s · born %s%s%s"),
                              gil_patient_get_rm (patient), birth,
                              nik != NULL ? " · NIK " : "", nik != NULL ? nik : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_patient_get_name (patient));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}
