/* gil-display-calls.c — the calls on a waiting-room display, and the one
 * shown large
 *
 * The calls are kept newest first, one per stop: a recall moves its stop
 * to the top rather than adding a second row.
 *
 * A new call stays large for GIL_DISPLAY_HOLD_MS, so that a patient
 * looking up has time to read it. Calls that come meanwhile (two rooms
 * calling at once) wait their turn in the order they came, each then
 * large for as long; at most MAX_WAITING wait, and beyond that the oldest
 * waiting goes straight to the list of recent calls, so the board never
 * falls more than half a minute behind. A recall of a call still waiting
 * keeps its place. While a call waits it is in neither place: it has not
 * been shown yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-display-calls.h"

#define MAX_WAITING 5

struct _GilDisplayCalls
{
  GPtrArray          *calls;     /* element-type GilDisplayCall, newest first */
  GArray             *waiting;   /* element-type gint64: stops, first come first */
  gint64              shown;     /* the stop held large; 0 for the newest */
  guint               hold_ms;
  guint               hold_id;
  GilDisplayShowFunc  func;
  gpointer            user_data;
};

static void
call_free (GilDisplayCall *call)
{
  g_free (call->ticket);
  g_free (call->name);
  g_free (call->desk);
  g_free (call);
}

/**
 * gil_display_calls_new:
 * @func: called when a waiting call's turn comes
 *
 * Returns: (transfer full): an empty board
 */
GilDisplayCalls *
gil_display_calls_new (GilDisplayShowFunc func,
                       gpointer           user_data)
{
  GilDisplayCalls *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (GilDisplayCalls, 1);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify)call_free);
  self->waiting = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->hold_ms = GIL_DISPLAY_HOLD_MS;
  self->func = func;
  self->user_data = user_data;
  return self;
}

void
gil_display_calls_free (GilDisplayCalls *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->hold_id, g_source_remove);
  g_ptr_array_unref (self->calls);
  g_array_unref (self->waiting);
  g_free (self);
}

/**
 * gil_display_calls_set_hold:
 * @hold_ms: how long a new call stays large, in milliseconds
 *
 * For a display that must move faster than GIL_DISPLAY_HOLD_MS (tests).
 */
void
gil_display_calls_set_hold (GilDisplayCalls *self,
                            guint            hold_ms)
{
  g_return_if_fail (self != NULL);

  self->hold_ms = hold_ms;
}

guint
gil_display_calls_get_len (GilDisplayCalls *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->calls->len;
}

/* Returns: (transfer none): the call at @index, newest first */
GilDisplayCall *
gil_display_calls_get (GilDisplayCalls *self,
                       guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->calls->len, NULL);

  return g_ptr_array_index (self->calls, index);
}

static guint
index_of (GilDisplayCalls *self,
          gint64           stop_id)
{
  for (guint i = 0; i < self->calls->len; i++)
    if (((GilDisplayCall *)g_ptr_array_index (self->calls, i))->stop_id == stop_id)
      return i;
  return G_MAXUINT;
}

/* Returns: (transfer none) (nullable): the call of @stop_id */
GilDisplayCall *
gil_display_calls_find (GilDisplayCalls *self,
                        gint64           stop_id)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = index_of (self, stop_id);
  return index != G_MAXUINT ? g_ptr_array_index (self->calls, index) : NULL;
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const GilDisplayCall *call_a = *(GilDisplayCall * const *)a;
  const GilDisplayCall *call_b = *(GilDisplayCall * const *)b;

  return (call_b->at > call_a->at) - (call_b->at < call_a->at);
}

/**
 * gil_display_calls_add:
 * @name: (nullable): the patient's name, when known
 * @seq: the event's seq; 0 for a call taken from a queue
 *
 * Puts a call of @stop_id on the board, replacing its earlier call. An
 * equal time keeps the later-added call above.
 *
 * Returns: (transfer none): the call
 */
GilDisplayCall *
gil_display_calls_add (GilDisplayCalls *self,
                       gint64           stop_id,
                       gint64           room_id,
                       const char      *ticket,
                       const char      *name,
                       guint            counter,
                       gint64           at,
                       gint64           seq)
{
  guint old;
  GilDisplayCall *call;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  old = index_of (self, stop_id);
  call = old != G_MAXUINT ? g_ptr_array_steal_index (self->calls, old) : g_new0 (GilDisplayCall, 1);
  call->stop_id = stop_id;
  call->room_id = room_id;
  call->at = at;
  call->seq = seq;
  call->counter = counter;
  g_free (call->ticket);
  call->ticket = g_strdup (ticket);
  /* A recall carries no name: keep the one found for the call. */
  if (name != NULL)
    {
      g_free (call->name);
      call->name = g_strdup (name);
    }
  g_ptr_array_insert (self->calls, 0, call);
  g_ptr_array_sort (self->calls, compare_calls);
  return call;
}

