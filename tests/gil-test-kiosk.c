/* gil-test-kiosk.c — what the ticket kiosk's interface tests share: its
 * buttons pressed as a person does, and the ticket printed to a PDF file
 * read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gil-kiosk-page.h"
#include "gil-test-files.h"
#include "gil-test-kiosk.h"
#include "gil-test-ui.h"
#include "gil-window.h"

static gboolean
series_shown (gpointer data)
{
  return gil_test_ui_find_named (data, "kiosk_series_A") != NULL &&
         gil_test_ui_find_named (data, "kiosk_series_B") != NULL &&
         gil_test_ui_find_named (data, "kiosk_series_P") != NULL;
}

/**
 * gil_test_kiosk_open:
 * @kiosk: where the station goes
 * @token: a paired kiosk station's
 *
 * Opens the kiosk's window as @token's station, its tickets printed to
 * a PDF file in a folder of its own, and waits for its series' buttons.
 */
void
gil_test_kiosk_open (GilTestKiosk   *kiosk,
                     AdwApplication *app,
                     const char     *url,
                     const char     *token)
{
  g_autoptr(GError) error = NULL;

  kiosk->connection = gil_connection_new (url, token);
  kiosk->dir = g_dir_make_tmp ("giliran-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  kiosk->output = g_build_filename (kiosk->dir, "ticket.pdf", NULL);
  kiosk->window = GTK_WINDOW (gil_window_new (app, kiosk->connection, "kiosk", NULL));
  kiosk->page = gil_test_ui_find_type (GTK_WIDGET (kiosk->window), GIL_TYPE_KIOSK_PAGE, 0);
  g_assert_nonnull (kiosk->page);
  gil_kiosk_page_set_output (GIL_KIOSK_PAGE (kiosk->page), kiosk->output);
  gil_kiosk_page_set_hold (GIL_KIOSK_PAGE (kiosk->page), 30);
  gtk_window_present (kiosk->window);
  gil_test_ui_wait (series_shown, kiosk->page, "the series' buttons");
}

/**
 * gil_test_kiosk_close:
 * @kiosk: a kiosk opened, or not: then nothing
 *
 * Closes the kiosk's window and removes its printed file and folder.
 */
void
gil_test_kiosk_close (GilTestKiosk *kiosk)
{
  GilRoomList *no_rooms = NULL;   /* the window's own */

  if (kiosk->window != NULL)
    gil_test_ui_close_station (kiosk->window, &no_rooms, kiosk->connection);
  if (kiosk->output != NULL)
    g_unlink (kiosk->output);
  if (kiosk->dir != NULL)
    g_rmdir (kiosk->dir);
  g_clear_pointer (&kiosk->output, g_free);
  g_clear_pointer (&kiosk->dir, g_free);
  kiosk->window = NULL;
  kiosk->page = NULL;
  kiosk->connection = NULL;
}

static gboolean
choosing (gpointer data)
{
  GtkWidget *button = gil_test_ui_get_named (data, "kiosk_series_A");
  GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (button, GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "choose") == 0 &&
         gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button);
}

/* Waits for the kiosk @page to show its series' buttons again. */
void
gil_test_kiosk_wait_choosing (GtkWidget *page)
{
  gil_test_ui_wait (choosing, page, "the kiosk's buttons");
}

/* Presses the button of @series on the kiosk @page as a person does: a
 * click, or (@keyboard) Enter on it. */
void
gil_test_kiosk_press (GtkWidget  *page,
                      const char *series,
                      gboolean    keyboard)
{
  g_autofree char *name = g_strconcat ("kiosk_series_", series, NULL);
  GtkWidget *button = gil_test_ui_get_named (page, name);

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  if (keyboard)
    {
      g_assert_true (gtk_widget_grab_focus (button));
      gil_test_ui_type (GTK_WIDGET (gtk_widget_get_root (page)), "Return");
    }
  else
    g_signal_emit_by_name (button, "clicked");
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Waits for the kiosk's printer to have written @output. */
void
gil_test_kiosk_wait_printed (const char *output)
{
  gil_test_ui_wait (file_written, (gpointer) output, "the ticket printed");
}

/* The PDF the kiosk printed to @output, as text; the file is removed. */
char *
gil_test_kiosk_printed_text (const char *output)
{
  char *text;

  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  text = gil_test_run_tool ((const char * const[]) { "pdftotext", output, "-", NULL });
  g_unlink (output);
  return text;
}

void
gil_test_kiosk_assert_says (const char *text,
                            const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("the ticket does not say “%s”; it says:\n%s", expected, text);
}

/* What the kiosk says of @ahead people before the ticket. */
char *
gil_test_kiosk_ahead_text (guint ahead)
{
  if (ahead == 0)
    return g_strdup (_("Nobody ahead of you"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ahead of you", "%u ahead of you", ahead), ahead);
}
