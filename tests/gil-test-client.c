/* gil-test-client.c — a client library's test against a real manager:
 * the manager, a station paired on it and a GilConnection as that
 * station; an async call waited for as if it were a plain one; a raw
 * request and what came back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

/**
 * gil_test_client_set_up:
 * @args: (nullable): the manager's command-line arguments; with `--tls`
 *   the connection pins the manager's certificate
 * @role: (nullable): the role of a station to pair, or %NULL for a
 *   connection as the administrator
 * @rooms: the paired station's rooms, as gil_test_api_pair() takes them
 *
 * Starts a manager of @client's own and connects to it.
 */
void
gil_test_client_set_up (GilTestClient      *client,
                        const char * const *args,
                        const char         *role,
                        const char         *rooms)
{
  const char *token;

  client->manager = gil_test_manager_start_with (NULL, args);
  client->url = gil_test_manager_get_url (client->manager);
  client->admin = gil_test_manager_get_admin_token (client->manager);
  client->token = role != NULL ? gil_test_api_pair (client->url, client->admin, role, rooms) : NULL;
  token = client->token != NULL ? client->token : client->admin;
  if (args != NULL && g_strv_contains (args, "--tls"))
    {
      g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (client->manager);

      client->connection = gil_connection_new_pinned (client->url, token, fingerprint);
    }
  else
    client->connection = gil_connection_new (client->url, token);
}

/* Lets go of @client's connection, which must be freed then, and
 * stops its manager. */
void
gil_test_client_tear_down (GilTestClient *client)
{
  g_assert_finalize_object (g_steal_pointer (&client->connection));
  g_clear_pointer (&client->token, g_free);
  g_clear_pointer (&client->manager, gil_test_manager_free);
}

/* Returns: (transfer full): the manager's service day, YYYY-MM-DD */
char *
gil_test_client_dup_day (GilTestClient *client)
{
  g_autoptr(JsonNode) health = gil_test_api_expect (client->url, NULL, "GET", "/api/v1/health",
                                                    NULL, NULL, 200);

  return g_strdup (json_object_get_string_member (gil_test_api_object (health), "day"));
}

/* Returns: (transfer full): the URL of a manager that was there a
 * moment ago and is gone: a connection to it fails with
 * GIL_API_ERROR_NETWORK */
char *
gil_test_client_dup_gone_url (void)
{
  GilTestManager *manager = gil_test_manager_start ();
  char *url = g_strdup (gil_test_manager_get_url (manager));

  gil_test_manager_free (manager);
  return url;
}

/**
 * gil_test_json_int:
 * @object: (nullable): an object of the manager's JSON
 * @missing: what an absent or null @member (or a %NULL @object) gives
 *
 * Returns: @member of @object, read apart from the client library
 */
gint64
gil_test_json_int (JsonObject *object,
                   const char *member,
                   gint64      missing)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? json_node_get_int (node) : missing;
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/**
 * gil_test_client_wait:
 * @result: a `GAsyncResult *`, %NULL, given with gil_test_loop_keep_result()
 *   to the async call (in a `g_autoptr(GAsyncResult)`, which frees it)
 * @what: said when the wait times out
 *
 * Runs the main loop until the call has its result; fails the test
 * after %GIL_TEST_CLIENT_WAIT_MS.
 *
 * Returns: (transfer none): the result, for the call's finish function
 */
GAsyncResult *
gil_test_client_wait (GAsyncResult **result,
                      const char    *what)
{
  gil_test_loop_wait_until (has_result, result, GIL_TEST_CLIENT_WAIT_MS, what);
  return *result;
}

/* ── requests as they came back ────────────────────────────────────── */

/* Frees what @reply holds; it can be used again. */
void
gil_test_reply_clear (GilTestReply *reply)
{
  g_clear_pointer (&reply->node, json_node_unref);
  g_clear_error (&reply->error);
}

/* A #GilTestCondition: whether @reply, a #GilTestReply, came back. */
gboolean
gil_test_reply_done (gpointer reply)
{
  return ((GilTestReply *)reply)->done;
}

/* A #GAsyncReadyCallback for gil_connection_request_async() that keeps
 * what came back in @reply, a #GilTestReply. */
void
gil_test_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      reply)
{
  GilTestReply *self = reply;

  self->node = gil_connection_request_finish (GIL_CONNECTION (source), result,
                                              &self->status, &self->error);
  self->done = TRUE;
}

/**
 * gil_test_client_start_request:
 * @body: (nullable): the request's JSON, as text
 * @key: (nullable): its Idempotency-Key
 * @reply: where the reply goes; what it held is forgotten, not freed
 *
 * Sends a request without waiting for it.
 */
