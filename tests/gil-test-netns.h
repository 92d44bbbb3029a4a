/* gil-test-netns.h — test hosts as network namespaces joined by veth pairs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes the links and addresses between @namespaces; may add arguments
 * for the inner part to @inner_args (strings it owns). */
typedef gboolean (*GilTestNetnsSetup) (const char * const *namespaces,
                                       GPtrArray          *inner_args,
                                       gpointer            user_data);

gboolean gil_test_netns_ip              (const char         *first,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean gil_test_netns_link            (const char         *netns_a,
                                         const char         *link_a,
                                         const char         *address_a,
                                         const char         *netns_b,
                                         const char         *link_b,
                                         const char         *address_b);
gboolean gil_test_netns_link_two        (const char * const *namespaces,
                                         const char         *prefix,
                                         const char         *address_a,
                                         const char         *address_b,
                                         char              **link_a,
                                         char              **link_b);
void     gil_test_netns_die_with_parent (gpointer            user_data);
int      gil_test_netns_skip            (const char         *reason);
int      gil_test_netns_supervise       (int                 argc,
                                         char               *argv[],
                                         const char         *prefix,
                                         guint               n_namespaces,
                                         GilTestNetnsSetup   setup,
                                         gpointer            user_data,
                                         guint               inner,
                                         const char         *inner_flag);

G_END_DECLS
