/* gil-display-card.c — a room's card on the waiting-room display
 *
 * The room's name, the number it called last and has not finished, and
 * how many wait, from the room's queue as the manager has it. Which
 * number is current is the display's to say (gil-display-page.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-display-card.h"
#include "gil-label.h"

#define NO_NUMBER "—"

static void
on_queue_notify_loading_cb (GilQueueModel  *queue,
                            GParamSpec     *pspec,
                            GilDisplayCard *card)
{
  if (gil_queue_model_get_loading (queue))
    return;
  card->loaded (card, card->user_data);
}

/**
 * gil_display_card_new:
 * @loaded: called each time the room's queue has loaded
 *
 * Returns: (transfer full): the card of @room, its queue loading
 */
GilDisplayCard *
gil_display_card_new (GilConnection      *connection,
                      GilRoomItem        *room,
                      GilDisplayCardFunc  loaded,
                      gpointer            user_data)
{
  GilDisplayCard *card;
  g_autofree char *name = NULL;
  GtkWidget *box;

  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (GIL_IS_ROOM_ITEM (room), NULL);
  g_return_val_if_fail (loaded != NULL, NULL);

  card = g_new0 (GilDisplayCard, 1);
  box = g_object_new (GTK_TYPE_BOX,
                      "orientation", GTK_ORIENTATION_VERTICAL,
                      "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                      NULL);
  /* "card-K3-LANSIA": the room's code, which the admin cannot change. */
  name = g_strconcat ("card-", gil_room_item_get_code (room), NULL);
  gtk_widget_add_css_class (box, "display-card");
  gtk_widget_set_name (box, name);
  card->loaded = loaded;
  card->user_data = user_data;
  card->room = g_object_ref (room);
  card->widget = g_object_ref_sink (box);
  /* Room names are long ("Ruang Pemeriksaan Khusus"): two lines, and the
   * numbers level across a row whether a name takes one or two. */
  card->name_label = gil_label_append (box, "display-card-room", "card_room");
  gtk_label_set_wrap (card->name_label, TRUE);
  gtk_label_set_wrap_mode (card->name_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (card->name_label, 2);
  gtk_label_set_ellipsize (card->name_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_justify (card->name_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_vexpand (GTK_WIDGET (card->name_label), TRUE);
  card->number_label = gil_label_append (box, "display-card-number", "card_number");
  card->waiting_label = gil_label_append (box, "display-card-waiting", "card_waiting");
  card->queue = gil_queue_model_new (connection, gil_room_item_get_id (room));
  g_signal_connect (card->queue, "notify::loading", G_CALLBACK (on_queue_notify_loading_cb), card);
  return card;
}

void
gil_display_card_free (GilDisplayCard *card)
{
  if (card == NULL)
    return;
  g_signal_handlers_disconnect_by_data (card->queue, card);
  g_clear_object (&card->queue);
  g_clear_object (&card->room);
  g_clear_object (&card->widget);
  g_free (card);
}

static guint
waiting_count (GilDisplayCard *card)
{
  GListModel *queue = G_LIST_MODEL (card->queue);
  guint waiting = 0;

  for (guint i = 0; i < g_list_model_get_n_items (queue); i++)
    {
      g_autoptr(GilStopItem) stop = g_list_model_get_item (queue, i);

      if (gil_stop_item_get_status (stop) == GIL_STOP_WAITING)
        waiting++;
    }
  return waiting;
}

/**
 * gil_display_card_show:
 * @ticket: (nullable): the room's current number, if any
 *
 * Shows the room as it is now.
 */
void
gil_display_card_show (GilDisplayCard *card,
                       const char     *ticket)
{
  guint waiting;
  g_autofree char *waiting_text = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (card != NULL);

  waiting = waiting_count (card);
  waiting_text = g_strdup_printf (_("%u waiting"), waiting);
  gtk_label_set_text (card->name_label, gil_room_item_get_name (card->room));
  gtk_label_set_text (card->number_label, ticket != NULL ? ticket : NO_NUMBER);
  gtk_label_set_text (card->waiting_label, waiting_text);

  if (ticket != NULL)
    /* TRANSLATORS: a room on the display: room name, ticket number, waiting count */
    description = g_strdup_printf (_("%s: number %s, %u waiting"),
                                   gil_room_item_get_name (card->room), ticket, waiting);
  else
    /* TRANSLATORS: a room on the display: room name, waiting count */
    description = g_strdup_printf (_("%s: %u waiting"),
                                   gil_room_item_get_name (card->room), waiting);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}
