/* test-ui-display-loket.c — the waiting-room display and the loket, under
 * Xvfb against a real manager: a loket call made before the display
 * started is on its board (from the day's list), a live one shows large
 * with its desk ("A-002", "Loket 2") and is announced in its turn after a
 * room's call, with the loket's words; a recall brings it back and is
 * heard again; a display limited to some rooms shows no loket calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-announcer.h"
#include "gil-display-page.h"
#include "gil-room-list.h"
#include "gil-speech.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

#define ROOMS 10

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *token;
  GilConnection  *connection;
  GilRoomList    *rooms;
  GtkWindow      *window;
  GtkWidget      *page;
  GSettings      *settings;
  GPtrArray      *heard;          /* element-type GStrv: the announcer's clips, in order */
  gulong          announcing_id;
} Fixture;

/* ── the manager, over HTTP ────────────────────────────────────────── */

static gint64
take_ticket (Fixture    *f,
             const char *series)
{
  g_autofree char *body = g_strdup_printf ("{\"series\":\"%s\"}", series);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->token, "POST", "/api/v1/loket/tickets", body,
                                                   NULL, 201);

  return json_object_get_int_member (gil_test_api_object (reply), "id");
}

/* Calls the next loket ticket to @desk; returns its number. */
static char *
call_loket (Fixture    *f,
            const char *desk)
{
  g_autofree char *body = g_strdup_printf ("{\"desk\":\"%s\"}", desk);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->token, "POST", "/api/v1/loket/call-next", body,
                                                   NULL, 200);

  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (reply), "desk"), ==, desk);
  return g_strdup (json_object_get_string_member (gil_test_api_object (reply), "ticket"));
}

static void
recall_loket (Fixture *f,
              gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/recall", id);

  json_node_unref (gil_test_api_expect (f->url, f->token, "POST", path, NULL, NULL, 200));
}

/* ── the display ───────────────────────────────────────────────────── */

static void
on_announcing_cb (GilAnnouncer *announcer,
                  GStrv         clips,
                  Fixture      *f)
{
  g_ptr_array_add (f->heard, g_strdupv (clips));
}

static gboolean
rooms_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->rooms)) == ROOMS;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *display_token = NULL;

  f->manager = gil_test_manager_start_api (&f->url, &f->token);
  display_token = gil_test_api_pair (f->url, f->token, "display", "");
  f->connection = gil_connection_new (f->url, display_token);
  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (f->settings, "announcements", "voice");
  f->heard = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  f->announcing_id = g_signal_connect (gil_announcer_get_default (), "announcing",
                                       G_CALLBACK (on_announcing_cb), f);
}

/* Opens the display as the app does, from no events, at 1366x768. */
static void
open_display (Fixture            *f,
              const char * const *room_codes)
{
  g_autoptr(GilContext) context = NULL;

  gil_connection_start_events (f->connection, GIL_CONNECTION_SINCE_NOTHING);
  f->rooms = gil_room_list_new (f->connection);
  context = gil_context_new (f->connection, f->rooms, NULL);
  f->page = gil_display_page_new (context, room_codes);
  gil_display_page_set_hold (GIL_DISPLAY_PAGE (f->page), 20);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  gil_test_ui_wait (rooms_loaded, f, "the rooms");
}

static gboolean
is_quiet (gpointer data)
{
  return !gil_announcer_get_busy (gil_announcer_get_default ());
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_wait (is_quiet, NULL, "the announcer done");
  g_signal_handler_disconnect (gil_announcer_get_default (), f->announcing_id);
  g_settings_reset (f->settings, "announcements");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->heard, g_ptr_array_unref);
  gil_test_ui_close_station (f->window, &f->rooms, f->connection);
  gil_test_manager_free (f->manager);
}

static const char *
text_of (GtkWidget  *root,
         const char *name)
{
  return gtk_label_get_text (GTK_LABEL (gil_test_ui_get_named (root, name)));
}

static GtkWidget *
recent_call (Fixture *f,
             guint    nth)
{
  g_autofree char *name = g_strdup_printf ("recent_%u", nth);

  return gil_test_ui_get_named (f->page, name);
}

typedef struct
{
  Fixture *f;
  guint    count;
} Heard;

static gboolean
heard_count (gpointer data)
{
  Heard *h = data;

  return h->f->heard->len >= h->count;
}

static void
wait_heard (Fixture *f,
            guint    count)
{
  Heard h = { f, count };

  gil_test_ui_wait (heard_count, &h, "an announcement");
}

