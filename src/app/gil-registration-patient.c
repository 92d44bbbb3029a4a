/* gil-registration-patient.c — the registration desk: finding the patient
 * (by NIK, No. RM, BPJS number or name) or adding a new one, and choosing
 * who is registered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-date-field.h"
#include "gil-patient-search.h"
#include "gil-registration-page-private.h"

/* "10-03-1959" (or 10/03/1959) as the field asks, or "1959-03-10" →
 * "1959-03-10"; NULL when @text is no real date written so. */
static char *
parse_date (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  unsigned d, m, y;

  if (g_regex_match_simple ("^[0-9]{2}[-/][0-9]{2}[-/][0-9]{4}$", clean, 0, 0))
    sscanf (clean, "%2u%*c%2u%*c%4u", &d, &m, &y);
  else if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", clean, 0, 0))
    sscanf (clean, "%4u-%2u-%2u", &y, &m, &d);
  else
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* ── choosing a patient ────────────────────────────────────────────── */

void
gil_registration_page_choose_patient (GilRegistrationPage *self,
                                      GilPatient          *patient)
{
  g_autofree char *birth = NULL;
  g_autofree char *detail = NULL;
  const char *nik;

  g_set_object (&self->patient, patient);
  birth = gil_date_field_from_iso (gil_patient_get_birth_date (patient));
  nik = gil_patient_get_nik (patient);
  gtk_label_set_text (self->patient_label, gil_patient_get_name (patient));
  /* TRANSLATORS: No. RM, birth date, sex, NIK of the chosen patient */
  detail = g_strdup_printf (_("No. RM %s · born %s · %s · NIK %s"),
                            gil_patient_get_rm (patient), birth,
                            gil_patient_is_female (patient) ? _("female") : _("male"),
                            nik != NULL ? nik : "–");
  gtk_label_set_text (self->patient_detail, detail);
  gtk_switch_set_active (self->pregnant_switch, FALSE);
  gil_registration_page_preselect_payer (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pregnant_switch), gil_patient_is_female (patient));
  gtk_widget_set_visible (self->identify_box, gil_patient_get_unidentified (patient));
  gtk_widget_remove_css_class (GTK_WIDGET (self->payer_row), "error");
  gil_label_set_optional (self->register_error, NULL);
  gtk_revealer_set_reveal_child (self->ticket_revealer, FALSE);
  gil_registration_page_queue_routing (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));
}

/* The manager's warning about a patient it just saved stays on show,
 * whatever is chosen next, until the clerk acknowledges it. */
void
gil_registration_page_show_patient_warning (GilRegistrationPage *self,
                                            GilPatient          *patient)
{
  const char *warning = gil_patient_get_warning (patient);
  g_autofree char *text = NULL;

  if (warning == NULL)
    return;
  /* TRANSLATORS: a patient's name, and what is wrong with the record */
  text = g_strdup_printf (_("%s: %s"), gil_patient_get_name (patient), warning);
  gil_warning_bar_show (self->warning_bar, text);
  gil_warning_bar_focus (self->warning_bar);
}

static void
on_warning_acknowledged_cb (GilRegistrationPage *self)
{
  gil_label_set_optional (self->register_error, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));
}

static void
on_search_changed_cb (GilRegistrationPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_stack_set_visible_child_name (self->left_stack, "results");
  gil_patient_search_run (self->search, self->connection, text);
}

static void
on_search_activate_cb (GilRegistrationPage *self)
{
  GilPatient *first = gil_patient_search_get (self->search, 0);

  if (first != NULL)
    gil_registration_page_choose_patient (self, first);
}

static void
on_result_activated_cb (GilRegistrationPage *self,
                        GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);
  GilPatient *patient = index >= 0 ? gil_patient_search_get (self->search, index) : NULL;

  if (patient != NULL)
    gil_registration_page_choose_patient (self, patient);
}

/* ── a new patient ─────────────────────────────────────────────────── */

static void
clear_form_errors (GilRegistrationPage *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->nik_row, self->birth_row, self->bpjs_row,
                          self->address_row, self->phone_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sex_row), "error");
  gil_label_set_optional (self->form_error, NULL);
}

/* Every new patient starts from an empty form: a sex left from the one
 * before saved women as men. */
