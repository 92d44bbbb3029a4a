/* gil-range-dialog.h — "Date Range": the first and last day of a report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The longest range, in days, as the manager takes it. */
#define GIL_RANGE_DAYS_MAX 366

/**
 * GilRangeChosenFunc:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD, from @from to today, at most
 *   #GIL_RANGE_DAYS_MAX days on
 * @user_data: as given
 *
 * Called once "Show" is pressed on a good range; never for a dialog closed
 * another way (Escape, "Cancel").
 */
typedef void (*GilRangeChosenFunc) (const char *from,
                                    const char *to,
                                    gpointer    user_data);

char      *gil_range_check          (const char         *from,
                                     const char         *to,
                                     const char         *today);
GtkWidget *gil_range_dialog_new     (GtkWindow          *parent,
                                     const char         *from,
                                     const char         *to,
                                     GilRangeChosenFunc  func,
                                     gpointer            user_data,
                                     GDestroyNotify      destroy);

G_END_DECLS
