/* gil-desk-visits.c — the desk's list of today's visits, to correct them
 *
 * Each visit the desks registered today (GET /visits), newest first, with
 * its ticket, patient, room and state. Opening one offers what a desk may
 * correct: the patient's details (PATCH /patients/{id}), cancelling the
 * visit before its service (POST /visits/{id}/cancel, with the reason
 * asked for), and, while the patient still waits for the first room,
 * moving it to another room (POST /visits/{id}/reroute). The list follows
 * the event stream, so a call in a room shows here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-visits.h"
#include "gil-desk-visits.h"
#include "gil-dialog.h"
#include "gil-label.h"
#include "gil-patient-editor.h"
#include "gil-terms.h"
#include "gil-ticket-printer.h"

/* The API's bound on a reason (GIL_QUEUE_REASON_MAX in the core). */
#define REASON_MAX 200

struct _GilDeskVisits
{
  AdwBin         parent_instance;

  GilConnection *connection;
  GilRoomList   *rooms;
  GCancellable  *cancellable;
  GPtrArray     *visits;      /* element-type GilVisit, as listed and shown */
  gboolean       redraw;      /* show the next list even if the same */
  gboolean       loading;
  gboolean       stale;       /* load again once this load is done */

  GtkListBox    *visits_list;
  GtkLabel      *status_label;
  GtkLabel      *error_label;
  GtkWidget     *empty_label;
};

G_DEFINE_FINAL_TYPE (GilDeskVisits, gil_desk_visits, ADW_TYPE_BIN)

static void start_load (GilDeskVisits *self);

static void
show_result (GilDeskVisits *self,
             const char    *status,
             const char    *error)
{
  gil_label_set_optional (self->status_label, status);
  gil_label_set_optional (self->error_label, error);
}

static GilVisit *
find_visit (GilDeskVisits *self,
            gint64         id)
{
  for (guint i = 0; i < self->visits->len; i++)
    {
      GilVisit *visit = g_ptr_array_index (self->visits, i);

      if (gil_visit_get_id (visit) == id)
        return visit;
    }
  return NULL;
}

/* The name of room @id; empty while the rooms are not known yet. */
static const char *
room_name (GilDeskVisits *self,
           gint64         id)
{
  const char *name = gil_room_list_get_name (self->rooms, id);

  return name != NULL ? name : "";
}

static GilStopStatus
stop_status (GilStopItem *stop)
{
  return stop != NULL ? gil_stop_item_get_status (stop) : GIL_STOP_WAITING;
}

/* As the manager allows it: before any service (gil-queue-desk.c). */
static gboolean
can_cancel (GilVisit *visit)
{
  gboolean open = FALSE;

  if (gil_visit_is_cancelled (visit))
    return FALSE;
  for (guint i = 0; i < gil_visit_get_n_stops (visit); i++)
    {
      GilStopStatus status = stop_status (gil_visit_get_stop (visit, i));

      if (status == GIL_STOP_SERVING || status == GIL_STOP_DONE)
        return FALSE;
      open = open || status == GIL_STOP_WAITING || status == GIL_STOP_CALLED || status == GIL_STOP_SKIPPED;
    }
  return open;
}

static gboolean
can_reroute (GilVisit *visit)
{
  return !gil_visit_is_cancelled (visit) && gil_visit_get_n_stops (visit) == 1 &&
         stop_status (gil_visit_get_stop (visit, 0)) == GIL_STOP_WAITING;
}

/* A ticket again (after a move, or a lost one) while the patient waits
 * or is called. */
static gboolean
can_print (GilVisit *visit)
{
  GilStopStatus status = stop_status (gil_visit_get_last_stop (visit));

  return !gil_visit_is_cancelled (visit) && (status == GIL_STOP_WAITING || status == GIL_STOP_CALLED);
}

/* ── the list ──────────────────────────────────────────────────────── */

