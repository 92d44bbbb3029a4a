/* test-netcut.c — a station rides out the network going away
 *
 * The real giliran-manager runs in one network namespace and a room
 * station's client library in another, joined by a veth pair, as the
 * manager PC and a station are on a puskesmas LAN. While the station's
 * GilConnection, GilQueueModel and GilRoomList follow the manager, the link
 * between them is cut: taken down for a few seconds, taken down for 40 s,
 * and dropped silently by a blackhole route on the manager's side, where no
 * error ever reaches the station and only its 15 s silence limit can tell.
 * The desk and the room keep working at the manager all along, from inside
 * its namespace. Once the link is back the station must have every event
 * from its start to the manager's last, each once, in order and the same
 * as a fresh replay, and its queue and room list must be what the manager
 * serves.
 *
 * One program, three parts:
 *  - run by meson, as root: makes the namespaces and the link, runs itself
 *    again inside the station's namespace, and removes the namespaces
 *    however that ends (gil-test-netns.c);
 *  - "--station": the GTest cases, in the station's namespace; starts the
 *    manager in the manager's namespace;
 *  - "--puskesmas": registrations and calls for a while, run inside the
 *    manager's namespace, where the cut link does not matter.
 *
 * Without root or iproute2 the test is skipped; under CI it fails instead,
 * since there it must run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "gil-connection.h"
#include "gil-queue-model.h"
#include "gil-room-list.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"
#include "gil-test-netns.h"

#define NETNS_PREFIX     "giliran-netcut-"
#define MANAGER_ADDRESS  "10.47.0.1"
#define STATION_ADDRESS  "10.47.0.2"
#define ROOM_CODE        "K3-DEWASA"
#define WAIT_MS          20000
/* From the link coming back to the station being current: a reconnect
 * waits at most 5 s, and TCP retries a connection under way after 1, 3, 7
 * … s, so a few seconds, with room for a slow machine. */
#define RESYNC_LIMIT_S   20
/* The station hears the manager every 5 s (pings) and gives up after 15 s
 * of silence; a cut longer than that must be noticed during the cut. */
#define SILENCE_LIMIT_S  15
#define PUSKESMAS_PAUSE_MS 250
/* Once the station is online again, what it had asked before the link
 * came back is answered at once, not when its 30 s timeout runs out. */
#define CATCH_UP_LIMIT_US (3 * G_USEC_PER_SEC)

#define ip gil_test_netns_ip

/* ── the part meson runs: the two hosts, joined ──────────────────────── */

/* The manager's namespace first, the station's second. */
static gboolean
join_hosts (const char * const *namespaces,
            GPtrArray          *inner_args,
            gpointer            user_data)
{
  g_autofree char *link_manager = NULL;
  char *link_station = NULL;
  gboolean joined = gil_test_netns_link_two (namespaces, "gil", MANAGER_ADDRESS "/24", STATION_ADDRESS "/24",
                                             &link_manager, &link_station);

  g_ptr_array_add (inner_args, link_station);
  return joined;
}

/* ── the puskesmas: busy at the manager, inside its namespace ─────────── */


/* Registers, calls, recalls, starts, finishes, skips and requeues in the
 * room for @seconds (at least one round), then prints the manager's last
 * seq and how many calls it made. A few more arrive than are called, so
 * the queue is never empty. */
