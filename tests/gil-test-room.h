/* gil-test-room.h — what the room page's interface tests share: stations
 * (a room page in a window on a real manager), finding and waiting for a
 * patient's row, pressing the page's buttons, the Send to… dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-room-page.h"
#include "gil-stop-row.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

G_BEGIN_DECLS

/* A room page in its own window, as on one PC. */
typedef struct
{
  GilConnection *connection;
  GilRoomList   *rooms;
  GtkWindow     *window;
  GtkWidget     *menu;     /* in the header bar, as in the app's window */
  GtkWidget     *page;
} GilTestStation;

/* A manager with its admin token, and two stations on it. */
typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *token;
  gint64          room;     /* the adults' room, K3-DEWASA */
  GilTestStation  a;
  GilTestStation  b;
} GilTestRoomFixture;

void         gil_test_room_open_at         (GilTestRoomFixture *f,
                                            GilTestStation     *s,
                                            gint64              room,
                                            int                 width,
                                            int                 height);
void         gil_test_room_open            (GilTestRoomFixture *f,
                                            GilTestStation     *s);
void         gil_test_room_close           (GilTestStation *s);
void         gil_test_room_set_up          (GilTestRoomFixture *f,
                                            gconstpointer       data);
void         gil_test_room_tear_down       (GilTestRoomFixture *f,
                                            gconstpointer       data);
gint64       gil_test_room_register_adult  (GilTestRoomFixture *f,
                                            const char         *name);
GilStopRow  *gil_test_room_find_row        (GtkWidget  *page,
                                            const char *ticket);
void         gil_test_room_wait_row        (GtkWidget  *page,
                                            const char *ticket,
                                            const char *status);
const char  *gil_test_room_selected_ticket (GtkWidget *page);
void         gil_test_room_select_ticket   (GtkWidget  *page,
                                            const char *ticket);
void         gil_test_room_expect_buttons  (GtkWidget          *page,
                                            const char * const *enabled);
void         gil_test_room_press           (GtkWidget  *page,
                                            const char *label);
void         gil_test_room_act             (GtkWidget  *page,
                                            const char *label,
                                            const char *ticket,
                                            const char *status);
GtkWidget   *gil_test_room_label_starting  (GtkWidget  *root,
                                            const char *prefix);
void         gil_test_room_wait_label      (GtkWidget  *root,
                                            const char *prefix);
void         gil_test_room_wait_label_gone (GtkWidget  *root,
                                            const char *prefix);
void         gil_test_room_wait_row_says   (GtkWidget  *page,
                                            const char *ticket,
                                            const char *text);
void         gil_test_room_tick_return     (GtkWidget *dialog);
void         gil_test_room_choose_room     (GtkWidget  *dialog,
                                            const char *name);
void         gil_test_room_answer_home     (GilTestStation *s);
void         gil_test_room_type_keys       (GilTestStation *s,
                                            const char     *keys);

G_END_DECLS
