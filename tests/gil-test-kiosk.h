/* gil-test-kiosk.h — what the ticket kiosk's interface tests share: its
 * buttons pressed as a person does, and the ticket printed to a PDF file
 * read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection.h"

G_BEGIN_DECLS

/* A kiosk station's window, its printer writing to a PDF file. */
typedef struct
{
  GilConnection *connection;
  GtkWindow     *window;
  GtkWidget     *page;
  char          *dir;
  char          *output;   /* where the kiosk's printer writes */
} GilTestKiosk;

void  gil_test_kiosk_open           (GilTestKiosk   *kiosk,
                                     AdwApplication *app,
                                     const char     *url,
                                     const char     *token);
void  gil_test_kiosk_close          (GilTestKiosk   *kiosk);

void  gil_test_kiosk_wait_choosing  (GtkWidget  *page);
void  gil_test_kiosk_press          (GtkWidget  *page,
                                     const char *series,
                                     gboolean    keyboard);
void  gil_test_kiosk_wait_printed   (const char *output);
char *gil_test_kiosk_printed_text   (const char *output);
void  gil_test_kiosk_assert_says    (const char *text,
                                     const char *expected);
char *gil_test_kiosk_ahead_text     (guint       ahead);

G_END_DECLS
