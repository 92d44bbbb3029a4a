/* test-web-kiosk.c — the browser kiosk (GET /kiosk) in Debian's headless
 * Chromium, driven through WebDriver against a real manager with TLS:
 * paired with a kiosk code typed on the page, it shows a button per
 * active loket series; each press takes the next number of that series,
 * shows it with how many wait before it, and goes back to the buttons. A
 * press whose reply is lost is sent again with the same Idempotency-Key,
 * and the manager gives the same number back: never two for one press.
 *
 * Screenshots at 1920×1080 and 1366×768 go to the tests' build folder.
 * Without chromium and chromedriver the test is skipped, or fails under
 * CI=true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-files.h"
#include "gil-test-manager.h"
#include "gil-test-webdriver.h"

/* A generous wait, never a measure of speed. */
#define WAIT_MS    15000
#define PUSKESMAS  GIL_TEST_WEB_PUSKESMAS

#define PAGE_STATE  GIL_TEST_WEB_PAGE_STATE
#define SHOWN       "return document.getElementById('ticket-number').textContent"
#define AHEAD       "return document.getElementById('ticket').dataset.ahead || ''"
#define AHEAD_TEXT  "return document.getElementById('ticket-ahead').textContent"
#define TAKEN_COUNT "return String(window.giliranKiosk.tickets.length)"

/* The manager with TLS and the browser (gil-test-webdriver.c). */
typedef GilTestWeb Fixture;

static void
screenshot (Fixture    *f,
            guint       width,
            guint       height,
            const char *what)
{
  gil_test_web_screenshot (f, "kiosk", what, width, height);
}

/* Today's waiting loket tickets, in call order: "A-001,B-001,…". */
static char *
waiting_tickets (Fixture *f)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/loket/tickets",
                                                   NULL, NULL, 200);
  JsonArray *waiting = json_object_get_array_member (gil_test_api_object (reply), "waiting");
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (waiting); i++)
    {
      JsonObject *ticket = json_array_get_object_element (waiting, i);

      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, json_object_get_string_member (ticket, "ticket"));
    }
  return g_string_free (text, FALSE);
}

/* How many tickets wait before @ticket in @waiting ("A-001,B-001,…"). */
static guint
position_in (const char *waiting,
             const char *ticket)
{
  g_auto(GStrv) tickets = g_strsplit (waiting, ",", -1);

  for (guint i = 0; tickets[i] != NULL; i++)
    if (g_str_equal (tickets[i], ticket))
      return i;
  g_error ("%s is not among the waiting tickets %s", ticket, waiting);
}

/* Presses @series's button and waits for the number. Returns: the number
 * shown, and how many wait before it as the page says in @ahead. */
static char *
press (Fixture    *f,
       const char *series,
       guint       taken_before,
       guint      *ahead)
{
  g_autofree char *selector = g_strdup_printf ("#series button[data-series=\"%s\"]", series);
  g_autofree char *taken = g_strdup_printf ("%u", taken_before + 1);
  g_autofree char *ahead_text = NULL;
  g_autofree char *ahead_words = NULL;

  gil_test_browser_expect (f->browser, PAGE_STATE, "ready", WAIT_MS);
  gil_test_browser_click (f->browser, selector);
  gil_test_browser_expect (f->browser, TAKEN_COUNT, taken, WAIT_MS);
  gil_test_browser_expect (f->browser, PAGE_STATE, "ticket", WAIT_MS);
  ahead_text = gil_test_browser_run (f->browser, AHEAD);
  *ahead = (guint)g_ascii_strtoull (ahead_text, NULL, 10);
  ahead_words = gil_test_browser_run (f->browser, AHEAD_TEXT);
  if (*ahead == 0)
    g_assert_cmpstr (ahead_words, ==, "Tidak ada antrean sebelum Anda");
  else
    {
      g_autofree char *expected = g_strdup_printf ("%u antrean sebelum Anda", *ahead);

      g_assert_cmpstr (ahead_words, ==, expected);
    }
  return gil_test_browser_run (f->browser, SHOWN);
}

/* The ticket as "Cetak tiket" prints it: one page 58 mm wide with the
 * puskesmas, the number and how many wait before it, and nothing of the
 * screen's buttons. */
