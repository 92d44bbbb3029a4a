/* gil-connection.c — one station's connection to a giliran-manager
 *
 * Requests are JSON over HTTP with the station's Bearer token. A request
 * that may safely be sent again (a GET, or a write with an Idempotency-Key)
 * is retried on a network failure with the same key, so the manager answers
 * a repeat with the reply it stored and changes nothing.
 *
 * The event stream is one WebSocket. Events are passed on strictly in seq
 * order and never twice: a repeat is dropped, and a gap means the stream
 * lost something, so the socket is dropped and reopened from the last seq
 * the client has; the manager then replays what was missed. A socket that
 * stays silent for 15 s (pings go out every 5 s) is dropped the same way.
 *
 * A manager that serves the LAN speaks HTTPS with a self-signed certificate.
 * A station pins that certificate's fingerprint when it pairs: every request
 * and the event socket then accept that certificate and no other, whatever
 * a certificate authority would say, and nothing (not even the token) is
 * sent to a server that shows another one.
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

#include "gil-connection.h"
#include "gil-fingerprint.h"

#define REQUEST_TRIES       4
#define RETRY_BASE_MS       250
#define RECONNECT_BASE_MS   250
#define RECONNECT_MAX_MS    5000
#define PING_INTERVAL_MS    5000
#define SILENCE_LIMIT_US    (15 * G_USEC_PER_SEC)
#define IO_TIMEOUT_S        30
/* A snapshot holds every open stop of the day; the default 128 KiB may not
 * be enough for a busy puskesmas. */
#define MAX_MESSAGE_SIZE    (64 * 1024 * 1024)
/* On a message the pin refused: the fingerprint the server showed. */
#define REFUSED_KEY         "gil-refused-certificate"
/* A manager on this computer, on the default port. */
#define DEFAULT_BASE_URL    "http://127.0.0.1:" G_STRINGIFY (GIL_DEFAULT_PORT)

struct _GilConnection
{
  GObject                  parent_instance;

  char                    *base_url;
  char                    *token;
  char                    *fingerprint;  /* pinned, or NULL */
  GMainContext            *context;
  SoupSession             *session;

  /* The event stream */
  gboolean                 events_running;
  GCancellable            *connect_cancellable;  /* the handshake under way */
  SoupWebsocketConnection *socket;
  GSource                 *ping_source;
  GSource                 *silence_source;
  GSource                 *reconnect_source;
  guint                    failures;     /* connects since the manager was last heard */
  gint64                   last_heard;   /* monotonic µs */
  gint64                   last_seq;
  gboolean                 has_nothing;  /* asks for a snapshot until it has one */
  char                    *log;          /* the id of the log last_seq is in, once heard */
  gint64                   gap_seq;      /* the seq that made the last reconnect, or 0 */
  gboolean                 online;

  /* The station's role, asked of the manager once someone wants it */
  char                    *role;
  gboolean                 role_wanted;
  gboolean                 role_asking;
  gboolean                 stream_lost;  /* lost, or not opened, since it was last heard */

  GPtrArray               *requests;     /* element-type GTask: tries under way, not owned */
};

G_DEFINE_FINAL_TYPE (GilConnection, gil_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_FINGERPRINT,
  PROP_ONLINE,
  PROP_LAST_SEQ,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EVENT,
  SNAPSHOT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

static void connect_events (GilConnection *self);
static void ask_role (GilConnection *self);

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

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static GSource *
add_timeout (GilConnection *self,
             guint          msec,
             GSourceFunc    func)
{
  GSource *source = g_timeout_source_new (msec);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

/* ── properties ───────────────────────────────────────────────────────── */

static void
set_online (GilConnection *self,
            gboolean       online)
{
  online = !!online;
  if (self->online == online)
    return;
  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);

  /* A role asked for while the manager could not be reached. */
  if (online && self->role_wanted)
    ask_role (self);
}

static void
set_last_seq (GilConnection *self,
              gint64         seq)
{
  if (self->last_seq == seq)
    return;
  self->last_seq = seq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEQ]);
}

static void
set_log (GilConnection *self,
         const char    *log)
{
  if (log == NULL || g_strcmp0 (self->log, log) == 0)
    return;
  g_free (self->log);
  self->log = g_strdup (log);
}

