/* gil-room-actions.c — what a room page sends to the manager: Call Next
 * and the chosen patient's actions (call, recall, start, finish, skip,
 * requeue), "Send To…", and the room's own finding and history
 *
 * Finishing a visit's last stop first asks how the visit ended
 * (gil-outcome-dialog.c); a stop that sends the patient back to another
 * room finishes at once.
 *
 * A call the manager confirms is announced in the room when this computer
 * says so (gil-announcer.c) and shown in the page's header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-announcer.h"
#include "gil-connection-stops.h"
#include "gil-counter.h"
#include "gil-history-window.h"
#include "gil-outcome-dialog.h"
#include "gil-room-page-private.h"
#include "gil-room-search.h"
#include "gil-transfer-dialog.h"

/* ── sending actions ────────────────────────────────────────────────── */

typedef GilStopItem *(*FinishFunc) (GilConnection  *connection,
                                    GAsyncResult   *result,
                                    GError        **error);

typedef struct
{
  GilRoomPage *self;
  char        *action;   /* the page's action: "room.call-next", "room.skip", … */
  FinishFunc   finish;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->action);
  g_free (pending);
}

static gboolean
is_call (const char *action)
{
  static const char * const calls[] = { "room.call-next", "room.call", "room.recall", NULL };

  return g_strv_contains (calls, action);
}

/* A room no waiting-room display serves may announce its own calls, as
 * this computer's settings say (gil-announcer.c). */
static void
announce (GilRoomPage *self,
          const char  *action,
          GilStopItem *stop)
{
  GilAnnouncer *announcer = gil_announcer_get_default ();
  GilRoomItem *room = gil_room_list_find (self->rooms, self->room_id);
  const char *ticket = gil_stop_item_get_ticket (stop);

  if (!is_call (action) || room == NULL || ticket == NULL ||
      !gil_announcer_get_room_calls (announcer))
    return;
  gil_announcer_announce_at (announcer, gil_stop_item_get_id (stop), gil_stop_item_get_calls (stop),
                             ticket, room, gil_stop_item_get_counter (stop));
}

static void
on_action_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  GilRoomPage *self = pending->self;
  g_autoptr(GilStopItem) stop = NULL;
  g_autoptr(GError) error = NULL;

  stop = pending->finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pending_free (pending);
      return;
    }

  self->busy = FALSE;
  /* A refusal is final; a request that did not arrive keeps its key. */
  if (!g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK))
    {
      g_clear_pointer (&self->pending_action, g_free);
      g_clear_pointer (&self->pending_key, g_free);
    }

  if (stop == NULL)
    gil_room_page_toast (self, error->message);
  else
    {
      announce (self, pending->action, stop);
      /* A call chooses the called patient; a transfer's reply is the
       * new stop elsewhere, which is not in this list. */
      if (gil_stop_item_get_why (stop) != NULL)
        {
          self->selected_stop = gil_stop_item_get_id (stop);
          gil_room_page_set_called (self, stop);
        }
    }

  gil_queue_model_reload (self->queue);
  gil_room_page_refresh (self);
  gil_room_page_take_back_focus (self);
  pending_free (pending);
}

/* Starts @action about @target: the key of the last try of the same
 * action on the same target again, else a new one. Returns: (nullable):
 * what the reply goes to; %NULL while another action is on its way. */
static Pending *
begin_action (GilRoomPage *self,
              const char  *action,
              gint64       target,
              FinishFunc   finish)
{
  Pending *pending;

  if (self->busy)
    return NULL;

  if (g_strcmp0 (self->pending_action, action) != 0 || self->pending_target != target)
    {
      g_free (self->pending_action);
      g_free (self->pending_key);
      self->pending_action = g_strdup (action);
      self->pending_target = target;
      self->pending_key = gil_connection_new_action_key ();
    }

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->action = g_strdup (action);
  pending->finish = finish;
  self->busy = TRUE;
  gil_room_page_update_actions (self);
  return pending;
}

/* A call or recall says which counter of the room this computer is, as
 * its settings say (gil-counter.c). */
static guint
own_counter (GilRoomPage *self)
{
  return gil_counter_get_own (gil_context_get_settings (self->context));
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  Pending *pending = begin_action (self, action_name, self->room_id, gil_connection_call_next_finish);

  if (pending == NULL)
    return;
  gil_connection_call_next_async (self->connection, self->room_id, own_counter (self), self->pending_key,
                                  self->cancellable, on_action_done_cb, pending);
}