/* The @nth announcement was the chime, then the loket's words. */
static void
assert_heard_loket (Fixture    *f,
                    guint       nth,
                    const char *ticket,
                    const char *desk)
{
  g_auto(GStrv) words = gil_speech_loket_call (ticket, desk);
  GStrv clips = g_ptr_array_index (f->heard, nth);

  g_assert_cmpstr (clips[0], ==, GIL_SPEECH_CHIME);
  g_assert_true (g_strv_equal ((const char * const *)clips + 1, (const char * const *)words));
}

/* ── the tests ─────────────────────────────────────────────────────── */

static void
test_loket_calls (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *early = NULL;
  g_autofree char *room_ticket = NULL;
  g_autofree char *loket_ticket = NULL;
  g_autofree char *described = NULL;
  g_autofree char *born = gil_test_api_years_ago (70);
  GtkWidget *latest;
  gint64 second_id;
  g_autoptr(JsonNode) visit = NULL;

  /* Two arrivals take numbers; the first is called before the display
   * is on: it is on the board from the day's list, and not heard. */
  take_ticket (f, "A");
  second_id = take_ticket (f, "A");
  early = call_loket (f, "Loket 1");
  g_assert_cmpstr (early, ==, "A-001");
  open_display (f, NULL);
  latest = gil_test_ui_get_named (f->page, "latest_box");
  gil_test_ui_wait_label (f->page, "ticket_label", "A-001");
  g_assert_cmpstr (text_of (f->page, "room_label"), ==, "Loket 1");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->page, "patient_label")));

  /* A room calls, then Loket 2 calls the next number: each large in turn,
   * and heard in that order, one after the other. */
  visit = gil_test_api_register (f->url, f->token, "Inaq Saenah", born, NULL);
  {
    g_autoptr(JsonObject) stop = gil_test_api_call_next (f->url, f->token, "K3-LANSIA");

    room_ticket = g_strdup (json_object_get_string_member (stop, "ticket"));
  }
  loket_ticket = call_loket (f, "Loket 2");
  g_assert_cmpstr (loket_ticket, ==, "A-002");
  gil_test_ui_wait_label (f->page, "ticket_label", "A-002");
  g_assert_cmpstr (text_of (f->page, "room_label"), ==, "Loket 2");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->page, "patient_label")));
  described = gil_speech_loket_text ("A-002", "Loket 2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gil_test_ui_get_named (f->page, "ticket_label")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, described);
  gil_test_ui_wait_label (recent_call (f, 0), "recent_ticket", room_ticket);
  g_assert_cmpstr (text_of (recent_call (f, 0), "recent_room"), ==, "Ruang Lansia");
  gil_test_ui_wait_label (recent_call (f, 1), "recent_ticket", "A-001");
  g_assert_cmpstr (text_of (recent_call (f, 1), "recent_room"), ==, "Loket 1");
  g_assert_true (gtk_widget_has_css_class (latest, "new-call"));

  wait_heard (f, 2);
  g_assert_cmpstr (((GStrv)g_ptr_array_index (f->heard, 0))[0], ==, GIL_SPEECH_CHIME);
  g_assert_false (g_strv_contains ((const char * const *)g_ptr_array_index (f->heard, 0), "loket"));
  assert_heard_loket (f, 1, "A-002", "Loket 2");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->window), "display-loket-call"));

  /* Loket 2 calls A-002 again: back on top, heard once more. */
  recall_loket (f, second_id);
  wait_heard (f, 3);
  assert_heard_loket (f, 2, "A-002", "Loket 2");
  gil_test_ui_wait_label (f->page, "ticket_label", "A-002");
  gil_test_ui_wait (is_quiet, NULL, "the announcer done");
  g_assert_cmpuint (f->heard->len, ==, 3);
}

/* The communicable-disease area's display shows its rooms only. */
static void
test_limited_display (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const codes[] = { "K3-LANSIA", NULL };
  g_autofree char *born = gil_test_api_years_ago (70);
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonObject) stop = NULL;

  open_display (f, codes);
  take_ticket (f, "B");
  g_free (call_loket (f, "Loket 1"));
  visit = gil_test_api_register (f->url, f->token, "Inaq Saenah", born, NULL);
  stop = gil_test_api_call_next (f->url, f->token, "K3-LANSIA");
  gil_test_ui_wait_label (f->page, "ticket_label", json_object_get_string_member (stop, "ticket"));
  wait_heard (f, 1);
  gil_test_ui_wait (is_quiet, NULL, "the announcer done");
  g_assert_cmpuint (f->heard->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (recent_call (f, 0)));
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/ui-display-loket/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("calls", test_loket_calls);
  ADD ("limited", test_limited_display);
#undef ADD

  return g_test_run ();
}
