/* gil-server.c — the manager's HTTP/JSON API and event stream
 *
 * Every route of API.md. A request is authenticated, checked against its
 * route's roles, decoded strictly, and handled by the core; a write is
 * answered only after its COMMIT, and its events are then published to the
 * WebSocket clients. With an Idempotency-Key the reply is stored inside the
 * same transaction as the change, so a retried request gets the same answer
 * and changes nothing.
 *
 * This file is the server object, its route table and the dispatch; each
 * route's handler lives in the file of its resource (gil-server-private.h
 * lists them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-fingerprint.h"
#include "gil-server-private.h"

#define MAX_BODY            (64 * 1024)
#define MAX_KEY             128
#define DAY_CHECK_INTERVAL  30

G_DEFINE_FINAL_TYPE (GilServer, gil_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PUSKESMAS_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ── requests ────────────────────────────────────────────────────────── */

static gboolean
tokens_equal (const char *a,
              const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  guint8 diff = la != lb;

  /* Compare in time that does not depend on where they differ. */
  for (gsize i = 0; i < MAX (la, lb); i++)
    diff |= (guint8)(i < la ? a[i] : 0) ^ (guint8)(i < lb ? b[i] : 0);
  return diff == 0;
}

/* A browser's WebSocket cannot send an Authorization header: the event
 * stream also takes the token as one of the subprotocols it offers,
 * "giliran-token.TOKEN", beside "giliran" (doc/api.md). Returns:
 * (transfer full) (nullable): the token offered that way */
static char *
websocket_token (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *offered = soup_message_headers_get_list (headers, "Sec-WebSocket-Protocol");
  g_auto(GStrv) protocols = NULL;

  if (offered == NULL || !g_str_equal (soup_server_message_get_method (msg), "GET"))
    return NULL;
  protocols = g_strsplit (offered, ",", 8);
  for (guint i = 0; protocols[i] != NULL; i++)
    {
      const char *protocol = g_strstrip (protocols[i]);

      if (g_str_has_prefix (protocol, GIL_SERVER_TOKEN_PROTOCOL))
        return g_strdup (protocol + strlen (GIL_SERVER_TOKEN_PROTOCOL));
    }
  return NULL;
}

/* %NULL with @error unset: no such token. */
static GilStation *
authenticate (GilServer          *self,
              Request            *req,
              GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *offered = NULL;
  const char *token;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    token = auth + 7;
  else if (g_str_equal (req->path, "/api/v1/events") &&
           (offered = websocket_token (req->msg)) != NULL)
    token = offered;
  else
    return NULL;
  while (*token == ' ')
    token++;
  if (*token == '\0')
    return NULL;

  if (tokens_equal (token, self->admin_token))
    return gil_station_new_admin ();
  return gil_stations_authenticate (self->store, token, error);
}

/* Matches a path against a route pattern, segment by segment, without
 * allocating: every request tries most routes. A "#" segment takes a
 * positive decimal id. */
static gboolean
match_route (const char *pattern,
             const char *path,
             gint64     *id)
{
  const char *want = pattern;
  const char *have = path;

  while (*want != '\0')
    {
      if (*want == '#')
        {
          guint64 value = 0;

          if (!g_ascii_isdigit (*have))
            return FALSE;
          for (; g_ascii_isdigit (*have); have++)
            {
              if (value > (G_MAXINT64 - 9) / 10)
                return FALSE;
              value = value * 10 + (guint64)(*have - '0');
            }
          if (value == 0 || (*have != '/' && *have != '\0'))
            return FALSE;
          *id = (gint64)value;
          want++;
        }
      else if (*want++ != *have++)
        return FALSE;
    }
  return *have == '\0';
}

/* ── dispatch ─────────────────────────────────────────────────────────── */

/* Every route of the API, in the order paths are tried. A handler lives in
 * the file of its resource: gil_server_handle_patient_get in
 * gil-server-patients.c, gil_server_handle_stop_call in gil-server-queue.c
 * (see gil-server-private.h). */
