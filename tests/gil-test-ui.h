/* gil-test-ui.h — what the interface tests share: a real display (Xvfb),
 * waiting for the app to catch up, finding widgets, screenshots, keys
 * pressed on the virtual keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"
#include "gil-context.h"
#include "gil-room-list.h"
#include "gil-test-loop.h"

G_BEGIN_DECLS

/* How gil_test_ui_press_button() presses: a click, or Enter on the
 * focused button. */
typedef enum
{
  GIL_TEST_UI_PRESS_CLICK,
  GIL_TEST_UI_PRESS_KEYBOARD,
} GilTestUiPress;

/* A widget and the text it should come to show, for the conditions
 * gil_test_expect_label() and its kin. */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
} GilTestExpect;

/* A station's page in a window of its own, as a UI test opens it and
 * gil_test_ui_station_close() closes it. */
typedef struct
{
  GilConnection *connection;
  GilRoomList   *rooms;
  GtkWindow     *window;
  GtkWidget     *page;
} GilTestUiStation;

/* A page's constructor, given the context it works in. */
typedef GtkWidget *(*GilTestPageNew) (GilContext *context);

void       gil_test_ui_init        (int               *argc,
                                    char            ***argv);
void       gil_test_ui_wait        (GilTestCondition   condition,
                                    gpointer           data,
                                    const char        *what);
GAsyncResult *gil_test_ui_wait_result (GAsyncResult **slot,
                                       const char    *what);
void       gil_test_ui_spin        (guint              msec);
GtkWidget *gil_test_ui_find_button (GtkWidget         *root,
                                    const char        *label);
GtkWidget *gil_test_ui_find_label  (GtkWidget         *root,
                                    const char        *text);
GtkWidget *gil_test_ui_find_label_containing (GtkWidget  *root,
                                              const char *text,
                                              const char *css_class);
GtkWidget *gil_test_ui_find_named  (GtkWidget         *root,
                                    const char        *name);
GtkWidget *gil_test_ui_get_named   (GtkWidget         *root,
                                    const char        *name);
GtkWidget *gil_test_ui_find_type   (GtkWidget         *root,
                                    GType              type,
                                    guint              nth);
guint      gil_test_ui_count_named (GtkWidget         *root,
                                    const char        *name);
guint      gil_test_ui_count_rows  (GtkListBox        *list);
gboolean   gil_test_ui_list_filled (gpointer           data);
GtkWidget *gil_test_ui_find_dialog  (void);
gboolean   gil_test_ui_dialog_shown (gpointer          data);
gboolean   gil_test_ui_dialog_gone (gpointer           data);
void       gil_test_ui_close_station (GtkWindow      *window,
                                      GilRoomList   **rooms,
                                      GilConnection  *connection);
char      *gil_test_ui_screenshot  (GtkWidget         *widget,
                                    const char        *name) G_GNUC_WARN_UNUSED_RESULT;
void       gil_test_ui_wait_label  (GtkWidget         *root,
                                    const char        *name,
                                    const char        *text);
gboolean   gil_test_ui_can_type    (void);
gboolean   gil_test_ui_skip_unless_can_type (void);
void       gil_test_ui_type        (GtkWidget         *window,
                                    const char        *keys);
void       gil_test_ui_press_button (GtkWidget      *root,
                                     const char     *label,
                                     GilTestUiPress  how);
gboolean   gil_test_expect_label          (gpointer       data);
gboolean   gil_test_expect_text           (gpointer       data);
gboolean   gil_test_expect_label_contains (gpointer       data);
void       gil_test_ui_wait_focus  (GtkWindow         *window,
                                    GtkWidget         *widget,
                                    const char        *what);
void       gil_test_ui_assert_new_destroy (GilTestPageNew page_new);
void       gil_test_ui_station_close (GilTestUiStation *station);
AdwApplication *gil_test_ui_app_new (const char    *id);
void       gil_test_ui_assert_inside (GtkWidget     *widget,
                                      GtkWidget     *window);

G_END_DECLS
