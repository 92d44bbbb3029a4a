/* gil-kiosk-page.c — the ticket kiosk: a number for the registration desk
 *
 * A full-screen touch page at the entrance: the puskesmas's name and one
 * big button per series in use (BPJS, Umum, Prioritas…). A press takes a
 * loket ticket (gil_connection_take_loket_ticket_async(), one
 * Idempotency-Key for the press and its retries, so a lost reply never
 * takes a second number) and prints it on the ticket printer
 * (gil_ticket_printer_print_loket()); the number and how many are ahead
 * stay large for a few seconds. A print that fails says so with the
 * number to note down and a button to print the same ticket again.
 *
 * A kiosk sees no patient and hears no events (the manager refuses it
 * the stream): it asks for the series on a timer and after each ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-loket.h"
#include "gil-connection-profile.h"
#include "gil-display-scale.h"
#include "gil-kiosk-page.h"
#include "gil-ticket-printer.h"

/* How long a printed number stays large. */
#define HOLD_MS          6000
/* How often the series are asked again. */
#define SERIES_EVERY_S   60
/* How long the printer is looked for before the ticket is said not to
 * print (gil-printer-finder.c). */
#define PRINTER_WAIT_MS  10000
/* A failed print waits this long for someone to note the number. */
#define FAILED_HOLD_MS   120000

struct _GilKioskPage
{
  AdwBin          parent_instance;

  GilContext     *context;
  GilConnection  *connection;     /* the context's */
  GCancellable   *cancellable;
  char           *puskesmas;
  char           *output;         /* a PDF file instead of the printer (tests) */
  char           *series_shown;   /* describe_series() of the buttons */
  guint           hold_ms;
  guint           series_timer_id;
  guint           back_id;

  /* The press being answered, or the last that failed: its series and
   * its key, kept across retries. */
  char           *pending_series;
  char           *pending_key;
  gboolean        taking;
  gboolean        printing;
  guint           printer_wait_ms;
  GilLoketTicket *ticket;         /* the ticket shown, printed or not */

  GtkLabel       *puskesmas_label;
  GtkStack       *stack;
  GtkBox         *series_box;
  GtkLabel       *status_label;
  GtkWidget      *retry_take_button;
  GtkLabel       *number_label;
  GtkLabel       *ahead_label;
  GtkLabel       *print_label;
  GtkWidget      *failed_box;
};

G_DEFINE_FINAL_TYPE (GilKioskPage, gil_kiosk_page, ADW_TYPE_BIN)

static void load_series (GilKioskPage *self);

/* ── the buttons ───────────────────────────────────────────────────── */

static void take (GilKioskPage *self);

static void
on_series_clicked_cb (GtkButton    *button,
                      GilKioskPage *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "series");

  if (self->taking)
    return;
  /* A new press: a new key. */
  g_free (self->pending_series);
  self->pending_series = g_strdup (code);
  g_free (self->pending_key);
  self->pending_key = g_uuid_string_random ();
  take (self);
}

static GtkWidget *
new_series_button (GilKioskPage   *self,
                   GilLoketSeries *series)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *code = gtk_label_new (gil_loket_series_get_code (series));
  GtkWidget *name = gtk_label_new (gil_loket_series_get_name (series));
  g_autofree char *widget_name = g_strconcat ("kiosk_series_", gil_loket_series_get_code (series), NULL);

  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (code, "kiosk-series-code");
  gtk_widget_add_css_class (name, "kiosk-series-name");
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_valign (words, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (words), name);
  /* Who may take a priority number, said on its button. */
  if (gil_loket_series_get_priority (series))
    {
      GtkWidget *who = gtk_label_new (_("Elderly, pregnant women, people with disabilities, small children"));

      gtk_widget_add_css_class (who, "kiosk-series-who");
      gtk_label_set_wrap (GTK_LABEL (who), TRUE);
      gtk_label_set_xalign (GTK_LABEL (who), 0);
      gtk_box_append (GTK_BOX (words), who);
    }
  gtk_box_append (GTK_BOX (box), code);
  gtk_box_append (GTK_BOX (box), words);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_name (button, widget_name);
  gtk_widget_add_css_class (button, "kiosk-series");
  gtk_widget_add_css_class (button, gil_loket_series_get_priority (series) ? "kiosk-priority"
                                                                            : "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gil_loket_series_get_name (series), -1);
  g_object_set_data_full (G_OBJECT (button), "series", g_strdup (gil_loket_series_get_code (series)),
                          g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_series_clicked_cb), self);
  return button;
}

