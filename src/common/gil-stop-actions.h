/* gil-stop-actions.h — what a room may do to a stop, and from which state
 *
 * One rule for the queue (gil-queue.c refuses the rest) and for a room's
 * buttons. GLib only, like gil-terms.h, so the interface may use it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gil-terms.h"

G_BEGIN_DECLS

/* The actions on one stop; the API's verbs (POST /stops/{id}/VERB) are
 * their strings. Calling the next patient acts on a room, not a stop. */
typedef enum
{
  GIL_STOP_ACTION_CALL,
  GIL_STOP_ACTION_RECALL,
  GIL_STOP_ACTION_START,
  GIL_STOP_ACTION_FINISH,
  GIL_STOP_ACTION_SKIP,
  GIL_STOP_ACTION_REQUEUE,
  GIL_STOP_ACTION_TRANSFER,
} GilStopAction;

#define GIL_STOP_ACTION_LAST GIL_STOP_ACTION_TRANSFER

gboolean     gil_stop_action_allowed     (GilStopStatus   status,
                                          GilStopAction   action);
const char  *gil_stop_action_to_string   (GilStopAction   action);
gboolean     gil_stop_action_from_string (const char     *text,
                                          GilStopAction  *action);
const char  *gil_stop_action_label       (GilStopAction   action);

G_END_DECLS
