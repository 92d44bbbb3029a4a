/* gil-station-sim.c — one station of a simulated clinic day, built on the
 * app's own client library (GilConnection), for test-clinic-day
 *
 *   gil-station-sim --url URL --fingerprint FP --token TOKEN --role ROLE
 *                   [--room ID] [--lab ID] [--visits N] [--burst N]
 *                   [--gap SECONDS] [--client-idle SECONDS] [--name NAME]
 *
 * Roles:
 *  - desk: registers --visits patients and their visits, in bursts of
 *    --burst with --gap seconds of silence between them (longer than the
 *    client's and the manager's idle close), then exits;
 *  - room: calls its --room's next patient until SIGTERM: recalls some,
 *    skips some and puts them back later, sends some to --lab and back,
 *    starts and finishes the rest;
 *  - display: follows the event stream until SIGTERM;
 *  - head: reads the day's report every few seconds until SIGTERM.
 * On exit it prints what it did as NAME=NUMBER lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <gnutls/gnutls.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>

#include "gil-connection.h"

#define HEAD_PERIOD_MS  3000
#define EMPTY_WAIT_MS   300
#define GIVE_UP_US      (60 * G_USEC_PER_SEC)
#define RECALL_EVERY    5
#define TRANSFER_EVERY  7
#define SKIP_EVERY      11
#define SKIPPED_MAX     3

typedef struct
{
  GilConnection *connection;
  GMainLoop     *loop;
  gboolean       stopping;
  GHashTable    *counts;    /* name → count */
  const char    *name;
} Sim;

static void
count (Sim        *sim,
       const char *what,
       gint64      n)
{
  gint64 *value = g_hash_table_lookup (sim->counts, what);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (sim->counts, g_strdup (what), value);
    }
  *value += n;
}

static void
set_count (Sim        *sim,
           const char *what,
           gint64      n)
{
  count (sim, what, n - (g_hash_table_contains (sim->counts, what)
                         ? *(gint64 *)g_hash_table_lookup (sim->counts, what) : 0));
}

/* ── waiting without blocking the connection's own work ──────────────── */

static gboolean
on_quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
pause_ms (Sim  *sim,
          guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint id = g_timeout_add (ms, on_quit_cb, loop);

  g_main_loop_run (loop);
  (void)id;
}

typedef struct
{
  GMainLoop *loop;
  JsonNode  *reply;
  guint      status;
} Call;

static void
on_request_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;

  /* An error reply still has its status; 0 means none came. */
  call->reply = gil_connection_request_finish (GIL_CONNECTION (source), result, &call->status, &error);
  g_main_loop_quit (call->loop);
}

/* One request, sent again with its key until the manager answers it. */
static JsonNode *
request (Sim        *sim,
         const char *method,
         const char *path,
         const char *body,
         gboolean    with_key,
         guint      *status)
{
  g_autofree char *key = with_key ? gil_connection_new_action_key () : NULL;
  gint64 until = g_get_monotonic_time () + GIVE_UP_US;

  for (;;)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(JsonNode) node = body != NULL ? json_from_string (body, NULL) : NULL;
      Call call = { loop, NULL, 0 };

      gil_connection_request_async (sim->connection, method, path, node, key, NULL,
                                    on_request_done_cb, &call);
      g_main_loop_run (loop);
      if (call.status != 0 && call.status < 500)
        {
          *status = call.status;
          count (sim, "requests", 1);
          return call.reply;
        }
      g_clear_pointer (&call.reply, json_node_unref);
      count (sim, "retries", 1);
      if (g_get_monotonic_time () > until)
        g_error ("%s: %s %s got no answer for a minute", sim->name, method, path);
      pause_ms (sim, 200);
    }
}

static gint64
member_id (JsonNode   *node,
           const char *object)
{
  JsonObject *o = json_node_get_object (node);

  if (object != NULL)
    o = json_object_get_object_member (o, object);
  return json_object_get_int_member (o, "id");
}

/* ── the desk ────────────────────────────────────────────────────────── */

static char *
birth_date (guint years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) born = g_date_time_add_full (now, -(int)years, 0, -3, 0, 0, 0);

  return g_date_time_format (born, "%Y-%m-%d");
}