static const Route routes[] = {
  { "GET", "/api/v1/health", ROLES_NONE, gil_server_handle_health },
  { "POST", "/api/v1/pair", ROLES_NONE, gil_server_handle_pair },
  { "POST", "/api/v1/pairing-codes", ADMIN, gil_server_handle_pairing_code },
  { "GET", "/api/v1/stations", ADMIN, gil_server_handle_stations },
  /* A kiosk learns its role and shows the puskesmas's name too. */
  { "GET", "/api/v1/stations/me", ANY | KIOSK, gil_server_handle_station_me },
  { "POST", "/api/v1/stations/#/revoke", ADMIN, gil_server_handle_revoke },
  { "GET", "/api/v1/profile", ANY | KIOSK, gil_server_handle_profile },
  { "PATCH", "/api/v1/profile", ADMIN, gil_server_handle_profile_update },
  { "GET", "/api/v1/reports/daily", HEAD | ADMIN, gil_server_handle_report_daily },
  { "POST", "/api/v1/backups", ADMIN, gil_server_handle_backup },
  { "GET", "/api/v1/reports/range", HEAD | ADMIN, gil_server_handle_report_range },
  { "GET", "/api/v1/reports/monthly", HEAD | ADMIN, gil_server_handle_report_monthly },
  { "GET", "/api/v1/rooms", ANY, gil_server_handle_rooms },
  { "POST", "/api/v1/rooms", ADMIN, gil_server_handle_room_create },
  { "PATCH", "/api/v1/rooms/#", ADMIN, gil_server_handle_room_update },
  { "GET", "/api/v1/rooms/#/queue", ANY, gil_server_handle_queue },
  { "GET", "/api/v1/rooms/#/announcement", ANY, gil_server_handle_announcement },
  { "POST", "/api/v1/rooms/#/call-next", ROOM | ADMIN, gil_server_handle_call_next },
  { "GET", "/api/v1/patients", REGISTRATION | ADMIN, gil_server_handle_patient_search },
  { "POST", "/api/v1/patients", REGISTRATION | ADMIN, gil_server_handle_patient_create },
  { "GET", "/api/v1/patients/#", REGISTRATION | ADMIN, gil_server_handle_patient_get },
  { "PATCH", "/api/v1/patients/#", REGISTRATION | ADMIN, gil_server_handle_patient_update },
  { "GET", "/api/v1/patients/#/history", ADMIN, gil_server_handle_patient_history },
  { "POST", "/api/v1/patients/#/merge", REGISTRATION | ADMIN, gil_server_handle_patient_merge },
  { "POST", "/api/v1/triage", REGISTRATION | ADMIN, gil_server_handle_routing },
  { "POST", "/api/v1/visits", REGISTRATION | ADMIN, gil_server_handle_visit_create },
  { "GET", "/api/v1/visits", REGISTRATION | ADMIN, gil_server_handle_visit_list },
  { "GET", "/api/v1/visits/#", ANY & ~DISPLAY, gil_server_handle_visit_get },
  { "GET", "/api/v1/visits/#/history", ADMIN, gil_server_handle_visit_history },
  { "POST", "/api/v1/visits/#/cancel", REGISTRATION | ADMIN, gil_server_handle_visit_cancel },
  { "POST", "/api/v1/visits/#/reroute", REGISTRATION | ADMIN, gil_server_handle_visit_reroute },
  { "POST", "/api/v1/stops/#/call", ROOM | ADMIN, gil_server_handle_stop_call },
  { "POST", "/api/v1/stops/#/recall", ROOM | ADMIN, gil_server_handle_stop_recall },
  { "POST", "/api/v1/stops/#/start", ROOM | ADMIN, gil_server_handle_stop_start },
  { "POST", "/api/v1/stops/#/finish", ROOM | ADMIN, gil_server_handle_stop_finish },
  { "POST", "/api/v1/stops/#/skip", ROOM | ADMIN, gil_server_handle_stop_skip },
  { "POST", "/api/v1/stops/#/requeue", ROOM | ADMIN, gil_server_handle_stop_requeue },
  { "POST", "/api/v1/stops/#/transfer", ROOM | ADMIN, gil_server_handle_stop_transfer },
  { "GET", "/api/v1/loket/series", ANY | KIOSK, gil_server_handle_loket_series },
  { "POST", "/api/v1/loket/tickets", KIOSK | REGISTRATION | ADMIN, gil_server_handle_loket_take },
  { "GET", "/api/v1/loket/tickets", REGISTRATION | ADMIN | DISPLAY, gil_server_handle_loket_tickets },
  { "POST", "/api/v1/loket/call-next", REGISTRATION | ADMIN, gil_server_handle_loket_call_next },
  { "POST", "/api/v1/loket/tickets/#/recall", REGISTRATION | ADMIN, gil_server_handle_loket_recall },
  { "POST", "/api/v1/loket/tickets/#/skip", REGISTRATION | ADMIN, gil_server_handle_loket_skip },
  { "GET", "/api/v1/loket/tickets/#/announcement", ANY, gil_server_handle_loket_announcement },
  { "GET", "/api/v1/events", ANY, gil_server_handle_events },
};

