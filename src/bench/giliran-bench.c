/* giliran-bench — how fast Giliran is, against what this machine allows
 *
 * Starts a real giliran-manager on a temporary database and measures, in
 * one run, the physical baselines (a durable SQLite commit with the
 * manager's pragmas, an HTTP round trip on loopback) and Giliran's own
 * figures against them: registration, a call reaching 50 WebSocket
 * subscribers, patient search over a million patients, the daily report
 * over five years of a busy puskesmas, a station's start and what ten
 * starting at once cost the others, the manager's peak memory, the
 * app's first frame and a call's way from its event to the frame of a
 * display that shows it, with ten displays connected
 * (gil-bench-display.c). Prints one "name value" line per figure.
 *
 * This file runs the measurements in order and prints the figures; what
 * each measurement does is in the files gil-bench.h lists.
 *
 * The baselines are sampled between the registrations and calls they are
 * compared with, one commit before each request and a round trip after
 * it, so that a ratio compares like with like on a machine whose disk and
 * cores are shared and drift from one minute to the next.
 *
 *   giliran-bench [--quick | --smoke] [--manager PATH] [--app PATH]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-bench-display.h"
#include "gil-bench-stations.h"
#include "gil-bench.h"

static const GilBenchScale full = { "full", 1000000, 5, 400, 400, 50 };
static const GilBenchScale quick = { "quick", 200000, 1, 400, 200, 50 };
static const GilBenchScale smoke = { "smoke", 2000, 1, 20, 20, 5 };

/* What the measurements share. */
typedef struct
{
  const GilBenchScale *scale;
  const char          *dir;
  const char          *app_path;
  GRand               *rand;
  GilBenchManager      m;
  GilBenchBaselines    baselines;
  gint64               room;       /* the adults' room */
} Run;

/* The data the manager will serve, written before it starts. */
static void
write_data (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (run->dir, "giliran.db", NULL);
  gint64 started = g_get_monotonic_time ();

  {
    g_autoptr(GilStore) store = gil_store_open (db, GIL_STORE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    gil_bench_add_patients (store, run->scale->patients, run->rand);
    gil_bench_add_history (store, run->scale->years, run->scale->visits_per_day,
                           run->scale->patients, run->rand);
  }
  g_printerr ("giliran-bench: data written in %.0f s\n", (g_get_monotonic_time () - started) / 1e6);
}

static gint64
find_adults_room (GilBenchManager *m)
{
  g_autoptr(JsonNode) rooms = gil_bench_request (m, "GET", "/api/v1/rooms", NULL, NULL);
  JsonArray *list = json_node_get_array (rooms);
  gint64 room = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "code"), "K3-DEWASA") == 0)
      room = json_object_get_int_member (json_array_get_object_element (list, i), "id");
  g_assert (room > 0);
  return room;
}

/* Registration, end to end, into the adults' room: a sample per visit in
 * @times, and the pages each put in the log in @pages. */
static void
measure_registration (Run    *run,
                      GArray *times,
                      GArray *pages)
{
  for (guint i = 0; i < run->scale->samples; i++)
    {
      gint64 patient;
      g_autofree char *body = NULL;
      gint64 took, frames;

      patient = gil_bench_new_patient (&run->m, i);
      body = gil_bench_visit_body (patient, run->room);
      gil_bench_baselines_commit (&run->baselines);
      frames = gil_bench_log_frames (&run->m);
      took = gil_bench_timed (&run->m, "POST", "/api/v1/visits", body);
      g_array_append_val (times, took);
      if ((frames = gil_bench_log_pages_since (&run->m, frames)) > 0)
        g_array_append_val (pages, frames);
      gil_bench_baselines_sample (&run->baselines, &run->m);
    }
}

/* Search: names by the prefix of a word, as a clerk types them. */
static void
measure_search (Run    *run,
                GArray *times)
{
  for (guint i = 0; i < run->scale->samples; i++)
    {
      g_autofree char *path = gil_bench_search_path (i);
      gint64 took = gil_bench_timed (&run->m, "GET", path, NULL);

      g_array_append_val (times, took);
    }
}

