/* gil-display-page.c — the waiting-room display
 *
 * Made to be read from across the room: the latest call large, the five
 * before it, and a card per room with its current number and how many wait.
 * A display may be limited to some rooms by code (the communicable-disease
 * waiting area has its own screen); calls in other rooms are ignored.
 *
 * The calls come from the manager's events. A display that starts mid-day,
 * or after a snapshot, also takes every stop its rooms have called or are
 * serving from their queues, so it never starts blank. An event replayed
 * from before the display started is history, not news: only events after
 * the manager's seq at start-up are highlighted as new calls.
 *
 * A new call stays large for a few seconds before the next takes its
 * place, and the recent calls list each stop once (gil-display-calls.c).
 * A call from one counter of a room with two PCs says which ("Ruang Usia
 * Dewasa, meja 2"). When calls cannot be heard (no sound device, or it
 * fails), a small sign in the header tells staff. What the manager says
 * (its events, its seq at start, the profile) is heard in
 * gil-display-events.c.
 *
 * A loket ticket called to a registration desk shows as any call does,
 * its desk in place of a room ("A-012", "Loket 2"), on a display of every
 * room (one limited to some rooms stands elsewhere); it never has a name.
 *
 * Patient names appear only where the puskesmas turned them on (its profile's
 * display_names, set in Preferences), never for a
 * number-only room, and only when the manager gives them to this station.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-announcer.h"
#include "gil-counter.h"
#include "gil-display-page-private.h"
#include "gil-display-probe.h"
#include "gil-display-scale.h"
#include "gil-label.h"
#include "gil-queue-model.h"
#include "gil-speech.h"

#define HISTORY_MAX       32
#define NEW_CALL_SECONDS  10
#define MAX_COLUMNS       5
#define NO_NUMBER         "—"

G_DEFINE_FINAL_TYPE (GilDisplayPage, gil_display_page, ADW_TYPE_BIN)

/* ── which rooms, which names ──────────────────────────────────────── */

static gboolean
shows_room (GilDisplayPage *self,
            GilRoomItem    *room)
{
  if (!gil_room_item_get_active (room))
    return FALSE;
  return self->room_codes == NULL || self->room_codes[0] == NULL ||
         g_strv_contains ((const char * const *)self->room_codes, gil_room_item_get_code (room));
}

/* Returns: (nullable): the room with @room_id if this display shows it */
GilRoomItem *
gil_display_page_shown_room (GilDisplayPage *self,
                             gint64          room_id)
{
  GilRoomItem *room = gil_room_list_find (self->rooms, room_id);

  return room != NULL && shows_room (self, room) ? room : NULL;
}

/* Whether this display shows loket calls: it shows every room. */
gboolean
gil_display_page_shows_loket (GilDisplayPage *self)
{
  return self->room_codes == NULL || self->room_codes[0] == NULL;
}

/* Whether @call is on this display's board; @room is set to its room,
 * %NULL for a loket call. */
static gboolean
shows_call (GilDisplayPage  *self,
            Call            *call,
            GilRoomItem    **room)
{
  if (call->desk != NULL)
    {
      *room = NULL;
      return gil_display_page_shows_loket (self);
    }
  *room = gil_display_page_shown_room (self, call->room_id);
  return *room != NULL;
}

static RoomCard *
find_card (GilDisplayPage *self,
           gint64          room_id)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      RoomCard *card = g_ptr_array_index (self->cards, i);

      if (gil_room_item_get_id (card->room) == room_id)
        return card;
    }
  return NULL;
}

/* Returns: (nullable): the name to show with @call, if any may be shown */
static const char *
call_name (GilDisplayPage *self,
           Call           *call,
           GilRoomItem    *room)
{
  if (!self->show_names || gil_room_item_get_number_only (room))
    return NULL;

  /* A call event carries no name: the room's queue, reloaded for the same
   * event, has it while the stop is open. Kept for after it closes. */
  if (call->name == NULL)
    {
      RoomCard *card = find_card (self, call->room_id);
      GilStopItem *stop = card != NULL ? gil_queue_model_find (card->queue, call->stop_id) : NULL;

      if (stop != NULL)
        call->name = g_strdup (gil_stop_item_get_patient_name (stop));
    }
  return call->name != NULL && *call->name != '\0' ? call->name : NULL;
}

