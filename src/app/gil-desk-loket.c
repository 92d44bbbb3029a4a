/* gil-desk-loket.c — the registration desk's side of the loket queue
 *
 * The people waiting for the desk took a loket number at the
 * kiosk; the desks (Loket 1, Loket 2, …) share that queue. This panel, at
 * the top of the registration page, calls the next one to this desk
 * (F5), calls them once more (F6) or skips one who did not come, shows the
 * number called large, how many wait and who is next. This desk's name is
 * a setting of this computer (GSettings key "loket-desk", in Preferences),
 * sent with each call and said by the announcement. The ticket this desk
 * called is carried by the visit the clerk registers next
 * (gil-registration-visit.c), then cleared.
 *
 * Each press is one action with its own Idempotency-Key; the list is read
 * again on every loket event, when a day starts and after a reconnection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-api-error.h"
#include "gil-connection-loket.h"
#include "gil-desk-loket.h"
#include "gil-label.h"
#include "gil-queue-event.h"

/* How many of the next tickets the panel names. */
#define N_NEXT 4
/* The API's longest desk name, in characters. */
#define DESK_MAX 40

/* What the panel's message is about, and so when it goes. */
typedef enum
{
  ERROR_NONE,
  ERROR_LOAD,     /* the queue could not be read: until it is */
  ERROR_EMPTY,    /* nobody waited: until somebody does */
  ERROR_ACTION,   /* a press refused: until the next press */
} ErrorKind;

struct _GilDeskLoket
{
  GtkBox          parent_instance;

  GilConnection  *connection;
  GSettings      *settings;
  GCancellable   *cancellable;
  char           *desk;         /* this desk's name, as sent */
  GilLoketTicket *called;       /* called to this desk, not yet registered */
  gboolean        busy;         /* a press is on its way */
  gboolean        loading;
  gboolean        stale;        /* load again when the load under way ends */
  gboolean        read;         /* the day's queue was read once */
  gboolean        outdated;     /* the reading under way began before this desk's last action */
  ErrorKind       error;        /* what the message on show is about */

  GtkLabel       *desk_label;
  GtkLabel       *waiting_label;
  GtkLabel       *number_label;
  GtkLabel       *next_label;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (GilDeskLoket, gil_desk_loket, GTK_TYPE_BOX)

/**
 * gil_desk_loket_name:
 * @settings: the app's settings
 *
 * Returns: (transfer full): this desk's name as the settings say, trimmed
 *   and at most 40 characters; "Loket 1" when it is empty
 */
char *
gil_desk_loket_name (GSettings *settings)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  /* A GSettings string is valid UTF-8. */
  name = g_strstrip (g_settings_get_string (settings, GIL_DESK_LOKET_KEY));
  if (*name == '\0')
    return g_strdup ("Loket 1");
  if (g_utf8_strlen (name, -1) > DESK_MAX)
    *g_utf8_offset_to_pointer (name, DESK_MAX) = '\0';
  return g_strstrip (g_steal_pointer (&name));
}

static void
update_actions (GilDeskLoket *self)
{
  gboolean has_ticket = self->called != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "loket.call-next", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "loket.recall", has_ticket && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "loket.skip", has_ticket && !self->busy);
}

static void
show_called (GilDeskLoket *self)
{
  gtk_label_set_text (self->number_label,
                      self->called != NULL ? gil_loket_ticket_get_ticket (self->called) : "—");
  update_actions (self);
}

static void
show_error (GilDeskLoket *self,
            ErrorKind     kind,
            const char   *message)
{
  self->error = message != NULL ? kind : ERROR_NONE;
  gil_label_set_optional (self->error_label, message);
}

/* The ticket of @called this desk should show: the one it shows while
 * that is still called to it (not registered or skipped meanwhile);
 * on the first reading (the app started again) the latest call to it
 * still called; NULL when none. */
static GilLoketTicket *
find_own (GilDeskLoket *self,
          GPtrArray    *called)
{
  GilLoketTicket *latest = NULL;

  for (guint i = 0; i < called->len; i++)
    {
      GilLoketTicket *ticket = g_ptr_array_index (called, i);

      if (g_strcmp0 (gil_loket_ticket_get_desk (ticket), self->desk) != 0 ||
          g_strcmp0 (gil_loket_ticket_get_status (ticket), "called") != 0)
        continue;
      if (self->called != NULL && gil_loket_ticket_get_id (ticket) == gil_loket_ticket_get_id (self->called))
        return ticket;
      if (latest == NULL && !self->read)
        latest = ticket;
    }
  return latest;
}

