/* gil-stats.h — nearest-rank percentiles of whole numbers, for the reports
 * and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void   gil_stats_sort       (GArray *values);
gint64 gil_stats_percentile (GArray *values,
                             int     percent);

G_END_DECLS