/* ── the calls ─────────────────────────────────────────────────────── */

static gboolean
rooms_known (GilDisplayPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rooms)) > 0;
}

/* Once the rooms are known, drops the calls of rooms this display does not
 * show, and the oldest beyond what the board needs. Until then everything
 * is kept: a replay may come in before the rooms. */
static void
prune_calls (GilDisplayPage *self)
{
  if (!rooms_known (self))
    return;
  for (guint i = gil_display_calls_get_len (self->calls); i > 0; i--)
    {
      GilRoomItem *room;

      if (!shows_call (self, gil_display_calls_get (self->calls, i - 1), &room))
        gil_display_calls_remove (self->calls, i - 1);
    }
  gil_display_calls_truncate (self->calls, HISTORY_MAX);
}

/* Puts a call of @stop in @room_id on the board, replacing its earlier
 * call: a recall moves the stop to the top. @at is when it was called
 * (%NULL: not known), @seq the event's (0 for a call taken from a
 * queue). Returns whether it was taken. */
gboolean
gil_display_page_add_call (GilDisplayPage *self,
                           GilStopItem    *stop,
                           gint64          room_id,
                           const char     *ticket,
                           GDateTime      *at,
                           gint64          seq)
{
  if (rooms_known (self) && gil_display_page_shown_room (self, room_id) == NULL)
    return FALSE;

  gil_display_calls_add (self->calls, gil_stop_item_get_id (stop), room_id, ticket,
                         gil_stop_item_get_patient_name (stop), gil_stop_item_get_counter (stop),
                         at != NULL ? g_date_time_to_unix (at) : 0, seq);
  prune_calls (self);
  return TRUE;
}

/* Puts the call of the loket @ticket to its desk on the board, replacing
 * its earlier call, as gil_display_page_add_call() a stop's. */
void
gil_display_page_add_loket_call (GilDisplayPage *self,
                                 GilLoketTicket *ticket,
                                 GDateTime      *at,
                                 gint64          seq)
{
  gil_display_calls_add_loket (self->calls, gil_loket_ticket_get_id (ticket), gil_loket_ticket_get_ticket (ticket),
                               gil_loket_ticket_get_desk (ticket), at != NULL ? g_date_time_to_unix (at) : 0, seq);
  prune_calls (self);
}

static gboolean
is_open (GilStopItem *stop)
{
  GilStopStatus status = gil_stop_item_get_status (stop);

  return status == GIL_STOP_CALLED || status == GIL_STOP_SERVING;
}

/* Takes the stops @card's room has called or is serving that the board
 * does not have yet: a display that starts mid-day shows them. */
static void
take_open_stops (GilDisplayPage *self,
                 RoomCard       *card)
{
  GListModel *queue = G_LIST_MODEL (card->queue);

  for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
    {
      g_autoptr(GilStopItem) stop = g_list_model_get_item (queue, i);
      GDateTime *called_at = gil_stop_item_get_called_at (stop);

      if (!is_open (stop) || called_at == NULL ||
          gil_display_calls_find (self->calls, gil_stop_item_get_id (stop)) != NULL)
        continue;
      gil_display_page_add_call (self, stop, gil_stop_item_get_room (stop), gil_stop_item_get_ticket (stop),
                                 called_at, 0);
    }
}

/* Returns: (nullable): the ticket @card's room called last and has not
 * finished; a stop called so long ago that it left the board is ranked
 * by its call time. */
