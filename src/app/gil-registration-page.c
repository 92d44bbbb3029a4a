/* gil-registration-page.c — the registration desk
 *
 * Find the patient (NIK, No. RM, BPJS number or name) or add a new one,
 * say why they came, see the suggested room and its reason update as the
 * fields change, and register: the ticket appears large and can be printed.
 * Everything works from the keyboard: Ctrl+F, type, Enter, Ctrl+Enter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-desk-visits.h"
#include "gil-nik-autofill.h"
#include "gil-registration-page.h"
#include "gil-terms.h"
#include "gil-ticket-printer.h"
#include "gil-unidentified-dialog.h"
#include "gil-warning-bar.h"

#define TRIAGE_DELAY_MS 150

/* The sex row's items: nothing chosen until the clerk chooses. */
enum
{
  SEX_NONE,
  SEX_FEMALE,
  SEX_MALE,
};

struct _GilRegistrationPage
{
  AdwBin          parent_instance;

  GilConnection  *connection;
  GilRoomList    *rooms;
  GCancellable   *search_cancellable;
  GCancellable   *triage_cancellable;
  GCancellable   *cancellable;
  JsonObject     *patient;        /* the chosen patient */
  JsonObject     *visit;          /* the last registered visit */
  char           *register_key;   /* one Idempotency-Key per registration */
  char           *patient_key;
  GPtrArray      *results;        /* element-type JsonObject */
  GPtrArray      *sign_checks;    /* element-type GtkCheckButton */
  GArray         *room_ids;       /* gint64, parallel to room_row's model after item 0 */
  guint           triage_id;
  gboolean        registering;    /* a registration is under way */
  gboolean        confirmed;      /* the clerk confirmed what looked implausible */
  GilNikAutofill *nik_autofill;

  GtkSearchEntry *search_entry;
  GtkListBox     *results_list;
  GtkStack       *left_stack;
  AdwEntryRow    *name_row;
  AdwEntryRow    *nik_row;
  AdwEntryRow    *birth_row;
  AdwComboRow    *sex_row;
  AdwEntryRow    *bpjs_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *phone_row;
  GtkLabel       *nik_note;
  GtkLabel       *form_error;
  GilWarningBar  *warning_bar;
  GtkWidget      *identify_box;
  GtkLabel       *patient_label;
  GtkLabel       *patient_detail;
  AdwComboRow    *purpose_row;
  AdwComboRow    *payer_row;
  GtkSwitch      *pregnant_switch;
  GtkFlowBox     *signs_box;
  AdwActionRow   *suggestion_row;
  AdwComboRow    *room_row;
  GtkLabel       *register_error;
  GtkWidget      *register_button;
  GtkRevealer    *ticket_revealer;
  GtkLabel       *ticket_label;
  GtkLabel       *ticket_room_label;
  GtkLabel       *ticket_ahead_label;
  GilDeskVisits  *desk_visits;    /* the left column's "visits" page */
};

G_DEFINE_FINAL_TYPE (GilRegistrationPage, gil_registration_page, ADW_TYPE_BIN)

static void
set_error (GtkLabel   *label,
           const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static gboolean
form_open (GilRegistrationPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->left_stack), "form") == 0;
}

/* While the new-patient form is open, Register would register the
 * patient chosen before it, not the one being typed: it waits until the
 * form is saved or cancelled. */
static void
update_register_enabled (GilRegistrationPage *self)
{
  gboolean open = form_open (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "registration.register",
                                 !open && !self->registering);
  gtk_widget_set_tooltip_text (self->register_button,
                               open ? _("Save or cancel the new patient first") : NULL);
}

