/* gil-unidentified-dialog.c — registrasi menyusul at the desk
 *
 * An unconscious or unknown patient gets a UGD ticket in two steps: the
 * button, then the sex and an approximate age. The manager names the
 * record "Tanpa identitas N" and the visit goes to the UGD as an
 * emergency. Once the patient is known, the record is either completed
 * with the real identity, or merged into the patient's own record, which
 * keeps the visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-patients.h"
#include "gil-connection-visits.h"
#include "gil-date-field.h"
#include "gil-dialog.h"
#include "gil-nik.h"
#include "gil-nik-autofill.h"
#include "gil-patient-search.h"
#include "gil-unidentified-dialog.h"

#define DEFAULT_AGE 30
#define MAX_AGE     130

/* The sex drop-downs' items. */
enum
{
  SEX_NONE,
  SEX_FEMALE,
  SEX_MALE,
};

/* ── one request, its answer to the caller ─────────────────────────── */

typedef struct
{
  GilConnection          *connection;
  GCancellable           *cancellable;
  GilDeskVisitDoneFunc    visit_done;     /* for a registered visit */
  GilDeskPatientDoneFunc  patient_done;   /* or for a patient saved */
  gpointer                user_data;
} Send;

static Send *
send_new (GilConnection *connection,
          GCancellable  *cancellable,
          gpointer       user_data)
{
  Send *send = g_new0 (Send, 1);

  send->connection = g_object_ref (connection);
  send->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  send->user_data = user_data;
  return send;
}

static void
send_free (Send *send)
{
  g_object_unref (send->connection);
  g_clear_object (&send->cancellable);
  g_free (send);
}

/* Tells the caller @visit or @patient (one of them, or neither with
 * @error set), unless the request was cancelled, and frees @send. */
static void
send_done (Send       *send,
           GilVisit   *visit,
           GilPatient *patient,
           GError     *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (send->visit_done != NULL)
        send->visit_done (visit, error, send->user_data);
      else
        send->patient_done (patient, error, send->user_data);
    }
  send_free (send);
}

static void
on_visit_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_connection_register_visit_finish (GIL_CONNECTION (source), result, &error);

  send_done (user_data, visit, NULL, error);
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_connection_update_patient_finish (GIL_CONNECTION (source), result, &error);

  send_done (user_data, NULL, patient, error);
}

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_connection_merge_patient_finish (GIL_CONNECTION (source), result, &error);

  send_done (user_data, NULL, patient, error);
}

static GtkWidget *
message_dialog (GtkWindow  *parent,
                const char *heading,
                const char *body,
                GtkWidget  *extra,
                const char *response,
                const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label,
                          ADW_RESPONSE_SUGGESTED);
  return dialog;
}

static GListModel *
sex_names (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("Not chosen"));
  gtk_string_list_append (names, _("Female"));
  gtk_string_list_append (names, _("Male"));
  return G_LIST_MODEL (names);
}

/* ── a UGD ticket for an unidentified patient ──────────────────────── */

typedef struct
{
  GilConnection        *connection;
  GCancellable         *cancellable;
  GilDeskVisitDoneFunc  done;
  gpointer              user_data;
  GtkDropDown          *sex;
  GtkSpinButton        *age;
} Ticket;

static void
ticket_free (Ticket *ticket)
{
  g_object_unref (ticket->connection);
  g_clear_object (&ticket->cancellable);
  g_free (ticket);
}

static void
on_unidentified_patient_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  static const char * const signs[] = { "emergency", NULL };
  Send *send = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GilVisitDraft) draft = NULL;

  patient = gil_connection_create_patient_finish (GIL_CONNECTION (source), result, &error);
  if (patient == NULL)
    {
      send_done (send, NULL, NULL, error);
      return;
    }
  /* The visit: an emergency, which the rules send to the UGD. */
  draft = gil_visit_draft_new (gil_patient_get_id (patient));
  gil_visit_draft_set_purpose (draft, "sick");
  gil_visit_draft_set_signs (draft, signs);
  gil_visit_draft_set_payer (draft, "umum");
  gil_connection_register_visit_async (send->connection, draft, NULL, send->cancellable,
                                       on_visit_cb, send);
}