static gboolean
is_write (const char *method)
{
  return g_str_equal (method, "POST") || g_str_equal (method, "PATCH");
}

/* Runs a write as one transaction: what the handler changes, the reads
 * its reply is made of and, with a key, the stored reply commit together
 * or not at all, so that a failure anywhere (a full disk at COMMIT, a read
 * after the change) never answers an error for a change that was saved.
 * A repeat of the key gets the stored reply back. */
static void
run_write (GilServer   *self,
           const Route *route,
           Request     *req,
           const char  *key)
{
  g_autofree char *route_key = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  /* A pairing reply holds a token, which is never stored. */
  if (route->handler == gil_server_handle_pair)
    key = NULL;

  route_key = g_strconcat (req->method, " ", req->path, NULL);
  if (!gil_store_begin (self->store, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  if (key != NULL && gil_server_lookup_reply (self->store, key, route_key, &status, &stored, &error))
    {
      gil_store_rollback (self->store);
      req->status = status;
      req->reply = g_steal_pointer (&stored);
      return;
    }
  if (error != NULL)
    {
      gil_store_rollback (self->store);
      gil_server_reply_error (req, error);
      return;
    }

  route->handler (self, req);

  /* Answered later from another thread (a backup): nothing to keep. */
  if (req->deferred)
    {
      gil_store_rollback (self->store);
      return;
    }
  /* A storage failure is not an answer to keep: a retry should try again. */
  if (req->status >= 500)
    {
      gil_store_rollback (self->store);
      return;
    }
  if (key != NULL &&
      !gil_server_save_reply (self->store, key, route_key, req->status, req->reply, &error))
    {
      gil_store_rollback (self->store);
      gil_server_reply_error (req, error);
      return;
    }
  if (!gil_store_commit (self->store, &error))
    gil_server_reply_error (req, error);
}

static void
dispatch (GilServer *self,
          Request   *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const Route *route = NULL;
  gboolean path_known = FALSE;
  const char *key;

  /* The browser display's page, script, style and clips. */
  if (gil_server_web_handle (self, req))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      gint64 id = 0;

      if (!match_route (routes[i].pattern, req->path, &id))
        continue;
      path_known = TRUE;
      if (g_str_equal (routes[i].method, req->method))
        {
          route = &routes[i];
          req->id = id;
          break;
        }
    }
  if (route == NULL)
    {
      if (path_known)
        {
          gil_server_reply_message (req, 405, GIL_ERROR_CODE_METHOD_NOT_ALLOWED,
                                    _("This method is not allowed on this address"));
          return;
        }
      gil_server_reply_message (req, 404, GIL_ERROR_CODE_NOT_FOUND, _("There is nothing at this address"));
      return;
    }

  /* The plain-HTTP port: a few reads, as a display that sees no names. */
  if (req->plain)
    {
      if (!gil_server_plain_allows (route))
        {
          gil_server_reply_message (req, 404, GIL_ERROR_CODE_NOT_FOUND,
                                    _("Over plain HTTP the manager serves only the display"));
          return;
        }
      req->station = gil_server_plain_station ();
    }
  else if (route->roles != ROLES_NONE)
    {
      g_autoptr(GError) error = NULL;

      req->station = authenticate (self, req, &error);
      if (error != NULL)
        {
          gil_server_reply_error (req, error);
          return;
        }
      if (req->station == NULL)
        {
          gil_server_reply_message (req, 401, GIL_ERROR_CODE_UNAUTHORIZED,
                                    _("This station is not paired or its token was revoked"));
          return;
        }
      if (!(route->roles & (1u << req->station->role)))
        {
          gil_server_reply_message (req, 403, GIL_ERROR_CODE_FORBIDDEN,
                                    _("This station's role may not do this"));
          return;
        }
      if (self->listener != NULL)
        gil_listener_note_station (self->listener, req->msg);
    }

  if (is_write (req->method))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (body->length > MAX_BODY)
        {
          gil_server_reply_message (req, 413, GIL_ERROR_CODE_TOO_LARGE, _("The request body is larger than 64 KiB"));
          return;
        }

      key = soup_message_headers_get_one (headers, "Idempotency-Key");
      if (key != NULL && (strlen (key) == 0 || strlen (key) > MAX_KEY))
        {
          gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                    _("An Idempotency-Key has 1 to 128 bytes"));
          return;
        }

      /* Actions such as call-next carry no body; an empty one is {}. */
      bytes = soup_message_body_flatten (body);
      if (g_bytes_get_size (bytes) == 0)
        req->body = json_object_new ();
      else if ((req->body = gil_api_parse_object (bytes, &error)) == NULL)
        {
          gil_server_reply_error (req, error);
          return;
        }

      gil_store_set_station (self->store, req->station != NULL ? req->station->id : 0);
      run_write (self, route, req, key);
      gil_store_set_station (self->store, 0);
      return;
    }

  gil_server_ensure_day (self);
  route->handler (self, req);
}

