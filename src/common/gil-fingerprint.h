/* gil-fingerprint.h — a TLS certificate's fingerprint, as stations pin it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *gil_fingerprint_of_certificate (GTlsCertificate *certificate);
gboolean  gil_fingerprint_equal          (const char      *a,
                                          const char      *b);
char     *gil_fingerprint_format_lines   (const char      *fingerprint);

G_END_DECLS