/* "1959-03-10" → "10-03-1959" */
static char *
format_date (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
}

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
static const char *
selected_payer (GilRegistrationPage *self)
{
  guint index = adw_combo_row_get_selected (self->payer_row);

  if (index == 0 || index == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gil_terms_payers ()[index - 1];
}

/* BPJS when the patient has a BPJS number, otherwise nothing: the clerk
 * asks, and the report no longer says everyone came on BPJS. */
static void
preselect_payer (GilRegistrationPage *self)
{
  const char * const *payers = gil_terms_payers ();
  const char *bpjs = NULL;
  guint index = 0;

  if (self->patient != NULL)
    bpjs = json_object_get_string_member_with_default (self->patient, "bpjs", NULL);
  if (bpjs != NULL && *bpjs != '\0')
    for (guint i = 0; payers[i] != NULL; i++)
      if (g_strcmp0 (payers[i], "bpjs") == 0)
        index = i + 1;
  adw_combo_row_set_selected (self->payer_row, index);
}

static void
add_visit_fields (GilRegistrationPage *self,
                  JsonBuilder         *builder)
{
  const char * const *signs = gil_terms_signs ();

  json_builder_set_member_name (builder, "purpose");
  json_builder_add_string_value (builder, selected_purpose (self));
  json_builder_set_member_name (builder, "pregnant");
  json_builder_add_boolean_value (builder, gtk_switch_get_active (self->pregnant_switch));
  json_builder_set_member_name (builder, "signs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->sign_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->sign_checks, i)))
      json_builder_add_string_value (builder, signs[i]);
  json_builder_end_array (builder);
}

/* ── triage, live ──────────────────────────────────────────────────── */

static void
on_triage_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *name;
  g_autofree char *title = NULL;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (reply == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->suggestion_row, error->message);
      return;
    }
  object = json_node_get_object (reply);
  name = json_object_get_string_member_with_default (object, "room_name", NULL);
  title = name != NULL ? g_strdup_printf (_("Suggested room: %s"), name)
                       : g_strdup (_("No room suggested; choose one"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), title);
  adw_action_row_set_subtitle (self->suggestion_row, json_object_get_string_member (object, "reason"));
}

static gboolean
run_triage_cb (gpointer user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  self->triage_id = 0;
  if (self->patient == NULL)
    return G_SOURCE_REMOVE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, json_object_get_int_member (self->patient, "id"));
  add_visit_fields (self, builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  g_cancellable_cancel (self->triage_cancellable);
  g_clear_object (&self->triage_cancellable);
  self->triage_cancellable = g_cancellable_new ();
  gil_connection_request_async (self->connection, "POST", "/api/v1/triage", body, NULL,
                                self->triage_cancellable, on_triage_cb, self);
  return G_SOURCE_REMOVE;
}

static void
queue_triage (GilRegistrationPage *self)
{
  /* Any change is a new registration: a new key for it, and anything
   * implausible in it to confirm again. */
  g_clear_pointer (&self->register_key, g_free);
  self->confirmed = FALSE;
  g_clear_handle_id (&self->triage_id, g_source_remove);
  self->triage_id = g_timeout_add (TRIAGE_DELAY_MS, run_triage_cb, self);
}

/* ── choosing a patient ────────────────────────────────────────────── */

static void
choose_patient (GilRegistrationPage *self,
                JsonObject          *patient)
{
  g_autofree char *birth = NULL;
  g_autofree char *detail = NULL;
  const char *nik;

  g_clear_pointer (&self->patient, json_object_unref);
  self->patient = json_object_ref (patient);
  birth = format_date (json_object_get_string_member (patient, "birth_date"));
  nik = json_object_get_string_member_with_default (patient, "nik", NULL);
  gtk_label_set_text (self->patient_label, json_object_get_string_member (patient, "name"));
  /* TRANSLATORS: No. RM, birth date, sex, NIK of the chosen patient */
  detail = g_strdup_printf (_("No. RM %s · born %s · %s · NIK %s"),
                            json_object_get_string_member (patient, "rm"), birth,
                            g_strcmp0 (json_object_get_string_member (patient, "sex"), "F") == 0
                            ? _("female") : _("male"),
                            nik != NULL ? nik : "–");
  gtk_label_set_text (self->patient_detail, detail);
  gtk_switch_set_active (self->pregnant_switch, FALSE);
  preselect_payer (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pregnant_switch),
                            g_strcmp0 (json_object_get_string_member (patient, "sex"), "F") == 0);
  gtk_widget_set_visible (self->identify_box,
                          json_object_get_boolean_member_with_default (patient, "unidentified", FALSE));
  gtk_widget_remove_css_class (GTK_WIDGET (self->payer_row), "error");
  set_error (self->register_error, NULL);
  gtk_revealer_set_reveal_child (self->ticket_revealer, FALSE);
  queue_triage (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));
}

