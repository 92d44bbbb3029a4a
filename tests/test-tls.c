/* test-tls.c — giliran-manager --tls against the real client library: the
 * certificate made on the first run and kept, HTTPS and WSS only, pairing
 * that carries the fingerprint, and a station pinned to it that refuses
 * any other certificate before a single request goes out
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "gil-connection.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"

#define WAIT_MS 20000
#define WRONG_FINGERPRINT \
  "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"

static const char * const tls_args[] = { "--tls", NULL };

/* ── requests ─────────────────────────────────────────────────────────── */

typedef struct
{
  gboolean  done;
  JsonNode *node;
  GError   *error;
  gint64    took_us;
} Reply;

static void
on_reply_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Reply *reply = user_data;

  reply->node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &reply->error);
  reply->done = TRUE;
}

static gboolean
reply_done (gpointer data)
{
  return ((Reply *)data)->done;
}

/* Returns: (transfer full): the reply, or NULL with @error set */
static JsonNode *
call (GilConnection  *connection,
      const char     *method,
      const char     *path,
      const char     *body,
      GError        **error)
{
  g_autoptr(JsonNode) json = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autofree char *key = g_str_equal (method, "GET") ? NULL : gil_connection_new_action_key ();
  Reply reply = { 0 };
  gint64 start = g_get_monotonic_time ();

  gil_connection_request_async (connection, method, path, json, key, NULL, on_reply_cb, &reply);
  gil_test_loop_wait_until (reply_done, &reply, WAIT_MS, path);
  reply.took_us = g_get_monotonic_time () - start;
  if (reply.error != NULL)
    g_propagate_error (error, reply.error);
  return reply.node;
}

static JsonObject *
call_ok (GilConnection *connection,
         const char    *method,
         const char    *path,
         const char    *body)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = call (connection, method, path, body, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static gint64
health_seq (GilConnection *connection)
{
  g_autoptr(JsonObject) health = call_ok (connection, "GET", "/api/v1/health", NULL);

  return json_object_get_int_member (health, "seq");
}

/* ── the certificate on disk ──────────────────────────────────────────── */

static char *
certificate_path (GilTestManager *manager)
{
  return g_build_filename (gil_test_manager_get_dir (manager), "giliran-tls.pem", NULL);
}

static char *
key_path (GilTestManager *manager)
{
  return g_build_filename (gil_test_manager_get_dir (manager), "giliran-tls.key", NULL);
}

static GilConnection *
new_admin (GilTestManager *manager,
           const char     *fingerprint)
{
  return gil_connection_new_pinned (gil_test_manager_get_url (manager),
                                    gil_test_manager_get_admin_token (manager), fingerprint);
}

/* ── tests ────────────────────────────────────────────────────────────── */

/* Made on the first run beside the database, the key for its owner only,
 * and the same certificate after a restart. */
static void
test_certificate_kept (void)
{
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  g_autofree char *pem = NULL;
  g_autofree char *key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *pem_contents = NULL;
  g_autofree char *pem_again = NULL;
  g_autoptr(GilConnection) admin = NULL;
  g_autoptr(JsonObject) health = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (gil_test_manager_get_url (manager), "https://127.0.0.1:"));

  pem = certificate_path (manager);
  key = key_path (manager);
  g_assert_true (g_file_get_contents (pem, &pem_contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (pem_contents, "-----BEGIN CERTIFICATE-----"));
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  fingerprint = gil_test_manager_dup_fingerprint (manager);
  admin = new_admin (manager, fingerprint);
  health = call_ok (admin, "GET", "/api/v1/health", NULL);
  g_assert_true (json_object_get_boolean_member (health, "tls"));
  g_assert_cmpstr (json_object_get_string_member (health, "fingerprint"), ==, fingerprint);
  g_clear_pointer (&health, json_object_unref);
  g_clear_object (&admin);

  /* The second run uses what the first one made. */
  gil_test_manager_kill (manager, SIGTERM);
  g_assert_cmpint (gil_test_manager_get_exit_status (manager), ==, 0);
  gil_test_manager_restart (manager);
  g_assert_true (g_file_get_contents (pem, &pem_again, NULL, NULL));
  g_assert_cmpstr (pem_again, ==, pem_contents);
  admin = new_admin (manager, fingerprint);
  health = call_ok (admin, "GET", "/api/v1/health", NULL);
  g_assert_cmpstr (json_object_get_string_member (health, "fingerprint"), ==, fingerprint);
  g_clear_object (&admin);

  gil_test_manager_free (manager);
}

static void
on_plain_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Reply *reply = user_data;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                                &reply->error);

  reply->done = TRUE;
}

