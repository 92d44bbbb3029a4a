/* gil-test-webdriver.c — a headless Chromium driven through chromedriver's
 * WebDriver protocol (plain HTTP and JSON), for tests of the browser display
 * and kiosk, and the fixture they share (a manager with TLS and a browser)
 *
 * chromedriver runs on a free loopback port and starts Debian's chromium
 * headless, with a profile of its own in a temporary folder, accepting the
 * manager's self-signed certificate. Every command is one synchronous
 * request; a wait polls a script's answer until it is the one expected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gil-test-api.h"
#include "gil-test-webdriver.h"

#define START_WAIT_MS 30000
#define POLL_MS       50
#define ELEMENT_KEY   "element-6066-11e4-a52e-4f735466cecf"

struct _GilTestBrowser
{
  SoupSession *soup;
  GPid         driver;
  char        *base;       /* http://127.0.0.1:PORT of chromedriver */
  char        *session;    /* /session/ID */
  char        *profile;    /* the browser's own folder */
};

/**
 * gil_test_browser_available:
 *
 * Returns: whether chromium and chromedriver are installed
 */
gboolean
gil_test_browser_available (void)
{
  g_autofree char *chromium = g_find_program_in_path ("chromium");
  g_autofree char *driver = g_find_program_in_path ("chromedriver");

  return chromium != NULL && driver != NULL;
}

/**
 * gil_test_browser_missing:
 *
 * Skips the test when chromium or chromedriver is missing, or fails it
 * when CI (set and not empty) says it must run.
 *
 * Returns: whether the browser is missing (the test is skipped)
 */
gboolean
gil_test_browser_missing (void)
{
  const char *ci = g_getenv ("CI");

  if (gil_test_browser_available ())
    return FALSE;
  if (ci != NULL && ci[0] != '\0')
    g_error ("chromium or chromedriver is not installed (Debian packages chromium, chromium-driver), "
             "and CI must run this test");
  g_test_skip ("chromium or chromedriver is not installed (Debian packages chromium, chromium-driver)");
  return TRUE;
}

/**
 * gil_test_free_port:
 *
 * Returns: a loopback TCP port nobody listens on (at this moment)
 */
guint
gil_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

/* One WebDriver command; @path after the session's when it starts with
 * "/" and the session is open. Returns: (transfer full): its "value" */
static JsonNode *
command (GilTestBrowser *b,
         const char     *method,
         const char     *path,
         const char     *body,
         guint          *status)
{
  g_autofree char *uri = g_strconcat (b->base, b->session != NULL ? b->session : "", path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (b->soup, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             g_bytes_get_size (reply), &error));
  object = json_node_get_object (json_parser_get_root (parser));
  return json_node_copy (json_object_get_member (object, "value"));
}

static JsonNode *
command_ok (GilTestBrowser *b,
            const char     *method,
            const char     *path,
            const char     *body)
{
  guint status = 0;
  JsonNode *value = command (b, method, path, body, &status);

  if (status != 200)
    {
      g_autofree char *text = json_to_string (value, FALSE);

      g_error ("WebDriver %s %s: %u %s", method, path, status, text);
    }
  return value;
}

static gboolean
driver_ready (GilTestBrowser *b)
{
  g_autofree char *uri = g_strconcat (b->base, "/status", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) reply = soup_session_send_and_read (b->soup, msg, NULL, NULL);

  return reply != NULL && soup_message_get_status (msg) == 200;
}

/* The driver and the browser it starts are a process group of their
 * own, which goes with the test however it ends: a failed assertion
 * aborts the test with no tear-down, and chromium outlives its driver. */
static volatile pid_t driver_group;

static void
on_fatal_signal (int signum)
{
  if (driver_group > 0)
    kill (-driver_group, SIGKILL);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
kill_group_on_fatal_signals (void)
{
  const int fatal[] = { SIGABRT, SIGTRAP, SIGSEGV, SIGBUS, SIGTERM, SIGINT };

  for (guint i = 0; i < G_N_ELEMENTS (fatal); i++)
    signal (fatal[i], on_fatal_signal);
}

static void
own_group (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_driver (GilTestBrowser *b)
{
  guint port = gil_test_free_port ();
  g_autofree char *port_arg = g_strdup_printf ("--port=%u", port);
  const char *argv[] = { "chromedriver", port_arg, "--log-level=SEVERE", NULL };
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + START_WAIT_MS * 1000;

  b->base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                own_group, NULL, &b->driver, &error));
  g_assert_no_error (error);
  driver_group = b->driver;
  kill_group_on_fatal_signals ();
  while (!driver_ready (b))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (POLL_MS * 1000);
    }
}

