/* gil-ticket-printer.c — the paper ticket
 *
 * A thermal ticket, 80 mm wide (58 mm printers scale it): the puskesmas,
 * the ticket number large, the room, the date and time, and how many are
 * ahead. A failed print says so and offers a reprint; the ticket itself is
 * already issued, so reprinting never issues another.
 *
 * The kiosk's loket ticket (the number for the registration desk) is laid
 * out by the same code, and printed without a dialog
 * (gil_ticket_printer_print_loket_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "gil-printer-finder.h"
#include "gil-ticket-printer.h"

#define TICKET_WIDTH_MM  80.0
#define TICKET_HEIGHT_MM 110.0

typedef struct
{
  GtkWindow      *parent;
  GilVisit       *visit;       /* a visit's ticket, or */
  GilLoketTicket *loket;       /* a loket ticket */
  char           *room_name;
  char           *puskesmas;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->visit);
  g_clear_object (&job->loket);
  g_free (job->room_name);
  g_free (job->puskesmas);
  g_free (job);
}

static double
draw_line (cairo_t      *cr,
           PangoContext *pango,
           double        width,
           double        y,
           const char   *text,
           int           size_pt,
           gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_size (font, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  return y + h;
}

/**
 * gil_ticket_ahead_text:
 *
 * Returns: (transfer full): how many wait before @visit in its first
 *   room, as its ticket says it: "3 people ahead", or "Nobody ahead" once
 *   it is first or no longer waiting
 */
char *
gil_ticket_ahead_text (GilVisit *visit)
{
  GilStopItem *stop;
  gint64 position;

  g_return_val_if_fail (GIL_IS_VISIT (visit), NULL);

  /* Its place in the first room: 0 once it is no longer waiting. */
  stop = gil_visit_get_stop (visit, 0);
  position = stop != NULL ? gil_stop_item_get_position (stop) : 0;
  if (position > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person ahead", "%d people ahead",
                                         position - 1),
                            (int)(position - 1));
  return g_strdup (_("Nobody ahead"));
}

/* The layout every ticket shares: the puskesmas, what the number is,
 * the number large, where to go, how many are ahead and when. */
static void
draw_ticket (cairo_t      *cr,
             PangoContext *pango,
             double        width,
             const char   *puskesmas,
             const char   *heading,
             const char   *number,
             const char   *place,
             const char   *ahead)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%d-%m-%Y %H.%M");
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = draw_line (cr, pango, width, y, puskesmas, 10, TRUE) + 6;
  y = draw_line (cr, pango, width, y, heading, 9, FALSE);
  y = draw_line (cr, pango, width, y, number, 36, TRUE) + 4;
  if (place != NULL)
    y = draw_line (cr, pango, width, y, place, 12, TRUE) + 6;
  y = draw_line (cr, pango, width, y, ahead, 9, FALSE);
  draw_line (cr, pango, width, y, when, 9, FALSE);
}

/**
 * gil_ticket_draw:
 * @width: the printable width in the units of @cr
 *
 * Draws one ticket from the top of @cr.
 */
void
gil_ticket_draw (cairo_t      *cr,
                 PangoContext *pango,
                 double        width,
                 const char   *puskesmas,
                 GilVisit     *visit,
                 const char   *room_name)
{
  g_autofree char *ahead = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));
  g_return_if_fail (puskesmas != NULL && room_name != NULL);
  g_return_if_fail (GIL_IS_VISIT (visit));

  ahead = gil_ticket_ahead_text (visit);
  draw_ticket (cr, pango, width, puskesmas, _("Ticket number"), gil_visit_get_ticket (visit),
               room_name, ahead);
}

/**
 * gil_loket_ticket_ahead_text:
 *
 * Returns: (transfer full): how many were waiting for the registration
 *   desk before @ticket when it was taken: "3 ahead of you", or "Nobody
 *   ahead of you"
 */
char *
gil_loket_ticket_ahead_text (GilLoketTicket *ticket)
{
  guint ahead;

  g_return_val_if_fail (GIL_IS_LOKET_TICKET (ticket), NULL);

  ahead = gil_loket_ticket_get_ahead (ticket);
  if (ahead == 0)
    return g_strdup (_("Nobody ahead of you"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ahead of you", "%u ahead of you", ahead),
                          ahead);
}

/**
 * gil_ticket_draw_loket:
 * @width: the printable width in the units of @cr
 *
 * Draws one loket ticket (the number for the registration desk) from the
 * top of @cr, as gil_ticket_draw() lays out a visit's.
 */
void
gil_ticket_draw_loket (cairo_t        *cr,
                       PangoContext   *pango,
                       double          width,
                       const char     *puskesmas,
                       GilLoketTicket *ticket)
{
  g_autofree char *ahead = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));
  g_return_if_fail (puskesmas != NULL);
  g_return_if_fail (GIL_IS_LOKET_TICKET (ticket));

  ahead = gil_loket_ticket_ahead_text (ticket);
  draw_ticket (cr, pango, width, puskesmas, _("Registration desk number"),
               gil_loket_ticket_get_ticket (ticket), NULL, ahead);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  Job *job = user_data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  if (job->loket != NULL)
    gil_ticket_draw_loket (gtk_print_context_get_cairo_context (context), pango,
                           gtk_print_context_get_width (context), job->puskesmas, job->loket);
  else
    gil_ticket_draw (gtk_print_context_get_cairo_context (context), pango,
                     gtk_print_context_get_width (context), job->puskesmas, job->visit,
                     job->room_name);
  g_object_unref (pango);
}

