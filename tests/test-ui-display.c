/* test-ui-display.c — the display page under Xvfb, against a real manager:
 * live calls and the new-call highlight, the last calls and the room cards,
 * patient names only where allowed, a display limited to one room, a
 * display started after the calls were made, calls that come together
 * each held large in turn, the sign that calls are not heard, and the
 * loket's calls (on the board with their desk, heard in turn with the
 * rooms' calls, left out by a display limited to some rooms)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-announcer.h"
#include "gil-display-calls.h"
#include "gil-display-page.h"
#include "gil-queue-event.h"
#include "gil-room-list.h"
#include "gil-speech.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define ROOMS 10
#define RECENT 5
/* Most tests make calls faster than a person reads them: each is held
 * large this long, not GIL_DISPLAY_HOLD_MS (test_hold). */
#define TEST_HOLD_MS 20

typedef struct
{
  GilTestServer     server;
  GilTestUiStation  ui;
  char             *display_token;  /* the page's: a paired display station */
} Fixture;

/* ── the manager, over HTTP ────────────────────────────────────────── */

static gint64
health_seq (Fixture *f)
{
  g_autoptr(JsonNode) health = gil_test_api_expect (f->server.url, f->server.admin, "GET", "/api/v1/health", NULL, NULL, 200);

  return json_object_get_int_member (gil_test_api_object (health), "seq");
}

/* Registers a new patient; with @room_code, in that room rather than the
 * suggested one. Returns the stop's id. */
static gint64
register_patient (Fixture    *f,
                  const char *name,
                  const char *birth_date,
                  const char *room_code)
{
  g_autofree char *extra = NULL;
  g_autoptr(JsonNode) visit = NULL;
  JsonArray *stops;

  if (room_code != NULL)
    extra = g_strdup_printf (",\"room\":%" G_GINT64_FORMAT,
                             gil_test_api_room_id (f->server.url, f->server.admin, room_code));
  visit = gil_test_api_register (f->server.url, f->server.admin, name, birth_date, extra);
  stops = json_object_get_array_member (gil_test_api_object (visit), "stops");
  return json_object_get_int_member (json_array_get_object_element (stops, 0), "id");
}

/* Calls the next patient of the room; returns the ticket called. */
static char *
call_next (Fixture    *f,
           const char *room_code)
{
  g_autoptr(JsonObject) stop = gil_test_api_call_next (f->server.url, f->server.admin, room_code);

  return g_strdup (json_object_get_string_member (stop, "ticket"));
}

/* The puskesmas turns names on its displays on or off (Preferences). */
static void
set_display_names (Fixture  *f,
                   gboolean  on)
{
  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "PATCH", "/api/v1/profile",
                                        on ? "{\"display_names\":true}" : "{\"display_names\":false}", NULL, 200));
}

/* ── the page ──────────────────────────────────────────────────────── */

static gboolean
rooms_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->ui.rooms)) == ROOMS;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_server_set_up (&f->server, data);
  f->display_token = gil_test_api_pair (f->server.url, f->server.admin, "display", "");
  f->ui.connection = gil_connection_new (f->server.url, f->display_token);
}

/* Opens the display at 1366x768 with its events from @since. */
static void
open_display (Fixture            *f,
              const char * const *room_codes,
              gint64              since)
{
  gil_connection_start_events (f->ui.connection, since);
  f->ui.rooms = gil_room_list_new (f->ui.connection);
  g_autoptr(GilContext) context = gil_context_new (f->ui.connection, f->ui.rooms, NULL);
  f->ui.page = gil_display_page_new (context, room_codes);
  gil_display_page_set_hold (GIL_DISPLAY_PAGE (f->ui.page), TEST_HOLD_MS);
  f->ui.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->ui.window, 1366, 768);
  gtk_window_set_child (f->ui.window, f->ui.page);
  gtk_window_present (f->ui.window);
  gil_test_ui_wait (rooms_loaded, f, "the rooms");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_station_close (&f->ui);
  g_clear_pointer (&f->display_token, g_free);
  gil_test_server_tear_down (&f->server, data);
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  return gtk_label_get_text (GTK_LABEL (gil_test_ui_get_named (root, name)));
}

