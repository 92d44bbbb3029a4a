/* gil-host.c — the queue server this computer hosts
 *
 * A hosting PC runs giliran-manager as its own process, so closing a window
 * never stops the queue. By default the manager serves the LAN over HTTPS
 * (--listen-all: TLS, with a certificate made beside the database); the
 * admin can keep it on this computer only (loopback, plain HTTP). Either
 * way this app reaches it on 127.0.0.1, pinned to that certificate.
 *
 * The host keeps the manager running. One this object started is watched
 * as a child: when it exits it is started again after 1 s, 2 s, 4 s, …, at
 * most 30 s, and the reason it gave on stderr (its lines begin
 * "giliran-manager: ") is kept in :problem for the window's banner. One
 * found already running (started by an earlier run of the app) is asked
 * for its health every few seconds instead, and replaced when it stops
 * answering. A manager on our database that serves the other way (LAN or
 * loopback) than asked is stopped and started again the asked way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <signal.h>
#include <glib/gi18n.h>

#include "gil-connection-health.h"
#include "gil-fingerprint.h"
#include "gil-host-private.h"

G_DEFINE_FINAL_TYPE (GilHost, gil_host, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (GilHostState, gil_host_state,
                    G_DEFINE_ENUM_VALUE (GIL_HOST_STOPPED, "stopped"),
                    G_DEFINE_ENUM_VALUE (GIL_HOST_STARTING, "starting"),
                    G_DEFINE_ENUM_VALUE (GIL_HOST_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (GIL_HOST_RESTARTING, "restarting"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROBLEM,
  PROP_LOCAL_ONLY,
  PROP_URL,
  PROP_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static gboolean
on_begin_timeout_cb (gpointer user_data)
{
  GilHost *self = user_data;

  self->timeout_id = 0;
  gil_host_begin (self);
  return G_SOURCE_REMOVE;
}

static void
set_state (GilHost      *self,
           GilHostState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_problem (GilHost    *self,
             const char *problem)
{
  if (g_strcmp0 (self->problem, problem) == 0)
    return;
  g_free (self->problem);
  self->problem = g_strdup (problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

static void
set_string (GilHost  *self,
            char    **field,
            char     *value,
            guint     prop)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* The certificate the manager made beside the database, when it serves
 * HTTPS. */
static char *
read_fingerprint (GilHost *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, "giliran-tls.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (self->local_only)
    return NULL;
  certificate = g_tls_certificate_new_from_file (path, NULL);
  return certificate != NULL ? gil_fingerprint_of_certificate (certificate) : NULL;
}

static void
update_address (GilHost *self)
{
  set_string (self, &self->fingerprint, read_fingerprint (self), PROP_FINGERPRINT);
  set_string (self, &self->url,
              g_strdup_printf ("%s://127.0.0.1:%u", self->local_only ? "http" : "https", self->port),
              PROP_URL);
}

static void
clear_timeouts (GilHost *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

void
gil_host_new_attempt (GilHost *self)
{
  clear_timeouts (self);
  if (self->probe_cancellable != NULL)
    g_cancellable_cancel (self->probe_cancellable);
  g_clear_object (&self->probe_cancellable);
  self->probe_cancellable = g_cancellable_new ();
  self->steps = 0;
}

static void
finish_waiting (GilHost    *self,
                const char *error_message)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error_message == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", error_message);
    }
}

/* ── asking the manager for its health ─────────────────────────────── */

typedef struct
{
  GilHost  *self;
  Answered  answered;
} Probe;

static void
on_probe_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Probe *p = user_data;
  g_autoptr(GilHealth) health = NULL;
  g_autoptr(GError) error = NULL;

  health = gil_connection_probe_health_finish (result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    p->answered (p->self, health != NULL);
  g_object_unref (p->self);
  g_free (p);
}

/* Asks the manager at :url whether it is there, as this app will use it:
 * over https only with the certificate beside the database. */
