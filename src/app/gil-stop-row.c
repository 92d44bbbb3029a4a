/* gil-stop-row.c — one patient in a room's queue
 *
 * The ticket large, the patient's name, where the stop stands (waiting
 * and for how long, called and how often, being served), a status pill
 * that tells called, being served and waiting apart at a glance, where a
 * patient comes back from or goes back to, and a badge for emergency and
 * priority patients with the reason. Follows its item: any
 * change the manager reports is shown at once; the waiting time is
 * brought up to date by gil_stop_row_update().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-counter.h"
#include "gil-stop-row.h"
#include "gil-terms.h"

struct _GilStopRow
{
  GtkListBoxRow  parent_instance;

  GilStopItem   *item;
  GilRoomList   *rooms;
  GtkWidget     *ticket_label;
  GtkWidget     *name_label;
  GtkWidget     *state_label;
  GtkWidget     *route_label;
  GtkWidget     *pill;
  GtkWidget     *pill_icon;
  GtkWidget     *pill_label;
  GtkWidget     *badge;
  const char    *state_class;  /* the row's and the pill's; static */
};

/* How each state looks in the list: the pill's words, icon and class.
 * The classes are styled in style.css (called bold, being served in the
 * accent colour); the words and icon say the same without colour. */
static const struct
{
  GilStopStatus status;
  const char   *css_class;
  const char   *label;
  const char   *icon;
} looks[] = {
  { GIL_STOP_WAITING, "waiting", N_("Waiting"), "preferences-system-time-symbolic" },
  { GIL_STOP_CALLED, "called", N_("Called"), "audio-volume-high-symbolic" },
  { GIL_STOP_SERVING, "serving", N_("Being served"), "avatar-default-symbolic" },
  { GIL_STOP_SKIPPED, "skipped", N_("Skipped"), "action-unavailable-symbolic" },
};

G_DEFINE_FINAL_TYPE (GilStopRow, gil_stop_row, GTK_TYPE_LIST_BOX_ROW)

static int
minutes_since (GDateTime *then)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (then == NULL)
    return 0;
  return MAX (g_date_time_difference (now, then) / G_TIME_SPAN_MINUTE, 0);
}

/* Two PCs on one room: which counter called the patient, while they are
 * called or in service (gil-counter.c). */
static void
append_counter (GString     *text,
                GilStopItem *item)
{
  GilStopStatus status = gil_stop_item_get_status (item);
  g_autofree char *counter = NULL;

  if (gil_stop_item_get_counter (item) == 0 ||
      (status != GIL_STOP_CALLED && status != GIL_STOP_SERVING))
    return;
  counter = gil_counter_label (gil_stop_item_get_counter (item));
  g_string_append_printf (text, " · %s", counter);
}