/* ── the pinned certificate ───────────────────────────────────────────── */

static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  const char *pinned = user_data;
  g_autofree char *shown = gil_fingerprint_of_certificate (certificate);

  /* No authority signed it and its name may not be the address we used:
   * the pin alone decides. */
  if (gil_fingerprint_equal (shown, pinned))
    return TRUE;
  g_debug ("refusing certificate %s: %s is pinned", shown, pinned);
  g_object_set_data_full (G_OBJECT (msg), REFUSED_KEY, g_steal_pointer (&shown), g_free);
  return FALSE;
}

static GError *
new_refused_error (void)
{
  return g_error_new_literal (GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE,
                              _("The queue server’s certificate does not match the paired manager. "
                                "If the server was set up again, pair this station again."));
}

/* A pinned connection only ever speaks HTTPS. */
static gboolean
check_pinned_scheme (GilConnection  *self,
                     GError        **error)
{
  if (self->fingerprint == NULL || g_str_has_prefix (self->base_url, "https://"))
    return TRUE;
  g_propagate_error (error, new_refused_error ());
  return FALSE;
}

/* Every message to the manager: the station's token, and the pin. */
static void
prepare_message (GilConnection *self,
                 SoupMessage   *msg)
{
  if (self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", authorization);
    }
  if (self->fingerprint != NULL)
    g_signal_connect_data (msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb),
                           g_strdup (self->fingerprint), (GClosureNotify)(void (*) (void))g_free, 0);
}

/* ── requests ─────────────────────────────────────────────────────────── */

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

/* Turns a reply into its JSON, or an error reply into a GilApiError. */
static JsonNode *
parse_reply (guint    status,
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
          const char *code = json_object_get_string_member_with_default (reply, "code", NULL);
          const char *message = json_object_get_string_member_with_default (reply, "message", NULL);

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
  clear_source (&req->forward);
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
          g_task_return_error (task, new_refused_error ());
          return;
        }
      if (may_retry (req) && req->tries < REQUEST_TRIES)
        {
          g_debug ("%s %s failed (%s), trying again", req->method, req->uri, error->message);
          schedule_retry (g_steal_pointer (&task));
          return;
        }
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                               _("Cannot reach the queue manager: %s"), error->message);
      return;
    }

  req->status = soup_message_get_status (msg);
  if (req->raw && is_success (req->status))
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
      return;
    }
  node = parse_reply (req->status, bytes, &error);
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

  if (!check_pinned_scheme (self, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  prepare_message (self, msg);
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
static void
resend_stranded_requests (GilConnection *self)
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

/* ── the station's role ─────────────────────────────────────────────── */

static void
on_role_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GilConnection *self = GIL_CONNECTION (source);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *role = NULL;

  self->role_asking = FALSE;
  reply = gil_connection_request_finish (self, result, NULL, &error);
  if (reply != NULL && JSON_NODE_HOLDS_OBJECT (reply))
    role = json_object_get_string_member_with_default (json_node_get_object (reply), "role", NULL);
  if (role == NULL)
    {
      g_debug ("the station's role is not known yet: %s",
               error != NULL ? error->message : "no role in the reply");
      return;
    }
  if (g_strcmp0 (self->role, role) == 0)
    return;
  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static void
ask_role (GilConnection *self)
{
  if (self->role != NULL || self->role_asking)
    return;
  self->role_asking = TRUE;
  gil_connection_request_async (self, "GET", "/api/v1/stations/me", NULL, NULL, NULL,
                                on_role_cb, NULL);
}

/**
 * gil_connection_find_role:
 *
 * Asks the manager which role this station's token has, once; #GilConnection:role
 * says it when the answer comes (asked again when the manager is next
 * reached, if it could not be).
 */
void
gil_connection_find_role (GilConnection *self)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));

  self->role_wanted = TRUE;
  ask_role (self);
}

/**
 * gil_connection_get_role:
 *
 * Returns: (nullable): "admin", "registration", "room", "display" or
 *   "head", once known (gil_connection_find_role())
 */
const char *
gil_connection_get_role (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->role;
}

/**
 * gil_connection_new_action_key:
 *
 * Returns: (transfer full): a new Idempotency-Key for one user action
 */
