/* gil-registration-visit.c — the registration desk: registering the
 * chosen patient's visit (confirming what looks implausible), the ticket
 * and its printing, registrasi menyusul and completing the record after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-registration-page-private.h"
#include "gil-ticket-printer.h"
#include "gil-unidentified-dialog.h"


/* The registered visit's room; empty while the rooms are not known yet. */
static const char *
visit_room_name (GilRegistrationPage *self)
{
  const char *name = gil_room_list_get_name (self->rooms, gil_visit_get_room (self->visit));

  return name != NULL ? name : "";
}

static void
show_ticket (GilRegistrationPage *self)
{
  g_autofree char *ahead = gil_ticket_ahead_text (self->visit);

  gtk_label_set_text (self->ticket_label, gil_visit_get_ticket (self->visit));
  gtk_label_set_text (self->ticket_room_label, visit_room_name (self));
  gtk_label_set_text (self->ticket_ahead_label, ahead);
  gtk_revealer_set_reveal_child (self->ticket_revealer, TRUE);
}

static void
reset_for_next (GilRegistrationPage *self)
{
  g_clear_object (&self->patient);
  gtk_label_set_text (self->patient_label, _("No patient chosen"));
  gtk_label_set_text (self->patient_detail, _("Find the patient on the left, or add a new one."));
  adw_combo_row_set_selected (self->purpose_row, 0);
  gil_registration_page_preselect_payer (self);
  adw_combo_row_set_selected (self->room_row, 0);
  gtk_widget_set_visible (self->identify_box, FALSE);
  gtk_switch_set_active (self->pregnant_switch, FALSE);
  for (guint i = 0; i < self->sign_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->sign_checks, i), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), _("Suggested room"));
  adw_action_row_set_subtitle (self->suggestion_row, _("Choose a patient to see the suggestion"));
  gil_registration_page_clear_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void register_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter);

static void
on_implausible_response_cb (AdwMessageDialog    *dialog,
                            const char          *response,
                            GilRegistrationPage *self)
{
  if (!g_str_equal (response, "register"))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));
      return;
    }
  self->confirmed = TRUE;
  register_action (GTK_WIDGET (self), NULL, NULL);
}

/* Pregnancy care that does not fit the patient: registered only when
 * the clerk, told why, says so. */
