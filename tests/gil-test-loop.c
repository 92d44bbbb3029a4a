/* gil-test-loop.c — waiting on the main loop, for tests that run one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-test-loop.h"

static gboolean
on_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * gil_test_loop_wait_for:
 *
 * Runs the main loop until @done holds.
 *
 * Returns: FALSE if @timeout_ms passed first
 */
gboolean
gil_test_loop_wait_for (GilTestCondition  done,
                        gpointer          data,
                        guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  /* Wakes the loop now and then, so the deadline is seen. */
  guint tick = g_timeout_add (50, on_tick_cb, NULL);
  gboolean met;

  while (!(met = done (data)) && g_get_monotonic_time () <= deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return met;
}

/**
 * gil_test_loop_wait_until:
 * @what: said when the wait times out
 *
 * Runs the main loop until @done holds; fails the test after @timeout_ms.
 */
void
gil_test_loop_wait_until (GilTestCondition  done,
                          gpointer          data,
                          guint             timeout_ms,
                          const char       *what)
{
  if (!gil_test_loop_wait_for (done, data, timeout_ms))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

static gboolean
deadline_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *)data;
}

/* Runs the main loop for @msec, to let happen what will (or should not). */
void
gil_test_loop_run_for (guint msec)
{
  gint64 until = g_get_monotonic_time () + (gint64)msec * 1000;

  gil_test_loop_wait_until (deadline_passed, &until, msec + 1000, "time to pass");
}

/**
 * gil_test_loop_on_result_cb:
 * @user_data: a `GAsyncResult *` that is %NULL, to hold the result
 *
 * A #GAsyncReadyCallback that keeps the result for
 * gil_test_loop_wait_result().
 */
void
gil_test_loop_on_result_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
result_came (gpointer data)
{
  return *(GAsyncResult **)data != NULL;
}

/**
 * gil_test_loop_wait_result:
 * @slot: what gil_test_loop_on_result_cb() was given
 * @what: said when the wait times out
 *
 * Runs the main loop until the call's result comes, failing the test
 * after @timeout_ms.
 *
 * Returns: (transfer full): the result, for the call's _finish; @slot is
 *   %NULL again
 */
GAsyncResult *
gil_test_loop_wait_result (GAsyncResult **slot,
                           guint          timeout_ms,
                           const char    *what)
{
  gil_test_loop_wait_until (result_came, slot, timeout_ms, what);
  return g_steal_pointer (slot);
}