static gboolean
on_publish_cb (gpointer user_data)
{
  GilServer *self = user_data;

  self->publish_id = 0;
  gil_event_hub_publish (self->hub);
  return G_SOURCE_REMOVE;
}

/* libsoup writes a reply as soon as the request's handler returns, so the
 * station that asked hears first and every event client just after, not
 * the other way round. Before any other request: the source is urgent. */
static void
publish_soon (GilServer *self)
{
  if (self->publish_id == 0)
    self->publish_id = g_idle_add_full (G_PRIORITY_HIGH, on_publish_cb, self, NULL);
}

/* Answers one request; @plain when it came to the plain-HTTP display
 * port (gil-server-plain.c). */
void
gil_server_serve (GilServer         *self,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gboolean           plain)
{
  Request req = { 0 };

  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;
  req.plain = plain;

  dispatch (self, &req);

  /* Every write ends within its request. One a failure left open would
   * take the next request's changes in with it, or never end. */
  if (gil_store_rollback_all (self->store))
    g_critical ("A write was left open by %s %s; rolled back", req.method, path);

  if (req.status != 0 && !req.deferred)
    {
      /* The length first: the order a call's arguments are worked out
       * in is the compiler's (clang steals the text before strlen). */
      gsize length = req.reply != NULL ? strlen (req.reply) : 0;

      soup_server_message_set_status (msg, req.status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&req.reply), length);
    }

  /* What this request committed goes out to every event client next. */
  if (is_write (req.method))
    publish_soon (self);

  g_clear_pointer (&req.station, gil_station_free);
  g_clear_pointer (&req.body, json_object_unref);
  g_free (req.reply);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  gil_server_serve (user_data, msg, path, query, FALSE);
}

