/* gil-display-page.c — the waiting-room display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-display-page.h"

struct _GilDisplayPage
{
  AdwBin         parent_instance;

  GilConnection *connection;
  GilRoomList   *rooms;
  GStrv          room_codes;
};

G_DEFINE_FINAL_TYPE (GilDisplayPage, gil_display_page, ADW_TYPE_BIN)

static void
gil_display_page_dispose (GObject *object)
{
  GilDisplayPage *self = (GilDisplayPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_DISPLAY_PAGE);
  g_clear_object (&self->connection);
  g_clear_object (&self->rooms);
  g_clear_pointer (&self->room_codes, g_strfreev);

  G_OBJECT_CLASS (gil_display_page_parent_class)->dispose (object);
}

static void
gil_display_page_class_init (GilDisplayPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gil_display_page_dispose;
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass),
                                               "/org/giliran/Giliran/gil-display-page.ui");
}

static void
gil_display_page_init (GilDisplayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gil_display_page_new (GilConnection      *connection,
                      GilRoomList        *rooms,
                      const char * const *room_codes)
{
  GilDisplayPage *self = g_object_new (GIL_TYPE_DISPLAY_PAGE, NULL);

  self->connection = g_object_ref (connection);
  self->rooms = g_object_ref (rooms);
  self->room_codes = g_strdupv ((GStrv)room_codes);
  return GTK_WIDGET (self);
}