/* What the buttons show of @series, to leave them be when it is the
 * same: a button pressed or focused is not taken from under a finger. */
static char *
describe_series (GPtrArray *series)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < series->len; i++)
    {
      GilLoketSeries *one = g_ptr_array_index (series, i);

      if (gil_loket_series_get_active (one))
        g_string_append_printf (text, "%s\t%s\t%d\n", gil_loket_series_get_code (one),
                                gil_loket_series_get_name (one), gil_loket_series_get_priority (one));
    }
  return g_string_free (text, FALSE);
}

static void
show_series (GilKioskPage *self,
             GPtrArray    *series)
{
  g_autofree char *shown = describe_series (series);
  GtkWidget *child;

  if (g_strcmp0 (shown, self->series_shown) == 0)
    return;
  g_free (self->series_shown);
  self->series_shown = g_steal_pointer (&shown);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->series_box))) != NULL)
    gtk_box_remove (self->series_box, child);
  for (guint i = 0; i < series->len; i++)
    {
      GilLoketSeries *one = g_ptr_array_index (series, i);

      if (gil_loket_series_get_active (one))
        gtk_box_append (self->series_box, new_series_button (self, one));
    }
}

/* A problem on the first page: said, with a button to try again when a
 * press can be retried. */
static void
show_problem (GilKioskPage *self,
              const char   *problem,
              gboolean      retry)
{
  gtk_label_set_text (self->status_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), problem != NULL);
  gtk_widget_set_visible (self->retry_take_button, retry);
}

static void
on_series_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilKioskPage) self = user_data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GError) error = NULL;

  series = gil_connection_list_loket_series_finish (GIL_CONNECTION (source), result, &error);
  if (series == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("cannot load the loket series: %s", error->message);
      if (gtk_widget_get_first_child (GTK_WIDGET (self->series_box)) == NULL)
        show_problem (self, _("The queue server cannot be reached. Please ask at the registration desk."),
                      FALSE);
      return;
    }
  if (!self->taking && self->pending_key == NULL)
    show_problem (self, NULL, FALSE);
  show_series (self, series);
}

static void
load_series (GilKioskPage *self)
{
  gil_connection_list_loket_series_async (self->connection, self->cancellable, on_series_cb,
                                          g_object_ref (self));
}

static gboolean
on_series_timer_cb (gpointer user_data)
{
  load_series (GIL_KIOSK_PAGE (user_data));
  return G_SOURCE_CONTINUE;
}

/* ── a ticket ──────────────────────────────────────────────────────── */

static void
back_to_choose (GilKioskPage *self)
{
  g_clear_handle_id (&self->back_id, g_source_remove);
  g_clear_object (&self->ticket);
  gtk_stack_set_visible_child_name (self->stack, "choose");
}

static gboolean
on_back_cb (gpointer user_data)
{
  GilKioskPage *self = user_data;

  self->back_id = 0;
  back_to_choose (self);
  return G_SOURCE_REMOVE;
}

