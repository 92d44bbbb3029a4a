/* gil-connection-health-probe.c — a manager's health, asked by its address
 *
 * For a caller with no connection to the manager yet: the app that hosts
 * the queue server asks whether the manager it started (or found) is
 * there. One try, waiting at most PROBE_TIMEOUT_S, and over https only
 * with the certificate given: the manager is used as the app will use it.
 * gil_connection_check_health_async() asks a connection's own manager.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-connection-health.h"
#include "gil-connection-private.h"
#include "gil-fingerprint.h"

#define HEALTH_PATH     "/api/v1/health"
/* A manager that has not answered by then is not there. */
#define PROBE_TIMEOUT_S 5

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  char        *pinned;   /* nullable */
  gboolean     refused;  /* it showed another certificate */
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->msg);
  g_clear_object (&probe->session);
  g_free (probe->pinned);
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

  probe->refused = probe->pinned == NULL || !gil_fingerprint_equal (shown, probe->pinned);
  return !probe->refused;
}

static void
on_probe_reply_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) reply = NULL;
  GilHealth *health;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (probe->refused)
        g_task_return_error (task, _gil_connection_new_refused_error ());
      else
        g_task_return_error (task, _gil_connection_new_network_error (error));
      return;
    }
  reply = _gil_connection_parse_reply (soup_message_get_status (probe->msg), bytes, &error);
  health = reply != NULL ? gil_health_new_from_json (reply, &error) : NULL;
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
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  Probe *probe;

  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gil_connection_probe_health_async);
  probe = g_new0 (Probe, 1);
  probe->pinned = g_strdup (fingerprint);
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);

  uri = g_strconcat (base_url, HEALTH_PATH, NULL);
  probe->msg = soup_message_new ("GET", uri);
  if (probe->msg == NULL)
    {
      g_task_return_new_error (task, GIL_API_ERROR, GIL_API_ERROR_NETWORK,
                               _("“%s” is not a valid address"), base_url);
      return;
    }
  probe->session = _gil_connection_new_session (PROBE_TIMEOUT_S);
  g_signal_connect (probe->msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), probe);
  soup_session_send_and_read_async (probe->session, probe->msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_probe_reply_cb, g_steal_pointer (&task));
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
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gil_connection_probe_health_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
