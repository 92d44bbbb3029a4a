/* gil-test-webdriver.h — a headless Chromium driven through chromedriver's
 * WebDriver protocol (plain HTTP and JSON), for tests of the browser display and kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _GilTestBrowser GilTestBrowser;

gboolean        gil_test_browser_available  (void);
gboolean        gil_test_browser_missing    (void);
GilTestBrowser *gil_test_browser_start      (guint           width,
                                             guint           height);
void            gil_test_browser_free       (GilTestBrowser *b);
void            gil_test_browser_open       (GilTestBrowser *b,
                                             const char     *url);
char           *gil_test_browser_run        (GilTestBrowser *b,
                                             const char     *script) G_GNUC_WARN_UNUSED_RESULT;
gboolean        gil_test_browser_wait       (GilTestBrowser *b,
                                             const char     *script,
                                             const char     *expected,
                                             guint           timeout_ms);
void            gil_test_browser_expect     (GilTestBrowser *b,
                                             const char     *script,
                                             const char     *expected,
                                             guint           timeout_ms);
void            gil_test_browser_type       (GilTestBrowser *b,
                                             const char     *selector,
                                             const char     *text);
void            gil_test_browser_click      (GilTestBrowser *b,
                                             const char     *selector);
void            gil_test_browser_resize     (GilTestBrowser *b,
                                             guint           width,
                                             guint           height);
void            gil_test_browser_screenshot (GilTestBrowser *b,
                                             const char     *path);
void            gil_test_browser_print      (GilTestBrowser *b,
                                             const char     *path);

G_END_DECLS
