/* gil-room-actions.c — what a room page sends to the manager: Call Next
 * and the chosen patient's actions (call, recall, start, finish, skip,
 * requeue), "Send To…", and the room's own finding and history
 *
 * A call the manager confirms is announced in the room when this computer
 * says so (gil-announcer.c) and shown in the page's header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-announcer.h"
#include "gil-counter.h"
#include "gil-history-window.h"
#include "gil-room-page-private.h"
#include "gil-room-search.h"
#include "gil-transfer-dialog.h"

/* ── sending actions ────────────────────────────────────────────────── */

typedef struct
{
  GilRoomPage *self;
  char        *action;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->action);
  g_free (pending);
}

/* A room no waiting-room display serves may announce its own calls, as
 * this computer's settings say (gil-announcer.c). */
static void
announce (GilRoomPage *self,
          const char  *action,
          JsonObject  *stop)
{
  static const char * const calls[] = { "room.call-next", "room.call", "room.recall", NULL };
  GilAnnouncer *announcer = gil_announcer_get_default ();
  GilRoomItem *room = gil_room_list_find (self->rooms, self->room_id);
  const char *ticket = json_object_get_string_member_with_default (stop, "ticket", NULL);

  if (!g_strv_contains (calls, action) || room == NULL || ticket == NULL ||
      !gil_announcer_get_room_calls (announcer))
    return;
  gil_announcer_announce_at (announcer, json_object_get_int_member_with_default (stop, "id", 0),
                             json_object_get_int_member_with_default (stop, "calls", 0), ticket, room,
                             json_object_get_int_member_with_default (stop, "counter", 0));
}

static void
on_action_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  GilRoomPage *self = pending->self;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
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

  if (reply == NULL)
    gil_room_page_toast (self, error->message);
  else if (JSON_NODE_HOLDS_OBJECT (reply))
    {
      JsonObject *object = json_node_get_object (reply);
      const char *why = json_object_get_string_member_with_default (object, "why", NULL);
      JsonNode *stop = json_object_get_member (object, "stop");

      if (stop != NULL && JSON_NODE_HOLDS_OBJECT (stop))
        {
          JsonObject *stop_object = json_node_get_object (stop);

          announce (self, pending->action, stop_object);
          /* A call chooses the called patient; a transfer's reply is the
           * new stop elsewhere, which is not in this list. */
          if (why != NULL)
            {
              self->selected_stop = json_object_get_int_member_with_default (stop_object, "id", 0);
              gil_room_page_set_called (self, stop_object, why);
            }
        }
    }

  gil_queue_model_reload (self->queue);
  gil_room_page_refresh (self);
  gil_room_page_take_back_focus (self);
  pending_free (pending);
}

/* Posts @action (a path under /api/v1) about @target with its own key. */
static void
send_action (GilRoomPage *self,
             const char  *action,
             gint64       target,
             const char  *path,
             JsonNode    *body)
{
  Pending *pending;

  if (self->busy)
    return;

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
  self->busy = TRUE;
  gil_room_page_update_actions (self);
  gil_connection_request_async (self->connection, "POST", path, body, self->pending_key,
                                self->cancellable, on_action_done_cb, pending);
}

/* A call or recall says which counter of the room this computer is, as
 * its settings say (gil-counter.c); other actions carry no body. */
static JsonNode *
call_body (const char *action_name)
{
  static const char * const calls[] = { "room.call-next", "room.call", "room.recall", NULL };
  g_autoptr(GSettings) settings = NULL;

  if (!g_strv_contains (calls, action_name))
    return NULL;
  settings = g_settings_new (APPLICATION_ID);
  return gil_counter_call_body (settings);
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next",
                                           self->room_id);
  g_autoptr(JsonNode) body = call_body (action_name);

  send_action (self, action_name, self->room_id, path, body);
}

/* recall, start, finish, skip, requeue and call: POST /stops/{id}/VERB */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  GilStopItem *item = gil_room_page_selected_item (self);
  const char *verb = strchr (action_name, '.') + 1;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (item == NULL)
    return;
  path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", gil_stop_item_get_id (item), verb);
  body = call_body (action_name);
  send_action (self, action_name, gil_stop_item_get_id (item), path, body);
}

/* ── Send to… ───────────────────────────────────────────────────────── */

typedef struct
{
  GilRoomPage *self;
  gint64       stop;
} Transfer;

static void
transfer_free (gpointer data)
{
  Transfer *transfer = data;

  g_object_unref (transfer->self);
  g_free (transfer);
}

static void
on_transfer_chosen_cb (gint64   room,
                       gboolean return_after,
                       gpointer user_data)
{
  Transfer *transfer = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "room");
  json_builder_add_int_value (builder, room);
  json_builder_set_member_name (builder, "return");
  json_builder_add_boolean_value (builder, return_after);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/transfer", transfer->stop);
  send_action (transfer->self, "room.transfer", transfer->stop, path, body);
}

static void
transfer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GilRoomPage *self = GIL_ROOM_PAGE (widget);
  GilStopItem *item = gil_room_page_selected_item (self);
  Transfer *transfer;
  GtkWidget *dialog;

  if (item == NULL)
    return;

  transfer = g_new0 (Transfer, 1);
  transfer->self = g_object_ref (self);
  transfer->stop = gil_stop_item_get_id (item);
  dialog = gil_transfer_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->rooms, self->room_id,
                                    item, on_transfer_chosen_cb, transfer, transfer_free);
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
  gtk_widget_class_install_action (widget_class, "room.call-next", NULL, call_next_action);
  gtk_widget_class_install_action (widget_class, "room.call", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.recall", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.start", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.finish", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.skip", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.requeue", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "room.transfer", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "room.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "room.search", NULL, search_action);
}
