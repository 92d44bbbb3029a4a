/* gil-room-search.c — finding a patient in a long room queue
 *
 * A morning's queue may hold a hundred and fifty patients. Ctrl+F opens
 * a search bar above the list: what the nurse types (a ticket number
 * such as "D-142", "d142" or "142", or part of a name) hides every row
 * that does not match, and the first that does is chosen and scrolled
 * to, so its actions are at hand. Enter takes the keyboard to that row;
 * Escape closes the bar and shows the whole queue again, still at the
 * chosen patient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gil-room-search.h"
#include "gil-stop-row.h"

/* Frames to wait after filtering before scrolling: the rows have their
 * new places only once the list has been laid out again. */
#define JUMP_FRAMES 2

struct _GilRoomSearch
{
  GObject            parent_instance;

  GtkSearchBar      *bar;       /* these belong to the room page, which */
  GtkSearchEntry    *entry;     /* drops this object before them */
  GtkListBox        *list;
  GtkScrolledWindow *scroller;
  char              *query;     /* folded; NULL while nothing is sought */
  guint              jump_id;
  guint              jump_frames;
};

G_DEFINE_FINAL_TYPE (GilRoomSearch, gil_room_search, G_TYPE_OBJECT)

/* Case and the spaces, dashes and dots people type or leave out: "D-142",
 * "d 142" and "D142" are one ticket. */
static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *kept = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p++)
    if (*p != ' ' && *p != '-' && *p != '.')
      g_string_append_c (kept, *p);
  return g_string_free (kept, FALSE);
}

static gboolean
matches_folded (GilStopItem *item,
                const char  *query)
{
  const char *name = gil_stop_item_get_patient_name (item);
  g_autofree char *ticket = fold (gil_stop_item_get_ticket (item) != NULL ? gil_stop_item_get_ticket (item) : "");
  g_autofree char *folded_name = fold (name != NULL ? name : "");

  return strstr (ticket, query) != NULL || strstr (folded_name, query) != NULL;
}

static gboolean
row_matches (GilRoomSearch *self,
             GtkListBoxRow *row)
{
  if (self->query == NULL || !GIL_IS_STOP_ROW (row))
    return TRUE;
  return matches_folded (gil_stop_row_get_item (GIL_STOP_ROW (row)), self->query);
}

/**
 * gil_room_search_filter_row:
 * @row: a row of the list, new or old
 *
 * Shows @row if it matches the search, hides it if not. (A list box bound
 * to a model has no filter function in GTK 4.8; the rows it makes go
 * through here.)
 */
void
gil_room_search_filter_row (GilRoomSearch *self,
                            GtkWidget     *row)
{
  g_return_if_fail (GIL_IS_ROOM_SEARCH (self));
  g_return_if_fail (GTK_IS_LIST_BOX_ROW (row));

  gtk_widget_set_visible (row, row_matches (self, GTK_LIST_BOX_ROW (row)));
}

static void
filter_rows (GilRoomSearch *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    gil_room_search_filter_row (self, GTK_WIDGET (row));
}

static GtkListBoxRow *
selected_row (GilRoomSearch *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  /* GTK 4.8 still returns the last row after gtk_list_box_unselect_all(). */
  return row != NULL && gtk_list_box_row_is_selected (row) ? row : NULL;
}

/* Brings the chosen row into view, in the middle if it was out of it. */
static void
scroll_to_selected (GilRoomSearch *self)
{
  GtkListBoxRow *row = selected_row (self);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self->list));
  graphene_point_t point;
  double page = gtk_adjustment_get_page_size (adjustment);
  double height;

  if (row == NULL || viewport == NULL || !gtk_widget_get_visible (GTK_WIDGET (row)) ||
      !gtk_widget_compute_point (GTK_WIDGET (row), viewport, &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  height = gtk_widget_get_height (GTK_WIDGET (row));
  if (point.y >= 0 && point.y + height <= page)
    return;
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + point.y - (page - height) / 2);
}

static gboolean
jump_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  GilRoomSearch *self = user_data;

  if (++self->jump_frames < JUMP_FRAMES)
    return G_SOURCE_CONTINUE;
  self->jump_id = 0;
  scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

static void
scroll_soon (GilRoomSearch *self)
{
  self->jump_frames = 0;
  if (self->jump_id == 0)
    self->jump_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list), jump_tick_cb, self, NULL);
}

/* Chooses the first patient that matches. */
static void
jump_to_first (GilRoomSearch *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (GIL_IS_STOP_ROW (row) && row_matches (self, row))
      {
        gtk_list_box_select_row (self->list, row);
        break;
      }
  scroll_soon (self);
}

static void
on_search_changed_cb (GilRoomSearch *self)
{
  g_autofree char *query = fold (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  g_clear_pointer (&self->query, g_free);
  if (*query != '\0')
    self->query = g_steal_pointer (&query);
  filter_rows (self);
  if (self->query != NULL)
    jump_to_first (self);
  else
    scroll_soon (self);
}

/* Enter: on to the patient found, whose actions the keys then reach. */
static void
on_search_activate_cb (GilRoomSearch *self)
{
  GtkListBoxRow *row = selected_row (self);

  if (row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/**
 * gil_room_search_start:
 *
 * Opens the search bar with the keyboard in its entry.
 */
void
gil_room_search_start (GilRoomSearch *self)
{
  g_return_if_fail (GIL_IS_ROOM_SEARCH (self));

  gtk_search_bar_set_search_mode (self->bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
gil_room_search_dispose (GObject *object)
{
  GilRoomSearch *self = (GilRoomSearch *)object;

  if (self->list != NULL)
    {
      if (self->jump_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->list), self->jump_id);
      self->jump_id = 0;
      self->list = NULL;
    }

  G_OBJECT_CLASS (gil_room_search_parent_class)->dispose (object);
}

static void
gil_room_search_finalize (GObject *object)
{
  GilRoomSearch *self = (GilRoomSearch *)object;

  g_free (self->query);

  G_OBJECT_CLASS (gil_room_search_parent_class)->finalize (object);
}

static void
gil_room_search_class_init (GilRoomSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gil_room_search_dispose;
  G_OBJECT_CLASS (klass)->finalize = gil_room_search_finalize;
}

static void
gil_room_search_init (GilRoomSearch *self)
{
}

/**
 * gil_room_search_new:
 * @bar: the search bar, a #GtkSearchEntry its child
 * @list: the queue's rows, inside @scroller
 *
 * Returns: (transfer full): the search of @list; drop it before the
 *   widgets go
 */
GilRoomSearch *
gil_room_search_new (GtkSearchBar      *bar,
                     GtkListBox        *list,
                     GtkScrolledWindow *scroller)
{
  GilRoomSearch *self;
  GtkWidget *placeholder;

  g_return_val_if_fail (GTK_IS_SEARCH_BAR (bar), NULL);
  g_return_val_if_fail (GTK_IS_SEARCH_ENTRY (gtk_search_bar_get_child (bar)), NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);
  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scroller), NULL);

  self = g_object_new (GIL_TYPE_ROOM_SEARCH, NULL);
  self->bar = bar;
  self->entry = GTK_SEARCH_ENTRY (gtk_search_bar_get_child (bar));
  self->list = list;
  self->scroller = scroller;

  gtk_search_bar_connect_entry (bar, GTK_EDITABLE (self->entry));
  placeholder = gtk_label_new (_("No patient in the queue matches the search"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (list, placeholder);

  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_search_activate_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}