/* Returns: the status, or 0 with @error set */
static guint
plain_get (const char  *url,
           GError     **error)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *uri = g_strconcat (url, "/api/v1/health", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  Reply reply = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_plain_reply_cb, &reply);
  gil_test_loop_wait_until (reply_done, &reply, WAIT_MS, uri);
  if (reply.error != NULL)
    {
      g_propagate_error (error, reply.error);
      return 0;
    }
  return soup_message_get_status (msg);
}

/* Nothing answers plain HTTP, and an ordinary client that trusts only
 * certificate authorities refuses the self-signed certificate. */
static void
test_https_only (void)
{
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *plain = g_strconcat ("http://", url + strlen ("https://"), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilConnection) unpinned = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (plain_get (plain, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("plain HTTP: %s", error->message);
  g_clear_error (&error);

  g_assert_cmpuint (plain_get (url, &error), ==, 0);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  /* The client library without a pin is such a client too. */
  unpinned = gil_connection_new (url, gil_test_manager_get_admin_token (manager));
  node = call (unpinned, "GET", "/api/v1/health", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);

  g_clear_object (&unpinned);
  gil_test_manager_free (manager);
}

typedef struct
{
  GilConnection *connection;
  guint          registered;
  gint64         seq;
} Events;

static void
on_registered_cb (GilConnection *connection,
                  JsonObject    *event,
                  gpointer       user_data)
{
  Events *events = user_data;

  events->registered++;
  events->seq = json_object_get_int_member (event, "seq");
}

static gboolean
got_registered (gpointer data)
{
  return ((Events *)data)->registered > 0;
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

typedef struct
{
  gboolean  done;
  char     *fingerprint;
  GError   *error;
} Probe;

static void
on_probed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Probe *probe = user_data;

  probe->fingerprint = gil_connection_probe_certificate_finish (result, &probe->error);
  probe->done = TRUE;
}

static gboolean
probe_done (gpointer data)
{
  return ((Probe *)data)->done;
}

/* Returns: (transfer full): what the setup window shows before pairing */
static char *
probe_fingerprint (const char  *url,
                   GError     **error)
{
  Probe probe = { 0 };

  gil_connection_probe_certificate_async (url, NULL, on_probed_cb, &probe);
  gil_test_loop_wait_until (probe_done, &probe, WAIT_MS, "the certificate");
  if (probe.error != NULL)
    g_propagate_error (error, probe.error);
  return probe.fingerprint;
}

/* A desk learns the fingerprint, pairs on a pinned connection, registers
 * a patient and hears of it on the event socket, all over TLS. */
static void
test_pinned_station (void)
{
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autoptr(GilConnection) admin = new_admin (manager, fingerprint);
  g_autoptr(GilConnection) pairing = NULL;
  g_autoptr(GilConnection) desk = NULL;
  g_autoptr(JsonObject) code = NULL;
  g_autoptr(JsonObject) paired = NULL;
  g_autoptr(JsonObject) patient = NULL;
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pair_body = NULL;
  g_autofree char *visit_body = NULL;
  g_autofree char *shown = NULL;
  Events events = { 0 };

  /* The host shows the code and the fingerprint together. */
  code = call_ok (admin, "POST", "/api/v1/pairing-codes", "{\"role\":\"registration\",\"rooms\":[]}");
  g_assert_cmpstr (json_object_get_string_member (code, "fingerprint"), ==, fingerprint);

  /* The new station sees the same fingerprint before it sends the code. */
  shown = probe_fingerprint (url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shown, ==, fingerprint);

  pairing = gil_connection_new_pinned (url, NULL, shown);
  pair_body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Meja TLS\"}",
                               json_object_get_string_member (code, "code"));
  paired = call_ok (pairing, "POST", "/api/v1/pair", pair_body);
  g_assert_cmpstr (json_object_get_string_member (paired, "fingerprint"), ==, fingerprint);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (paired, "station"), "role"),
                   ==, "registration");

  /* The paired desk: its token, pinned. */
  desk = gil_connection_new_pinned (url, json_object_get_string_member (paired, "token"), fingerprint);
  events.connection = desk;
  g_signal_connect (desk, "event::visit.registered", G_CALLBACK (on_registered_cb), &events);
  gil_connection_start_events (desk, health_seq (desk));
  gil_test_loop_wait_until (is_online, desk, WAIT_MS, "the event socket over WSS");

  patient = call_ok (desk, "POST", "/api/v1/patients",
                     "{\"name\":\"Siti Aminah\",\"birth_date\":\"1959-03-10\",\"sex\":\"F\"}");
  visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"payer\":\"bpjs\"}",
                                json_object_get_int_member (patient, "id"));
  visit = call_ok (desk, "POST", "/api/v1/visits", visit_body);
  g_assert_nonnull (json_object_get_string_member (visit, "ticket"));

  gil_test_loop_wait_until (got_registered, &events, WAIT_MS, "visit.registered over WSS");
  g_assert_cmpint (events.registered, ==, 1);
  g_assert_cmpint (events.seq, ==, health_seq (admin) - 1);

  gil_connection_stop_events (desk);
  g_clear_object (&desk);
  g_clear_object (&pairing);
  g_clear_object (&admin);
  gil_test_manager_free (manager);
}