char *
gil_connection_new_action_key (void)
{
  return g_uuid_string_random ();
}

/* ── events ───────────────────────────────────────────────────────────── */

static void
on_dropped_socket_closed_cb (SoupWebsocketConnection *socket,
                             gpointer                 user_data)
{
  /* The reference drop_socket() left for the close to complete. */
  g_object_unref (socket);
}

/* Lets the socket go: a close frame for the manager, and the socket keeps
 * itself until the close completes (at most 5 s for a silent peer). Never
 * the last unref inside one of the socket's own signals, which libsoup
 * does not survive. */
static void
drop_socket (GilConnection *self)
{
  SoupWebsocketConnection *socket = g_steal_pointer (&self->socket);

  clear_source (&self->ping_source);
  clear_source (&self->silence_source);
  if (socket == NULL)
    return;

  g_signal_handlers_disconnect_by_data (socket, self);
  switch (soup_websocket_connection_get_state (socket))
    {
    case SOUP_WEBSOCKET_STATE_OPEN:
      g_signal_connect (socket, "closed", G_CALLBACK (on_dropped_socket_closed_cb), NULL);
      soup_websocket_connection_close (socket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSING:
      g_signal_connect (socket, "closed", G_CALLBACK (on_dropped_socket_closed_cb), NULL);
      break;
    case SOUP_WEBSOCKET_STATE_CLOSED:
    default:
      g_object_unref (socket);
      break;
    }
}

static gboolean
on_reconnect_timeout_cb (gpointer user_data)
{
  GilConnection *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  connect_events (self);
  return G_SOURCE_REMOVE;
}

/* Full-jitter exponential backoff: a random wait up to 250 ms, 500 ms, …,
 * never more than 5 s, so many stations do not all come back at once. */
static void
schedule_reconnect (GilConnection *self)
{
  guint cap;

  if (!self->events_running || self->reconnect_source != NULL)
    return;

  cap = RECONNECT_BASE_MS << MIN (self->failures, 5);
  cap = MIN (cap, RECONNECT_MAX_MS);
  self->failures++;
  self->reconnect_source = add_timeout (self, g_random_int_range (0, cap + 1), on_reconnect_timeout_cb);
}

/* The socket is gone or useless: offline, and back again from last-seq. */
static void
restart_events (GilConnection *self)
{
  drop_socket (self);
  self->stream_lost = TRUE;
  set_online (self, FALSE);
  schedule_reconnect (self);
}

static void
send_ping (GilConnection *self)
{
  if (self->socket != NULL &&
      soup_websocket_connection_get_state (self->socket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->socket, "{\"type\":\"ping\"}");
}

static gboolean
on_ping_timeout_cb (gpointer user_data)
{
  send_ping (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean on_silence_timeout_cb (gpointer user_data);

static void
watch_silence (GilConnection *self)
{
  gint64 left = self->last_heard + SILENCE_LIMIT_US - g_get_monotonic_time ();

  clear_source (&self->silence_source);
  self->silence_source = add_timeout (self, MAX (left, 0) / 1000 + 1, on_silence_timeout_cb);
}

static gboolean
on_silence_timeout_cb (gpointer user_data)
{
  GilConnection *self = user_data;

  if (g_get_monotonic_time () - self->last_heard >= SILENCE_LIMIT_US)
    {
      g_debug ("the manager was silent for %d s; reconnecting",
               (int)(SILENCE_LIMIT_US / G_USEC_PER_SEC));
      g_clear_pointer (&self->silence_source, g_source_unref);
      restart_events (self);
    }
  else
    watch_silence (self);   /* heard since: wait for the rest */
  return G_SOURCE_REMOVE;
}

/* One event with a seq: passed on only if it is the next one. */
static void
handle_event (GilConnection *self,
              JsonObject    *event,
              gint64         seq,
              const char    *type)
{
  /* A manager that replays where a snapshot was asked for: from 0. */
  self->has_nothing = FALSE;
  if (seq <= self->last_seq)
    return;   /* a repeat of what was passed on already */

  if (seq != self->last_seq + 1)
    {
      /* Something was lost: reopen from what we have and let the manager
       * replay it. If the replay skips the same seq again, the manager no
       * longer has it, and the stream goes on from here. */
      if (seq != self->gap_seq)
        {
          g_debug ("event %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT "; reconnecting",
                   seq, self->last_seq);
          self->gap_seq = seq;
          restart_events (self);
          return;
        }
      g_debug ("the manager has no events from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT,
               self->last_seq + 1, seq - 1);
    }

  if (seq >= self->gap_seq)
    self->gap_seq = 0;
  set_last_seq (self, seq);
  g_signal_emit (self, signals[EVENT], g_quark_from_string (type), event);
}

static void
on_socket_message_cb (SoupWebsocketConnection *socket,
                      int                      data_type,
                      GBytes                  *message,
                      gpointer                 user_data)
{
  GilConnection *self = user_data;
  g_autoptr(GilConnection) hold = g_object_ref (self);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  JsonObject *object;
  JsonNode *root;
  JsonNode *seq_node;
  JsonNode *log_node;
  const char *type;
  const char *log = NULL;

  self->last_heard = g_get_monotonic_time ();
  self->failures = 0;
  set_online (self, TRUE);
  if (self->stream_lost)
    {
      self->stream_lost = FALSE;
      resend_stranded_requests (self);
    }

  if (data_type != SOUP_WEBSOCKET_DATA_TEXT ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("ignoring an event message that is not a JSON object");
      return;
    }

  object = json_node_get_object (root);
  type = json_object_get_string_member_with_default (object, "type", "");
  seq_node = json_object_get_member (object, "seq");
  log_node = json_object_get_member (object, "log");
  if (log_node != NULL && JSON_NODE_HOLDS_VALUE (log_node) &&
      json_node_get_value_type (log_node) == G_TYPE_STRING)
    log = json_node_get_string (log_node);

  if (g_str_equal (type, "pong"))
    return;

  if (g_str_equal (type, "snapshot"))
    {
      /* The whole state as of its seq, in its log: what came before no
       * longer matters. */
      if (seq_node != NULL && json_node_get_value_type (seq_node) == G_TYPE_INT64)
        set_last_seq (self, json_node_get_int (seq_node));
      set_log (self, log);
      self->gap_seq = 0;
      self->has_nothing = FALSE;
      g_signal_emit (self, signals[SNAPSHOT], 0, object);
      return;
    }

  if (seq_node == NULL || json_node_get_value_type (seq_node) != G_TYPE_INT64)
    {
      g_debug ("ignoring an event message of type “%s” without a seq", type);
      return;
    }
  if (log != NULL && self->log != NULL && !g_str_equal (log, self->log))
    {
      /* Its seq counts in another log than ours: reconnecting with ours
       * brings a snapshot. */
      g_debug ("event %" G_GINT64_FORMAT " is from log %s, not %s; reconnecting",
               json_node_get_int (seq_node), log, self->log);
      restart_events (self);
      return;
    }
  set_log (self, log);
  handle_event (self, object, json_node_get_int (seq_node), type);
}

static void
on_socket_closed_cb (SoupWebsocketConnection *socket,
                     gpointer                 user_data)
{
  GilConnection *self = user_data;

  g_debug ("the event socket closed (code %u)", soup_websocket_connection_get_close_code (socket));
  restart_events (self);
}

static void
on_socket_connected_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SoupWebsocketConnection) socket = NULL;
  g_autoptr(GError) error = NULL;
  GilConnection *self;

  socket = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  /* Cancelled by stop_events() or dispose: self may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->connect_cancellable);

  if (socket == NULL)
    {
      /* A refused certificate is tried again too: the station shows it is
       * offline, and a request says why. */
      g_debug ("cannot open the event socket: %s", error->message);
      self->stream_lost = TRUE;
      set_online (self, FALSE);
      schedule_reconnect (self);
      return;
    }

  self->socket = g_steal_pointer (&socket);
  soup_websocket_connection_set_max_incoming_payload_size (self->socket, MAX_MESSAGE_SIZE);
  g_signal_connect (self->socket, "message", G_CALLBACK (on_socket_message_cb), self);
  g_signal_connect (self->socket, "closed", G_CALLBACK (on_socket_closed_cb), self);

  /* The first pong says the manager is there even when nothing happens. */
  self->last_heard = g_get_monotonic_time ();
  send_ping (self);
  self->ping_source = add_timeout (self, PING_INTERVAL_MS, on_ping_timeout_cb);
  watch_silence (self);
}

static void
connect_events (GilConnection *self)
{
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_assert (self->socket == NULL);
  g_assert (self->connect_cancellable == NULL);

  /* Without since: the manager's state first, not its log. */
  if (self->has_nothing)
    uri = g_strdup_printf ("%s/api/v1/events", self->base_url);
  else if (self->log != NULL)
    {
      g_autofree char *log = g_uri_escape_string (self->log, NULL, FALSE);

      uri = g_strdup_printf ("%s/api/v1/events?since=%" G_GINT64_FORMAT "&log=%s", self->base_url,
                             MAX (self->last_seq, 0), log);
    }
  else
    uri = g_strdup_printf ("%s/api/v1/events?since=%" G_GINT64_FORMAT, self->base_url,
                           MAX (self->last_seq, 0));
  msg = soup_message_new ("GET", uri);
  if (msg == NULL)
    {
      g_warning ("“%s” is not a valid address", uri);
      return;
    }
  if (!check_pinned_scheme (self, NULL))
    {
      g_warning ("a pinned certificate needs an https:// address, not %s", self->base_url);
      return;
    }
  prepare_message (self, msg);

  self->connect_cancellable = g_cancellable_new ();
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->connect_cancellable,
                                        on_socket_connected_cb, self);
}