/* The day's queue as the manager gave it: how many wait, the next few,
 * and the ticket this desk called that is still called. */
static void
show_list (GilDeskLoket *self,
           GPtrArray    *called,
           GPtrArray    *waiting)
{
  g_autoptr(GString) next = g_string_new (NULL);
  g_autofree char *count = NULL;
  GilLoketTicket *own = find_own (self, called);

  self->read = TRUE;
  if (own != NULL)
    g_set_object (&self->called, own);
  else
    g_clear_object (&self->called);
  if (self->error == ERROR_LOAD || (self->error == ERROR_EMPTY && waiting->len > 0))
    show_error (self, ERROR_NONE, NULL);
  show_called (self);

  count = g_strdup_printf (_("%u waiting"), waiting->len);
  gtk_label_set_text (self->waiting_label, count);
  for (guint i = 0; i < MIN (waiting->len, N_NEXT); i++)
    g_string_append_printf (next, "%s%s", i > 0 ? " · " : "",
                            gil_loket_ticket_get_ticket (g_ptr_array_index (waiting, i)));
  if (waiting->len > N_NEXT)
    g_string_append (next, " …");
  if (next->len > 0)
    {
      /* TRANSLATORS: the next loket numbers, "A-013 · P-002 · B-004" */
      g_autofree char *text = g_strdup_printf (_("Next: %s"), next->str);

      gtk_label_set_text (self->next_label, text);
    }
  else
    gtk_label_set_text (self->next_label, _("Nobody waiting"));
}

static void start_load (GilDeskLoket *self);

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilDeskLoket *self = user_data;
  g_autoptr(GPtrArray) called = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;

  if (!gil_connection_list_loket_tickets_finish (GIL_CONNECTION (source), result,
                                                 &called, &waiting, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
      show_error (self, ERROR_LOAD, error->message);
    }
  else
    {
      self->loading = FALSE;
      /* A list from before this desk's own call or registration would
       * take its ticket from it for a moment: the next reading says. */
      if (!self->outdated)
        show_list (self, called, waiting);
    }
  if (self->stale)
    start_load (self);
}

static void
start_load (GilDeskLoket *self)
{
  self->stale = FALSE;
  self->outdated = FALSE;
  self->loading = TRUE;
  gil_connection_list_loket_tickets_async (self->connection, self->cancellable, on_loaded_cb, self);
}

/* Reads the queue again, once more after a reading under way; after
 * this desk's own action (@own) that reading is not shown. */
static void
reload (GilDeskLoket *self,
        gboolean      own)
{
  if (!self->loading)
    {
      start_load (self);
      return;
    }
  self->stale = TRUE;
  if (own)
    self->outdated = TRUE;
}

/**
 * gil_desk_loket_reload:
 *
 * Reads the day's loket queue again; while a read is under way, once more
 * after it.
 */
void
gil_desk_loket_reload (GilDeskLoket *self)
{
  g_return_if_fail (GIL_IS_DESK_LOKET (self));

  reload (self, FALSE);
}

/* ── pressing ──────────────────────────────────────────────────────── */

/* What went wrong, as the clerk can act on it. */
static const char *
explain (const GError *error)
{
  if (g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_QUEUE_EMPTY))
    return _("Nobody waiting");
  return error->message;
}

/* Whatever the press was, the ticket as it is now, or why not. */
static void
action_done (GilDeskLoket   *self,
             GilLoketTicket *ticket,
             GError         *error)
{
  if (ticket == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (ticket == NULL)
    {
      show_error (self,
                  g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_QUEUE_EMPTY) ? ERROR_EMPTY : ERROR_ACTION,
                  explain (error));
      /* A stale action (the ticket was registered or skipped meanwhile):
       * the list as it is now. */
      if (!g_error_matches (error, GIL_API_ERROR, GIL_API_ERROR_QUEUE_EMPTY))
        reload (self, TRUE);
      update_actions (self);
      return;
    }
  show_error (self, ERROR_NONE, NULL);
  if (g_strcmp0 (gil_loket_ticket_get_status (ticket), "called") == 0)
    g_set_object (&self->called, ticket);
  else
    g_clear_object (&self->called);
  show_called (self);
  reload (self, TRUE);
}

