/* gil-date.h — dates as the API writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean gil_date_parse             (const char *text,
                                     GDate      *date);
char    *gil_date_format_local_day  (gint64      unix_seconds);
char    *gil_date_format_local_time (gint64      unix_seconds);
int      gil_date_local_hour        (gint64      unix_seconds);

G_END_DECLS
