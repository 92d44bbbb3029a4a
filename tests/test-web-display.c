/* test-web-display.c — the browser display (GET /display) in Debian's
 * headless Chromium, driven through WebDriver against a real manager with
 * TLS: paired with a display code typed on the page, it shows the
 * puskesmas and its rooms, each call as it is made, and plays the call's
 * clips in order; it comes back by itself after the manager restarts, and
 * a revoked token brings the code screen back. The plain-HTTP display port
 * is off until the admin opens it, and then serves a number-only display
 * and nothing else.
 *
 * Screenshots at 1920×1080 and 1366×768 go to the tests' build folder.
 * Without chromium and chromedriver the test is skipped, or fails under
 * CI=true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"
#include "gil-test-webdriver.h"

/* A generous wait, never a measure of speed. */
#define WAIT_MS       15000
#define RECONNECT_MS  60000
#define PUSKESMAS     GIL_TEST_WEB_PUSKESMAS
#define PATIENT       "Wayan Sudarsana"

/* The manager with TLS and the browser (gil-test-webdriver.c). */
typedef GilTestWeb Fixture;

/* ── helpers ─────────────────────────────────────────────────────────── */

static char *
url_at (const char *base,
        const char *path)
{
  return g_strconcat (base, path, NULL);
}

static void
wait_for (Fixture    *f,
          const char *script,
          const char *expected,
          guint       timeout_ms)
{
  gil_test_browser_expect (f->browser, script, expected, timeout_ms);
}

#define DISPLAY_CODE "{\"role\":\"display\",\"rooms\":[]}"

static char *
pairing_code (Fixture *f)
{
  g_autoptr(JsonNode) code = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/pairing-codes",
                                                  DISPLAY_CODE, NULL, 201);

  return g_strdup (json_object_get_string_member (gil_test_api_object (code), "code"));
}

/* Registers @name and calls them in their room. Returns: the ticket */
static char *
register_and_call (Fixture    *f,
                   const char *name,
                   gint64     *room)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (f->url, f->admin, name, "1980-05-01", NULL);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) called = NULL;
  JsonObject *stop;

  *room = json_object_get_int_member (gil_test_api_object (visit), "room");
  path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", *room);
  called = gil_test_api_expect (f->url, f->admin, "POST", path, NULL, NULL, 200);
  stop = json_object_get_object_member (gil_test_api_object (called), "stop");
  return g_strdup (json_object_get_string_member (stop, "ticket"));
}

/* Takes a loket ticket of @series and calls the next one to @desk (with
 * nobody else waiting: that ticket). Returns: the ticket, its id in @id */
static char *
loket_take_and_call (Fixture    *f,
                     const char *series,
                     const char *desk,
                     gint64     *id)
{
  g_autofree char *take = g_strdup_printf ("{\"series\":\"%s\"}", series);
  g_autofree char *call = g_strdup_printf ("{\"desk\":\"%s\"}", desk);
  g_autoptr(JsonNode) taken = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/loket/tickets",
                                                   take, NULL, 201);
  g_autoptr(JsonNode) called = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/loket/call-next",
                                                    call, NULL, 200);
  JsonObject *ticket = gil_test_api_object (called);

  *id = json_object_get_int_member (ticket, "id");
  g_assert_cmpint (*id, ==, json_object_get_int_member (gil_test_api_object (taken), "id"));
  g_assert_cmpstr (json_object_get_string_member (ticket, "desk"), ==, desk);
  return g_strdup (json_object_get_string_member (ticket, "ticket"));
}

static char *clips_at (Fixture    *f,
                       const char *path);

/* The clips the manager says the call is made of, as clips_at(). */
static char *
expected_clips (Fixture    *f,
                gint64      room,
                const char *ticket)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/announcement?ticket=%s",
                                           room, ticket);

  return clips_at (f, path);
}

/* The same for a loket ticket's call. */
static char *
expected_loket_clips (Fixture *f,
                      gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/announcement", id);

  return clips_at (f, path);
}

/* The clips the manager's reply at @path says a call is made of, without
 * pauses, as the page logs them: "chime:ended,nomor-antrean:ended,…". */
static char *
clips_at (Fixture    *f,
          const char *path)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  JsonArray *clips = json_object_get_array_member (gil_test_api_object (reply), "clips");
  GString *text = g_string_new (NULL);

  g_assert_cmpstr (json_array_get_string_element (clips, 0), ==, "chime");
  for (guint i = 0; i < json_array_get_length (clips); i++)
    {
      const char *clip = json_array_get_string_element (clips, i);

      if (g_str_equal (clip, ","))
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append_printf (text, "%s:ended", clip);
    }
  return g_string_free (text, FALSE);
}

