/* test-ui-room.c — the room page under Xvfb, against a real manager: a
 * patient called, served and finished through the page's own buttons, a
 * no-show skipped and put back, a call out of order, a transfer to the
 * laboratory, a second PC on the same room that stays in step, a
 * nurse who works the room with real key presses only, rows that tell
 * called, being served and waiting apart, a patient back from the
 * laboratory, a header that follows the patient, a search through 150
 * waiting, and the action buttons on 800×600, 1024×768 and 1366×768
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-room.h"

/* The status of the last stop of @visit, as the manager has it. */
static char *
manager_status (GilTestRoomFixture *f,
                gint64              visit,
                gboolean           *out_of_order)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  guint status = 0;
  g_autoptr(JsonNode) node = gil_test_api_call (f->url, f->token, "GET", path, NULL, NULL, &status);
  JsonArray *stops;
  JsonObject *stop;

  g_assert_cmpuint (status, ==, 200);
  stops = json_object_get_array_member (gil_test_api_object (node), "stops");
  stop = json_array_get_object_element (stops, json_array_get_length (stops) - 1);
  if (out_of_order != NULL)
    *out_of_order = json_object_get_boolean_member_with_default (stop, "out_of_order", FALSE);
  return g_strdup (json_object_get_string_member (stop, "status"));
}

static void
test_call_serve_finish (GilTestRoomFixture *f,
                        gconstpointer       data)
{
  gint64 first = gil_test_room_register_adult (f, "Ahmad Fauzi");
  gint64 second = gil_test_room_register_adult (f, "Baiq Rina");
  GilTestExpect e;
  g_autofree char *status = NULL;
  g_autofree char *why = NULL;

  gil_test_room_open (f, &f->a);
  gil_test_room_open (f, &f->b);
  gil_test_room_wait_row (f->a.page, "D-002", "waiting");

  /* Who is next, and why, before anyone is called. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", f->room);
    guint code = 0;
    g_autoptr(JsonNode) queue = gil_test_api_call (f->url, f->token, "GET", path, NULL, NULL, &code);

    why = g_strdup (json_object_get_string_member (gil_test_api_object (queue), "why"));
  }
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, "Berikutnya: D-001 · Ahmad Fauzi"));
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, why));
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", NULL });

  /* Call next: the patient is called, chosen, and the other PC sees it. */
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_wait_row (f->b.page, "D-001", "called");
  g_assert_cmpstr (gil_test_room_selected_ticket (f->a.page), ==, "D-001");
  {
    g_autofree char *called = g_strdup_printf ("D-001 dipanggil: %s", why);

    gil_test_room_wait_label (f->a.page, called);
  }
  status = manager_status (f, first, NULL);
  g_assert_cmpstr (status, ==, "called");
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", "Panggil Ulang", "Mulai Layani",
                                                "Lewati", "Kirim ke…", NULL });
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, "Berikutnya: D-002 · Baiq Rina"));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-called"));

  /* Call again, then start: only Finish, Send to… and Call Next remain. */
  gil_test_room_press (f->a.page, "Panggil Ulang");
  gil_test_room_wait_label (f->a.page, "Dipanggil 2×");
  gil_test_room_wait_label (f->b.page, "Dipanggil 2×");
  gil_test_room_act (f->a.page, "Mulai Layani", "D-001", "serving");
  gil_test_room_wait_row (f->b.page, "D-001", "serving");
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", "Selesai", "Kirim ke…", NULL });

  /* Finish, home: the patient leaves the list on both PCs and is counted. */
  gil_test_room_press (f->a.page, "Selesai");
  gil_test_room_answer_home (NULL);
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  gil_test_room_wait_row (f->b.page, "D-001", NULL);
  g_free (status);
  status = manager_status (f, first, NULL);
  g_assert_cmpstr (status, ==, "done");
  e = (GilTestExpect) { gil_test_room_label_starting (f->b.page, "Menunggu "), "Selesai 1" };
  gil_test_ui_wait (gil_test_expect_label_contains, &e, "the finished count on the other PC");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (e.widget)), "Dipanggil hari ini 1"));

  /* The second PC calls the next patient; the first PC follows. */
  gil_test_room_press (f->b.page, "Panggil Berikutnya");
  gil_test_room_wait_row (f->a.page, "D-002", "called");
  g_free (status);
  status = manager_status (f, second, NULL);
  g_assert_cmpstr (status, ==, "called");
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, "Tidak ada yang menunggu"));
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Ulang", "Mulai Layani", "Lewati", "Kirim ke…", NULL });
}