static const char *
current_ticket (GilDisplayPage *self,
                RoomCard       *card)
{
  GListModel *queue = G_LIST_MODEL (card->queue);
  gint64 room_id = gil_room_item_get_id (card->room);
  g_autoptr(GilStopItem) best = NULL;

  for (guint i = 0; i < gil_display_calls_get_len (self->calls); i++)
    {
      Call *call = gil_display_calls_get (self->calls, i);
      GilStopItem *stop;

      if (call->room_id == room_id &&
          (stop = gil_queue_model_find (card->queue, call->stop_id)) != NULL &&
          is_open (stop))
        return gil_stop_item_get_ticket (stop);
    }

  for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
    {
      g_autoptr(GilStopItem) stop = g_list_model_get_item (queue, i);

      if (is_open (stop) && gil_stop_item_get_called_at (stop) != NULL &&
          (best == NULL ||
           g_date_time_compare (gil_stop_item_get_called_at (stop),
                                gil_stop_item_get_called_at (best)) >= 0))
        g_set_object (&best, stop);
    }
  /* The queue model holds the item, so the ticket outlives this ref. */
  return best != NULL ? gil_stop_item_get_ticket (best) : NULL;
}

/* ── showing ───────────────────────────────────────────────────────── */

/* Where @call sends its person: the room (and counter), or the desk. */
static char *
call_place (Call        *call,
            GilRoomItem *room)
{
  if (call->desk != NULL)
    return g_strdup (call->desk);
  return gil_counter_room_label (gil_room_item_get_name (room), call->counter);
}

static char *
describe_call (Call        *call,
               GilRoomItem *room)
{
  g_autofree char *where = NULL;

  if (call->desk != NULL)
    return gil_speech_loket_text (call->ticket, call->desk);
  where = call_place (call, room);

  /* TRANSLATORS: read out for a call on the display: ticket number, room name */
  return g_strdup_printf (_("Ticket number %s, please go to %s"), call->ticket, where);
}

static void
show_latest (GilDisplayPage *self,
             Call           *call,
             GilRoomItem    *room)
{
  g_autofree char *description = NULL;
  g_autofree char *where = NULL;

  if (call == NULL)
    {
      gtk_label_set_text (self->ticket_label, NO_NUMBER);
      gtk_label_set_text (self->room_label, _("Waiting for the first call"));
      gil_label_set_optional (self->patient_label, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->ticket_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No call yet"),
                                      -1);
      gtk_widget_remove_css_class (self->latest_box, "new-call");
      return;
    }

  where = call_place (call, room);
  gtk_label_set_text (self->ticket_label, call->ticket);
  gtk_label_set_text (self->room_label, where);
  gil_label_set_optional (self->patient_label, room != NULL ? call_name (self, call, room) : NULL);
  description = describe_call (call, room);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ticket_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  if (call->stop_id == self->new_stop)
    gtk_widget_add_css_class (self->latest_box, "new-call");
  else
    gtk_widget_remove_css_class (self->latest_box, "new-call");
}

