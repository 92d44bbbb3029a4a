/* gil-pairing-page.c — the admin's page for pairing stations
 *
 * What the person at the other computer needs, large enough to read from
 * across a desk: the address to type (on a host, each of this computer's
 * LAN addresses), the pairing code, and the fingerprint of the server's
 * certificate, which the joining computer shows too before it sends the
 * code. A room station's rooms are ticked from the list of rooms. While a
 * code is out, the stations are asked for every few seconds: the moment
 * one pairs, its code disappears and it appears in the list.
 *
 * On a host the page also has the switch that keeps the queue server on
 * this computer only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-connection-rooms.h"
#include "gil-connection-stations.h"
#include "gil-fingerprint.h"
#include "gil-pairing-page.h"
#include "gil-preferences-window.h"
#include "gil-terms.h"

/* How often the stations are asked for while a code is out. */
#define PAIRING_POLL_S 2

struct _GilPairingPage
{
  AdwPreferencesPage  parent_instance;

  GilConnection      *connection;
  GSettings          *settings;
  GilHost            *host;
  GCancellable       *cancellable;
  char               *code_fingerprint;  /* from the code's reply */
  GDateTime          *code_expires;      /* NULL while no code is out */
  gint64              last_station;      /* the newest station id when the code was made */
  guint               poll_id;

  AdwComboRow        *role_row;
  AdwActionRow       *code_row;
  AdwPreferencesGroup *rooms_group;
  GtkFlowBox         *rooms_box;
  GtkLabel           *address_label;
  GtkWidget          *code_box;
  GtkLabel           *code_label;
  GtkLabel           *expiry_label;
  GtkWidget          *fingerprint_box;
  GtkLabel           *fingerprint_label;
  AdwPreferencesGroup *host_group;
  GtkSwitch          *local_only_switch;
  GtkListBox         *stations_box;
};

G_DEFINE_FINAL_TYPE (GilPairingPage, gil_pairing_page, ADW_TYPE_PREFERENCES_PAGE)

static const char * const roles[] = { "registration", "room", "display", "head", "kiosk", NULL };
#define ROOM_ROLE 1

static void load_stations (GilPairingPage *self);

static void
toast (GilPairingPage *self,
       const char     *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (message));
}

static gboolean
failed (GilPairingPage *self,
        const GError   *error)
{
  return gil_preferences_window_report (GTK_WIDGET (self), error);
}

/* ── what the other computer needs ─────────────────────────────────── */

static void
show_address (GilPairingPage *self)
{
  g_auto(GStrv) urls = NULL;
  g_autofree char *text = NULL;
  const char *fingerprint = NULL;

  if (self->host != NULL)
    {
      urls = gil_host_dup_lan_urls (self->host);
      fingerprint = gil_host_get_fingerprint (self->host);
    }
  else
    {
      const char *own[] = { gil_connection_get_base_url (self->connection), NULL };

      urls = g_strdupv ((GStrv)own);
      fingerprint = gil_connection_get_fingerprint (self->connection);
    }
  if (fingerprint == NULL)
    fingerprint = self->code_fingerprint;

  if (self->host != NULL && gil_host_get_local_only (self->host))
    text = g_strdup (_("None: the queue server serves this computer only"));
  else if (urls[0] == NULL)
    text = g_strdup (_("None: this computer is on no network"));
  else
    text = g_strjoinv ("\n", urls);
  gtk_label_set_text (self->address_label, text);

  if (fingerprint != NULL)
    {
      g_autofree char *lines = gil_fingerprint_format_lines (fingerprint);

      gtk_label_set_text (self->fingerprint_label, lines);
    }
  gtk_widget_set_visible (self->fingerprint_box, fingerprint != NULL);
}

static void
hide_code (GilPairingPage *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->code_expires, g_date_time_unref);
  adw_action_row_set_subtitle (self->code_row, "–");
  gtk_label_set_text (self->code_label, "");
  gtk_widget_set_visible (self->code_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->rooms_group),
                          adw_combo_row_get_selected (self->role_row) == ROOM_ROLE);
}

/* ── stations ──────────────────────────────────────────────────────── */

static void
on_revoked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GilPairingPage) self = user_data;
  g_autoptr(GilStationItem) station = NULL;
  g_autoptr(GError) error = NULL;

  station = gil_connection_revoke_station_finish (GIL_CONNECTION (source), result, &error);
  if (failed (self, error))
    return;
  toast (self, _("The station can no longer connect"));
  load_stations (self);
}

static void
on_revoke_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  GilPairingPage *self = user_data;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));

  gil_connection_revoke_station_async (self->connection, id, self->cancellable, on_revoked_cb,
                                       g_object_ref (self));
}

/* @stations: (element-type GilStationItem) */
static GilStationItem *
newest_station (GPtrArray *stations)
{
  GilStationItem *newest = NULL;

  for (guint i = 0; i < stations->len; i++)
    {
      GilStationItem *station = g_ptr_array_index (stations, i);

      if (newest == NULL || gil_station_item_get_id (station) > gil_station_item_get_id (newest))
        newest = station;
    }
  return newest;
}