static void
check_print (Fixture    *f,
             const char *number,
             guint       ahead)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "web-kiosk-print.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *ahead_text = NULL;
  const char *size;
  double width;

  gil_test_browser_print (f->browser, path);
  g_test_message ("print view: %s", path);
  text = gil_test_run_tool ((const char * const[]) { "pdftotext", "-layout", path, "-", NULL });
  info = gil_test_run_tool ((const char * const[]) { "pdfinfo", path, NULL });
  ahead_text = gil_test_browser_run (f->browser, AHEAD_TEXT);
  g_assert_nonnull (strstr (text, PUSKESMAS));
  g_assert_nonnull (strstr (text, number));
  g_assert_nonnull (strstr (text, ahead == 0 ? "Tidak ada antrean" : "antrean sebelum Anda"));
  g_assert_null (strstr (text, "Cetak tiket"));
  g_assert_null (strstr (text, "Selesai"));
  /* 58 mm is 164.4 pt (Chromium rounds to its pixels). */
  g_assert_nonnull (strstr (info, "Pages:           1"));
  size = strstr (info, "Page size:");
  g_assert_nonnull (size);
  width = g_ascii_strtod (size + strlen ("Page size:"), NULL);
  g_assert_cmpfloat (width, >, 160.0);
  g_assert_cmpfloat (width, <, 168.0);
}

/* ── without a browser: the files ─────────────────────────────────────── */

static void
test_files (void)
{
  const char *url = NULL;
  const char *admin = NULL;
  GilTestManager *manager = gil_test_manager_start_api (&url, &admin);
  g_autofree char *token = gil_test_api_pair (url, admin, "kiosk", "");
  g_autofree char *html = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) again = NULL;

  html = gil_test_web_expect_file (url, "/kiosk", "text/html");
  g_assert_nonnull (strstr (html, "/kiosk/kiosk.js"));
  g_free (gil_test_web_expect_file (url, "/kiosk/kiosk.js", "text/javascript"));
  g_free (gil_test_web_expect_file (url, "/kiosk/kiosk.css", "text/css"));
  g_free (gil_test_web_expect_file (url, "/kiosk/common.js", "text/javascript"));
  gil_test_api_expect_error (url, NULL, "POST", "/kiosk", "{}", 405, "method-not-allowed");

  /* One press's retry, with its key: the same ticket, not a second one. */
  first = gil_test_api_expect (url, token, "POST", "/api/v1/loket/tickets", "{\"series\":\"A\"}",
                               "kiosk-press-1", 201);
  again = gil_test_api_expect (url, token, "POST", "/api/v1/loket/tickets", "{\"series\":\"A\"}",
                               "kiosk-press-1", 201);
  g_assert_cmpint (json_object_get_int_member (gil_test_api_object (again), "id"), ==,
                   json_object_get_int_member (gil_test_api_object (first), "id"));
  g_assert_cmpstr (json_object_get_string_member (gil_test_api_object (again), "ticket"), ==, "A-001");
  {
    g_autoptr(JsonNode) tickets = gil_test_api_expect (url, admin, "GET", "/api/v1/loket/tickets",
                                                       NULL, NULL, 200);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (tickets),
                                                                           "waiting")), ==, 1);
  }
  /* A kiosk reads the series, but not the day's tickets. */
  json_node_unref (gil_test_api_expect (url, token, "GET", "/api/v1/loket/series", NULL, NULL, 200));
  gil_test_api_expect_error (url, token, "GET", "/api/v1/loket/tickets", NULL, 403, "forbidden");
  /* Nor the event stream: the page reads the series again instead. */
  gil_test_api_expect_error (url, token, "GET", "/api/v1/events", NULL, 403, "forbidden");
  gil_test_manager_free (manager);
}

/* ── the kiosk in a browser ───────────────────────────────────────────── */

/* Paired with a kiosk code; five presses across the series give the
 * numbers the manager lists, each with how many wait before it; a reply
 * lost on the network is asked for again with the same key. */