static void
test_skip_requeue_out_of_order (GilTestRoomFixture *f,
                                gconstpointer       data)
{
  gint64 first = gil_test_room_register_adult (f, "Ahmad Fauzi");
  gint64 third;
  gboolean out_of_order = FALSE;
  g_autofree char *status = NULL;

  gil_test_room_register_adult (f, "Baiq Rina");
  third = gil_test_room_register_adult (f, "Lalu Hendra");
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-003", "waiting");

  /* A no-show: called, skipped, listed as such; put back at the end. */
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_act (f->a.page, "Lewati", "D-001", "skipped");
  gil_test_room_select_ticket (f->a.page, "D-001");
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", "Antrekan Kembali", NULL });
  gil_test_room_act (f->a.page, "Antrekan Kembali", "D-001", "waiting");
  status = manager_status (f, first, NULL);
  g_assert_cmpstr (status, ==, "waiting");
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, "Berikutnya: D-002 · Baiq Rina"));

  /* The last in line must go first: chosen and called out of order. */
  gil_test_room_select_ticket (f->a.page, "D-003");
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", "Panggil Pasien Ini", "Kirim ke…", NULL });
  gil_test_room_act (f->a.page, "Panggil Pasien Ini", "D-003", "called");
  g_free (status);
  status = manager_status (f, third, &out_of_order);
  g_assert_cmpstr (status, ==, "called");
  g_assert_true (out_of_order);
  gil_test_room_wait_label (f->a.page, "Dipanggil 1×, 0 mnt lalu · dipanggil di luar urutan");
}

static void
test_transfer_with_return (GilTestRoomFixture *f,
                           gconstpointer       data)
{
  gint64 visit = gil_test_room_register_adult (f, "Ahmad Fauzi");
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  g_autoptr(JsonNode) node = NULL;
  GtkWidget *dialog;
  JsonArray *stops;
  guint code = 0;

  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-001", "waiting");
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_act (f->a.page, "Mulai Layani", "D-001", "serving");

  /* Send to the laboratory, to come back afterwards. */
  gil_test_room_press (f->a.page, "Kirim ke…");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Send to… dialog");
  dialog = gil_test_ui_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Kirim D-001 ke…");
  g_assert_null (gil_test_ui_find_label (dialog, "Ruang Usia Dewasa"));
  gil_test_room_choose_room (dialog, "Laboratorium");
  gil_test_room_tick_return (dialog);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (dialog, "room-send-to"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The patient leaves this room's list and waits at the laboratory. */
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  node = gil_test_api_call (f->url, f->token, "GET", path, NULL, NULL, &code);
  stops = json_object_get_array_member (gil_test_api_object (node), "stops");
  g_assert_cmpuint (json_array_get_length (stops), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 0), "status"), ==, "transferred");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (stops, 1), "room"), ==,
                   gil_test_api_room_id (f->url, f->token, "LK-LAB"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stops, 1), "status"), ==, "waiting");
}

/* A nurse who never touches the mouse: Enter on "Call Next" where the
 * page puts the focus, then the page's shortcuts one after the other,
 * with the list rebuilt under the focus by the manager's events. Each
 * key is a real key gil_test_room_press on the X display, so it only works if the
 * focus is still where the page's shortcuts are heard. */
