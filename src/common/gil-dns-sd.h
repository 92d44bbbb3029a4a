/* gil-dns-sd.h — how a manager is announced on the LAN, and found
 *
 * Shared by the manager, which announces itself, and the client library,
 * which lists what it finds (doc/api.md, "Finding the manager").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* The DNS-SD service type. */
#define GIL_DNS_SD_SERVICE_TYPE "_giliran._tcp"
/* TXT records: the API's path, "1" for HTTPS or "0", and the SHA-256
 * fingerprint of the certificate (HTTPS only). */
#define GIL_DNS_SD_TXT_PATH        "path"
#define GIL_DNS_SD_TXT_TLS         "tls"
#define GIL_DNS_SD_TXT_FINGERPRINT "fp"