/* ── Finish ─────────────────────────────────────────────────────────── */

/* What a dialog's choice is about: the page and the stop chosen in it
 * when the dialog opened (the outcome of a finish, a transfer's room). */
typedef struct
{
  GilRoomPage *self;
  gint64       stop;
} Chosen;

static Chosen *
chosen_new (GilRoomPage *self,
            GilStopItem *item)
{
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->self = g_object_ref (self);
  chosen->stop = gil_stop_item_get_id (item);
  return chosen;
}

static void
chosen_free (gpointer data)
{
  Chosen *chosen = data;

  g_object_unref (chosen->self);
  g_free (chosen);
}

static void
on_outcome_chosen_cb (GilOutcome  outcome,
                      const char *referred_to,
                      gpointer    user_data)
{
  Chosen *chosen = user_data;
  GilRoomPage *self = chosen->self;
  Pending *pending = begin_action (self, "room.finish", chosen->stop, gil_connection_finish_stop_finish);

  if (pending == NULL)
    return;
  gil_connection_finish_stop_async (self->connection, chosen->stop, outcome, referred_to, self->pending_key,
                                    self->cancellable, on_action_done_cb, pending);
}

/* Asks how the visit of @item ended, then finishes it. */
static void
ask_outcome (GilRoomPage *self,
             GilStopItem *item)
{
  GtkWidget *dialog = gil_outcome_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), item,
                                              on_outcome_chosen_cb, chosen_new (self, item), chosen_free);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* call, recall, start, finish, skip and requeue of the chosen patient */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  GilStopItem *item = gil_room_page_selected_item (self);
  GilStopAction action;
  Pending *pending;

  if (item == NULL)
    return;
  if (!gil_stop_action_from_string (strchr (action_name, '.') + 1, &action))
    g_assert_not_reached ();
  if (action == GIL_STOP_ACTION_FINISH && gil_stop_item_get_return_room (item) == 0)
    {
      if (!self->busy)
        ask_outcome (self, item);
      return;
    }
  pending = begin_action (self, action_name, gil_stop_item_get_id (item), gil_connection_act_on_stop_finish);
  if (pending == NULL)
    return;
  gil_connection_act_on_stop_async (self->connection, gil_stop_item_get_id (item), action,
                                    is_call (action_name) ? own_counter (self) : 0, self->pending_key,
                                    self->cancellable, on_action_done_cb, pending);
}

/* ── Send to… ───────────────────────────────────────────────────────── */

static void
on_transfer_chosen_cb (gint64   room,
                       gboolean return_after,
                       gpointer user_data)
{
  Chosen *chosen = user_data;
  GilRoomPage *self = chosen->self;
  Pending *pending = begin_action (self, "room.transfer", chosen->stop,
                                   gil_connection_transfer_stop_finish);

  if (pending == NULL)
    return;
  gil_connection_transfer_stop_async (self->connection, chosen->stop, room, return_after,
                                      self->pending_key, self->cancellable, on_action_done_cb, pending);
}

static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  GilStopItem *item = gil_room_page_selected_item (self);
  GtkWidget *dialog;

  if (item == NULL)
    return;
  dialog = gil_transfer_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->rooms, self->room_id,
                                    item, on_transfer_chosen_cb, chosen_new (self, item), chosen_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ── Find a patient ─────────────────────────────────────────────────── */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gil_room_search_start (GIL_ROOM_PAGE (widget)->search);
}

/* ── History ────────────────────────────────────────────────────────── */

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  GilStopItem *item = gil_room_page_selected_item (self);
  GilHistoryWindow *window;

  if (item == NULL || !gil_room_page_is_admin (self))
    return;
  window = gil_history_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->connection,
                                   gil_stop_item_get_visit (item), gil_stop_item_get_ticket (item));
  gtk_window_present (GTK_WINDOW (window));
}

/* The room's actions, installed on the page's class. */
void
gil_room_page_class_init_actions (GtkWidgetClass *widget_class)
{
  static const char * const stop_actions[] = {
    "room.call", "room.recall", "room.start", "room.finish", "room.skip", "room.requeue",
  };

  gtk_widget_class_install_action (widget_class, "room.call-next", NULL, call_next_action);
  for (guint i = 0; i < G_N_ELEMENTS (stop_actions); i++)
    gtk_widget_class_install_action (widget_class, stop_actions[i], NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.transfer", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "room.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "room.search", NULL, search_action);
}
