/* test-clinic-day.c — a puskesmas day on its LAN
 *
 * The real giliran-manager on the host that serves the LAN (its own
 * network namespace, listening on every address over TLS, under systemd's
 * 1,024 open files), and ten stations on ten other hosts, each a process
 * built on the app's client library and joined to the manager by a veth
 * pair with real addresses: two registration desks, four cluster rooms,
 * the laboratory, two waiting-room displays and the head. The desks
 * register 400 visits in bursts, with silences longer than both the
 * stations' and the manager's idle close (shortened by their options);
 * the rooms call, recall, skip and put back, send to the laboratory and
 * back, start and finish until every queue is empty.
 *
 * Afterwards: every visit was registered and reported, every queue is
 * empty, the displays heard the manager's last event, nobody was refused,
 * and the manager's descriptors are back where they started and its
 * memory near it. The figures are printed for the record.
 *
 * Parts: run by meson it makes the hosts (gil-test-netns.c) and runs
 * itself again on the manager's host with "--day"; the stations are
 * gil-station-sim.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-netns.h"

#define NETNS_PREFIX     "giliran-day-"
#define N_STATIONS       10
#define SYSTEMD_FILES    1024
#define VISITS_PER_DESK  200
#define BURST            25
#define GAP_S            "4"
#define MANAGER_IDLE_S   "3"
#define CLIENT_IDLE_S    "2"
#define LAB              9
#define EMPTY_TIMEOUT_S  180
#define FD_SLACK         2
#define RSS_SLACK_KIB    (8 * 1024)

typedef struct
{
  const char *name;
  const char *role;   /* the sim's role */
  const char *paired; /* the station's role at the manager */
  gint64      room;
} StationSpec;

static const StationSpec specs[N_STATIONS] = {
  { "meja-1", "desk", "registration", 0 },
  { "meja-2", "desk", "registration", 0 },
  { "ruang-ibu", "room", "room", 1 },
  { "ruang-balita", "room", "room", 2 },
  { "ruang-dewasa", "room", "room", 4 },
  { "ruang-lansia", "room", "room", 5 },
  { "laboratorium", "room", "room", LAB },
  { "layar-1", "display", "display", 0 },
  { "layar-2", "display", "display", 0 },
  { "kepala", "head", "head", 0 },
};

static const char * const *namespaces;

/* ── the hosts ───────────────────────────────────────────────────────── */

static char *
link_name (const char *side,
           guint       i)
{
  return g_strdup_printf ("gd%s%u-%d", side, i, (int)getpid ());
}

/* Station i's host reaches the manager at 10.78.i.1 from 10.78.i.2. */
static gboolean
join_hosts (const char * const *names,
            GPtrArray          *inner_args,
            gpointer            user_data)
{
  for (guint i = 1; i <= N_STATIONS; i++)
    {
      g_autofree char *manager_link = link_name ("m", i);
      g_autofree char *station_link = link_name ("s", i);
      g_autofree char *manager_address = g_strdup_printf ("10.78.%u.1/24", i);
      g_autofree char *station_address = g_strdup_printf ("10.78.%u.2/24", i);

      if (!gil_test_netns_link (names[0], manager_link, manager_address,
                                names[i], station_link, station_address))
        return FALSE;
    }
  return TRUE;
}

/* ── the manager, seen from its own host ─────────────────────────────── */



static gboolean
queues_empty (const char *url,
              const char *token)
{
  for (guint i = 0; i < N_STATIONS; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) queue = NULL;
      JsonObject *object;
      guint status = 0;

      if (specs[i].room == 0)
        continue;
      path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", specs[i].room);
      queue = gil_test_api_call (url, token, "GET", path, NULL, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      object = gil_test_api_object (queue);
      if (json_array_get_length (json_object_get_array_member (object, "waiting")) > 0 ||
          json_array_get_length (json_object_get_array_member (object, "called")) > 0 ||
          json_array_get_length (json_object_get_array_member (object, "serving")) > 0 ||
          json_array_get_length (json_object_get_array_member (object, "skipped")) > 0)
        return FALSE;
    }
  return TRUE;
}


/* ── the stations ────────────────────────────────────────────────────── */

typedef struct
{
  const StationSpec *spec;
  GSubprocess       *process;
  GHashTable        *counts;  /* what it printed: name → gint64 */
} Station;

