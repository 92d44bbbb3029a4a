/* gil-stats.c — nearest-rank percentiles of whole numbers, for the
 * reports and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-stats.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/**
 * gil_stats_sort:
 * @values: (element-type gint64): sorted in place, smallest first
 */
void
gil_stats_sort (GArray *values)
{
  g_return_if_fail (values != NULL);
  g_return_if_fail (g_array_get_element_size (values) == sizeof (gint64));

  g_array_sort (values, compare_gint64);
}

/**
 * gil_stats_percentile:
 * @values: (element-type gint64): sorted (gil_stats_sort())
 * @percent: 1 to 100
 *
 * Nearest rank: the smallest value with at least @percent of them at or
 * below it.
 *
 * Returns: that value, or -1 when there are none
 */
gint64
gil_stats_percentile (GArray *values,
                      int     percent)
{
  guint rank;

  g_return_val_if_fail (values != NULL, -1);
  g_return_val_if_fail (percent >= 1 && percent <= 100, -1);

  if (values->len == 0)
    return -1;
  rank = (values->len * percent + 99) / 100;
  return g_array_index (values, gint64, MAX (rank, 1) - 1);
}
