/* test-ui-kiosk.c — the ticket kiosk under Xvfb, against a real manager:
 * a window paired as a kiosk, its series' buttons pressed as a person
 * does, each ticket printed to a PDF file and read back (its number and
 * how many are ahead) and checked against the manager's list; a printer
 * that fails says so with the number, and prints the same number again,
 * the manager having taken it once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gil-kiosk-page.h"
#include "gil-pairing-page.h"
#include "gil-test-api.h"
#include "gil-test-files.h"
#include "gil-test-kiosk.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define PRESSES 30

static AdwApplication *app;

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *token;
  GilTestKiosk    kiosk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *kiosk_token = NULL;

  f->manager = gil_test_manager_start_api (&f->url, &f->token);
  json_node_unref (gil_test_api_expect (f->url, f->token, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"Puskesmas Karang Taliwang\"}", NULL, 200));
  kiosk_token = gil_test_api_pair (f->url, f->token, "kiosk", "");
  gil_test_kiosk_open (&f->kiosk, app, f->url, kiosk_token);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_kiosk_close (&f->kiosk);
  gil_test_manager_free (f->manager);
}

/* ── reading back ──────────────────────────────────────────────────── */

static const char *
label_text (Fixture    *f,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (gil_test_ui_get_named (f->kiosk.page, name)));
}

/* The day's waiting loket tickets, in call order, as the desk has them. */
static JsonArray *
waiting (Fixture   *f,
         JsonNode **keep)
{
  *keep = gil_test_api_expect (f->url, f->token, "GET", "/api/v1/loket/tickets", NULL, NULL, 200);
  return json_object_get_array_member (gil_test_api_object (*keep), "waiting");
}

/* Where @ticket waits in call order: how many are before it. */
static guint
place_of (Fixture    *f,
          const char *ticket)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonArray *list = waiting (f, &keep);

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "ticket"),
                   ticket) == 0)
      return i;
  g_error ("%s is not waiting", ticket);
}

static guint
count_taken (Fixture *f)
{
  g_autoptr(JsonNode) keep = NULL;

  return json_array_get_length (waiting (f, &keep));
}

/* ── pressing ──────────────────────────────────────────────────────── */

static void
press (Fixture    *f,
       const char *series,
       gboolean    keyboard)
{
  gil_test_kiosk_press (f->kiosk.page, series, keyboard);
}

static char *
printed_text (Fixture *f)
{
  return gil_test_kiosk_printed_text (f->kiosk.output);
}

static void
test_morning (Fixture       *f,
              gconstpointer  data)
{
  static const char * const series[] = { "A", "B", "A", "P", "B", "A" };
  guint taken[3] = { 0, 0, 0 };   /* A, B, P */
  gboolean keyboard = gil_test_ui_can_type ();

  g_assert_cmpstr (label_text (f, "kiosk_puskesmas"), ==, "Puskesmas Karang Taliwang");

  for (guint i = 0; i < PRESSES; i++)
    {
      const char *code = series[i % G_N_ELEMENTS (series)];
      guint which = code[0] == 'A' ? 0 : code[0] == 'B' ? 1 : 2;
      g_autofree char *expected = g_strdup_printf ("%s-%03u", code, ++taken[which]);
      g_autofree char *text = NULL;
      g_autofree char *ahead = NULL;

      gil_test_kiosk_wait_choosing (f->kiosk.page);
      press (f, code, keyboard && i % 5 == 4);
      gil_test_ui_wait_label (f->kiosk.page, "kiosk_number", expected);
      gil_test_kiosk_wait_printed (f->kiosk.output);

      /* As many ahead as the desk has before it, on screen and paper. */
      ahead = gil_test_kiosk_ahead_text (place_of (f, expected));
      g_assert_cmpstr (label_text (f, "kiosk_ahead"), ==, ahead);
      text = printed_text (f);
      gil_test_kiosk_assert_says (text, "Puskesmas Karang Taliwang");
      gil_test_kiosk_assert_says (text, expected);
      gil_test_kiosk_assert_says (text, ahead);
      g_assert_cmpuint (count_taken (f), ==, i + 1);
    }

  /* Back to the buttons for the next person. */
  gil_test_kiosk_wait_choosing (f->kiosk.page);
}