static void
show_recent (GilDisplayPage *self,
             guint           index,
             Call           *call,
             GilRoomItem    *room)
{
  RecentRow *row = &self->recent[index];
  g_autofree char *description = NULL;
  g_autofree char *counter = call != NULL && call->counter > 0 ? gil_counter_label (call->counter) : NULL;

  gtk_widget_set_visible (row->widget, call != NULL);
  gtk_label_set_text (row->ticket_label, call != NULL ? call->ticket : "");
  gil_label_set_optional (row->counter_label, counter);
  gtk_label_set_text (row->room_label, call == NULL ? "" : room != NULL ? gil_room_item_get_name (room) : call->desk);
  gil_label_set_optional (row->name_label, room != NULL ? call_name (self, call, room) : NULL);
  if (call == NULL)
    return;

  description = describe_call (call, room);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
show_card (GilDisplayPage *self,
           RoomCard       *card)
{
  gil_display_card_show (card, current_ticket (self, card));
}

/* Shows the board as it is now: the call held large (else the newest of
 * a shown room), the others shown before in the list, each once, and
 * every room's card. Calls waiting their turn are in neither yet. */
void
gil_display_page_refresh (GilDisplayPage *self)
{
  Call *latest = gil_display_calls_get_shown (self->calls);
  GilRoomItem *latest_room = NULL;
  gboolean has_latest = latest != NULL && shows_call (self, latest, &latest_room);
  guint shown = 0;

  for (guint i = 0; i < gil_display_calls_get_len (self->calls) && shown < RECENT_CALLS; i++)
    {
      Call *call = gil_display_calls_get (self->calls, i);
      GilRoomItem *room;

      if (!shows_call (self, call, &room) || gil_display_calls_is_waiting (self->calls, call->stop_id))
        continue;
      if (!has_latest)
        {
          latest = call;
          latest_room = room;
          has_latest = TRUE;
          continue;
        }
      if (call == latest)
        continue;
      show_recent (self, shown++, call, room);
    }
  show_latest (self, has_latest ? latest : NULL, latest_room);
  for (guint i = shown; i < RECENT_CALLS; i++)
    show_recent (self, i, NULL, NULL);

  for (guint i = 0; i < self->cards->len; i++)
    show_card (self, g_ptr_array_index (self->cards, i));
}

static gboolean
on_new_call_timeout_cb (gpointer user_data)
{
  GilDisplayPage *self = user_data;

  self->new_call_id = 0;
  self->new_stop = 0;
  gtk_widget_remove_css_class (self->latest_box, "new-call");
  return G_SOURCE_REMOVE;
}

/* Highlights the call of @stop_id for a while, when it is the latest. */
void
gil_display_page_highlight (GilDisplayPage *self,
                            gint64          stop_id)
{
  self->new_stop = stop_id;
  g_clear_handle_id (&self->new_call_id, g_source_remove);
  self->new_call_id = g_timeout_add_seconds (NEW_CALL_SECONDS, on_new_call_timeout_cb, self);
}

/* A call that waited its turn is shown large now (gil-display-calls.c). */
static void
on_call_shown_cb (Call     *call,
                  gpointer  user_data)
{
  GilDisplayPage *self = user_data;

  gil_display_page_highlight (self, call->stop_id);
  gil_display_page_refresh (self);
  gil_display_probe_frame (GTK_WIDGET (self), call->stop_id);
}

void
gil_display_page_clear_calls (GilDisplayPage *self)
{
  gil_display_calls_clear (self->calls);
  g_clear_handle_id (&self->new_call_id, g_source_remove);
  self->new_stop = 0;
}

/* ── the rooms ─────────────────────────────────────────────────────── */

/* A room's queue has loaded: its open stops, for a display that started
 * mid-day. */
static void
on_card_loaded_cb (RoomCard *card,
                   gpointer  user_data)
{
  GilDisplayPage *self = user_data;

  take_open_stops (self, card);
  gil_display_page_refresh (self);
}

/* Makes a card for each room shown, keeping the cards (and their loaded
 * queues) of rooms that stay, laid out in balanced rows. */
static void
sync_rooms (GilDisplayPage *self)
{
  GListModel *rooms = G_LIST_MODEL (self->rooms);
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_display_card_free);
  gboolean same = TRUE;
  GtkWidget *child;
  guint rows, columns;

  for (guint i = 0; i < g_list_model_get_n_items (rooms); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (rooms, i);
      RoomCard *card = NULL;

      if (!shows_room (self, room))
        continue;
      for (guint j = 0; j < self->cards->len && card == NULL; j++)
        if (((RoomCard *)g_ptr_array_index (self->cards, j))->room == room)
          {
            card = g_ptr_array_steal_index (self->cards, j);
            same = same && j == 0;
          }
      if (card == NULL)
        {
          card = gil_display_card_new (self->connection, room, on_card_loaded_cb, self);
          same = FALSE;
        }
      g_ptr_array_add (cards, card);
    }
  same = same && self->cards->len == 0;
  g_ptr_array_unref (self->cards);
  self->cards = g_steal_pointer (&cards);
  prune_calls (self);

  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_grid))) != NULL)
        gtk_grid_remove (self->rooms_grid, child);
      rows = (self->cards->len + MAX_COLUMNS - 1) / MAX_COLUMNS;
      columns = rows > 0 ? (self->cards->len + rows - 1) / rows : 1;
      for (guint i = 0; i < self->cards->len; i++)
        {
          RoomCard *card = g_ptr_array_index (self->cards, i);

          gtk_grid_attach (self->rooms_grid, card->widget, i % columns, i / columns, 1, 1);
        }
    }

  gil_display_page_refresh (self);
}

