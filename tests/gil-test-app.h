/* gil-test-app.h — the real `giliran` run from a shell, for tests of its
 * commands that need no window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int gil_test_app_run (const char * const  *args,
                      char               **out,
                      char               **err);
int gil_test_app_run_with (const char * const  *args,
                           const char * const  *env,
                           char               **out,
                           char               **err);

G_END_DECLS
