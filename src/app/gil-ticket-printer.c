/* gil-ticket-printer.c — the paper ticket
 *
 * A thermal ticket, 80 mm wide (58 mm printers scale it): the puskesmas,
 * the ticket number large, the room, the date and time, and how many are
 * ahead. A failed print says so and offers a reprint; the ticket itself is
 * already issued, so reprinting never issues another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "gil-ticket-printer.h"

#define TICKET_WIDTH_MM  80.0
#define TICKET_HEIGHT_MM 110.0

typedef struct
{
  GtkWindow  *parent;
  GilVisit   *visit;
  char       *room_name;
  char       *puskesmas;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_object_unref (job->visit);
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%d-%m-%Y %H.%M");
  g_autofree char *ahead = NULL;
  double y = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (pango));
  g_return_if_fail (puskesmas != NULL && room_name != NULL);
  g_return_if_fail (GIL_IS_VISIT (visit));

  ahead = gil_ticket_ahead_text (visit);
  cairo_set_source_rgb (cr, 0, 0, 0);
  y = draw_line (cr, pango, width, y, puskesmas, 10, TRUE) + 6;
  y = draw_line (cr, pango, width, y, _("Ticket number"), 9, FALSE);
  y = draw_line (cr, pango, width, y, gil_visit_get_ticket (visit), 36, TRUE) + 4;
  y = draw_line (cr, pango, width, y, room_name, 12, TRUE) + 6;
  y = draw_line (cr, pango, width, y, ahead, 9, FALSE);
  draw_line (cr, pango, width, y, when, 9, FALSE);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  Job *job = user_data;
  PangoContext *pango = gtk_print_context_create_pango_context (context);

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

static void
run_print (Job *job)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  paper = gtk_paper_size_new_custom ("giliran-ticket", _("Queue ticket"),
                                     TICKET_WIDTH_MM, TICKET_HEIGHT_MM, GTK_UNIT_MM);
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_top_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, 4, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, 4, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, gil_visit_get_ticket (job->visit));
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

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