static GtkWidget *
action_row (const char *title,
            const char *icon,
            const char *action,
            gint64      visit,
            gboolean    enabled)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  /* An action sets its widgets' sensitivity itself: a correction the
   * visit does not allow gets none. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), enabled);
  if (enabled)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (visit));
    }
  gtk_widget_set_sensitive (row, enabled);
  return row;
}

static GtkWidget *
visit_row (GilDeskVisits *self,
           GilVisit      *visit)
{
  GilStopItem *last = gil_visit_get_last_stop (visit);
  gint64 id = gil_visit_get_id (visit);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *outcome = gil_outcome_describe (gil_visit_get_outcome (visit),
                                                   gil_visit_get_referred_to (visit));
  GtkWidget *row = adw_expander_row_new ();

  title = g_strdup_printf ("%s · %s", gil_visit_get_ticket (visit),
                           gil_patient_get_name (gil_visit_get_patient (visit)));
  if (gil_visit_is_cancelled (visit))
    /* TRANSLATORS: a visit's room, then why the desk cancelled it */
    subtitle = g_strdup_printf (_("%s · Cancelled: %s"),
                                room_name (self, gil_visit_get_room (visit)),
                                gil_visit_get_cancel_reason (visit));
  else
    /* A finished visit says how it ended ("Dirujuk ke RSUD …"), as the
     * room recorded it. */
    subtitle = g_strdup_printf ("%s · %s",
                                room_name (self, last != NULL ? gil_stop_item_get_room (last) : 0),
                                outcome != NULL ? outcome : gil_stop_status_label (stop_status (last)));
  /* The loket number the patient took before the desk, if any. */
  if (gil_visit_get_loket_ticket (visit) != NULL)
    {
      char *with_loket;

      /* TRANSLATORS: a visit's room and state, then its loket number */
      with_loket = g_strdup_printf (_("%s · Loket number %s"), subtitle,
                                    gil_visit_get_loket_ticket (visit));
      g_free (subtitle);
      subtitle = with_loket;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Print Ticket"), "printer-symbolic",
                                        "desk.print-ticket", id, can_print (visit)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Edit Patient Details"), "document-edit-symbolic",
                                        "desk.edit-patient", id, TRUE));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Move to Another Room"), "go-next-symbolic",
                                        "desk.reroute-visit", id, can_reroute (visit)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            action_row (_("Cancel Visit"), "edit-delete-symbolic",
                                        "desk.cancel-visit", id, can_cancel (visit)));
  return row;
}

/* Whether the manager said the same of each visit as the list shows. */
static gboolean
same_visits (GPtrArray *shown,
             GPtrArray *visits)
{
  if (shown->len != visits->len)
    return FALSE;
  for (guint i = 0; i < visits->len; i++)
    if (!gil_visit_equal (g_ptr_array_index (shown, i), g_ptr_array_index (visits, i)))
      return FALSE;
  return TRUE;
}

/* Fills the list again, keeping open the visits that were open. */
static void
apply_visits (GilDeskVisits *self,
              GPtrArray     *visits)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->visits_list))) != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (child) && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
        {
          char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));

          g_ptr_array_add (titles, title);
          g_hash_table_add (expanded, title);
        }
      gtk_list_box_remove (self->visits_list, child);
    }
  g_ptr_array_set_size (self->visits, 0);

  for (guint i = 0; i < visits->len; i++)
    {
      GilVisit *visit = g_ptr_array_index (visits, i);
      GtkWidget *row = visit_row (self, visit);

      g_ptr_array_add (self->visits, g_object_ref (visit));
      if (g_hash_table_contains (expanded, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_list_box_append (self->visits_list, row);
    }
  gtk_widget_set_visible (self->empty_label, self->visits->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->visits_list), self->visits->len > 0);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  GilDeskVisits *self;

  visits = gil_connection_list_visits_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  self->loading = FALSE;
  if (visits != NULL)
    {
      /* The rows are made anew only when something changed: an open row
       * and the focus in it stay while other rooms call patients. */
      if (self->redraw || !same_visits (self->visits, visits))
        {
          self->redraw = FALSE;
          apply_visits (self, visits);
        }
    }
  else
    g_debug ("cannot list today's visits: %s", error->message);
  if (self->stale)
    start_load (self);
}

static void
start_load (GilDeskVisits *self)
{
  if (self->connection == NULL)
    return;
  self->stale = FALSE;
  self->loading = TRUE;
  gil_connection_list_visits_async (self->connection, self->cancellable, on_loaded_cb, self);
}

/**
 * gil_desk_visits_reload:
 *
 * Lists today's visits again; while a load is under way, once more after it.
 */
void
gil_desk_visits_reload (GilDeskVisits *self)
{
  g_return_if_fail (GIL_IS_DESK_VISITS (self));

  if (self->loading)
    self->stale = TRUE;
  else
    start_load (self);
}

static void
on_connection_event_cb (GilConnection *connection,
                        gpointer       event,
                        GilDeskVisits *self)
{
  /* The signal's detail is the event's type: the list needs no more. */
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (connection);
  const char *type = hint->detail != 0 ? g_quark_to_string (hint->detail) : "";

  /* Hidden, it loads again when shown (on_map_cb): a busy day's events
   * need not each fetch the day's visits. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_str_has_prefix (type, "stop.") || g_str_equal (type, "visit.registered") ||
      g_str_equal (type, "day.started"))
    gil_desk_visits_reload (self);
}

static void
on_rooms_changed_cb (GilDeskVisits *self)
{
  self->redraw = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gil_desk_visits_reload (self);
}

static void
on_map_cb (GilDeskVisits *self,
           gpointer       unused)
{
  gil_desk_visits_reload (self);
}

/* ── corrections ───────────────────────────────────────────────────── */

/* What went wrong, as the clerk can act on it. */
static const char *
explain (const GError *error,
         gboolean      moving)
{
  if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_ALREADY_CANCELLED))
    return _("This visit was cancelled already.");
  if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_TRANSITION))
    return moving ? _("The patient has been called already: only a patient still waiting can be moved. "
                      "Ask the room to send the patient on.")
                  : _("The patient is being served or was served already: the visit can no longer be cancelled.");
  if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_ROOM_INACTIVE))
    return _("That room is not active now; choose another.");
  if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK))
    return _("The queue server cannot be reached; try again.");
  return error->message;
}