static void
on_ticket_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Ticket           *ticket)
{
  g_autoptr(GilPatientDraft) draft = NULL;
  guint sex = gtk_drop_down_get_selected (ticket->sex);
  Send *send;

  if (!g_str_equal (response, "ticket") || (sex != SEX_FEMALE && sex != SEX_MALE))
    return;

  draft = gil_patient_draft_new_unidentified (sex == SEX_FEMALE ? "F" : "M",
                                              gtk_spin_button_get_value_as_int (ticket->age));
  send = send_new (ticket->connection, ticket->cancellable, ticket->user_data);
  send->visit_done = ticket->done;
  gil_connection_create_patient_async (ticket->connection, draft, NULL, ticket->cancellable,
                                       on_unidentified_patient_cb, send);
}

static void
on_ticket_sex_cb (GtkDropDown      *sex,
                  GParamSpec       *pspec,
                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "ticket",
                                           gtk_drop_down_get_selected (sex) != SEX_NONE);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  return box;
}

/**
 * gil_unidentified_dialog_present:
 * @done: called with the registered visit, or the error
 *
 * Asks the sex and an approximate age of a patient nobody can identify,
 * and registers a UGD visit for them.
 */
void
gil_unidentified_dialog_present (GtkWindow            *parent,
                                 GilConnection        *connection,
                                 GCancellable         *cancellable,
                                 GilDeskVisitDoneFunc  done,
                                 gpointer              user_data)
{
  g_autoptr(GListModel) sexes = NULL;
  Ticket *ticket;
  GtkWidget *box;
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (done != NULL);

  sexes = sex_names ();
  ticket = g_new0 (Ticket, 1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  ticket->connection = g_object_ref (connection);
  ticket->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  ticket->done = done;
  ticket->user_data = user_data;
  ticket->sex = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (sexes), NULL));
  ticket->age = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_AGE, 1));
  gtk_widget_set_name (GTK_WIDGET (ticket->sex), "sex");
  gtk_widget_set_name (GTK_WIDGET (ticket->age), "approx_age_years");
  gtk_spin_button_set_value (ticket->age, DEFAULT_AGE);
  gtk_box_append (GTK_BOX (box), labelled (_("_Sex"), GTK_WIDGET (ticket->sex)));
  gtk_box_append (GTK_BOX (box), labelled (_("_Approximate age (years)"), GTK_WIDGET (ticket->age)));

  dialog = message_dialog (parent, _("Unidentified Emergency Patient"),
                           _("A UGD ticket now, for a patient who cannot say who they are. "
                             "Complete the record or merge it into the patient's own once they are known."),
                           box, "ticket", _("_Give UGD Ticket"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ticket", FALSE);
  g_signal_connect_object (ticket->sex, "notify::selected", G_CALLBACK (on_ticket_sex_cb), dialog, 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ticket_response_cb),
                         ticket, (GClosureNotify)(void (*) (void))ticket_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (ticket->sex));
}

/* ── completing the record ─────────────────────────────────────────── */

typedef struct
{
  GilConnection          *connection;
  GCancellable           *cancellable;
  GilDeskPatientDoneFunc  done;
  gpointer                user_data;
  gint64                  patient;
  AdwEntryRow            *name_row;
  AdwEntryRow            *nik_row;
  AdwEntryRow            *birth_row;
  AdwComboRow            *sex_row;
  GilNikAutofill         *autofill;
} Identify;

static void
identify_free (Identify *identify)
{
  g_object_unref (identify->connection);
  g_clear_object (&identify->cancellable);
  /* The rows outlive the auto-fill that watches them. */
  gil_nik_autofill_free (identify->autofill);
  g_object_unref (identify->name_row);
  g_object_unref (identify->nik_row);
  g_object_unref (identify->birth_row);
  g_object_unref (identify->sex_row);
  g_free (identify);
}

static void
on_identify_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Identify         *identify)
{
  g_autoptr(GilPatientDraft) changes = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *nik = NULL;
  Send *send;

  if (!g_str_equal (response, "save"))
    return;

  birth = gil_date_field_to_iso (gtk_editable_get_text (GTK_EDITABLE (identify->birth_row)));
  nik = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (identify->nik_row))));
  changes = gil_patient_draft_new ();
  gil_patient_draft_set_name (changes, gtk_editable_get_text (GTK_EDITABLE (identify->name_row)));
  gil_patient_draft_set_birth_date (changes, birth);
  gil_patient_draft_set_sex (changes,
                             adw_combo_row_get_selected (identify->sex_row) == SEX_FEMALE ? "F" : "M");
  gil_patient_draft_set_nik (changes, *nik != '\0' ? nik : NULL);
  send = send_new (identify->connection, identify->cancellable, identify->user_data);
  send->patient_done = identify->done;
  gil_connection_update_patient_async (identify->connection, identify->patient, changes, NULL,
                                       identify->cancellable, on_updated_cb, send);
}

