/* gil-bench-stats.c — percentiles of samples, and a figure printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-bench.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Nearest rank over @samples (sorted in place). */
gint64
gil_bench_percentile (GArray *samples,
                      int     percent)
{
  guint rank;

  g_array_sort (samples, compare_gint64);
  rank = (samples->len * percent + 99) / 100;
  return g_array_index (samples, gint64, MAX (rank, 1) - 1);
}

void
gil_bench_figure (const char *name,
                  double      value)
{
  g_print ("%s %.1f\n", name, value);
}
