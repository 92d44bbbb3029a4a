/* gil-loket.h — the queue before the registration desk (loket)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-queue.h"
#include "gil-store.h"

G_BEGIN_DECLS

/* The longest name of a desk ("Loket 2"), in characters. */
#define GIL_LOKET_DESK_MAX 40
/* The most tickets a day's list gives of each kind: more than a
 * puskesmas's mornings take. */
#define GIL_LOKET_LIST_MAX 500

typedef enum
{
  GIL_LOKET_WAITING,
  GIL_LOKET_CALLED,
  GIL_LOKET_REGISTERED,
  GIL_LOKET_SKIPPED,
  GIL_LOKET_CANCELLED,
} GilLoketStatus;

typedef struct
{
  char     *code;      /* one capital letter: "A" */
  char     *name;      /* "BPJS" */
  gboolean  priority;  /* called interleaved ahead of the others */
  int       position;  /* order on the kiosk */
  gboolean  active;
} GilLoketSeries;

struct _GilLoketTicket
{
  gint64          id;
  char           *day;        /* the service day, YYYY-MM-DD */
  char           *series;
  int             number;     /* per series and service day, from 1 */
  char           *ticket;     /* "A-012" */
  GilLoketStatus  status;
  gboolean        priority;   /* of a priority series */
  gint64          taken_at;   /* unix seconds */
  gint64          called_at;  /* the first call; 0 for none */
  int             calls;
  char           *desk;       /* the desk of the last call; NULL for none */
  gint64          visit;      /* the visit it became; 0 for none */
  int             ahead;      /* waiting before it in call order; 0 unless waiting */
};

const char     *gil_loket_status_to_string (GilLoketStatus  status);

void            gil_loket_series_free   (GilLoketSeries  *series);
void            gil_loket_ticket_free   (GilLoketTicket  *ticket);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilLoketSeries, gil_loket_series_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilLoketTicket, gil_loket_ticket_free)

GPtrArray      *gil_loket_list_series   (GilStore        *store,
                                         GError         **error);
GilLoketTicket *gil_loket_get           (GilStore        *store,
                                         gint64           id,
                                         GError         **error);
GilLoketTicket *gil_loket_take          (GilStore        *store,
                                         const char      *series,
                                         GError         **error);
gboolean        gil_loket_list_day      (GilStore        *store,
                                         GPtrArray      **called,
                                         GPtrArray      **waiting,
                                         GError         **error);
GilLoketTicket *gil_loket_call_next     (GilStore        *store,
                                         const char      *desk,
                                         GError         **error);
GilLoketTicket *gil_loket_recall        (GilStore        *store,
                                         gint64           id,
                                         GError         **error);
GilLoketTicket *gil_loket_skip          (GilStore        *store,
                                         gint64           id,
                                         GError         **error);

/* Inside the caller's write (gil_queue_register()). */
gboolean        gil_loket_mark_registered (GilStore      *store,
                                         gint64           id,
                                         gint64           visit,
                                         GError         **error);
/* The ticket a visit came from, NULL when none. */
GilLoketTicket *gil_loket_get_for_visit (GilStore        *store,
                                         gint64           visit);
/* Seconds from taking to the first call, of the day's called tickets. */
GArray         *gil_loket_day_waits     (GilStore        *store,
                                         const char      *day,
                                         GError         **error);
/* Inside the day's start (gil_queue_ensure_day()). */
gboolean        gil_loket_start_day     (GilStore        *store,
                                         const char      *today,
                                         GError         **error);

G_END_DECLS