/* Save needs a name, a birth date, a sex and no NIK that cannot be
 * right; the manager checks the rest. */
static void
on_identify_changed_cb (Identify *identify)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_widget_get_root (GTK_WIDGET (identify->name_row)));
  g_autofree char *nik = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (identify->nik_row))));
  guint sex = adw_combo_row_get_selected (identify->sex_row);

  if (dialog == NULL)
    return;
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           *gtk_editable_get_text (GTK_EDITABLE (identify->name_row)) != '\0' &&
                                           *gtk_editable_get_text (GTK_EDITABLE (identify->birth_row)) != '\0' &&
                                           (sex == SEX_FEMALE || sex == SEX_MALE) &&
                                           (*nik == '\0' || gil_nik_parse (nik, NULL, NULL)));
}

/* A row for the record's member @member, named so. */
static AdwEntryRow *
entry_row (GtkWidget  *group,
           const char *member,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, member);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

/**
 * gil_identify_dialog_present:
 * @patient: an unidentified patient
 * @done: called with the completed patient (with its "warning", if any),
 *   or the error
 *
 * The patient's real name, NIK, birth date and sex, saved on the record
 * made for them.
 */
void
gil_identify_dialog_present (GtkWindow              *parent,
                             GilConnection          *connection,
                             GilPatient             *patient,
                             GCancellable           *cancellable,
                             GilDeskPatientDoneFunc  done,
                             gpointer                user_data)
{
  g_autoptr(GListModel) sexes = NULL;
  Identify *identify;
  GtkWidget *box;
  GtkWidget *group;
  GtkWidget *note;
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (GIL_IS_PATIENT (patient));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (done != NULL);

  sexes = sex_names ();
  identify = g_new0 (Identify, 1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  note = gtk_label_new (NULL);
  identify->connection = g_object_ref (connection);
  identify->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  identify->done = done;
  identify->user_data = user_data;
  identify->patient = gil_patient_get_id (patient);
  identify->name_row = entry_row (group, "name", _("Name"));
  identify->nik_row = entry_row (group, "nik", _("NIK"));
  gtk_editable_set_text (GTK_EDITABLE (identify->nik_row), "");
  identify->birth_row = entry_row (group, "birth_date", _("Date of birth (DD-MM-YYYY)"));
  identify->sex_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (identify->sex_row), "sex");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (identify->sex_row), _("Sex"));
  adw_combo_row_set_model (identify->sex_row, sexes);
  adw_combo_row_set_selected (identify->sex_row,
                              gil_patient_is_female (patient) ? SEX_FEMALE : SEX_MALE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (identify->sex_row));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_visible (note, FALSE);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), note);
  g_object_ref (identify->name_row);
  g_object_ref (identify->nik_row);
  g_object_ref (identify->birth_row);
  g_object_ref (identify->sex_row);
  identify->autofill = gil_nik_autofill_new (identify->nik_row, identify->birth_row, identify->sex_row,
                                             SEX_FEMALE, SEX_MALE, GTK_LABEL (note));

  dialog = message_dialog (parent, _("Complete Identity"),
                           _("The patient's real details, saved on the record made for them. "
                             "If the patient already has a record, merge instead."),
                           box, "save", _("_Save"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_signal_connect_swapped (identify->name_row, "changed", G_CALLBACK (on_identify_changed_cb), identify);
  g_signal_connect_swapped (identify->birth_row, "changed", G_CALLBACK (on_identify_changed_cb), identify);
  g_signal_connect_swapped (identify->nik_row, "changed", G_CALLBACK (on_identify_changed_cb), identify);
  g_signal_connect_swapped (identify->sex_row, "notify::selected", G_CALLBACK (on_identify_changed_cb), identify);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_identify_response_cb),
                         identify, (GClosureNotify)(void (*) (void))identify_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (identify->name_row));
}

