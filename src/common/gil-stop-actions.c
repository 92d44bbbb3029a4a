/* gil-stop-actions.c — what a room may do to a stop, and from which state
 *
 *   call      waiting                ──▶ called
 *   recall    called                 ──▶ called (once more)
 *   start     called                 ──▶ serving
 *   finish    serving                ──▶ done
 *   skip      called                 ──▶ skipped
 *   requeue   skipped                ──▶ waiting (at the end of its rank)
 *   transfer  waiting, called, serving ──▶ transferred (+ a waiting stop)
 *
 * A stop of an earlier day also needs to be still called or in service
 * (gil_queue_ensure_day()); that is the queue's to check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-stop-actions.h"

#define STATE(s) (1u << (s))

static const struct
{
  const char *name;    /* the API's verb */
  const char *label;
  guint       from;    /* a bit per GilStopStatus */
} actions[] = {
  [GIL_STOP_ACTION_CALL] = { "call", N_("Call"), STATE (GIL_STOP_WAITING) },
  [GIL_STOP_ACTION_RECALL] = { "recall", N_("Call again"), STATE (GIL_STOP_CALLED) },
  [GIL_STOP_ACTION_START] = { "start", N_("Start service"), STATE (GIL_STOP_CALLED) },
  [GIL_STOP_ACTION_FINISH] = { "finish", N_("Finish"), STATE (GIL_STOP_SERVING) },
  [GIL_STOP_ACTION_SKIP] = { "skip", N_("Skip (no-show)"), STATE (GIL_STOP_CALLED) },
  [GIL_STOP_ACTION_REQUEUE] = { "requeue", N_("Put back in queue"), STATE (GIL_STOP_SKIPPED) },
  [GIL_STOP_ACTION_TRANSFER] = { "transfer", N_("Send to…"),
                                 STATE (GIL_STOP_WAITING) | STATE (GIL_STOP_CALLED) |
                                 STATE (GIL_STOP_SERVING) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (actions) == GIL_STOP_ACTION_LAST + 1);
G_STATIC_ASSERT (GIL_STOP_CANCELLED < 32);

/**
 * gil_stop_action_allowed:
 *
 * Whether a room may do @action to a stop in @status.
 */
gboolean
gil_stop_action_allowed (GilStopStatus status,
                         GilStopAction action)
{
  g_return_val_if_fail (status <= GIL_STOP_CANCELLED, FALSE);
  g_return_val_if_fail (action <= GIL_STOP_ACTION_LAST, FALSE);

  return (actions[action].from & STATE (status)) != 0;
}

/**
 * gil_stop_action_to_string:
 *
 * Returns: the API's verb for @action: "call", "recall", …
 */
const char *
gil_stop_action_to_string (GilStopAction action)
{
  g_return_val_if_fail (action <= GIL_STOP_ACTION_LAST, "call");

  return actions[action].name;
}

/**
 * gil_stop_action_from_string:
 * @text: (nullable): an API verb
 * @action: (out): the action it names
 *
 * Returns: whether @text names an action; @action is unchanged if not
 */
gboolean
gil_stop_action_from_string (const char    *text,
                             GilStopAction *action)
{
  g_return_val_if_fail (action != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (g_str_equal (actions[i].name, text))
        {
          *action = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * gil_stop_action_label:
 *
 * Returns: what a room's button for @action says, translated
 */
const char *
gil_stop_action_label (GilStopAction action)
{
  g_return_val_if_fail (action <= GIL_STOP_ACTION_LAST, "");

  return _(actions[action].label);
}