static void
run_desk (Sim   *sim,
          guint  visits,
          guint  burst,
          guint  gap)
{
  /* An adult, an elderly woman, a toddler, a pregnant woman: four rooms. */
  static const struct { guint years; const char *sex; const char *purpose; gboolean pregnant; } kinds[] = {
    { 35, "M", "sick", FALSE },
    { 70, "F", "sick", FALSE },
    { 2, "M", "sick", FALSE },
    { 28, "F", "anc", TRUE },
  };

  for (guint i = 0; i < visits && !sim->stopping; i++)
    {
      const typeof (kinds[0]) *kind = &kinds[i % G_N_ELEMENTS (kinds)];
      g_autofree char *born = birth_date (kind->years);
      g_autofree char *patient_body = g_strdup_printf ("{\"name\":\"Pasien %s %u\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                                       sim->name, i, born, kind->sex);
      g_autoptr(JsonNode) patient = NULL;
      g_autoptr(JsonNode) visit = NULL;
      g_autofree char *visit_body = NULL;
      guint status = 0;

      patient = request (sim, "POST", "/api/v1/patients", patient_body, TRUE, &status);
      if (status != 201)
        g_error ("%s: a patient was refused (%u)", sim->name, status);
      visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"%s\","
                                    "\"pregnant\":%s,\"payer\":\"bpjs\"}",
                                    member_id (patient, NULL), kind->purpose,
                                    kind->pregnant ? "true" : "false");
      visit = request (sim, "POST", "/api/v1/visits", visit_body, TRUE, &status);
      if (status != 201)
        g_error ("%s: a visit was refused (%u)", sim->name, status);
      count (sim, "registered", 1);
      if ((i + 1) % burst == 0 && i + 1 < visits)
        {
          count (sim, "gaps", 1);
          pause_ms (sim, gap * 1000);
        }
    }
}

/* ── a room ──────────────────────────────────────────────────────────── */

static gboolean
act (Sim        *sim,
     gint64      stop,
     const char *verb,
     const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", stop, verb);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = request (sim, "POST", path, body, TRUE, &status);
  if (status / 100 != 2)
    g_error ("%s: %s of stop %" G_GINT64_FORMAT " was refused (%u)", sim->name, verb, stop, status);
  count (sim, verb, 1);
  return TRUE;
}

static void
run_room (Sim    *sim,
          gint64  room,
          gint64  lab)
{
  g_autofree char *call_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", room);
  g_autofree char *transfer_body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"return\":true}", lab);
  g_autoptr(GArray) skipped = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) transferred = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint k = 0;

  while (!sim->stopping)
    {
      g_autoptr(JsonNode) reply = NULL;
      guint status = 0;
      gint64 stop, visit;

      reply = request (sim, "POST", call_path, NULL, TRUE, &status);
      if (status == 409)
        {
          /* Nobody waits: those skipped come back now. */
          if (skipped->len > 0)
            {
              act (sim, g_array_index (skipped, gint64, 0), "requeue", NULL);
              g_array_remove_index (skipped, 0);
              continue;
            }
          pause_ms (sim, EMPTY_WAIT_MS);
          continue;
        }
      if (status != 200)
        g_error ("%s: call-next was refused (%u)", sim->name, status);
      count (sim, "called", 1);
      k++;
      stop = member_id (reply, "stop");
      visit = member_id (reply, "visit");

      if (k % RECALL_EVERY == 0)
        act (sim, stop, "recall", NULL);
      if (k % SKIP_EVERY == 0 && skipped->len < SKIPPED_MAX)
        {
          act (sim, stop, "skip", NULL);
          g_array_append_val (skipped, stop);
          continue;
        }
      if (k % 3 == 0 && skipped->len > 0)
        {
          act (sim, g_array_index (skipped, gint64, 0), "requeue", NULL);
          g_array_remove_index (skipped, 0);
        }
      act (sim, stop, "start", NULL);
      if (lab != 0 && k % TRANSFER_EVERY == 0 && !g_hash_table_contains (transferred, &visit))
        {
          g_array_append_val (visits, visit);
          g_hash_table_add (transferred, &g_array_index (visits, gint64, visits->len - 1));
          act (sim, stop, "transfer", transfer_body);
          continue;
        }
      act (sim, stop, "finish", NULL);
    }
}