static void
test_keyboard_only (GilTestRoomFixture *f,
                    gconstpointer       data)
{
  GilStopRow *row = NULL;
  GtkWidget *dialog;

  if (gil_test_ui_skip_unless_can_type ())
    return;

  gil_test_room_register_adult (f, "Ahmad Fauzi");
  gil_test_room_register_adult (f, "Baiq Rina");
  gil_test_room_register_adult (f, "Lalu Hendra");
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-003", "waiting");
  g_assert_true (gtk_widget_has_focus (gil_test_ui_find_button (f->a.page, "Panggil Berikutnya")));

  /* Enter on Call Next; then F6 calls again, Ctrl+M starts, Ctrl+D
   * finishes (Enter: home), F5 calls the next, Ctrl+L skips them. */
  gil_test_room_type_keys (&f->a, "Return");
  gil_test_room_wait_row (f->a.page, "D-001", "called");
  gil_test_room_wait_label (f->a.page, "D-001 dipanggil:");
  gil_test_room_type_keys (&f->a, "F6");
  gil_test_room_wait_label (f->a.page, "Dipanggil 2×");
  gil_test_room_type_keys (&f->a, "ctrl+m");
  gil_test_room_wait_row (f->a.page, "D-001", "serving");
  gil_test_room_type_keys (&f->a, "ctrl+d");
  gil_test_room_answer_home (&f->a);
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  gil_test_room_type_keys (&f->a, "F5");
  gil_test_room_wait_row (f->a.page, "D-002", "called");
  gil_test_room_type_keys (&f->a, "ctrl+l");
  gil_test_room_wait_row (f->a.page, "D-002", "skipped");

  /* Enter again where the focus was left: the next patient is called. */
  gil_test_room_type_keys (&f->a, "Return");
  gil_test_room_wait_row (f->a.page, "D-003", "called");

  /* The nurse has arrowed to D-003 when the other PC calls D-004 and
   * starts D-003: both move, their rows are made again, and the focus
   * stays with D-003. */
  gil_test_room_register_adult (f, "Siti Aminah");
  gil_test_room_register_adult (f, "Made Wirawan");
  gil_test_room_wait_row (f->a.page, "D-005", "waiting");
  {
    g_autoptr(JsonObject) called = gil_test_api_call_next (f->url, f->token, "K3-DEWASA");

    g_assert_cmpstr (json_object_get_string_member (called, "ticket"), ==, "D-004");
  }
  gil_test_room_wait_row (f->a.page, "D-004", "called");
  row = g_object_ref (gil_test_room_find_row (f->a.page, "D-003"));
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gil_test_api_stop_action (f->url, f->token, gil_stop_item_get_id (gil_stop_row_get_item (row)), "start");
  gil_test_room_wait_row (f->a.page, "D-003", "serving");
  gil_test_ui_spin (200);
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (row)));
  g_clear_object (&row);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (gil_test_room_find_row (f->a.page, "D-003"))));
  gil_test_room_type_keys (&f->a, "ctrl+d");
  gil_test_room_answer_home (&f->a);
  gil_test_room_wait_row (f->a.page, "D-003", NULL);
  gil_test_room_type_keys (&f->a, "F5");
  gil_test_room_wait_row (f->a.page, "D-005", "called");

  /* Send to… by keyboard, sent from the dialog: the room's keys work at
   * once when the window has the keyboard again. */
  gil_test_room_select_ticket (f->a.page, "D-005");
  gil_test_room_type_keys (&f->a, "ctrl+t");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Send to… dialog");
  dialog = gil_test_ui_find_dialog ();
  gil_test_ui_spin (200);
  gil_test_room_choose_room (dialog, "Laboratorium");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gil_test_room_wait_row (f->a.page, "D-005", NULL);
  gil_test_ui_spin (200);
  gil_test_room_type_keys (&f->a, "F6");
  gil_test_room_wait_label (f->a.page, "Dipanggil 2×");
  g_assert_cmpstr (gil_test_room_selected_ticket (f->a.page), ==, "D-004");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-keyboard"));

  /* The nurse has tabbed out of the page, to the window's menu: the
   * room's keys still work, and the focus is left where she put it. */
  gil_test_room_register_adult (f, "Ni Luh Putu");
  gil_test_room_wait_row (f->a.page, "D-006", "waiting");
  g_assert_true (gtk_widget_grab_focus (f->a.menu));
  gil_test_ui_type (GTK_WIDGET (f->a.window), "F5");
  gil_test_room_wait_row (f->a.page, "D-006", "called");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->a.window)), f->a.menu));

  /* The no-show turns up: Enter on "Put Back", which cannot be pressed
   * again for a waiting patient, then F5 calls them. */
  gil_test_room_select_ticket (f->a.page, "D-002");
  g_assert_true (gtk_widget_grab_focus (gil_test_ui_find_button (f->a.page, "Antrekan Kembali")));
  gil_test_room_type_keys (&f->a, "Return");
  gil_test_room_wait_row (f->a.page, "D-002", "waiting");
  gil_test_room_type_keys (&f->a, "F5");
  gil_test_room_wait_row (f->a.page, "D-002", "called");
}

