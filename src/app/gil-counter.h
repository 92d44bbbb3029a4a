/* gil-counter.h — the counter (meja) a room's call comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The GSettings key of this computer's counter in its room; 0 for none. */
#define GIL_COUNTER_KEY "counter"

char     *gil_counter_label      (guint       counter);
char     *gil_counter_room_label (const char *room_name,
                                  guint       counter);
guint     gil_counter_get_own    (GSettings  *settings);

G_END_DECLS