typedef struct
{
  GilDeskVisits *self;
  char          *ticket;
  gboolean       moving;
} Correction;

static void
correction_free (Correction *correction)
{
  g_object_unref (correction->self);
  g_free (correction->ticket);
  g_free (correction);
}

static void
on_corrected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Correction *correction = user_data;
  GilDeskVisits *self = correction->self;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  visit = gil_connection_correct_visit_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;
  else if (visit == NULL)
    show_result (self, NULL, explain (error, correction->moving));
  else
    {
      if (correction->moving)
        message = g_strdup_printf (_("%s moved to %s; the new ticket number is %s."), correction->ticket,
                                   room_name (self, gil_visit_get_room (visit)),
                                   gil_visit_get_ticket (visit));
      else
        message = g_strdup_printf (_("The visit of %s was cancelled."), correction->ticket);
      show_result (self, message, NULL);
      gil_desk_visits_reload (self);
    }
  correction_free (correction);
}

/* Cancels @visit (@room 0) or moves it to @room, for @reason: what the
 * clerk typed, trimmed; none when blank. */
static void
send_correction (GilDeskVisits *self,
                 GilVisit      *visit,
                 gint64         room,
                 GtkEditable   *reason)
{
  Correction *correction = g_new0 (Correction, 1);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));
  const char *why = *text != '\0' ? text : NULL;

  correction->self = g_object_ref (self);
  correction->ticket = g_strdup (gil_visit_get_ticket (visit));
  correction->moving = room != 0;
  show_result (self, NULL, NULL);
  if (correction->moving)
    gil_connection_reroute_visit_async (self->connection, gil_visit_get_id (visit), room, why, NULL,
                                        self->cancellable, on_corrected_cb, correction);
  else
    gil_connection_cancel_visit_async (self->connection, gil_visit_get_id (visit), why, NULL,
                                       self->cancellable, on_corrected_cb, correction);
}

static GtkWidget *
reason_entry (const char *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_max_length (GTK_ENTRY (entry), REASON_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, "reason");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  return entry;
}

/* A reason is needed to cancel: the confirm button waits for one. */
static void
on_cancel_reason_changed_cb (GtkEditable      *entry,
                             AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-visit", *text != '\0');
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GilDeskVisits    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "gil-reason");
  GilVisit *visit = find_visit (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "gil-visit")));

  if (!g_str_equal (response, "cancel-visit") || visit == NULL)
    return;
  send_correction (self, visit, 0, entry);
}

static void
ask_cancel (GilDeskVisits *self,
            GilVisit      *visit)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  heading = g_strdup_printf (_("Cancel Visit %s?"), gil_visit_get_ticket (visit));
  body = g_strdup_printf (_("%s leaves every queue, and the visit counts as cancelled in the daily report. "
                            "Write down why."),
                          gil_patient_get_name (gil_visit_get_patient (visit)));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  entry = reason_entry (_("Reason, e.g. registered twice"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Visit"),
                          "cancel-visit", _("_Cancel Visit"), ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-visit", FALSE);
  g_object_set_data (G_OBJECT (dialog), "gil-reason", entry);
  g_object_set_data (G_OBJECT (dialog), "gil-visit", GSIZE_TO_POINTER ((gsize)gil_visit_get_id (visit)));
  g_signal_connect (entry, "changed", G_CALLBACK (on_cancel_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_reroute_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GilDeskVisits    *self)
{
  GtkDropDown *rooms = g_object_get_data (G_OBJECT (dialog), "gil-rooms");
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "gil-room-ids");
  GilVisit *visit = find_visit (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "gil-visit")));
  guint chosen = gtk_drop_down_get_selected (rooms);

  if (!g_str_equal (response, "move") || visit == NULL || chosen >= ids->len)
    return;
  send_correction (self, visit, g_array_index (ids, gint64, chosen),
                   g_object_get_data (G_OBJECT (dialog), "gil-reason"));
}