/* The daily report on days spread over the history. */
static void
measure_daily_report (Run    *run,
                      GArray *times)
{
  guint days = 365 * run->scale->years;

  for (guint i = 0; i < MIN (run->scale->samples, 100); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -1 - (int)g_rand_int_range (run->rand, 0, days - 1));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", date);
      gint64 took = gil_bench_timed (&run->m, "GET", path, NULL);

      g_array_append_val (times, took);
    }
}

/* Stations starting on the day's queues, over the whole history. */
static void
measure_stations (Run *run)
{
  GilBenchStations stations = { 0 };

  gil_bench_stations (run->m.url, run->m.token, &stations);
  gil_bench_figure ("station.start_ms", stations.start_ms);
  gil_bench_figure ("station.start_stall_ms", stations.start_stall_ms);
  gil_bench_figure ("station.quiet_stall_ms", stations.quiet_stall_ms);
}

static void
measure_first_frame (Run *run)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* The median of five starts: one start alone swings by a third. */
  for (guint i = 0; i < 5; i++)
    {
      double first_frame = gil_bench_app_first_frame_ms (run->app_path, &run->m, run->dir);

      if (first_frame < 0)
        break;
      g_array_append_val (frames, (gint64){ (gint64)(first_frame * 1000) });
    }
  if (frames->len == 5)
    gil_bench_figure ("app.first_frame_ms", gil_bench_percentile (frames, 50) / 1000.0);
  else
    g_printerr ("giliran-bench: no display or no app: app.first_frame_ms not measured\n");
}

/* A call's event to the display's frame, ten displays connected. */
static void
measure_display (Run *run)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *token_file = g_build_filename (run->dir, "admin-token", NULL);
  const char *why = gil_bench_display (run->m.url, run->m.token, run->app_path, token_file, run->room,
                                       MIN (run->scale->samples, 200), frames);

  if (why == NULL)
    {
      gil_bench_figure ("display.call_to_frame_p50_ms", gil_bench_percentile (frames, 50) / 1000.0);
      gil_bench_figure ("display.call_to_frame_p99_ms", gil_bench_percentile (frames, 99) / 1000.0);
    }
  else
    g_printerr ("giliran-bench: %s: display.call_to_frame not measured\n", why);
}

/* Removes @dir and everything in it: the database, its -wal and -shm,
 * the token files and the manager's backups/ folder. */
static void
remove_data (const char *dir)
{
  g_autoptr(GFile) top = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) files = g_file_enumerate_children (top, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                NULL, NULL);
  GFileInfo *info;

  while (files != NULL && (info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_data (path);
      else
        g_unlink (path);
      g_object_unref (info);
    }
  if (g_rmdir (dir) != 0)
    g_printerr ("giliran-bench: could not remove %s\n", dir);
}

