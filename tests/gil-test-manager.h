/* gil-test-manager.h — a real giliran-manager on loopback, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GilTestManager GilTestManager;

/* A test fixture of a manager of its own, for tests of the API: its URL
 * and its administrator's token. */
typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;
} GilTestServer;

void            gil_test_server_set_up            (GilTestServer  *f,
                                                   gconstpointer   data);
void            gil_test_server_tear_down         (GilTestServer  *f,
                                                   gconstpointer   data);

GilTestManager *gil_test_manager_start            (void);
GilTestManager *gil_test_manager_start_api        (const char    **url,
                                                   const char    **admin_token);
GilTestManager *gil_test_manager_start_in         (const char     *dir);
GilTestManager *gil_test_manager_start_logged     (const char     *dir);
char           *gil_test_manager_dup_log          (GilTestManager *m);
void            gil_test_manager_wait_log         (GilTestManager *m,
                                                   const char     *text);
GPid            gil_test_manager_get_pid          (GilTestManager *m);
GilTestManager *gil_test_manager_start_with       (const char         *dir,
                                                   const char * const *args);
GilTestManager *gil_test_manager_start_full       (const char         *dir,
                                                   const char * const *args,
                                                   const char * const *env,
                                                   gboolean            logged);
GilTestManager *gil_test_manager_start_faked      (const char         *start,
                                                   const char * const *args,
                                                   gboolean            logged);
GilTestManager *gil_test_manager_start_limited    (const char         *dir,
                                                   const char * const *args,
                                                   const char * const *env,
                                                   gboolean            logged,
                                                   guint64             soft,
                                                   guint64             hard);
GilTestManager *gil_test_manager_start_in_netns   (const char     *netns,
                                                   const char     *address);
GilTestManager *gil_test_manager_start_in_netns_full (const char         *netns,
                                                      const char         *host,
                                                      const char * const *args,
                                                      const char * const *env);
const char     *gil_test_manager_get_url          (GilTestManager *m);
guint16         gil_test_manager_get_port         (GilTestManager *m);
const char     *gil_test_manager_get_admin_token  (GilTestManager *m);
const char     *gil_test_manager_get_dir          (GilTestManager *m);
const char     *gil_test_manager_get_database     (GilTestManager *m);
char           *gil_test_manager_dup_fingerprint  (GilTestManager *m);
void            gil_test_manager_kill             (GilTestManager *m,
                                                   int             signum);
int             gil_test_manager_get_exit_status  (GilTestManager *m);
gboolean        gil_test_manager_is_running       (GilTestManager *m);
void            gil_test_manager_restart          (GilTestManager *m);
guint           gil_test_manager_count_fds        (GilTestManager *m);
guint64         gil_test_manager_rss_kib          (GilTestManager *m);
void            gil_test_manager_publish_event    (GilTestManager *m);
void            gil_test_manager_free             (GilTestManager *m);

G_END_DECLS