void
gil_test_client_start_request (GilConnection *connection,
                               const char    *method,
                               const char    *path,
                               const char    *body,
                               const char    *key,
                               GilTestReply  *reply)
{
  g_autoptr(JsonNode) node = NULL;

  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;

      node = json_from_string (body, &error);
      g_assert_no_error (error);
    }
  memset (reply, 0, sizeof *reply);
  gil_connection_request_async (connection, method, path, node, key, NULL, gil_test_reply_cb, reply);
}

/* Sends a request and waits for its reply or error. */
void
gil_test_client_request (GilConnection *connection,
                         const char    *method,
                         const char    *path,
                         const char    *body,
                         const char    *key,
                         GilTestReply  *reply)
{
  gil_test_client_start_request (connection, method, path, body, key, reply);
  gil_test_loop_wait_until (gil_test_reply_done, reply, GIL_TEST_CLIENT_WAIT_MS, path);
}

/* Sends a request that must succeed with @expected.
 * Returns: (transfer none) (nullable): its object, held by @reply */
JsonObject *
gil_test_client_request_ok (GilConnection *connection,
                            const char    *method,
                            const char    *path,
                            const char    *body,
                            const char    *key,
                            guint          expected,
                            GilTestReply  *reply)
{
  gil_test_client_request (connection, method, path, body, key, reply);
  g_assert_no_error (reply->error);
  g_assert_cmpuint (reply->status, ==, expected);
  g_assert_nonnull (reply->node);
  return JSON_NODE_HOLDS_OBJECT (reply->node) ? json_node_get_object (reply->node) : NULL;
}

/**
 * gil_test_client_expect_error:
 * @key: (nullable): the request's action key
 *
 * Sends a request that must fail with @status and @code, with a message.
 */
void
gil_test_client_expect_error (GilConnection *connection,
                              const char    *method,
                              const char    *path,
                              const char    *body,
                              const char    *key,
                              guint          status,
                              GilApiError    code)
{
  g_auto(GilTestReply) reply = { 0 };

  gil_test_client_request (connection, method, path, body, key, &reply);
  g_assert_error (reply.error, GIL_API_ERROR, (int)code);
  g_assert_cmpuint (strlen (reply.error->message), >, 0);
  g_assert_null (reply.node);
  g_assert_cmpuint (reply.status, ==, status);
}

static void
on_recorded_event_cb (GilConnection   *connection,
                      JsonObject      *event,
                      GilTestRecorder *rec)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), event);
  gint64 seq = json_object_get_int_member (event, "seq");

  g_array_append_val (rec->seqs, seq);
  g_ptr_array_add (rec->types, g_strdup (json_object_get_string_member (event, "type")));
  g_ptr_array_add (rec->messages, json_to_string (node, FALSE));
}

static void
on_recorded_snapshot_cb (GilConnection   *connection,
                         JsonObject      *snapshot,
                         GilTestRecorder *rec)
{
  rec->snapshots++;
  rec->snapshot_at = rec->seqs->len;
}

static void
on_recorded_online_cb (GilConnection   *connection,
                       GParamSpec      *pspec,
                       GilTestRecorder *rec)
{
  GilTestOnlineChange change = { gil_connection_get_online (connection), g_get_monotonic_time () };

  g_array_append_val (rec->changes, change);
}

/**
 * gil_test_recorder_init:
 * @rec: a recorder, zeroed or cleared
 *
 * Records from now on what @connection passes on: each event's seq,
 * type and text, the snapshots and its going on- and offline.
 */
void
gil_test_recorder_init (GilTestRecorder *rec,
                        GilConnection   *connection)
{
  memset (rec, 0, sizeof *rec);
  rec->connection = connection;
  rec->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  rec->types = g_ptr_array_new_with_free_func (g_free);
  rec->messages = g_ptr_array_new_with_free_func (g_free);
  rec->changes = g_array_new (FALSE, FALSE, sizeof (GilTestOnlineChange));
  g_signal_connect (connection, "event", G_CALLBACK (on_recorded_event_cb), rec);
  g_signal_connect (connection, "snapshot", G_CALLBACK (on_recorded_snapshot_cb), rec);
  g_signal_connect (connection, "notify::online", G_CALLBACK (on_recorded_online_cb), rec);
}

/* Stops recording and frees what was recorded. */
void
gil_test_recorder_clear (GilTestRecorder *rec)
{
  if (rec->connection != NULL)
    g_signal_handlers_disconnect_by_data (rec->connection, rec);
  g_clear_pointer (&rec->seqs, g_array_unref);
  g_clear_pointer (&rec->types, g_ptr_array_unref);
  g_clear_pointer (&rec->messages, g_ptr_array_unref);
  g_clear_pointer (&rec->changes, g_array_unref);
}

/* A GilTestCondition: @rec has had a snapshot. */
gboolean
gil_test_recorder_got_snapshot (gpointer rec)
{
  return ((GilTestRecorder *)rec)->snapshots > 0;
}
