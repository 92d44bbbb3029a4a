/* gil-date.h — dates as the API writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean gil_date_parse (const char *text,
                         GDate      *date);

G_END_DECLS
