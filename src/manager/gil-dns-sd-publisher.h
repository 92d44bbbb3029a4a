/* gil-dns-sd-publisher.h — the manager announced on the LAN (DNS-SD)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The name announced while the puskesmas has none. */
#define GIL_DNS_SD_DEFAULT_NAME "Giliran"

#define GIL_TYPE_DNS_SD_PUBLISHER (gil_dns_sd_publisher_get_type ())
G_DECLARE_FINAL_TYPE (GilDnsSdPublisher, gil_dns_sd_publisher, GIL, DNS_SD_PUBLISHER, GObject)

GilDnsSdPublisher *gil_dns_sd_publisher_new      (guint              port,
                                                  const char        *fingerprint);
void               gil_dns_sd_publisher_set_interface (GilDnsSdPublisher *self,
                                                       int                index);
void               gil_dns_sd_publisher_start    (GilDnsSdPublisher *self);
const char        *gil_dns_sd_publisher_get_name (GilDnsSdPublisher *self);
void               gil_dns_sd_publisher_set_name (GilDnsSdPublisher *self,
                                                  const char        *name);

G_END_DECLS
