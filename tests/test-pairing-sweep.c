/* test-pairing-sweep.c — guessing pairing codes from many addresses
 *
 * The real giliran-manager on loopback. Every 127.x.y.z address reaches
 * it on Linux, so each guess below comes from an address of its own as
 * the manager sees it: the limit of one address never applies, the limits
 * over all addresses must.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-sql.h"

/* As the manager has them (src/manager/gil-pairing-guard.h). */
#define TRIES_MAX 30
#define CODE_TRIES_MAX 10
#define WINDOW_S 600

#define SWEEP_ADDRESSES 300
#define TRIES_PER_ADDRESS 3

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;
  guint16         port;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start_logged (NULL);
  f->url = gil_test_manager_get_url (f->manager);
  f->admin = gil_test_manager_get_admin_token (f->manager);
  f->port = gil_test_manager_get_port (f->manager);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_manager_free (f->manager);
}

typedef struct
{
  guint  status;
  char  *code;         /* the error code of the reply */
  int    retry_after;  /* -1 when not given */
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->code, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* POST /api/v1/pair with @code, over a connection from @source (an
 * address of 127.0.0.0/8). */
static void
pair_from (Fixture    *f,
           const char *source,
           const char *code,
           Reply      *reply)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (source);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (address, 0);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Tebakan\"}", code);
  g_autofree char *request = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *retry;
  const char *json;
  guint8 buffer[4096];
  gssize n;

  g_socket_client_set_local_address (client, local);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->port, NULL, &error);
  g_assert_no_error (error);
  request = g_strdup_printf ("POST /api/v1/pair HTTP/1.1\r\n"
                             "Host: 127.0.0.1:%u\r\n"
                             "Content-Type: application/json\r\n"
                             "Content-Length: %zu\r\n"
                             "Connection: close\r\n\r\n%s",
                             f->port, strlen (body), body);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                   buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (received, buffer, n);
  g_assert_no_error (error);
  g_byte_array_append (received, (const guint8 *)"", 1);
  text = (char *)g_byte_array_free (g_steal_pointer (&received), FALSE);

  g_assert_true (g_str_has_prefix (text, "HTTP/1.1 "));
  reply->status = (guint)g_ascii_strtoull (text + strlen ("HTTP/1.1 "), NULL, 10);
  retry = strstr (text, "\r\nRetry-After: ");
  reply->retry_after = retry != NULL ? atoi (retry + strlen ("\r\nRetry-After: ")) : -1;
  json = strstr (text, "\r\n\r\n");
  g_assert_nonnull (json);
  reply->code = NULL;
  if (reply->status >= 400 && json_parser_load_from_data (parser, json + 4, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    reply->code = g_strdup (gil_test_api_error (json_parser_get_root (parser)));
}

static char *
new_code (Fixture *f)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/pairing-codes",
                                                   "{\"role\":\"display\"}", NULL, 201);

  return g_strdup (json_object_get_string_member (gil_test_api_object (reply), "code"));
}

/* A code near @right but never it. */
static char *
wrong_code (const char *right,
            guint       n)
{
  guint number = (guint)g_ascii_strtoull (right, NULL, 10);

  return g_strdup_printf ("%06u", (number + 1 + n) % 1000000);
}

static guint
open_codes (Fixture *f)
{
  g_autofree char *count = gil_test_query_one (gil_test_manager_get_database (f->manager),
                                               "SELECT count (*) FROM pairing_codes WHERE NOT used");

  return (guint)g_ascii_strtoull (count, NULL, 10);
}

/* Ten wrong codes, each from another address, and the open code no longer
 * works, even sent right; one made afterwards does. */
static void
test_code_dies (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *right = new_code (f);
  g_autofree char *next = NULL;

  for (guint i = 0; i < CODE_TRIES_MAX; i++)
    {
      g_autofree char *source = g_strdup_printf ("127.0.1.%u", i + 1);
      g_autofree char *wrong = wrong_code (right, i);
      g_auto(Reply) reply = { 0 };

      pair_from (f, source, wrong, &reply);
      g_assert_cmpuint (reply.status, ==, 403);
      g_assert_cmpstr (reply.code, ==, "invalid-pairing-code");
    }
  g_assert_cmpuint (open_codes (f), ==, 0);
  {
    g_auto(Reply) reply = { 0 };

    pair_from (f, "127.0.2.1", right, &reply);
    g_assert_cmpuint (reply.status, ==, 403);
    g_assert_cmpstr (reply.code, ==, "invalid-pairing-code");
  }
  /* The log is read by a thread: the line may come just after the reply. */
  gil_test_manager_wait_log (f->manager, "open pairing codes withdrawn");

  next = new_code (f);
  {
    g_auto(Reply) reply = { 0 };

    pair_from (f, "127.0.2.2", next, &reply);
    g_assert_cmpuint (reply.status, ==, 201);
  }
}

/* Hundreds of addresses, a few guesses each: no more than TRIES_MAX are
 * answered at all, the rest are told to wait, a right code too; and the
 * code open during the sweep was withdrawn. */
static void
test_many_addresses (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *right = new_code (f);
  guint answered = 0;
  guint refused = 0;
  gint64 started = g_get_monotonic_time ();

  for (guint a = 0; a < SWEEP_ADDRESSES; a++)
    {
      g_autofree char *source = g_strdup_printf ("127.1.%u.%u", a / 250, a % 250 + 1);

      for (guint t = 0; t < TRIES_PER_ADDRESS; t++)
        {
          g_autofree char *wrong = wrong_code (right, a * TRIES_PER_ADDRESS + t);
          g_auto(Reply) reply = { 0 };

          pair_from (f, source, wrong, &reply);
          if (reply.status == 403)
            {
              g_assert_cmpstr (reply.code, ==, "invalid-pairing-code");
              answered++;
            }
          else
            {
              g_assert_cmpuint (reply.status, ==, 429);
              g_assert_cmpstr (reply.code, ==, "too-many-attempts");
              g_assert_cmpint (reply.retry_after, >, 0);
              g_assert_cmpint (reply.retry_after, <=, WINDOW_S + 1);
              refused++;
            }
        }
    }
  g_test_message ("%u guesses from %u addresses in %.1f s: %u answered, %u refused",
                  SWEEP_ADDRESSES * TRIES_PER_ADDRESS, SWEEP_ADDRESSES,
                  (g_get_monotonic_time () - started) / 1e6, answered, refused);
  g_assert_cmpuint (answered, ==, TRIES_MAX);
  g_assert_cmpuint (open_codes (f), ==, 0);

  /* Even the right code, from an address never seen, waits. */
  {
    g_auto(Reply) reply = { 0 };

    pair_from (f, "127.2.0.1", right, &reply);
    g_assert_cmpuint (reply.status, ==, 429);
    g_assert_cmpstr (reply.code, ==, "too-many-attempts");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/pairing-sweep/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("code-dies", test_code_dies);
  ADD ("many-addresses", test_many_addresses);
#undef ADD

  return g_test_run ();
}