/* The manager's warning about a patient it just saved stays on show,
 * whatever is chosen next, until the clerk acknowledges it. */
static void
show_patient_warning (GilRegistrationPage *self,
                      JsonObject          *patient)
{
  const char *warning = json_object_get_string_member_with_default (patient, "warning", NULL);
  g_autofree char *text = NULL;

  if (warning == NULL)
    return;
  /* TRANSLATORS: a patient's name, and what is wrong with the record */
  text = g_strdup_printf (_("%s: %s"), json_object_get_string_member (patient, "name"), warning);
  gil_warning_bar_show (self->warning_bar, text);
  gil_warning_bar_focus (self->warning_bar);
}

static void
on_warning_acknowledged_cb (GilRegistrationPage *self)
{
  set_error (self->register_error, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->purpose_row));
}

static GtkWidget *
result_row (JsonObject *patient)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *birth = format_date (json_object_get_string_member (patient, "birth_date"));
  const char *nik = json_object_get_string_member_with_default (patient, "nik", NULL);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (_("No. RM %s · born %s%s%s"),
                              json_object_get_string_member (patient, "rm"), birth,
                              nik != NULL ? " · NIK " : "", nik != NULL ? nik : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (patient, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static void
on_search_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *patients;
  GtkWidget *child;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (reply == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_ptr_array_set_size (self->results, 0);

  patients = json_node_get_array (reply);
  for (guint i = 0; i < json_array_get_length (patients); i++)
    {
      JsonObject *patient = json_array_get_object_element (patients, i);

      g_ptr_array_add (self->results, json_object_ref (patient));
      gtk_list_box_append (self->results_list, result_row (patient));
    }
}

static void
on_search_changed_cb (GilRegistrationPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *escaped = g_uri_escape_string (text, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/api/v1/patients?limit=20&q=", escaped, NULL);

  gtk_stack_set_visible_child_name (self->left_stack, "results");
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  gil_connection_request_async (self->connection, "GET", path, NULL, NULL,
                                self->search_cancellable, on_search_cb, self);
}

static void
on_search_activate_cb (GilRegistrationPage *self)
{
  if (self->results->len >= 1)
    choose_patient (self, g_ptr_array_index (self->results, 0));
}

static void
on_result_activated_cb (GilRegistrationPage *self,
                        GtkListBoxRow       *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint)index < self->results->len)
    choose_patient (self, g_ptr_array_index (self->results, index));
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
  set_error (self->form_error, NULL);
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

static void
add_optional (JsonBuilder *builder,
              const char  *member,
              AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
on_patient_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  AdwEntryRow *culprit = NULL;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (reply == NULL)
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
      set_error (self->form_error, error->message);
      if (!g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK))
        g_clear_pointer (&self->patient_key, g_free);
      return;
    }

  g_clear_pointer (&self->patient_key, g_free);
  gtk_stack_set_visible_child_name (self->left_stack, "results");
  clear_form (self);
  choose_patient (self, json_node_get_object (reply));
  show_patient_warning (self, json_node_get_object (reply));
}

static void
on_save_patient_cb (GilRegistrationPage *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
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
      set_error (self->form_error, _("The birth date must be a real date written DD-MM-YYYY"));
      gtk_widget_grab_focus (GTK_WIDGET (self->birth_row));
      return;
    }
  if (sex != SEX_FEMALE && sex != SEX_MALE)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->sex_row), "error");
      set_error (self->form_error, _("Choose the patient's sex."));
      gtk_widget_grab_focus (GTK_WIDGET (self->sex_row));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  json_builder_set_member_name (builder, "birth_date");
  json_builder_add_string_value (builder, birth);
  json_builder_set_member_name (builder, "sex");
  json_builder_add_string_value (builder, sex == SEX_FEMALE ? "F" : "M");
  add_optional (builder, "nik", self->nik_row);
  add_optional (builder, "bpjs", self->bpjs_row);
  add_optional (builder, "address", self->address_row);
  add_optional (builder, "phone", self->phone_row);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  if (self->patient_key == NULL)
    self->patient_key = gil_connection_new_action_key ();
  gil_connection_request_async (self->connection, "POST", "/api/v1/patients", body,
                                self->patient_key, self->cancellable, on_patient_saved_cb, self);
}