static void
screenshot (Fixture    *f,
            guint       width,
            guint       height,
            const char *what)
{
  gil_test_browser_resize (f->browser, width, height);
  /* The page lays itself out again; the board is there all along. */
  wait_for (f, "return document.getElementById('board').hidden ? 'hidden' : 'shown'", "shown", WAIT_MS);
  gil_test_web_screenshot (f, "display", what, width, height);
}

#define LATEST_TICKET "return document.getElementById('latest-ticket').textContent"
#define PAGE_STATE    GIL_TEST_WEB_PAGE_STATE
#define PAGE_TEXT     "return document.body.innerText"
/* The current numbers of the rooms' cards, as one text. */
#define ROOM_NUMBERS \
  "return Array.from(document.querySelectorAll('#rooms .room-number'))" \
  ".map(n => n.textContent).filter(t => t !== '\u2014').join(',')"
#define CLIP_LOG \
  "return window.giliranDisplay.clipLog.map(e => e.clip + ':' + e.result).join(',')"

static gboolean
page_says (Fixture    *f,
           const char *text)
{
  g_autofree char *page = gil_test_browser_run (f->browser, PAGE_TEXT);

  return strstr (page, text) != NULL;
}

static void
assert_page_lacks (Fixture    *f,
                   const char *text)
{
  g_autofree char *page = gil_test_browser_run (f->browser, PAGE_TEXT);

  if (strstr (page, text) != NULL)
    g_error ("the page shows “%s”: %s", text, page);
}

/* ── without a browser: the files, the clips, the stream's token ──────── */

/* A WebSocket handshake to @url's event stream offering @protocols.
 * Returns: the HTTP status, and the protocol chosen in @chosen */
