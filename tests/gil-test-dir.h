/* gil-test-dir.h — temporary folders, for every kind of test
 *
 * GLib only: the core tests (gil-test-util), the tests against a real
 * manager (gil-test-manager) and the interface tests all use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *gil_test_make_dir       (void);
void      gil_test_remove_dir     (const char   *dir);

G_END_DECLS