static void
on_called_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket =
    gil_connection_call_next_loket_finish (GIL_CONNECTION (source), result, &error);

  action_done (user_data, ticket, error);
}

static void
on_recalled_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket =
    gil_connection_recall_loket_ticket_finish (GIL_CONNECTION (source), result, &error);

  action_done (user_data, ticket, error);
}

static void
on_skipped_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket =
    gil_connection_skip_loket_ticket_finish (GIL_CONNECTION (source), result, &error);

  action_done (user_data, ticket, error);
}

/* A press starts: nothing else until it is answered. */
static char *
begin_press (GilDeskLoket *self)
{
  self->busy = TRUE;
  update_actions (self);
  return gil_connection_new_action_key ();
}

/**
 * gil_desk_loket_call_next:
 *
 * Calls the next loket ticket to this desk (F5).
 */
void
gil_desk_loket_call_next (GilDeskLoket *self)
{
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_DESK_LOKET (self));

  if (self->busy)
    return;
  key = begin_press (self);
  gil_connection_call_next_loket_async (self->connection, self->desk, key, self->cancellable,
                                        on_called_cb, self);
}

/**
 * gil_desk_loket_recall:
 *
 * Calls the ticket this desk called once more (F6).
 */
void
gil_desk_loket_recall (GilDeskLoket *self)
{
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_DESK_LOKET (self));

  if (self->busy || self->called == NULL)
    return;
  key = begin_press (self);
  gil_connection_recall_loket_ticket_async (self->connection, gil_loket_ticket_get_id (self->called),
                                            key, self->cancellable, on_recalled_cb, self);
}

static void
skip (GilDeskLoket *self)
{
  g_autofree char *key = NULL;

  if (self->busy || self->called == NULL)
    return;
  key = begin_press (self);
  gil_connection_skip_loket_ticket_async (self->connection, gil_loket_ticket_get_id (self->called),
                                          key, self->cancellable, on_skipped_cb, self);
}

static void
loket_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GilDeskLoket *self = GIL_DESK_LOKET (widget);

  if (g_str_equal (action_name, "loket.call-next"))
    gil_desk_loket_call_next (self);
  else if (g_str_equal (action_name, "loket.recall"))
    gil_desk_loket_recall (self);
  else
    skip (self);
}

/* ── what the page asks ────────────────────────────────────────────── */

/**
 * gil_desk_loket_get_desk:
 *
 * Returns: this desk's name, "Loket 2"
 */
const char *
gil_desk_loket_get_desk (GilDeskLoket *self)
{
  g_return_val_if_fail (GIL_IS_DESK_LOKET (self), NULL);

  return self->desk;
}

/**
 * gil_desk_loket_get_ticket:
 *
 * Returns: (nullable) (transfer none): the ticket this desk called and
 *   nobody registered yet: the visit registered next carries it
 */
GilLoketTicket *
gil_desk_loket_get_ticket (GilDeskLoket *self)
{
  g_return_val_if_fail (GIL_IS_DESK_LOKET (self), NULL);

  return self->called;
}

/**
 * gil_desk_loket_clear_ticket:
 * @ticket: the id of a ticket that was registered, or that can no longer
 *   be (used meanwhile)
 *
 * Forgets that ticket, if it is the one on show.
 */
void
gil_desk_loket_clear_ticket (GilDeskLoket *self,
                             gint64        ticket)
{
  g_return_if_fail (GIL_IS_DESK_LOKET (self));

  if (self->called == NULL || gil_loket_ticket_get_id (self->called) != ticket)
    return;
  g_clear_object (&self->called);
  show_called (self);
  reload (self, TRUE);
}

/* ── set-up ────────────────────────────────────────────────────────── */

static void
on_queue_event_cb (GilConnection *connection,
                   GilQueueEvent *event,
                   GilDeskLoket  *self)
{
  const char *type = gil_queue_event_get_event_type (event);

  if (g_str_has_prefix (type, "loket.") || g_str_equal (type, "day.started"))
    gil_desk_loket_reload (self);
}

static void
on_online_cb (GilDeskLoket *self)
{
  gboolean online = FALSE;

  g_object_get (self->connection, "online", &online, NULL);
  if (online)
    gil_desk_loket_reload (self);
}