static guint
handshake (const char  *url,
           const char **protocols,
           char       **chosen)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (url, "/api/v1/events", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_websocket_connect_async (session, msg, NULL, (char **)protocols, G_PRIORITY_DEFAULT, NULL,
                                        gil_test_loop_keep_result, &result);
  connection = soup_session_websocket_connect_finish (session,
                                                      gil_test_loop_wait_result (&result, WAIT_MS, "the handshake"),
                                                      &error);
  *chosen = connection != NULL ? g_strdup (soup_websocket_connection_get_protocol (connection)) : NULL;
  if (connection != NULL)
    soup_websocket_connection_close (connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  return soup_message_get_status (msg);
}

static void
test_files (void)
{
  const char *url = NULL;
  const char *admin = NULL;
  GilTestManager *manager = gil_test_manager_start_api (&url, &admin);
  g_autofree char *token = gil_test_api_pair (url, admin, "display", "");
  g_autofree char *offered = g_strconcat ("giliran-token.", token, NULL);
  g_autofree char *html = NULL;
  g_autofree char *type = NULL;
  g_autofree char *chime = NULL;
  g_autofree char *chosen = NULL;
  g_autoptr(JsonNode) reply = NULL;
  gint64 kia = gil_test_api_room_id (url, admin, "K2-KIA");
  g_autofree char *announcement = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/announcement", kia);
  g_autofree char *with_ticket = g_strconcat (announcement, "?ticket=A-017&counter=2", NULL);
  g_autofree char *bad_counter = g_strconcat (announcement, "?ticket=A-017&counter=100", NULL);
  g_autofree char *long_ticket = g_strconcat (announcement, "?ticket=", "A-0123456789012345678901234567890123", NULL);
  guint status = 0;

  /* The page, its script and style, the shared ones, and a clip; nothing else. */
  html = gil_test_web_expect_file (url, "/display", "text/html");
  g_assert_nonnull (strstr (html, "data-mode=\"paired\""));
  g_assert_nonnull (strstr (html, "/display/display.js"));
  g_free (gil_test_web_expect_file (url, "/display/display.js", "text/javascript"));
  g_free (gil_test_web_expect_file (url, "/display/display.css", "text/css"));
  g_free (gil_test_web_expect_file (url, "/display/common.js", "text/javascript"));
  g_free (gil_test_web_expect_file (url, "/display/common.css", "text/css"));
  chime = gil_test_api_get_text (url, NULL, "/sounds/chime.oga", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "audio/ogg");
  g_assert_true (g_str_has_prefix (chime, "OggS"));
  for (guint i = 0; i < 4; i++)
    {
      const char *wrong[] = { "/sounds/nothing.oga", "/sounds/Chime.oga", "/sounds/chime.wav", "/display/other.js" };
      g_autofree char *kind = NULL;
      g_autofree char *text = gil_test_api_get_text (url, NULL, wrong[i], &status, &kind);

      g_assert_cmpuint (status, ==, 404);
    }
  gil_test_api_expect_error (url, NULL, "POST", "/display", "{}", 405, "method-not-allowed");

  /* What a call says: the app's clips, from src/common speech. */
  reply = gil_test_api_expect (url, token, "GET", with_ticket, NULL, NULL, 200);
  {
    g_autofree char *text = json_to_string (reply, FALSE);

    g_assert_cmpstr (text, ==, "{\"clips\":[\"chime\",\"nomor-antrean\",\"a\",\"tujuh\",\"belas\","
                              "\",\",\"silakan-menuju\",\"ruang-kesehatan-ibu\",\",\",\"meja\",\"dua\"]}");
  }
  gil_test_api_expect_error (url, token, "GET", announcement, NULL, 400, "invalid-field");
  gil_test_api_expect_error (url, token, "GET", bad_counter, NULL, 400, "invalid-field");
  gil_test_api_expect_error (url, token, "GET", long_ticket, NULL, 400, "invalid-field");
  gil_test_api_expect_error (url, token, "GET", "/api/v1/rooms/999/announcement?ticket=A-001", NULL, 404, "not-found");
  gil_test_api_expect_error (url, NULL, "GET", with_ticket, NULL, 401, "unauthorized");

  /* A loket call: what gil_speech_loket_call() says, once called; a
   * ticket still waiting has no call to say. */
  {
    g_autoptr(JsonNode) first = gil_test_api_expect (url, admin, "POST", "/api/v1/loket/tickets",
                                                     "{\"series\":\"A\"}", NULL, 201);
    g_autoptr(JsonNode) second = gil_test_api_expect (url, admin, "POST", "/api/v1/loket/tickets",
                                                      "{\"series\":\"A\"}", NULL, 201);
    g_autofree char *called = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/announcement",
                                               json_object_get_int_member (gil_test_api_object (first), "id"));
    g_autofree char *waiting = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/announcement",
                                                json_object_get_int_member (gil_test_api_object (second), "id"));
    g_autoptr(JsonNode) loket = NULL;
    g_autofree char *text = NULL;

    json_node_unref (gil_test_api_expect (url, admin, "POST", "/api/v1/loket/call-next",
                                          "{\"desk\":\"Loket 2\"}", NULL, 200));
    loket = gil_test_api_expect (url, token, "GET", called, NULL, NULL, 200);
    text = json_to_string (loket, FALSE);
    g_assert_cmpstr (text, ==, "{\"clips\":[\"chime\",\"nomor-antrean\",\"a\",\"satu\",\",\","
                              "\"silakan-ke\",\"loket\",\"dua\"]}");
    gil_test_api_expect_error (url, token, "GET", waiting, NULL, 409, "invalid-transition");
    gil_test_api_expect_error (url, token, "GET", "/api/v1/loket/tickets/999/announcement", NULL, 404, "not-found");
    gil_test_api_expect_error (url, NULL, "GET", called, NULL, 401, "unauthorized");
    gil_test_api_expect_error (url, token, "POST", called, "{}", 405, "method-not-allowed");
  }

  /* The stream takes a browser's token as a subprotocol, and answers with
   * "giliran"; a wrong one is 401; none offered is answered with none. */
  {
    const char *good[] = { "giliran", offered, NULL };
    const char *wrong[] = { "giliran", "giliran-token.0123", NULL };
    const char *other[] = { "chat", offered, NULL };

    g_assert_cmpuint (handshake (url, good, &chosen), ==, 101);
    g_assert_cmpstr (chosen, ==, "giliran");
    g_clear_pointer (&chosen, g_free);
    g_assert_cmpuint (handshake (url, wrong, &chosen), ==, 401);
    g_assert_null (chosen);
    g_assert_cmpuint (handshake (url, other, &chosen), ==, 400);
    g_assert_null (chosen);
  }
  gil_test_manager_free (manager);
}

/* ── the tests ───────────────────────────────────────────────────────── */

