/* gil-queue-private.h — what the queue's files lend each other
 *
 * gil-queue.c       the transitions of a stop (the state machine)
 * gil-queue-read.c  reading stops, visits and a room's queue
 * gil-queue-order.c a room's call order and why the next is next
 * gil-queue-day.c   the service day's start and the last one's end
 * gil-queue-register.c  registering a visit; tickets and queue places
 * gil-queue-desk.c  the desk's corrections: cancel and reroute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-queue.h"
#include "gil-rooms.h"

G_BEGIN_DECLS

/* Whether a stop (of the table or alias @t, "" or "s.") is open, as the
 * index of open stops (stops_open_queue, schema 8) has it. A query that
 * names one status as a literal (status = 'waiting') may read that index
 * without more; one that names none needs this condition to. Three
 * comparisons, not IN: SQLite makes a table of its own for an IN list of
 * three, at each execution and for each change of a stop. */
#define GIL_QUEUE_OPEN_STOP(t) \
  "(" t "status = 'waiting' OR " t "status = 'called' OR " t "status = 'serving')"

/* What deciding a queue's call order needs: how many wait at each rank,
 * and the policy and streak (gil-queue-order.c; the loket's too). */
typedef struct
{
  guint    waiting[3];   /* by rank: emergency, priority, normal */
  gboolean strict;
  int      every;
  int      streak;       /* priority patients called in a row */
} GilQueueShape;

/* gil-queue-read.c */
GPtrArray *_gil_queue_select_stops    (GilStore               *store,
                                       const char             *where,
                                       gint64                  id,
                                       GError                **error);
GilVisit  *_gil_queue_read_visit      (GilStore               *store,
                                       gint64                  id,
                                       GilPatient             *patient,
                                       GError                **error);

/* gil-queue-order.c */
guint      _gil_queue_next_rank       (const GilQueueShape    *shape);
GPtrArray *_gil_queue_order_waiting   (GilStore               *store,
                                       gint64                  room,
                                       char                  **why,
                                       GError                **error);
int        _gil_queue_position_of     (GilStore               *store,
                                       GilStop                *stop);
GilStop   *_gil_queue_pick_next       (GilStore               *store,
                                       gint64                  room,
                                       char                  **why,
                                       GError                **error);

/* gil-queue-day.c */
gboolean   _gil_queue_recount         (GilStore               *store,
                                       GError                **error);
gboolean   _gil_queue_begin           (GilStore               *store,
                                       GError                **error);

/* gil-queue-register.c: inside the caller's write */
gint64     _gil_queue_next_key        (GilStore               *store,
                                       GError                **error);
char      *_gil_queue_allocate_ticket (GilStore               *store,
                                       const char             *day,
                                       const char             *prefix,
                                       GError                **error);
gint64     _gil_queue_insert_stop     (GilStore               *store,
                                       gint64                  visit,
                                       gint64                  room,
                                       GilPriority             priority,
                                       gint64                  queue_key,
                                       gint64                  from_stop,
                                       gint64                  return_room,
                                       gint64                  return_key,
                                       GError                **error);
GilRoom   *_gil_queue_get_active_room (GilStore               *store,
                                       gint64                  id,
                                       GError                **error);
GilRoom   *_gil_queue_get_move_target (GilStore               *store,
                                       gint64                  id,
                                       gint64                  from,
                                       const char             *ticket,
                                       GError                **error);

G_END_DECLS