/* A busy morning as the room sees it: emergency and priority badges,
 * waiting times and today's totals, for a screenshot to look at. */
static void
test_busy_room (GilTestRoomFixture *f,
                gconstpointer       data)
{
  g_autoptr(JsonNode) emergency = NULL;
  g_autoptr(JsonNode) disabled = NULL;
  g_autofree char *to_this_room = g_strdup_printf (",\"signs\":[\"emergency\"],\"room\":%" G_GINT64_FORMAT,
                                                  f->room);

  gil_test_room_register_adult (f, "Ahmad Fauzi");
  gil_test_room_register_adult (f, "Baiq Rina");
  disabled = gil_test_api_register (f->url, f->token, "Lalu Hendra", "1979-08-17",
                                    ",\"signs\":[\"disability\"]");
  gil_test_room_register_adult (f, "Siti Aminah");
  /* Brought in collapsing: UGD would take him, the clerk sends him here. */
  emergency = gil_test_api_register (f->url, f->token, "Made Wirawan", "1970-02-02", to_this_room);
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-005", "waiting");
  /* Emergency first, always. */
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-005", "called");
  gil_test_room_wait_label (f->a.page, "D-005 dipanggil: Gawat darurat: selalu didahulukan");
  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-busy"));
}

/* ── how the rows look ──────────────────────────────────────────────── */

/* The status pill of @ticket's row on @page: its words, and whether it
 * and its row carry @css_class. */
static void
assert_pill (GtkWidget  *page,
             const char *ticket,
             const char *css_class,
             const char *words)
{
  GilStopRow *row = gil_test_room_find_row (page, ticket);
  GtkWidget *pill;

  g_assert_nonnull (row);
  pill = gil_test_ui_find_named (GTK_WIDGET (row), "status_pill");
  g_assert_nonnull (pill);
  g_assert_true (gtk_widget_get_visible (pill));
  g_assert_true (gtk_widget_has_css_class (pill, css_class));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), css_class));
  g_assert_nonnull (gil_test_ui_find_label (pill, words));
  g_assert_nonnull (gil_test_ui_find_named (pill, "status_icon"));
  for (guint i = 0; i < 3; i++)
    {
      static const char * const others[] = { "waiting", "called", "serving" };

      if (!g_str_equal (others[i], css_class))
        {
          g_assert_false (gtk_widget_has_css_class (pill, others[i]));
          g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), others[i]));
        }
    }
}

/* A row of @page, by its ticket, and the style its pill should come to
 * have. */
typedef struct
{
  GtkWidget  *page;
  const char *ticket;
  const char *css_class;
} PillExpect;

static gboolean
pill_has_class (gpointer data)
{
  PillExpect *e = data;
  GilStopRow *row = gil_test_room_find_row (e->page, e->ticket);
  GtkWidget *pill = row != NULL ? gil_test_ui_find_named (GTK_WIDGET (row), "status_pill") : NULL;

  return pill != NULL && gtk_widget_has_css_class (pill, e->css_class);
}

/* Called, being served and waiting look different at a glance: each row
 * has a pill with its own words, icon and style, and the row follows
 * the patient from one to the next. */
static void
test_row_states (GilTestRoomFixture *f,
                 gconstpointer       data)
{
  PillExpect e;

  gil_test_room_register_adult (f, "Ahmad Fauzi");
  gil_test_room_register_adult (f, "Baiq Rina");
  gil_test_room_register_adult (f, "Lalu Hendra");
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-003", "waiting");
  assert_pill (f->a.page, "D-001", "waiting", "Menunggu");

  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  e = (PillExpect) { f->a.page, "D-001", "called" };
  gil_test_ui_wait (pill_has_class, &e, "D-001's pill to say called");
  gil_test_room_act (f->a.page, "Mulai Layani", "D-001", "serving");
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-002", "called");
  e = (PillExpect) { f->a.page, "D-001", "serving" };
  gil_test_ui_wait (pill_has_class, &e, "D-001's pill to say being served");
  e = (PillExpect) { f->a.page, "D-002", "called" };
  gil_test_ui_wait (pill_has_class, &e, "D-002's pill to say called");

  assert_pill (f->a.page, "D-001", "serving", "Dilayani");
  assert_pill (f->a.page, "D-002", "called", "Dipanggil");
  assert_pill (f->a.page, "D-003", "waiting", "Menunggu");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-states"));
}