static void
new_patient_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);

  if (!form_open (self))
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

/* ── registering ───────────────────────────────────────────────────── */

static const char *
room_name (GilRegistrationPage *self,
           gint64               id)
{
  GilRoomItem *room = gil_room_list_find (self->rooms, id);

  return room != NULL ? gil_room_item_get_name (room) : "";
}

static void
show_ticket (GilRegistrationPage *self)
{
  JsonArray *stops = json_object_get_array_member (self->visit, "stops");
  JsonObject *stop = json_array_get_object_element (stops, 0);
  gint64 position = json_object_get_null_member (stop, "position")
                    ? 0 : json_object_get_int_member (stop, "position");
  g_autofree char *ahead = NULL;

  gtk_label_set_text (self->ticket_label, json_object_get_string_member (self->visit, "ticket"));
  gtk_label_set_text (self->ticket_room_label, room_name (self, json_object_get_int_member (self->visit, "room")));
  if (position > 1)
    ahead = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person ahead", "%d people ahead",
                                          position - 1),
                             (int)(position - 1));
  else
    ahead = g_strdup (_("Nobody ahead"));
  gtk_label_set_text (self->ticket_ahead_label, ahead);
  gtk_revealer_set_reveal_child (self->ticket_revealer, TRUE);
}

static void
reset_for_next (GilRegistrationPage *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->patient, json_object_unref);
  gtk_label_set_text (self->patient_label, _("No patient chosen"));
  gtk_label_set_text (self->patient_detail, _("Find the patient on the left, or add a new one."));
  adw_combo_row_set_selected (self->purpose_row, 0);
  preselect_payer (self);
  adw_combo_row_set_selected (self->room_row, 0);
  gtk_widget_set_visible (self->identify_box, FALSE);
  gtk_switch_set_active (self->pregnant_switch, FALSE);
  for (guint i = 0; i < self->sign_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->sign_checks, i), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->suggestion_row), _("Suggested room"));
  adw_action_row_set_subtitle (self->suggestion_row, _("Choose a patient to see the suggestion"));
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_ptr_array_set_size (self->results, 0);
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

static void
on_registered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GilRegistrationPage *self = user_data;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  self->registering = FALSE;
  update_register_enabled (self);
  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_error (self->register_error, error->message);
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
  g_clear_pointer (&self->visit, json_object_unref);
  self->visit = json_object_ref (json_node_get_object (reply));
  set_error (self->register_error, NULL);
  show_ticket (self);
  reset_for_next (self);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  guint room_index = adw_combo_row_get_selected (self->room_row);

  if (form_open (self))
    return;
  if (self->patient == NULL)
    {
      set_error (self->register_error, _("Choose a patient first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  if (gil_warning_bar_get_text (self->warning_bar) != NULL)
    {
      set_error (self->register_error, _("Read the warning about the patient first and press “Understood”."));
      gil_warning_bar_focus (self->warning_bar);
      return;
    }
  if (selected_payer (self) == NULL)
    {
      /* Red only now that the clerk tried to register without it. */
      gtk_widget_add_css_class (GTK_WIDGET (self->payer_row), "error");
      set_error (self->register_error, _("Choose how the patient pays."));
      gtk_widget_grab_focus (GTK_WIDGET (self->payer_row));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "patient_id");
  json_builder_add_int_value (builder, json_object_get_int_member (self->patient, "id"));
  add_visit_fields (self, builder);
  json_builder_set_member_name (builder, "payer");
  json_builder_add_string_value (builder, selected_payer (self));
  json_builder_set_member_name (builder, "confirmed");
  json_builder_add_boolean_value (builder, self->confirmed);
  json_builder_set_member_name (builder, "room");
  if (room_index > 0 && room_index - 1 < self->room_ids->len)
    json_builder_add_int_value (builder, g_array_index (self->room_ids, gint64, room_index - 1));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  if (self->register_key == NULL)
    self->register_key = gil_connection_new_action_key ();
  self->registering = TRUE;
  update_register_enabled (self);
  gil_connection_request_async (self->connection, "POST", "/api/v1/visits", body,
                                self->register_key, self->cancellable, on_registered_cb, self);
}

/* ── registrasi menyusul ────────────────────────────────────────────── */

static void
on_unidentified_done_cb (JsonObject *visit,
                         GError     *error,
                         gpointer    user_data)
{
  GilRegistrationPage *self = user_data;

  if (visit == NULL)
    {
      set_error (self->register_error, error->message);
      return;
    }
  g_clear_pointer (&self->visit, json_object_unref);
  self->visit = json_object_ref (visit);
  set_error (self->register_error, NULL);
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
on_identified_cb (JsonObject *patient,
                  GError     *error,
                  gpointer    user_data)
{
  GilRegistrationPage *self = user_data;

  if (patient == NULL)
    {
      set_error (self->register_error, error->message);
      return;
    }
  choose_patient (self, patient);
  show_patient_warning (self, patient);
}

static void
identify_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRegistrationPage *self = GIL_REGISTRATION_PAGE (widget);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (widget));

  if (self->patient == NULL ||
      !json_object_get_boolean_member_with_default (self->patient, "unidentified", FALSE))
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
                            room_name (self, json_object_get_int_member (self->visit, "room")));
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
  if (selected_payer (self) != NULL)
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
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (queue_triage), self);
      g_ptr_array_add (self->sign_checks, check);
      gtk_flow_box_append (self->signs_box, check);
    }

  g_signal_connect_swapped (self->purpose_row, "notify::selected", G_CALLBACK (queue_triage), self);
  g_signal_connect_swapped (self->pregnant_switch, "notify::active", G_CALLBACK (queue_triage), self);
  g_signal_connect_swapped (self->payer_row, "notify::selected", G_CALLBACK (queue_triage), self);
  g_signal_connect_swapped (self->payer_row, "notify::selected", G_CALLBACK (on_payer_selected_cb), self);
  g_signal_connect_swapped (self->room_row, "notify::selected", G_CALLBACK (queue_triage), self);
}

