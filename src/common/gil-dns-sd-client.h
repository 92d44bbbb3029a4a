/* gil-dns-sd-client.h — a connection to avahi-daemon that outlives it
 *
 * Shared by the manager's announcement (gil-dns-sd-publisher.c) and the
 * client library's list of servers (gil-server-browser.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <avahi-client/client.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _GilDnsSdClient GilDnsSdClient;

typedef struct
{
  /* The client's state, as libavahi-client says it, except a lost daemon
   * (which is lost() below). Called from inside avahi_client_new() too,
   * so use @client, not gil_dns_sd_client_get(). */
  void (*state_changed) (AvahiClient      *client,
                         AvahiClientState  state,
                         gpointer          user_data);
  /* avahi-daemon went away: free what was made on the old client (entry
   * groups, browsers), which is freed next; a new one waits for the
   * daemon to return. */
  void (*lost)          (gpointer          user_data);
  /* No client could be made at all (no system bus): @error is avahi's,
   * which the client logs (debug) after this; it is tried again a while
   * later. Optional. */
  void (*absent)        (int               error,
                         gpointer          user_data);
} GilDnsSdClientFuncs;

GilDnsSdClient *gil_dns_sd_client_new  (const GilDnsSdClientFuncs *funcs,
                                        gpointer                   user_data);
AvahiClient    *gil_dns_sd_client_get  (GilDnsSdClient            *self);
void            gil_dns_sd_client_free (GilDnsSdClient            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilDnsSdClient, gil_dns_sd_client_free)

G_END_DECLS