/* ── back from the laboratory ───────────────────────────────────────── */


/* The "Send to…" dialog, for the patient chosen on @s. */
static GtkWidget *
open_send_to (GilTestStation *s)
{
  gil_test_room_press (s->page, "Kirim ke…");
  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Send to… dialog");
  return gil_test_ui_find_dialog ();
}

/* A patient called, then sent to the laboratory with return: the header
 * no longer says they are called; the laboratory's list says where they
 * go back to; once done there they are back in the room, marked so,
 * first in line and with the wait they had; served and finished, the
 * header lets them go. */
static void
test_back_from_lab (GilTestRoomFixture *f,
                    gconstpointer       data)
{
  gint64 visit = gil_test_room_register_adult (f, "Ahmad Fauzi");
  gint64 lab = gil_test_api_room_id (f->url, f->token, "LK-LAB");
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) first_enqueued = NULL;
  GilStopRow *row;
  GtkWidget *dialog;
  JsonArray *stops;
  guint code = 0;

  gil_test_room_register_adult (f, "Baiq Rina");
  gil_test_room_open (f, &f->a);
  gil_test_room_open_at (f, &f->b, lab, 1024, 700);
  gil_test_room_wait_row (f->a.page, "D-002", "waiting");

  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_wait_label (f->a.page, "D-001 dipanggil:");

  /* No room is chosen for the nurse, and Send waits for one. */
  dialog = open_send_to (&f->a);
  gil_test_room_choose_room (dialog, "Laboratorium");
  gil_test_room_tick_return (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  gil_test_room_wait_label_gone (f->a.page, "D-001");

  /* The laboratory sees where the patient goes back to. */
  gil_test_room_wait_row (f->b.page, "D-001", "waiting");
  gil_test_room_wait_row_says (f->b.page, "D-001", "kembali ke Ruang Usia Dewasa");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->b.window), "room-lab-returns-to"));
  gil_test_room_act (f->b.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_act (f->b.page, "Mulai Layani", "D-001", "serving");
  gil_test_room_press (f->b.page, "Selesai");
  gil_test_room_wait_row (f->b.page, "D-001", NULL);

  /* Back in the room: marked, first in line, waiting since they first
   * came, not since they came back. */
  gil_test_room_wait_row (f->a.page, "D-001", "waiting");
  gil_test_room_wait_row_says (f->a.page, "D-001", "kembali dari Laboratorium");
  gil_test_room_wait_label (f->a.page, "Berikutnya: D-001 · Ahmad Fauzi");
  node = gil_test_api_call (f->url, f->token, "GET", path, NULL, NULL, &code);
  g_assert_cmpuint (code, ==, 200);
  stops = json_object_get_array_member (gil_test_api_object (node), "stops");
  g_assert_cmpuint (json_array_get_length (stops), ==, 3);
  first_enqueued = g_date_time_new_from_iso8601 (json_object_get_string_member (json_array_get_object_element (stops, 0),
                                                                                "enqueued_at"), NULL);
  row = gil_test_room_find_row (f->a.page, "D-001");
  g_assert_true (g_date_time_equal (gil_stop_item_get_waiting_since (gil_stop_row_get_item (row)), first_enqueued));
  g_assert_cmpint (gil_stop_item_get_back_from (gil_stop_row_get_item (row)), ==, lab);
  g_assert_cmpuint (gil_stop_item_get_position (gil_stop_row_get_item (row)), ==, 1);
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-back-from-lab"));

  /* Called, served, finished: the header follows, then lets go. */
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-001", "called");
  gil_test_room_wait_label (f->a.page, "D-001 dipanggil:");
  gil_test_room_act (f->a.page, "Mulai Layani", "D-001", "serving");
  gil_test_room_wait_label (f->a.page, "D-001 sedang dilayani");
  gil_test_room_wait_label_gone (f->a.page, "D-001 dipanggil");
  gil_test_room_press (f->a.page, "Selesai");
  gil_test_room_answer_home (NULL);
  gil_test_room_wait_row (f->a.page, "D-001", NULL);
  gil_test_room_wait_label_gone (f->a.page, "D-001");

  /* A no-show lets go of the header too. */
  gil_test_room_act (f->a.page, "Panggil Berikutnya", "D-002", "called");
  gil_test_room_wait_label (f->a.page, "D-002 dipanggil:");
  gil_test_room_act (f->a.page, "Lewati", "D-002", "skipped");
  gil_test_room_wait_label_gone (f->a.page, "D-002 dipanggil");
}

