/* gil-connection-requests.c — requests to the manager, their retries and Idempotency-Keys
 *
 * Requests are JSON over HTTP with the station's Bearer token. A request
 * that may safely be sent again (a GET, or a write with an Idempotency-Key)
 * is retried on a network failure with the same key, so the manager answers
 * a repeat with the reply it stored and changes nothing.
 *
 * A request under way when the stream was lost may be stranded on a
 * connection the network dropped without a word (a cable pulled, a switch
 * gone), to wait for TCP's ever longer retransmissions or the 30 s timeout.
 * So when the stream is back, every try that went out before it and may
 * safely be sent again is sent again at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "gil-connection-private.h"
#include "gil-reply-private.h"

#define REQUEST_TRIES       4
#define RETRY_BASE_MS       250

typedef struct
{
  char   *method;
  char   *uri;
  GBytes *body;
  char   *key;
  guint   tries;
  guint   status;   /* of the reply, once there is one */
  gboolean raw;     /* a reply taken as it comes, not as JSON */

  GCancellable *attempt;       /* the try under way, cancelled alone to resend it */
  GSource      *forward;       /* passes the caller's cancellation on to it */
  gboolean      resend;        /* cancelled to be sent again at once */
} Request;

static void
request_free (Request *req)
{
  g_assert (req->attempt == NULL);
  g_free (req->method);
  g_free (req->uri);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->key);
  g_free (req);
}

static gboolean
is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* The error of a reply without a code of its own. */
static GilApiError
error_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED: return GIL_API_ERROR_UNAUTHORIZED;
    case SOUP_STATUS_FORBIDDEN: return GIL_API_ERROR_FORBIDDEN;
    case SOUP_STATUS_NOT_FOUND: return GIL_API_ERROR_NOT_FOUND;
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE: return GIL_API_ERROR_TOO_LARGE;
    case SOUP_STATUS_SERVICE_UNAVAILABLE: return GIL_API_ERROR_STORAGE_ERROR;
    default: return GIL_API_ERROR_UNKNOWN;
    }
}

/* Returns: (transfer full): the error of a request that got no reply
 * because of @cause (the manager could not be reached) */
GError *
_gil_connection_new_network_error (const GError *cause)
{
  return g_error_new (GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                      _("Cannot reach the queue manager: %s"), cause->message);
}

/* Turns a reply into its JSON, or an error reply into a GilApiError. */
JsonNode *
_gil_connection_parse_reply (guint    status,
             GBytes  *bytes,
             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  JsonNode *root = NULL;

  if (length > 0 && json_parser_load_from_data (parser, data, length, &parse_error))
    root = json_parser_get_root (parser);

  if (is_success (status))
    {
      if (length == 0)
        return json_node_new (JSON_NODE_NULL);
      if (root == NULL)
        {
          g_set_error (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                       _("The manager’s reply is not JSON: %s"),
                       parse_error != NULL ? parse_error->message : "");
          return NULL;
        }
      return json_node_copy (root);
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *member = json_object_get_member (object, "error");

      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        {
          JsonObject *reply = json_node_get_object (member);
          const char *code = _gil_reply_get_string (reply, "code");
          const char *message = _gil_reply_get_string (reply, "message");

          if (code != NULL)
            {
              g_set_error_literal (error, GIL_API_ERROR, gil_api_error_from_code (code),
                                   message != NULL ? message : code);
              return NULL;
            }
        }
    }

  g_set_error (error, GIL_API_ERROR, error_for_status (status),
               _("The manager answered %u %s"), status, soup_status_get_phrase (status));
  return NULL;
}

static gboolean
may_retry (Request *req)
{
  return req->key != NULL || g_str_equal (req->method, "GET");
}

static void send_request (GTask *task);

/* From the main loop, not inside the caller's g_cancellable_cancel(). */
static gboolean
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The try of @task has its answer (or error): it is no longer under way. */
static void
end_attempt (GTask *task)
{
  GilConnection *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  g_ptr_array_remove_fast (self->requests, task);
  _gil_connection_clear_source (&req->forward);
  g_clear_object (&req->attempt);
}

static gboolean
on_retry_source_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    send_request (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* Waits before the next try, but not past a cancellation. Takes @task. */
static void
schedule_retry (GTask *task)
{
  Request *req = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint step = RETRY_BASE_MS << (req->tries - 1);
  g_autoptr(GSource) source = g_timeout_source_new (step / 2 + g_random_int_range (0, step / 2 + 1));

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancelled = g_cancellable_source_new (cancellable);

      /* Either one dispatches the parent, which checks which it was. */
      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
    }
  g_source_set_callback (source, on_retry_source_cb, task, g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static void
on_reply_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  bytes = soup_session_send_and_read_finish (session, result, &error);
  end_attempt (task);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (req->resend && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
            {
              /* Stranded by a cut: again now, as the same try. */
              g_debug ("%s %s went out before the network came back; sending it again",
                       req->method, req->uri);
              req->resend = FALSE;
              req->tries--;
              send_request (g_steal_pointer (&task));
              return;
            }
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* Not a server to try again. */
      if (g_object_get_data (G_OBJECT (msg), REFUSED_KEY) != NULL)
        {
          g_task_return_error (task, _gil_connection_new_refused_error ());
          return;
        }
      if (may_retry (req) && req->tries < REQUEST_TRIES)
        {
          g_debug ("%s %s failed (%s), trying again", req->method, req->uri, error->message);
          schedule_retry (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, _gil_connection_new_network_error (error));
      return;
    }

  req->status = soup_message_get_status (msg);
  if (req->raw && is_success (req->status))
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
      return;
    }
  node = _gil_connection_parse_reply (req->status, bytes, &error);
  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, node, (GDestroyNotify)json_node_unref);
}

