/* gil-display-clock.h — the date and time on the waiting-room display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _GilDisplayClock GilDisplayClock;

char            *gil_display_clock_format_date (GDateTime       *now);
GilDisplayClock *gil_display_clock_new         (GtkLabel        *date_label,
                                                GtkLabel        *time_label);
void             gil_display_clock_free        (GilDisplayClock *clock);

G_END_DECLS