static void
test_printer_fails (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *reprint = NULL;
  g_autofree char *text = NULL;
  g_autofree char *said = g_strdup_printf (_("The ticket did not print — note your number: %s"), "B-001");

  /* A printer that cannot write: its folder is gone. */
  g_assert_cmpint (g_rmdir (f->kiosk.dir), ==, 0);
  press (f, "B", FALSE);
  gil_test_ui_wait_label (f->kiosk.page, "kiosk_print", said);
  g_assert_cmpstr (label_text (f, "kiosk_number"), ==, "B-001");
  g_assert_true (gtk_widget_get_mapped (gil_test_ui_get_named (f->kiosk.page, "kiosk_reprint")));
  g_assert_cmpuint (count_taken (f), ==, 1);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->kiosk.window), "kiosk-printer-failed"));

  /* Paper back in: the same number prints, none is taken again. */
  g_assert_cmpint (g_mkdir (f->kiosk.dir, 0700), ==, 0);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gil_test_ui_get_named (f->kiosk.page, "kiosk_reprint"))), ==,
                   _("_Print Again"));
  g_signal_emit_by_name (gil_test_ui_get_named (f->kiosk.page, "kiosk_reprint"), "clicked");
  gil_test_kiosk_wait_printed (f->kiosk.output);
  text = printed_text (f);
  gil_test_kiosk_assert_says (text, "B-001");
  g_assert_cmpuint (count_taken (f), ==, 1);
  gil_test_kiosk_wait_choosing (f->kiosk.page);

  /* The next press is the next number. */
  press (f, "B", FALSE);

  gil_test_ui_wait_label (f->kiosk.page, "kiosk_number", "B-002");
  gil_test_kiosk_wait_printed (f->kiosk.output);
  g_clear_pointer (&text, g_free);
  text = printed_text (f);
  gil_test_kiosk_assert_says (text, "B-002");
  g_assert_cmpuint (count_taken (f), ==, 2);
}

static gboolean
page_filled (gpointer data)
{
  return gil_test_ui_find_named (GTK_WIDGET (data), "kiosk_series_P") != NULL;
}

/* The kiosk at the screens it is put on, its buttons whole on each, in a
 * window of the screen's size as full screen gives it. */
static void
test_screens (Fixture       *f,
              gconstpointer  data)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 1366, 768 }, { 1024, 768 } };
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;

  /* Each size the screen holds (ui-kiosk-1920x1080 holds all). */
  gdk_monitor_get_geometry (monitor, &screen);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *name = g_strdup_printf ("kiosk-%dx%d", sizes[i][0], sizes[i][1]);
      g_autoptr(GilContext) context = gil_context_new (f->kiosk.connection, NULL, NULL);
      GtkWidget *page = gil_kiosk_page_new (context);
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      int min_width, min_height;

      if (sizes[i][0] > screen.width || sizes[i][1] > screen.height)
        {
          g_object_ref_sink (page);
          g_object_unref (page);
          continue;
        }
      gtk_window_set_decorated (window, FALSE);
      gtk_window_set_default_size (window, sizes[i][0], sizes[i][1]);
      gtk_window_set_child (window, page);
      gtk_window_present (window);
      gil_test_ui_wait (page_filled, page, "the series' buttons");
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, sizes[i][0], &min_height, NULL, NULL, NULL);
      g_assert_cmpint (min_width, <=, sizes[i][0]);
      g_assert_cmpint (min_height, <=, sizes[i][1]);
      g_free (gil_test_ui_screenshot (GTK_WIDGET (window), name));
      gtk_window_destroy (window);
    }

  /* And a ticket shown large, held while it is looked at. */
  gil_kiosk_page_set_hold (GIL_KIOSK_PAGE (f->kiosk.page), 60000);
  press (f, "P", FALSE);
  gil_test_ui_wait_label (f->kiosk.page, "kiosk_number", "P-001");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->kiosk.window), "kiosk-ticket"));
}

static gboolean
take_failed (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (gil_test_ui_get_named (f->kiosk.page, "kiosk_retry_take"));
}

/* The queue server away at a press: said, nothing printed, and the same
 * press tried again once it is back takes one number. */
static void
test_server_away (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;

  gil_test_manager_kill (f->manager, SIGTERM);
  press (f, "A", FALSE);
  gil_test_ui_wait (take_failed, f, "the press to fail");
  g_assert_true (gtk_widget_get_visible (gil_test_ui_get_named (f->kiosk.page, "kiosk_status")));
  g_assert_false (g_file_test (f->kiosk.output, G_FILE_TEST_EXISTS));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->kiosk.window), "kiosk-server-away"));

  gil_test_manager_restart (f->manager);
  g_signal_emit_by_name (gil_test_ui_get_named (f->kiosk.page, "kiosk_retry_take"), "clicked");
  gil_test_ui_wait_label (f->kiosk.page, "kiosk_number", "A-001");
  gil_test_kiosk_wait_printed (f->kiosk.output);
  text = printed_text (f);
  gil_test_kiosk_assert_says (text, "A-001");
  g_assert_cmpuint (count_taken (f), ==, 1);
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->kiosk.page, "kiosk_retry_take")));
}