static gint64
newest_id (GPtrArray *stations)
{
  GilStationItem *newest = newest_station (stations);

  return newest != NULL ? gil_station_item_get_id (newest) : 0;
}

/* @stations: (element-type GilStationItem) */
static void
show_stations (GilPairingPage *self,
               GPtrArray      *stations)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stations_box))) != NULL)
    gtk_list_box_remove (self->stations_box, child);
  for (guint i = 0; i < stations->len; i++)
    {
      GilStationItem *station = g_ptr_array_index (stations, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gil_station_item_get_name (station));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   gil_terms_role_label (gil_station_item_get_role (station)));
      if (gil_station_item_get_revoked (station))
        {
          GtkWidget *label = gtk_label_new (_("Revoked"));

          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      else
        {
          GtkWidget *revoke = gtk_button_new_with_mnemonic (_("_Revoke"));

          gtk_widget_set_valign (revoke, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (revoke, "destructive-action");
          g_object_set_data (G_OBJECT (revoke), "id",
                             GSIZE_TO_POINTER ((gsize)gil_station_item_get_id (station)));
          g_signal_connect (revoke, "clicked", G_CALLBACK (on_revoke_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), revoke);
        }
      gtk_list_box_append (self->stations_box, row);
    }
}

/* Lists the stations, then runs @then with them. */
typedef void (*StationsThen) (GilPairingPage *self,
                              GPtrArray      *stations);

typedef struct
{
  GilPairingPage *self;
  StationsThen    then;
} Listing;

static void
on_stations_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Listing *listing = user_data;
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(GError) error = NULL;

  stations = gil_connection_list_stations_finish (GIL_CONNECTION (source), result, &error);
  if (!failed (listing->self, error))
    listing->then (listing->self, stations);
  g_object_unref (listing->self);
  g_free (listing);
}

static void
list_stations (GilPairingPage *self,
               StationsThen    then)
{
  Listing *listing = g_new0 (Listing, 1);

  listing->self = g_object_ref (self);
  listing->then = then;
  gil_connection_list_stations_async (self->connection, self->cancellable, on_stations_cb, listing);
}

static void
load_stations (GilPairingPage *self)
{
  list_stations (self, show_stations);
}

/* While a code is out: a station newer than the code has used it. */
static void
polled_stations (GilPairingPage *self,
                 GPtrArray      *stations)
{
  GilStationItem *newest = newest_station (stations);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (self->code_expires == NULL)
    return;
  if (newest != NULL && gil_station_item_get_id (newest) > self->last_station)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is paired"), gil_station_item_get_name (newest));

      toast (self, message);
      hide_code (self);
      show_stations (self, stations);
      return;
    }
  if (g_date_time_compare (now, self->code_expires) >= 0)
    hide_code (self);
}

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  list_stations (user_data, polled_stations);
  return G_SOURCE_CONTINUE;
}

/* ── a code ────────────────────────────────────────────────────────── */

static void
show_code (GilPairingPage *self,
           GilPairingCode *pairing_code)
{
  const char *code = gil_pairing_code_get_code (pairing_code);
  GDateTime *until = gil_pairing_code_get_expires_at (pairing_code);
  g_autoptr(GDateTime) local = until != NULL ? g_date_time_to_local (until) : NULL;
  /* TRANSLATORS: a time of day as PUEBI writes it, such as 10.45 */
  g_autofree char *at = local != NULL ? g_date_time_format (local, _("%H.%M")) : g_strdup ("");
  g_autofree char *subtitle = NULL;
  g_autofree char *valid = NULL;

  /* TRANSLATORS: the pairing code and the time it stops working */
  subtitle = g_strdup_printf (_("%s — valid until %s"), code, at);
  adw_action_row_set_subtitle (self->code_row, subtitle);
  gtk_label_set_text (self->code_label, code);
  valid = g_strdup_printf (_("valid until %s"), at);
  gtk_label_set_text (self->expiry_label, valid);
  gtk_widget_set_visible (self->code_box, TRUE);
  /* The rooms are in the code now; the card fits the window without them. */
  gtk_widget_set_visible (GTK_WIDGET (self->rooms_group), FALSE);

  g_free (self->code_fingerprint);
  self->code_fingerprint = g_strdup (gil_pairing_code_get_fingerprint (pairing_code));
  show_address (self);

  g_clear_pointer (&self->code_expires, g_date_time_unref);
  self->code_expires = until != NULL ? g_date_time_ref (until) : g_date_time_new_now_utc ();
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_id = g_timeout_add_seconds (PAIRING_POLL_S, on_poll_timeout_cb, self);
}

static void
on_code_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GilPairingPage) self = user_data;
  g_autoptr(GilPairingCode) code = NULL;
  g_autoptr(GError) error = NULL;

  code = gil_connection_create_pairing_code_finish (GIL_CONNECTION (source), result, &error);
  if (!failed (self, error))
    show_code (self, code);
}

