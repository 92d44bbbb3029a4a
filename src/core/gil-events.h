/* gil-events.h — the append-only log of state changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  seq;
  char   *type;     /* "stop.called", … */
  gint64  at;       /* unix seconds */
  gint64  room;     /* 0 when none */
  gint64  visit;
  gint64  stop;
  gint64  station;
  char   *data;     /* JSON object: the stop as it was, times in unix seconds */
} GilEvent;

void        gil_event_free        (GilEvent   *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilEvent, gil_event_free)

gint64      gil_events_append     (GilStore   *store,
                                   const char *type,
                                   gint64      room,
                                   gint64      stop,
                                   GError    **error);
gint64      gil_events_append_detail (GilStore *store,
                                   const char *type,
                                   gint64      room,
                                   gint64      stop,
                                   const char *detail,
                                   GError    **error);
GPtrArray  *gil_events_since      (GilStore   *store,
                                   gint64      seq,
                                   guint       limit,
                                   GError    **error);
GPtrArray  *gil_events_for_visit  (GilStore   *store,
                                   gint64      visit,
                                   GError    **error);
gint64      gil_events_last_seq   (GilStore   *store);
gint64      gil_events_first_seq  (GilStore   *store);

/* The service days the log keeps: today and the day before. */
#define GIL_EVENTS_DAYS_KEPT 2

gint64      gil_events_window_start (GilStore *store);
gint64      gil_events_prune_bound (GilStore  *store,
                                   gint64     before);
gint64      gil_events_prune      (GilStore   *store,
                                   gint64      through,
                                   guint       limit,
                                   GError    **error);

/* The settings key of the log's identity, and the SQL that gives the log a
 * new one (a backup put back starts a timeline of its own). */
#define GIL_EVENTS_LOG_KEY "event_log"
#define GIL_EVENTS_NEW_LOG_SQL \
  "INSERT INTO settings (key, value) VALUES ('" GIL_EVENTS_LOG_KEY "', lower (hex (randomblob (8)))) " \
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"

char       *gil_events_dup_log_id (GilStore   *store);
gboolean    gil_events_ensure_log_id (GilStore *store,
                                   GError    **error);

G_END_DECLS