/* The card of the room @code, which shows the room's name. */
static GtkWidget *
card_of (Fixture    *f,
         const char *code,
         const char *room_name)
{
  g_autofree char *name = g_strconcat ("card-", code, NULL);
  GtkWidget *card = gil_test_ui_get_named (f->ui.page, name);

  g_assert_cmpstr (text_of (card, "card_room"), ==, room_name);
  return card;
}

/* The @nth of the recent calls, the newest first (shown or not). */
static GtkWidget *
recent_call (Fixture *f,
             guint    nth)
{
  g_autofree char *name = g_strdup_printf ("recent_%u", nth);

  return gil_test_ui_get_named (f->ui.page, name);
}

/* How many rooms' cards the page shows: each card has its room's name. */
static guint
count_cards (GtkWidget *root)
{
  return gil_test_ui_count_named (root, "card_room");
}

/* Whether any label on the page, shown or not, holds @text. */
static gboolean
page_says (Fixture    *f,
           const char *text)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = gil_test_ui_find_type (f->ui.page, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return FALSE;
      if (strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        return TRUE;
    }
}

static void
assert_waiting (GtkWidget *card,
                guint      n)
{
  g_autofree char *expected = g_strdup_printf (_("%u waiting"), n);

  gil_test_ui_wait_label (card, "card_waiting", expected);
}

/* ── the tests ─────────────────────────────────────────────────────── */

/* The clock is written as Indonesians write a time: 10.45, never 10:45. */
static void
assert_clock_shown (GtkWidget *page)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = gil_test_ui_find_type (page, GTK_TYPE_LABEL, i);

      g_assert_nonnull (label);
      g_assert_false (g_regex_match_simple ("^[0-9]{2}:[0-9]{2}$", gtk_label_get_text (GTK_LABEL (label)), 0, 0));
      if (g_regex_match_simple ("^[0-9]{2}\\.[0-9]{2}$", gtk_label_get_text (GTK_LABEL (label)), 0, 0))
        return;
    }
}