static void
clear_form (GilRegistrationPage *self)
{
  AdwEntryRow *rows[] = { self->name_row, self->nik_row, self->birth_row, self->bpjs_row,
                          self->address_row, self->phone_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  adw_combo_row_set_selected (self->sex_row, SEX_NONE);
  clear_form_errors (self);
  gil_nik_autofill_reset (self->nik_autofill);
}

/* Sets a field the clerk may leave empty, when it is not. */
static void
add_optional (GilPatientDraft *draft,
              void           (*set) (GilPatientDraft *, const char *),
              AdwEntryRow     *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text != '\0')
    set (draft, text);
}

static void
on_patient_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  AdwEntryRow *culprit = NULL;

  patient = gil_connection_create_patient_finish (GIL_CONNECTION (source), result, &error);
  if (patient == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The field the manager refused, with its own Indonesian message. */
      if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_NIK) ||
          g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_DUPLICATE_NIK))
        culprit = self->nik_row;
      else if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_BPJS))
        culprit = self->bpjs_row;
      else if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_BIRTH_DATE))
        culprit = self->birth_row;
      else if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_MISSING_NAME))
        culprit = self->name_row;
      if (culprit != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (culprit), "error");
          gtk_widget_grab_focus (GTK_WIDGET (culprit));
        }
      gil_label_set_optional (self->form_error, error->message);
      if (!g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK))
        g_clear_pointer (&self->patient_key, g_free);
      return;
    }

  g_clear_pointer (&self->patient_key, g_free);
  gtk_stack_set_visible_child_name (self->left_stack, "results");
  clear_form (self);
  gil_registration_page_choose_patient (self, patient);
  gil_registration_page_show_patient_warning (self, patient);
}

static void
on_save_patient_cb (GilRegistrationPage *self)
{
  g_autoptr(GilPatientDraft) draft = NULL;
  g_autofree char *birth = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->birth_row)));
  guint sex = adw_combo_row_get_selected (self->sex_row);

  clear_form_errors (self);
  if (!gil_nik_autofill_check (self->nik_autofill))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->nik_row));
      return;
    }
  if (birth == NULL)
    {
      /* Said in the field's own format: the manager's message about a
       * birth date speaks of the API's. */
      gtk_widget_add_css_class (GTK_WIDGET (self->birth_row), "error");
      gil_label_set_optional (self->form_error, _("The birth date must be a real date written DD-MM-YYYY"));
      gtk_widget_grab_focus (GTK_WIDGET (self->birth_row));
      return;
    }
  if (sex != SEX_FEMALE && sex != SEX_MALE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sex_row), "error");
      gil_label_set_optional (self->form_error, _("Choose the patient's sex."));
      gtk_widget_grab_focus (GTK_WIDGET (self->sex_row));
      return;
    }
  draft = gil_patient_draft_new ();
  gil_patient_draft_set_name (draft, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  gil_patient_draft_set_birth_date (draft, birth);
  gil_patient_draft_set_sex (draft, sex == SEX_FEMALE ? "F" : "M");
  add_optional (draft, gil_patient_draft_set_nik, self->nik_row);
  add_optional (draft, gil_patient_draft_set_bpjs, self->bpjs_row);
  add_optional (draft, gil_patient_draft_set_address, self->address_row);
  add_optional (draft, gil_patient_draft_set_phone, self->phone_row);

  if (self->patient_key == NULL)
    self->patient_key = gil_connection_new_action_key ();
  gil_connection_create_patient_async (self->connection, draft, self->patient_key,
                                       self->cancellable, on_patient_saved_cb, self);
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  if (!gil_registration_page_form_open (self))
    clear_form (self);
  gtk_stack_set_visible_child_name (self->left_stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
cancel_patient_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  clear_form_errors (self);
  g_clear_pointer (&self->patient_key, g_free);
  gtk_stack_set_visible_child_name (self->left_stack, "results");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Today's visits, to correct one (gil-desk-visits.c). */
static void
today_visits_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  /* Shown, the list loads itself again. */
  if (self->desk_visits != NULL)
    gtk_stack_set_visible_child_name (self->left_stack, "visits");
}


/* The search emptied for the next patient, without searching again. */
void
gil_registration_page_clear_search (GilRegistrationPage *self)
{
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  gil_patient_search_clear (self->search);
}

/* The template's callbacks and the actions of the left column. */
void
gil_registration_page_class_init_patient (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_patient_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_warning_acknowledged_cb);

  gtk_widget_class_install_action (widget_class, "registration.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "registration.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "registration.cancel-patient", NULL, cancel_patient_action);
  gtk_widget_class_install_action (widget_class, "registration.today-visits", NULL, today_visits_action);
}