/* How it went: the number taken and printed, or to be noted down. */
static void
on_printed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GilKioskPage) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *number;

  if (!gil_ticket_printer_print_loket_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->printing = FALSE;
  gtk_widget_set_sensitive (self->failed_box, TRUE);
  if (self->ticket == NULL)
    return;
  number = gil_loket_ticket_get_ticket (self->ticket);
  g_clear_handle_id (&self->back_id, g_source_remove);
  if (error == NULL)
    {
      gtk_label_set_text (self->print_label, _("Please take your ticket"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->print_label), "kiosk-problem");
      gtk_widget_set_visible (self->failed_box, FALSE);
      self->back_id = g_timeout_add (self->hold_ms, on_back_cb, self);
    }
  else
    {
      /* TRANSLATORS: %s is the loket ticket's number, as A-012 */
      g_autofree char *text = g_strdup_printf (_("The ticket did not print — note your number: %s"),
                                               number);

      g_message ("ticket %s did not print: %s", number, error->message);
      gtk_label_set_text (self->print_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->print_label), "kiosk-problem");
      gtk_widget_set_visible (self->failed_box, TRUE);
      self->back_id = g_timeout_add (FAILED_HOLD_MS, on_back_cb, self);
    }
}

/* Prints the ticket shown; on_printed_cb() says how it went. */
static void
print_ticket (GilKioskPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->printing)
    return;
  self->printing = TRUE;
  gtk_widget_set_sensitive (self->failed_box, FALSE);
  gtk_label_set_text (self->print_label, _("Printing…"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->print_label), "kiosk-problem");
  gil_ticket_printer_print_loket_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->puskesmas != NULL ? self->puskesmas : _("Puskesmas"),
                                        self->ticket, self->output, self->printer_wait_ms,
                                        self->cancellable, on_printed_cb, g_object_ref (self));
}

static void
show_ticket (GilKioskPage   *self,
             GilLoketTicket *ticket)
{
  g_autofree char *ahead = gil_loket_ticket_ahead_text (ticket);

  g_set_object (&self->ticket, ticket);
  gtk_label_set_text (self->number_label, gil_loket_ticket_get_ticket (ticket));
  gtk_label_set_text (self->ahead_label, ahead);
  gtk_widget_set_visible (self->failed_box, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "ticket");
  print_ticket (self);
}

static void
on_taken_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GilKioskPage) self = user_data;
  g_autoptr(GilLoketTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = gil_connection_take_loket_ticket_finish (GIL_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->taking = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->series_box), TRUE);
  if (ticket == NULL)
    {
      /* The press may be retried with its key: the number it may have
       * taken is not taken twice. */
      g_message ("no loket ticket taken: %s", error->message);
      show_problem (self, _("No number was taken. Please try again, or ask at the registration desk."), TRUE);
      return;
    }
  g_clear_pointer (&self->pending_series, g_free);
  g_clear_pointer (&self->pending_key, g_free);
  show_problem (self, NULL, FALSE);
  show_ticket (self, ticket);
  load_series (self);
}

static void
take (GilKioskPage *self)
{
  g_return_if_fail (self->pending_series != NULL && self->pending_key != NULL);

  self->taking = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->series_box), FALSE);
  show_problem (self, NULL, FALSE);
  gil_connection_take_loket_ticket_async (self->connection, self->pending_series, self->pending_key,
                                          self->cancellable, on_taken_cb, g_object_ref (self));
}

static void
on_retry_take_cb (GilKioskPage *self)
{
  if (!self->taking && self->pending_key != NULL)
    take (self);
}

static void
on_reprint_cb (GilKioskPage *self)
{
  if (self->ticket != NULL)
    print_ticket (self);
}

static void
on_done_cb (GilKioskPage *self)
{
  back_to_choose (self);
}

/* ── the puskesmas ─────────────────────────────────────────────────── */

static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GilKioskPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilProfile) profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result,
                                                                       &error);
  const char *name = profile != NULL ? gil_profile_get_name (profile) : NULL;

  if (name == NULL || *name == '\0')
    return;
  g_free (self->puskesmas);
  self->puskesmas = g_strdup (name);
  gtk_label_set_text (self->puskesmas_label, name);
}

/* ── the page ──────────────────────────────────────────────────────── */

/* Sized for its screen as the display is (gil-display-scale.c): larger
 * type on a full-HD screen, smaller on an old 1024x768 monitor. */
static void
update_scale (GilKioskPage *self)
{
  gil_display_scale_update (GTK_WIDGET (self));
}

