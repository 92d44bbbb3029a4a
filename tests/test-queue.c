/* test-queue.c — visits, stops, ordering and the day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-events.h"
#include "gil-queue.h"
#include "gil-reports.h"
#include "gil-rooms.h"
#include "gil-stop-actions.h"
#include "gil-test-util.h"
#include "gil-routing-rules.h"

typedef struct
{
  char     *dir;
  GilStore *store;
  guint     patients;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_store_set_up (&f->dir, &f->store);
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 8, 0));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_store_tear_down (&f->dir, &f->store);
}

static void
advance (Fixture *f,
         int      seconds)
{
  gil_store_set_now (f->store, gil_store_now (f->store) + seconds);
}

/* A new adult patient's visit, optionally with signs or into a chosen room. */
static GilVisit *
register_visit (Fixture            *f,
                const char         *birth_date,
                const char * const *signs,
                const char         *room_code)
{
  g_autofree char *name = g_strdup_printf ("Pasien %u", ++f->patients);
  GilVisitRequest request = { .signs = signs };
  GilVisit *visit = gil_test_register_visit (f->store, &request, name, birth_date, "M", room_code);

  advance (f, 30);
  return visit;
}

static gint64
first_stop (GilVisit *visit)
{
  return ((GilStop *)g_ptr_array_index (visit->stops, 0))->id;
}

static GilStopStatus
status_of (Fixture *f,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) stop = gil_queue_get_stop (f->store, id, &error);

  g_assert_no_error (error);
  return stop->status;
}

static char *
call_next_ticket (Fixture    *f,
                  const char *room_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) stop = NULL;
  g_autofree char *why = NULL;

  stop = gil_queue_call_next (f->store, gil_test_room_id (f->store, room_code), &why, &error);
  g_assert_no_error (error);
  g_assert_nonnull (why);
  g_assert_cmpint (stop->status, ==, GIL_STOP_CALLED);
  advance (f, 10);
  return g_strdup (stop->ticket);
}

static void
test_register (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GilVisit) first = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) second = register_visit (f, "1981-05-05", NULL, NULL);
  g_autoptr(GilVisit) elderly = register_visit (f, "1950-05-05", NULL, NULL);
  g_autoptr(GPtrArray) events = NULL;
  GilStop *stop;

  g_assert_cmpstr (first->ticket, ==, "D-001");
  g_assert_cmpstr (second->ticket, ==, "D-002");
  g_assert_cmpstr (elderly->ticket, ==, "E-001");
  g_assert_cmpstr (first->day, ==, "2026-11-22");
  g_assert_cmpstr (first->cluster, ==, "k3");
  g_assert_cmpstr (first->rule, ==, "adult");
  g_assert_true (first->new_patient);
  g_assert_false (first->overridden);
  g_assert_cmpint (first->room, ==, first->suggested_room);
  g_assert_cmpint (elderly->priority, ==, GIL_PRIORITY_PRIORITY);
  g_assert_cmpuint (first->stops->len, ==, 1);
  stop = g_ptr_array_index (second->stops, 0);
  g_assert_cmpint (stop->status, ==, GIL_STOP_WAITING);
  g_assert_cmpint (stop->position, ==, 2);
  g_assert_cmpstr (stop->ticket, ==, "D-002");

  /* Each registration logged visit.registered and stop.enqueued. */
  events = gil_events_since (f->store, 0, 100, NULL);
  g_assert_cmpstr (((GilEvent *)g_ptr_array_index (events, 0))->type, ==, "day.started");
  g_assert_cmpuint (events->len, ==, 1 + 3 * 2);
  g_assert_cmpstr (((GilEvent *)g_ptr_array_index (events, 1))->type, ==, "visit.registered");
  g_assert_cmpstr (((GilEvent *)g_ptr_array_index (events, 2))->type, ==, "stop.enqueued");
  g_assert_nonnull (strstr (((GilEvent *)g_ptr_array_index (events, 2))->data, "\"D-001\""));
}