/* ── a long queue ───────────────────────────────────────────────────── */

#define LONG_QUEUE 150

static const char * const given_names[] = {
  "Ahmad", "Baiq", "Lalu", "Siti", "Made", "Ni Luh", "Wayan", "Komang",
  "Dewi", "Rina", "Yusuf", "Agus", "Fitri", "Hendra", "Putu",
};
static const char * const family_names[] = {
  "Fauzi", "Rahmawati", "Wirawan", "Aminah", "Saputra", "Lestari", "Hidayat",
  "Kusuma", "Pratama", "Sari",
};

typedef struct
{
  GtkWidget  *page;
  const char *ticket;
} SelectExpect;

static gboolean
is_selected (gpointer data)
{
  SelectExpect *e = data;

  return g_strcmp0 (gil_test_room_selected_ticket (e->page), e->ticket) == 0;
}

static guint
rows_on_show (GtkWidget *page)
{
  guint shown = 0;

  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (page, GIL_TYPE_STOP_ROW, i);

      if (row == NULL)
        return shown;
      shown += gtk_widget_get_visible (row) && gtk_widget_get_child_visible (row);
    }
}

typedef struct
{
  GtkWidget *page;
  guint      count;
} ShownExpect;

static gboolean
shows_rows (gpointer data)
{
  ShownExpect *e = data;

  return rows_on_show (e->page) == e->count;
}

/* Whether @ticket's row lies wholly inside the list's scrolled window. */
static gboolean
row_in_view (gpointer data)
{
  SelectExpect *e = data;
  GilStopRow *row = gil_test_room_find_row (e->page, e->ticket);
  GtkWidget *scroller = row != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (row), GTK_TYPE_SCROLLED_WINDOW) : NULL;
  graphene_rect_t bounds;

  if (row == NULL || scroller == NULL || !gtk_widget_get_mapped (GTK_WIDGET (row)) ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), scroller, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

static gboolean
focus_in_entry (gpointer data)
{
  GilTestStation *s = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (s->window));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL &&
         gtk_widget_get_mapped (focus);
}

static gboolean
row_has_focus (gpointer data)
{
  SelectExpect *e = data;
  GilStopRow *row = gil_test_room_find_row (e->page, e->ticket);

  return row != NULL && gtk_widget_has_focus (GTK_WIDGET (row));
}

/* Types @text into the focused entry, or sets it where keys cannot be
 * pressed. */
static void
type_search (GilTestStation *s,
             const char     *keys,
             const char     *text)
{
  if (gil_test_ui_can_type ())
    gil_test_ui_type (GTK_WIDGET (s->window), keys);
  else
    gtk_editable_set_text (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (s->window))), text);
}

/* A hundred and fifty waiting: Ctrl+F, a ticket number, and the patient
 * is the one chosen and in view; part of a name shows only those who
 * have it; Escape shows the whole queue again, still at the patient. */