static void
test_calls (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *latest;
  GtkWidget *card;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 first_stop;
  static const struct
  {
    const char *code;
    const char *name;
    const char *ticket;
  } more[] = {
    { "K2-KIA", "Baiq Nurul", "A-001" },
    { "K3-DEWASA", "Lalu Ahmad", "D-001" },
    { "LK-GIGI", "Made Wirawan", "H-001" },
    { "LK-LAB", "Ni Luh Sari", "J-001" },
    { "LK-FARMASI", "Siti Rohani", "K-001" },
  };
  static const char * const recent[] = { "J-001", "H-001", "D-001", "A-001", "E-001" };

  open_display (f, NULL, health_seq (f));
  assert_clock_shown (f->ui.page);
  latest = gil_test_ui_get_named (f->ui.page, "latest_box");
  g_assert_nonnull (latest);
  g_assert_cmpuint (count_cards (f->ui.page), ==, ROOMS);
  g_assert_cmpstr (text_of (f->ui.page, "ticket_label"), ==, "—");

  /* Three elderly patients wait in the Lansia room. */
  first_stop = register_patient (f, "Inaq Saenah", "1950-03-01", NULL);
  register_patient (f, "Amaq Rusni", "1951-04-02", NULL);
  register_patient (f, "Papuq Idah", "1952-05-03", NULL);
  card = card_of (f, "K3-LANSIA", "Ruang Lansia");
  assert_waiting (card, 3);
  g_assert_cmpstr (text_of (card, "card_number"), ==, "—");

  /* The room calls: the ticket large, with its room, as a new call. */
  first = call_next (f, "K3-LANSIA");
  g_assert_cmpstr (first, ==, "E-001");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "E-001");
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Ruang Lansia");
  g_assert_true (gtk_widget_has_css_class (latest, "new-call"));
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->ui.page, "patient_label")));
  g_assert_false (gtk_widget_get_visible (recent_call (f, 0)));
  gil_test_ui_wait_label (card, "card_number", "E-001");
  assert_waiting (card, 2);
  {
    g_autofree char *label = g_strdup_printf (_("Ticket number %s, please go to %s"),
                                              "E-001", "Ruang Lansia");

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_get_named (f->ui.page, "ticket_label")),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  }

  /* A second call takes its place; the first goes to the last calls. */
  second = call_next (f, "K3-LANSIA");
  g_assert_cmpstr (second, ==, "E-002");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "E-002");
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", "E-001");
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_room"), ==, "Ruang Lansia");
  g_assert_false (gtk_widget_get_visible (recent_call (f, 1)));
  gil_test_ui_wait_label (card, "card_number", "E-002");
  assert_waiting (card, 1);
  g_assert_true (gtk_widget_has_css_class (latest, "new-call"));

  /* A recall moves the first back up, not twice. */
  gil_test_api_stop_action (f->server.url, f->server.admin, first_stop, "recall");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "E-001");
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", "E-002");
  g_assert_false (gtk_widget_get_visible (recent_call (f, 1)));
  gil_test_ui_wait_label (card, "card_number", "E-001");

  /* Other rooms stay as they were. */
  g_assert_cmpstr (text_of (card_of (f, "K3-DEWASA", "Ruang Usia Dewasa"), "card_number"), ==, "—");
  assert_waiting (card_of (f, "K3-DEWASA", "Ruang Usia Dewasa"), 0);

  /* The puskesmas renames itself: the header follows. */
  g_assert_cmpstr (text_of (f->ui.page, "puskesmas_label"), ==, "Puskesmas");
  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"Puskesmas Karang Taliwang\"}", NULL, 200));
  gil_test_ui_wait_label (f->ui.page, "puskesmas_label", "Puskesmas Karang Taliwang");

  /* Calls in five more rooms: the last calls hold the five before the
   * latest, and the oldest call leaves the board. */
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    register_patient (f, more[i].name, "1990-01-01", more[i].code);
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      g_autofree char *ticket = call_next (f, more[i].code);

      g_assert_cmpstr (ticket, ==, more[i].ticket);
    }
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "K-001");
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Farmasi");
  for (guint i = 0; i < RECENT; i++)
    gil_test_ui_wait_label (recent_call (f, i), "recent_ticket", recent[i]);
  g_assert_false (page_says (f, "E-002"));
  gil_test_ui_wait_label (card_of (f, "K3-LANSIA", "Ruang Lansia"), "card_number", "E-001");
  assert_waiting (card_of (f, "K3-LANSIA", "Ruang Lansia"), 1);

  gil_test_ui_spin (400);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "display-calls"));
}

static gboolean
no_names (gpointer data)
{
  Fixture *f = data;

  return !page_says (f, "Mardiana");
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *ticket = NULL;

  set_display_names (f, TRUE);
  open_display (f, NULL, health_seq (f));

  /* A normal room: the name shows under the ticket. */
  register_patient (f, "Baiq Mardiana", "1990-01-01", NULL);
  ticket = call_next (f, "K3-DEWASA");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", ticket);
  gil_test_ui_wait_label (f->ui.page, "patient_label", "Baiq Mardiana");
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "display-names"));

  /* A number-only room: never a name, wherever the ticket shows. */
  g_clear_pointer (&ticket, g_free);
  register_patient (f, "Lalu Sukardi", "1985-06-06", "LK-KHUSUS");
  ticket = call_next (f, "LK-KHUSUS");
  g_assert_cmpstr (ticket, ==, "F-001");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "F-001");
  gil_test_ui_wait_label (card_of (f, "LK-KHUSUS", "Ruang Pemeriksaan Khusus"), "card_number", "F-001");
  /* The queue has the name by now; the page still does not show it. */
  gil_test_ui_spin (200);
  g_assert_false (page_says (f, "Sukardi"));
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->ui.page, "patient_label")));
  /* The earlier call keeps its name in the last calls. */
  gil_test_ui_wait_label (recent_call (f, 0), "recent_patient", "Baiq Mardiana");

  /* Names turned off: ticket numbers only. */
  set_display_names (f, FALSE);
  gil_test_ui_wait (no_names, f, "names to go");
  g_assert_false (page_says (f, "Mardiana"));
  g_assert_false (page_says (f, "Sukardi"));
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_ticket"), ==, "D-001");
}

