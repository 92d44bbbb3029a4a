/* gil-test-webdriver.h — a headless Chromium driven through chromedriver's
 * WebDriver protocol (plain HTTP and JSON), for tests of the browser display and kiosk,
 * and the manager those tests start with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-test-manager.h"

G_BEGIN_DECLS

typedef struct _GilTestBrowser GilTestBrowser;

/* The puskesmas name a browser test's manager has. */
#define GIL_TEST_WEB_PUSKESMAS "Puskesmas Ampenan"

/* A script giving the page's state (its body's data-state). */
#define GIL_TEST_WEB_PAGE_STATE "return document.body.dataset.state || ''"

/* What a browser test starts from: a real manager with TLS, its
 * certificate trusted, its name set, and a browser at 1920×1080. */
typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;
  GilTestBrowser *browser;
} GilTestWeb;

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

guint           gil_test_free_port          (void);
char           *gil_test_web_expect_file    (const char     *url,
                                             const char     *path,
                                             const char     *type);

void            gil_test_web_set_up         (GilTestWeb     *w,
                                             gconstpointer   data);
void            gil_test_web_tear_down      (GilTestWeb     *w,
                                             gconstpointer   data);
void            gil_test_web_pair           (GilTestWeb     *w,
                                             const char     *path,
                                             const char     *code_request,
                                             const char     *ready_state,
                                             guint           timeout_ms);
void            gil_test_web_revoke         (GilTestWeb     *w,
                                             const char     *role);
void            gil_test_web_screenshot     (GilTestWeb     *w,
                                             const char     *page,
                                             const char     *what,
                                             guint           width,
                                             guint           height);

G_END_DECLS