/**
 * gil_connection_start_events:
 * @since: the last seq the caller has; events after it are delivered.
 *   %GIL_CONNECTION_SINCE_NOTHING when it has nothing: the stream starts
 *   with a snapshot (#GilConnection::snapshot) and goes on from its seq
 *
 * Opens the event stream and keeps it open, reconnecting by itself, until
 * gil_connection_stop_events(). Each event is emitted as #GilConnection::event
 * in seq order, once.
 */
void
gil_connection_start_events (GilConnection *self,
                             gint64         since)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (since >= 0 || since == GIL_CONNECTION_SINCE_NOTHING);

  gil_connection_stop_events (self);

  self->events_running = TRUE;
  self->failures = 0;
  self->gap_seq = 0;
  self->stream_lost = FALSE;
  self->has_nothing = since == GIL_CONNECTION_SINCE_NOTHING;
  set_last_seq (self, MAX (since, 0));
  connect_events (self);
}

void
gil_connection_stop_events (GilConnection *self)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));

  self->events_running = FALSE;
  clear_source (&self->reconnect_source);
  if (self->connect_cancellable != NULL)
    {
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
    }
  drop_socket (self);
  set_online (self, FALSE);
}

/**
 * gil_connection_set_address:
 * @base_url: the same manager at another address, such as
 *   "https://127.0.0.1:8470"
 * @fingerprint: (nullable): the certificate to pin there; %NULL for http://
 *
 * For a host that switched between serving the LAN over HTTPS and this
 * computer only: the manager and its event log are the same, only the way
 * to it changed. Later requests go to @base_url, and a running event
 * stream reconnects there from the last seq it had.
 */