/* Paired with a code, the page shows the puskesmas and every room, each
 * call at once and its clips in order; a restart of the manager is
 * caught up with; a revoked token asks for a code again. */
static void
test_paired (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *page = NULL;
  g_autofree char *code = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *second = NULL;
  g_autofree char *clips = NULL;
  g_autofree char *rooms_script = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) rooms = NULL;
  JsonArray *array;
  guint active = 0;
  gint64 room = 0;
  gint64 started;

  if (gil_test_browser_missing ())
    return;

  page = url_at (f->url, "/display");
  gil_test_browser_open (f->browser, page);
  wait_for (f, PAGE_STATE, "pairing", WAIT_MS);

  /* A wrong code is refused on the page, and nothing is kept. */
  gil_test_browser_type (f->browser, "#pairing-code", "000000");
  gil_test_browser_click (f->browser, "#pairing-submit");
  wait_for (f, "return document.getElementById('pairing-error').textContent.length > 0 ? 'error' : ''",
            "error", WAIT_MS);
  {
    g_autofree char *shot = g_test_build_filename (G_TEST_BUILT, "web-display-pairing-1920x1080.png", NULL);

    gil_test_browser_resize (f->browser, 1920, 1080);
    gil_test_browser_screenshot (f->browser, shot);
  }
  g_assert_cmpstr ((token = gil_test_browser_run (f->browser, "return localStorage.getItem('giliran.display.token')")),
                   ==, "null");
  g_clear_pointer (&token, g_free);
  g_free (gil_test_browser_run (f->browser, "document.getElementById('pairing-code').value = ''; return ''"));

  code = pairing_code (f);
  gil_test_browser_type (f->browser, "#pairing-code", code);
  gil_test_browser_click (f->browser, "#pairing-submit");
  wait_for (f, PAGE_STATE, "live", WAIT_MS);
  token = gil_test_browser_run (f->browser, "return localStorage.getItem('giliran.display.token')");
  g_assert_cmpuint (strlen (token), ==, 64);

  /* The puskesmas, and a card for each active room with its name. */
  wait_for (f, "return document.getElementById('puskesmas').textContent", PUSKESMAS, WAIT_MS);
  rooms = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms", NULL, NULL, 200);
  array = json_node_get_array (rooms);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);

      if (!json_object_get_boolean_member (r, "active"))
        continue;
      active++;
      g_assert_true (page_says (f, json_object_get_string_member (r, "name")));
    }
  g_assert_cmpuint (active, >, 3);
  rooms_script = g_strdup_printf ("%u", active);
  wait_for (f, "return String(document.querySelectorAll('#rooms .room').length)", rooms_script, WAIT_MS);

  /* Sound on, by a click as a person would. */
  gil_test_browser_click (f->browser, "#sound");
  wait_for (f, "return window.giliranDisplay.sound ? 'on' : 'off'", "on", WAIT_MS);

  /* A call is on the board as soon as it is made. */
  started = g_get_monotonic_time ();
  ticket = register_and_call (f, PATIENT, &room);
  wait_for (f, LATEST_TICKET, ticket, WAIT_MS);
  g_test_message ("the call was on the page %" G_GINT64_FORMAT " ms after call-next was sent",
                  (g_get_monotonic_time () - started) / 1000);
  /* Names are off by default: the page shows none. */
  assert_page_lacks (f, PATIENT);

  /* Its clips, played one after another, in order. */
  clips = expected_clips (f, room, ticket);
  wait_for (f, CLIP_LOG, clips, WAIT_MS);

  screenshot (f, 1920, 1080, "call");
  screenshot (f, 1366, 768, "call");

  /* The manager restarts on the same database: the page comes back by
   * itself and shows the next call, the first among the recent ones. */
  gil_test_manager_kill (f->manager, SIGTERM);
  wait_for (f, PAGE_STATE, "offline", WAIT_MS);
  gil_test_manager_restart (f->manager);
  wait_for (f, "return String(window.giliranDisplay.connections)", "2", RECONNECT_MS);
  second = register_and_call (f, "Ketut Arsana", &room);
  wait_for (f, LATEST_TICKET, second, WAIT_MS);
  {
    g_autofree char *recent = g_strdup_printf ("return document.querySelector('#recent li .ticket').textContent");

    wait_for (f, recent, ticket, WAIT_MS);
  }
  /* The room's card shows the new call's number. */
  wait_for (f, ROOM_NUMBERS, second, WAIT_MS);
  screenshot (f, 1920, 1080, "after-restart");

  /* The station revoked: the manager ends its stream, the page finds its
   * token refused and asks for a code again. */
  gil_test_web_revoke (f, "display");
  wait_for (f, PAGE_STATE, "pairing", WAIT_MS);
  g_clear_pointer (&token, g_free);
  token = gil_test_browser_run (f->browser, "return localStorage.getItem('giliran.display.token')");
  g_assert_cmpstr (token, ==, "null");
}

