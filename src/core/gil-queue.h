/* gil-queue.h — visits and their stops in room queues
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-patients.h"
#include "gil-store.h"
#include "gil-terms.h"

G_BEGIN_DECLS

#define GIL_QUEUE_ERROR (gil_queue_error_quark ())

typedef enum
{
  GIL_QUEUE_ERROR_NOT_FOUND,           /* no such visit or stop */
  GIL_QUEUE_ERROR_ALREADY_QUEUED,      /* the patient has an open visit today */
  GIL_QUEUE_ERROR_QUEUE_EMPTY,
  GIL_QUEUE_ERROR_INVALID_TRANSITION,  /* not allowed from the stop's state */
  GIL_QUEUE_ERROR_NO_ROOM,             /* no suggestion and no room chosen */
  GIL_QUEUE_ERROR_ROOM_INACTIVE,
  GIL_QUEUE_ERROR_INVALID_PAYER,
  GIL_QUEUE_ERROR_CANCELLED,           /* the visit was cancelled already */
  GIL_QUEUE_ERROR_INVALID_REASON,      /* a reason missing or too long */
  GIL_QUEUE_ERROR_IMPLAUSIBLE,         /* pregnancy care for a man, a girl under 10… */
  GIL_QUEUE_ERROR_INVALID_COUNTER,     /* not 0 to GIL_QUEUE_COUNTER_MAX */
  GIL_QUEUE_ERROR_INVALID_OUTCOME,     /* no destination for a referral, one
                                        * without, or the visit goes on */
} GilQueueError;

/* The longest reason for cancelling or moving a visit, in characters. */
#define GIL_QUEUE_REASON_MAX 200
/* The most visits GET /visits lists: more than a puskesmas registers in
 * a day. */
#define GIL_QUEUE_DAY_LIST_MAX 500

/* gil-loket.h: a ticket of the queue before the desk */
typedef struct _GilLoketTicket GilLoketTicket;

typedef struct
{
  gint64         id;
  gint64         visit;
  gint64         room;
  char          *ticket;
  GilStopStatus  status;
  GilPriority    priority;
  int            position;      /* 1-based place in call order; 0 unless waiting */
  int            calls;
  gboolean       out_of_order;  /* called ahead of its turn */
  int            counter;       /* the counter (meja) of its last call; 0 for none */
  gint64         return_room;   /* finishing here sends the visit back; 0 if not */
  gint64         back_from;     /* the room a returning patient comes back from; 0 if none */
  gint64         enqueued_at;   /* unix seconds; 0 for none */
  gint64         waiting_since; /* when the patient joined this room's queue: before
                                 * a trip to another room and back, if they made one */
  gint64         called_at;
  gint64         started_at;
  gint64         finished_at;
  char          *patient_name;
  char          *priority_reason;
  char          *day;           /* the service day, YYYY-MM-DD */
} GilStop;

typedef struct
{
  gint64       id;
  GilPatient  *patient;
  char        *day;
  char        *ticket;
  char        *purpose;
  GStrv        signs;
  gboolean     pregnant;
  char        *payer;
  gboolean     new_patient;
  char        *cluster;
  GilPriority  priority;
  char        *priority_reason;
  int          age_months;
  gint64       suggested_room;  /* 0 when routing found none */
  gint64       room;
  gboolean     overridden;
  char        *rule;
  char        *reason;
  gint64       registered_at;
  gint64       cancelled_at;    /* 0 unless the desk cancelled it */
  char        *cancel_reason;   /* NULL unless cancelled */
  GilOutcome   outcome;         /* NONE while open or finished without one */
  char        *referred_to;     /* NULL unless referred */
  GPtrArray   *stops;           /* element-type GilStop, in order */
  GilLoketTicket *loket;        /* the loket ticket it came from; NULL for none */
} GilVisit;

typedef struct
{
  gint64              patient;
  const char         *purpose;
  const char * const *signs;     /* nullable */
  gboolean            pregnant;
  const char         *payer;
  gint64              room;      /* 0: the suggested room; else an override */
  gboolean            confirmed; /* the desk confirmed what is implausible */
  gint64              loket_ticket; /* the loket ticket called for it; 0 for none */
} GilVisitRequest;

typedef struct
{
  GPtrArray *called;   /* element-type GilStop */
  GPtrArray *serving;
  GPtrArray *waiting;  /* in call order */
  GPtrArray *skipped;  /* today's no-shows, who may be put back; latest first */
  char      *next_why; /* why the first waiting patient is next; NULL if none */
  int        seen;        /* today's stops called at least once */
  int        done;        /* today's stops finished */
  int        median_wait; /* seconds from arrival to first call today; -1 if none */
} GilRoomQueue;

GQuark        gil_queue_error_quark    (void);

void          gil_stop_free            (GilStop       *stop);
void          gil_visit_free           (GilVisit      *visit);
void          gil_room_queue_clear     (GilRoomQueue  *queue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilStop, gil_stop_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilVisit, gil_visit_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GilRoomQueue, gil_room_queue_clear)

gboolean      gil_queue_ensure_day     (GilStore      *store,
                                        GError       **error);

GilVisit     *gil_queue_register       (GilStore               *store,
                                        const GilVisitRequest  *request,
                                        GError                **error);
GilVisit     *gil_queue_get_visit      (GilStore      *store,
                                        gint64         visit,
                                        GError       **error);
GilStop      *gil_queue_get_stop       (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);
gboolean      gil_queue_list_room      (GilStore      *store,
                                        gint64         room,
                                        GilRoomQueue  *queue,
                                        GError       **error);

GilStop      *gil_queue_call_next      (GilStore      *store,
                                        gint64         room,
                                        char         **why,
                                        GError       **error);
GilStop      *gil_queue_call           (GilStore      *store,
                                        gint64         stop,
                                        char         **why,
                                        GError       **error);
GilStop      *gil_queue_recall         (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);

/* The counters of a room with more than one PC: 1 to this many. */
#define GIL_QUEUE_COUNTER_MAX 99

GilStop      *gil_queue_call_next_at   (GilStore      *store,
                                        gint64         room,
                                        int            counter,
                                        char         **why,
                                        GError       **error);
GilStop      *gil_queue_call_at        (GilStore      *store,
                                        gint64         stop,
                                        int            counter,
                                        char         **why,
                                        GError       **error);
GilStop      *gil_queue_recall_at      (GilStore      *store,
                                        gint64         stop,
                                        int            counter,
                                        GError       **error);
GilStop      *gil_queue_start          (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);
GilStop      *gil_queue_finish         (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);
GilStop      *gil_queue_finish_with   (GilStore      *store,
                                        gint64         stop,
                                        GilOutcome     outcome,
                                        const char    *referred_to,
                                        GError       **error);
GilStop      *gil_queue_skip           (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);
GilStop      *gil_queue_requeue        (GilStore      *store,
                                        gint64         stop,
                                        GError       **error);
GilStop      *gil_queue_transfer       (GilStore      *store,
                                        gint64         stop,
                                        gint64         room,
                                        gboolean       return_after,
                                        GError       **error);

/* gil-queue-desk.c: the desk's corrections */
GilVisit     *gil_queue_cancel         (GilStore      *store,
                                        gint64         visit,
                                        const char    *reason,
                                        GError       **error);
GPtrArray    *gil_queue_list_today     (GilStore      *store,
                                        guint          limit,
                                        GError       **error);
GilVisit     *gil_queue_reroute        (GilStore      *store,
                                        gint64         visit,
                                        gint64         room,
                                        const char    *reason,
                                        GError       **error);

G_END_DECLS
