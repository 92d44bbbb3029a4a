/* gil-address.h — the queue server's address as a person types it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gil_address_normalize (const char  *text,
                             GError     **error);

G_END_DECLS
