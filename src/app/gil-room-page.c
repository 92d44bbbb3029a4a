/* gil-room-page.c — a cluster room's queue and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-room-page.h"

struct _GilRoomPage
{
  AdwBin         parent_instance;

  GilConnection *connection;
  gint64         room_id;
};

G_DEFINE_FINAL_TYPE (GilRoomPage, gil_room_page, ADW_TYPE_BIN)

static void
gil_room_page_dispose (GObject *object)
{
  GilRoomPage *self = (GilRoomPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_ROOM_PAGE);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (gil_room_page_parent_class)->dispose (object);
}

static void
gil_room_page_class_init (GilRoomPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gil_room_page_dispose;
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/org/giliran/Giliran/gil-room-page.ui");
}

static void
gil_room_page_init (GilRoomPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gil_room_page_new (GilConnection *connection,
                   gint64         room_id)
{
  GilRoomPage *self = g_object_new (GIL_TYPE_ROOM_PAGE, NULL);

  self->connection = g_object_ref (connection);
  self->room_id = room_id;
  return GTK_WIDGET (self);
}