void
gil_host_ask_health (GilHost  *self,
                     Answered  answered)
{
  g_autofree char *pinned = read_fingerprint (self);
  Probe *p = g_new0 (Probe, 1);

  p->self = g_object_ref (self);
  p->answered = answered;
  gil_connection_probe_health_async (self->url, pinned, self->probe_cancellable, on_probe_reply_cb, p);
}

/* ── running ───────────────────────────────────────────────────────── */

static gboolean
on_note_timeout_cb (gpointer user_data)
{
  GilHost *self = user_data;

  self->note_id = 0;
  set_problem (self, NULL);
  return G_SOURCE_REMOVE;
}

static void watch (GilHost *self);

void
gil_host_became_running (GilHost *self)
{
  g_clear_handle_id (&self->note_id, g_source_remove);
  if (self->ever_ran && self->problem != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      /* TRANSLATORS: a time of day as PUEBI writes it, such as 10.45 */
      g_autofree char *at = g_date_time_format (now, _("%H.%M"));
      g_autofree char *note = g_strdup_printf (_("The queue server on this computer stopped and was started again at %s."),
                                               at);

      set_problem (self, note);
      self->note_id = g_timeout_add_seconds (RECOVERED_NOTE_S, on_note_timeout_cb, self);
    }
  else
    set_problem (self, NULL);

  self->ever_ran = TRUE;
  self->running_since = g_get_monotonic_time ();
  self->watch_failures = 0;
  update_address (self);
  set_state (self, GIL_HOST_RUNNING);
  finish_waiting (self, NULL);
  if (self->process == NULL)
    watch (self);
}

/* The manager is gone or never came: say why, and try again later; the
 * first start of all fails to the callers instead, who say it. */
void
gil_host_failed (GilHost    *self,
        const char *reason)
{
  gboolean was_running = self->running_since != 0;
  g_autofree char *problem = NULL;
  guint delay;

  gil_host_new_attempt (self);
  if (was_running && g_get_monotonic_time () - self->running_since >= BACKOFF_RESET_S * G_USEC_PER_SEC)
    self->backoff_s = BACKOFF_FIRST_S;
  self->running_since = 0;

  if (!self->ever_ran)
    {
      set_problem (self, reason);
      set_state (self, GIL_HOST_STOPPED);
      finish_waiting (self, reason);
      return;
    }

  delay = self->backoff_s;
  self->backoff_s = MIN (self->backoff_s * 2, BACKOFF_MAX_S);
  if (was_running)
    /* TRANSLATORS: %s is why, from the queue server itself; then seconds */
    problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The queue server on this computer stopped: %s. Starting it again in %u second…",
                                            "The queue server on this computer stopped: %s. Starting it again in %u seconds…",
                                            delay),
                               reason, delay);
  else
    problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The queue server on this computer cannot start: %s. Trying again in %u second…",
                                            "The queue server on this computer cannot start: %s. Trying again in %u seconds…",
                                            delay),
                               reason, delay);
  g_clear_handle_id (&self->note_id, g_source_remove);
  set_problem (self, problem);
  set_state (self, GIL_HOST_RESTARTING);
  self->timeout_id = g_timeout_add_seconds (delay, on_begin_timeout_cb, self);
}

/* ── a manager found running ───────────────────────────────────────── */

static gboolean on_watch_timeout_cb (gpointer user_data);

static void
on_watched_cb (GilHost  *self,
               gboolean  healthy)
{
  if (healthy)
    self->watch_failures = 0;
  else if (++self->watch_failures >= WATCH_FAILURES)
    {
      gil_host_failed (self, _("it no longer answers"));
      return;
    }
  self->timeout_id = g_timeout_add_seconds (WATCH_INTERVAL_S, on_watch_timeout_cb, self);
}

static gboolean
on_watch_timeout_cb (gpointer user_data)
{
  GilHost *self = user_data;

  self->timeout_id = 0;
  gil_host_ask_health (self, on_watched_cb);
  return G_SOURCE_REMOVE;
}

