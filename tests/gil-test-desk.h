/* gil-test-desk.h — what the registration desk's interface tests share:
 * a desk page on a real manager, and conditions on its widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gil-connection.h"
#include "gil-room-list.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

G_BEGIN_DECLS

/* A registration page in a window of its own, on a fresh manager. */
typedef struct
{
  GilTestManager *manager;
  GilConnection  *connection;
  GilRoomList    *rooms;
  GtkWindow      *window;
  GtkWidget      *page;
} GilTestDesk;

void       gil_test_desk_set_up           (GilTestDesk   *f,
                                           gconstpointer  data);
void       gil_test_desk_tear_down        (GilTestDesk   *f,
                                           gconstpointer  data);
void       gil_test_desk_wait_focus       (GilTestDesk   *f,
                                           GtkWidget     *widget,
                                           const char    *what);
gboolean   gil_test_desk_error_shown      (gpointer       data);
guint      gil_test_desk_payer_index      (const char    *payer);
guint      gil_test_desk_purpose_index    (const char    *purpose);
gint64     gil_test_desk_add_patient      (GilTestDesk   *f,
                                           const char    *body);
JsonNode  *gil_test_desk_get              (GilTestDesk   *f,
                                           const char    *path,
                                           guint         *status);
void       gil_test_desk_open_loket       (GilTestUiStation *desk,
                                           const char       *url,
                                           const char       *token,
                                           const char       *name,
                                           int               width);
void       gil_test_desk_press_register   (GilTestUiStation *desk);
void       gil_test_desk_choose           (GilTestDesk   *f,
                                           const char    *query,
                                           const char    *name);

/* The sex row's items after "Belum dipilih". */
#define GIL_TEST_DESK_SEX_FEMALE 1
#define GIL_TEST_DESK_SEX_MALE   2

G_END_DECLS
