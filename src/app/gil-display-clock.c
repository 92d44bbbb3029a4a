/* gil-display-clock.c — the date and time on the waiting-room display
 *
 * "Jumat, 4 Desember 2026" and "09.41", brought up to date just past each
 * minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include "gil-display-clock.h"
#include "gil-report-labels.h"

struct _GilDisplayClock
{
  GtkLabel *date_label;   /* unowned: the clock goes before them */
  GtkLabel *time_label;
  guint     id;
};

typedef GilDisplayClock Clock;

/**
 * gil_display_clock_format_date:
 *
 * Returns: (transfer full): @now as the display says it: "Jumat, 4
 *   Desember 2026"
 */
char *
gil_display_clock_format_date (GDateTime *now)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  /* Said as the head's report says a day. */
  day = g_date_time_format (now, "%Y-%m-%d");
  return gil_report_format_date (day);
}

/* Shows the time; the next tick is just past the next minute. */
static gboolean
on_tick_cb (gpointer user_data)
{
  Clock *clock = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H.%M");
  g_autofree char *date = gil_display_clock_format_date (now);
  guint msec = (60 - g_date_time_get_second (now)) * 1000 -
               g_date_time_get_microsecond (now) / 1000 + 50;

  gtk_label_set_text (clock->time_label, time);
  gtk_label_set_text (clock->date_label, date);
  clock->id = g_timeout_add (msec, on_tick_cb, clock);
  return G_SOURCE_REMOVE;
}

/**
 * gil_display_clock_new:
 *
 * Shows the date and time now and keeps them current.
 *
 * Returns: (transfer full): the clock, to free before the labels go
 */
GilDisplayClock *
gil_display_clock_new (GtkLabel *date_label,
                       GtkLabel *time_label)
{
  Clock *clock;

  g_return_val_if_fail (GTK_IS_LABEL (date_label), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (time_label), NULL);

  clock = g_new0 (Clock, 1);
  clock->date_label = date_label;
  clock->time_label = time_label;
  on_tick_cb (clock);
  return clock;
}

void
gil_display_clock_free (GilDisplayClock *clock)
{
  if (clock == NULL)
    return;
  g_clear_handle_id (&clock->id, g_source_remove);
  g_free (clock);
}