static void
on_desk_changed_cb (GilDeskLoket *self)
{
  g_autofree char *name = gil_desk_loket_name (self->settings);

  if (g_strcmp0 (name, self->desk) == 0)
    return;
  g_free (self->desk);
  self->desk = g_steal_pointer (&name);
  gtk_label_set_text (self->desk_label, self->desk);
  gil_desk_loket_reload (self);
}

static GtkWidget *
action_button (const char *label,
               const char *action,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
build (GilDeskLoket *self)
{
  GtkWidget *box = GTK_WIDGET (self);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *call;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "desk-loket");

  self->desk_label = gil_label_append (top, "heading", "loket_desk");
  gtk_widget_set_hexpand (GTK_WIDGET (self->desk_label), TRUE);
  gtk_label_set_xalign (self->desk_label, 0);
  self->waiting_label = gil_label_append (top, "dim-label", "loket_waiting");
  gtk_box_append (GTK_BOX (box), top);

  self->number_label = gil_label_append (middle, "loket-number", "loket_called");
  gtk_widget_set_hexpand (GTK_WIDGET (self->number_label), TRUE);
  gtk_label_set_xalign (self->number_label, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->number_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loket number called"), -1);
  call = action_button (_("Call Next"), "loket.call-next",
                        _("Call the next loket number to this desk (F5)"));
  gtk_widget_set_valign (call, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (call, "suggested-action");
  gtk_widget_add_css_class (call, "pill");
  gtk_box_append (GTK_BOX (middle), call);
  gtk_box_append (GTK_BOX (box), middle);

  self->next_label = gil_label_append (box, "dim-label", "loket_next");
  gtk_label_set_xalign (self->next_label, 0);
  gtk_label_set_ellipsize (self->next_label, PANGO_ELLIPSIZE_END);

  gtk_box_set_homogeneous (GTK_BOX (bottom), TRUE);
  gtk_box_append (GTK_BOX (bottom), action_button (_("Call Again"), "loket.recall",
                                                   _("Call this loket number once more (F6)")));
  gtk_box_append (GTK_BOX (bottom), action_button (_("Skip"), "loket.skip",
                                                   _("The person called did not come")));
  gtk_box_append (GTK_BOX (box), bottom);

  self->error_label = gil_label_append (box, "field-error", "loket_error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gil_label_set_optional (self->error_label, NULL);
}

static void
gil_desk_loket_dispose (GObject *object)
{
  GilDeskLoket *self = (GilDeskLoket *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->called);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->desk, g_free);

  G_OBJECT_CLASS (gil_desk_loket_parent_class)->dispose (object);
}

static void
gil_desk_loket_class_init (GilDeskLoketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_desk_loket_dispose;
  gtk_widget_class_install_action (widget_class, "loket.call-next", NULL, loket_action);
  gtk_widget_class_install_action (widget_class, "loket.recall", NULL, loket_action);
  gtk_widget_class_install_action (widget_class, "loket.skip", NULL, loket_action);
}

static void
gil_desk_loket_init (GilDeskLoket *self)
{
  self->cancellable = g_cancellable_new ();
  build (self);
  show_called (self);
}

/**
 * gil_desk_loket_new:
 * @context: the station's connection and settings
 *
 * Returns: the desk's loket panel, reading the day's queue
 */
GtkWidget *
gil_desk_loket_new (GilContext *context)
{
  GilDeskLoket *self;

  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  self = g_object_new (GIL_TYPE_DESK_LOKET, NULL);
  self->connection = g_object_ref (gil_context_get_connection (context));
  self->settings = g_object_ref (gil_context_get_settings (context));
  self->desk = gil_desk_loket_name (self->settings);
  gtk_label_set_text (self->desk_label, self->desk);
  gtk_label_set_text (self->next_label, "");
  g_signal_connect_object (self->settings, "changed::" GIL_DESK_LOKET_KEY,
                           G_CALLBACK (on_desk_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "queue-event", G_CALLBACK (on_queue_event_cb), self, 0);
  g_signal_connect_object (self->connection, "notify::online", G_CALLBACK (on_online_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "snapshot", G_CALLBACK (gil_desk_loket_reload), self,
                           G_CONNECT_SWAPPED);
  start_load (self);
  return GTK_WIDGET (self);
}