/* One line in the log when the storage starts failing and one when it
 * works again, however many requests it refuses in between. */
static void
on_store_storage_error_cb (GilStore   *store,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  GilServer *self = user_data;
  const char *message = gil_store_get_storage_error (store);

  if (message != NULL && !self->storage_failing)
    g_message ("storage failing: %s; writes are refused until it works again, reads go on",
               message);
  else if (message == NULL && self->storage_failing)
    g_message ("storage works again: a write was saved");
  self->storage_failing = message != NULL;
}

static void
gil_server_dispose (GObject *object)
{
  GilServer *self = (GilServer *)object;

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_handle_id (&self->publish_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->storage_error_id, self->store);
  if (self->listener != NULL)
    gil_listener_stop (self->listener);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  gil_server_plain_shutdown (self);
  g_clear_object (&self->listener);
  g_clear_object (&self->hub);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gil_server_parent_class)->dispose (object);
}

static void
gil_server_finalize (GObject *object)
{
  GilServer *self = (GilServer *)object;

  g_free (self->admin_token);
  g_free (self->fingerprint);
  g_clear_pointer (&self->pairing_guard, gil_pairing_guard_free);
  g_free (self->backup_dir);
  g_free (self->backup_day);
  g_free (self->replies_day);
  g_ptr_array_unref (self->backup_waiting);
  g_ptr_array_unref (self->listen_addresses);

  G_OBJECT_CLASS (gil_server_parent_class)->finalize (object);
}