static void
test_register_refusals (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) lab = NULL;
  GilVisitRequest request = { 0 };
  gint64 seq = gil_events_last_seq (f->store);
  GilVisit *none;

  /* The same patient again while the first visit is open. */
  request.patient = visit->patient->id;
  request.purpose = "sick";
  request.payer = "umum";
  none = gil_queue_register (f->store, &request, &error);
  g_assert_null (none);
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_ALREADY_QUEUED);
  g_clear_error (&error);

  request.patient = gil_test_add_patient (f->store, "Baru", "1990-01-01", "F");
  request.payer = "cash";
  g_assert_null (gil_queue_register (f->store, &request, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_PAYER);
  g_clear_error (&error);

  request.payer = "bpjs";
  request.purpose = "picnic";
  g_assert_null (gil_queue_register (f->store, &request, &error));
  g_assert_error (error, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_PURPOSE);
  g_clear_error (&error);

  request.purpose = "sick";
  request.patient = 999999;
  g_assert_null (gil_queue_register (f->store, &request, &error));
  g_assert_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An override into a closed room. */
  lab = gil_rooms_get_by_code (f->store, "LK-LAB", NULL);
  lab->active = FALSE;
  g_assert_true (gil_rooms_update (f->store, lab, NULL));
  seq = gil_events_last_seq (f->store);
  request.patient = gil_test_add_patient (f->store, "Lain", "1990-01-01", "F");
  request.room = lab->id;
  g_assert_null (gil_queue_register (f->store, &request, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_ROOM_INACTIVE);
  g_clear_error (&error);

  /* Nothing was written by any refusal. */
  g_assert_cmpint (gil_events_last_seq (f->store), ==, seq);
  {
    g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (f->store, "SELECT count (*) FROM visits", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  }
}

static void
test_override (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", NULL, "LK-GIGI");

  g_assert_true (visit->overridden);
  g_assert_cmpint (visit->suggested_room, ==, gil_test_room_id (f->store, "K3-DEWASA"));
  g_assert_cmpint (visit->room, ==, gil_test_room_id (f->store, "LK-GIGI"));
  g_assert_cmpstr (visit->ticket, ==, "H-001");
}

/* A state change of the queue, as gil_queue_recall() and its kind. */
typedef GilStop *(*Action) (GilStore *store, gint64 stop, GError **error);

static GilStop *
do_call (GilStore *store, gint64 stop, GError **error)
{
  return gil_queue_call (store, stop, NULL, error);
}

static GilStop *
do_transfer (GilStore *store, gint64 stop, GError **error)
{
  return gil_queue_transfer (store, stop, gil_test_room_id (store, "LK-LAB"), FALSE, error);
}

static const struct {
  const char    *name;
  Action         action;
  guint          allowed;   /* bit per GilStopStatus */
  GilStopStatus  result;    /* of the acted-on stop */
} actions[] = {
  { "call", do_call, 1u << GIL_STOP_WAITING, GIL_STOP_CALLED },
  { "recall", gil_queue_recall, 1u << GIL_STOP_CALLED, GIL_STOP_CALLED },
  { "start", gil_queue_start, 1u << GIL_STOP_CALLED, GIL_STOP_SERVING },
  { "finish", gil_queue_finish, 1u << GIL_STOP_SERVING, GIL_STOP_DONE },
  { "skip", gil_queue_skip, 1u << GIL_STOP_CALLED, GIL_STOP_SKIPPED },
  { "requeue", gil_queue_requeue, 1u << GIL_STOP_SKIPPED, GIL_STOP_WAITING },
  { "transfer", do_transfer,
    (1u << GIL_STOP_WAITING) | (1u << GIL_STOP_CALLED) | (1u << GIL_STOP_SERVING),
    GIL_STOP_TRANSFERRED },
};

/* Brings a new visit's first stop to @status by the ordinary actions. */
static gint64
stop_in_state (Fixture       *f,
               GilStopStatus  status)
{
  g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", NULL, NULL);
  gint64 id = first_stop (visit);
  g_autoptr(GError) error = NULL;
  GilStop *stop = NULL;

  switch (status)
    {
    case GIL_STOP_WAITING:
      break;
    case GIL_STOP_CALLED:
      stop = gil_queue_call (f->store, id, NULL, &error);
      break;
    case GIL_STOP_SERVING:
      gil_stop_free (gil_queue_call (f->store, id, NULL, &error));
      stop = gil_queue_start (f->store, id, &error);
      break;
    case GIL_STOP_DONE:
      gil_stop_free (gil_queue_call (f->store, id, NULL, &error));
      gil_stop_free (gil_queue_start (f->store, id, &error));
      stop = gil_queue_finish (f->store, id, &error);
      break;
    case GIL_STOP_SKIPPED:
      gil_stop_free (gil_queue_call (f->store, id, NULL, &error));
      stop = gil_queue_skip (f->store, id, &error);
      break;
    case GIL_STOP_TRANSFERRED:
      stop = do_transfer (f->store, id, &error);
      break;
    case GIL_STOP_EXPIRED:
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  gil_stop_free (stop);
  g_assert_cmpint (status_of (f, id), ==, status);
  return id;
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  for (GilStopStatus status = GIL_STOP_WAITING; status < GIL_STOP_EXPIRED; status++)
    {
      for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
        {
          gint64 id = stop_in_state (f, status);
          gint64 seq = gil_events_last_seq (f->store);
          g_autoptr(GError) error = NULL;
          g_autoptr(GilStop) stop = NULL;
          GilStopAction action;

          g_test_message ("%s from %s", actions[a].name, gil_stop_status_to_string (status));
          /* The public rule (gil-stop-actions.h) says what the queue does. */
          g_assert_true (gil_stop_action_from_string (actions[a].name, &action));
          g_assert_cmpint (gil_stop_action_allowed (status, action), ==,
                           (actions[a].allowed & (1u << status)) != 0);
          stop = actions[a].action (f->store, id, &error);

          if (actions[a].allowed & (1u << status))
            {
              g_assert_no_error (error);
              g_assert_nonnull (stop);
              g_assert_cmpint (status_of (f, id), ==, actions[a].result);
              g_assert_cmpint (gil_events_last_seq (f->store), >, seq);
            }
          else
            {
              g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
              g_assert_null (stop);
              g_assert_cmpint (status_of (f, id), ==, status);
              g_assert_cmpint (gil_events_last_seq (f->store), ==, seq);
            }

          /* Leave the room empty for the next case. */
          if (status_of (f, id) == GIL_STOP_WAITING || status_of (f, id) == GIL_STOP_CALLED)
            {
              if (status_of (f, id) == GIL_STOP_WAITING)
                gil_stop_free (gil_queue_call (f->store, id, NULL, NULL));
              gil_stop_free (gil_queue_skip (f->store, id, NULL));
            }
          else if (status_of (f, id) == GIL_STOP_SERVING)
            gil_stop_free (gil_queue_finish (f->store, id, NULL));
        }
    }
}

static void
test_unknown_and_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (gil_queue_start (f->store, 4242, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (gil_queue_call_next (f->store, gil_test_room_id (f->store, "K3-DEWASA"), NULL, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY);
  g_clear_error (&error);

  g_assert_null (gil_queue_call_next (f->store, 4242, NULL, &error));
  g_assert_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A transfer to the room the patient is already in. */
  {
    g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", NULL, NULL);

    g_assert_null (gil_queue_transfer (f->store, first_stop (visit), visit->room, FALSE, &error));
    g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  }
}

static void
set_policy (Fixture    *f,
            const char *code,
            gboolean    strict,
            int         every)
{
  g_autoptr(GilRoom) room = gil_rooms_get_by_code (f->store, code, NULL);
  g_autoptr(GError) error = NULL;

  room->strict = strict;
  room->interleave_every = every;
  g_assert_true (gil_rooms_update (f->store, room, &error));
  g_assert_no_error (error);
}

/* Three normal, three priority (disability) and one emergency patient, all in
 * the adult room; returns the tickets in the order they are called. */
static char *
call_order (Fixture  *f,
            gboolean  strict)
{
  const char * const disability[] = { "disability", NULL };
  const char * const emergency[] = { "emergency", NULL };
  g_autoptr(GString) order = g_string_new (NULL);
  GilRoomQueue queue;
  g_autoptr(GString) listed = g_string_new (NULL);

  set_policy (f, "K3-DEWASA", strict, 2);
  for (guint i = 0; i < 3; i++)
    gil_visit_free (register_visit (f, "1980-05-05", NULL, NULL));
  for (guint i = 0; i < 3; i++)
    gil_visit_free (register_visit (f, "1980-05-05", disability, NULL));
  gil_visit_free (register_visit (f, "1980-05-05", emergency, "K3-DEWASA"));

  /* The list shows the order the calls will take. */
  g_assert_true (gil_queue_list_room (f->store, gil_test_room_id (f->store, "K3-DEWASA"), &queue, NULL));
  for (guint i = 0; i < queue.waiting->len; i++)
    {
      GilStop *stop = g_ptr_array_index (queue.waiting, i);

      g_assert_cmpint (stop->position, ==, i + 1);
      g_string_append_printf (listed, "%s ", stop->ticket);
    }
  g_assert_cmpstr (queue.next_why, ==, "Gawat darurat: selalu didahulukan");
  gil_room_queue_clear (&queue);

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *ticket = call_next_ticket (f, "K3-DEWASA");

      g_string_append_printf (order, "%s ", ticket);
    }
  g_assert_cmpstr (order->str, ==, listed->str);
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_order_strict (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *order = call_order (f, TRUE);

  g_assert_cmpstr (order, ==, "D-007 D-004 D-005 D-006 D-001 D-002 D-003 ");
}

static void
test_order_interleave (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *order = call_order (f, FALSE);

  g_assert_cmpstr (order, ==, "D-007 D-004 D-005 D-001 D-006 D-002 D-003 ");
}

/* Priority patients keep arriving; under interleaving a normal patient is
 * still called after every two priority calls. */
static void
test_no_starvation (Fixture       *f,
                    gconstpointer  data)
{
  const char * const disability[] = { "disability", NULL };
  guint since_normal = 0;
  guint normals = 0;

  set_policy (f, "K3-DEWASA", FALSE, 2);
  for (guint i = 0; i < 3; i++)
    gil_visit_free (register_visit (f, "1980-05-05", NULL, NULL));

  for (guint round = 0; round < 9; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GilStop) stop = NULL;
      g_autofree char *why = NULL;

      gil_visit_free (register_visit (f, "1980-05-05", disability, NULL));
      stop = gil_queue_call_next (f->store, gil_test_room_id (f->store, "K3-DEWASA"), &why, &error);
      g_assert_no_error (error);
      if (stop->priority == GIL_PRIORITY_NORMAL)
        {
          g_assert_true (g_str_has_prefix (why, "Bergiliran"));
          since_normal = 0;
          normals++;
        }
      else
        {
          g_assert_true (g_str_has_prefix (why, "Prioritas: "));
          since_normal++;
        }
      g_assert_cmpuint (since_normal, <=, 2);
    }
  g_assert_cmpuint (normals, ==, 3);
}

/* The counts the triggers keep equal the stops waiting. */
static void
assert_counts_kept (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (f->store,
                            "SELECT (SELECT count (*) FROM queue_counts q WHERE q.waiting !="
                            "  (SELECT count (*) FROM stops s"
                            "   WHERE s.room = q.room AND s.rank = q.rank AND s.status = 'waiting'))"
                            " + (SELECT count (*) FROM (SELECT DISTINCT room, rank FROM stops"
                            "  WHERE status = 'waiting') s WHERE NOT EXISTS"
                            "  (SELECT 1 FROM queue_counts q WHERE q.room = s.room AND q.rank = s.rank))",
                            NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
}

/* A stop's place worked out from counts, and the next call chosen the
 * same way, agree with the room's list, which goes through the queue one
 * call at a time: random arrivals and calls under both policies. */
static void
test_place_by_count (Fixture       *f,
                     gconstpointer  data)
{
  const char * const disability[] = { "disability", NULL };
  const char * const emergency[] = { "emergency", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  gint64 room = gil_test_room_id (f->store, "K3-DEWASA");

  for (guint round = 0; round < 8; round++)
    {
      set_policy (f, "K3-DEWASA", round % 4 == 3, 1 + round % 3);
      for (guint step = 0; step < 30; step++)
        {
          g_auto(GilRoomQueue) queue = { 0 };
          g_autoptr(GError) error = NULL;
          guint kind = g_rand_int_range (rand, 0, 10);

          if (kind < 6)
            {
              const char * const *signs = kind < 3 ? NULL : kind < 5 ? disability : emergency;
              g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", signs,
                                                          signs == emergency ? "K3-DEWASA" : NULL);
              GilStop *stop = g_ptr_array_index (visit->stops, 0);

              g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
              g_assert_cmpint (stop->position, >=, 1);
              g_assert_cmpint (stop->position, <=, queue.waiting->len);
              g_assert_cmpint (((GilStop *)g_ptr_array_index (queue.waiting, stop->position - 1))->id,
                               ==, stop->id);
            }
          else
            {
              g_autoptr(GilStop) called = NULL;
              g_autofree char *why = NULL;
              gint64 first;
              g_autofree char *first_why = NULL;

              g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
              if (queue.waiting->len == 0)
                continue;
              first = ((GilStop *)g_ptr_array_index (queue.waiting, 0))->id;
              first_why = g_strdup (queue.next_why);
              gil_room_queue_clear (&queue);
              called = gil_queue_call_next (f->store, room, &why, &error);
              g_assert_no_error (error);
              g_assert_cmpint (called->id, ==, first);
              g_assert_cmpstr (why, ==, first_why);
              g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
            }
          g_assert_no_error (error);
          assert_counts_kept (f);

          /* Every waiting stop, asked for on its own. */
          for (guint i = 0; i < queue.waiting->len; i++)
            {
              GilStop *listed = g_ptr_array_index (queue.waiting, i);
              g_autoptr(GilStop) alone = gil_queue_get_stop (f->store, listed->id, &error);

              g_assert_no_error (error);
              g_assert_cmpint (listed->position, ==, i + 1);
              g_assert_cmpint (alone->position, ==, i + 1);
            }
        }
    }
}

/* Counts put wrong by hand (the triggers cannot see everything, such as
 * an INSERT OR REPLACE) do not stop a room: the call counts again and
 * calls the right patient; a day start counts again too. */
static void
test_counts_put_right (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GilVisit) first = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) second = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) called = NULL;
  gint64 room = gil_test_room_id (f->store, "K3-DEWASA");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO queue_counts (room, rank, waiting)"
                                          " VALUES (%" G_GINT64_FORMAT ", 0, 3)", room);

  /* Three emergencies that are not there. */
  g_assert_true (gil_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_test_expect_message ("Giliran-Core", G_LOG_LEVEL_WARNING, "*counts of room*wrong*");
  called = gil_queue_call_next (f->store, room, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpint (called->id, ==, first_stop (first));
  assert_counts_kept (f);

  /* Wrong again, then a new day: counted from the stops (none wait). */
  g_assert_true (gil_store_exec (f->store, "UPDATE queue_counts SET waiting = 9", &error));
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 7, 0));
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_no_error (error);
  assert_counts_kept (f);
}

static void
test_call_out_of_order (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GilVisit) first = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) second = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) called = NULL;
  g_autofree char *why = NULL;
  g_autofree char *next = NULL;

  called = gil_queue_call (f->store, first_stop (second), &why, &error);
  g_assert_no_error (error);
  g_assert_true (called->out_of_order);
  g_assert_cmpstr (why, ==, "Dipanggil di luar urutan oleh ruang");
  next = call_next_ticket (f, "K3-DEWASA");
  g_assert_cmpstr (next, ==, "D-001");
}