static void
confirm_implausible (GilRegistrationPage *self,
                     const char          *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Check the Patient's Data"), message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Check Again"),
                                    "register", _("_Register Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "register",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_implausible_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The loket ticket the visit was to carry was used meanwhile (another
 * desk registered or skipped it): said, and the ticket let go, so that
 * Register again registers the same visit without it. Whatever was
 * typed stays. */
static gboolean
loket_refused (GilRegistrationPage *self,
               const GError        *error)
{
  g_autofree char *message = NULL;

  if (self->register_loket == NULL ||
      !g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_TRANSITION))
    return FALSE;
  message = g_strdup_printf (_("Loket number %s was used meanwhile: nothing was registered. "
                               "Press Register again to register this visit without it."),
                             gil_loket_ticket_get_ticket (self->register_loket));
  gil_label_set_optional (self->register_error, message);
  g_clear_pointer (&self->register_key, g_free);
  gil_desk_loket_clear_ticket (self->loket, gil_loket_ticket_get_id (self->register_loket));
  g_clear_object (&self->register_loket);
  gtk_widget_grab_focus (self->register_button);
  return TRUE;
}

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  self->registering = FALSE;
  gil_registration_page_update_register_enabled (self);
  visit = gil_connection_register_visit_finish (GIL_CONNECTION (source), result, &error);
  if (visit == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gil_label_set_optional (self->register_error, error->message);
      if (loket_refused (self, error))
        return;
      if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_IMPLAUSIBLE))
        {
          g_clear_pointer (&self->register_key, g_free);
          confirm_implausible (self, error->message);
          return;
        }
      /* A refusal is final; after a network failure the same key is
       * retried, so the visit is never registered twice. */
      if (!g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK))
        g_clear_pointer (&self->register_key, g_free);
      /* GTK took the focus from "Register" while it could not be
       * pressed: back to it, to try again with Enter. */
      root = gtk_widget_get_root (GTK_WIDGET (self));
      if (root != NULL && gtk_root_get_focus (root) == NULL)
        gtk_widget_grab_focus (self->register_button);
      return;
    }

  g_clear_pointer (&self->register_key, g_free);
  g_set_object (&self->visit, visit);
  gil_label_set_optional (self->register_error, NULL);
  /* The loket ticket became this visit: the desk calls the next. */
  if (self->register_loket != NULL)
    gil_desk_loket_clear_ticket (self->loket, gil_loket_ticket_get_id (self->register_loket));
  g_clear_object (&self->register_loket);
  show_ticket (self);
  reset_for_next (self);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);
  g_autoptr(GilVisitDraft) draft = NULL;
  guint room_index = adw_combo_row_get_selected (self->room_row);

  if (gil_registration_page_form_open (self))
    return;
  if (self->patient == NULL)
    {
      gil_label_set_optional (self->register_error, _("Choose a patient first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  if (gil_warning_bar_get_text (self->warning_bar) != NULL)
    {
      gil_label_set_optional (self->register_error, _("Read the warning about the patient first and press “Understood”."));
      gil_warning_bar_focus (self->warning_bar);
      return;
    }
  if (gil_registration_page_selected_payer (self) == NULL)
    {
      /* Red only now that the clerk tried to register without it. */
      gtk_widget_add_css_class (GTK_WIDGET (self->payer_row), "error");
      gil_label_set_optional (self->register_error, _("Choose how the patient pays."));
      gtk_widget_grab_focus (GTK_WIDGET (self->payer_row));
      return;
    }

  draft = gil_registration_page_new_visit_draft (self);
  gil_visit_draft_set_payer (draft, gil_registration_page_selected_payer (self));
  gil_visit_draft_set_confirmed (draft, self->confirmed);
  /* The room the clerk chose, or 0: the suggested room. */
  gil_visit_draft_set_room (draft, room_index > 0 && room_index - 1 < self->room_ids->len
                                   ? g_array_index (self->room_ids, gint64, room_index - 1) : 0);

  /* The loket ticket this desk called: the visit carries it. */
  g_set_object (&self->register_loket, gil_desk_loket_get_ticket (self->loket));
  if (self->register_loket != NULL)
    gil_visit_draft_set_loket_ticket (draft, gil_loket_ticket_get_id (self->register_loket));

  if (self->register_key == NULL)
    self->register_key = gil_connection_new_action_key ();
  self->registering = TRUE;
  gil_registration_page_update_register_enabled (self);
  gil_connection_register_visit_async (self->connection, draft, self->register_key,
                                       self->cancellable, on_registered_cb, self);
}

/* ── registrasi menyusul ────────────────────────────────────────────── */

static void
on_unidentified_done_cb (GilVisit *visit,
                         GError   *error,
                         gpointer  user_data)
{
  GilRegistrationPage *self = user_data;

  if (visit == NULL)
    {
      gil_label_set_optional (self->register_error, error->message);
      return;
    }
  g_set_object (&self->visit, visit);
  gil_label_set_optional (self->register_error, NULL);
  show_ticket (self);
}

static void
unidentified_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  gil_unidentified_dialog_present (GTK_WINDOW (gtk_widget_get_root (widget)), self->connection,
                                   self->cancellable, on_unidentified_done_cb, self);
}

/* The record completed or merged: the patient it is now. */
static void
on_identified_cb (GilPatient *patient,
                  GError     *error,
                  gpointer    user_data)
{
  GilRegistrationPage *self = user_data;

  if (patient == NULL)
    {
      gil_label_set_optional (self->register_error, error->message);
      return;
    }
  gil_registration_page_choose_patient (self, patient);
  gil_registration_page_show_patient_warning (self, patient);
}

static void
identify_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));

  if (self->patient == NULL || !gil_patient_get_unidentified (self->patient))
    return;
  if (g_str_equal (action_name, "registration.merge-patient"))
    gil_merge_dialog_present (parent, self->connection, self->patient, self->cancellable,
                              on_identified_cb, self);
  else
    gil_identify_dialog_present (parent, self->connection, self->patient, self->cancellable,
                                 on_identified_cb, self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->visit == NULL)
    return;
  gil_ticket_printer_print (GTK_WINDOW (root), self->connection, self->visit,
                            visit_room_name (self));
}

/* The actions of registering and of the ticket. */
void
gil_registration_page_class_init_visit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "registration.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "registration.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "registration.unidentified", NULL, unidentified_action);
  gtk_widget_class_install_action (widget_class, "registration.complete-identity", NULL, identify_action);
  gtk_widget_class_install_action (widget_class, "registration.merge-patient", NULL, identify_action);
}
