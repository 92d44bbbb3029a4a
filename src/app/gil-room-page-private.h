/* gil-room-page-private.h — a room page's parts, shared by its files: the
 * page itself (the queue, the header, keeping the keyboard) and what it
 * sends to the manager (gil-room-actions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-queue-model.h"
#include "gil-room-page.h"
#include "gil-room-search.h"

G_BEGIN_DECLS

struct _GilRoomPage
{
  AdwBin           parent_instance;

  GilContext      *context;
  GilConnection   *connection;   /* the context's */
  GilRoomList     *rooms;
  gint64           room_id;
  GilQueueModel   *queue;
  GCancellable    *cancellable;
  gint64           selected_stop;   /* kept across reloads; 0 for none */
  gboolean         busy;            /* an action is on its way */
  char            *pending_action;  /* the last action that failed to arrive */
  gint64           pending_target;
  char            *pending_key;
  guint            tick_id;
  gboolean         shown_once;      /* the first load has been shown */
  gboolean         rebuilding;      /* selections now are GTK's, not the user's */
  gboolean         had_focus;       /* the window's keyboard was last in this page */
  GtkWidget       *last_focus;      /* weak: where in this page it was */
  gint64           last_focus_stop; /* the stop whose row had it; 0 for none */
  guint            refocus_id;
  gint64           called_stop;     /* this station's last call, in the header; 0 for none */
  char            *called_ticket;
  char            *called_why;
  gboolean         called_seen;     /* the list has shown that call */
  GilRoomSearch   *search;

  GtkLabel        *next_label;
  GtkLabel        *why_label;
  GtkLabel        *called_label;
  GtkLabel        *totals_label;
  GtkStack        *list_stack;
  GtkListBox      *queue_list;
  GtkScrolledWindow *queue_scroller;
  GtkSearchBar    *search_bar;
  GtkFlowBox      *actions_box;
  GtkLabel        *selected_label;
  GtkWidget       *call_next_button;
  GtkWidget       *history_button;
};

/* gil-room-page.c */
GilStopItem *gil_room_page_selected_item      (GilRoomPage    *self);
gboolean     gil_room_page_is_admin           (GilRoomPage    *self);
void         gil_room_page_update_actions     (GilRoomPage    *self);
void         gil_room_page_toast              (GilRoomPage    *self,
                                               const char     *message);
void         gil_room_page_set_called         (GilRoomPage    *self,
                                               GilStopItem    *stop);
void         gil_room_page_refresh            (GilRoomPage    *self);
void         gil_room_page_take_back_focus    (GilRoomPage    *self);

/* gil-room-actions.c */
void         gil_room_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
