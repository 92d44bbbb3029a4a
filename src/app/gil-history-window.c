/* gil-history-window.c — what was done to one visit, and by which station
 *
 * The admin's view of the audit trail (gil-connection-history.h):
 * one row per action, in order, with its time, what it was, the room, and
 * the station that did it — a desk, a room's PC, the admin, or the queue
 * server itself when a day ended with the patient still waiting. The
 * finish that ended the visit says how it ended (pulang, dirujuk ke …,
 * meninggal), from the visit itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-history.h"
#include "gil-connection-visits.h"
#include "gil-history-window.h"
#include "gil-screen.h"
#include "gil-terms.h"

struct _GilHistoryWindow
{
  AdwWindow       parent_instance;

  GilConnection  *connection;
  GCancellable   *cancellable;
  gint64          visit;
  GPtrArray      *entries;   /* (element-type GilHistoryEntry) until shown */
  gboolean        loaded;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkListBox     *entry_list;
  GtkSizeGroup   *time_group;
  GtkSizeGroup   *room_group;
  GtkSizeGroup   *station_group;
};

G_DEFINE_FINAL_TYPE (GilHistoryWindow, gil_history_window, ADW_TYPE_WINDOW)

/* What @entry's action was, in words; @detail says more when there is more. */
static char *
describe (GilHistoryEntry  *entry,
          char            **detail)
{
  const char *type = gil_history_entry_get_event_type (entry);

  *detail = NULL;
  if (g_strcmp0 (type, "visit.registered") == 0)
    {
      if (gil_history_entry_get_overridden (entry))
        *detail = g_strdup_printf (_("Room chosen at the desk instead of the suggested %s"),
                                   gil_history_entry_get_suggested_room_name (entry));
      else
        *detail = g_strdup (gil_history_entry_get_reason (entry));
      return g_strdup (_("Registered"));
    }
  if (g_strcmp0 (type, "stop.enqueued") == 0)
    {
      const char *from = gil_history_entry_get_from_room_name (entry);

      if (from != NULL && gil_history_entry_get_returning (entry))
        *detail = g_strdup_printf (_("Back from %s"), from);
      else if (from != NULL)
        *detail = g_strdup_printf (_("Sent from %s"), from);
      return g_strdup (_("Joined the queue"));
    }
  if (g_strcmp0 (type, "stop.called") == 0)
    {
      if (gil_history_entry_get_out_of_order (entry))
        *detail = g_strdup (_("Called out of turn"));
      return g_strdup (_("Called"));
    }
  if (g_strcmp0 (type, "stop.transferred") == 0)
    {
      const char *to = gil_history_entry_get_to_room_name (entry);

      if (to != NULL && gil_history_entry_get_return (entry))
        *detail = g_strdup_printf (_("To %s, to come back afterwards"), to);
      else if (to != NULL)
        *detail = g_strdup_printf (_("To %s"), to);
      return g_strdup (_("Sent on"));
    }
  if (g_strcmp0 (type, "stop.recalled") == 0)
    return g_strdup (_("Called again"));
  if (g_strcmp0 (type, "stop.started") == 0)
    return g_strdup (_("Service started"));
  if (g_strcmp0 (type, "stop.finished") == 0)
    return g_strdup (_("Service finished"));
  if (g_strcmp0 (type, "stop.skipped") == 0)
    return g_strdup (_("Skipped (no-show)"));
  if (g_strcmp0 (type, "stop.requeued") == 0)
    return g_strdup (_("Put back in the queue"));
  /* The desk's corrections (gil-desk-visits.c), with the reason given. */
  if (g_strcmp0 (type, "stop.cancelled") == 0)
    {
      if (gil_history_entry_get_reason (entry) != NULL)
        *detail = g_strdup_printf (_("Reason: %s"), gil_history_entry_get_reason (entry));
      return g_strdup (_("Visit cancelled at the desk"));
    }
  if (g_strcmp0 (type, "stop.rerouted") == 0)
    {
      const char *to = gil_history_entry_get_to_room_name (entry);
      const char *reason = gil_history_entry_get_reason (entry);

      if (to != NULL && reason != NULL)
        /* TRANSLATORS: the room the desk moved the visit to, then why */
        *detail = g_strdup_printf (_("To %s: %s"), to, reason);
      else if (to != NULL)
        *detail = g_strdup_printf (_("To %s"), to);
      return g_strdup (_("Moved to another room at the desk"));
    }
  if (g_strcmp0 (type, "stop.expired") == 0)
    return g_strdup (_("Not served: the day ended"));
  if (g_strcmp0 (type, "patient.merged") == 0)
    return g_strdup (_("Unidentified record merged into the patient's own"));
  return g_strdup (type != NULL ? type : "");
}