static void
test_limited (Fixture       *f,
              gconstpointer  data)
{
  const char * const codes[] = { "K3-LANSIA", NULL };
  GtkWidget *card;
  g_autofree char *other = NULL;
  g_autofree char *own = NULL;

  open_display (f, codes, health_seq (f));
  g_assert_cmpuint (count_cards (f->ui.page), ==, 1);
  card = card_of (f, "K3-LANSIA", "Ruang Lansia");

  /* A call in another room, then one in this display's room: events come
   * in order, so once the second shows the first was passed over. */
  register_patient (f, "Budi Santoso", "1990-01-01", NULL);
  register_patient (f, "Nenek Ani", "1950-01-01", NULL);
  other = call_next (f, "K3-DEWASA");
  own = call_next (f, "K3-LANSIA");
  g_assert_cmpstr (other, ==, "D-001");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", own);
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Ruang Lansia");
  gil_test_ui_wait_label (card, "card_number", own);
  g_assert_false (page_says (f, "D-001"));
  g_assert_false (page_says (f, "Ruang Usia Dewasa"));
  g_assert_false (gtk_widget_get_visible (recent_call (f, 0)));
}

/* The display starts after two calls: from the queues alone, or also from
 * the replayed events. Neither is a new call; the next live one is. */
static void
test_started_late (Fixture       *f,
                   gconstpointer  data)
{
  /* From now, from 0 (a replay of the day), or from nothing (a snapshot,
   * as the app starts). */
  int from = GPOINTER_TO_INT (data);
  gboolean replay = from == 1;
  GtkWidget *latest;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  register_patient (f, "Inaq Saenah", "1950-03-01", NULL);
  register_patient (f, "Baiq Mardiana", "1990-01-01", NULL);
  register_patient (f, "Amaq Rusni", "1951-04-02", NULL);
  first = call_next (f, "K3-LANSIA");
  /* Call times are whole seconds: one apart orders them. */
  g_usleep (1100 * 1000);
  second = call_next (f, "K3-DEWASA");

  open_display (f, NULL, replay ? 0 : from == 2 ? GIL_CONNECTION_SINCE_NOTHING : health_seq (f));
  latest = gil_test_ui_get_named (f->ui.page, "latest_box");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", second);
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Ruang Usia Dewasa");
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", first);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_room"), ==, "Ruang Lansia");
  gil_test_ui_wait_label (card_of (f, "K3-LANSIA", "Ruang Lansia"), "card_number", first);
  assert_waiting (card_of (f, "K3-LANSIA", "Ruang Lansia"), 1);
  gil_test_ui_spin (300);
  g_assert_false (gtk_widget_has_css_class (latest, "new-call"));
  g_assert_false (gtk_widget_get_visible (recent_call (f, 1)));

  third = call_next (f, "K3-LANSIA");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", third);
  g_assert_true (gtk_widget_has_css_class (latest, "new-call"));
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", second);
  gil_test_ui_wait_label (recent_call (f, 1), "recent_ticket", first);

  /* A full-HD screen: the same board, larger. */
  if (replay)
    {
      gtk_window_unmaximize (f->ui.window);
      gtk_widget_set_size_request (f->ui.page, 1920, 1080);
      gil_test_ui_spin (600);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->ui.window)), ==, 1920);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->ui.window)), ==, 1080);
      g_assert_true (gtk_widget_has_css_class (f->ui.page, "large"));
      g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "display-1080"));
    }
}

static gboolean
is_new_call (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_has_css_class (gil_test_ui_get_named (f->ui.page, "latest_box"), "new-call");
}

/* What the large ticket said as each call event reached the page. */
static void
on_called_cb (GilConnection *connection,
              GilQueueEvent *event,
              gpointer       user_data)
{
  Fixture *f = user_data;
  GPtrArray *seen = g_object_get_data (G_OBJECT (f->ui.page), "seen");

  g_ptr_array_add (seen, g_strdup (text_of (f->ui.page, "ticket_label")));
}

static gboolean
seen_three (gpointer data)
{
  return ((GPtrArray *)data)->len == 3;
}

/* Three rooms call at once: the first stays large for its time, the
 * others wait their turn, in the order they came, and are not in the
 * recent calls before they were large. */