/* ── merging into the patient's own record ─────────────────────────── */

typedef struct
{
  GilConnection          *connection;
  GCancellable           *cancellable;
  GilPatientSearch       *search;
  GilDeskPatientDoneFunc  done;
  gpointer                user_data;
  gint64                  patient;
  GtkListBox             *list;
  AdwMessageDialog       *dialog;
} Merge;

static void
merge_free (Merge *merge)
{
  gil_patient_search_free (merge->search);
  g_object_unref (merge->connection);
  g_clear_object (&merge->cancellable);
  g_free (merge);
}

/* Only an identified record takes the visits. */
static gboolean
can_take_visits (GilPatient *patient,
                 gpointer    user_data)
{
  Merge *merge = user_data;

  return gil_patient_get_id (patient) != merge->patient && !gil_patient_get_unidentified (patient);
}

static void
on_merge_shown_cb (gpointer user_data)
{
  Merge *merge = user_data;

  adw_message_dialog_set_response_enabled (merge->dialog, "merge", FALSE);
}

static void
on_merge_search_changed_cb (GtkSearchEntry *entry,
                            Merge          *merge)
{
  gil_patient_search_run (merge->search, merge->connection, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_merge_selected_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      Merge         *merge)
{
  adw_message_dialog_set_response_enabled (merge->dialog, "merge", row != NULL);
}

static void
on_merge_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Merge            *merge)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (merge->list);
  GilPatient *into = row != NULL ? gil_patient_search_get (merge->search, gtk_list_box_row_get_index (row)) : NULL;
  Send *send;

  if (!g_str_equal (response, "merge") || into == NULL)
    return;
  send = send_new (merge->connection, merge->cancellable, merge->user_data);
  send->patient_done = merge->done;
  gil_connection_merge_patient_async (merge->connection, merge->patient, gil_patient_get_id (into), NULL,
                                      merge->cancellable, on_merged_cb, send);
}

/**
 * gil_merge_dialog_present:
 * @patient: an unidentified patient
 * @done: called with the patient whose record took the visits, or the
 *   error
 *
 * Finds the patient's own record and merges the unidentified one into it.
 */
void
gil_merge_dialog_present (GtkWindow              *parent,
                          GilConnection          *connection,
                          GilPatient             *patient,
                          GCancellable           *cancellable,
                          GilDeskPatientDoneFunc  done,
                          gpointer                user_data)
{
  Merge *merge;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *scrolled;
  g_autofree char *heading = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (GIL_IS_PATIENT (patient));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (done != NULL);

  merge = g_new0 (Merge, 1);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_search_entry_new ();
  scrolled = gtk_scrolled_window_new ();
  merge->connection = g_object_ref (connection);
  merge->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  merge->done = done;
  merge->user_data = user_data;
  merge->patient = gil_patient_get_id (patient);
  merge->list = GTK_LIST_BOX (gtk_list_box_new ());
  merge->search = gil_patient_search_new (merge->list, can_take_visits, on_merge_shown_cb, merge);
  gtk_widget_set_name (GTK_WIDGET (merge->list), "results");
  gtk_widget_set_name (entry, "search");
  gtk_widget_add_css_class (GTK_WIDGET (merge->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (merge->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Patients found"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find a patient"), -1);
  g_object_set (entry, "placeholder-text", _("NIK, No. RM, BPJS number or name"), NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (merge->list));
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);

  /* TRANSLATORS: %s is "Tanpa identitas N" */
  heading = g_strdup_printf (_("Merge %s Into…"), gil_patient_get_name (patient));
  merge->dialog = ADW_MESSAGE_DIALOG (message_dialog (parent, heading,
                                                      _("Find the patient's own record. Its record takes "
                                                        "today's visit and this one is no longer found."),
                                                      box, "merge", _("_Merge")));
  adw_message_dialog_set_response_enabled (merge->dialog, "merge", FALSE);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_merge_search_changed_cb), merge);
  g_signal_connect (merge->list, "row-selected", G_CALLBACK (on_merge_selected_cb), merge);
  g_signal_connect_data (merge->dialog, "response", G_CALLBACK (on_merge_response_cb),
                         merge, (GClosureNotify)(void (*) (void))merge_free, 0);
  gtk_window_present (GTK_WINDOW (merge->dialog));
  gtk_widget_grab_focus (entry);
}