void
gil_connection_set_address (GilConnection *self,
                            const char    *base_url,
                            const char    *fingerprint)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (base_url != NULL);

  if (fingerprint != NULL && *fingerprint == '\0')
    fingerprint = NULL;
  if (g_str_equal (self->base_url, base_url) && g_strcmp0 (self->fingerprint, fingerprint) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);

  if (!self->events_running)
    return;
  clear_source (&self->reconnect_source);
  if (self->connect_cancellable != NULL)
    {
      g_cancellable_cancel (self->connect_cancellable);
      g_clear_object (&self->connect_cancellable);
    }
  self->failures = 0;
  restart_events (self);
}

/* ── a manager's certificate, before pairing ─────────────────────────── */

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  char        *shown;   /* the fingerprint of the certificate the server showed */
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->msg);
  g_clear_object (&probe->session);
  g_free (probe->shown);
  g_free (probe);
}

static gboolean
on_probe_accept_certificate_cb (SoupMessage          *msg,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors,
                                gpointer              user_data)
{
  Probe *probe = user_data;

  /* Nothing secret is sent: a person decides on the fingerprint. */
  g_free (probe->shown);
  probe->shown = gil_fingerprint_of_certificate (certificate);
  return TRUE;
}

static void
on_probe_health_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) health = NULL;
  const char *reported = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                                 _("Cannot reach the queue manager: %s"), error->message);
      return;
    }
  health = parse_reply (soup_message_get_status (probe->msg), bytes, &error);
  if (health == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (JSON_NODE_HOLDS_OBJECT (health))
    reported = json_object_get_string_member_with_default (json_node_get_object (health),
                                                           "fingerprint", NULL);

  /* What the server says its certificate is must be what it showed:
   * otherwise something in between answers for it. */
  if (probe->shown == NULL || !gil_fingerprint_equal (probe->shown, reported))
    {
      g_task_return_error (task, new_refused_error ());
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&probe->shown), g_free);
}