static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  static const char * const rooms[] = { "K2-KIA", "LK-GIGI", "LK-LAB" };
  static const char * const tickets[] = { "A-001", "H-001", "J-001" };
  GPtrArray *seen = g_ptr_array_new_with_free_func (g_free);

  /* A first call, shown as new: the page knows which calls are new. Its
   * short hold is over before the next call (a timer due first fires
   * first). */
  open_display (f, NULL, health_seq (f));
  register_patient (f, "Pasien", "1990-01-01", "K3-DEWASA");
  g_free (call_next (f, "K3-DEWASA"));
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "D-001");
  gil_test_ui_wait (is_new_call, f, "the first call as new");
  gil_test_ui_spin (10 * TEST_HOLD_MS);
  gil_display_page_set_hold (GIL_DISPLAY_PAGE (f->ui.page), GIL_DISPLAY_HOLD_MS);
  g_object_set_data_full (G_OBJECT (f->ui.page), "seen", seen, (GDestroyNotify)g_ptr_array_unref);
  /* After the page's own handler, so it reads what the page made of it. */
  g_signal_connect (f->ui.connection, "queue-event::stop.called", G_CALLBACK (on_called_cb), f);

  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    register_patient (f, "Pasien", "1990-01-01", rooms[i]);
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    {
      g_autofree char *ticket = call_next (f, rooms[i]);

      g_assert_cmpstr (ticket, ==, tickets[i]);
    }
  gil_test_ui_wait (seen_three, seen, "three calls");
  g_assert_cmpuint (seen->len, ==, 3);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpstr (g_ptr_array_index (seen, i), ==, tickets[0]);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_ticket"), ==, "D-001");
  g_assert_false (gtk_widget_get_visible (recent_call (f, 1)));
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->ui.page, "latest_box"), "new-call"));

  /* Then each in turn, the one before it going to the recent calls. */
  gil_test_ui_wait_label (f->ui.page, "ticket_label", tickets[1]);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_ticket"), ==, tickets[0]);
  g_assert_cmpstr (text_of (recent_call (f, 1), "recent_ticket"), ==, "D-001");
  g_assert_false (gtk_widget_get_visible (recent_call (f, 2)));
  gil_test_ui_wait_label (f->ui.page, "ticket_label", tickets[2]);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_ticket"), ==, tickets[1]);
  g_assert_cmpstr (text_of (recent_call (f, 1), "recent_ticket"), ==, tickets[0]);
  g_assert_true (gtk_widget_has_css_class (gil_test_ui_get_named (f->ui.page, "latest_box"), "new-call"));
  g_signal_handlers_disconnect_by_func (f->ui.connection, on_called_cb, f);
}

/* A recall of a call that is in the recent calls moves it up, never a
 * second row for it. */
static void
test_no_repeats (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const rooms[] = { "K2-KIA", "LK-GIGI", "LK-LAB" };
  gint64 first = 0;

  open_display (f, NULL, health_seq (f));
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    {
      gint64 stop = register_patient (f, "Pasien", "1990-01-01", rooms[i]);

      first = first != 0 ? first : stop;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    g_free (call_next (f, rooms[i]));
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "J-001");
  gil_test_ui_wait_label (recent_call (f, 1), "recent_ticket", "A-001");

  gil_test_api_stop_action (f->server.url, f->server.admin, first, "recall");
  gil_test_api_stop_action (f->server.url, f->server.admin, first, "recall");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "A-001");
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", "J-001");
  gil_test_ui_wait_label (recent_call (f, 1), "recent_ticket", "H-001");
  g_assert_false (gtk_widget_get_visible (recent_call (f, 2)));
}

static gboolean
sign_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_visible (gil_test_ui_get_named (f->ui.page, "sound_sign"));
}

/* The tests' sound server is not there: once a call cannot be heard,
 * staff see a sign; with announcements off there is nothing to miss. */
static void
test_sound_sign (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *sign;

  g_settings_set_string (settings, "announcements", "off");
  open_display (f, NULL, health_seq (f));
  sign = gil_test_ui_get_named (f->ui.page, "sound_sign");
  g_assert_nonnull (sign);
  g_assert_false (gtk_widget_get_visible (sign));

  g_settings_set_string (settings, "announcements", "voice");
  register_patient (f, "Lalu Ahmad", "1990-01-01", NULL);
  g_free (call_next (f, "K3-DEWASA"));
  gil_test_ui_wait (sign_shown, f, "the sign that calls are not heard");
  g_assert_true (gil_announcer_get_failing (gil_announcer_get_default ()));
  gil_test_ui_spin (300);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "display-no-sound"));

  g_settings_set_string (settings, "announcements", "off");
  g_assert_false (gtk_widget_get_visible (sign));
  g_settings_reset (settings, "announcements");
}

