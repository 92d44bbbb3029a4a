/* gil-patient-search.c — finding patients at the desk, as rows to choose
 *
 * The desk's search and the merge of an unidentified patient's record
 * find patients alike: each text typed asks the manager again, the
 * answer to an earlier text is dropped, and each patient found is a row
 * with the name, then the No. RM, the birth date as the desk types it
 * and the NIK when there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-patients.h"
#include "gil-date-field.h"
#include "gil-patient-search.h"

struct _GilPatientSearch
{
  GtkListBox            *list;      /* unowned: the search goes before it */
  GilPatientSearchKeep   keep;
  GilPatientSearchShown  shown;
  gpointer               user_data;
  GCancellable          *cancellable;
  GPtrArray             *patients;  /* element-type GilPatient, as the rows show them */
};

static GtkWidget *
patient_row (GilPatient *patient)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *birth = gil_date_field_from_iso (gil_patient_get_birth_date (patient));
  const char *nik = gil_patient_get_nik (patient);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (_("No. RM %s · born %s%s%s"),
                              gil_patient_get_rm (patient), birth,
                              nik != NULL ? " · NIK " : "", nik != NULL ? nik : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_patient_get_name (patient));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
empty_list (GilPatientSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->patients, 0);
}

static void
on_found_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GPtrArray) found = NULL;
  GilPatientSearch *self;

  found = gil_connection_search_patients_finish (GIL_CONNECTION (source), result, NULL);
  if (found == NULL)
    return;   /* cancelled with its list, or the search is typed again */
  self = user_data;
  empty_list (self);
  for (guint i = 0; i < found->len; i++)
    {
      GilPatient *patient = g_ptr_array_index (found, i);

      if (self->keep != NULL && !self->keep (patient, self->user_data))
        continue;
      g_ptr_array_add (self->patients, g_object_ref (patient));
      gtk_list_box_append (self->list, patient_row (patient));
    }
  if (self->shown != NULL)
    self->shown (self->user_data);
}

/**
 * gil_patient_search_new:
 * @list: where the patients found are listed
 * @keep: (nullable): which of them are listed; all for %NULL
 * @shown: (nullable): told when the list shows a search's answer
 *
 * Returns: (transfer full): the search; free it before @list goes
 */
GilPatientSearch *
gil_patient_search_new (GtkListBox            *list,
                        GilPatientSearchKeep   keep,
                        GilPatientSearchShown  shown,
                        gpointer               user_data)
{
  GilPatientSearch *self;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  self = g_new0 (GilPatientSearch, 1);
  self->list = list;
  self->keep = keep;
  self->shown = shown;
  self->user_data = user_data;
  self->patients = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

/* Asks @connection for the patients @text finds; an earlier search's
 * answer is dropped. */
void
gil_patient_search_run (GilPatientSearch *self,
                        GilConnection    *connection,
                        const char       *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (GIL_IS_CONNECTION (connection));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gil_connection_search_patients_async (connection, text, self->cancellable, on_found_cb, self);
}

/* Drops the search under way and empties the list. */
void
gil_patient_search_clear (GilPatientSearch *self)
{
  g_return_if_fail (self != NULL);

  g_cancellable_cancel (self->cancellable);
  empty_list (self);
}

/* Returns: (transfer none) (nullable): the patient of the @index-th row */
GilPatient *
gil_patient_search_get (GilPatientSearch *self,
                        guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);

  return index < self->patients->len ? g_ptr_array_index (self->patients, index) : NULL;
}

void
gil_patient_search_free (GilPatientSearch *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->patients);
  g_free (self);
}
