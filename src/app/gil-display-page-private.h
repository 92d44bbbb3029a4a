/* gil-display-page-private.h — the waiting-room display's parts, shared
 * by its files: the page itself (the board, the rooms) and what it hears
 * from the manager (gil-display-events.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-display-calls.h"
#include "gil-display-card.h"
#include "gil-display-clock.h"
#include "gil-display-page.h"
#include "gil-loket-ticket.h"

G_BEGIN_DECLS

#define RECENT_CALLS      5

typedef GilDisplayCall Call;

typedef GilDisplayCard RoomCard;

typedef struct
{
  GtkWidget *widget;
  GtkLabel  *ticket_label;
  GtkLabel  *counter_label;  /* under the ticket: the room's name is long */
  GtkLabel  *room_label;
  GtkLabel  *name_label;
} RecentRow;

struct _GilDisplayPage
{
  AdwBin         parent_instance;

  GilContext    *context;
  GilConnection *connection;   /* the context's */
  GilRoomList   *rooms;
  GStrv          room_codes;
  gboolean       show_names;   /* the puskesmas shows names on displays */
  GCancellable  *cancellable;
  GilDisplayCalls *calls;         /* newest first, and the one shown large */
  GPtrArray     *cards;           /* element-type RoomCard, in the rooms' order */
  RecentRow      recent[RECENT_CALLS];
  gint64         live_after;      /* events after this seq are new; -1 until known */
  gint64         new_stop;        /* the stop of the highlighted new call, or 0 */
  guint          new_call_id;
  GilDisplayClock *clock;

  GtkLabel      *puskesmas_label;
  GtkLabel      *date_label;
  GtkLabel      *time_label;
  GtkWidget     *latest_box;
  GtkWidget     *sound_sign;
  GtkLabel      *ticket_label;
  GtkLabel      *room_label;
  GtkLabel      *patient_label;
  GtkBox        *recent_box;
  GtkGrid       *rooms_grid;
};

/* gil-display-page.c */
GilRoomItem *gil_display_page_shown_room    (GilDisplayPage *self,
                                             gint64          room_id);
gboolean     gil_display_page_shows_loket   (GilDisplayPage *self);
gboolean     gil_display_page_add_call      (GilDisplayPage *self,
                                             GilStopItem    *stop,
                                             gint64          room_id,
                                             const char     *ticket,
                                             GDateTime      *at,
                                             gint64          seq);
void         gil_display_page_add_loket_call (GilDisplayPage *self,
                                             GilLoketTicket *ticket,
                                             GDateTime      *at,
                                             gint64          seq);
void         gil_display_page_refresh       (GilDisplayPage *self);
void         gil_display_page_highlight     (GilDisplayPage *self,
                                             gint64          stop_id);
void         gil_display_page_clear_calls   (GilDisplayPage *self);

/* gil-display-events.c */
void         gil_display_page_watch_manager (GilDisplayPage *self);

G_END_DECLS
