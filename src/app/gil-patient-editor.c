/* gil-patient-editor.c — correcting a patient's details at the desk
 *
 * A dialog with the record's values filled in; saving sends only what the
 * clerk changed (PATCH /patients/{id}), so the audit trail names just
 * those fields. The manager checks the values as for a new patient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-patients.h"
#include "gil-date-field.h"
#include "gil-dialog.h"
#include "gil-patient-editor.h"

/* The fields a clerk may correct, in the order the dialog shows them. */
enum
{
  FIELD_NAME,
  FIELD_NIK,
  FIELD_BIRTH_DATE,
  FIELD_BPJS,
  FIELD_ADDRESS,
  FIELD_PHONE,
  N_TEXT_FIELDS
};

/* What the record holds of each field, and where a change to it goes. */
static const struct
{
  const char *(*stored) (GilPatient *patient);
  void        (*change) (GilPatientDraft *changes,
                         const char      *value);
} fields[N_TEXT_FIELDS] = {
  { gil_patient_get_name, gil_patient_draft_set_name },
  { gil_patient_get_nik, gil_patient_draft_set_nik },
  { gil_patient_get_birth_date, gil_patient_draft_set_birth_date },
  { gil_patient_get_bpjs, gil_patient_draft_set_bpjs },
  { gil_patient_get_address, gil_patient_draft_set_address },
  { gil_patient_get_phone, gil_patient_draft_set_phone },
};

typedef struct
{
  GilConnection        *connection;
  GilPatient           *patient;
  GilPatientEditorDone  done;
  gpointer              user_data;
  GDestroyNotify        destroy;
  AdwEntryRow          *rows[N_TEXT_FIELDS];
  AdwComboRow          *sex_row;
} Editor;

static void
editor_free (Editor *editor)
{
  if (editor->destroy != NULL)
    editor->destroy (editor->user_data);
  g_object_unref (editor->connection);
  g_object_unref (editor->patient);
  g_free (editor);
}

/* What the clerk typed for @field, as the API takes it. */
static char *
typed (Editor *editor,
       guint   field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editor->rows[field]));

  if (field == FIELD_BIRTH_DATE)
    return gil_date_field_to_iso (text);
  return g_strstrip (g_strdup (text));
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Editor *editor = user_data;
  g_autoptr(GilPatient) saved = NULL;
  g_autoptr(GError) error = NULL;

  saved = gil_connection_update_patient_finish (GIL_CONNECTION (source), result, &error);
  if (saved != NULL)
    editor->done (saved, NULL, editor->user_data);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    editor->done (NULL, error, editor->user_data);
  editor_free (editor);
}

/* Returns: (transfer full): the changed fields only; empty when
 * nothing changed */
static GilPatientDraft *
changes (Editor *editor)
{
  GilPatientDraft *changes = gil_patient_draft_new ();
  const char *sex = adw_combo_row_get_selected (editor->sex_row) == 0 ? "F" : "M";

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    {
      g_autofree char *value = typed (editor, i);
      const char *before = fields[i].stored (editor->patient);
      gboolean clearable = i == FIELD_NIK || i == FIELD_BPJS;

      if (g_strcmp0 (value, before != NULL ? before : "") == 0)
        continue;
      fields[i].change (changes, clearable && *value == '\0' ? NULL : value);
    }
  if (g_strcmp0 (sex, gil_patient_get_sex (editor->patient)) != 0)
    gil_patient_draft_set_sex (changes, sex);
  return changes;
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Editor           *editor)
{
  g_autoptr(GilPatientDraft) changed = NULL;

  if (!g_str_equal (response, "save"))
    return;   /* the dialog, closing, frees @editor */
  /* From here the request owns it. */
  g_object_steal_data (G_OBJECT (dialog), "gil-editor");
  changed = changes (editor);
  if (gil_patient_draft_is_empty (changed))
    {
      editor->done (editor->patient, NULL, editor->user_data);
      editor_free (editor);
      return;
    }
  gil_connection_update_patient_async (editor->connection, gil_patient_get_id (editor->patient),
                                       changed, NULL, NULL, on_saved_cb, editor);
}

/* A row for the record's member @member, named so. */
static AdwEntryRow *
add_entry (GtkListBox *list,
           const char *member,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, member);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (list, row);
  return ADW_ENTRY_ROW (row);
}

/**
 * gil_patient_editor_present:
 * @patient: the record as the manager gave it
 * @done: called with the saved record or the manager's error
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
gil_patient_editor_present (GtkWindow            *parent,
                            GilConnection        *connection,
                            GilPatient           *patient,
                            GilPatientEditorDone  done,
                            gpointer              user_data,
                            GDestroyNotify        destroy)
{
  const char *sexes[] = { _("Female"), _("Male"), NULL };
  g_autofree char *birth = NULL;
  g_autofree char *body = NULL;
  Editor *editor;
  GtkWidget *dialog;
  GtkListBox *list;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (GIL_IS_PATIENT (patient), NULL);
  g_return_val_if_fail (done != NULL, NULL);

  editor = g_new0 (Editor, 1);
  editor->connection = g_object_ref (connection);
  editor->patient = g_object_ref (patient);
  editor->done = done;
  editor->user_data = user_data;
  editor->destroy = destroy;

  body = g_strdup_printf (_("No. RM %s. Correct what is wrong and save."), gil_patient_get_rm (patient));
  dialog = adw_message_dialog_new (parent, _("Edit Patient Details"), body);
  list = gil_dialog_list_new (NULL, NULL);
  birth = gil_date_field_from_iso (gil_patient_get_birth_date (patient));
  editor->rows[FIELD_NAME] = add_entry (list, "name", _("Name"), gil_patient_get_name (patient));
  editor->rows[FIELD_NIK] = add_entry (list, "nik", _("NIK"), gil_patient_get_nik (patient));
  editor->rows[FIELD_BIRTH_DATE] = add_entry (list, "birth_date", _("Date of birth (DD-MM-YYYY)"), birth);
  editor->sex_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (editor->sex_row), "sex");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->sex_row), _("Sex"));
  adw_combo_row_set_model (editor->sex_row, G_LIST_MODEL (gtk_string_list_new (sexes)));
  adw_combo_row_set_selected (editor->sex_row, g_strcmp0 (gil_patient_get_sex (patient), "M") == 0 ? 1 : 0);
  gtk_list_box_append (list, GTK_WIDGET (editor->sex_row));
  editor->rows[FIELD_BPJS] = add_entry (list, "bpjs", _("BPJS card number"), gil_patient_get_bpjs (patient));
  editor->rows[FIELD_ADDRESS] = add_entry (list, "address", _("Address"), gil_patient_get_address (patient));
  editor->rows[FIELD_PHONE] = add_entry (list, "phone", _("Phone"), gil_patient_get_phone (patient));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (list));

  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "close", _("_Cancel"), "save", _("_Save"),
                          ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "gil-editor", editor, (GDestroyNotify)editor_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), editor);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (editor->rows[FIELD_NAME]));
  return dialog;
}
