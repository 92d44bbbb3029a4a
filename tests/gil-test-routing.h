/* gil-test-routing.h — the routing scenarios of tests/data/routing.tsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *gil_test_routing_scenarios  (void);
char      *gil_test_birth_date_for_age (const char  *age,
                                        const GDate *day);

G_END_DECLS