static void
test_search_long_queue (GilTestRoomFixture *f,
                        gconstpointer       data)
{
  SelectExpect selected = { NULL, "D-142" };
  ShownExpect shown;
  GtkWidget *entry;

  for (guint i = 0; i < LONG_QUEUE; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", given_names[i % G_N_ELEMENTS (given_names)],
                                               family_names[i / G_N_ELEMENTS (given_names)]);

      gil_test_room_register_adult (f, name);
    }
  gil_test_room_open (f, &f->a);
  gil_test_room_wait_row (f->a.page, "D-150", "waiting");
  selected.page = f->a.page;
  shown = (ShownExpect) { f->a.page, LONG_QUEUE };
  gil_test_ui_wait (shows_rows, &shown, "every row on show");
  g_assert_false (row_in_view (&selected));

  /* Ctrl+F opens the search with the keyboard in it. */
  if (gil_test_ui_can_type ())
    gil_test_room_type_keys (&f->a, "ctrl+f");
  else
    g_assert_true (gtk_widget_activate_action (f->a.page, "room.search", NULL));
  entry = gil_test_ui_find_named (f->a.page, "search_entry");
  g_assert_nonnull (entry);
  gil_test_ui_wait (focus_in_entry, &f->a, "the keyboard in the search entry");

  /* A ticket number: that patient, chosen and in view. */
  type_search (&f->a, "1 4 2", "142");
  gil_test_ui_wait (is_selected, &selected, "D-142 to be chosen");
  shown.count = 1;
  gil_test_ui_wait (shows_rows, &shown, "only D-142 on show");
  gil_test_ui_wait (row_in_view, &selected, "D-142 in view");
  g_assert_nonnull (gil_test_ui_find_label (f->a.page, "D-142"));

  /* Enter takes the keyboard to the patient found; Ctrl+F goes back to
   * the search. */
  if (gil_test_ui_can_type ())
    {
      gil_test_ui_type (GTK_WIDGET (f->a.window), "Return");
      gil_test_ui_wait (row_has_focus, &selected, "the keyboard on D-142's row");
      gil_test_ui_type (GTK_WIDGET (f->a.window), "ctrl+f");
      gil_test_ui_wait (focus_in_entry, &f->a, "the keyboard back in the search entry");
    }

  /* Part of a name: the ten who have it, the first of them chosen. */
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  type_search (&f->a, "w i r a w a n", "wirawan");
  selected.ticket = "D-031";
  gil_test_ui_wait (is_selected, &selected, "D-031, the first Wirawan, to be chosen");
  shown.count = G_N_ELEMENTS (given_names);
  gil_test_ui_wait (shows_rows, &shown, "only the Wirawans on show");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-search-name"));

  /* Back to a ticket, then Escape: the whole queue, still at D-142 and
   * with it in view, its actions at hand. */
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  type_search (&f->a, "d minus 1 4 2", "D-142");
  selected.ticket = "D-142";
  gil_test_ui_wait (is_selected, &selected, "D-142 to be chosen again");
  if (gil_test_ui_can_type ())
    gil_test_ui_type (GTK_WIDGET (f->a.window), "Escape");
  else
    gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gil_test_ui_find_named (f->a.page, "search_bar")), FALSE);
  shown.count = LONG_QUEUE;
  gil_test_ui_wait (shows_rows, &shown, "every row on show again");
  g_assert_cmpstr (gil_test_room_selected_ticket (f->a.page), ==, "D-142");
  gil_test_ui_wait (row_in_view, &selected, "D-142 still in view");
  gil_test_room_expect_buttons (f->a.page, (const char *[]) { "Panggil Berikutnya", "Panggil Pasien Ini", "Kirim ke…", NULL });
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), "room-search"));
}

/* ── a small screen ─────────────────────────────────────────────────── */

typedef struct
{
  GtkWindow *window;
  int        width;
  int        height;
} SizeExpect;

/* The window has its size: as asked, less the margins GTK keeps round a
 * window it decorates itself (no window manager runs here), and not more,
 * which it would be if what it holds could not be made that small. */
#define DECORATION_MARGIN 24

static gboolean
has_size (gpointer data)
{
  SizeExpect *e = data;
  int width = gtk_widget_get_width (GTK_WIDGET (e->window));
  int height = gtk_widget_get_height (GTK_WIDGET (e->window));

  return width > e->width - DECORATION_MARGIN && height > e->height - DECORATION_MARGIN;
}

typedef struct
{
  GilTestStation *station;
  const char     *label;
} FocusExpect;

static gboolean
button_has_focus (gpointer data)
{
  FocusExpect *e = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (e->station->window));

  return GTK_IS_BUTTON (focus) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), e->label) == 0;
}

/* Tab goes from one enabled action button to the next, across the line
 * where they wrap, as it does in a row of plain buttons. */
static void
tab_through_actions (GilTestStation *s)
{
  static const char * const order[] = { "Panggil Ulang", "Mulai Layani", "Lewati", "Kirim ke…", "Riwayat" };

  g_assert_true (gtk_widget_grab_focus (gil_test_ui_find_button (s->page, order[0])));
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      FocusExpect e = { s, order[i] };
      g_autofree char *what = g_strdup_printf ("Tab to reach “%s”", order[i]);

      gil_test_ui_type (GTK_WIDGET (s->window), "Tab");
      gil_test_ui_wait (button_has_focus, &e, what);
    }
}