/* The ids of the rooms ticked. */
static GArray *
ticked_rooms (GilPairingPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *check = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "room-id"));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
request_code (GilPairingPage *self,
              GPtrArray      *stations)
{
  const char *role = roles[adw_combo_row_get_selected (self->role_row)];
  g_autoptr(GArray) rooms = NULL;

  self->last_station = newest_id (stations);
  show_stations (self, stations);

  rooms = g_str_equal (role, "room") ? ticked_rooms (self) : g_array_new (FALSE, FALSE, sizeof (gint64));
  gil_connection_create_pairing_code_async (self->connection, role, (const gint64 *)(gpointer)rooms->data,
                                            rooms->len, self->cancellable, on_code_cb,
                                            g_object_ref (self));
}

static gboolean
rooms_ticked (GilPairingPage *self)
{
  g_autoptr(GArray) rooms = ticked_rooms (self);

  return rooms->len > 0;
}

/* The stations first: a station newer than those has used the code. */
static void
on_create_code_cb (GilPairingPage *self)
{
  if (adw_combo_row_get_selected (self->role_row) == ROOM_ROLE && !rooms_ticked (self))
    {
      toast (self, _("Tick the rooms of the new room station"));
      return;
    }
  list_stations (self, request_code);
}

/* ── rooms ─────────────────────────────────────────────────────────── */

static void
on_rooms_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GilPairingPage) self = user_data;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  rooms = gil_connection_list_rooms_finish (GIL_CONNECTION (source), result, &error);
  if (failed (self, error))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box))) != NULL)
    gtk_flow_box_remove (self->rooms_box, child);
  for (guint i = 0; i < rooms->len; i++)
    {
      GilRoomItem *room = g_ptr_array_index (rooms, i);
      GtkWidget *check;

      if (!gil_room_item_get_active (room))
        continue;
      check = gtk_check_button_new_with_label (gil_room_item_get_name (room));
      gtk_widget_set_tooltip_text (check, gil_room_item_get_code (room));
      g_object_set_data (G_OBJECT (check), "room-id", GSIZE_TO_POINTER ((gsize)gil_room_item_get_id (room)));
      gtk_flow_box_append (self->rooms_box, check);
    }
}

static void
on_role_selected_cb (GilPairingPage *self)
{
  gboolean room = adw_combo_row_get_selected (self->role_row) == ROOM_ROLE;

  gtk_widget_set_visible (GTK_WIDGET (self->rooms_group), room);
  if (room && self->connection != NULL && gtk_widget_get_first_child (GTK_WIDGET (self->rooms_box)) == NULL)
    gil_connection_list_rooms_async (self->connection, self->cancellable, on_rooms_cb,
                                     g_object_ref (self));
}

/* ── the host ──────────────────────────────────────────────────────── */

/**
 * gil_pairing_page_set_host:
 * @host: (nullable): the queue server this computer hosts
 *
 * Shows its LAN addresses and fingerprint, and the switch that keeps it
 * on this computer only.
 */
void
gil_pairing_page_set_host (GilPairingPage *self,
                           GilHost        *host)
{
  g_return_if_fail (GIL_IS_PAIRING_PAGE (self));
  g_return_if_fail (host == NULL || GIL_IS_HOST (host));

  if (self->host == host)
    return;
  if (self->host != NULL)
    g_signal_handlers_disconnect_by_func (self->host, show_address, self);
  g_set_object (&self->host, host);
  if (host != NULL)
    {
      g_signal_connect_object (host, "notify::state", G_CALLBACK (show_address), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (host, "notify::local-only", G_CALLBACK (show_address), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (host, "notify::fingerprint", G_CALLBACK (show_address), self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->host_group), host != NULL && self->settings != NULL);
  show_address (self);
}

static void
gil_pairing_page_dispose (GObject *object)
{
  GilPairingPage *self = (GilPairingPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_PAIRING_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);
  g_clear_object (&self->host);
  g_clear_pointer (&self->code_fingerprint, g_free);
  g_clear_pointer (&self->code_expires, g_date_time_unref);

  G_OBJECT_CLASS (gil_pairing_page_parent_class)->dispose (object);
}

static void
gil_pairing_page_class_init (GilPairingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_pairing_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-pairing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, rooms_group);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, rooms_box);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, code_box);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, fingerprint_box);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, host_group);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, local_only_switch);
  gtk_widget_class_bind_template_child (widget_class, GilPairingPage, stations_box);
  gtk_widget_class_bind_template_callback (widget_class, on_create_code_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_role_selected_cb);
}

static void
gil_pairing_page_init (GilPairingPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; roles[i] != NULL; i++)
    gtk_string_list_append (model, gil_terms_role_label (roles[i]));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (model));
}

/**
 * gil_pairing_page_new:
 * @connection: the admin's connection
 * @settings: this computer's settings (the host-local-only switch)
 */
GtkWidget *
gil_pairing_page_new (GilConnection *connection,
                      GSettings     *settings)
{
  GilPairingPage *self;

  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GIL_TYPE_PAIRING_PAGE, NULL);
  self->connection = g_object_ref (connection);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "host-local-only", self->local_only_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (connection, "notify::base-url", G_CALLBACK (show_address), self, G_CONNECT_SWAPPED);
  show_address (self);
  load_stations (self);
  return GTK_WIDGET (self);
}
