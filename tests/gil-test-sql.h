/* gil-test-sql.h — reading a database beside the program that writes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gil_test_query_one (const char *path,
                          const char *sql);

G_END_DECLS
