/* gil-bench.h — what the files of giliran-bench share
 *
 * giliran-bench.c runs the measurements and prints the figures; the
 * statistics are in gil-bench-stats.c, the machine's baselines in
 * gil-bench-baselines.c, the data written before the manager starts in
 * gil-bench-data.c, the manager and HTTP requests to it in
 * gil-bench-manager.c and gil-bench-http.c, a call's way to 50
 * subscribers in gil-bench-subscribers.c, the app's first frame in
 * gil-bench-first-frame.c, stations starting in gil-bench-stations.c and
 * a call's way to a display's frame in gil-bench-display.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "gil-store.h"

G_BEGIN_DECLS

/* How much data, and how many samples per figure. */
typedef struct
{
  const char *name;
  guint       patients;      /* for search */
  guint       years;         /* of visits, for the report */
  guint       visits_per_day;
  guint       samples;       /* timed requests per figure */
  guint       subscribers;
} GilBenchScale;

/* The giliran-manager measured. */
typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *token;
  char        *shm;      /* the index of the database's write-ahead log */
} GilBenchManager;

/* The machine's own limits are sampled one of each between the requests
 * they are compared with, so that both see the same machine: a virtual
 * disk's commit time drifts by half from one minute to the next. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *insert;
  GArray       *commit_us;
  GArray       *rtt_us;
} GilBenchBaselines;

/* gil-bench-stats.c */
gint64      gil_bench_percentile          (GArray            *samples,
                                           int                percent);
void        gil_bench_figure              (const char        *name,
                                           double             value);

/* gil-bench-data.c */
void        gil_bench_add_patients        (GilStore          *store,
                                           guint              count,
                                           GRand             *rand);
void        gil_bench_add_history         (GilStore          *store,
                                           guint              years,
                                           guint              per_day,
                                           guint              patients,
                                           GRand             *rand);
char       *gil_bench_search_path         (guint              i);

/* gil-bench-manager.c */
void        gil_bench_manager_start       (GilBenchManager   *m,
                                           const char        *program,
                                           const char        *dir);
void        gil_bench_manager_stop        (GilBenchManager   *m);
double      gil_bench_manager_peak_rss_mb (GilBenchManager   *m);
gint64      gil_bench_log_frames          (GilBenchManager   *m);
gint64      gil_bench_log_pages_since     (GilBenchManager   *m,
                                           gint64             before);
void        gil_bench_wait_for_first_backup (GilBenchManager *m);

/* gil-bench-http.c */
SoupMessage *gil_bench_message_new        (const char        *url,
                                           const char        *token,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body);
void        gil_bench_http_open           (void);
void        gil_bench_http_close          (void);
JsonNode   *gil_bench_request             (GilBenchManager   *m,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body,
                                           gint64            *took_us);
gint64      gil_bench_timed               (GilBenchManager   *m,
                                           const char        *method,
                                           const char        *path,
                                           const char        *body);
gint64      gil_bench_new_patient         (GilBenchManager   *m,
                                           guint              n);
char       *gil_bench_visit_body          (gint64             patient,
                                           gint64             room);

/* gil-bench-baselines.c */
void        gil_bench_baselines_open      (GilBenchBaselines *b,
                                           const char        *dir);
void        gil_bench_baselines_close     (GilBenchBaselines *b);
void        gil_bench_baselines_commit    (GilBenchBaselines *b);
void        gil_bench_baselines_sample    (GilBenchBaselines *b,
                                           GilBenchManager   *m);

/* gil-bench-subscribers.c */
void        gil_bench_call_to_event       (GilBenchManager   *m,
                                           const GilBenchScale *scale,
                                           gint64             room,
                                           GilBenchBaselines *baselines,
                                           GArray            *times,
                                           GArray            *replies,
                                           GArray            *pages);

/* gil-bench-first-frame.c */
GSubprocessLauncher *gil_bench_app_launcher (const char    *app,
                                             const char    *mode);
double      gil_bench_app_first_frame_ms  (const char        *app,
                                           GilBenchManager   *m,
                                           const char        *dir);

G_END_DECLS
