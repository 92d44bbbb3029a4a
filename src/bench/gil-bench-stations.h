/* gil-bench-stations.h — how long a station takes to start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double start_ms;        /* the median of single starts, connect to snapshot */
  double start_stall_ms;  /* the slowest health round trip while ten start */
  double quiet_stall_ms;  /* the slowest of the same loop just before */
} GilBenchStations;

void gil_bench_stations (const char       *url,
                         const char       *token,
                         GilBenchStations *figures);

G_END_DECLS
