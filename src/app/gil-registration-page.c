/* gil-registration-page.c — the registration desk
 *
 * Find the patient (NIK, No. RM, BPJS number or name) or add a new one,
 * say why they came, see the suggested room and its reason update as the
 * fields change, and register: the ticket appears large and can be printed.
 * Everything works from the keyboard: Ctrl+F, type, Enter, Ctrl+Enter.
 *
 * This file holds the page itself: the visit's fields, the live
 * suggestion, and set-up. Finding or adding the patient is in
 * gil-registration-patient.c, registering and the ticket in
 * gil-registration-visit.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-registration-page-private.h"
#include "gil-terms.h"

#define ROUTING_DELAY_MS 150

G_DEFINE_FINAL_TYPE (GilRegistrationPage, gil_registration_page, ADW_TYPE_BIN)

gboolean
gil_registration_page_form_open (GilRegistrationPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->left_stack), "form") == 0;
}

/* While the new-patient form is open, Register would register the
 * patient chosen before it, not the one being typed: it waits until the
 * form is saved or cancelled. */
void
gil_registration_page_update_register_enabled (GilRegistrationPage *self)
{
  gboolean open = gil_registration_page_form_open (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registration.register",
                                 !open && !self->registering);
  gtk_widget_set_tooltip_text (self->register_button,
                               open ? _("Save or cancel the new patient first") : NULL);
}


static gint64
selected_purpose_index (GilRegistrationPage *self)
{
  return adw_combo_row_get_selected (self->purpose_row);
}

static const char *
selected_purpose (GilRegistrationPage *self)
{
  return gil_terms_purposes ()[selected_purpose_index (self)];
}

/* The payer row's item 0 is "not chosen"; the payers follow. */
const char *
gil_registration_page_selected_payer (GilRegistrationPage *self)
{
  guint index = adw_combo_row_get_selected (self->payer_row);

  if (index == 0 || index == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gil_terms_payers ()[index - 1];
}

/* BPJS when the patient has a BPJS number, otherwise nothing: the clerk
 * asks, and the report no longer says everyone came on BPJS. */
void
gil_registration_page_preselect_payer (GilRegistrationPage *self)
{
  const char * const *payers = gil_terms_payers ();
  const char *bpjs = NULL;
  guint index = 0;

  if (self->patient != NULL)
    bpjs = gil_patient_get_bpjs (self->patient);
  if (bpjs != NULL && *bpjs != '\0')
    for (guint i = 0; payers[i] != NULL; i++)
      if (g_strcmp0 (payers[i], "bpjs") == 0)
        index = i + 1;
  adw_combo_row_set_selected (self->payer_row, index);
}

/* Returns: (transfer full): the chosen patient's visit with the
 * purpose, pregnancy and signs the clerk chose */
GilVisitDraft *
gil_registration_page_new_visit_draft (GilRegistrationPage *self)
{
  const char * const *signs = gil_terms_signs ();
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  g_auto(GStrv) chosen_signs = NULL;
  GilVisitDraft *draft;

  g_assert (self->patient != NULL);

  draft = gil_visit_draft_new (gil_patient_get_id (self->patient));
  gil_visit_draft_set_purpose (draft, selected_purpose (self));
  gil_visit_draft_set_pregnant (draft, gtk_switch_get_active (self->pregnant_switch));
  for (guint i = 0; i < self->sign_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->sign_checks, i)))
      g_strv_builder_add (chosen, signs[i]);
  chosen_signs = g_strv_builder_end (chosen);
  gil_visit_draft_set_signs (draft, (const char * const *)chosen_signs);
  return draft;
}

/* ── routing, live ─────────────────────────────────────────────────── */

static void
on_routing_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(GilRoutingAdvice) routing = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  g_autofree char *title = NULL;

  routing = gil_connection_route_finish (GIL_CONNECTION (source), result, &error);
  if (routing == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->suggestion_row, error->message);
      return;
    }
  name = gil_routing_advice_get_room_name (routing);
  title = name != NULL ? g_strdup_printf (_("Suggested room: %s"), name)
                       : g_strdup (_("No room suggested; choose one"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), title);
  adw_action_row_set_subtitle (self->suggestion_row, gil_routing_advice_get_reason (routing));
}