/**
 * gil_connection_probe_certificate_async:
 * @base_url: an https:// manager
 *
 * Asks the manager's health over HTTPS, accepting whatever certificate it
 * shows, to learn that certificate's fingerprint before pairing. A person
 * compares it with the one the host shows; only then does the station
 * send its pairing code, on a connection pinned to it.
 */
void
gil_connection_probe_certificate_async (const char          *base_url,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  Probe *probe;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_connection_probe_certificate_async);
  probe = g_new0 (Probe, 1);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);

  uri = g_strconcat (base_url, "/api/v1/health", NULL);
  if (!g_str_has_prefix (base_url, "https://") ||
      (probe->msg = soup_message_new ("GET", uri)) == NULL)
    {
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                               _("“%s” is not a valid https:// address"), base_url);
      return;
    }
  probe->session = soup_session_new_with_options ("timeout", IO_TIMEOUT_S,
                                                  "user-agent", "giliran/" PACKAGE_VERSION,
                                                  "proxy-resolver", NULL,
                                                  NULL);
  soup_session_set_tls_database (probe->session, NULL);
  g_signal_connect (probe->msg, "accept-certificate",
                    G_CALLBACK (on_probe_accept_certificate_cb), probe);
  soup_session_send_and_read_async (probe->session, probe->msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_probe_health_cb, g_steal_pointer (&task));
}

/**
 * gil_connection_probe_certificate_finish:
 *
 * Returns: (transfer full): the fingerprint of the manager's certificate,
 *   or %NULL with @error set
 */
char *
gil_connection_probe_certificate_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_connection_probe_certificate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── the object ───────────────────────────────────────────────────────── */

/**
 * gil_connection_new:
 * @base_url: the manager, such as "http://127.0.0.1:8470"
 * @token: (nullable): the station's token
 */
GilConnection *
gil_connection_new (const char *base_url,
                    const char *token)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (GIL_TYPE_CONNECTION,
                       "base-url", base_url,
                       "token", token,
                       NULL);
}

/**
 * gil_connection_new_pinned:
 * @base_url: the manager, such as "https://192.168.1.10:8470"
 * @token: (nullable): the station's token
 * @fingerprint: (nullable): the SHA-256 fingerprint of the manager's
 *   certificate, from pairing; %NULL for a plain http:// manager
 *
 * A connection that accepts the manager's certificate only if it has
 * @fingerprint, and refuses any other with %GIL_API_ERROR_CERTIFICATE.
 */
GilConnection *
gil_connection_new_pinned (const char *base_url,
                           const char *token,
                           const char *fingerprint)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (GIL_TYPE_CONNECTION,
                       "base-url", base_url,
                       "token", token,
                       "fingerprint", fingerprint != NULL && *fingerprint != '\0' ? fingerprint : NULL,
                       NULL);
}

const char *
gil_connection_get_base_url (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->base_url;
}

const char *
gil_connection_get_token (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->token;
}

/**
 * gil_connection_get_fingerprint:
 *
 * Returns: (nullable): the pinned certificate fingerprint
 */
const char *
gil_connection_get_fingerprint (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->fingerprint;
}

/**
 * gil_connection_get_session:
 *
 * For a station that tunes the connection's HTTP (its idle timeout).
 *
 * Returns: (transfer none): the connection's HTTP session
 */