/* Pinned to another certificate: refused at once, no request is sent (the
 * visit is not registered, nothing is tried again) and the event socket
 * never opens. */
static void
test_wrong_pin_refused (void)
{
  GilTestManager *manager = gil_test_manager_start_with (NULL, tls_args);
  const char *url = gil_test_manager_get_url (manager);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autofree char *plain = g_strconcat ("http://", url + strlen ("https://"), NULL);
  g_autoptr(GilConnection) admin = new_admin (manager, fingerprint);
  g_autoptr(GilConnection) wrong = new_admin (manager, WRONG_FINGERPRINT);
  g_autoptr(GilConnection) downgraded = NULL;
  g_autoptr(JsonObject) patient = NULL;
  g_autoptr(JsonObject) visit = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit_body = NULL;
  g_autoptr(JsonNode) visit_json = NULL;
  gint64 seq;
  Reply reply = { 0 };

  patient = call_ok (admin, "POST", "/api/v1/patients",
                     "{\"name\":\"Budi Santoso\",\"birth_date\":\"1980-01-02\",\"sex\":\"M\"}");
  visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"payer\":\"umum\"}",
                                json_object_get_int_member (patient, "id"));
  seq = health_seq (admin);

  node = call (wrong, "GET", "/api/v1/health", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE);
  g_test_message ("wrong pin: %s", error->message);
  g_clear_error (&error);

  /* A write with an Idempotency-Key is retried on a network failure; a
   * refused certificate is not one. */
  visit_json = json_from_string (visit_body, NULL);
  gil_connection_request_async (wrong, "POST", "/api/v1/visits", visit_json,
                                "tls-wrong-pin", NULL, on_reply_cb, &reply);
  gil_test_loop_wait_until (reply_done, &reply, WAIT_MS, "the refused visit");
  g_assert_null (reply.node);
  g_assert_error (reply.error, GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE);
  g_clear_error (&reply.error);
  g_assert_cmpint (health_seq (admin), ==, seq);

  /* The event socket does not open either. */
  gil_connection_start_events (wrong, seq);
  gil_test_loop_run_for (1500);
  g_assert_false (gil_connection_get_online (wrong));
  gil_connection_stop_events (wrong);
  g_assert_cmpint (health_seq (admin), ==, seq);

  /* A pin on a plain http:// address is refused too. */
  downgraded = gil_connection_new_pinned (plain, gil_test_manager_get_admin_token (manager), fingerprint);
  node = call (downgraded, "GET", "/api/v1/health", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE);
  g_clear_error (&error);

  /* The visit was never registered: the right pin registers it now. */
  visit = call_ok (admin, "POST", "/api/v1/visits", visit_body);
  g_assert_cmpint (health_seq (admin), >, seq);

  g_clear_object (&downgraded);
  g_clear_object (&wrong);
  g_clear_object (&admin);
  gil_test_manager_free (manager);
}