static gboolean
run_routing_cb (gpointer user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(GilVisitDraft) draft = NULL;

  self->routing_id = 0;
  if (self->patient == NULL)
    return G_SOURCE_REMOVE;

  draft = gil_registration_page_new_visit_draft (self);
  g_cancellable_cancel (self->routing_cancellable);
  g_clear_object (&self->routing_cancellable);
  self->routing_cancellable = g_cancellable_new ();
  gil_connection_route_async (self->connection, draft, self->routing_cancellable,
                              on_routing_cb, self);
  return G_SOURCE_REMOVE;
}

void
gil_registration_page_queue_routing (GilRegistrationPage *self)
{
  /* Any change is a new registration: a new key for it, and anything
   * implausible in it to confirm again. */
  g_clear_pointer (&self->register_key, g_free);
  self->confirmed = FALSE;
  g_clear_handle_id (&self->routing_id, g_source_remove);
  self->routing_id = g_timeout_add (ROUTING_DELAY_MS, run_routing_cb, self);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
on_rooms_changed_cb (GilRegistrationPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *rooms = G_LIST_MODEL (self->rooms);

  g_array_set_size (self->room_ids, 0);
  gtk_string_list_append (names, _("The suggested room"));
  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (rooms, i);
      gint64 id = gil_room_item_get_id (room);

      if (!gil_room_item_get_active (room))
        continue;
      g_array_append_val (self->room_ids, id);
      gtk_string_list_append (names, gil_room_item_get_name (room));
    }
  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (names));
}

static void
on_payer_selected_cb (GilRegistrationPage *self)
{
  if (gil_registration_page_selected_payer (self) != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->payer_row), "error");
}

static void
fill_choices (GilRegistrationPage *self)
{
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) payers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sexes = gtk_string_list_new (NULL);
  const char * const *signs = gil_terms_signs ();

  for (const char * const *p = gil_terms_purposes (); *p != NULL; p++)
    gtk_string_list_append (purposes, gil_terms_purpose_label (*p));
  gtk_string_list_append (payers, _("Not chosen"));
  for (const char * const *p = gil_terms_payers (); *p != NULL; p++)
    gtk_string_list_append (payers, gil_terms_payer_label (*p));
  /* TRANSLATORS: the sex row before the clerk has chosen */
  gtk_string_list_append (sexes, _("Not chosen"));
  gtk_string_list_append (sexes, _("Female"));
  gtk_string_list_append (sexes, _("Male"));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (purposes));
  adw_combo_row_set_model (self->payer_row, G_LIST_MODEL (payers));
  adw_combo_row_set_model (self->sex_row, G_LIST_MODEL (sexes));

  for (guint i = 0; signs[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (gil_terms_sign_label (signs[i]));

      /* Named by the sign's code in the API ("cough-2-weeks"). */
      gtk_widget_set_name (check, signs[i]);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_top (check, 3);
      gtk_widget_set_margin_bottom (check, 3);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, gil_terms_sign_label (signs[i]),
                                      -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (gil_registration_page_queue_routing), self);
      g_ptr_array_add (self->sign_checks, check);
      gtk_flow_box_append (self->signs_box, check);
    }

  g_signal_connect_swapped (self->purpose_row, "notify::selected", G_CALLBACK (gil_registration_page_queue_routing), self);
  g_signal_connect_swapped (self->pregnant_switch, "notify::active", G_CALLBACK (gil_registration_page_queue_routing), self);
  g_signal_connect_swapped (self->payer_row, "notify::selected", G_CALLBACK (gil_registration_page_queue_routing), self);
  g_signal_connect_swapped (self->payer_row, "notify::selected", G_CALLBACK (on_payer_selected_cb), self);
  g_signal_connect_swapped (self->room_row, "notify::selected", G_CALLBACK (gil_registration_page_queue_routing), self);
}

/* F5 and F6, wherever the focus is on the page: the loket panel's. */
static void
loket_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  if (self->loket == NULL)
    return;
  if (g_str_equal (action_name, "registration.loket-call-next"))
    gil_desk_loket_call_next (self->loket);
  else
    gil_desk_loket_recall (self->loket);
}