/* No printer at all (the tests' GTK lists only "Print to File", which a
 * kiosk does not use): the ticket is said not to print, its number
 * kept; once a printer is there, the same number prints. */
static void
test_no_printer (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *said = g_strdup_printf (_("The ticket did not print — note your number: %s"), "P-001");
  g_autofree char *text = NULL;

  gil_kiosk_page_set_output (GIL_KIOSK_PAGE (f->kiosk.page), NULL);
  gil_kiosk_page_set_printer_wait (GIL_KIOSK_PAGE (f->kiosk.page), 300);
  press (f, "P", FALSE);
  gil_test_ui_wait_label (f->kiosk.page, "kiosk_print", said);
  g_assert_cmpstr (label_text (f, "kiosk_number"), ==, "P-001");

  /* Tried again, still none: the same number, still said. */
  g_signal_emit_by_name (gil_test_ui_get_named (f->kiosk.page, "kiosk_reprint"), "clicked");
  g_assert_cmpstr (label_text (f, "kiosk_print"), ==, _("Printing…"));
  gil_test_ui_wait_label (f->kiosk.page, "kiosk_print", said);
  g_assert_cmpuint (count_taken (f), ==, 1);

  gil_kiosk_page_set_output (GIL_KIOSK_PAGE (f->kiosk.page), f->kiosk.output);
  g_signal_emit_by_name (gil_test_ui_get_named (f->kiosk.page, "kiosk_reprint"), "clicked");
  gil_test_kiosk_wait_printed (f->kiosk.output);
  text = printed_text (f);
  gil_test_kiosk_assert_says (text, "P-001");
  g_assert_cmpuint (count_taken (f), ==, 1);
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_is_visible (data) && *gtk_label_get_text (GTK_LABEL (data)) != '\0';
}

/* A button's label as shown: its mnemonic's underscore gone. */
static GtkWidget *
find_mnemonic_button (GtkWidget  *root,
                      const char *mnemonic)
{
  g_autoptr(GString) plain = g_string_new (mnemonic);

  g_string_replace (plain, "_", "", 0);
  return gil_test_ui_find_button (root, plain->str);
}

/* The admin pairs a kiosk: "Anjungan nomor antrean" among the roles, its
 * code pairs a station of the role kiosk. */
static void
test_pairing (Fixture       *f,
              gconstpointer  data)
{
  GilConnection *admin = gil_connection_new (f->url, f->token);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *page = gil_pairing_page_new (admin, settings);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  AdwComboRow *role_row;
  GListModel *roles;
  GtkWidget *code_label;
  GtkWidget *button;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) paired = NULL;
  guint kiosk = G_MAXUINT;

  gtk_window_set_default_size (window, 900, 700);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  role_row = ADW_COMBO_ROW (gil_test_ui_get_named (page, "role_row"));
  roles = adw_combo_row_get_model (role_row);
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (roles), i), _("Ticket kiosk")) == 0)
      kiosk = i;
  g_assert_cmpuint (kiosk, !=, G_MAXUINT);
  g_assert_cmpstr (_("Ticket kiosk"), ==, "Anjungan nomor antrean");
  adw_combo_row_set_selected (role_row, kiosk);

  button = find_mnemonic_button (page, _("_Create Code"));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  code_label = gil_test_ui_get_named (page, "code_label");
  gil_test_ui_wait (label_shown, code_label, "the pairing code");
  body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Anjungan Depan\"}",
                          gtk_label_get_text (GTK_LABEL (code_label)));
  paired = gil_test_api_expect (f->url, NULL, "POST", "/api/v1/pair", body, NULL, 201);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (paired),
                                                                                 "station"), "role"), ==, "kiosk");

  gtk_window_destroy (window);
  gil_test_ui_spin (50);
  g_assert_finalize_object (admin);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);
  /* No print server's printers, whatever the machine has: the kiosk's
   * own search for one is tested. */
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);

  app = gil_test_ui_app_new ("org.giliran.Giliran.Test");

#define ADD(path, func) \
  g_test_add ("/giliran/ui-kiosk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("morning", test_morning);
  ADD ("printer-fails", test_printer_fails);
  ADD ("screens", test_screens);
  ADD ("pairing", test_pairing);
  ADD ("server-away", test_server_away);
  ADD ("no-printer", test_no_printer);
#undef ADD

  return g_test_run ();
}
