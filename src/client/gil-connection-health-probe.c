/* gil-connection-health-probe.c — a manager asked by its address
 *
 * For a caller with no connection to the manager yet, one GET /health
 * without retries:
 *
 * - gil_connection_probe_health_async(): the app that hosts the queue
 *   server asks whether the manager it started (or found) is there,
 *   waiting at most PROBE_TIMEOUT_S, and over https only with the
 *   certificate given: the manager is used as the app will use it.
 * - gil_connection_probe_certificate_async(): before pairing, a station
 *   learns the certificate the manager shows, accepting any.
 *
 * gil_connection_check_health_async() asks a connection's own manager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-connection-health.h"
#include "gil-connection-private.h"
#include "gil-fingerprint.h"
#include "gil-reply-private.h"

#define HEALTH_PATH     "/api/v1/health"
/* A manager that has not answered by then is not there. */
#define PROBE_TIMEOUT_S 5

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  gboolean     any;      /* any certificate is accepted, and noted in shown */
  char        *pinned;   /* otherwise the only one, beside a signed one; nullable */
  char        *shown;    /* the fingerprint of the certificate the server showed */
  gboolean     refused;  /* it showed another certificate */
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->msg);
  g_clear_object (&probe->session);
  g_free (probe->pinned);
  g_free (probe->shown);
  g_free (probe);
}

static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  Probe *probe = user_data;
  g_autofree char *shown = gil_fingerprint_of_certificate (certificate);

  /* Nothing secret is sent to any certificate: a person decides on it. */
  probe->refused = !probe->any &&
                   (probe->pinned == NULL || !gil_fingerprint_equal (shown, probe->pinned));
  g_free (probe->shown);
  probe->shown = g_steal_pointer (&shown);
  return !probe->refused;
}

/* Sends GET /health to @base_url; @done gets the reply, with the task as
 * its data. @any: accept any certificate (over https only) and note it;
 * otherwise @pinned (nullable) is the only one beside a signed one. An
 * address that cannot be used is the task's error at once. */
static void
probe_start (const char          *base_url,
             gboolean             any,
             const char          *pinned,
             guint                timeout_s,
             GAsyncReadyCallback  done,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *uri = g_strconcat (base_url, HEALTH_PATH, NULL);
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Probe *probe = g_new0 (Probe, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);
  if (!any || g_str_has_prefix (base_url, "https://"))
    probe->msg = soup_message_new ("GET", uri);
  if (probe->msg == NULL)
    {
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                               any ? _("“%s” is not a valid https:// address") : _("“%s” is not a valid address"),
                               base_url);
      g_object_unref (task);
      return;
    }
  probe->any = any;
  probe->pinned = g_strdup (pinned);
  probe->session = _gil_connection_new_session (timeout_s);
  if (any)
    soup_session_set_tls_database (probe->session, NULL);
  g_signal_connect (probe->msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), probe);
  soup_session_send_and_read_async (probe->session, probe->msg, G_PRIORITY_DEFAULT, cancellable,
                                    done, task);
}

/* Returns: (transfer full): the health reply of a probe, or %NULL with
 *   @error set as a connection's request would set it */
static JsonNode *
probe_reply (GTask         *task,
             GObject       *source,
             GAsyncResult  *result,
             GError       **error)
{
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &local_error);
  if (bytes != NULL)
    return _gil_connection_parse_reply (soup_message_get_status (probe->msg), bytes, error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (probe->refused)
    g_propagate_error (error, _gil_connection_new_refused_error ());
  else
    g_propagate_error (error, _gil_connection_new_network_error (local_error));
  return NULL;
}

static gpointer
probe_finish (GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── a manager's health ────────────────────────────────────────────── */

static void
on_health_reply_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = probe_reply (task, source, result, &error);
  GilHealth *health = reply != NULL ? gil_health_new_from_json (reply, &error) : NULL;

  if (health == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, health, g_object_unref);
}

/**
 * gil_connection_probe_health_async:
 * @base_url: the manager, such as "https://127.0.0.1:8470"
 * @fingerprint: (nullable): over https, the only certificate to accept
 *   (beside one a certificate authority signed)
 *
 * Asks a manager's health by its address, without a connection: one try,
 * no retries, waiting a few seconds at most. A manager that shows another
 * certificate is %GIL_API_ERROR_CERTIFICATE; one that cannot be reached
 * or does not answer in time is %GIL_API_ERROR_NETWORK.
 */
void
gil_connection_probe_health_async (const char          *base_url,
                                   const char          *fingerprint,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  probe_start (base_url, FALSE, fingerprint, PROBE_TIMEOUT_S, on_health_reply_cb, gil_connection_probe_health_async,
               cancellable, callback, user_data);
}

/**
 * gil_connection_probe_health_finish:
 *
 * Returns: (transfer full): the manager's state, or %NULL with @error set
 */
GilHealth *
gil_connection_probe_health_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return probe_finish (result, gil_connection_probe_health_async, error);
}

/* ── a manager's certificate, before pairing ───────────────────────── */

static void
on_certificate_reply_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) health = probe_reply (task, source, result, &error);
  const char *reported;

  if (health == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  reported = JSON_NODE_HOLDS_OBJECT (health)
             ? _gil_reply_get_string (json_node_get_object (health), "fingerprint") : NULL;

  /* What the server says its certificate is must be what it showed:
   * otherwise something in between answers for it. */
  if (probe->shown == NULL || !gil_fingerprint_equal (probe->shown, reported))
    {
      g_task_return_error (task, _gil_connection_new_refused_error ());
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
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  probe_start (base_url, TRUE, NULL, IO_TIMEOUT_S, on_certificate_reply_cb, gil_connection_probe_certificate_async,
               cancellable, callback, user_data);
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
  return probe_finish (result, gil_connection_probe_certificate_async, error);
}
