/* test-ui-outcome.c — "Visit Outcome" on the room page under Xvfb,
 * against a real manager: "Finish" on a visit's last stop asks how it
 * ended; Escape finishes nothing; Enter takes Home; Referred waits for
 * where to, and Enter in that entry finishes; Died is kept; the manager
 * has each as the nurse chose it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-room.h"

/* The visit as the manager has it: "status outcome|referred_to" of its
 * last stop, "-" for null. */
static char *
manager_outcome (GilTestRoomFixture *f,
                 gint64              visit)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  g_autoptr(JsonNode) node = gil_test_api_expect (f->url, f->token, "GET", path, NULL, NULL, 200);
  JsonObject *object = gil_test_api_object (node);
  JsonArray *stops = json_object_get_array_member (object, "stops");
  JsonObject *last = json_array_get_object_element (stops, json_array_get_length (stops) - 1);
  const char *outcome = json_object_get_string_member (object, "outcome");
  const char *referred_to = json_object_get_string_member (object, "referred_to");

  return g_strdup_printf ("%s %s|%s", json_object_get_string_member (last, "status"),
                          outcome != NULL ? outcome : "-", referred_to != NULL ? referred_to : "-");
}

/* Calls the next patient, serves them, and presses "Finish": the
 * dialog that asks how the visit ended. */
static GtkWidget *
serve_and_finish (GilTestRoomFixture *f,
                  const char         *ticket)
{
  GtkWidget *dialog;
  g_autofree char *body = g_strdup_printf ("%s selesai di sini. Apa hasil kunjungannya?", ticket);

  gil_test_room_press (f->a.page, "Panggil Berikutnya");
  gil_test_room_wait_row (f->a.page, ticket, "called");
  gil_test_room_press (f->a.page, "Mulai Layani");
  gil_test_room_wait_row (f->a.page, ticket, "serving");
  gil_test_room_press (f->a.page, "Selesai");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Visit Outcome dialog");
  dialog = gil_test_ui_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Hasil Kunjungan");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, body);
  return dialog;
}

/* Whether the radio button of the choice labelled @label is on. */
static gboolean
choice_active (GtkWidget  *dialog,
               const char *label)
{
  GtkWidget *title = gil_test_ui_find_label (dialog, label);
  GtkWidget *row = title != NULL ? gtk_widget_get_ancestor (title, GTK_TYPE_LIST_BOX_ROW) : NULL;
  GtkWidget *check = row != NULL ? gil_test_ui_find_type (row, GTK_TYPE_CHECK_BUTTON, 0) : NULL;

  g_assert_nonnull (check);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
}

static void
choose (GtkWidget  *dialog,
        const char *label)
{
  GtkWidget *title = gil_test_ui_find_label (dialog, label);
  GtkWidget *row = title != NULL ? gtk_widget_get_ancestor (title, GTK_TYPE_LIST_BOX_ROW) : NULL;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (choice_active (dialog, label));
}

static void
wait_dialog_gone (void)
{
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the Visit Outcome dialog to close");
}

static void
test_outcomes (GilTestRoomFixture *f,
               gconstpointer       data)
{
  gint64 first, second, third;
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autofree char *state = NULL;

  if (gil_test_ui_skip_unless_can_type ())
    return;

  first = gil_test_room_register_adult (f, "Ahmad Fauzi");
  second = gil_test_room_register_adult (f, "Baiq Rina");
  third = gil_test_room_register_adult (f, "Lalu Hendra");
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-003", "waiting");

  /* Home is chosen; the place to refer to is not asked. Escape finishes
   * nothing. */
  dialog = serve_and_finish (f, "D-001");
  g_assert_true (choice_active (dialog, "Pulang"));
  g_assert_false (choice_active (dialog, "Dirujuk"));
  g_assert_false (choice_active (dialog, "Meninggal"));
  entry = gil_test_ui_find_named (dialog, "referred-to");
  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_get_visible (entry));
  gil_test_ui_spin (300);
  gil_test_ui_type (dialog, "Escape");
  wait_dialog_gone ();
  gil_test_ui_spin (300);
  state = manager_outcome (f, first);
  g_assert_cmpstr (state, ==, "serving -|-");
  g_assert_nonnull (gil_test_room_find_row (f->a.page, "D-001"));

  /* Referred: Finish waits for where to; Enter in the entry finishes. */
  gil_test_room_press (f->a.page, "Selesai");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Visit Outcome dialog again");
  dialog = gil_test_ui_find_dialog ();
  entry = gil_test_ui_find_named (dialog, "referred-to");
  choose (dialog, "Dirujuk");
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "finish"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "finish"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "RSUD Kota Mataram");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "finish"));
  g_assert_true (gtk_widget_grab_focus (entry));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "room-outcome-referred"));
  gil_test_ui_type (dialog, "Return");
  wait_dialog_gone ();
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  g_free (state);
  state = manager_outcome (f, first);
  g_assert_cmpstr (state, ==, "done referred|RSUD Kota Mataram");

  /* Enter at once: home. */
  dialog = serve_and_finish (f, "D-002");
  gil_test_ui_spin (300);
  gil_test_ui_type (dialog, "Return");
  wait_dialog_gone ();
  gil_test_room_wait_row (f->a.page, "D-002", NULL);
  g_free (state);
  state = manager_outcome (f, second);
  g_assert_cmpstr (state, ==, "done home|-");

  /* Died, with the Finish button. */
  dialog = serve_and_finish (f, "D-003");
  choose (dialog, "Meninggal");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_find_named (dialog, "referred-to")));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "finish"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "finish");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gil_test_room_wait_row (f->a.page, "D-003", NULL);
  g_free (state);
  state = manager_outcome (f, third);
  g_assert_cmpstr (state, ==, "done died|-");

  /* The room's keys work at once afterwards, wherever GTK left the
   * window's focus when the dialog went (the room's keys are the
   * window's: ui/gil-room-page.ui). */
  gil_test_room_register_adult (f, "Siti Aminah");
  gil_test_room_wait_row (f->a.page, "D-004", "waiting");
  gil_test_ui_spin (300);
  gil_test_ui_type (GTK_WIDGET (f->a.window), "F5");
  gil_test_room_wait_row (f->a.page, "D-004", "called");
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add ("/giliran/ui-outcome/outcomes", GilTestRoomFixture, NULL, gil_test_room_set_up, test_outcomes,
              gil_test_room_tear_down);

  return g_test_run ();
}