/* Sends one try of the request. Takes @task. */
static void
send_request (GTask *task)
{
  GilConnection *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(SoupMessage) msg = soup_message_new (req->method, req->uri);
  SoupMessageHeaders *headers;
  GError *error = NULL;

  if (msg == NULL)
    {
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                               _("“%s” is not a valid address"), req->uri);
      g_object_unref (task);
      return;
    }
  /* Only g_object_run_dispose() gets here with a request still going. */
  if (self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The connection was disposed");
      g_object_unref (task);
      return;
    }

  if (!_gil_connection_check_pinned_scheme (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  _gil_connection_prepare_message (self, msg);
  headers = soup_message_get_request_headers (msg);
  if (req->key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", req->key);
  /* libsoup sends a write on a new connection of its own (a new TLS
   * handshake on the LAN) unless told that sending it twice is harmless,
   * because a kept-alive connection may turn out closed after it was sent.
   * With a key it is harmless: the manager answers a repeat from its store. */
  if (may_retry (req))
    soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", req->body);

  req->tries++;
  req->resend = FALSE;
  req->attempt = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    {
      req->forward = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (req->forward, G_SOURCE_FUNC (on_caller_cancelled_cb),
                             g_object_ref (req->attempt), g_object_unref);
      g_source_attach (req->forward, g_task_get_context (task));
    }
  g_ptr_array_add (self->requests, task);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    req->attempt, on_reply_cb, task);
}

/* The stream is back after it was lost: every try that went out before
 * and may be sent again is cancelled, and on_reply_cb() sends it again. */
void
_gil_connection_resend_stranded_requests (GilConnection *self)
{
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  /* Cancelling may answer a try at once, which changes the list. */
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (tasks, g_object_ref (g_ptr_array_index (self->requests, i)));

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);
      Request *req = g_task_get_task_data (task);

      if (req->attempt == NULL || req->resend || !may_retry (req))
        continue;
      req->resend = TRUE;
      g_cancellable_cancel (req->attempt);
    }
}

/* A task for a request to @path; send_request() sends its first try. */
static GTask *
request_task_new (GilConnection       *self,
                  const char          *method,
                  const char          *path,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  req->method = g_strdup (method);
  req->uri = g_strconcat (self->base_url, path, NULL);
  g_task_set_task_data (task, req, (GDestroyNotify)request_free);
  return task;
}

/**
 * gil_connection_request_async:
 * @method: "GET", "POST" or "PATCH"
 * @path: the path from API.md, such as "/api/v1/rooms"
 * @body: (nullable): the JSON body
 * @idempotency_key: (nullable): from gil_connection_new_action_key(), the
 *   same for every try of one user action
 *
 * Sends a request to the manager. A GET, or a write with
 * @idempotency_key, is tried again a few times if the manager cannot be
 * reached.
 */
void
gil_connection_request_async (GilConnection       *self,
                              const char          *method,
                              const char          *path,
                              JsonNode            *body,
                              const char          *idempotency_key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_task_new (self, method, path, gil_connection_request_async, cancellable,
                           callback, user_data);
  req = g_task_get_task_data (task);
  req->key = g_strdup (idempotency_key);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      req->body = g_bytes_new_take (text, strlen (text));
    }

  send_request (g_steal_pointer (&task));
}

/**
 * gil_connection_request_finish:
 * @status: (out) (optional): the HTTP status, or 0 if there was no reply
 *
 * Returns: (transfer full): the reply's JSON (a null node for an empty
 *   reply), or %NULL with @error set: a #GIL_API_ERROR for an error reply or
 *   a network failure, %G_IO_ERROR_CANCELLED for a cancelled request
 */
JsonNode *
gil_connection_request_finish (GilConnection  *self,
                               GAsyncResult   *result,
                               guint          *status,
                               GError        **error)
{
  GTask *task = G_TASK (result);
  Request *req;

  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == gil_connection_request_async, NULL);

  req = g_task_get_task_data (task);
  if (status != NULL)
    *status = req->status;

  return g_task_propagate_pointer (task, error);
}

/**
 * gil_connection_request_bytes_async:
 * @path: the path from API.md, with its query
 *
 * Gets a reply that is not JSON (a report as CSV) as it comes. It is
 * tried again as any GET is; an error reply is a #GIL_API_ERROR as for
 * gil_connection_request_async().
 */
void
gil_connection_request_bytes_async (GilConnection       *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *req;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = request_task_new (self, "GET", path, gil_connection_request_bytes_async, cancellable,
                           callback, user_data);
  req = g_task_get_task_data (task);
  req->raw = TRUE;

  send_request (g_steal_pointer (&task));
}

/* Returns: (transfer full): the reply's body, or %NULL with @error set */
GBytes *
gil_connection_request_bytes_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_connection_request_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
