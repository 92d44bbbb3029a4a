/* gil-display-calls.h — the calls on a waiting-room display, and the one
 * shown large
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long a new call stays large before the next one takes its place. */
#define GIL_DISPLAY_HOLD_MS 5000

/* One call on the board: the latest call or recall of a stop, or of a
 * loket ticket to a registration desk (desk set; stop_id is then the
 * ticket's id negated, never a stop's, and room_id 0). */
typedef struct
{
  gint64  stop_id;
  gint64  room_id;
  gint64  seq;      /* of the event that made it; 0 when taken from a queue */
  gint64  at;       /* unix time of the call */
  guint   counter;  /* the room's counter that called; 0 for none */
  char   *ticket;
  char   *name;     /* (nullable) once known */
  char   *desk;     /* (nullable) the desk a loket ticket was called to */
} GilDisplayCall;

/* The board's key of the loket ticket @id. */
#define GIL_DISPLAY_LOKET_KEY(id) (-(gint64)(id))

typedef struct _GilDisplayCalls GilDisplayCalls;

/* Called when a call waiting its turn is shown large. */
typedef void (*GilDisplayShowFunc) (GilDisplayCall *call,
                                    gpointer        user_data);

GilDisplayCalls *gil_display_calls_new      (GilDisplayShowFunc  func,
                                             gpointer            user_data);
void             gil_display_calls_free     (GilDisplayCalls    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilDisplayCalls, gil_display_calls_free)

void             gil_display_calls_set_hold (GilDisplayCalls    *self,
                                             guint               hold_ms);
guint            gil_display_calls_get_len  (GilDisplayCalls    *self);
GilDisplayCall  *gil_display_calls_get      (GilDisplayCalls    *self,
                                             guint               index);
GilDisplayCall  *gil_display_calls_find     (GilDisplayCalls    *self,
                                             gint64              stop_id);
GilDisplayCall  *gil_display_calls_add      (GilDisplayCalls    *self,
                                             gint64              stop_id,
                                             gint64              room_id,
                                             const char         *ticket,
                                             const char         *name,
                                             guint               counter,
                                             gint64              at,
                                             gint64              seq);
GilDisplayCall  *gil_display_calls_add_loket (GilDisplayCalls *self,
                                             gint64              ticket_id,
                                             const char         *ticket,
                                             const char         *desk,
                                             gint64              at,
                                             gint64              seq);
void             gil_display_calls_remove   (GilDisplayCalls    *self,
                                             guint               index);
void             gil_display_calls_truncate (GilDisplayCalls    *self,
                                             guint               length);
void             gil_display_calls_clear    (GilDisplayCalls    *self);
gboolean         gil_display_calls_hold     (GilDisplayCalls    *self,
                                             gint64              stop_id);
GilDisplayCall  *gil_display_calls_get_shown (GilDisplayCalls   *self);
gboolean         gil_display_calls_is_waiting (GilDisplayCalls  *self,
                                             gint64              stop_id);

G_END_DECLS
