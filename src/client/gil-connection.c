/* gil-connection.c — one station's connection to a giliran-manager
 *
 * The object, its settings (the manager's address, the token, the pinned
 * certificate), whether it is online and the station's role. The rest of
 * it is in files of their own (gil-connection-private.h says which).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "gil-connection-private.h"
#include "gil-queue-event.h"

/* A manager on this computer, on the default port. */
#define DEFAULT_BASE_URL    "http://127.0.0.1:" G_STRINGIFY (GIL_DEFAULT_PORT)

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
  QUEUE_EVENT,
  SNAPSHOT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ask_role (GilConnection *self);

/* ── sources on the connection's main context ─────────────────────────── */

/* Destroys and drops *@source, if there is one. */
void
_gil_connection_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Returns: (transfer full): a timeout calling @func with @self, attached
 * to the context the connection was made in */
GSource *
_gil_connection_add_timeout (GilConnection *self,
                             guint          msec,
                             GSourceFunc    func)
{
  GSource *source = g_timeout_source_new (msec);

  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

/* ── properties ───────────────────────────────────────────────────────── */

void
_gil_connection_set_online (GilConnection *self,
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
  if (online)
    _gil_connection_profile_online (self);
}

void
_gil_connection_set_last_seq (GilConnection *self,
                              gint64         seq)
{
  if (self->last_seq == seq)
    return;
  self->last_seq = seq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEQ]);
}

void
_gil_connection_set_log (GilConnection *self,
                         const char    *log)
{
  if (log == NULL || g_strcmp0 (self->log, log) == 0)
    return;
  g_free (self->log);
  self->log = g_strdup (log);
}

/* ── signals ──────────────────────────────────────────────────────────── */

/* One event of the stream, in seq order (gil-connection-events.c). */
void
_gil_connection_emit_event (GilConnection *self,
                            const char    *type,
                            JsonObject    *event)
{
  GQuark detail = g_quark_from_string (type);

  if (g_str_equal (type, "profile.changed"))
    _gil_connection_profile_changed (self);
  g_signal_emit (self, signals[EVENT], detail, event);
  /* Typed only when someone listens: to this type, or to every event
   * (GLib counts these apart). */
  if (g_signal_has_handler_pending (self, signals[QUEUE_EVENT], detail, FALSE) ||
      g_signal_has_handler_pending (self, signals[QUEUE_EVENT], 0, FALSE))
    {
      g_autoptr(GilQueueEvent) typed = gil_queue_event_new_from_json (event);

      g_signal_emit (self, signals[QUEUE_EVENT], detail, typed);
    }
}

/* The manager's whole state: events may have been missed, so the profile
 * is asked for again too. */
void
_gil_connection_emit_snapshot (GilConnection *self,
                               JsonObject    *snapshot)
{
  _gil_connection_profile_changed (self);
  g_signal_emit (self, signals[SNAPSHOT], 0, snapshot);
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

/* ── the address ──────────────────────────────────────────────────────── */

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

  _gil_connection_reconnect_events (self);
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

/* A session as every request to a manager has: no proxy (the manager is
 * on this computer or the LAN: a desktop's web proxy would only be in
 * the way), and at most @timeout_s for any step. */
SoupSession *
_gil_connection_new_session (guint timeout_s)
{
  return soup_session_new_with_options ("timeout", timeout_s,
                                        "user-agent", "giliran/" PACKAGE_VERSION,
                                        "proxy-resolver", NULL,
                                        NULL);
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
  self->session = _gil_connection_new_session (IO_TIMEOUT_S);
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
  g_clear_object (&self->profile);

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
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct_only = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                     G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = gil_connection_constructed;
  object_class->dispose = gil_connection_dispose;
  object_class->finalize = gil_connection_finalize;
  object_class->get_property = gil_connection_get_property;
  object_class->set_property = gil_connection_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, DEFAULT_BASE_URL, construct_only);

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL, construct_only);

  /**
   * GilConnection:fingerprint:
   *
   * The SHA-256 fingerprint of the manager's certificate this station
   * pinned when it paired, or %NULL.
   */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL, construct_only);

  /**
   * GilConnection:online:
   *
   * Whether the event socket is open and the manager was heard on it.
   */
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, FALSE, readable);

  properties[PROP_LAST_SEQ] =
    g_param_spec_int64 ("last-seq", NULL, NULL, 0, G_MAXINT64, 0, readable);

  /**
   * GilConnection:role:
   *
   * The station's role, once gil_connection_find_role() has heard it.
   */
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL, readable);

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
   * GilConnection::queue-event:
   * @event: the event, typed
   *
   * The same event as GilConnection::event, after it, as a
   * #GilQueueEvent; the detail is again its type.
   */
  signals[QUEUE_EVENT] =
    g_signal_new ("queue-event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GIL_TYPE_QUEUE_EVENT);

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
  self->profile = g_object_new (GIL_TYPE_PROFILE, NULL);
}