/* ── the display and the head ────────────────────────────────────────── */

static void
on_event_cb (GilConnection *connection,
             JsonObject    *event,
             gpointer       user_data)
{
  Sim *sim = user_data;

  count (sim, "events", 1);
  set_count (sim, "last_seq", json_object_get_int_member (event, "seq"));
}

static void
on_snapshot_cb (GilConnection *connection,
                JsonObject    *snapshot,
                gpointer       user_data)
{
  Sim *sim = user_data;

  count (sim, "snapshots", 1);
  if (json_object_has_member (snapshot, "seq"))
    set_count (sim, "last_seq", json_object_get_int_member (snapshot, "seq"));
}

static void
run_display (Sim *sim)
{
  g_signal_connect (sim->connection, "event", G_CALLBACK (on_event_cb), sim);
  g_signal_connect (sim->connection, "snapshot", G_CALLBACK (on_snapshot_cb), sim);
  gil_connection_start_events (sim->connection, 0);
  while (!sim->stopping)
    pause_ms (sim, EMPTY_WAIT_MS);
  set_count (sim, "last_seq_seen", gil_connection_get_last_seq (sim->connection));
}

static void
run_head (Sim *sim)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", day);

  while (!sim->stopping)
    {
      g_autoptr(JsonNode) report = NULL;
      guint status = 0;

      report = request (sim, "GET", path, NULL, FALSE, &status);
      if (status != 200)
        g_error ("%s: the daily report was refused (%u)", sim->name, status);
      set_count (sim, "report_visits",
                 json_object_get_int_member (json_object_get_object_member (json_node_get_object (report),
                                                                            "totals"), "visits"));
      count (sim, "reports", 1);
      pause_ms (sim, HEAD_PERIOD_MS);
    }
}

static gboolean
on_sigterm_cb (gpointer user_data)
{
  Sim *sim = user_data;

  sim->stopping = TRUE;
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *token = NULL;
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  gint64 room = 0, lab = 0;
  int visits = 0, burst = 25, gap = 0, client_idle = 0;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, NULL, NULL },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fingerprint, NULL, NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, NULL, NULL },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "room", 0, 0, G_OPTION_ARG_INT64, &room, NULL, NULL },
    { "lab", 0, 0, G_OPTION_ARG_INT64, &lab, NULL, NULL },
    { "visits", 0, 0, G_OPTION_ARG_INT, &visits, NULL, NULL },
    { "burst", 0, 0, G_OPTION_ARG_INT, &burst, NULL, NULL },
    { "gap", 0, 0, G_OPTION_ARG_INT, &gap, NULL, NULL },
    { "client-idle", 0, 0, G_OPTION_ARG_INT, &client_idle, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Sim sim = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  /* GnuTLS loaded with the program, not later by glib-networking in a
   * handshake thread, where LeakSanitizer cannot scan its thread-local
   * storage (see gil_test_manager_dup_fingerprint()). */
  g_assert_nonnull (gnutls_check_version (NULL));

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (url == NULL || token == NULL || role == NULL || burst < 1)
    g_error ("--url, --token and --role are needed");

  sim.connection = fingerprint != NULL ? gil_connection_new_pinned (url, token, fingerprint)
                                       : gil_connection_new (url, token);
  sim.counts = counts;
  sim.name = name != NULL ? name : role;
  /* The same client as the app's, its idle close shortened as the
   * manager's is, so that a test's minutes hold a day's idle gaps. */
  if (client_idle > 0)
    g_object_set (gil_connection_get_session (sim.connection), "idle-timeout", (guint)client_idle, NULL);
  g_unix_signal_add (SIGTERM, on_sigterm_cb, &sim);

  if (g_str_equal (role, "desk"))
    run_desk (&sim, visits, burst, gap);
  else if (g_str_equal (role, "room"))
    run_room (&sim, room, lab);
  else if (g_str_equal (role, "display"))
    run_display (&sim);
  else if (g_str_equal (role, "head"))
    run_head (&sim);
  else
    g_error ("unknown role %s", role);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_print ("%s=%" G_GINT64_FORMAT "\n", (char *)key, *(gint64 *)value);
  fflush (stdout);
  g_clear_object (&sim.connection);
  return 0;
}