static void
station_start (Station           *station,
               const StationSpec *spec,
               guint              index,
               guint              port,
               const char        *token,
               const char        *fingerprint)
{
  g_autofree char *url = g_strdup_printf ("https://10.78.%u.1:%u", index + 1, port);
  g_autofree char *room = g_strdup_printf ("%" G_GINT64_FORMAT, spec->room);
  g_autofree char *lab = g_strdup_printf ("%d", spec->room == LAB ? 0 : LAB);
  g_autofree char *visits = g_strdup_printf ("%d", VISITS_PER_DESK);
  g_autofree char *burst = g_strdup_printf ("%d", BURST);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  const char *sim = g_getenv ("GILIRAN_STATION_SIM");
  const char *argv[] = {
    "ip", "netns", "exec", namespaces[index + 1], sim,
    "--url", url, "--fingerprint", fingerprint, "--token", token,
    "--role", spec->role, "--name", spec->name, "--room", room, "--lab", lab,
    "--visits", visits, "--burst", burst, "--gap", GAP_S, "--client-idle", CLIENT_IDLE_S,
    NULL
  };

  g_assert_nonnull (sim);
  station->spec = spec;
  station->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_subprocess_launcher_set_child_setup (launcher, gil_test_netns_die_with_parent, NULL, NULL);
  station->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
}

/* Waits for it to end and reads what it did. */
static void
station_finish (Station *station)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_subprocess_communicate_utf8 (station->process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (station->process) || g_subprocess_get_exit_status (station->process) != 0)
    g_error ("station %s failed; it printed: %s", station->spec->name, out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], "=", 2);
      gint64 *value;

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      value = g_new (gint64, 1);
      *value = g_ascii_strtoll (pair[1], NULL, 10);
      g_hash_table_replace (station->counts, g_strdup (pair[0]), value);
    }
}

static gint64
counted (Station    *station,
         const char *what)
{
  gint64 *value = g_hash_table_lookup (station->counts, what);

  return value != NULL ? *value : 0;
}

static void
station_clear (Station *station)
{
  g_clear_object (&station->process);
  g_clear_pointer (&station->counts, g_hash_table_unref);
}

/* ── the day ─────────────────────────────────────────────────────────── */

