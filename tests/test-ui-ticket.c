/* test-ui-ticket.c — the paper ticket: two visits registered at the real
 * manager, fetched as GilVisits through the desk's typed call, each drawn
 * by gil_ticket_draw() onto a PDF the size of the ticket paper, and read
 * back as text: the puskesmas, the ticket number, the room and how many
 * wait ahead
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "gil-connection-visits.h"
#include "gil-test-api.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"
#include "gil-ticket-printer.h"

#define WAIT_MS 20000

/* 80 mm wide, as the thermal printers puskesmas use; points. */
#define TICKET_WIDTH_PT  (80.0 / 25.4 * 72.0)
#define TICKET_HEIGHT_PT (110.0 / 25.4 * 72.0)

/* Today's visits as the desk has them. */
static GPtrArray *
list_visits (GilConnection *connection)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *visits;

  gil_connection_list_visits_async (connection, NULL, gil_test_loop_keep_result, &slot);
  result = gil_test_loop_wait_result (&slot, WAIT_MS, "today's visits");
  visits = gil_connection_list_visits_finish (connection, result, &error);
  g_assert_no_error (error);
  return visits;
}

static GilVisit *
find_visit (GPtrArray *visits,
            gint64     id)
{
  for (guint i = 0; i < visits->len; i++)
    if (gil_visit_get_id (g_ptr_array_index (visits, i)) == id)
      return g_ptr_array_index (visits, i);
  g_assert_not_reached ();
}

/* @visit's ticket drawn into a PDF, as text. */
static char *
ticket_text (GilVisit   *visit,
             const char *room_name)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  PangoContext *pango;
  cairo_t *cr;
  int status = 0;
  int fd;

  fd = g_file_open_tmp ("giliran-ticket-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);

  surface = cairo_pdf_surface_create (path, TICKET_WIDTH_PT, TICKET_HEIGHT_PT);
  cr = cairo_create (surface);
  pango = pango_cairo_create_context (cr);
  gil_ticket_draw (cr, pango, TICKET_WIDTH_PT, "Puskesmas Karang Taliwang", visit, room_name);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  if (!g_spawn_sync (NULL, (char *[]) { "pdftotext", path, "-", NULL }, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &text, NULL, &status, &error))
    g_error ("pdftotext (poppler-utils, in build-aux/debian-packages.txt): %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  return g_steal_pointer (&text);
}

static void
assert_says (const char *text,
             const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("the ticket does not say “%s”; it says:\n%s", expected, text);
}

static void
test_ticket (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  const char *url = gil_test_manager_get_url (manager);
  const char *admin = gil_test_manager_get_admin_token (manager);
  GilConnection *connection = gil_connection_new (url, admin);
  g_autofree char *born = gil_test_api_years_ago (38);
  g_autoptr(JsonNode) first = gil_test_api_register (url, admin, "Budi Santoso", born, NULL);
  g_autoptr(JsonNode) second = gil_test_api_register (url, admin, "Agus Salim", born, NULL);
  g_autoptr(GPtrArray) visits = list_visits (connection);
  GilVisit *first_visit = find_visit (visits, json_object_get_int_member (gil_test_api_object (first), "id"));
  GilVisit *second_visit = find_visit (visits, json_object_get_int_member (gil_test_api_object (second), "id"));
  g_autofree char *first_text = ticket_text (first_visit, "Ruang Usia Dewasa");
  g_autofree char *second_text = ticket_text (second_visit, "Ruang Usia Dewasa");
  g_autofree char *one_ahead = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d person ahead",
                                                             "%d people ahead", 1), 1);

  /* Both adults of 38 go to the adults' room, one after the other. */
  g_assert_cmpstr (gil_visit_get_ticket (first_visit), !=, gil_visit_get_ticket (second_visit));
  assert_says (first_text, "Puskesmas Karang Taliwang");
  assert_says (first_text, _("Ticket number"));
  assert_says (first_text, gil_visit_get_ticket (first_visit));
  assert_says (first_text, "Ruang Usia Dewasa");
  assert_says (first_text, _("Nobody ahead"));
  assert_says (second_text, gil_visit_get_ticket (second_visit));
  assert_says (second_text, one_ahead);
  g_assert_null (strstr (second_text, gil_visit_get_ticket (first_visit)));

  g_clear_pointer (&visits, g_ptr_array_unref);
  g_assert_finalize_object (connection);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-ticket/ticket", test_ticket);

  return g_test_run ();
}