/* ── the loket ─────────────────────────────────────────────────────── */

static gint64
take_loket_ticket (Fixture    *f,
                   const char *series)
{
  g_autofree char *body = g_strdup_printf ("{\"series\":\"%s\"}", series);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->server.url, f->server.admin, "POST", "/api/v1/loket/tickets", body,
                                                   NULL, 201);

  return json_object_get_int_member (gil_test_api_object (reply), "id");
}

/* Calls the next loket ticket to @desk; returns its number. */
static char *
call_loket (Fixture    *f,
            const char *desk)
{
  g_autofree char *body = g_strdup_printf ("{\"desk\":\"%s\"}", desk);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->server.url, f->server.admin, "POST", "/api/v1/loket/call-next", body,
                                                   NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (reply), "desk"), ==, desk);
  return g_strdup (json_object_get_string_member (gil_test_api_object (reply), "ticket"));
}

/* What the announcer is heard to say: each announcement's clips, in
 * order, while the announcements are spoken. */
typedef struct
{
  GSettings *settings;
  GPtrArray *clips;     /* element-type GStrv */
  gulong     handler;
  guint      wanted;
} Heard;

static void
on_announcing_cb (GilAnnouncer *announcer,
                  GStrv         clips,
                  Heard        *heard)
{
  g_ptr_array_add (heard->clips, g_strdupv (clips));
}

static void
heard_start (Heard *heard)
{
  heard->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (heard->settings, "announcements", "voice");
  heard->clips = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  heard->handler = g_signal_connect (gil_announcer_get_default (), "announcing",
                                     G_CALLBACK (on_announcing_cb), heard);
}

static gboolean
announcer_quiet (gpointer data)
{
  return !gil_announcer_get_busy (gil_announcer_get_default ());
}

static gboolean
heard_enough (gpointer data)
{
  Heard *heard = data;

  return heard->clips->len >= heard->wanted;
}

/* Waits until @count announcements were heard. */
static void
heard_wait (Heard *heard,
            guint  count)
{
  heard->wanted = count;
  gil_test_ui_wait (heard_enough, heard, "an announcement");
}

/* Once the announcer is quiet: exactly @count were heard. */
static void
heard_end (Heard *heard,
           guint  count)
{
  gil_test_ui_wait (announcer_quiet, NULL, "the announcer done");
  g_assert_cmpuint (heard->clips->len, ==, count);
  g_signal_handler_disconnect (gil_announcer_get_default (), heard->handler);
  g_settings_reset (heard->settings, "announcements");
  g_clear_object (&heard->settings);
  g_clear_pointer (&heard->clips, g_ptr_array_unref);
}

/* The @nth announcement was the chime, then the loket's words. */
static void
assert_heard_loket (Heard      *heard,
                    guint       nth,
                    const char *ticket,
                    const char *desk)
{
  g_auto(GStrv) words = gil_speech_loket_call (ticket, desk);
  GStrv clips = g_ptr_array_index (heard->clips, nth);

  g_assert_cmpstr (clips[0], ==, GIL_SPEECH_CHIME);
  g_assert_true (g_strv_equal ((const char * const *)clips + 1, (const char * const *)words));
}

/* A loket call before the display started is on its board (from the
 * day's list) and not heard; a live one shows large with its desk and is
 * heard after the room's call before it, one at a time; a recall brings
 * it back and is heard again. */