static void
watch (GilHost *self)
{
  clear_timeouts (self);
  self->timeout_id = g_timeout_add_seconds (WATCH_INTERVAL_S, on_watch_timeout_cb, self);
}

/* ── starting ──────────────────────────────────────────────────────── */

static void
on_adopt_probed_cb (GilHost  *self,
                    gboolean  healthy)
{
  if (healthy)
    gil_host_became_running (self);
  else
    gil_host_replace_strays (self);
}

/* One that already serves the way asked is used as it is; else one is
 * started. */
void
gil_host_begin (GilHost *self)
{
  gil_host_new_attempt (self);
  if (self->state != GIL_HOST_RESTARTING)
    set_state (self, GIL_HOST_STARTING);
  update_address (self);
  gil_host_ask_health (self, on_adopt_probed_cb);
}

/* ── the object ────────────────────────────────────────────────────── */

/**
 * gil_host_start_async:
 *
 * Finishes once the manager answers (at once when it already does), or
 * with the reason it could not start, as the manager gave it.
 */
void
gil_host_start_async (GilHost             *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GIL_IS_HOST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_host_start_async);
  if (self->state == GIL_HOST_RUNNING)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  if (self->state == GIL_HOST_STOPPED)
    gil_host_begin (self);
}

gboolean
gil_host_start_finish (GilHost       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GilHostState
gil_host_get_state (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), GIL_HOST_STOPPED);

  return self->state;
}

/**
 * gil_host_get_problem:
 *
 * Returns: (nullable): what happened to the manager, for the person at
 *   this computer; %NULL while all is well
 */
const char *
gil_host_get_problem (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), NULL);

  return self->problem;
}

gboolean
gil_host_get_local_only (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), FALSE);

  return self->local_only;
}

/**
 * gil_host_set_local_only:
 *
 * Serves this computer only (loopback, plain HTTP), or the LAN (HTTPS);
 * a running manager is restarted the new way.
 */
void
gil_host_set_local_only (GilHost  *self,
                         gboolean  local_only)
{
  g_return_if_fail (GIL_IS_HOST (self));

  local_only = !!local_only;
  if (self->local_only == local_only)
    return;
  self->local_only = local_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_ONLY]);

  if (self->state == GIL_HOST_STOPPED)
    return;
  if (self->process != NULL)
    {
      gil_host_new_attempt (self);
      self->restart_now = TRUE;
      g_subprocess_send_signal (self->process, SIGTERM);
    }
  else
    gil_host_begin (self);
}

/**
 * gil_host_get_url:
 *
 * Returns: the manager as this computer reaches it: http:// or https://
 *   127.0.0.1 and the port
 */
const char *
gil_host_get_url (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), NULL);

  return self->url;
}

/**
 * gil_host_get_fingerprint:
 *
 * Returns: (nullable): the SHA-256 fingerprint of the manager's
 *   certificate, when it serves HTTPS
 */
const char *
gil_host_get_fingerprint (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), NULL);

  return self->fingerprint;
}

const char *
gil_host_get_token_file (GilHost *self)
{
  g_return_val_if_fail (GIL_IS_HOST (self), NULL);

  return self->token_file;
}

/**
 * gil_host_get_pid:
 *
 * Returns: the process id of the manager this object started and runs
 *   now, or 0
 */
GPid
gil_host_get_pid (GilHost *self)
{
  const char *id;

  g_return_val_if_fail (GIL_IS_HOST (self), 0);

  if (self->process == NULL || self->exited)
    return 0;
  id = g_subprocess_get_identifier (self->process);
  return id != NULL ? (GPid)g_ascii_strtoll (id, NULL, 10) : 0;
}

/**
 * gil_host_dup_lan_urls:
 *
 * The addresses another computer types to join: one https:// URL for each
 * IPv4 address of this computer's network interfaces that are up, not the
 * loopback; none when the manager serves this computer only.
 *
 * Returns: (transfer full): the addresses
 */