/* "Waiting 12 min", "Called 2×, 3 min ago", "Being served for 5 min"… */
static char *
describe_state (GilStopItem *item)
{
  GilStopStatus status = gil_stop_item_get_status (item);
  g_autoptr(GString) text = g_string_new (NULL);
  int minutes;

  if (status == GIL_STOP_WAITING)
    {
      minutes = minutes_since (gil_stop_item_get_waiting_since (item));
      g_string_printf (text, ngettext ("No. %u in line, waiting %d min",
                                       "No. %u in line, waiting %d min", minutes),
                       gil_stop_item_get_position (item), minutes);
    }
  else if (status == GIL_STOP_CALLED)
    {
      minutes = minutes_since (gil_stop_item_get_called_at (item));
      g_string_printf (text, ngettext ("Called %u×, %d min ago",
                                       "Called %u×, %d min ago", minutes),
                       gil_stop_item_get_calls (item), minutes);
    }
  else if (status == GIL_STOP_SERVING)
    {
      minutes = minutes_since (gil_stop_item_get_started_at (item));
      g_string_printf (text, ngettext ("Being served for %d min",
                                       "Being served for %d min", minutes),
                       minutes);
    }
  else if (status == GIL_STOP_SKIPPED)
    g_string_assign (text, _("Did not come when called"));
  else
    g_string_assign (text, gil_stop_status_label (status));

  append_counter (text, item);
  if (gil_stop_item_get_out_of_order (item))
    g_string_append_printf (text, " · %s", _("called out of order"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
room_name (GilStopRow *self,
           gint64      id)
{
  return self->rooms != NULL ? gil_room_list_get_name (self->rooms, id) : NULL;
}

/* "back from Laboratorium" on the room's list, "back to Ruang Usia
 * Dewasa" on the laboratory's; NULL for a patient going nowhere after. */
static char *
describe_route (GilStopRow *self)
{
  gint64 back_from = gil_stop_item_get_back_from (self->item);
  gint64 return_room = gil_stop_item_get_return_room (self->item);
  const char *name;

  if (back_from != 0)
    {
      name = room_name (self, back_from);
      return name != NULL ? g_strdup_printf (_("back from %s"), name)
                          : g_strdup (_("back from another room"));
    }
  if (return_room != 0)
    {
      name = room_name (self, return_room);
      return name != NULL ? g_strdup_printf (_("returns to %s"), name)
                          : g_strdup (_("returns to the sending room afterwards"));
    }
  return NULL;
}

/* The pill and the row's class for the stop's state. */
static void
update_state_look (GilStopRow *self)
{
  GilStopStatus status = gil_stop_item_get_status (self->item);
  const char *state_class = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    if (status == looks[i].status)
      {
        state_class = looks[i].css_class;
        gtk_label_set_text (GTK_LABEL (self->pill_label), _(looks[i].label));
        gtk_image_set_from_icon_name (GTK_IMAGE (self->pill_icon), looks[i].icon);
      }

  if (self->state_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), self->state_class);
      gtk_widget_remove_css_class (self->pill, self->state_class);
    }
  self->state_class = state_class;
  gtk_widget_set_visible (self->pill, state_class != NULL);
  if (state_class == NULL)
    return;
  gtk_widget_add_css_class (GTK_WIDGET (self), state_class);
  gtk_widget_add_css_class (self->pill, state_class);
}

static void
update_badge (GilStopRow *self)
{
  const char *priority = gil_stop_item_get_priority (self->item);
  const char *reason = gil_stop_item_get_priority_reason (self->item);
  GilPriority known = GIL_PRIORITY_NORMAL;

  gil_priority_from_string (priority, &known);
  gtk_widget_set_visible (self->badge, known != GIL_PRIORITY_NORMAL);
  gtk_widget_remove_css_class (self->badge, "emergency");
  gtk_widget_remove_css_class (self->badge, "priority");
  if (known == GIL_PRIORITY_NORMAL)
    return;

  gtk_widget_add_css_class (self->badge, gil_priority_to_string (known));
  /* "Emergency: emergency" says nothing more than "Emergency". */
  if (reason != NULL && *reason != '\0' &&
      g_utf8_collate (reason, gil_priority_label (known)) != 0 &&
      g_ascii_strcasecmp (reason, gil_priority_label (known)) != 0)
    {
      g_autofree char *text = g_strdup_printf ("%s: %s", gil_priority_label (known), reason);

      gtk_label_set_text (GTK_LABEL (self->badge), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->badge), gil_priority_label (known));
}

/**
 * gil_stop_row_update:
 *
 * Shows the item as it is now, with waiting times counted to this minute.
 */
void
gil_stop_row_update (GilStopRow *self)
{
  g_autofree char *state = NULL;
  g_autofree char *route = NULL;
  g_autofree char *summary = NULL;
  const char *name;

  g_return_if_fail (GIL_IS_STOP_ROW (self));

  name = gil_stop_item_get_patient_name (self->item);
  state = describe_state (self->item);
  gtk_label_set_text (GTK_LABEL (self->ticket_label), gil_stop_item_get_ticket (self->item));
  gtk_label_set_text (GTK_LABEL (self->name_label), name != NULL ? name : "");
  gtk_widget_set_visible (self->name_label, name != NULL);
  gtk_label_set_text (GTK_LABEL (self->state_label), state);
  route = describe_route (self);
  gtk_label_set_text (GTK_LABEL (self->route_label), route != NULL ? route : "");
  gtk_widget_set_visible (self->route_label, route != NULL);
  update_state_look (self);
  update_badge (self);

  summary = g_strjoin (", ", gil_stop_item_get_ticket (self->item),
                       name != NULL ? name : state, name != NULL ? state : route,
                       name != NULL ? route : NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
}

static void
on_item_notify_cb (GilStopRow *self)
{
  gil_stop_row_update (self);
}

static void
gil_stop_row_dispose (GObject *object)
{
  GilStopRow *self = (GilStopRow *)object;

  g_clear_object (&self->item);
  g_clear_object (&self->rooms);

  G_OBJECT_CLASS (gil_stop_row_parent_class)->dispose (object);
}

static void
gil_stop_row_class_init (GilStopRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = gil_stop_row_dispose;
}

static void
gil_stop_row_init (GilStopRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  self->ticket_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->ticket_label, "queue-ticket");
  gtk_label_set_width_chars (GTK_LABEL (self->ticket_label), 6);
  gtk_label_set_xalign (GTK_LABEL (self->ticket_label), 0);
  gtk_box_append (GTK_BOX (box), self->ticket_label);

  self->name_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->name_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), self->name_label);

  self->state_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->state_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->state_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->state_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), self->state_label);

  self->route_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->route_label, "stop-route");
  gtk_label_set_xalign (GTK_LABEL (self->route_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->route_label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), self->route_label);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);

  self->pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->pill, "status-pill");
  gtk_widget_set_name (self->pill, "status_pill");
  gtk_widget_set_valign (self->pill, GTK_ALIGN_CENTER);
  self->pill_icon = gtk_image_new ();
  gtk_widget_set_name (self->pill_icon, "status_icon");
  gtk_box_append (GTK_BOX (self->pill), self->pill_icon);
  self->pill_label = gtk_label_new (NULL);
  gtk_box_append (GTK_BOX (self->pill), self->pill_label);
  gtk_box_append (GTK_BOX (box), self->pill);

  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "priority-badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_label_set_ellipsize (GTK_LABEL (self->badge), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->badge), 32);
  gtk_box_append (GTK_BOX (box), self->badge);

  gtk_widget_add_css_class (GTK_WIDGET (self), "stop-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

/**
 * gil_stop_row_new:
 * @rooms: (nullable): the rooms, to name where a patient comes back from
 *   or goes back to
 */
GtkWidget *
gil_stop_row_new (GilStopItem *item,
                  GilRoomList *rooms)
{
  GilStopRow *self;

  g_return_val_if_fail (GIL_IS_STOP_ITEM (item), NULL);
  g_return_val_if_fail (rooms == NULL || GIL_IS_ROOM_LIST (rooms), NULL);

  self = g_object_new (GIL_TYPE_STOP_ROW, NULL);
  self->item = g_object_ref (item);
  self->rooms = rooms != NULL ? g_object_ref (rooms) : NULL;
  /* The rooms may come in after the queue: name them then. */
  if (rooms != NULL)
    g_signal_connect_object (rooms, "items-changed", G_CALLBACK (on_item_notify_cb),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify_cb),
                           self, G_CONNECT_SWAPPED);
  gil_stop_row_update (self);
  return GTK_WIDGET (self);
}

/**
 * gil_stop_row_get_item:
 *
 * Returns: (transfer none): the stop the row shows
 */
GilStopItem *
gil_stop_row_get_item (GilStopRow *self)
{
  g_return_val_if_fail (GIL_IS_STOP_ROW (self), NULL);

  return self->item;
}