/* A room edited in place (renamed, deactivated) does not change the list's
 * items: each finished load may have. */
static void
on_rooms_notify_loading_cb (GilDisplayPage *self)
{
  if (!gil_room_list_get_loading (self->rooms))
    sync_rooms (self);
}

/* ── the sound ─────────────────────────────────────────────────────── */

/* Staff see when calls are not heard: no sound device, or it failed. */
static void
update_sound_sign (GilDisplayPage *self)
{
  gtk_widget_set_visible (self->sound_sign, gil_announcer_get_failing (gil_announcer_get_default ()));
}

/* ── the object ────────────────────────────────────────────────────── */

static void
build_recent_rows (GilDisplayPage *self)
{
  for (guint i = 0; i < RECENT_CALLS; i++)
    {
      RecentRow *row = &self->recent[i];
      g_autofree char *name = g_strdup_printf ("recent_%u", i);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *ticket = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      row->widget = g_object_new (GTK_TYPE_BOX,
                                  "spacing", 16,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                  "visible", FALSE,
                                  NULL);
      gtk_widget_add_css_class (row->widget, "display-recent-row");
      gtk_widget_set_name (row->widget, name);
      gtk_widget_set_valign (ticket, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row->widget), ticket);
      row->ticket_label = gil_label_append (ticket, "display-recent-ticket", "recent_ticket");
      gtk_label_set_xalign (row->ticket_label, 0);
      row->counter_label = gil_label_append (ticket, "display-recent-counter", "recent_counter");
      gtk_label_set_xalign (row->counter_label, 0);
      gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row->widget), text);
      row->room_label = gil_label_append (text, "display-recent-room", "recent_room");
      row->name_label = gil_label_append (text, "display-recent-patient", "recent_patient");
      gtk_label_set_xalign (row->room_label, 0);
      gtk_label_set_xalign (row->name_label, 0);
      /* A long room name takes a second line rather than losing its end. */
      gtk_label_set_wrap (row->room_label, TRUE);
      gtk_label_set_lines (row->room_label, 2);
      gtk_label_set_ellipsize (row->room_label, PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (row->name_label, PANGO_ELLIPSIZE_END);
      gtk_box_append (self->recent_box, row->widget);
    }
}

/* The scale for the screen (gil-display-scale.c): it follows the window's
 * default size until the window is on screen, then its surface. */
static void
update_scale (GilDisplayPage *self)
{
  gil_display_scale_update (GTK_WIDGET (self));
}

static void
gil_display_page_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (gil_display_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  g_signal_connect_swapped (root, "notify::default-width", G_CALLBACK (update_scale), widget);
  g_signal_connect_swapped (root, "notify::default-height", G_CALLBACK (update_scale), widget);
  update_scale (GIL_DISPLAY_PAGE (widget));
}

static void
gil_display_page_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_root (widget), widget);

  GTK_WIDGET_CLASS (gil_display_page_parent_class)->unroot (widget);
}

