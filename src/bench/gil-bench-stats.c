/* gil-bench-stats.c — percentiles of samples, and a figure printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-bench.h"
#include "gil-stats.h"

/* Nearest rank over @samples (sorted in place). */
gint64
gil_bench_percentile (GArray *samples,
                      int     percent)
{
  gil_stats_sort (samples);
  return gil_stats_percentile (samples, percent);
}

void
gil_bench_figure (const char *name,
                  double      value)
{
  g_print ("%s %.1f\n", name, value);
}