/* At 800×600 (and 1024×768, 1366×768) every action button can be seen
 * and pressed: none covers another and all lie inside the window. */
static void
test_small_screens (GilTestRoomFixture *f,
                    gconstpointer       data)
{
  static const char * const labels[] = {
    "Panggil Berikutnya", "Panggil Pasien Ini", "Panggil Ulang", "Mulai Layani",
    "Selesai", "Lewati", "Antrekan Kembali", "Kirim ke…", "Riwayat",
  };
  static const int sizes[][2] = { { 800, 600 }, { 1024, 768 }, { 1366, 768 } };

  gil_test_room_register_adult (f, "Ahmad Fauzi");
  gil_test_room_register_adult (f, "Baiq Rina Kartika Sari Dewi Lestari");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      SizeExpect size;
      int width;
      int height;
      graphene_rect_t bounds[G_N_ELEMENTS (labels)];
      g_autofree char *shot = g_strdup_printf ("room-%dx%d", sizes[s][0], sizes[s][1]);

      gil_test_room_open_at (f, &f->a, f->room, sizes[s][0], sizes[s][1]);
      gil_test_room_wait_row (f->a.page, "D-002", "waiting");
      if (s == 0)
        {
          gil_test_room_press (f->a.page, "Panggil Berikutnya");
          gil_test_room_wait_row (f->a.page, "D-001", "called");
        }
      gil_test_room_select_ticket (f->a.page, "D-001");
      size = (SizeExpect) { f->a.window, sizes[s][0], sizes[s][1] };
      gil_test_ui_wait (has_size, &size, "the window at its size");
      gil_test_ui_spin (300);
      width = gtk_widget_get_width (GTK_WIDGET (f->a.window));
      height = gtk_widget_get_height (GTK_WIDGET (f->a.window));
      g_assert_cmpint (width, <=, sizes[s][0]);
      g_assert_cmpint (height, <=, sizes[s][1]);

      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          GtkWidget *button = gil_test_ui_find_button (f->a.page, labels[i]);

          g_assert_nonnull (button);
          g_assert_true (gtk_widget_get_mapped (button));
          g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (f->a.window), &bounds[i]));
          if (g_test_verbose ())
            g_printerr ("%dx%d %s: %g,%g %gx%g\n", sizes[s][0], sizes[s][1], labels[i],
                        bounds[i].origin.x, bounds[i].origin.y, bounds[i].size.width, bounds[i].size.height);
          g_assert_cmpfloat (bounds[i].size.width, >, 0);
          g_assert_cmpfloat (bounds[i].origin.x, >=, 0);
          g_assert_cmpfloat (bounds[i].origin.y, >=, 0);
          g_assert_cmpfloat (bounds[i].origin.x + bounds[i].size.width, <=, width);
          g_assert_cmpfloat (bounds[i].origin.y + bounds[i].size.height, <=, height);
          for (guint j = 0; j < i; j++)
            if (graphene_rect_intersection (&bounds[i], &bounds[j], NULL))
              g_error ("at %dx%d “%s” overlaps “%s”", sizes[s][0], sizes[s][1], labels[i], labels[j]);
        }
      g_free (gil_test_ui_screenshot (GTK_WIDGET (f->a.window), shot));
      if (s == 0 && gil_test_ui_can_type ())
        tab_through_actions (&f->a);
      gil_test_room_close (&f->a);
      memset (&f->a, 0, sizeof f->a);
    }
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/ui-room/" path, GilTestRoomFixture, NULL, gil_test_room_set_up, func, gil_test_room_tear_down)
  ADD ("call-serve-finish", test_call_serve_finish);
  ADD ("skip-requeue-out-of-order", test_skip_requeue_out_of_order);
  ADD ("transfer-with-return", test_transfer_with_return);
  ADD ("busy-room", test_busy_room);
  ADD ("keyboard-only", test_keyboard_only);
  ADD ("row-states", test_row_states);
  ADD ("back-from-lab", test_back_from_lab);
  ADD ("search-long-queue", test_search_long_queue);
  ADD ("small-screens", test_small_screens);
#undef ADD

  return g_test_run ();
}