/* Serving the LAN means TLS unless the admin opts out. */
static void
test_listen_all (void)
{
  const char * const lan[] = { "--listen-all", NULL };
  const char * const lan_plain[] = { "--listen-all", "--no-tls", NULL };
  GilTestManager *manager = gil_test_manager_start_with (NULL, lan);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autoptr(GilConnection) admin = new_admin (manager, fingerprint);
  g_autoptr(JsonObject) health = NULL;

  g_assert_true (g_str_has_prefix (gil_test_manager_get_url (manager), "https://"));
  health = call_ok (admin, "GET", "/api/v1/health", NULL);
  g_assert_true (json_object_get_boolean_member (health, "tls"));
  g_assert_cmpstr (json_object_get_string_member (health, "fingerprint"), ==, fingerprint);
  g_clear_pointer (&health, json_object_unref);
  g_clear_object (&admin);
  gil_test_manager_free (manager);

  manager = gil_test_manager_start_with (NULL, lan_plain);
  g_assert_true (g_str_has_prefix (gil_test_manager_get_url (manager), "http://"));
  admin = gil_connection_new (gil_test_manager_get_url (manager), gil_test_manager_get_admin_token (manager));
  health = call_ok (admin, "GET", "/api/v1/health", NULL);
  g_assert_false (json_object_get_boolean_member (health, "tls"));
  g_assert_true (json_object_get_null_member (health, "fingerprint"));
  g_clear_object (&admin);
  gil_test_manager_free (manager);
}

/* Whether gnutls-cli, offering only what @priority allows, completes a
 * handshake with @manager. */
static gboolean
handshake_with (GilTestManager *manager,
                const char     *priority)
{
  g_autofree char *port = g_strdup_printf ("%u", gil_test_manager_get_port (manager));
  const char *argv[] = { "gnutls-cli", "--insecure", "--priority", priority,
                         "--port", port, "127.0.0.1", NULL };
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                           | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  /* Nothing to send: end of input closes the connection once it is up. */
  g_subprocess_communicate_utf8 (cli, "", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return strstr (out, "Handshake was completed") != NULL;
}

static void
assert_protocols (GilTestManager *manager)
{
  /* TLS 1.0 and 1.1 are refused, whatever the suite. */
  g_assert_false (handshake_with (manager, "NORMAL:-VERS-ALL:+VERS-TLS1.1"));
  g_assert_false (handshake_with (manager, "NORMAL:-VERS-ALL:+VERS-TLS1.0"));
  /* TLS 1.2 with CBC and a SHA-1 MAC only: refused. */
  g_assert_false (handshake_with (manager, "NORMAL:-VERS-ALL:+VERS-TLS1.2"
                                           ":-CIPHER-ALL:+AES-128-CBC:+AES-256-CBC:-MAC-ALL:+SHA1"));
  /* TLS 1.2 with AES-GCM, and a client's defaults (TLS 1.3): accepted. */
  g_assert_true (handshake_with (manager, "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-GCM"));
  g_assert_true (handshake_with (manager, "NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM"));
  g_assert_true (handshake_with (manager, "NORMAL"));
}

/* TLS 1.2 or newer with AEAD suites only, even when the environment the
 * manager starts in asks GnuTLS for TLS 1.0 (as a desktop session may,
 * for some old mail server). */
static void
test_protocols (void)
{
  const char * const weak[] = { "G_TLS_GNUTLS_PRIORITY=NORMAL:+VERS-TLS1.0:+VERS-TLS1.1:%COMPAT", NULL };
  g_autofree char *cli = g_find_program_in_path ("gnutls-cli");
  GilTestManager *manager;

  if (cli == NULL)
    {
      if (g_getenv ("CI") != NULL && g_getenv ("CI")[0] != '\0')
        g_error ("gnutls-cli is not installed (Debian package gnutls-bin), and CI must run this test");
      g_test_skip ("gnutls-cli is not installed (Debian package gnutls-bin)");
      return;
    }

  manager = gil_test_manager_start_with (NULL, tls_args);
  assert_protocols (manager);
  gil_test_manager_free (manager);

  manager = gil_test_manager_start_full (NULL, tls_args, weak, FALSE);
  assert_protocols (manager);
  gil_test_manager_free (manager);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/tls/certificate-kept", test_certificate_kept);
  g_test_add_func ("/giliran/tls/https-only", test_https_only);
  g_test_add_func ("/giliran/tls/pinned-station", test_pinned_station);
  g_test_add_func ("/giliran/tls/wrong-pin-refused", test_wrong_pin_refused);
  g_test_add_func ("/giliran/tls/listen-all", test_listen_all);
  g_test_add_func ("/giliran/tls/protocols", test_protocols);

  return g_test_run ();
}