static void
gil_registration_page_dispose (GObject *object)
{
  GilRegistrationPage *self = (GilRegistrationPage *)object;

  g_clear_handle_id (&self->routing_id, g_source_remove);
  self->loket = NULL;
  g_clear_pointer (&self->nik_autofill, gil_nik_autofill_free);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->routing_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_REGISTRATION_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search, gil_patient_search_free);
  g_clear_object (&self->routing_cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->context);
  g_clear_object (&self->rooms);
  g_clear_object (&self->patient);
  g_clear_object (&self->visit);
  g_clear_object (&self->register_loket);
  g_clear_pointer (&self->register_key, g_free);
  g_clear_pointer (&self->patient_key, g_free);
  g_clear_pointer (&self->sign_checks, g_ptr_array_unref);
  g_clear_pointer (&self->room_ids, g_array_unref);

  G_OBJECT_CLASS (gil_registration_page_parent_class)->dispose (object);
}

static void
gil_registration_page_class_init (GilRegistrationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_registration_page_dispose;

  g_type_ensure (GIL_TYPE_WARNING_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-registration-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GilRegistrationPage, name)
  BIND (search_entry);
  BIND (results_list);
  BIND (left_stack);
  BIND (name_row);
  BIND (nik_row);
  BIND (birth_row);
  BIND (sex_row);
  BIND (bpjs_row);
  BIND (address_row);
  BIND (phone_row);
  BIND (nik_note);
  BIND (form_error);
  BIND (warning_bar);
  BIND (identify_box);
  BIND (patient_label);
  BIND (patient_detail);
  BIND (purpose_row);
  BIND (payer_row);
  BIND (pregnant_switch);
  BIND (signs_box);
  BIND (suggestion_row);
  BIND (room_row);
  BIND (register_error);
  BIND (register_button);
  BIND (ticket_revealer);
  BIND (ticket_label);
  BIND (ticket_room_label);
  BIND (ticket_ahead_label);
  BIND (left_box);
#undef BIND
  gil_registration_page_class_init_patient (widget_class);
  gil_registration_page_class_init_visit (widget_class);
  gtk_widget_class_install_action (widget_class, "registration.loket-call-next", NULL, loket_action);
  gtk_widget_class_install_action (widget_class, "registration.loket-recall", NULL, loket_action);
}

static void
gil_registration_page_init (GilRegistrationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->search = gil_patient_search_new (self->results_list, NULL, NULL, NULL);
  self->sign_checks = g_ptr_array_new ();
  self->room_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fill_choices (self);
  self->nik_autofill = gil_nik_autofill_new (self->nik_row, self->birth_row, self->sex_row,
                                             SEX_FEMALE, SEX_MALE, self->nik_note);
  g_signal_connect_swapped (self->left_stack, "notify::visible-child",
                            G_CALLBACK (gil_registration_page_update_register_enabled), self);
}

GtkWidget *
gil_registration_page_new (GilContext *context)
{
  GilConnection *connection;
  GilRoomList *rooms;
  GilRegistrationPage *self;

  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  connection = gil_context_get_connection (context);
  rooms = gil_context_get_rooms (context);

  self = g_object_new (GIL_TYPE_REGISTRATION_PAGE, NULL);
  self->context = g_object_ref (context);
  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  g_signal_connect_object (rooms, "items-changed", G_CALLBACK (on_rooms_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_rooms_changed_cb (self);
  self->loket = GIL_DESK_LOKET (gil_desk_loket_new (context));
  gtk_box_prepend (self->left_box, GTK_WIDGET (self->loket));
  self->desk_visits = GIL_DESK_VISITS (gil_desk_visits_new (connection, rooms));
  gtk_stack_add_named (self->left_stack, GTK_WIDGET (self->desk_visits), "visits");
  return GTK_WIDGET (self);
}

/**
 * gil_registration_page_get_ticket:
 *
 * Returns: (nullable): the ticket label of the last registered visit
 */
const char *
gil_registration_page_get_ticket (GilRegistrationPage *self)
{
  g_return_val_if_fail (GIL_IS_REGISTRATION_PAGE (self), NULL);

  return self->visit != NULL ? gil_visit_get_ticket (self->visit) : NULL;
}