/* With names turned on, a paired page shows the called patient's name;
 * a number-only room's call never does. */
static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *ticket = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *path = NULL;
  gint64 room = 0;

  if (gil_test_browser_missing ())
    return;
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile",
                                        "{\"display_names\":true}", NULL, 200));
  gil_test_web_pair (f, "/display", DISPLAY_CODE, "live", WAIT_MS);

  ticket = register_and_call (f, PATIENT, &room);
  wait_for (f, LATEST_TICKET, ticket, WAIT_MS);
  wait_for (f, "return document.getElementById('latest-name').textContent", PATIENT, WAIT_MS);
  screenshot (f, 1366, 768, "names");

  /* The same room made number-only: the next call shows no name. */
  path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT, room);
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", path,
                                        "{\"number_only\":true}", NULL, 200));
  hidden = register_and_call (f, "Nyoman Sukerta", &room);
  wait_for (f, LATEST_TICKET, hidden, WAIT_MS);
  wait_for (f, "return document.getElementById('latest-name').textContent", "", WAIT_MS);
  /* The earlier call, now of a number-only room, loses its name too,
   * once the page has read the room again. */
  wait_for (f, "return document.body.innerText.includes('" PATIENT "') ? 'shown' : 'gone'", "gone", WAIT_MS);
  wait_for (f, ROOM_NUMBERS, hidden, WAIT_MS);
  assert_page_lacks (f, "Nyoman Sukerta");
}

#define LATEST_ROOM "return document.getElementById('latest-room').textContent"
#define RECENT \
  "return Array.from(document.querySelectorAll('#recent li')).map(li => li.innerText.replace(/\\s+/g, ' ')).join('|')"

/* Loket calls on a paired page: the latest loket call is on the board
 * from the first read, a live one is large with its desk and announced
 * with its clips in order, then a room call takes its turn and the loket
 * call goes to the recent calls. */