static void
test_day (void)
{
  const char *args[] = { "--listen-all", "--idle-timeout", MANAGER_IDLE_S, NULL };
  GilTestManager *m = gil_test_manager_start_limited (NULL, args, NULL, TRUE,
                                                      SYSTEMD_FILES, SYSTEMD_FILES);
  const char *url = gil_test_manager_get_url (m);
  const char *admin = gil_test_manager_get_admin_token (m);
  g_autofree char *pem = g_build_filename (gil_test_manager_get_dir (m), "giliran-tls.pem", NULL);
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (m);
  g_autofree char *day = NULL;
  g_autofree char *report_path = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *log = NULL;
  Station stations[N_STATIONS] = { 0 };
  char *tokens[N_STATIONS] = { NULL };
  gint64 until, calls = 0, recalls = 0, skips = 0, requeues = 0, transfers = 0, finishes = 0;
  guint fds_start, fds_busy = 0, fds_end, status = 0;
  guint64 rss_start, rss_end;
  gboolean empty = FALSE;

  g_assert_true (g_str_has_prefix (url, "https://"));
  gil_test_api_trust (pem);

  for (guint i = 0; i < N_STATIONS; i++)
    {
      g_autofree char *rooms = specs[i].room != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, specs[i].room)
                                                  : g_strdup ("");

      tokens[i] = gil_test_api_pair_named (url, admin, specs[i].paired, rooms, specs[i].name);
    }
  /* What is open for the manager itself (the database, its log, the
   * listening sockets, this test's own connection), not for stations. */
  fds_start = gil_test_manager_count_fds (m);
  rss_start = gil_test_manager_rss_kib (m);
  for (guint i = 0; i < N_STATIONS; i++)
    station_start (&stations[i], &specs[i], i, gil_test_manager_get_port (m), tokens[i], fingerprint);

  /* The desks' day: 400 visits, in bursts with idle gaps. */
  for (guint i = 0; i < N_STATIONS; i++)
    if (g_str_equal (specs[i].role, "desk"))
      {
        fds_busy = MAX (fds_busy, gil_test_manager_count_fds (m));
        station_finish (&stations[i]);
        g_assert_cmpint (counted (&stations[i], "registered"), ==, VISITS_PER_DESK);
        g_assert_cmpint (counted (&stations[i], "gaps"), ==, VISITS_PER_DESK / BURST - 1);
      }

  /* The rooms work until every queue is empty. */
  until = g_get_monotonic_time () + EMPTY_TIMEOUT_S * G_USEC_PER_SEC;
  while (!empty && g_get_monotonic_time () < until)
    {
      fds_busy = MAX (fds_busy, gil_test_manager_count_fds (m));
      g_usleep (G_USEC_PER_SEC);
      empty = queues_empty (url, admin);
    }
  g_assert_true (empty);
  /* Events reach the displays just after the last reply. */
  g_usleep (G_USEC_PER_SEC);

  for (guint i = 0; i < N_STATIONS; i++)
    if (!g_str_equal (specs[i].role, "desk"))
      {
        g_subprocess_send_signal (stations[i].process, SIGTERM);
        station_finish (&stations[i]);
      }

  for (guint i = 0; i < N_STATIONS; i++)
    {
      Station *s = &stations[i];

      if (g_str_equal (specs[i].role, "room"))
        {
          calls += counted (s, "called");
          recalls += counted (s, "recall");
          skips += counted (s, "skip");
          requeues += counted (s, "requeue");
          transfers += counted (s, "transfer");
          finishes += counted (s, "finish");
        }
      else if (g_str_equal (specs[i].role, "display"))
        {
          g_assert_cmpint (counted (s, "events"), >, 0);
          g_assert_cmpint (counted (s, "last_seq_seen"), ==, gil_test_api_health_seq (url));
        }
      else if (g_str_equal (specs[i].role, "head"))
        g_assert_cmpint (counted (s, "reports"), >, 0);
    }
  /* Every visit through its room, some by way of the laboratory. */
  g_assert_cmpint (finishes, ==, 2 * VISITS_PER_DESK + transfers);
  g_assert_cmpint (recalls, >, 0);
  g_assert_cmpint (skips, >, 0);
  g_assert_cmpint (requeues, ==, skips);
  g_assert_cmpint (transfers, >, 0);
  g_assert_cmpint (calls, ==, finishes + skips + transfers);

  day = g_date_time_format (now, "%Y-%m-%d");
  report_path = g_strdup_printf ("/api/v1/reports/daily?date=%s", day);
  report = gil_test_api_call (url, admin, "GET", report_path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (gil_test_api_object (report),
                                                                              "totals"), "visits"),
                   ==, 2 * VISITS_PER_DESK);

  /* The stations are gone: so are their connections, at once. */
  fds_end = gil_test_manager_count_fds (m);
  for (guint i = 0; i < 50 && fds_end > fds_start + FD_SLACK; i++)
    {
      g_usleep (100 * 1000);
      fds_end = gil_test_manager_count_fds (m);
    }
  /* Memory that ended connections held is given back within an idle time. */
  rss_end = gil_test_manager_rss_kib (m);
  for (guint i = 0; i < 100 && rss_end > rss_start + RSS_SLACK_KIB; i++)
    {
      g_usleep (100 * 1000);
      rss_end = gil_test_manager_rss_kib (m);
    }
  g_test_message ("manager descriptors: %u at the start, %u at the busiest moment seen, %u at the end",
                  fds_start, fds_busy, fds_end);
  g_test_message ("manager RSS: %" G_GUINT64_FORMAT " KiB at the start, %" G_GUINT64_FORMAT " KiB at the end",
                  rss_start, rss_end);
  g_test_message ("%" G_GINT64_FORMAT " calls, %" G_GINT64_FORMAT " recalls, %" G_GINT64_FORMAT
                  " skips, %" G_GINT64_FORMAT " transfers, %" G_GINT64_FORMAT " finishes",
                  calls, recalls, skips, transfers, finishes);
  g_assert_cmpuint (fds_end, <=, fds_start + FD_SLACK);
#ifndef GIL_TEST_SANITIZED
  g_assert_cmpuint (rss_end, <=, rss_start + RSS_SLACK_KIB);
#endif

  log = gil_test_manager_dup_log (m);
  g_assert_null (strstr (log, "refusing connections"));
  g_assert_null (strstr (log, "out of file descriptors"));

  for (guint i = 0; i < N_STATIONS; i++)
    {
      station_clear (&stations[i]);
      g_free (tokens[i]);
    }
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 + 1 + N_STATIONS && g_str_equal (argv[1], "--day"))
    {
      namespaces = (const char * const *)g_strdupv (argv + 2);
      /* The rest is GTest's. */
      argv[1 + N_STATIONS + 1] = argv[0];
      argc -= 1 + N_STATIONS + 1;
      argv += 1 + N_STATIONS + 1;
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/giliran/clinic-day/day", test_day);
      return g_test_run ();
    }
  return gil_test_netns_supervise (argc, argv, NETNS_PREFIX, 1 + N_STATIONS, join_hosts, NULL,
                                   0, "--day");
}