static int
run_puskesmas (const char *url,
               const char *token,
               guint       seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  gint64 skipped = 0;
  guint calls = 0;
  int pid = (int)getpid ();

  for (guint round = 0; round == 0 || g_get_monotonic_time () < until; round++)
    {
      for (guint i = 0; i < (round == 0 ? 4 : 1); i++)
        {
          g_autofree char *name = g_strdup_printf ("Pasien Putus %d %u-%u", pid, round, i);
          g_autoptr(JsonNode) visit = gil_test_api_register (url, token, name, "1980-07-05", NULL);
        }

      if (round % 2 == 1)
        {
          g_autoptr(JsonObject) stop = gil_test_api_call_next (url, token, ROOM_CODE);
          gint64 id = json_object_get_int_member (stop, "id");

          gil_test_api_stop_action (url, token, id, "recall");
          gil_test_api_stop_action (url, token, id, "start");
          gil_test_api_stop_action (url, token, id, "finish");
          calls++;
        }
      if (round % 3 == 2)
        {
          g_autoptr(JsonObject) stop = gil_test_api_call_next (url, token, ROOM_CODE);

          if (skipped != 0)
            gil_test_api_stop_action (url, token, skipped, "requeue");
          skipped = json_object_get_int_member (stop, "id");
          gil_test_api_stop_action (url, token, skipped, "skip");
          calls++;
        }
      g_usleep (PUSKESMAS_PAUSE_MS * 1000);
    }

  g_print ("%" G_GINT64_FORMAT " %u\n", gil_test_api_health_seq (url), calls);
  return 0;
}

/* ── the station: the test cases ──────────────────────────────────────── */

static struct
{
  const char     *self;
  const char     *ns_manager;
  const char     *link_station;
  GilTestManager *manager;
  char           *token;      /* a room station's, for ROOM_CODE */
  gint64          id;         /* that station's */
  gint64          room;
} station;

typedef enum
{
  CUT_LINK_DOWN,     /* the station's end is down: errors at once */
  CUT_BLACKHOLE,     /* the manager's replies vanish: silence */
} CutKind;

typedef struct
{
  CutKind kind;
  guint   seconds;
} Cut;

static const Cut short_down = { CUT_LINK_DOWN, 4 };
static const Cut long_down = { CUT_LINK_DOWN, 40 };
static const Cut silent_drop = { CUT_BLACKHOLE, 25 };

static void
cut_link (const Cut *cut,
          gboolean   cut_off)
{
  const char *verb = cut_off ? "add" : "delete";

  switch (cut->kind)
    {
    case CUT_LINK_DOWN:
      g_assert_true (ip ("link", "set", station.link_station, cut_off ? "down" : "up", NULL));
      break;
    case CUT_BLACKHOLE:
      g_assert_true (ip ("-n", station.ns_manager, "route", verb, "blackhole", STATION_ADDRESS "/32", NULL));
      break;
    default:
      g_assert_not_reached ();
    }
}


/* Adds to @loaded (element-type gint64) each time @queue finishes loading. */
static void
on_queue_loading_cb (GilQueueModel *queue,
                     GParamSpec    *pspec,
                     GArray        *loaded)
{
  gint64 now = g_get_monotonic_time ();

  if (!gil_queue_model_get_loading (queue))
    g_array_append_val (loaded, now);
}

/* Returns: the stop.called events @rec holds; @by_station: how many of
 * them the station @station_id made. */
static guint
count_calls (GilTestRecorder *rec,
             gint64           station_id,
             guint           *by_station)
{
  guint calls = 0;

  *by_station = 0;
  for (guint i = 0; i < rec->types->len; i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (!g_str_equal (g_ptr_array_index (rec->types, i), "stop.called"))
        continue;
      calls++;
      node = json_from_string (g_ptr_array_index (rec->messages, i), NULL);
      if (json_object_get_int_member_with_default (json_node_get_object (node), "station", 0) == station_id)
        (*by_station)++;
    }
  return calls;
}

/* What the station holds, to be waited on until it is current. */
typedef struct
{
  GilConnection *connection;
  GilQueueModel *queue;
  GilRoomList   *rooms;
  gint64         last;
} Station;

static gboolean
is_current (gpointer data)
{
  Station *s = data;

  return gil_connection_get_online (s->connection) &&
         gil_connection_get_last_seq (s->connection) >= s->last &&
         (s->queue == NULL || !gil_queue_model_get_loading (s->queue)) &&
         (s->rooms == NULL || !gil_room_list_get_loading (s->rooms));
}

static gint64
manager_seq (void)
{
  return gil_test_api_health_seq (gil_test_manager_get_url (station.manager));
}