/**
 * gil_test_browser_start:
 *
 * Returns: (transfer full): a headless Chromium, its window @width ×
 *   @height, on a blank page
 */
GilTestBrowser *
gil_test_browser_start (guint width,
                        guint height)
{
  GilTestBrowser *b = g_new0 (GilTestBrowser, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *body = NULL;
  g_autofree char *arg = NULL;
  g_autofree char *profile = NULL;

  b->soup = soup_session_new_with_options ("timeout", 60, NULL);
  b->profile = g_dir_make_tmp ("giliran-chromium-XXXXXX", &error);
  g_assert_no_error (error);
  start_driver (b);

  arg = g_strconcat ("--user-data-dir=", b->profile, NULL);
  profile = json_string (arg);
  body = g_strdup_printf ("{\"capabilities\":{\"alwaysMatch\":{\"goog:chromeOptions\":{\"args\":["
                          "\"--headless=new\",\"--no-sandbox\",\"--disable-gpu\","
                          "\"--disable-dev-shm-usage\",\"--no-first-run\",\"--lang=id\","
                          "\"--ignore-certificate-errors\",\"--window-size=%u,%u\",%s]}}}}",
                          width, height, profile);
  value = command_ok (b, "POST", "/session", body);
  b->session = g_strconcat ("/session/",
                            json_object_get_string_member (json_node_get_object (value), "sessionId"),
                            NULL);
  return b;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* Closes the browser and its driver, and removes the profile. */
void
gil_test_browser_free (GilTestBrowser *b)
{
  if (b->session != NULL)
    {
      guint status = 0;

      json_node_unref (command (b, "DELETE", "", NULL, &status));
      g_clear_pointer (&b->session, g_free);
    }
  if (b->driver != 0)
    {
      kill (-b->driver, SIGTERM);
      waitpid (b->driver, NULL, 0);
      g_spawn_close_pid (b->driver);
      driver_group = 0;
    }
  remove_tree (b->profile);
  g_free (b->profile);
  g_free (b->base);
  g_object_unref (b->soup);
  g_free (b);
}

void
gil_test_browser_open (GilTestBrowser *b,
                       const char     *url)
{
  g_autofree char *quoted = json_string (url);
  g_autofree char *body = g_strdup_printf ("{\"url\":%s}", quoted);

  json_node_unref (command_ok (b, "POST", "/url", body));
}

/**
 * gil_test_browser_run:
 * @script: the body of a function, which returns what it finds
 *
 * Returns: (transfer full): what @script returned, as text (JSON for
 *   anything but a string)
 */
char *
gil_test_browser_run (GilTestBrowser *b,
                      const char     *script)
{
  g_autofree char *quoted = json_string (script);
  g_autofree char *body = g_strdup_printf ("{\"script\":%s,\"args\":[]}", quoted);
  g_autoptr(JsonNode) value = command_ok (b, "POST", "/execute/sync", body);

  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  return json_to_string (value, FALSE);
}

/**
 * gil_test_browser_wait:
 *
 * Runs @script until it returns @expected, for at most @timeout_ms.
 *
 * Returns: whether it did
 */
gboolean
gil_test_browser_wait (GilTestBrowser *b,
                       const char     *script,
                       const char     *expected,
                       guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  g_autofree char *last = NULL;

  do
    {
      g_free (last);
      last = gil_test_browser_run (b, script);
      if (g_strcmp0 (last, expected) == 0)
        return TRUE;
      g_usleep (POLL_MS * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  g_test_message ("waited for “%s” from %s; last got “%s”", expected, script, last);
  return FALSE;
}

/**
 * gil_test_browser_expect:
 *
 * As gil_test_browser_wait(), and fails the test when @script never
 * returned @expected.
 */
void
gil_test_browser_expect (GilTestBrowser *b,
                         const char     *script,
                         const char     *expected,
                         guint           timeout_ms)
{
  if (!gil_test_browser_wait (b, script, expected, timeout_ms))
    g_error ("the page never gave “%s” for: %s", expected, script);
}

static char *
find (GilTestBrowser *b,
      const char     *selector)
{
  g_autofree char *quoted = json_string (selector);
  g_autofree char *body = g_strdup_printf ("{\"using\":\"css selector\",\"value\":%s}", quoted);
  g_autoptr(JsonNode) value = command_ok (b, "POST", "/element", body);

  return g_strdup (json_object_get_string_member (json_node_get_object (value), ELEMENT_KEY));
}

/* Types @text into the element @selector finds, as keys. */
void
gil_test_browser_type (GilTestBrowser *b,
                       const char     *selector,
                       const char     *text)
{
  g_autofree char *element = find (b, selector);
  g_autofree char *path = g_strdup_printf ("/element/%s/value", element);
  g_autofree char *quoted = json_string (text);
  g_autofree char *body = g_strdup_printf ("{\"text\":%s}", quoted);

  json_node_unref (command_ok (b, "POST", path, body));
}

/* A click, which is a user's gesture to the page. */
void
gil_test_browser_click (GilTestBrowser *b,
                        const char     *selector)
{
  g_autofree char *element = find (b, selector);
  g_autofree char *path = g_strdup_printf ("/element/%s/click", element);

  json_node_unref (command_ok (b, "POST", path, "{}"));
}

/* Makes the page's own area (not the window's) @width × @height, as a
 * TV's screen, through chromedriver's DevTools command. */
void
gil_test_browser_resize (GilTestBrowser *b,
                         guint           width,
                         guint           height)
{
  g_autofree char *body = g_strdup_printf ("{\"cmd\":\"Emulation.setDeviceMetricsOverride\","
                                           "\"params\":{\"width\":%u,\"height\":%u,"
                                           "\"deviceScaleFactor\":1,\"mobile\":false}}",
                                           width, height);

  json_node_unref (command_ok (b, "POST", "/goog/cdp/execute", body));
}

/* Writes what the page shows to @path, a PNG. */
void
gil_test_browser_screenshot (GilTestBrowser *b,
                             const char     *path)
{
  g_autoptr(JsonNode) value = command_ok (b, "GET", "/screenshot", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  gsize length = 0;

  png = g_base64_decode (json_node_get_string (value), &length);
  g_assert_cmpuint (length, >, 8);
  g_assert_true (g_file_set_contents (path, (const char *)png, length, &error));
  g_assert_no_error (error);
}

/* Writes the page as printed (its print style, the page size its CSS
 * asks for) to @path, a PDF, through chromedriver's DevTools command. */
void
gil_test_browser_print (GilTestBrowser *b,
                        const char     *path)
{
  g_autoptr(JsonNode) value = command_ok (b, "POST", "/goog/cdp/execute",
                                          "{\"cmd\":\"Page.printToPDF\","
                                          "\"params\":{\"preferCSSPageSize\":true,\"printBackground\":false}}");
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pdf = NULL;
  gsize length = 0;

  pdf = g_base64_decode (json_object_get_string_member (json_node_get_object (value), "data"), &length);
  g_assert_true (length > 4 && memcmp (pdf, "%PDF", 4) == 0);
  g_assert_true (g_file_set_contents (path, (const char *)pdf, length, &error));
}

/**
 * gil_test_web_expect_file:
 * @url: the manager
 * @path: one of the pages' files, "/display/display.js"
 * @type: the Content-Type it must have, without its parameters
 *
 * Reads @path with no token and asserts it is there, of @type.
 *
 * Returns: (transfer full): its text
 */
char *
gil_test_web_expect_file (const char *url,
                          const char *path,
                          const char *type)
{
  g_autofree char *given = NULL;
  guint status = 0;
  char *text = gil_test_api_get_text (url, NULL, path, &status, &given);

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (given, ==, type);
  return text;
}

/* ── the fixture ─────────────────────────────────────────────────────── */

/**
 * gil_test_web_set_up:
 *
 * Starts a manager with TLS, trusts its certificate, names it
 * %GIL_TEST_WEB_PUSKESMAS and starts a browser at 1920×1080; does nothing
 * without chromium or chromedriver (the test then skips itself with
 * gil_test_browser_missing()).
 */
void
gil_test_web_set_up (GilTestWeb    *w,
                     gconstpointer  data)
{
  static const char * const tls_args[] = { "--tls", NULL };
  g_autofree char *pem = NULL;

  if (!gil_test_browser_available ())
    return;
  w->manager = gil_test_manager_start_with (NULL, tls_args);
  w->url = gil_test_manager_get_url (w->manager);
  w->admin = gil_test_manager_get_admin_token (w->manager);
  pem = g_build_filename (gil_test_manager_get_dir (w->manager), "giliran-tls.pem", NULL);
  gil_test_api_trust (pem);
  json_node_unref (gil_test_api_expect (w->url, w->admin, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"" GIL_TEST_WEB_PUSKESMAS "\"}", NULL, 200));
  w->browser = gil_test_browser_start (1920, 1080);
}

void
gil_test_web_tear_down (GilTestWeb    *w,
                        gconstpointer  data)
{
  g_clear_pointer (&w->browser, gil_test_browser_free);
  g_clear_pointer (&w->manager, gil_test_manager_free);
}

/**
 * gil_test_web_pair:
 * @path: the page, "/display" or "/kiosk"
 * @code_request: the body of the POST /api/v1/pairing-codes that makes its code
 * @ready_state: the page's body data-state once paired
 *
 * Opens @path, waits for its pairing screen, types a new code into it as
 * a person would, and waits until the page is @ready_state.
 */
void
gil_test_web_pair (GilTestWeb *w,
                   const char *path,
                   const char *code_request,
                   const char *ready_state,
                   guint       timeout_ms)
{
  g_autofree char *page = g_strconcat (w->url, path, NULL);
  g_autoptr(JsonNode) code = NULL;

  gil_test_browser_open (w->browser, page);
  gil_test_browser_expect (w->browser, GIL_TEST_WEB_PAGE_STATE, "pairing", timeout_ms);
  code = gil_test_api_expect (w->url, w->admin, "POST", "/api/v1/pairing-codes", code_request, NULL, 201);
  gil_test_browser_type (w->browser, "#pairing-code",
                         json_object_get_string_member (gil_test_api_object (code), "code"));
  gil_test_browser_click (w->browser, "#pairing-submit");
  gil_test_browser_expect (w->browser, GIL_TEST_WEB_PAGE_STATE, ready_state, timeout_ms);
}

/**
 * gil_test_web_revoke:
 * @role: "display", "kiosk"
 *
 * Revokes, as the admin, every station of @role: a paired page finds its
 * token refused.
 */
void
gil_test_web_revoke (GilTestWeb *w,
                     const char *role)
{
  g_autoptr(JsonNode) stations = gil_test_api_expect (w->url, w->admin, "GET", "/api/v1/stations",
                                                      NULL, NULL, 200);
  JsonArray *array = json_node_get_array (stations);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *station = json_array_get_object_element (array, i);
      g_autofree char *path = NULL;

      if (!g_str_equal (json_object_get_string_member (station, "role"), role))
        continue;
      path = g_strdup_printf ("/api/v1/stations/%" G_GINT64_FORMAT "/revoke",
                              json_object_get_int_member (station, "id"));
      json_node_unref (gil_test_api_expect (w->url, w->admin, "POST", path, NULL, NULL, 200));
    }
}

/**
 * gil_test_web_screenshot:
 * @page: "display" or "kiosk"
 * @what: what the picture shows
 *
 * Shows the page at @width×@height and writes it to the tests' build
 * folder as web-@page-@what-@width x@height.png.
 */
void
gil_test_web_screenshot (GilTestWeb *w,
                         const char *page,
                         const char *what,
                         guint       width,
                         guint       height)
{
  g_autofree char *file = g_strdup_printf ("web-%s-%s-%ux%u.png", page, what, width, height);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);

  gil_test_browser_resize (w->browser, width, height);
  gil_test_browser_screenshot (w->browser, path);
  g_test_message ("screenshot: %s", path);
}
