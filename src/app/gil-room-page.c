/* gil-room-page.c — a cluster room's queue and its actions
 *
 * The room's patients as the manager orders them: called, being served,
 * waiting in call order, and today's no-shows. "Call Next" takes whoever
 * the manager says is next and the page says why; every other action
 * works on the chosen patient and is enabled only from the states the
 * manager allows. The queue follows the manager's events, so two PCs on
 * the same room stay in step. The header's line about this station's
 * last call follows that patient until they leave the room; Ctrl+F finds
 * a patient in a long queue (gil-room-search.c); "Send To…" asks for the
 * room with nothing chosen (gil-transfer-dialog.c). The actions are sent
 * in gil-room-actions.c.
 *
 * An action that fails because the manager cannot be reached keeps its
 * Idempotency-Key: pressing it again for the same patient repeats the
 * same request, so a call is never made twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-label.h"
#include "gil-room-page-private.h"
#include "gil-stop-actions.h"
#include "gil-stop-row.h"

G_DEFINE_FINAL_TYPE (GilRoomPage, gil_room_page, ADW_TYPE_BIN)

GilStopItem *
gil_room_page_selected_item (GilRoomPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue_list);

  /* GTK 4.8 still returns the last row after gtk_list_box_unselect_all(). */
  if (row == NULL || !gtk_list_box_row_is_selected (row))
    return NULL;
  return gil_stop_row_get_item (GIL_STOP_ROW (row));
}

static guint
count_status (GilRoomPage   *self,
              GilStopStatus  status)
{
  GListModel *model = G_LIST_MODEL (self->queue);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GilStopItem) item = g_list_model_get_item (model, i);

      count += gil_stop_item_get_status (item) == status;
    }
  return count;
}

/* The first waiting stop: whoever "Call Next" would call. */
static GilStopItem *
next_item (GilRoomPage *self)
{
  GListModel *model = G_LIST_MODEL (self->queue);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GilStopItem) item = g_list_model_get_item (model, i);

      if (gil_stop_item_get_status (item) == GIL_STOP_WAITING)
        return item;
    }
  return NULL;
}

gboolean
gil_room_page_is_admin (GilRoomPage *self)
{
  return g_strcmp0 (gil_connection_get_role (self->connection), "admin") == 0;
}

static void take_back_focus_soon (GilRoomPage *self);

void
gil_room_page_update_actions (GilRoomPage *self)
{
  GilStopItem *item = gil_room_page_selected_item (self);
  gboolean can_act = gil_connection_get_online (self->connection) && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "room.call-next",
                                 can_act && next_item (self) != NULL);
  /* Each stop action by the core's own rule (gil-stop-actions.h), the
   * one the manager applies: room.call, room.recall, … */
  for (GilStopAction action = 0; action <= GIL_STOP_ACTION_LAST; action++)
    {
      g_autofree char *name = g_strconcat ("room.", gil_stop_action_to_string (action), NULL);

      gtk_widget_action_set_enabled (GTK_WIDGET (self), name,
                                     can_act && item != NULL &&
                                     gil_stop_action_allowed (gil_stop_item_get_status (item), action));
    }

  /* A visit's history names who did what: the admin's only. Its place
   * in the flow of buttons goes with it. */
  gtk_widget_set_visible (self->history_button, gil_room_page_is_admin (self));
  gtk_widget_set_visible (gtk_widget_get_parent (self->history_button), gil_room_page_is_admin (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "room.history",
                                 gil_room_page_is_admin (self) && item != NULL &&
                                 gil_connection_get_online (self->connection));

  if (item != NULL)
    gtk_label_set_text (self->selected_label, gil_stop_item_get_ticket (item));
  else
    gtk_label_set_text (self->selected_label, _("Choose a patient"));

  /* A focus left nowhere (the last patient's row gone, "Call Next" off
   * with nobody waiting) comes back once something can take it: a
   * patient who arrives makes "Call Next" usable again. */
  if (self->had_focus)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (root != NULL && gtk_root_get_focus (root) == NULL)
        take_back_focus_soon (self);
    }
}

static char *
format_minutes (int seconds)
{
  int minutes = (seconds + 30) / 60;

  return g_strdup_printf (ngettext ("%d min", "%d min", minutes), minutes);
}