static void
test_kiosk (Fixture       *f,
            gconstpointer  data)
{
  static const char * const presses[] = { "A", "B", "P", "A", "B" };
  g_autofree char *token = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *shown = NULL;
  GString *numbers = g_string_new (NULL);
  g_autofree char *numbers_text = NULL;
  guint ahead = 0;

  if (gil_test_browser_missing ())
    return;

  gil_test_web_pair (f, "/kiosk", "{\"role\":\"kiosk\"}", "ready", WAIT_MS);
  token = gil_test_browser_run (f->browser, "return localStorage.getItem('giliran.kiosk.token')");
  g_assert_cmpuint (strlen (token), ==, 64);
  gil_test_browser_expect (f->browser, "return document.getElementById('puskesmas').textContent",
                           PUSKESMAS, WAIT_MS);
  /* A button per active series, in their order. */
  gil_test_browser_expect (f->browser,
                           "return Array.from(document.querySelectorAll('#series button'))"
                           ".map(b => b.dataset.series).join(',')", "A,B,P", WAIT_MS);
  screenshot (f, 1920, 1080, "buttons");
  screenshot (f, 1366, 768, "buttons");

  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      g_autofree char *number = press (f, presses[i], i, &ahead);

      /* The manager lists it waiting, behind as many as the page said. */
      g_clear_pointer (&waiting, g_free);
      waiting = waiting_tickets (f);
      g_assert_cmpuint (position_in (waiting, number), ==, ahead);
      g_assert_true (g_str_has_prefix (number, presses[i]));
      if (numbers->len > 0)
        g_string_append_c (numbers, ',');
      g_string_append (numbers, number);
      if (i == 2)
        {
          screenshot (f, 1920, 1080, "ticket");
          screenshot (f, 1366, 768, "ticket");
          check_print (f, number, ahead);
        }
      /* The first goes back to the buttons by itself; the others by
       * "Selesai", as a person in a hurry would. */
      if (i > 0)
        gil_test_browser_click (f->browser, "#done");
      gil_test_browser_expect (f->browser, PAGE_STATE, "ready", WAIT_MS);
    }
  numbers_text = g_string_free (numbers, FALSE);
  g_assert_cmpstr (numbers_text, ==, "A-001,B-001,P-001,A-002,B-002");

  /* The next press's first reply is lost on the way back: the page asks
   * again with the same key and shows the number the manager took once. */
  g_free (gil_test_browser_run (f->browser,
                        "const real = window.fetch;"
                        "let lost = false;"
                        "window.fetch = async (url, init) => {"
                        "  const reply = await real(url, init);"
                        "  if (!lost && init && init.method === 'POST') {"
                        "    lost = true;"
                        "    throw new TypeError('the network dropped the reply');"
                        "  }"
                        "  return reply;"
                        "};"
                        "return '';"));
  shown = press (f, "A", G_N_ELEMENTS (presses), &ahead);
  g_assert_cmpstr (shown, ==, "A-003");
  g_clear_pointer (&waiting, g_free);
  waiting = waiting_tickets (f);
  g_assert_cmpuint (position_in (waiting, shown), ==, ahead);
  /* Six tickets, not seven: A-003 once, asked for twice with one key. */
  {
    g_auto(GStrv) all = g_strsplit (waiting, ",", -1);
    g_autofree char *keys = gil_test_browser_run (f->browser,
                                                  "const a = window.giliranKiosk.attempts;"
                                                  "return a.length >= 2 && a[a.length - 1] === a[a.length - 2]"
                                                  " && a[a.length - 2] !== a[a.length - 3] ? 'same' : a.join(' ')");

    g_assert_cmpuint (g_strv_length (all), ==, 6);
    g_assert_cmpstr (keys, ==, "same");
  }

  /* The kiosk revoked: its next press finds the token refused, and the
   * page asks for a code again, keeping no token. */
  gil_test_browser_click (f->browser, "#done");
  gil_test_web_revoke (f, "kiosk");
  gil_test_browser_expect (f->browser, PAGE_STATE, "ready", WAIT_MS);
  gil_test_browser_click (f->browser, "#series button[data-series=\"B\"]");
  gil_test_browser_expect (f->browser, PAGE_STATE, "pairing", WAIT_MS);
  g_clear_pointer (&token, g_free);
  token = gil_test_browser_run (f->browser, "return localStorage.getItem('giliran.kiosk.token')");
  g_assert_cmpstr (token, ==, "null");
  g_clear_pointer (&waiting, g_free);
  waiting = waiting_tickets (f);
  g_assert_null (strstr (waiting, "B-003"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/web-kiosk/files", test_files);
  g_test_add ("/giliran/web-kiosk/kiosk", Fixture, NULL, gil_test_web_set_up, test_kiosk, gil_test_web_tear_down);

  return g_test_run ();
}