static void
test_requeue_goes_to_end (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GilVisit) a = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) b = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) c = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) requeued = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  g_autofree char *t3 = NULL;

  gil_stop_free (gil_queue_call (f->store, first_stop (a), NULL, &error));
  gil_stop_free (gil_queue_skip (f->store, first_stop (a), &error));
  requeued = gil_queue_requeue (f->store, first_stop (a), &error);
  g_assert_no_error (error);
  g_assert_cmpint (requeued->status, ==, GIL_STOP_WAITING);
  g_assert_cmpint (requeued->position, ==, 3);

  t1 = call_next_ticket (f, "K3-DEWASA");
  t2 = call_next_ticket (f, "K3-DEWASA");
  t3 = call_next_ticket (f, "K3-DEWASA");
  g_assert_cmpstr (t1, ==, "D-002");
  g_assert_cmpstr (t2, ==, "D-003");
  g_assert_cmpstr (t3, ==, "D-001");
  assert_counts_kept (f);
}

static void
test_return_from_transfer (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GilVisit) a = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) b = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) c = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) lab_stop = NULL;
  g_autoptr(GilStop) done = NULL;
  g_autofree char *lab_call = NULL;
  g_autofree char *back = NULL;
  gint64 lab = gil_test_room_id (f->store, "LK-LAB");
  GilStop *returned;

  /* A is seen, sent to the laboratory with return; meanwhile B and C wait. */
  gil_stop_free (gil_queue_call_next (f->store, a->room, NULL, &error));
  gil_stop_free (gil_queue_start (f->store, first_stop (a), &error));
  lab_stop = gil_queue_transfer (f->store, first_stop (a), lab, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lab_stop->room, ==, lab);
  g_assert_cmpint (lab_stop->return_room, ==, a->room);
  g_assert_cmpstr (lab_stop->ticket, ==, "D-001");
  g_assert_cmpint (status_of (f, first_stop (a)), ==, GIL_STOP_TRANSFERRED);

  lab_call = call_next_ticket (f, "LK-LAB");
  g_assert_cmpstr (lab_call, ==, "D-001");
  gil_stop_free (gil_queue_start (f->store, lab_stop->id, &error));
  advance (f, 600);
  done = gil_queue_finish (f->store, lab_stop->id, &error);
  g_assert_no_error (error);

  /* Back in the adult room at the place A had: ahead of B and C. */
  after = gil_queue_get_visit (f->store, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->stops->len, ==, 3);
  returned = g_ptr_array_index (after->stops, 2);
  g_assert_cmpint (returned->room, ==, a->room);
  g_assert_cmpint (returned->status, ==, GIL_STOP_WAITING);
  g_assert_cmpint (returned->position, ==, 1);
  g_assert_cmpstr (returned->ticket, ==, "D-001");
  /* Marked as back from the laboratory, with the wait they had: since
   * they first joined this room's queue, not since they came back. */
  g_assert_cmpint (returned->back_from, ==, lab);
  g_assert_cmpint (returned->waiting_since, ==,
                   ((GilStop *)g_ptr_array_index (a->stops, 0))->enqueued_at);
  g_assert_cmpint (returned->enqueued_at, >, returned->waiting_since);
  g_assert_cmpint (((GilStop *)g_ptr_array_index (after->stops, 0))->back_from, ==, 0);
  g_assert_cmpint (lab_stop->back_from, ==, 0);
  back = call_next_ticket (f, "K3-DEWASA");
  g_assert_cmpstr (back, ==, "D-001");

  /* A second trip to the laboratory: still the wait from the first. */
  {
    g_autoptr(GilStop) lab_again = NULL;
    g_autoptr(GilVisit) again = NULL;
    GilStop *last;

    lab_again = gil_queue_transfer (f->store, returned->id, lab, TRUE, &error);
    g_assert_no_error (error);
    gil_stop_free (gil_queue_call (f->store, lab_again->id, NULL, &error));
    gil_stop_free (gil_queue_start (f->store, lab_again->id, &error));
    advance (f, 300);
    gil_stop_free (gil_queue_finish (f->store, lab_again->id, &error));
    g_assert_no_error (error);
    again = gil_queue_get_visit (f->store, a->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->stops->len, ==, 5);
    last = g_ptr_array_index (again->stops, 4);
    g_assert_cmpint (last->room, ==, a->room);
    g_assert_cmpint (last->status, ==, GIL_STOP_WAITING);
    g_assert_cmpint (last->back_from, ==, lab);
    g_assert_cmpint (last->waiting_since, ==,
                     ((GilStop *)g_ptr_array_index (a->stops, 0))->enqueued_at);
  }

  /* Without return, finishing in the laboratory ends there. */
  {
    g_autoptr(GilStop) second_lab = NULL;
    g_autoptr(GilVisit) b_after = NULL;

    gil_stop_free (gil_queue_call (f->store, first_stop (b), NULL, &error));
    second_lab = gil_queue_transfer (f->store, first_stop (b), lab, FALSE, &error);
    g_assert_no_error (error);
    gil_stop_free (gil_queue_call (f->store, second_lab->id, NULL, &error));
    gil_stop_free (gil_queue_start (f->store, second_lab->id, &error));
    gil_stop_free (gil_queue_finish (f->store, second_lab->id, &error));
    g_assert_no_error (error);
    b_after = gil_queue_get_visit (f->store, b->id, NULL);
    g_assert_cmpuint (b_after->stops->len, ==, 2);
  }
  assert_counts_kept (f);
}