static void
ask_reroute (GilDeskVisits *self,
             GilVisit      *visit)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *rooms = G_LIST_MODEL (self->rooms);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *dropdown;
  GtkWidget *entry;
  gint64 current = gil_visit_get_room (visit);

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (rooms, i);
      gint64 id = gil_room_item_get_id (room);

      if (id == current || !gil_room_item_get_active (room))
        continue;
      g_array_append_val (ids, id);
      gtk_string_list_append (names, gil_room_item_get_name (room));
    }

  heading = g_strdup_printf (_("Move %s to Another Room"), gil_visit_get_ticket (visit));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("The patient keeps their place by time of arrival in the chosen room's "
                                     "queue, with a new ticket number of that room. Print the new ticket."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Room"), -1);
  gtk_widget_set_name (dropdown, "room");
  gtk_box_append (GTK_BOX (box), dropdown);
  entry = reason_entry (_("Reason (optional)"));
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "close", _("_Cancel"), "move", _("_Move"),
                          ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "move", ids->len > 0);
  g_object_set_data (G_OBJECT (dialog), "gil-rooms", dropdown);
  g_object_set_data (G_OBJECT (dialog), "gil-reason", entry);
  g_object_set_data_full (G_OBJECT (dialog), "gil-room-ids", g_steal_pointer (&ids), (GDestroyNotify)g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "gil-visit", GSIZE_TO_POINTER ((gsize)gil_visit_get_id (visit)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reroute_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_patient_edited (GilPatient   *saved,
                   const GError *error,
                   gpointer      user_data)
{
  GilDeskVisits *self = user_data;
  g_autofree char *message = NULL;

  if (saved == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The patient's details were not saved: %s"),
                                               explain (error, FALSE));

      show_result (self, NULL, text);
      return;
    }
  message = g_strdup_printf (_("The details of %s were saved."), gil_patient_get_name (saved));
  show_result (self, message, NULL);
  gil_desk_visits_reload (self);
}

static void
edit_patient (GilDeskVisits *self,
              GilVisit      *visit)
{
  show_result (self, NULL, NULL);
  gil_patient_editor_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->connection,
                              gil_visit_get_patient (visit),
                              on_patient_edited, g_object_ref (self), g_object_unref);
}

static void
print_ticket (GilDeskVisits *self,
              GilVisit      *visit)
{
  gil_ticket_printer_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->connection,
                            visit, room_name (self, gil_visit_get_room (visit)));
}

/* What each of a visit's actions does; the action's target is the visit. */
static const struct
{
  const char *action;
  void      (*run) (GilDeskVisits *self,
                    GilVisit      *visit);
} visit_actions[] = {
  { "desk.print-ticket", print_ticket },
  { "desk.edit-patient", edit_patient },
  { "desk.cancel-visit", ask_cancel },
  { "desk.reroute-visit", ask_reroute },
};

static void
visit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GilDeskVisits *self = GIL_DESK_VISITS (widget);
  GilVisit *visit = find_visit (self, g_variant_get_int64 (parameter));

  if (visit == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (visit_actions); i++)
    if (g_str_equal (action_name, visit_actions[i].action))
      visit_actions[i].run (self, visit);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
gil_desk_visits_dispose (GObject *object)
{
  GilDeskVisits *self = (GilDeskVisits *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_DESK_VISITS);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->rooms);
  g_clear_pointer (&self->visits, g_ptr_array_unref);

  G_OBJECT_CLASS (gil_desk_visits_parent_class)->dispose (object);
}

static void
gil_desk_visits_class_init (GilDeskVisitsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_desk_visits_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-desk-visits.ui");
  gtk_widget_class_bind_template_child (widget_class, GilDeskVisits, visits_list);
  gtk_widget_class_bind_template_child (widget_class, GilDeskVisits, status_label);
  gtk_widget_class_bind_template_child (widget_class, GilDeskVisits, error_label);
  gtk_widget_class_bind_template_child (widget_class, GilDeskVisits, empty_label);

  for (guint i = 0; i < G_N_ELEMENTS (visit_actions); i++)
    gtk_widget_class_install_action (widget_class, visit_actions[i].action, "x", visit_action);
}

static void
gil_desk_visits_init (GilDeskVisits *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->visits = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->visits_list), FALSE);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
}

/**
 * gil_desk_visits_new:
 *
 * Returns: (transfer floating): the list; it loads when shown
 */
GtkWidget *
gil_desk_visits_new (GilConnection *connection,
                     GilRoomList   *rooms)
{
  GilDeskVisits *self;

  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (GIL_IS_ROOM_LIST (rooms), NULL);

  self = g_object_new (GIL_TYPE_DESK_VISITS, NULL);
  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  g_signal_connect_object (connection, "event", G_CALLBACK (on_connection_event_cb), self, 0);
  /* The rows name rooms: once the rooms are known, again. */
  g_signal_connect_object (rooms, "items-changed", G_CALLBACK (on_rooms_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