static void
update_summary (GilRoomPage *self)
{
  GilStopItem *next = next_item (self);
  int median = gil_queue_model_get_median_wait (self->queue);
  g_autofree char *median_text = median >= 0 ? format_minutes (median) : g_strdup ("—");
  g_autofree char *totals = NULL;

  if (next != NULL)
    {
      const char *name = gil_stop_item_get_patient_name (next);
      g_autofree char *text = NULL;

      if (name != NULL)
        text = g_strdup_printf (_("Next: %s · %s"), gil_stop_item_get_ticket (next), name);
      else
        text = g_strdup_printf (_("Next: %s"), gil_stop_item_get_ticket (next));
      gtk_label_set_text (self->next_label, text);
      gtk_label_set_text (self->why_label, gil_queue_model_get_why (self->queue));
    }
  else
    {
      gtk_label_set_text (self->next_label, _("Nobody is waiting"));
      gtk_label_set_text (self->why_label, "");
    }

  totals = g_strdup_printf (_("Waiting %u · Called %u · Being served %u · "
                              "Seen today %d · Finished %d · Median wait %s"),
                            count_status (self, GIL_STOP_WAITING),
                            count_status (self, GIL_STOP_CALLED),
                            count_status (self, GIL_STOP_SERVING),
                            gil_queue_model_get_seen (self->queue),
                            gil_queue_model_get_done (self->queue),
                            median_text);
  gtk_label_set_text (self->totals_label, totals);

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->queue)) > 0
                                      ? "list" : "empty");
}

/* Chooses the row of the remembered stop; else the patient in the room. */
static void
restore_selection (GilRoomPage *self)
{
  GListModel *model = G_LIST_MODEL (self->queue);
  int fallback = -1;
  int found = -1;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GilStopItem) item = g_list_model_get_item (model, i);
      GilStopStatus status = gil_stop_item_get_status (item);

      if (gil_stop_item_get_id (item) == self->selected_stop)
        found = i;
      if (fallback < 0 && (status == GIL_STOP_CALLED || status == GIL_STOP_SERVING))
        fallback = i;
    }

  if (found < 0)
    found = fallback;
  if (found >= 0)
    gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, found));
  else
    gtk_list_box_unselect_all (self->queue_list);
}

/* ── the call area ───────────────────────────────────────────────────── */

/* The header's line about this station's last call follows the patient:
 * called (and why), being served, and gone once they are finished,
 * skipped or sent on. */
static void
update_call_area (GilRoomPage *self)
{
  GilStopItem *item = NULL;
  GilStopStatus status = GIL_STOP_WAITING;
  g_autofree char *text = NULL;

  if (self->called_stop != 0)
    item = gil_queue_model_find (self->queue, self->called_stop);
  if (item != NULL)
    status = gil_stop_item_get_status (item);

  if (item != NULL && status == GIL_STOP_CALLED)
    text = g_strdup_printf (_("%s called: %s"), self->called_ticket, self->called_why);
  else if (item != NULL && status == GIL_STOP_SERVING)
    text = g_strdup_printf (_("%s is being served"), self->called_ticket);
  else if (self->called_stop != 0 && !self->called_seen &&
           (item == NULL || status == GIL_STOP_WAITING))
    return;  /* the list has not caught up with the call yet */

  self->called_seen = text != NULL;
  if (text == NULL)
    self->called_stop = 0;
  gil_label_set_optional (self->called_label, text);
}

/* This station has just called @stop: the header says so, and why (the
 * stop's "why"), until the patient moves on. */
void
gil_room_page_set_called (GilRoomPage *self,
                          GilStopItem *stop)
{
  g_autofree char *text = NULL;

  self->called_stop = gil_stop_item_get_id (stop);
  g_free (self->called_ticket);
  self->called_ticket = g_strdup (gil_stop_item_get_ticket (stop) != NULL ? gil_stop_item_get_ticket (stop) : "");
  g_free (self->called_why);
  self->called_why = g_strdup (gil_stop_item_get_why (stop));
  self->called_seen = FALSE;

  text = g_strdup_printf (_("%s called: %s"), self->called_ticket, self->called_why);
  gtk_label_set_text (self->called_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->called_label), TRUE);
}

/* Shows the queue as it is now: counts, who is next, the choice. */
void
gil_room_page_refresh (GilRoomPage *self)
{
  /* Showing the list may give its first row the focus, which selects it:
   * that is not the user's choice. */
  self->rebuilding = TRUE;
  update_summary (self);
  restore_selection (self);
  self->rebuilding = FALSE;
  update_call_area (self);
  gil_room_page_update_actions (self);
}