static void
test_new_day (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilVisit) waiting = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) called = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) skipped = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) tomorrow = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  GilVisitRequest request = { 0 };
  gint64 seq;
  guint expired = 0;

  gil_stop_free (gil_queue_call (f->store, first_stop (called), NULL, &error));
  gil_stop_free (gil_queue_call (f->store, first_stop (skipped), NULL, &error));
  gil_stop_free (gil_queue_skip (f->store, first_stop (skipped), &error));
  g_assert_no_error (error);
  seq = gil_events_last_seq (f->store);

  /* Just after midnight. */
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 0, 1));
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, first_stop (waiting)), ==, GIL_STOP_EXPIRED);
  g_assert_cmpint (status_of (f, first_stop (called)), ==, GIL_STOP_CALLED);
  g_assert_cmpint (status_of (f, first_stop (skipped)), ==, GIL_STOP_SKIPPED);

  events = gil_events_since (f->store, seq, 100, NULL);
  for (guint i = 0; i < events->len; i++)
    expired += g_str_equal (((GilEvent *)g_ptr_array_index (events, i))->type, "stop.expired");
  g_assert_cmpuint (expired, ==, 1);
  g_assert_cmpstr (((GilEvent *)g_ptr_array_index (events, events->len - 1))->type, ==, "day.started");

  /* Nothing can be done to an expired stop. */
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      seq = gil_events_last_seq (f->store);
      g_assert_null (actions[a].action (f->store, first_stop (waiting), &error));
      g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
      g_clear_error (&error);
      g_assert_cmpint (gil_events_last_seq (f->store), ==, seq);
    }

  /* Yesterday's skipped patient cannot be put back today. */
  g_assert_null (gil_queue_requeue (f->store, first_stop (skipped), &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);

  /* Ticket numbers restart; yesterday's patient may come again. */
  request.patient = waiting->patient->id;
  request.purpose = "sick";
  request.payer = "bpjs";
  tomorrow = gil_queue_register (f->store, &request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tomorrow->ticket, ==, "D-001");
  g_assert_cmpstr (tomorrow->day, ==, "2026-11-23");
  g_assert_false (tomorrow->new_patient);

  /* The next day starts once, not on every write. */
  seq = gil_events_last_seq (f->store);
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_cmpint (gil_events_last_seq (f->store), ==, seq);
  assert_counts_kept (f);
}