SoupSession *
gil_connection_get_session (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->session;
}

/**
 * gil_connection_get_online:
 *
 * Returns: whether the event socket is open and the manager was heard on it
 */
gboolean
gil_connection_get_online (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), FALSE);

  return self->online;
}

/**
 * gil_connection_get_log_id:
 *
 * Returns: (nullable): the id of the event log the last seq is in, once
 *   a message of the stream has said it
 */
const char *
gil_connection_get_log_id (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), NULL);

  return self->log;
}

/**
 * gil_connection_get_last_seq:
 *
 * Returns: the seq of the last event passed on (or of the last snapshot)
 */
gint64
gil_connection_get_last_seq (GilConnection *self)
{
  g_return_val_if_fail (GIL_IS_CONNECTION (self), 0);

  return self->last_seq;
}

static void
gil_connection_constructed (GObject *object)
{
  GilConnection *self = (GilConnection *)object;
  gsize length;

  G_OBJECT_CLASS (gil_connection_parent_class)->constructed (object);

  if (self->base_url == NULL)
    self->base_url = g_strdup (DEFAULT_BASE_URL);
  /* Paths are appended as "/api/v1/…". */
  length = strlen (self->base_url);
  while (length > 0 && self->base_url[length - 1] == '/')
    self->base_url[--length] = '\0';

  self->context = g_main_context_ref_thread_default ();
  /* The manager is on this computer or the LAN: a desktop's web proxy
   * would only be in the way. */
  self->session = soup_session_new_with_options ("timeout", IO_TIMEOUT_S,
                                                 "user-agent", "giliran/" PACKAGE_VERSION,
                                                 "proxy-resolver", NULL,
                                                 NULL);
  /* Without a certificate database every certificate fails validation,
   * so every one comes to the pin: a certificate some authority signed
   * gets no pass. */
  if (self->fingerprint != NULL)
    soup_session_set_tls_database (self->session, NULL);
}

static void
gil_connection_dispose (GObject *object)
{
  GilConnection *self = (GilConnection *)object;

  /* Requests hold the connection until they complete, so only the event
   * stream can still be running here. */
  gil_connection_stop_events (self);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gil_connection_parent_class)->dispose (object);
}

static void
gil_connection_finalize (GObject *object)
{
  GilConnection *self = (GilConnection *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->log, g_free);
  g_clear_pointer (&self->fingerprint, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  /* Every request holds the connection: none is under way now. */
  g_assert (self->requests->len == 0);
  g_clear_pointer (&self->requests, g_ptr_array_unref);

  G_OBJECT_CLASS (gil_connection_parent_class)->finalize (object);
}

static void
gil_connection_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GilConnection *self = GIL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    case PROP_LAST_SEQ:
      g_value_set_int64 (value, self->last_seq);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_connection_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GilConnection *self = GIL_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;
    case PROP_FINGERPRINT:
      self->fingerprint = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_connection_class_init (GilConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gil_connection_constructed;
  object_class->dispose = gil_connection_dispose;
  object_class->finalize = gil_connection_finalize;
  object_class->get_property = gil_connection_get_property;
  object_class->set_property = gil_connection_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         DEFAULT_BASE_URL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GilConnection:fingerprint:
   *
   * The SHA-256 fingerprint of the manager's certificate this station
   * pinned when it paired, or %NULL.
   */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GilConnection:online:
   *
   * Whether the event socket is open and the manager was heard on it.
   */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SEQ] =
    g_param_spec_int64 ("last-seq", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GilConnection:role:
   *
   * The station's role, once gil_connection_find_role() has heard it.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GilConnection::event:
   * @event: the event message (API.md), with its "seq" and "type"
   *
   * One event, in seq order, never twice. The detail is the event's type,
   * so "event::stop.called" hears only calls.
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GilConnection::snapshot:
   * @snapshot: every room and today's open stops, as of its "seq"
   *
   * Sent instead of events the manager no longer has: whatever the client
   * kept must be reloaded.
   */
  signals[SNAPSHOT] =
    g_signal_new ("snapshot",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gil_connection_init (GilConnection *self)
{
  self->requests = g_ptr_array_new ();
}