static void
on_queue_changed_cb (GilRoomPage *self)
{
  if (!self->shown_once)
    {
      self->shown_once = TRUE;
      self->selected_stop = 0;
      gil_room_page_refresh (self);
      /* Ready for Enter on "Call Next"; a room not on show would take the
       * keyboard away from the one that is. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        gtk_widget_grab_focus (self->call_next_button);
      return;
    }
  gil_room_page_refresh (self);
}

static void
on_selection_changed_cb (GilRoomPage *self)
{
  GilStopItem *item;

  /* The list says so once more as it is destroyed. */
  if (self->queue_list == NULL)
    return;

  item = gil_room_page_selected_item (self);

  /* Rows go away while the list is rebuilt; keep the choice for the new ones. */
  if (item != NULL && !self->rebuilding)
    self->selected_stop = gil_stop_item_get_id (item);
  gil_room_page_update_actions (self);
}

/* A patient called or started in place moves no row, but changes what
 * may be done and the counts. */
static void
on_item_status_cb (GtkWidget *row)
{
  GtkWidget *self = gtk_widget_get_ancestor (row, GIL_TYPE_ROOM_PAGE);

  if (self != NULL)
    gil_room_page_refresh (GIL_ROOM_PAGE (self));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GilRoomPage *self = user_data;
  GtkWidget *row = gil_stop_row_new (item, self->rooms);

  gil_room_search_filter_row (self->search, row);
  g_signal_connect_object (item, "notify::status", G_CALLBACK (on_item_status_cb),
                           row, G_CONNECT_SWAPPED);
  return row;
}

static gboolean
tick_cb (gpointer user_data)
{
  GilRoomPage *self = user_data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GIL_IS_STOP_ROW (row))
      gil_stop_row_update (GIL_STOP_ROW (row));
  return G_SOURCE_CONTINUE;
}

void
gil_room_page_toast (GilRoomPage *self,
                     const char  *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  /* The page's own child; bound, it would be unparented twice. */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self))), toast);
}

/* ── keeping the keyboard ───────────────────────────────────────────── */

/* The row of @stop in the list as it is now, or NULL. */
static GtkWidget *
find_stop_row (GilRoomPage *self,
               gint64       stop)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list));
       row != NULL && stop != 0;
       row = gtk_widget_get_next_sibling (row))
    if (GIL_IS_STOP_ROW (row) &&
        gil_stop_item_get_id (gil_stop_row_get_item (GIL_STOP_ROW (row))) == stop)
      return row;
  return NULL;
}

static gboolean
try_focus (GilRoomPage *self,
           GtkWidget   *widget)
{
  return widget != NULL &&
         gtk_widget_is_ancestor (widget, GTK_WIDGET (self)) &&
         gtk_widget_is_sensitive (widget) &&
         gtk_widget_get_mapped (widget) &&
         gtk_widget_grab_focus (widget);
}

/* GTK takes the focus away from a button made insensitive (every action
 * button while a request is on its way, the whole page while the manager
 * is away) and from a row the list makes again, and leaves it nowhere;
 * a room page that is not on show cannot use it either. The room's keys
 * are still heard, but Enter, Space, Tab and the arrows would do nothing:
 * the focus goes back where it was, else to the same patient's row, the
 * chosen patient or "Call Next". */
void
gil_room_page_take_back_focus (GilRoomPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkListBoxRow *selected;
  GtkWidget *focus;

  if (root == NULL || self->busy ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)) || !gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return;

  /* Somewhere it can be used: the nurse's choice, left alone. */
  focus = gtk_root_get_focus (root);
  if (focus != NULL && gtk_widget_get_mapped (focus))
    return;
  /* The search entry is not mapped yet while its bar slides open. */
  if (focus != NULL && gtk_search_bar_get_search_mode (self->search_bar) &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    return;

  selected = gtk_list_box_get_selected_row (self->queue_list);
  if (selected != NULL && !gtk_list_box_row_is_selected (selected))
    selected = NULL;

  if (!try_focus (self, self->last_focus) &&
      !try_focus (self, find_stop_row (self, self->last_focus_stop)) &&
      !try_focus (self, GTK_WIDGET (selected)))
    try_focus (self, self->call_next_button);
}

static gboolean
refocus_cb (gpointer user_data)
{
  GilRoomPage *self = user_data;

  self->refocus_id = 0;
  gil_room_page_take_back_focus (self);
  return G_SOURCE_REMOVE;
}

/* Once GTK is done: a row is unparented before the list has its new
 * ones, a page is mapped before the stack hides the other. */
static void
take_back_focus_soon (GilRoomPage *self)
{
  if (self->refocus_id == 0)
    self->refocus_id = g_idle_add (refocus_cb, self);
}

static void
on_window_focus_widget_cb (GtkWindow   *window,
                           GParamSpec  *pspec,
                           GilRoomPage *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *row;

  if (focus == NULL)
    {
      if (self->had_focus)
        take_back_focus_soon (self);
      return;
    }

  self->had_focus = gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
  if (!self->had_focus)
    return;
  g_set_weak_pointer (&self->last_focus, focus);
  row = gtk_widget_get_ancestor (focus, GIL_TYPE_STOP_ROW);
  self->last_focus_stop = row != NULL ? gil_stop_item_get_id (gil_stop_row_get_item (GIL_STOP_ROW (row))) : 0;
}

