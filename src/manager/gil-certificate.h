/* gil-certificate.h — the manager's own TLS certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GIL_CERTIFICATE_ERROR (gil_certificate_error_quark ())

typedef enum
{
  GIL_CERTIFICATE_ERROR_FAILED,      /* GnuTLS could not make one */
  GIL_CERTIFICATE_ERROR_INCOMPLETE,  /* a certificate without its key, or a key alone */
} GilCertificateError;

GQuark           gil_certificate_error_quark    (void);
GTlsCertificate *gil_certificate_load_or_create (const char  *certificate_path,
                                                 const char  *key_path,
                                                 GError     **error);

G_END_DECLS