/* The puskesmas at work, in the manager's namespace. */
typedef struct
{
  GSubprocess *process;
  gboolean     done;
  char        *output;
  GError      *error;
  gint64       last;    /* the manager's last seq when it was done */
  guint        calls;   /* the patients it called */
} Puskesmas;

static void
on_puskesmas_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Puskesmas *p = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &p->output, NULL, &p->error);
  p->done = TRUE;
}

static void
puskesmas_start (Puskesmas *p,
                 guint      seconds)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *duration = g_strdup_printf ("%u", seconds);
  g_autoptr(GError) error = NULL;

  memset (p, 0, sizeof *p);
  g_subprocess_launcher_set_child_setup (launcher, gil_test_netns_die_with_parent, NULL, NULL);
  p->process = g_subprocess_launcher_spawn (launcher, &error,
                                            "ip", "netns", "exec", station.ns_manager,
                                            station.self, "--puskesmas",
                                            gil_test_manager_get_url (station.manager),
                                            gil_test_manager_get_admin_token (station.manager),
                                            duration, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (p->process, NULL, NULL, on_puskesmas_done_cb, p);
}

static gboolean
puskesmas_done (gpointer data)
{
  return ((Puskesmas *)data)->done;
}

static void
puskesmas_finish (Puskesmas *p,
                  guint      timeout_ms)
{
  char *end = NULL;

  gil_test_loop_wait_until (puskesmas_done, p, timeout_ms, "the puskesmas to finish");
  g_assert_no_error (p->error);
  g_assert_true (g_subprocess_get_if_exited (p->process));
  g_assert_cmpint (g_subprocess_get_exit_status (p->process), ==, 0);
  p->last = g_ascii_strtoll (p->output, &end, 10);
  p->calls = (guint)g_ascii_strtoull (end, NULL, 10);
  g_assert_cmpint (p->last, >, 0);
  g_assert_cmpuint (p->calls, >, 0);
  g_clear_object (&p->process);
  g_clear_pointer (&p->output, g_free);
}

/* The stops of the queue as the model shows them and as the manager
 * serves them: called, serving, waiting in call order, skipped. */
static char *
describe_model (GilQueueModel *queue)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(GilStopItem) stop = g_list_model_get_item (G_LIST_MODEL (queue), i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s calls=%u position=%u\n",
                              gil_stop_item_get_id (stop), gil_stop_item_get_ticket (stop),
                              gil_stop_status_to_string (gil_stop_item_get_status (stop)), gil_stop_item_get_calls (stop),
                              gil_stop_item_get_position (stop));
    }
  return g_string_free (text, FALSE);
}

static char *
describe_manager_queue (void)
{
  static const char * const members[] = { "called", "serving", "waiting", "skipped" };
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/queue", station.room);
  g_autoptr(JsonNode) reply = NULL;
  GString *text = g_string_new (NULL);
  guint status = 0;

  reply = gil_test_api_call (gil_test_manager_get_url (station.manager), station.token,
                             "GET", path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *stops = json_object_get_array_member (gil_test_api_object (reply), members[m]);

      for (guint i = 0; i < json_array_get_length (stops); i++)
        {
          JsonObject *stop = json_array_get_object_element (stops, i);
          JsonNode *position = json_object_get_member (stop, "position");

          g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s calls=%u position=%u\n",
                                  json_object_get_int_member (stop, "id"),
                                  json_object_get_string_member (stop, "ticket"),
                                  json_object_get_string_member (stop, "status"),
                                  (guint)json_object_get_int_member (stop, "calls"),
                                  position != NULL && JSON_NODE_HOLDS_VALUE (position)
                                    ? (guint)json_node_get_int (position) : 0);
        }
    }
  return g_string_free (text, FALSE);
}

static char *
describe_room_list (GilRoomList *rooms)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rooms)); i++)
    {
      g_autoptr(GilRoomItem) room = g_list_model_get_item (G_LIST_MODEL (rooms), i);

      g_string_append_printf (text, "%s waiting=%u\n", gil_room_item_get_code (room),
                              gil_room_item_get_waiting (room));
    }
  return g_string_free (text, FALSE);
}