static void
test_loket (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *live = NULL;
  g_autofree char *clips = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *recent = NULL;
  gint64 id = 0;
  gint64 room = 0;

  if (gil_test_browser_missing ())
    return;

  /* Called before the page opens: read from GET /api/v1/loket/tickets. */
  before = loket_take_and_call (f, "B", "Loket 1", &id);
  g_assert_cmpstr (before, ==, "B-001");
  gil_test_web_pair (f, "/display", DISPLAY_CODE, "live", WAIT_MS);
  wait_for (f, LATEST_TICKET, before, WAIT_MS);
  wait_for (f, LATEST_ROOM, "Loket 1", WAIT_MS);

  gil_test_browser_click (f->browser, "#sound");
  wait_for (f, "return window.giliranDisplay.sound ? 'on' : 'off'", "on", WAIT_MS);

  /* A live call: large, to its desk, and said as the GTK display says it. */
  live = loket_take_and_call (f, "A", "Loket 2", &id);
  g_assert_cmpstr (live, ==, "A-001");
  wait_for (f, LATEST_TICKET, live, WAIT_MS);
  wait_for (f, LATEST_ROOM, "Loket 2", WAIT_MS);
  wait_for (f, "return document.getElementById('latest').dataset.stop", "L2", WAIT_MS);
  clips = expected_loket_clips (f, id);
  g_assert_cmpstr (clips, ==, "chime:ended,nomor-antrean:ended,a:ended,satu:ended,"
                              "silakan-ke:ended,loket:ended,dua:ended");
  wait_for (f, CLIP_LOG, clips, WAIT_MS);
  screenshot (f, 1920, 1080, "loket");
  screenshot (f, 1366, 768, "loket");

  /* A room call after it: large in its turn, announced after the loket
   * call's clips, and the loket calls are in the recent calls. */
  ticket = register_and_call (f, PATIENT, &room);
  wait_for (f, LATEST_TICKET, ticket, WAIT_MS);
  {
    g_autofree char *room_clips = expected_clips (f, room, ticket);
    g_autofree char *both = g_strconcat (clips, ",", room_clips, NULL);

    wait_for (f, CLIP_LOG, both, WAIT_MS);
  }
  recent = g_strdup_printf ("%s Loket 2|%s Loket 1", live, before);
  wait_for (f, RECENT, recent, WAIT_MS);
  assert_page_lacks (f, PATIENT);

  /* Recalled: large again in its turn, and said once more. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/recall", id);
    g_autofree char *room_clips = expected_clips (f, room, ticket);
    g_autofree char *three = g_strconcat (clips, ",", room_clips, ",", clips, NULL);

    json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", path, NULL, NULL, 200));
    wait_for (f, LATEST_TICKET, live, WAIT_MS);
    wait_for (f, LATEST_ROOM, "Loket 2", WAIT_MS);
    wait_for (f, CLIP_LOG, three, WAIT_MS);
  }
}

/* Milliseconds between @first and @second being shown large. */
static char *
run_gap (Fixture    *f,
         const char *first,
         const char *second)
{
  g_autofree char *script = g_strdup_printf ("const log = window.giliranDisplay.largeLog;"
                                             "const at = (t) => log.find(e => e.ticket === t).at;"
                                             "return String(Math.round(at('%s') - at('%s')));",
                                             second, first);

  return gil_test_browser_run (f->browser, script);
}

static gboolean
port_refuses (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  if (connection != NULL)
    return FALSE;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  return TRUE;
}

static void
expect_plain_status (const char *plain,
                     const char *method,
                     const char *path,
                     const char *body,
                     guint       expected)
{
  guint status = 0;
  g_autoptr(JsonNode) reply = gil_test_api_call (plain, NULL, method, path, body, NULL, &status);

  g_assert_cmpuint (status, ==, expected);
}

/* The plain-HTTP port: refused until the admin opens it; then the page
 * works there without pairing, and the port gives nothing but a
 * number-only display's reads, names on or not; closed again, refused. */
static void
test_plain (Fixture       *f,
            gconstpointer  data)
{
  guint port = gil_test_free_port ();
  g_autofree char *plain = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autofree char *body = g_strdup_printf ("{\"plain_display_port\":%u}", port);
  g_autofree char *page = NULL;
  g_autofree char *html = NULL;
  g_autofree char *type = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *queue_path = NULL;
  g_autofree char *queue_text = NULL;
  g_autoptr(JsonNode) profile = NULL;
  g_autoptr(JsonNode) queue = NULL;
  gint64 room = 0;
  guint status = 0;

  if (gil_test_browser_missing ())
    return;

  /* Off by default: nothing listens there. */
  profile = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/profile", NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (gil_test_api_object (profile), "plain_display_port"), ==, 0);
  g_assert_true (port_refuses (port));

  /* A bad port is refused and changes nothing. */
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/profile",
                             "{\"plain_display_port\":80}", 400, "invalid-field");
  gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/profile",
                             "{\"plain_display_port\":\"8080\"}", 400, "invalid-field");

  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile",
                                        "{\"display_names\":true}", NULL, 200));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", body, NULL, 200));
  g_assert_false (port_refuses (port));

  /* The page, marked as a display that needs no pairing. */
  html = gil_test_api_get_text (plain, NULL, "/display", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "text/html");
  g_assert_nonnull (strstr (html, "data-mode=\"plain\""));

  page = url_at (plain, "/display");
  gil_test_browser_open (f->browser, page);
  wait_for (f, PAGE_STATE, "live", WAIT_MS);
  wait_for (f, "return document.getElementById('puskesmas').textContent", PUSKESMAS, WAIT_MS);

  ticket = register_and_call (f, PATIENT, &room);
  wait_for (f, LATEST_TICKET, ticket, WAIT_MS);
  assert_page_lacks (f, PATIENT);

  /* Two calls at once: the first stays large its five seconds, as on the
   * GTK display, then the second takes its place (a lower bound, which
   * timers keep: never sooner). */
  {
    g_autofree char *first = register_and_call (f, "Made Wirawan", &room);
    g_autofree char *second = register_and_call (f, "Putu Astawa", &room);
    g_autofree char *gap = NULL;

    wait_for (f, LATEST_TICKET, second, WAIT_MS);
    gap = run_gap (f, first, second);
    g_assert_cmpint (g_ascii_strtoll (gap, NULL, 10), >=, 4900);
  }
  screenshot (f, 1366, 768, "plain");

  /* A loket call too, numbers only; its list and clips are read there,
   * taking a ticket is not. */
  {
    gint64 id = 0;
    g_autofree char *loket = loket_take_and_call (f, "A", "Loket 3", &id);
    g_autofree char *clips_path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/announcement", id);
    g_autoptr(JsonNode) tickets = gil_test_api_expect (plain, NULL, "GET", "/api/v1/loket/tickets",
                                                       NULL, NULL, 200);
    g_autoptr(JsonNode) said = gil_test_api_expect (plain, NULL, "GET", clips_path, NULL, NULL, 200);
    JsonArray *called = json_object_get_array_member (gil_test_api_object (tickets), "called");

    wait_for (f, LATEST_TICKET, loket, WAIT_MS);
    wait_for (f, LATEST_ROOM, "Loket 3", WAIT_MS);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (called, 0), "ticket"),
                     ==, loket);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (said),
                                                                           "clips")), ==, 8);
    expect_plain_status (plain, "POST", "/api/v1/loket/tickets", "{\"series\":\"A\"}", 404);
    expect_plain_status (plain, "POST", "/api/v1/loket/call-next", "{\"desk\":\"Loket 1\"}", 404);
    expect_plain_status (plain, "GET", "/api/v1/loket/series", NULL, 404);
    screenshot (f, 1366, 768, "plain-loket");
    g_clear_pointer (&type, g_free);
    g_free (gil_test_api_get_text (plain, NULL, "/kiosk", &status, &type));
    g_assert_cmpuint (status, ==, 404);
    g_clear_pointer (&type, g_free);
    g_free (gil_test_api_get_text (plain, NULL, "/kiosk/common.js", &status, &type));
    g_assert_cmpuint (status, ==, 404);
  }

  /* Names are on, but never here: not in a queue, not in the profile. */
  queue_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", room);
  g_clear_pointer (&type, g_free);
  queue_text = gil_test_api_get_text (plain, NULL, queue_path, &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (queue_text, ticket));
  g_assert_null (strstr (queue_text, PATIENT));
  g_assert_null (strstr (queue_text, "patient_name"));
  /* The admin's own read of it has the name: it was there to leave out. */
  queue = gil_test_api_expect (f->url, f->admin, "GET", queue_path, NULL, NULL, 200);
  {
    g_autofree char *admin_text = json_to_string (queue, FALSE);

    g_assert_nonnull (strstr (admin_text, PATIENT));
  }
  g_clear_pointer (&profile, json_node_unref);
  profile = gil_test_api_expect (plain, NULL, "GET", "/api/v1/profile", NULL, NULL, 200);
  g_assert_false (json_object_get_boolean_member (gil_test_api_object (profile), "display_names"));
  g_assert_false (json_object_has_member (gil_test_api_object (profile), "head_nip"));

  /* No write, no pairing, no other read; an admin's token changes nothing. */
  expect_plain_status (plain, "GET", "/api/v1/visits", NULL, 404);
  expect_plain_status (plain, "GET", "/api/v1/patients/1", NULL, 404);
  expect_plain_status (plain, "GET", "/api/v1/stations/me", NULL, 404);
  expect_plain_status (plain, "POST", "/api/v1/pair", "{\"code\":\"123456\",\"name\":\"x\"}", 404);
  expect_plain_status (plain, "POST", "/api/v1/pairing-codes", "{\"role\":\"admin\"}", 404);
  expect_plain_status (plain, "PATCH", "/api/v1/profile", "{\"name\":\"X\"}", 404);
  {
    g_autofree char *call_next = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", room);
    g_autoptr(JsonNode) reply = gil_test_api_call (plain, f->admin, "POST", call_next, NULL, NULL, &status);

    g_assert_cmpuint (status, ==, 404);
  }

  /* Closed again: refused, and the page there loses its stream. */
  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile",
                                        "{\"plain_display_port\":0}", NULL, 200));
  g_assert_true (port_refuses (port));
  wait_for (f, PAGE_STATE, "offline", WAIT_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/web-display/" path, Fixture, NULL, gil_test_web_set_up, func, gil_test_web_tear_down)
  g_test_add_func ("/giliran/web-display/files", test_files);
  ADD ("paired", test_paired);
  ADD ("names", test_names);
  ADD ("plain", test_plain);
  ADD ("loket", test_loket);
#undef ADD

  return g_test_run ();
}