static void
gil_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GilServer *self = GIL_SERVER (object);

  switch (prop_id)
    {
    case PROP_PUSKESMAS_NAME:
      g_value_take_string (value, gil_server_dup_puskesmas_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_server_class_init (GilServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_server_dispose;
  object_class->finalize = gil_server_finalize;
  object_class->get_property = gil_server_get_property;

  /**
   * GilServer:puskesmas-name:
   *
   * The name GET /profile gives; notified when an admin changes it.
   */
  properties[PROP_PUSKESMAS_NAME] =
    g_param_spec_string ("puskesmas-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_server_init (GilServer *self)
{
  self->pairing_guard = gil_pairing_guard_new ();
  self->backup_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->listen_addresses = g_ptr_array_new_with_free_func (g_object_unref);
}

/* An admin changed the name (gil-server-profile.c). */
void
gil_server_notify_puskesmas_name (GilServer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSKESMAS_NAME]);
}

/**
 * gil_server_dup_puskesmas_name:
 *
 * Returns: (transfer full) (nullable): the puskesmas's name, as GET
 *   /profile gives it
 */
char *
gil_server_dup_puskesmas_name (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->store != NULL ? gil_store_dup_setting (self->store, "puskesmas_name") : NULL;
}

/**
 * gil_server_new:
 * @admin_token: the token that acts as admin
 *
 * Returns: (transfer full): a server; listen with gil_server_listen()
 */
GilServer *
gil_server_new (GilStore   *store,
                const char *admin_token)
{
  GilServer *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (admin_token != NULL && *admin_token != '\0', NULL);

  self = g_object_new (GIL_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->admin_token = g_strdup (admin_token);
  self->hub = gil_event_hub_new (store);
  /* Paths are matched as sent: decoded, "patients%2f1" would be taken
   * for "patients/1", a second spelling of every address. */
  self->soup = soup_server_new ("server-header", "giliran-manager/" PACKAGE_VERSION,
                                "raw-paths", TRUE, NULL);

  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  /* The events' handler refuses a bad token with 401 before the
   * WebSocket handshake, and then makes the upgrade itself. */
  soup_server_add_handler (self->soup, "/api/v1/events", on_request_cb, self, NULL);
  gil_server_plain_init (self);

  self->storage_error_id = g_signal_connect (store, "notify::storage-error",
                                             G_CALLBACK (on_store_storage_error_cb), self);
  on_store_storage_error_cb (store, NULL, self);

  if (!gil_queue_ensure_day (store, &error))
    g_warning ("Cannot start the service day: %s", error->message);
  gil_server_forget_old_replies (self);
  gil_server_start_pruning (self);
  self->day_check_id = g_timeout_add_seconds (DAY_CHECK_INTERVAL, gil_server_check_day_cb, self);
  gil_server_aim_at_midnight (self);
  return self;
}

SoupServer *
gil_server_get_soup (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->soup;
}

/**
 * gil_server_listen:
 * @addresses: (array zero-terminated=1): where to listen; the first must
 *   work, a later one may fail (IPv6 on a computer without it)
 * @port: the TCP port, 0 for one the kernel picks
 * @options: how connections are kept
 *
 * Accepts connections on @addresses and serves them, over TLS when a
 * certificate was set.
 *
 * Returns: (transfer none): the listener, or %NULL when the first address
 *   cannot be listened on
 */
GilListener *
gil_server_listen (GilServer                *self,
                   GInetAddress            **addresses,
                   guint                     port,
                   const GilListenerOptions *options,
                   GError                  **error)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);
  g_return_val_if_fail (addresses != NULL && addresses[0] != NULL, NULL);
  g_return_val_if_fail (self->listener == NULL, NULL);

  self->listener = gil_listener_new (self->soup, soup_server_get_tls_certificate (self->soup), options);
  self->listen_options = *options;
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (gil_listener_listen (self->listener, addresses[i], port, &local_error))
        {
          g_ptr_array_add (self->listen_addresses, g_object_ref (addresses[i]));
          continue;
        }
      if (i == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_object (&self->listener);
          return NULL;
        }
      {
        g_autofree char *text = g_inet_address_to_string (addresses[i]);

        g_message ("not listening on %s: %s", text, local_error->message);
      }
    }
  /* The display over plain HTTP, if the admin turned it on. */
  gil_server_apply_plain_port (self);
  return self->listener;
}

/**
 * gil_server_set_certificate:
 * @certificate: the certificate, with its private key
 *
 * Serves HTTPS and WSS with @certificate: call before gil_server_listen(). Replies that a station pins from
 * carry its fingerprint.
 */
void
gil_server_set_certificate (GilServer       *self,
                            GTlsCertificate *certificate)
{
  g_return_if_fail (GIL_IS_SERVER (self));
  g_return_if_fail (G_IS_TLS_CERTIFICATE (certificate));

  soup_server_set_tls_certificate (self->soup, certificate);
  g_free (self->fingerprint);
  self->fingerprint = gil_fingerprint_of_certificate (certificate);
}

/**
 * gil_server_get_fingerprint:
 *
 * Returns: (nullable): the fingerprint of the TLS certificate, or %NULL
 *   when the server speaks plain HTTP
 */
const char *
gil_server_get_fingerprint (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->fingerprint;
}

/**
 * gil_server_shutdown:
 *
 * Finishes a backup under way, stops accepting requests and closes the
 * event streams. Requests run one at a time on the main loop, so no write
 * is half-done when this runs.
 */
void
gil_server_shutdown (GilServer *self)
{
  g_return_if_fail (GIL_IS_SERVER (self));

  /* A backup under way is finished, not left half-written. */
  self->stopping = TRUE;
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  while (self->backing_up)
    g_main_context_iteration (NULL, TRUE);

  if (self->listener != NULL)
    gil_listener_stop (self->listener);
  gil_event_hub_close_all (self->hub);
  soup_server_disconnect (self->soup);
  gil_server_plain_shutdown (self);
}
