/* gil-connection-tls.c — the manager's certificate, pinned
 *
 * A manager that serves the LAN speaks HTTPS with a self-signed certificate.
 * A station pins that certificate's fingerprint when it pairs: every request
 * and the event socket then accept that certificate and no other, whatever
 * a certificate authority would say, and nothing (not even the token) is
 * sent to a server that shows another one. Learning the certificate before
 * pairing is gil_connection_probe_certificate_async()
 * (gil-connection-health-probe.c).
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