static void
test_loket (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *early = NULL;
  g_autofree char *room_ticket = NULL;
  g_autofree char *loket_ticket = NULL;
  g_autofree char *described = NULL;
  g_autofree char *recall = NULL;
  Heard heard = { 0 };
  GtkWidget *latest;
  gint64 second;

  heard_start (&heard);
  take_loket_ticket (f, "A");
  second = take_loket_ticket (f, "A");
  early = call_loket (f, "Loket 1");
  g_assert_cmpstr (early, ==, "A-001");
  open_display (f, NULL, GIL_CONNECTION_SINCE_NOTHING);
  latest = gil_test_ui_get_named (f->ui.page, "latest_box");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "A-001");
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Loket 1");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->ui.page, "patient_label")));

  /* The announcer is the process's: the stop called is not the one the
   * test before had called a moment ago under the same id. */
  register_patient (f, "Lalu Ahmad", "1990-01-01", NULL);
  register_patient (f, "Inaq Saenah", "1950-03-01", NULL);
  room_ticket = call_next (f, "K3-LANSIA");
  loket_ticket = call_loket (f, "Loket 2");
  g_assert_cmpstr (loket_ticket, ==, "A-002");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "A-002");
  g_assert_cmpstr (text_of (f->ui.page, "room_label"), ==, "Loket 2");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->ui.page, "patient_label")));
  described = gil_speech_loket_text ("A-002", "Loket 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_get_named (f->ui.page, "ticket_label")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, described);
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", room_ticket);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_room"), ==, "Ruang Lansia");
  gil_test_ui_wait_label (recent_call (f, 1), "recent_ticket", "A-001");
  g_assert_cmpstr (text_of (recent_call (f, 1), "recent_room"), ==, "Loket 1");
  g_assert_true (gtk_widget_has_css_class (latest, "new-call"));

  heard_wait (&heard, 2);
  g_assert_cmpstr (((GStrv)g_ptr_array_index (heard.clips, 0))[0], ==, GIL_SPEECH_CHIME);
  g_assert_false (g_strv_contains ((const char * const *)g_ptr_array_index (heard.clips, 0), "loket"));
  assert_heard_loket (&heard, 1, "A-002", "Loket 2");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->ui.window), "display-loket-call"));

  recall = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/recall", second);
  json_node_unref (gil_test_api_expect (f->server.url, f->server.admin, "POST", recall, NULL, NULL, 200));
  heard_wait (&heard, 3);
  assert_heard_loket (&heard, 2, "A-002", "Loket 2");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", "A-002");
  heard_end (&heard, 3);
}

/* The communicable-disease area's display shows and says its rooms'
 * calls only. */
static void
test_loket_limited (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const codes[] = { "K3-LANSIA", NULL };
  g_autofree char *ticket = NULL;
  Heard heard = { 0 };

  heard_start (&heard);
  open_display (f, codes, health_seq (f));
  take_loket_ticket (f, "B");
  g_free (call_loket (f, "Loket 1"));
  /* Not the stop ids the tests before called (test_loket). */
  register_patient (f, "Lalu Ahmad", "1990-01-01", NULL);
  register_patient (f, "Baiq Mardiana", "1990-01-01", NULL);
  register_patient (f, "Inaq Saenah", "1950-03-01", NULL);
  ticket = call_next (f, "K3-LANSIA");
  gil_test_ui_wait_label (f->ui.page, "ticket_label", ticket);
  heard_wait (&heard, 1);
  heard_end (&heard, 1);
  g_assert_false (gtk_widget_get_visible (recent_call (f, 0)));
}

static GtkWidget *
display_page_new (GilContext *context)
{
  return gil_display_page_new (context, NULL);
}

/* The page and its context are finalized once let go. */
static void
test_new_destroy (void)
{
  gil_test_ui_assert_new_destroy (display_page_new);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

  g_test_add_func ("/giliran/ui-display/new-destroy", test_new_destroy);
#define ADD(path, func, data) \
  g_test_add ("/giliran/ui-display/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("calls", test_calls, NULL);
  ADD ("names", test_names, NULL);
  ADD ("limited", test_limited, NULL);
  ADD ("hold", test_hold, NULL);
  ADD ("no-repeats", test_no_repeats, NULL);
  ADD ("sound-sign", test_sound_sign, NULL);
  ADD ("started-late/queue", test_started_late, GINT_TO_POINTER (0));
  ADD ("started-late/replay", test_started_late, GINT_TO_POINTER (1));
  ADD ("started-late/snapshot", test_started_late, GINT_TO_POINTER (2));
  ADD ("loket", test_loket, NULL);
  ADD ("loket-limited", test_loket_limited, NULL);
#undef ADD

  return g_test_run ();
}