static char *
beside_me (const char *argv0,
           const char *relative)
{
  g_autofree char *dir = g_path_get_dirname (argv0);

  return g_build_filename (dir, relative, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *manager_path = NULL;
  g_autofree char *app_path = NULL;
  gboolean quick_run = FALSE, smoke_run = FALSE;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick_run, "A reduced scale: 200,000 patients, one year", NULL },
    { "smoke", 0, 0, G_OPTION_ARG_NONE, &smoke_run, "A tiny scale, to check the program works", NULL },
    { "manager", 0, 0, G_OPTION_ARG_FILENAME, &manager_path, "giliran-manager to measure", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "giliran, for its first frame", "PATH" },
    { NULL }
  };
  g_autofree char *dir = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) replies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  Run run = { 0 };
  gint64 commit_us, rtt_us, register_p50, register_p99, call_p50, call_p99;
  gint64 register_pages;
  double rtt_plus_commit;
  gint64 started;

  context = g_option_context_new ("— measure Giliran against this machine");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("giliran-bench: %s\n", error->message);
      return 2;
    }
  run.scale = smoke_run ? &smoke : quick_run ? &quick : &full;
  if (manager_path == NULL)
    manager_path = g_strdup (g_getenv ("GILIRAN_MANAGER"));
  if (manager_path == NULL)
    manager_path = beside_me (argv[0], "../manager/giliran-manager");
  if (app_path == NULL)
    app_path = beside_me (argv[0], "../app/giliran");
  run.app_path = app_path;
  run.rand = rand;

  dir = g_dir_make_tmp ("giliran-bench-XXXXXX", &error);
  g_assert_no_error (error);
  run.dir = dir;
  g_print ("scale %s\n", run.scale->name);

  gil_bench_baselines_open (&run.baselines, dir);
  write_data (&run);

  gil_bench_http_open ();
  gil_bench_manager_start (&run.m, manager_path, dir);
  started = g_get_monotonic_time ();
  gil_bench_wait_for_first_backup (&run.m);
  g_printerr ("giliran-bench: start-up backup done in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  run.room = find_adults_room (&run.m);
  measure_registration (&run, times, pages);
  register_p50 = gil_bench_percentile (times, 50);
  register_p99 = gil_bench_percentile (times, 99);
  register_pages = pages->len > 0 ? gil_bench_percentile (pages, 50) : -1;
  g_array_set_size (pages, 0);

  /* A call reaching every subscriber. */
  g_array_set_size (times, 0);
  gil_bench_call_to_event (&run.m, run.scale, run.room, &run.baselines, times, replies, pages);
  call_p50 = gil_bench_percentile (times, 50);
  call_p99 = gil_bench_percentile (times, 99);

  /* The baselines, from samples taken between the requests above. */
  commit_us = gil_bench_percentile (run.baselines.commit_us, 50);
  rtt_us = gil_bench_percentile (run.baselines.rtt_us, 50);
  rtt_plus_commit = commit_us + rtt_us;
  gil_bench_figure ("baseline.commit_us", commit_us);
  gil_bench_figure ("baseline.rtt_us", rtt_us);
  /* The disk's own tail, for reading call_to_event.p99_us against. */
  gil_bench_figure ("baseline.commit_p99_us", gil_bench_percentile (run.baselines.commit_us, 99));
  gil_bench_figure ("register.p50_us", register_p50);
  gil_bench_figure ("register.p99_us", register_p99);
  gil_bench_figure ("call_to_event.p50_us", call_p50);
  gil_bench_figure ("call_to_event.p99_us", call_p99);
  /* The caller's own reply: the rest of call_to_event is the sending to
   * every subscriber, after it. */
  gil_bench_figure ("call_to_reply.p50_us", gil_bench_percentile (replies, 50));
  gil_bench_figure ("call_to_reply.p99_us", gil_bench_percentile (replies, 99));
  /* Pages each write put in the log, to write and sync in its commit
   * (the baseline's commit puts one). */
  if (register_pages > 0 && pages->len > 0)
    {
      gil_bench_figure ("register.log_pages", register_pages);
      gil_bench_figure ("call.log_pages", gil_bench_percentile (pages, 50));
    }

  g_array_set_size (times, 0);
  measure_search (&run, times);
  gil_bench_figure ("search.p50_ms", gil_bench_percentile (times, 50) / 1000.0);

  g_array_set_size (times, 0);
  measure_daily_report (&run, times);
  gil_bench_figure ("report.daily_p50_ms", gil_bench_percentile (times, 50) / 1000.0);

  measure_stations (&run);
  gil_bench_figure ("manager.rss_mb", gil_bench_manager_peak_rss_mb (&run.m));
  measure_first_frame (&run);
  measure_display (&run);

  g_print ("ratio.register_p50 %.2f\n", register_p50 / rtt_plus_commit);
  g_print ("ratio.call_to_event_p99 %.2f\n", call_p99 / rtt_plus_commit);

  gil_bench_manager_stop (&run.m);
  gil_bench_baselines_close (&run.baselines);
  gil_bench_http_close ();
  /* Kept on request, to look at what the manager wrote. */
  if (g_getenv ("GILIRAN_BENCH_KEEP") != NULL)
    {
      g_printerr ("giliran-bench: the data is kept in %s\n", dir);
      return 0;
    }
  remove_data (dir);
  return 0;
}