static void
gil_display_page_realize (GtkWidget *widget)
{
  GdkSurface *surface;

  GTK_WIDGET_CLASS (gil_display_page_parent_class)->realize (widget);

  surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  g_signal_connect_swapped (surface, "notify::width", G_CALLBACK (update_scale), widget);
  g_signal_connect_swapped (surface, "notify::height", G_CALLBACK (update_scale), widget);
  g_signal_connect_swapped (surface, "notify::mapped", G_CALLBACK (update_scale), widget);
  update_scale (GIL_DISPLAY_PAGE (widget));
}

static void
gil_display_page_unrealize (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_data (gtk_native_get_surface (gtk_widget_get_native (widget)), widget);

  GTK_WIDGET_CLASS (gil_display_page_parent_class)->unrealize (widget);
}

static void
gil_display_page_dispose (GObject *object)
{
  GilDisplayPage *self = (GilDisplayPage *)object;

  g_clear_pointer (&self->clock, gil_display_clock_free);
  g_clear_handle_id (&self->new_call_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_DISPLAY_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->context);
  g_clear_object (&self->rooms);
  g_clear_pointer (&self->room_codes, g_strfreev);
  g_clear_pointer (&self->calls, gil_display_calls_free);

  G_OBJECT_CLASS (gil_display_page_parent_class)->dispose (object);
}

static void
gil_display_page_class_init (GilDisplayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_display_page_dispose;
  widget_class->realize = gil_display_page_realize;
  widget_class->unrealize = gil_display_page_unrealize;
  widget_class->root = gil_display_page_root;
  widget_class->unroot = gil_display_page_unroot;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-display-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GilDisplayPage, name)
  BIND (puskesmas_label);
  BIND (date_label);
  BIND (time_label);
  BIND (latest_box);
  BIND (sound_sign);
  BIND (ticket_label);
  BIND (room_label);
  BIND (patient_label);
  BIND (recent_box);
  BIND (rooms_grid);
#undef BIND
}

static void
gil_display_page_init (GilDisplayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->calls = gil_display_calls_new (on_call_shown_cb, self);
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_display_card_free);
  self->live_after = -1;
  build_recent_rows (self);
  self->clock = gil_display_clock_new (self->date_label, self->time_label);
  /* giliran-bench times each call to its first frame: none waits. */
  if (gil_display_probe_enabled ())
    gil_display_calls_set_hold (self->calls, 0);
  /* Until it is on screen. */
  update_scale (self);
}

/**
 * gil_display_page_new:
 * @room_codes: (nullable) (array zero-terminated=1): the codes of the rooms
 *   to show; %NULL or empty for every active room
 *
 * Returns: (transfer floating): the waiting-room display
 */
GtkWidget *
gil_display_page_new (GilContext         *context,
                      const char * const *room_codes)
{
  GilConnection *connection;
  GilRoomList *rooms;
  GilDisplayPage *self;

  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  connection = gil_context_get_connection (context);
  rooms = gil_context_get_rooms (context);

  self = g_object_new (GIL_TYPE_DISPLAY_PAGE, NULL);
  self->context = g_object_ref (context);
  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  self->room_codes = g_strdupv ((GStrv)room_codes);

  g_signal_connect_object (rooms, "items-changed", G_CALLBACK (sync_rooms), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rooms, "notify::loading", G_CALLBACK (on_rooms_notify_loading_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (gil_announcer_get_default (), "notify::failing",
                           G_CALLBACK (update_sound_sign), self, G_CONNECT_SWAPPED);

  gil_display_page_watch_manager (self);
  sync_rooms (self);
  update_sound_sign (self);
  return GTK_WIDGET (self);
}

/**
 * gil_display_page_set_hold:
 * @hold_ms: how long a new call stays large before the next one
 *
 * The display holds each new call for GIL_DISPLAY_HOLD_MS unless told
 * otherwise here (tests that make many calls).
 */
void
gil_display_page_set_hold (GilDisplayPage *self,
                           guint           hold_ms)
{
  g_return_if_fail (GIL_IS_DISPLAY_PAGE (self));

  gil_display_calls_set_hold (self->calls, hold_ms);
}
