/* gil-display-probe.c — for giliran-bench: when a call is first painted
 *
 * With GILIRAN_BENCH_DISPLAY set, the display holds no call (each new one
 * is large at once) and prints to standard output, on the system's
 * monotonic clock, "display-ready" once it knows which calls are new,
 * then for each new call "call-frame STOP MICROSECONDS": the end of the
 * first frame painted after the call came (GdkFrameClock after-paint).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "gil-display-probe.h"

typedef struct
{
  GdkFrameClock *clock;
  gint64         stop_id;
  gulong         handler;
} Probe;

gboolean
gil_display_probe_enabled (void)
{
  return g_getenv ("GILIRAN_BENCH_DISPLAY") != NULL;
}

/* The display knows the manager's seq: calls from now on are new. */
void
gil_display_probe_ready (void)
{
  if (!gil_display_probe_enabled ())
    return;
  g_print ("display-ready\n");
  fflush (stdout);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Probe         *probe)
{
  g_print ("call-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           probe->stop_id, g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handler_disconnect (clock, probe->handler);
}

/**
 * gil_display_probe_frame:
 * @widget: the display, now showing the call of @stop_id
 *
 * Prints when the next frame of @widget has been painted.
 */
void
gil_display_probe_frame (GtkWidget *widget,
                         gint64     stop_id)
{
  GdkFrameClock *clock;
  Probe *probe;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gil_display_probe_enabled () || (clock = gtk_widget_get_frame_clock (widget)) == NULL)
    return;
  probe = g_new0 (Probe, 1);
  probe->clock = clock;
  probe->stop_id = stop_id;
  probe->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint_cb),
                                          probe, (GClosureNotify)(void (*) (void))g_free, 0);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}