/**
 * gil_display_calls_add_loket:
 * @ticket_id: the loket ticket's id
 * @ticket: its number, as A-012
 * @desk: the desk it was called to, as Loket 2
 *
 * Puts the call of a loket ticket on the board, as gil_display_calls_add()
 * a stop's: a recall moves it to the top. It has no room and no name.
 *
 * Returns: (transfer none): the call
 */
GilDisplayCall *
gil_display_calls_add_loket (GilDisplayCalls *self,
                             gint64           ticket_id,
                             const char      *ticket,
                             const char      *desk,
                             gint64           at,
                             gint64           seq)
{
  GilDisplayCall *call;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (desk != NULL, NULL);

  call = gil_display_calls_add (self, GIL_DISPLAY_LOKET_KEY (ticket_id), 0, ticket, NULL, 0, at, seq);
  g_free (call->desk);
  call->desk = g_strdup (desk);
  return call;
}

void
gil_display_calls_remove (GilDisplayCalls *self,
                          guint            index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->calls->len);

  g_ptr_array_remove_index (self->calls, index);
}

/* Keeps the newest @length calls. */
void
gil_display_calls_truncate (GilDisplayCalls *self,
                            guint            length)
{
  g_return_if_fail (self != NULL);

  if (self->calls->len > length)
    g_ptr_array_set_size (self->calls, length);
}

void
gil_display_calls_clear (GilDisplayCalls *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->calls, 0);
  g_array_set_size (self->waiting, 0);
  g_clear_handle_id (&self->hold_id, g_source_remove);
  self->shown = 0;
}

static gboolean on_hold_over_cb (gpointer user_data);

static void
show (GilDisplayCalls *self,
      gint64           stop_id)
{
  self->shown = stop_id;
  g_clear_handle_id (&self->hold_id, g_source_remove);
  self->hold_id = g_timeout_add (self->hold_ms, on_hold_over_cb, self);
}

/* The shown call has been large long enough: the next waiting one, if
 * still on the board, takes its place. */
static gboolean
on_hold_over_cb (gpointer user_data)
{
  GilDisplayCalls *self = user_data;

  self->hold_id = 0;
  while (self->waiting->len > 0)
    {
      gint64 next = g_array_index (self->waiting, gint64, 0);
      GilDisplayCall *call;

      g_array_remove_index (self->waiting, 0);
      call = gil_display_calls_find (self, next);
      if (call == NULL)
        continue;
      show (self, next);
      self->func (call, self->user_data);
      return G_SOURCE_REMOVE;
    }
  self->shown = 0;
  return G_SOURCE_REMOVE;
}

gboolean
gil_display_calls_is_waiting (GilDisplayCalls *self,
                              gint64           stop_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->waiting->len; i++)
    if (g_array_index (self->waiting, gint64, i) == stop_id)
      return TRUE;
  return FALSE;
}

/**
 * gil_display_calls_hold:
 * @stop_id: the stop of a new call on the board
 *
 * Shows the call large now if none is held; else it waits its turn.
 *
 * Returns: whether it is shown now
 */
gboolean
gil_display_calls_hold (GilDisplayCalls *self,
                        gint64           stop_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->hold_id == 0 || self->shown == stop_id)
    {
      show (self, stop_id);
      return TRUE;
    }
  if (gil_display_calls_is_waiting (self, stop_id))
    return FALSE;
  g_array_append_val (self->waiting, stop_id);
  if (self->waiting->len > MAX_WAITING)
    g_array_remove_index (self->waiting, 0);
  return FALSE;
}

/**
 * gil_display_calls_get_shown:
 *
 * Returns: (transfer none) (nullable): the call shown large: the one held,
 *   else the newest that does not wait
 */
GilDisplayCall *
gil_display_calls_get_shown (GilDisplayCalls *self)
{
  GilDisplayCall *held;

  g_return_val_if_fail (self != NULL, NULL);

  held = self->shown != 0 ? gil_display_calls_find (self, self->shown) : NULL;
  if (held != NULL)
    return held;
  for (guint i = 0; i < self->calls->len; i++)
    {
      GilDisplayCall *call = g_ptr_array_index (self->calls, i);

      if (!gil_display_calls_is_waiting (self, call->stop_id))
        return call;
    }
  return NULL;
}
