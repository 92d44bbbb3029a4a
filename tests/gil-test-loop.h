/* gil-test-loop.h — waiting on the main loop, for tests that run one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*GilTestCondition) (gpointer data);

gboolean gil_test_loop_wait_for   (GilTestCondition  done,
                                   gpointer          data,
                                   guint             timeout_ms);
void     gil_test_loop_wait_until (GilTestCondition  done,
                                   gpointer          data,
                                   guint             timeout_ms,
                                   const char       *what);
void     gil_test_loop_run_for    (guint             msec);

void          gil_test_loop_on_result_cb (GObject       *source,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *gil_test_loop_wait_result  (GAsyncResult **slot,
                                          guint          timeout_ms,
                                          const char    *what);

G_END_DECLS
