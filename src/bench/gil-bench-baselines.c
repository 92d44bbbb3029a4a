/* gil-bench-baselines.c — the machine's own limits, sampled between
 * the measured requests: a durable commit and an HTTP round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-bench.h"

void
gil_bench_baselines_open (GilBenchBaselines *b,
                          const char        *dir)
{
  g_autofree char *path = g_build_filename (dir, "baseline.db", NULL);

  g_assert (sqlite3_open (path, &b->db) == SQLITE_OK);
  /* The manager's own pragmas (gil-store-open.c). */
  sqlite3_exec (b->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                "CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)", NULL, NULL, NULL);
  g_assert (sqlite3_prepare_v2 (b->db, "INSERT INTO t (value) VALUES ('x')", -1, &b->insert, NULL) == SQLITE_OK);
  b->commit_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->rtt_us = g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
gil_bench_baselines_close (GilBenchBaselines *b)
{
  sqlite3_finalize (b->insert);
  sqlite3_close (b->db);
  g_array_unref (b->commit_us);
  g_array_unref (b->rtt_us);
}

/* One durable single-row commit. */
void
gil_bench_baselines_commit (GilBenchBaselines *b)
{
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  sqlite3_exec (b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_step (b->insert);
  sqlite3_reset (b->insert);
  g_assert (sqlite3_exec (b->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
  took = g_get_monotonic_time () - start;
  g_array_append_val (b->commit_us, took);
}

/* One HTTP round trip that does no work. */
static void
baselines_rtt (GilBenchBaselines *b,
               GilBenchManager   *m)
{
  gint64 took = gil_bench_timed (m, "GET", "/api/v1/health", NULL);

  g_array_append_val (b->rtt_us, took);
}

/* One of each baseline, after a measured request. Each measured request
 * and each round trip comes after a commit of the bench's own, so that
 * both find the manager as idle as the other. */
void
gil_bench_baselines_sample (GilBenchBaselines *b,
                            GilBenchManager   *m)
{
  gil_bench_baselines_commit (b);
  baselines_rtt (b, m);
  gil_bench_baselines_commit (b);
}