/* "08.15.03", the manager's own clock time. */
static char *
format_time (GDateTime *time)
{
  if (time == NULL)
    return g_strdup ("");
  return g_date_time_format (time, "%H.%M.%S");
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A column of a row: a line and, if there is one, a dim line under it. */
static GtkWidget *
new_cell (const char *text,
          const char *below,
          const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), new_label (text, css_class));
  if (below != NULL && *below != '\0')
    {
      GtkWidget *label = new_label (below, "dim-label");

      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* @outcome: (nullable): how the visit ended, said under the finish that
 * ended it */
static GtkWidget *
create_row (GilHistoryWindow *self,
            GilHistoryEntry  *entry,
            const char       *outcome)
{
  g_autofree char *time = format_time (gil_history_entry_get_at (entry));
  g_autofree char *detail = NULL;
  g_autofree char *action = describe (entry, &detail);
  const char *room = gil_history_entry_get_room_name (entry);
  const char *station_name;
  const char *station_role;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cell;

  switch (gil_history_entry_get_actor (entry))
    {
    case GIL_HISTORY_BY_MANAGER:
      /* The queue server by itself: a day ended with the patient waiting. */
      station_name = _("System");
      station_role = _("Automatic");
      break;
    case GIL_HISTORY_BY_ADMIN:
      station_name = _("Administrator");
      station_role = _("Server PC");
      break;
    case GIL_HISTORY_BY_STATION:
    default:
      station_name = gil_history_entry_get_station_name (entry);
      station_role = gil_terms_role_label (gil_history_entry_get_station_role (entry));
      break;
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  cell = new_cell (time, NULL, "numeric");
  gtk_size_group_add_widget (self->time_group, cell);
  gtk_box_append (GTK_BOX (box), cell);

  if (outcome != NULL)
    {
      g_free (detail);
      detail = g_strdup (outcome);
    }
  cell = new_cell (action, detail, "heading");
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_box_append (GTK_BOX (box), cell);

  cell = new_cell (room != NULL ? room : "—", NULL, NULL);
  gtk_size_group_add_widget (self->room_group, cell);
  gtk_box_append (GTK_BOX (box), cell);

  cell = new_cell (station_name != NULL ? station_name : "—", station_role, NULL);
  gtk_size_group_add_widget (self->station_group, cell);
  gtk_box_append (GTK_BOX (box), cell);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* The entries, the outcome (if any) under the visit's last finish. */
static void
show_entries (GilHistoryWindow *self,
              const char       *outcome)
{
  guint last_finish = G_MAXUINT;

  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (gil_history_entry_get_event_type (g_ptr_array_index (self->entries, i)), "stop.finished") == 0)
      last_finish = i;
  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->entry_list, create_row (self, g_ptr_array_index (self->entries, i),
                                                       i == last_finish ? outcome : NULL));
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack, "list");
  self->loaded = TRUE;
}

static void
on_visit_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GilHistoryWindow) self = user_data;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;

  visit = gil_connection_get_visit_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Without the visit, the history still says everything else. */
  if (visit == NULL)
    g_debug ("how visit %" G_GINT64_FORMAT " ended is not known: %s", self->visit, error->message);
  else
    outcome = gil_outcome_describe (gil_visit_get_outcome (visit), gil_visit_get_referred_to (visit));
  show_entries (self, outcome);
}

static void
on_history_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GilHistoryWindow) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = gil_connection_get_visit_history_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->entries = g_steal_pointer (&entries);
  gil_connection_get_visit_async (self->connection, self->visit, self->cancellable, on_visit_cb,
                                  g_object_ref (self));
}

static void
gil_history_window_dispose (GObject *object)
{
  GilHistoryWindow *self = (GilHistoryWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (gil_history_window_parent_class)->dispose (object);
}

static void
gil_history_window_class_init (GilHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, entry_list);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, time_group);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, room_group);
  gtk_widget_class_bind_template_child (widget_class, GilHistoryWindow, station_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gil_history_window_init (GilHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gil_screen_fit_window (GTK_WINDOW (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * gil_history_window_new:
 * @ticket: the visit's ticket, for the title
 *
 * Opens the history of @visit, as the manager has it now.
 */
GilHistoryWindow *
gil_history_window_new (GtkWindow     *parent,
                        GilConnection *connection,
                        gint64         visit,
                        const char    *ticket)
{
  GilHistoryWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (visit > 0, NULL);

  self = g_object_new (GIL_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->visit = visit;

  title = g_strdup_printf (_("History of %s"), ticket != NULL ? ticket : "");
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, _("Every action, with the station that did it"));
  gtk_window_set_title (GTK_WINDOW (self), title);

  gil_connection_get_visit_history_async (connection, visit, self->cancellable,
                                          on_history_cb, g_object_ref (self));
  return self;
}

/**
 * gil_history_window_get_loaded:
 *
 * Returns: whether the history has arrived and is shown
 */
gboolean
gil_history_window_get_loaded (GilHistoryWindow *self)
{
  g_return_val_if_fail (GIL_IS_HISTORY_WINDOW (self), FALSE);

  return self->loaded;
}