/* ── the page ───────────────────────────────────────────────────────── */

static void
on_online_changed_cb (GilRoomPage *self)
{
  gil_room_page_update_actions (self);
}

static void
on_role_changed_cb (GilRoomPage *self)
{
  gil_room_page_update_actions (self);
}

/* The window's focus is watched while the page is in one. */
static void
gil_room_page_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (gil_room_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::focus-widget",
                             G_CALLBACK (on_window_focus_widget_cb), widget, 0);
}

/* Switched to, or back after the manager was away. */
static void
gil_room_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (gil_room_page_parent_class)->map (widget);
  take_back_focus_soon (GIL_ROOM_PAGE (widget));
}

static void
gil_room_page_state_flags_changed (GtkWidget     *widget,
                                   GtkStateFlags  previous)
{
  GTK_WIDGET_CLASS (gil_room_page_parent_class)->state_flags_changed (widget, previous);
  if ((previous & GTK_STATE_FLAG_INSENSITIVE) != 0 && gtk_widget_is_sensitive (widget))
    take_back_focus_soon (GIL_ROOM_PAGE (widget));
}

static void
gil_room_page_unroot (GtkWidget *widget)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_window_focus_widget_cb, self);
  g_clear_handle_id (&self->refocus_id, g_source_remove);
  self->had_focus = FALSE;

  GTK_WIDGET_CLASS (gil_room_page_parent_class)->unroot (widget);
}

static void
gil_room_page_dispose (GObject *object)
{
  GilRoomPage *self = (GilRoomPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->refocus_id, g_source_remove);
  g_clear_object (&self->search);
  g_clear_weak_pointer (&self->last_focus);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_ROOM_PAGE);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_object (&self->queue);
  g_clear_object (&self->rooms);
  g_clear_object (&self->connection);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (gil_room_page_parent_class)->dispose (object);
}

static void
gil_room_page_finalize (GObject *object)
{
  GilRoomPage *self = (GilRoomPage *)object;

  g_free (self->pending_action);
  g_free (self->pending_key);
  g_free (self->called_ticket);
  g_free (self->called_why);

  G_OBJECT_CLASS (gil_room_page_parent_class)->finalize (object);
}

static void
gil_room_page_class_init (GilRoomPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_room_page_dispose;
  object_class->finalize = gil_room_page_finalize;
  widget_class->root = gil_room_page_root;
  widget_class->unroot = gil_room_page_unroot;
  widget_class->map = gil_room_page_map;
  widget_class->state_flags_changed = gil_room_page_state_flags_changed;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-room-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, next_label);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, why_label);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, called_label);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, queue_scroller);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, selected_label);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, call_next_button);
  gtk_widget_class_bind_template_child (widget_class, GilRoomPage, history_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);

  gil_room_page_class_init_actions (widget_class);
}

static void
gil_room_page_init (GilRoomPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->search = gil_room_search_new (self->search_bar, self->queue_list, self->queue_scroller);
  /* Tab goes to the buttons themselves, not to the boxes that wrap them,
   * and past a button that cannot be pressed now. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      g_object_bind_property (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)), "sensitive",
                              child, "sensitive", G_BINDING_SYNC_CREATE);
    }
}

GtkWidget *
gil_room_page_new (GilContext *context,
                   gint64      room_id)
{
  GilConnection *connection;
  GilRoomList *rooms;
  GilRoomPage *self;

  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  connection = gil_context_get_connection (context);
  rooms = gil_context_get_rooms (context);

  self = g_object_new (GIL_TYPE_ROOM_PAGE, NULL);
  self->context = g_object_ref (context);
  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  self->room_id = room_id;
  self->queue = gil_queue_model_new (connection, room_id);

  gtk_list_box_bind_model (self->queue_list, G_LIST_MODEL (self->queue), create_row, self, NULL);
  /* After the list box has made its rows. */
  g_signal_connect_object (self->queue, "items-changed", G_CALLBACK (on_queue_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::why", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::median-wait", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::seen", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->queue, "notify::done", G_CALLBACK (update_summary),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::online", G_CALLBACK (on_online_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::role", G_CALLBACK (on_role_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gil_connection_find_role (connection);
  self->tick_id = g_timeout_add_seconds (30, tick_cb, self);

  update_summary (self);
  gil_room_page_update_actions (self);
  return GTK_WIDGET (self);
}