static guint
stop_count (GPtrArray *stops,
            gint64     id)
{
  guint found = 0;

  for (guint i = 0; i < stops->len; i++)
    found += ((GilStop *)g_ptr_array_index (stops, i))->id == id;
  return found;
}

/* At midnight only waiting stops close. A patient called, or in service,
 * before it stays in the room's list as they were: the next morning they
 * are started, finished or skipped, and count as served on the day they
 * came; the next day's calls never take them for waiting. Left alone,
 * they close when the day after starts. */
static void
test_held_over (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GilVisit) waiting = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) called = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) serving = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) forgotten = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GilVisit) today = NULL;
  g_autoptr(GilDailyReport) report = NULL;
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GilRoomQueue) queue = { 0 };
  gint64 room = gil_test_room_id (f->store, "K3-DEWASA");

  gil_stop_free (gil_queue_call (f->store, first_stop (called), NULL, &error));
  gil_stop_free (gil_queue_call (f->store, first_stop (serving), NULL, &error));
  gil_stop_free (gil_queue_start (f->store, first_stop (serving), &error));
  gil_stop_free (gil_queue_call (f->store, first_stop (forgotten), NULL, &error));
  g_assert_no_error (error);

  /* Just after midnight, and a new patient that morning. */
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 0, 1));
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, first_stop (waiting)), ==, GIL_STOP_EXPIRED);
  g_assert_cmpint (status_of (f, first_stop (called)), ==, GIL_STOP_CALLED);
  g_assert_cmpint (status_of (f, first_stop (serving)), ==, GIL_STOP_SERVING);
  assert_counts_kept (f);
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 7, 30));
  today = register_visit (f, "1980-05-05", NULL, NULL);

  /* The room still shows them, and only today's patient waits. */
  g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stop_count (queue.called, first_stop (called)), ==, 1);
  g_assert_cmpuint (stop_count (queue.called, first_stop (forgotten)), ==, 1);
  g_assert_cmpuint (stop_count (queue.serving, first_stop (serving)), ==, 1);
  g_assert_cmpuint (queue.waiting->len, ==, 1);
  g_assert_cmpint (((GilStop *)g_ptr_array_index (queue.waiting, 0))->id, ==, first_stop (today));
  gil_room_queue_clear (&queue);

  /* Calling next takes today's patient, then finds nobody waiting. */
  stop = gil_queue_call_next (f->store, room, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stop->id, ==, first_stop (today));
  g_clear_pointer (&stop, gil_stop_free);
  g_assert_null (gil_queue_call_next (f->store, room, NULL, &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_QUEUE_EMPTY);
  g_clear_error (&error);

  /* Yesterday's patients are finished this morning. */
  gil_stop_free (gil_queue_finish (f->store, first_stop (serving), &error));
  g_assert_no_error (error);
  gil_stop_free (gil_queue_recall (f->store, first_stop (called), &error));
  g_assert_no_error (error);
  gil_stop_free (gil_queue_start (f->store, first_stop (called), &error));
  g_assert_no_error (error);
  gil_stop_free (gil_queue_finish (f->store, first_stop (called), &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, first_stop (serving)), ==, GIL_STOP_DONE);
  g_assert_cmpint (status_of (f, first_stop (called)), ==, GIL_STOP_DONE);
  assert_counts_kept (f);

  /* They count as served the day they came; the waiting one did not. */
  report = gil_report_daily (f->store, "2026-11-22", &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->totals.visits, ==, 4);
  g_assert_cmpint (report->totals.served, ==, 2);
  g_assert_cmpint (report->totals.not_served, ==, 1);

  /* The stop nobody finished closes when the day after starts. */
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 24, 0, 1));
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, first_stop (forgotten)), ==, GIL_STOP_EXPIRED);
  g_assert_cmpint (status_of (f, first_stop (today)), ==, GIL_STOP_CALLED);
  g_assert_null (gil_queue_start (f->store, first_stop (forgotten), &error));
  g_assert_error (error, GIL_QUEUE_ERROR, GIL_QUEUE_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_clear_pointer (&report, gil_daily_report_free);
  report = gil_report_daily (f->store, "2026-11-22", &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->totals.served, ==, 2);
  g_assert_cmpint (report->totals.not_served, ==, 2);
  assert_counts_kept (f);
}

