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

#include "gil-test-files.h"
#include "gil-test-kiosk.h"
#include "gil-test-ui.h"

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
