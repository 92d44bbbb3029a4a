/* test-stop-actions.c — which action a stop's state allows: the one rule
 * the queue (test-queue's /giliran/queue/transitions checks it refuses the
 * rest) and a room's buttons share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-stop-actions.h"
#include "gil-test-util.h"

/* The states each action is allowed from, as API.md has them. */
static const struct
{
  const char    *verb;
  GilStopAction  action;
  const char    *from[4];
  const char    *label;    /* in Indonesian */
} expected[] = {
  { "call", GIL_STOP_ACTION_CALL, { "waiting" }, "Panggil" },
  { "recall", GIL_STOP_ACTION_RECALL, { "called" }, "Panggil ulang" },
  { "start", GIL_STOP_ACTION_START, { "called" }, "Mulai layani" },
  { "finish", GIL_STOP_ACTION_FINISH, { "serving" }, "Selesai" },
  { "skip", GIL_STOP_ACTION_SKIP, { "called" }, "Lewati (tidak hadir)" },
  { "requeue", GIL_STOP_ACTION_REQUEUE, { "skipped" }, "Antrekan kembali" },
  { "transfer", GIL_STOP_ACTION_TRANSFER, { "waiting", "called", "serving" }, "Kirim ke…" },
};

static void
test_allowed (void)
{
  g_assert_cmpint (G_N_ELEMENTS (expected), ==, GIL_STOP_ACTION_LAST + 1);

  for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
    for (GilStopStatus status = GIL_STOP_WAITING; status <= GIL_STOP_CANCELLED; status++)
      {
        const char *name = gil_stop_status_to_string (status);

        g_test_message ("%s from %s", expected[a].verb, name);
        g_assert_cmpint (gil_stop_action_allowed (status, expected[a].action), ==,
                         g_strv_contains (expected[a].from, name));
      }
}

/* A stop that is over allows nothing. */
static void
test_closed (void)
{
  static const GilStopStatus closed[] = {
    GIL_STOP_DONE, GIL_STOP_TRANSFERRED, GIL_STOP_EXPIRED, GIL_STOP_CANCELLED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    for (GilStopAction action = 0; action <= GIL_STOP_ACTION_LAST; action++)
      g_assert_false (gil_stop_action_allowed (closed[i], action));
}

static void
test_strings (void)
{
  static const char * const unknown[] = { "", "Call", "call-next", "cancel", "called", " call" };
  GilStopAction action;

  for (guint a = 0; a < G_N_ELEMENTS (expected); a++)
    {
      g_assert_cmpstr (gil_stop_action_to_string (expected[a].action), ==, expected[a].verb);
      g_assert_true (gil_stop_action_from_string (expected[a].verb, &action));
      g_assert_cmpint (action, ==, expected[a].action);
      g_assert_cmpstr (gil_stop_action_label (expected[a].action), ==, expected[a].label);
    }

  action = GIL_STOP_ACTION_SKIP;
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_false (gil_stop_action_from_string (unknown[i], &action));
  g_assert_false (gil_stop_action_from_string (NULL, &action));
  g_assert_cmpint (action, ==, GIL_STOP_ACTION_SKIP);
}

int
main (int    argc,
      char **argv)
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/stop-actions/allowed", test_allowed);
  g_test_add_func ("/giliran/stop-actions/closed", test_closed);
  g_test_add_func ("/giliran/stop-actions/strings", test_strings);

  return g_test_run ();
}
