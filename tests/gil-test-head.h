/* gil-test-head.c — the head's page in a window, for its UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-room-list.h"

G_BEGIN_DECLS

GtkWidget  *gil_test_head_open          (const char     *url,
                                         const char     *token,
                                         guint           n_rooms,
                                         int             width,
                                         GilConnection **connection,
                                         GilRoomList   **rooms,
                                         GtkWindow     **window);
void        gil_test_head_wait_loaded   (GtkWidget      *page);
const char *gil_test_head_label_text    (GtkWidget      *widget);
int         gil_test_head_column_of     (GtkGrid        *grid,
                                         const char     *title);
const char *gil_test_head_stat_value    (GtkWidget      *page,
                                         const char     *id);

G_END_DECLS