static char *
describe_manager_rooms (void)
{
  g_autoptr(JsonNode) reply = NULL;
  GString *text = g_string_new (NULL);
  JsonArray *rooms;
  guint status = 0;

  reply = gil_test_api_call (gil_test_manager_get_url (station.manager), station.token,
                             "GET", "/api/v1/rooms", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rooms = json_node_get_array (reply);
  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      g_string_append_printf (text, "%s waiting=%u\n", json_object_get_string_member (room, "code"),
                              (guint)json_object_get_int_member (room, "waiting"));
    }
  return g_string_free (text, FALSE);
}

/* What the station's queue and room list show is what the manager
 * serves. */
static void
assert_shows_served (GilQueueModel *queue,
                     GilRoomList   *rooms)
{
  g_autofree char *model = describe_model (queue);
  g_autofree char *served = describe_manager_queue ();
  g_autofree char *room_list = describe_room_list (rooms);
  g_autofree char *served_rooms = describe_manager_rooms ();

  g_assert_cmpstr (model, ==, served);
  g_assert_cmpstr (room_list, ==, served_rooms);
}

/* The room's own "call next", sent while the link is cut. */
typedef struct
{
  gboolean  done;
  JsonNode *node;
  GError   *error;
  gint64    sent_at;
  gint64    done_at;
} Action;

static void
on_action_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Action *action = user_data;

  action->node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &action->error);
  action->done_at = g_get_monotonic_time ();
  action->done = TRUE;
}

static void
action_clear (Action *action)
{
  g_clear_pointer (&action->node, json_node_unref);
  g_clear_error (&action->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Action, action_clear)

static gboolean
action_done (gpointer data)
{
  return ((Action *)data)->done;
}

static void
call_next (GilConnection *connection,
           Action        *action)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", station.room);
  g_autofree char *key = gil_connection_new_action_key ();

  action->sent_at = g_get_monotonic_time ();
  gil_connection_request_async (connection, "POST", path, NULL, key, NULL, on_action_done_cb, action);
}

/* A second station that starts from @since now: what the manager's log
 * holds, to compare the first one with. */
static GPtrArray *
replay_from (gint64 since,
             gint64 last)
{
  g_autoptr(GilConnection) connection = gil_connection_new (gil_test_manager_get_url (station.manager),
                                                            station.token);
  g_auto(GilTestRecorder) rec = { 0 };
  Station s = { connection, NULL, NULL, last };

  gil_test_recorder_init (&rec, connection);
  gil_connection_start_events (connection, since);
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the replay");
  gil_connection_stop_events (connection);
  g_assert_cmpuint (rec.snapshots, ==, 0);
  return g_ptr_array_ref (rec.messages);
}