GStrv
gil_host_dup_lan_urls (GilHost *self)
{
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  struct ifaddrs *addresses = NULL;

  g_return_val_if_fail (GIL_IS_HOST (self), NULL);

  if (self->local_only || getifaddrs (&addresses) != 0)
    return g_strv_builder_end (urls);
  for (struct ifaddrs *a = addresses; a != NULL; a = a->ifa_next)
    {
      char text[INET_ADDRSTRLEN];
      g_autofree char *url = NULL;

      if (a->ifa_addr == NULL || a->ifa_addr->sa_family != AF_INET ||
          (a->ifa_flags & IFF_LOOPBACK) != 0 || (a->ifa_flags & IFF_UP) == 0)
        continue;
      if (inet_ntop (AF_INET, &((struct sockaddr_in *)a->ifa_addr)->sin_addr, text, sizeof text) == NULL)
        continue;
      url = g_strdup_printf ("https://%s:%u", text, self->port);
      g_strv_builder_add (urls, url);
    }
  freeifaddrs (addresses);
  return g_strv_builder_end (urls);
}

static void
gil_host_dispose (GObject *object)
{
  GilHost *self = (GilHost *)object;

  /* The manager itself goes on: the queue outlives this app. Nothing
   * starts it again from here. */
  self->state = GIL_HOST_STOPPED;
  g_cancellable_cancel (self->cancellable);
  if (self->probe_cancellable != NULL)
    g_cancellable_cancel (self->probe_cancellable);
  clear_timeouts (self);
  g_clear_handle_id (&self->note_id, g_source_remove);
  if (self->waiting != NULL)
    finish_waiting (self, _("The app is closing"));
  g_clear_object (&self->probe_cancellable);
  g_clear_object (&self->errors);
  g_clear_object (&self->process);

  G_OBJECT_CLASS (gil_host_parent_class)->dispose (object);
}

static void
gil_host_finalize (GObject *object)
{
  GilHost *self = (GilHost *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->strays, g_array_unref);
  g_free (self->manager);
  g_free (self->data_dir);
  g_free (self->database);
  g_free (self->token_file);
  g_free (self->problem);
  g_free (self->url);
  g_free (self->fingerprint);
  g_free (self->reason);

  G_OBJECT_CLASS (gil_host_parent_class)->finalize (object);
}

static void
gil_host_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GilHost *self = GIL_HOST (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_LOCAL_ONLY:
      g_value_set_boolean (value, self->local_only);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_host_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GilHost *self = GIL_HOST (object);

  switch (prop_id)
    {
    case PROP_LOCAL_ONLY:
      gil_host_set_local_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_host_class_init (GilHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_host_dispose;
  object_class->finalize = gil_host_finalize;
  object_class->get_property = gil_host_get_property;
  object_class->set_property = gil_host_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GIL_TYPE_HOST_STATE, GIL_HOST_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCAL_ONLY] =
    g_param_spec_boolean ("local-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_host_init (GilHost *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  self->strays = g_array_new (FALSE, FALSE, sizeof (GPid));
  self->backoff_s = BACKOFF_FIRST_S;
  /* Loopback only: no proxy, and nothing to wait long for. */
}

/**
 * gil_host_new:
 * @manager: the giliran-manager program
 * @data_dir: the folder of the database, its admin token and certificate
 * @port: the TCP port it serves
 * @local_only: serve this computer only, over plain HTTP
 */
GilHost *
gil_host_new (const char *manager,
              const char *data_dir,
              guint       port,
              gboolean    local_only)
{
  GilHost *self;

  g_return_val_if_fail (manager != NULL, NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (GIL_TYPE_HOST, NULL);
  self->manager = g_strdup (manager);
  self->data_dir = g_strdup (data_dir);
  self->database = g_build_filename (data_dir, "giliran.db", NULL);
  self->token_file = g_build_filename (data_dir, "admin-token", NULL);
  self->port = port;
  self->local_only = !!local_only;
  update_address (self);
  return self;
}
