/* gil-display-card.h — a room's card on the waiting-room display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-queue-model.h"
#include "gil-room-item.h"

G_BEGIN_DECLS

typedef struct _GilDisplayCard GilDisplayCard;

/* Called when the card's queue has loaded. */
typedef void (*GilDisplayCardFunc) (GilDisplayCard *card,
                                    gpointer        user_data);

struct _GilDisplayCard
{
  GilRoomItem        *room;
  GilQueueModel      *queue;
  GtkWidget          *widget;
  GtkLabel           *name_label;
  GtkLabel           *number_label;
  GtkLabel           *waiting_label;
  GilDisplayCardFunc  loaded;
  gpointer            user_data;
};

GilDisplayCard *gil_display_card_new  (GilConnection      *connection,
                                       GilRoomItem        *room,
                                       GilDisplayCardFunc  loaded,
                                       gpointer            user_data);
void            gil_display_card_free (GilDisplayCard     *card);
void            gil_display_card_show (GilDisplayCard     *card,
                                       const char         *ticket);

G_END_DECLS