static void
gil_registration_page_dispose (GObject *object)
{
  GilRegistrationPage *self = (GilRegistrationPage *)object;

  g_clear_handle_id (&self->triage_id, g_source_remove);
  g_clear_pointer (&self->nik_autofill, gil_nik_autofill_free);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->triage_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_REGISTRATION_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->triage_cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->rooms);
  g_clear_pointer (&self->patient, json_object_unref);
  g_clear_pointer (&self->visit, json_object_unref);
  g_clear_pointer (&self->register_key, g_free);
  g_clear_pointer (&self->patient_key, g_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
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
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_patient_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_warning_acknowledged_cb);

  gtk_widget_class_install_action (widget_class, "registration.new-patient", NULL, new_patient_action);
  gtk_widget_class_install_action (widget_class, "registration.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "registration.cancel-patient", NULL, cancel_patient_action);
  gtk_widget_class_install_action (widget_class, "registration.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "registration.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "registration.today-visits", NULL, today_visits_action);
  gtk_widget_class_install_action (widget_class, "registration.unidentified", NULL, unidentified_action);
  gtk_widget_class_install_action (widget_class, "registration.complete-identity", NULL, identify_action);
  gtk_widget_class_install_action (widget_class, "registration.merge-patient", NULL, identify_action);
}

static void
gil_registration_page_init (GilRegistrationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify)json_object_unref);
  self->sign_checks = g_ptr_array_new ();
  self->room_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  fill_choices (self);
  self->nik_autofill = gil_nik_autofill_new (self->nik_row, self->birth_row, self->sex_row,
                                             SEX_FEMALE, SEX_MALE, self->nik_note);
  g_signal_connect_swapped (self->left_stack, "notify::visible-child",
                            G_CALLBACK (update_register_enabled), self);
}

GtkWidget *
gil_registration_page_new (GilConnection *connection,
                           GilRoomList   *rooms)
{
  GilRegistrationPage *self;

  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (GIL_IS_ROOM_LIST (rooms), NULL);

  self = g_object_new (GIL_TYPE_REGISTRATION_PAGE, NULL);
  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  g_signal_connect_object (rooms, "items-changed", G_CALLBACK (on_rooms_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_rooms_changed_cb (self);
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

  return self->visit != NULL ? json_object_get_string_member (self->visit, "ticket") : NULL;
}
