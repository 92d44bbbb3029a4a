/* gil-connection-tls.c — the manager's certificate: pinned, or probed before pairing
 *
 * A manager that serves the LAN speaks HTTPS with a self-signed certificate.
 * A station pins that certificate's fingerprint when it pairs: every request
 * and the event socket then accept that certificate and no other, whatever
 * a certificate authority would say, and nothing (not even the token) is
 * sent to a server that shows another one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "gil-connection-private.h"
#include "gil-fingerprint.h"

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

/* The error of a request to a server whose certificate is not the pinned one. */
GError *
_gil_connection_new_refused_error (void)
{
  return g_error_new_literal (GIL_API_ERROR, GIL_API_ERROR_CERTIFICATE,
                              _("The queue server’s certificate does not match the paired manager. "
                                "If the server was set up again, pair this station again."));
}

/* A pinned connection only ever speaks HTTPS. */
gboolean
_gil_connection_check_pinned_scheme (GilConnection  *self,
                     GError        **error)
{
  if (self->fingerprint == NULL || g_str_has_prefix (self->base_url, "https://"))
    return TRUE;
  g_propagate_error (error, _gil_connection_new_refused_error ());
  return FALSE;
}

/* Every message to the manager: the station's token, and the pin. */
void
_gil_connection_prepare_message (GilConnection *self,
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
        g_task_return_error (task, _gil_connection_new_network_error (error));
      return;
    }
  health = _gil_connection_parse_reply (soup_message_get_status (probe->msg), bytes, &error);
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
  probe->session = _gil_connection_new_session (IO_TIMEOUT_S);
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