static void
test_cut (gconstpointer data)
{
  const Cut *cut = data;
  const char *url = gil_test_manager_get_url (station.manager);
  g_autoptr(GilConnection) connection = gil_connection_new (url, station.token);
  g_autoptr(GilQueueModel) queue = gil_queue_model_new (connection, station.room);
  g_autoptr(GilRoomList) rooms = gil_room_list_new (connection);
  g_autoptr(GPtrArray) replay = NULL;
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GilTestRecorder) rec = { 0 };
  g_auto(Action) action = { 0 };
  Station s = { connection, queue, rooms, 0 };
  Puskesmas puskesmas;
  gint64 since = manager_seq ();
  gint64 cut_at, back_at, resynced_at;
  gint64 offline_at = 0;
  gint64 online_at = 0;
  gboolean online_again = FALSE;
  guint calls;
  guint station_calls;
  /* Before the station can notice (SILENCE_LIMIT_S) */
  guint action_after = MIN (12, cut->seconds / 2);

  gil_test_recorder_init (&rec, connection);
  g_signal_connect (queue, "notify::loading", G_CALLBACK (on_queue_loading_cb), loaded);
  gil_connection_start_events (connection, since);
  s.last = since;
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the station to be online and loaded");

  /* Busy before, during and after the cut. */
  puskesmas_start (&puskesmas, cut->seconds + 3);
  gil_test_loop_run_for (1500);
  g_assert_cmpint (gil_connection_get_last_seq (connection), >, since);

  /* The room calls its next patient before it can know of the cut, and
   * its page loads what it shows again, as an event would have it do. */
  cut_link (cut, TRUE);
  cut_at = g_get_monotonic_time ();
  gil_test_loop_run_for (action_after * 1000);
  call_next (connection, &action);
  gil_queue_model_reload (queue);
  gil_room_list_reload (rooms);
  gil_test_loop_run_for ((cut->seconds - action_after) * 1000);
  cut_link (cut, FALSE);
  back_at = g_get_monotonic_time ();

  puskesmas_finish (&puskesmas, WAIT_MS);
  /* The room's call may be made only now, after the puskesmas is done. */
  gil_test_loop_wait_until (action_done, &action, WAIT_MS, "the room's call to be answered");
  s.last = manager_seq ();
  g_assert_cmpint (s.last, >=, puskesmas.last);
  if (!gil_test_loop_wait_for (is_current, &s, RESYNC_LIMIT_S * 1000))
    g_error ("The station did not catch up within %d s of the link coming back: "
             "online %d, seq %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT ", queue loading %d, rooms loading %d",
             RESYNC_LIMIT_S, gil_connection_get_online (connection),
             gil_connection_get_last_seq (connection), s.last,
             gil_queue_model_get_loading (queue), gil_room_list_get_loading (rooms));
  resynced_at = g_get_monotonic_time ();
  /* Anything late or doubled would show up now. */
  gil_test_loop_run_for (500);

  /* Every event once, in order, as the manager keeps them. */
  g_assert_cmpuint (rec.snapshots, ==, 0);
  g_assert_cmpint (rec.seqs->len, ==, s.last - since);
  for (guint i = 0; i < rec.seqs->len; i++)
    g_assert_cmpint (g_array_index (rec.seqs, gint64, i), ==, since + 1 + i);
  replay = replay_from (since, s.last);
  g_assert_cmpuint (replay->len, ==, rec.messages->len);
  for (guint i = 0; i < replay->len; i++)
    g_assert_cmpstr (g_ptr_array_index (rec.messages, i), ==, g_ptr_array_index (replay, i));

  /* What the station shows is what the manager serves. */
  assert_shows_served (queue, rooms);

  /* The room's call is made once or not at all. A link that is down may
   * fail it (at once on a new connection, after the 30 s timeout on one
   * kept alive); silence hides whether it arrived, so it is sent again
   * with the same key once the link is back, and made once. */
  calls = count_calls (&rec, station.id, &station_calls);
  if (action.node != NULL)
    g_assert_cmpuint (station_calls, ==, 1);
  else
    {
      g_assert_error (action.error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
      g_assert_true (cut->kind == CUT_LINK_DOWN);
      g_assert_cmpuint (station_calls, ==, 0);
    }
  g_assert_cmpuint (calls, ==, puskesmas.calls + station_calls);

  /* Online went off during a cut past the silence limit, and is on. */
  for (guint i = 0; i < rec.changes->len; i++)
    {
      GilTestOnlineChange *change = &g_array_index (rec.changes, GilTestOnlineChange, i);

      if (!change->online && offline_at == 0 && change->time >= cut_at)
        offline_at = change->time;
      if (change->online && online_at == 0 && change->time >= back_at)
        online_at = change->time;
      online_again = change->online;
    }
  g_assert_true (online_again);
  if (cut->seconds > SILENCE_LIMIT_S)
    {
      g_assert_cmpint (offline_at, >, cut_at);
      g_assert_cmpint (offline_at, <, back_at);
      g_assert_cmpint (offline_at - cut_at, <=, (SILENCE_LIMIT_S + 1) * G_USEC_PER_SEC);
      g_assert_cmpint (online_at, >, 0);
    }

  /* Back online, the room's queue is loaded at once and its call answered:
   * a request that went out before is not left to wait out its timeout on
   * a connection the cut killed. */
  if (online_at != 0)
    {
      gint64 loaded_at = 0;

      for (guint i = 0; i < loaded->len && loaded_at == 0; i++)
        if (g_array_index (loaded, gint64, i) >= online_at)
          loaded_at = g_array_index (loaded, gint64, i);
      g_assert_cmpint (loaded_at, >, 0);
      g_test_message ("queue loaded %.1f s after coming online",
                      (loaded_at - online_at) / (double)G_USEC_PER_SEC);
      g_assert_cmpint (loaded_at - online_at, <, CATCH_UP_LIMIT_US);
      g_assert_cmpint (action.done_at - online_at, <, CATCH_UP_LIMIT_US);
    }

  g_test_message ("%u s cut: %u events, offline %s, current %.1f s after the link came back",
                  cut->seconds, rec.seqs->len,
                  offline_at != 0 ? "during the cut" : "never",
                  (resynced_at - back_at) / (double)G_USEC_PER_SEC);
  if (offline_at != 0)
    g_test_message ("offline %.1f s after the cut began, online %.1f s after the link came back",
                    (offline_at - cut_at) / (double)G_USEC_PER_SEC,
                    (online_at - back_at) / (double)G_USEC_PER_SEC);
  g_test_message ("the room's call %s after %.1f s", action.node != NULL ? "was made" : "failed",
                  (action.done_at - action.sent_at) / (double)G_USEC_PER_SEC);

  gil_connection_stop_events (connection);
}