static void run_print (Job *job);

static void
on_failure_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  Job *job = user_data;

  if (g_strcmp0 (response, "reprint") == 0)
    run_print (job);
  else
    job_free (job);
}

/* A print of @job on the ticket paper, not run yet. */
static GtkPrintOperation *
new_operation (Job        *job,
               const char *job_name)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;

  paper = gtk_paper_size_new_custom ("giliran-ticket", _("Queue ticket"),
                                     TICKET_WIDTH_MM, TICKET_HEIGHT_MM, GTK_UNIT_MM);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 4, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, job_name);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  return operation;
}

static void
run_print (Job *job)
{
  g_autoptr(GtkPrintOperation) operation = new_operation (job, gil_visit_get_ticket (job->visit));
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    job->parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog;
      g_autofree char *body = g_strdup_printf (_("Ticket %s was registered but did not print: %s"),
                                               gil_visit_get_ticket (job->visit),
                                               error->message);

      dialog = adw_message_dialog_new (job->parent, _("The ticket did not print"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "close", _("_Close"),
                                        "reprint", _("_Print Again"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reprint",
                                                  ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (on_failure_response_cb), job);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  job_free (job);
}

/* The puskesmas's name as the manager has it now; "Puskesmas" when it
 * cannot be asked. */
static void
on_profile_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GilProfile) profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, NULL);
  const char *name = profile != NULL ? gil_profile_get_name (profile) : NULL;

  job->puskesmas = g_strdup (name != NULL ? name : "Puskesmas");
  run_print (job);
}

/**
 * gil_ticket_printer_print:
 * @visit: the registered visit
 *
 * Prints the ticket of @visit, asking the printer as usual.
 */
void
gil_ticket_printer_print (GtkWindow     *parent,
                          GilConnection *connection,
                          GilVisit      *visit,
                          const char    *room_name)
{
  Job *job;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GIL_IS_CONNECTION (connection));
  g_return_if_fail (GIL_IS_VISIT (visit));
  g_return_if_fail (room_name != NULL);

  job = g_new0 (Job, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->visit = g_object_ref (visit);
  job->room_name = g_strdup (room_name);
  gil_connection_load_profile_async (connection, NULL, on_profile_cb, job);
}

/* Prints @ticket at once on @printer, or into the PDF file @output. */
static gboolean
print_loket_now (GtkWindow       *parent,
                 const char      *puskesmas,
                 GilLoketTicket  *ticket,
                 const char      *printer,
                 const char      *output,
                 GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) local_error = NULL;
  GtkPrintOperationResult result;
  Job job = { 0 };

  job.loket = ticket;
  job.puskesmas = (char *)puskesmas;
  operation = new_operation (&job, gil_loket_ticket_get_ticket (ticket));
  if (output != NULL)
    gtk_print_operation_set_export_filename (operation, output);
  else
    {
      g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();

      gtk_print_settings_set_printer (settings, printer);
      gtk_print_operation_set_print_settings (operation, settings);
    }
  result = gtk_print_operation_run (operation,
                                    output != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                   : GTK_PRINT_OPERATION_ACTION_PRINT,
                                    parent, &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_error_literal (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL, _("The printer did not print"));
      return FALSE;
    }
  return TRUE;
}

static void
on_printer_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *print = g_task_get_task_data (task);
  g_autofree char *printer = NULL;
  GError *error = NULL;

  printer = gil_printer_finder_find_finish (result, &error);
  if (printer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!print_loket_now (print->parent, print->puskesmas, print->loket, printer, NULL, &error))
    {
      gil_printer_finder_forget ();
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * gil_ticket_printer_print_loket_async:
 * @parent: (nullable): the kiosk's window
 * @puskesmas: the puskesmas's name, on top
 * @ticket: the loket ticket taken
 * @output: (nullable): a PDF file to write the ticket to; %NULL for the
 *   printer (gil-printer-finder.c)
 * @wait_ms: how long the printer may be looked for
 *
 * Prints @ticket without a dialog: a kiosk has nobody to answer one. The
 * ticket is already taken: a failed print is printed again with the same
 * ticket, never a new one.
 */
void
gil_ticket_printer_print_loket_async (GtkWindow           *parent,
                                      const char          *puskesmas,
                                      GilLoketTicket      *ticket,
                                      const char          *output,
                                      guint                wait_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *print;
  GError *error = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (puskesmas != NULL);
  g_return_if_fail (GIL_IS_LOKET_TICKET (ticket));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_ticket_printer_print_loket_async);
  if (output != NULL)
    {
      if (print_loket_now (parent, puskesmas, ticket, NULL, output, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  print = g_new0 (Job, 1);
  print->parent = parent != NULL ? g_object_ref (parent) : NULL;
  print->puskesmas = g_strdup (puskesmas);
  print->loket = g_object_ref (ticket);
  g_task_set_task_data (task, print, (GDestroyNotify)job_free);
  gil_printer_finder_find_async (wait_ms, cancellable, on_printer_found_cb, g_steal_pointer (&task));
}

/**
 * gil_ticket_printer_print_loket_finish:
 *
 * Returns: whether the ticket printed; else @error says why
 */
gboolean
gil_ticket_printer_print_loket_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
