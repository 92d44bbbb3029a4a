/* gil-test-head.c — the head's page in a window, for its UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "gil-connection.h"
#include "gil-room-list.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

G_BEGIN_DECLS

/* A manager of its own with a head station paired, for a test's fixture. */
typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;   /* the administrator's token */
  char           *token;   /* the head station's */
  char           *today;   /* the manager's day, YYYY-MM-DD */
} GilTestHead;

void        gil_test_head_set_up        (GilTestHead      *head);
void        gil_test_head_tear_down     (GilTestHead      *head);
void        gil_test_head_open          (GilTestUiStation *station,
                                         const char       *url,
                                         const char       *token,
                                         guint             n_rooms,
                                         int               width);
void        gil_test_head_wait_loaded   (GtkWidget      *page);
const char *gil_test_head_label_text    (GtkWidget      *widget);
int         gil_test_head_column_of     (GtkGrid        *grid,
                                         const char     *title);
const char *gil_test_head_stat_value    (GtkWidget      *page,
                                         const char     *id);

G_END_DECLS