static void
on_realize_cb (GilKioskPage *self)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (GTK_WIDGET (self)));

  g_signal_connect_object (surface, "notify::width", G_CALLBACK (update_scale), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (surface, "notify::height", G_CALLBACK (update_scale), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (surface, "notify::mapped", G_CALLBACK (update_scale), self, G_CONNECT_SWAPPED);
  update_scale (self);
}

static void
on_unrealize_cb (GilKioskPage *self)
{
  g_signal_handlers_disconnect_by_data (gtk_native_get_surface (gtk_widget_get_native (GTK_WIDGET (self))),
                                        self);
}

static void
gil_kiosk_page_dispose (GObject *object)
{
  GilKioskPage *self = (GilKioskPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->series_timer_id, g_source_remove);
  g_clear_handle_id (&self->back_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_KIOSK_PAGE);
  g_clear_object (&self->ticket);
  g_clear_object (&self->connection);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gil_kiosk_page_parent_class)->dispose (object);
}

static void
gil_kiosk_page_finalize (GObject *object)
{
  GilKioskPage *self = (GilKioskPage *)object;

  g_clear_object (&self->cancellable);
  g_free (self->puskesmas);
  g_free (self->output);
  g_free (self->series_shown);
  g_free (self->pending_series);
  g_free (self->pending_key);

  G_OBJECT_CLASS (gil_kiosk_page_parent_class)->finalize (object);
}

static void
gil_kiosk_page_class_init (GilKioskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_kiosk_page_dispose;
  object_class->finalize = gil_kiosk_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-kiosk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, puskesmas_label);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, series_box);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, retry_take_button);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, ahead_label);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, print_label);
  gtk_widget_class_bind_template_child (widget_class, GilKioskPage, failed_box);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_take_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reprint_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_cb);
}

static void
gil_kiosk_page_init (GilKioskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->hold_ms = HOLD_MS;
  self->printer_wait_ms = PRINTER_WAIT_MS;
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "unrealize", G_CALLBACK (on_unrealize_cb), NULL);
}

/**
 * gil_kiosk_page_new:
 *
 * Returns: (transfer floating): the ticket kiosk, on @context's connection
 *   (a station paired as `kiosk`)
 */
GtkWidget *
gil_kiosk_page_new (GilContext *context)
{
  GilKioskPage *self;

  g_return_val_if_fail (GIL_IS_CONTEXT (context), NULL);

  self = g_object_new (GIL_TYPE_KIOSK_PAGE, NULL);
  self->context = g_object_ref (context);
  self->connection = g_object_ref (gil_context_get_connection (context));
  gil_connection_load_profile_async (self->connection, self->cancellable, on_profile_cb, g_object_ref (self));
  load_series (self);
  self->series_timer_id = g_timeout_add_seconds (SERIES_EVERY_S, on_series_timer_cb, self);
  return GTK_WIDGET (self);
}

/**
 * gil_kiosk_page_set_hold:
 * @hold_ms: how long a printed number stays large
 */
void
gil_kiosk_page_set_hold (GilKioskPage *self,
                         guint         hold_ms)
{
  g_return_if_fail (GIL_IS_KIOSK_PAGE (self));

  self->hold_ms = hold_ms;
}

/**
 * gil_kiosk_page_set_output:
 * @output: (nullable): a PDF file each ticket is written to instead of
 *   the printer; %NULL for the default printer
 */
void
gil_kiosk_page_set_output (GilKioskPage *self,
                           const char   *output)
{
  g_return_if_fail (GIL_IS_KIOSK_PAGE (self));

  g_free (self->output);
  self->output = g_strdup (output);
}

/**
 * gil_kiosk_page_set_printer_wait:
 * @wait_ms: how long the printer is looked for before a ticket is said
 *   not to print
 */
void
gil_kiosk_page_set_printer_wait (GilKioskPage *self,
                                 guint         wait_ms)
{
  g_return_if_fail (GIL_IS_KIOSK_PAGE (self));

  self->printer_wait_ms = wait_ms;
}
