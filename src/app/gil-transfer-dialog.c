/* gil-transfer-dialog.c — "Send To…": the room a patient goes on to
 *
 * The other active rooms, each a row with a radio button, none chosen: a
 * patient is never sent to whichever room happens to come first. "Send" can be pressed
 * only once a room is chosen; a box says whether the patient comes back
 * afterwards, at their old place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-dialog.h"
#include "gil-transfer-dialog.h"

/* How tall the list of rooms may grow before it scrolls, so the dialog
 * fits an 800×600 screen. */
#define ROOM_LIST_MAX_HEIGHT 260

typedef struct
{
  GtkListBox            *room_list;
  GtkCheckButton        *return_check;
  GPtrArray             *room_checks;  /* the rooms' radio buttons */
  GArray                *room_ids;     /* gint64, parallel to room_checks */
  GilTransferChosenFunc  func;
  gpointer               user_data;
  GDestroyNotify         destroy;
} Transfer;

static void
transfer_free (Transfer *transfer)
{
  if (transfer->destroy != NULL)
    transfer->destroy (transfer->user_data);
  g_array_unref (transfer->room_ids);
  g_ptr_array_unref (transfer->room_checks);
  g_free (transfer);
}

static gint64
chosen_room (Transfer *transfer)
{
  for (guint i = 0; i < transfer->room_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (transfer->room_checks, i)))
      return g_array_index (transfer->room_ids, gint64, i);
  return 0;
}

static void
on_room_toggled_cb (AdwMessageDialog *dialog)
{
  Transfer *transfer = g_object_get_data (G_OBJECT (dialog), "gil-transfer");

  adw_message_dialog_set_response_enabled (dialog, "send", chosen_room (transfer) != 0);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Transfer         *transfer)
{
  gint64 room = chosen_room (transfer);

  if (!g_str_equal (response, "send") || room == 0)
    return;
  transfer->func (room, gtk_check_button_get_active (transfer->return_check), transfer->user_data);
}

/* A room's row: its name and a radio button, in @group unless first. */
static GtkWidget *
room_row (Transfer       *transfer,
          const char     *name,
          GtkCheckButton *group)
{
  GtkCheckButton *check;
  GtkWidget *row = gil_dialog_radio_row_new (name, group, &check);

  g_ptr_array_add (transfer->room_checks, check);
  return row;
}

/* The other active rooms, none chosen. */
static GtkWidget *
build_room_list (Transfer    *transfer,
                 GilRoomList *rooms,
                 gint64       from_room)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  transfer->room_list = gil_dialog_list_new ("rooms", _("Room"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rooms)); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (G_LIST_MODEL (rooms), i);
      gint64 id = gil_room_item_get_id (room);

      if (id == from_room || !gil_room_item_get_active (room))
        continue;
      g_array_append_val (transfer->room_ids, id);
      gtk_list_box_append (transfer->room_list,
                           room_row (transfer, gil_room_item_get_name (room),
                                     transfer->room_checks->len > 0 ? g_ptr_array_index (transfer->room_checks, 0) : NULL));
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), ROOM_LIST_MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (transfer->room_list));
  return scroller;
}

/**
 * gil_transfer_dialog_new:
 * @parent: the window the dialog belongs to
 * @rooms: the rooms to choose from
 * @from_room: the room the patient is in, not offered
 * @item: the patient's stop
 * @func: called with the choice when "Send" is pressed
 * @destroy: (nullable): frees @user_data when the dialog goes
 *
 * Returns: (transfer none): the dialog, to be presented
 */
GtkWidget *
gil_transfer_dialog_new (GtkWindow             *parent,
                         GilRoomList           *rooms,
                         gint64                 from_room,
                         GilStopItem           *item,
                         GilTransferChosenFunc  func,
                         gpointer               user_data,
                         GDestroyNotify         destroy)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  Transfer *transfer;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GIL_IS_ROOM_LIST (rooms), NULL);
  g_return_val_if_fail (GIL_IS_STOP_ITEM (item), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  transfer = g_new0 (Transfer, 1);
  transfer->room_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  transfer->room_checks = g_ptr_array_new ();
  transfer->func = func;
  transfer->user_data = user_data;
  transfer->destroy = destroy;

  heading = g_strdup_printf (_("Send %s To…"), gil_stop_item_get_ticket (item));
  dialog = adw_message_dialog_new (parent, heading,
                                   _("Choose the room the patient goes to next. To have them come back here "
                                     "afterwards, at their old place, tick the box."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), build_room_list (transfer, rooms, from_room));
  transfer->return_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (_("Comes back to this room afterwards")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (transfer->return_check));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "send", _("_Send"),
                          ADW_RESPONSE_SUGGESTED);
  /* Nothing is chosen for the nurse. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send", FALSE);

  g_object_set_data_full (G_OBJECT (dialog), "gil-transfer", transfer, (GDestroyNotify)transfer_free);
  for (guint i = 0; i < transfer->room_checks->len; i++)
    g_signal_connect_object (g_ptr_array_index (transfer->room_checks, i), "toggled",
                             G_CALLBACK (on_room_toggled_cb), dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), transfer);
  return dialog;
}