/* The id of the station with @token, from the admin's list. */
static gint64
station_id (const char *token)
{
  const char *url = gil_test_manager_get_url (station.manager);
  g_autoptr(JsonNode) stations = NULL;
  g_autoptr(JsonNode) health = NULL;
  JsonArray *array;
  guint status = 0;
  gint64 id = 0;

  /* The newest room station is the one just paired. */
  stations = gil_test_api_call (url, gil_test_manager_get_admin_token (station.manager),
                                "GET", "/api/v1/stations", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  array = json_node_get_array (stations);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (object, "role"), "room"))
        id = MAX (id, json_object_get_int_member (object, "id"));
    }
  g_assert_cmpint (id, >, 0);
  /* and the token works */
  health = gil_test_api_call (url, token, "GET", "/api/v1/rooms", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return id;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_unlink (to);
  if (!g_file_test (from, G_FILE_TEST_EXISTS))
    return;
  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* A stopped manager's database, with its write-ahead log if it has one. */
static void
copy_database (const char *from,
               const char *to)
{
  g_autofree char *from_wal = g_strconcat (from, "-wal", NULL);
  g_autofree char *to_wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *to_shm = g_strconcat (to, "-shm", NULL);

  copy_file (from, to);
  copy_file (from_wal, to_wal);
  g_unlink (to_shm);
}

/* While the link is down the manager's database is put back as it was
 * earlier (a backup restored): the station is ahead of the manager's log
 * and cannot resume from it. It gets a snapshot instead, shows what the
 * manager has, and goes on with the events after it. */
static void
test_restored_backup (void)
{
  static const Cut cut = { CUT_LINK_DOWN, 3 };
  const char *database = gil_test_manager_get_database (station.manager);
  g_autofree char *saved = g_strconcat (database, ".saved", NULL);
  g_autoptr(GilConnection) connection = NULL;
  g_autoptr(GilQueueModel) queue = NULL;
  g_autoptr(GilRoomList) rooms = NULL;
  g_auto(GilTestRecorder) rec = { 0 };
  Station s = { NULL, NULL, NULL, 0 };
  Puskesmas puskesmas;
  gint64 saved_seq;
  gint64 ahead;

  gil_test_manager_kill (station.manager, SIGTERM);
  copy_database (database, saved);
  gil_test_manager_restart (station.manager);
  saved_seq = manager_seq ();

  connection = gil_connection_new (gil_test_manager_get_url (station.manager), station.token);
  queue = gil_queue_model_new (connection, station.room);
  rooms = gil_room_list_new (connection);
  s = (Station) { connection, queue, rooms, saved_seq };
  gil_test_recorder_init (&rec, connection);
  gil_connection_start_events (connection, saved_seq);
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the station to be online and loaded");

  puskesmas_start (&puskesmas, 2);
  puskesmas_finish (&puskesmas, WAIT_MS);
  ahead = s.last = puskesmas.last;
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the events before the cut");
  g_assert_cmpint (ahead, >, saved_seq);

  cut_link (&cut, TRUE);
  gil_test_manager_kill (station.manager, SIGKILL);
  copy_database (saved, database);
  gil_test_manager_restart (station.manager);
  gil_test_loop_run_for (cut.seconds * 1000);
  cut_link (&cut, FALSE);

  gil_test_loop_wait_until (gil_test_recorder_got_snapshot, &rec, WAIT_MS, "the snapshot");
  s.last = manager_seq ();
  g_assert_cmpint (s.last, ==, saved_seq);
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the station to show the snapshot");
  g_assert_cmpuint (rec.snapshots, ==, 1);
  g_assert_cmpint (gil_connection_get_last_seq (connection), ==, saved_seq);
  g_assert_cmpuint (rec.snapshot_at, ==, ahead - saved_seq);

  /* Events go on from the restored log, numbered again from it. */
  puskesmas_start (&puskesmas, 1);
  puskesmas_finish (&puskesmas, WAIT_MS);
  s.last = puskesmas.last;
  gil_test_loop_wait_until (is_current, &s, WAIT_MS, "the events after the snapshot");
  gil_test_loop_run_for (500);
  g_assert_cmpuint (rec.snapshots, ==, 1);
  g_assert_cmpuint (rec.seqs->len - rec.snapshot_at, ==, s.last - saved_seq);
  for (guint i = rec.snapshot_at; i < rec.seqs->len; i++)
    g_assert_cmpint (g_array_index (rec.seqs, gint64, i), ==, saved_seq + 1 + (i - rec.snapshot_at));

  assert_shows_served (queue, rooms);

  gil_connection_stop_events (connection);
  g_unlink (saved);
}

static int
run_station (int   argc,
             char *argv[])
{
  g_autofree char *room = NULL;
  int status;

  station.self = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (station.self);
  station.ns_manager = argv[2];
  station.link_station = argv[4];
  /* The rest is GTest's. */
  argv[4] = argv[0];
  argc -= 4;
  argv += 4;
  g_test_init (&argc, &argv, NULL);

  station.manager = gil_test_manager_start_in_netns (station.ns_manager, MANAGER_ADDRESS);
  station.room = gil_test_api_room_id (gil_test_manager_get_url (station.manager),
                                       gil_test_manager_get_admin_token (station.manager),
                                       ROOM_CODE);
  room = g_strdup_printf ("%" G_GINT64_FORMAT, station.room);
  station.token = gil_test_api_pair (gil_test_manager_get_url (station.manager),
                                     gil_test_manager_get_admin_token (station.manager),
                                     "room", room);
  station.id = station_id (station.token);

  g_test_add_data_func ("/giliran/netcut/link-down-short", &short_down, test_cut);
  g_test_add_data_func ("/giliran/netcut/link-down-long", &long_down, test_cut);
  g_test_add_data_func ("/giliran/netcut/silent-drop", &silent_drop, test_cut);
  g_test_add_func ("/giliran/netcut/restored-backup", test_restored_backup);

  status = g_test_run ();
  gil_test_manager_free (station.manager);
  g_free (station.token);
  g_free ((char *)station.self);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 5 && g_str_equal (argv[1], "--station"))
    return run_station (argc, argv);
  if (argc == 5 && g_str_equal (argv[1], "--puskesmas"))
    return run_puskesmas (argv[2], argv[3], (guint)g_ascii_strtoull (argv[4], NULL, 10));
  return gil_test_netns_supervise (argc, argv, NETNS_PREFIX, 2, join_hosts, NULL, 1, "--station");
}