static void
test_events_keep_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GilVisit) visit = register_visit (f, "1980-05-05", NULL, NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const expected[] = {
    "visit.registered", "stop.enqueued", "stop.called", "stop.recalled",
    "stop.started", "stop.finished",
  };
  gint64 id = first_stop (visit);

  gil_store_set_station (f->store, 7);
  gil_stop_free (gil_queue_call (f->store, id, NULL, &error));
  gil_stop_free (gil_queue_recall (f->store, id, &error));
  gil_stop_free (gil_queue_start (f->store, id, &error));
  gil_stop_free (gil_queue_finish (f->store, id, &error));
  g_assert_no_error (error);

  history = gil_events_for_visit (f->store, visit->id, &error);
  g_assert_cmpuint (history->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < history->len; i++)
    {
      GilEvent *event = g_ptr_array_index (history, i);

      g_assert_cmpstr (event->type, ==, expected[i]);
      g_assert_cmpint (event->station, ==, i < 2 ? 0 : 7);
      if (i > 0)
        g_assert_cmpint (event->seq, >, ((GilEvent *)g_ptr_array_index (history, i - 1))->seq);
    }
  /* Each event keeps the stop as it was then. */
  g_assert_nonnull (strstr (((GilEvent *)g_ptr_array_index (history, 2))->data, "\"calls\":1"));
  g_assert_nonnull (strstr (((GilEvent *)g_ptr_array_index (history, 3))->data, "\"calls\":2"));
  g_assert_nonnull (strstr (((GilEvent *)g_ptr_array_index (history, 5))->data, "\"status\":\"done\""));
}

/* Today's totals: waits from arrival to first call, their median, and
 * how many were seen and finished; a recall does not change a wait. */
static void
test_today_totals (Fixture       *f,
                   gconstpointer  data)
{
  /* register_visit() lets 30 s pass after each arrival. */
  g_autoptr(GilVisit) a = register_visit (f, "1980-05-05", NULL, "K3-DEWASA");
  g_autoptr(GilVisit) b = register_visit (f, "1981-05-05", NULL, "K3-DEWASA");
  g_autoptr(GilVisit) c = register_visit (f, "1982-05-05", NULL, "K3-DEWASA");
  gint64 room = gil_test_room_id (f->store, "K3-DEWASA");
  g_autoptr(GError) error = NULL;
  g_auto(GilRoomQueue) queue = { 0 };

  g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (queue.seen, ==, 0);
  g_assert_cmpint (queue.done, ==, 0);
  g_assert_cmpint (queue.median_wait, ==, -1);
  gil_room_queue_clear (&queue);

  /* a waits 90 s, b 120 s, c 570 s. */
  gil_stop_free (gil_queue_call (f->store, first_stop (a), NULL, &error));
  advance (f, 60);
  gil_stop_free (gil_queue_call (f->store, first_stop (b), NULL, &error));
  gil_stop_free (gil_queue_start (f->store, first_stop (a), &error));
  gil_stop_free (gil_queue_finish (f->store, first_stop (a), &error));
  advance (f, 480);
  gil_stop_free (gil_queue_recall (f->store, first_stop (b), &error));
  gil_stop_free (gil_queue_call (f->store, first_stop (c), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
  g_assert_cmpint (queue.seen, ==, 3);
  g_assert_cmpint (queue.done, ==, 1);
  g_assert_cmpint (queue.median_wait, ==, 120);
  gil_room_queue_clear (&queue);

  /* d waits 30 s; an even count takes the mean of the middle two.
   * Yesterday's calls do not count today. */
  {
    g_autoptr(GilVisit) d = register_visit (f, "1983-05-05", NULL, "K3-DEWASA");

    gil_stop_free (gil_queue_call (f->store, first_stop (d), NULL, &error));
    gil_stop_free (gil_queue_skip (f->store, first_stop (d), &error));
    g_assert_no_error (error);
  }
  g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
  g_assert_cmpint (queue.seen, ==, 4);
  g_assert_cmpint (queue.median_wait, ==, (90 + 120) / 2);
  /* The no-show is listed, to be put back when they turn up. */
  g_assert_cmpuint (queue.skipped->len, ==, 1);
  g_assert_cmpstr (((GilStop *)g_ptr_array_index (queue.skipped, 0))->ticket, ==, "D-004");
  gil_room_queue_clear (&queue);

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 23, 7, 0));
  g_assert_true (gil_queue_ensure_day (f->store, &error));
  g_assert_true (gil_queue_list_room (f->store, room, &queue, &error));
  g_assert_no_error (error);
  g_assert_cmpint (queue.seen, ==, 0);
  g_assert_cmpint (queue.median_wait, ==, -1);
  g_assert_cmpuint (queue.skipped->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/queue/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("register", test_register);
  ADD ("register-refusals", test_register_refusals);
  ADD ("override", test_override);
  ADD ("transitions", test_transitions);
  ADD ("unknown-and-empty", test_unknown_and_empty);
  ADD ("order-strict", test_order_strict);
  ADD ("order-interleave", test_order_interleave);
  ADD ("no-starvation", test_no_starvation);
  ADD ("call-out-of-order", test_call_out_of_order);
  ADD ("place-by-count", test_place_by_count);
  ADD ("counts-put-right", test_counts_put_right);
  ADD ("requeue-goes-to-end", test_requeue_goes_to_end);
  ADD ("return-from-transfer", test_return_from_transfer);
  ADD ("new-day", test_new_day);
  ADD ("held-over", test_held_over);
  ADD ("events-keep-history", test_events_keep_history);
  ADD ("today-totals", test_today_totals);
#undef ADD

  return g_test_run ();
}
