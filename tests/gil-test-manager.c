/* gil-test-manager.c — a real giliran-manager on loopback, for tests
 *
 * Runs the binary named by $GILIRAN_MANAGER on a temporary database and a
 * free port, and waits for its "listening" line: http:// or https:// as the
 * manager says. It may also run inside a network namespace, listening on an
 * address of that namespace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "gil-test-api.h"
#include "gil-test-dir.h"
#include "gil-test-manager.h"

#define START_TIMEOUT_S 10

struct _GilTestManager
{
  char        *dir;
  char        *database;
  char        *token_file;
  char        *url;
  char        *admin_token;
  char        *netns;      /* run through `ip netns exec`, or NULL */
  char        *address;    /* --listen, or NULL for loopback */
  char        *host;       /* the URL's host when it is not --listen's */
  guint        port;
  GStrv        args;        /* more arguments, such as --tls */
  GStrv        env;         /* more environment, NAME=VALUE */
  gboolean     own_dir;
  GSubprocess *process;
  int          exit_status;
  gboolean     capture_log;
  GThread     *log_thread;
  GMutex       log_lock;
  GString     *log;          /* the manager's stderr, when captured */
  struct rlimit files;       /* the manager's open-file limit; 0 leaves it */
};

typedef struct
{
  GMainLoop *loop;
  char      *line;
  gboolean   timed_out;
} LineWait;

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, NULL);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  LineWait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

static void
set_up_child (gpointer user_data)
{
  GilTestManager *m = user_data;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (m->files.rlim_max != 0)
    setrlimit (RLIMIT_NOFILE, &m->files);
}

/* Keeps what the manager writes on stderr, and passes it on to the test's
 * own, so that it is still seen in the test log. A thread, because the
 * test does not always run a main loop while the manager writes. */
static gpointer
read_log_thread (gpointer data)
{
  GilTestManager *m = data;
  GInputStream *err = g_subprocess_get_stderr_pipe (m->process);
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (err, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      g_mutex_lock (&m->log_lock);
      g_string_append_len (m->log, buffer, n);
      g_mutex_unlock (&m->log_lock);
      fwrite (buffer, 1, n, stderr);
    }
  return NULL;
}

static void
launch (GilTestManager *m)
{
  const char *binary = g_getenv ("GILIRAN_MANAGER");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *port = g_strdup_printf ("%u", m->port);
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;
  g_autoptr(GUri) uri = NULL;
  LineWait wait = { 0 };
  const char *host = m->address != NULL ? m->address : m->host != NULL ? m->host : "127.0.0.1";
  const char *prefix = "giliran-manager: listening on ";

  g_assert_nonnull (binary);
  /* `ip netns exec` becomes the manager itself (no fork), so it is the
   * manager that gets the signals and the parent's death. */
  if (m->netns != NULL)
    g_strv_builder_add_many (argv, "ip", "netns", "exec", m->netns, NULL);
  g_strv_builder_add_many (argv, binary, "--database", m->database, "--port", port,
                           "--admin-token-file", m->token_file, NULL);
  /* A LAN address would mean TLS; the network tests follow plain HTTP. */
  if (m->address != NULL)
    g_strv_builder_add_many (argv, "--listen", m->address, "--no-tls", NULL);
  if (m->args != NULL)
    g_strv_builder_addv (argv, (const char **)m->args);
  args = g_strv_builder_end (argv);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                       | (m->capture_log ? G_SUBPROCESS_FLAGS_STDERR_PIPE : 0));
  for (guint i = 0; m->env != NULL && m->env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (m->env[i], "=", 2);

      g_assert_nonnull (pair[1]);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  /* Never outlive a test that crashed. */
  g_subprocess_launcher_set_child_setup (launcher, set_up_child, m, NULL);
  m->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)args, &error);
  g_assert_no_error (error);
  if (m->capture_log)
    m->log_thread = g_thread_new ("manager-log", read_log_thread, m);

  /* Read on a private context so the test's own loop is left alone. */
  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (m->process));
  timeout = g_timeout_source_new_seconds (START_TIMEOUT_S);
  g_source_set_callback (timeout, on_timeout_cb, &wait, NULL);
  g_source_attach (timeout, context);
  while (wait.line == NULL && !wait.timed_out)
    {
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line_cb, &wait);
      g_main_loop_run (wait.loop);
      if (wait.line == NULL || g_str_has_prefix (wait.line, prefix))
        break;
      g_clear_pointer (&wait.line, g_free);
    }
  g_source_destroy (timeout);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  if (wait.line == NULL || !g_str_has_prefix (wait.line, prefix))
    g_error ("giliran-manager did not start listening within %d s", START_TIMEOUT_S);

  uri = g_uri_parse (wait.line + strlen (prefix), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  m->port = g_uri_get_port (uri);
  g_assert_cmpuint (m->port, >, 0);
  /* A restart keeps the port, so the URL callers hold stays valid. */
  if (m->url == NULL)
    m->url = g_strdup_printf ("%s://%s:%u", g_uri_get_scheme (uri), host, m->port);
  g_free (wait.line);

  if (m->admin_token == NULL)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (m->token_file, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", 2);
      m->admin_token = g_strdup (lines[0]);
    }
}

/**
 * gil_test_manager_start_full:
 * @dir: (nullable): the folder of the database, or %NULL for a new
 *   temporary one removed by gil_test_manager_free()
 * @args: (nullable): more arguments for giliran-manager, kept for restarts
 * @env: (nullable): more environment for it, as NAME=VALUE, kept too
 * @logged: whether to keep its log for gil_test_manager_dup_log()
 */
GilTestManager *
gil_test_manager_start_full (const char         *dir,
                             const char * const *args,
                             const char * const *env,
                             gboolean            logged)
{
  return gil_test_manager_start_limited (dir, args, env, logged, 0, 0);
}

/**
 * gil_test_manager_start_faked:
 * @start: the manager's clock at its start, as "YYYY-MM-DD HH:MM:SS" in
 *   the tests' time zone; it runs on from there
 * @args: (nullable): more arguments for giliran-manager
 *
 * A manager under libfaketime (GILIRAN_LIBFAKETIME, Debian's faketime).
 * Without libfaketime the test is skipped, and %NULL returned; under CI,
 * where it must run, it fails instead.
 *
 * Returns: (nullable): the manager
 */
GilTestManager *
gil_test_manager_start_faked (const char         *start,
                              const char * const *args,
                              gboolean            logged)
{
  const char *library = g_getenv ("GILIRAN_LIBFAKETIME");
  const char *ci = g_getenv ("CI");
  g_autofree char *preload = NULL;
  g_autofree char *faketime = NULL;
  g_autofree char *asan = NULL;

  if (library == NULL || !g_file_test (library, G_FILE_TEST_IS_REGULAR))
    {
      if (ci != NULL && ci[0] != '\0')
        g_error ("libfaketime is not installed (Debian package faketime), and CI must run this test");
      g_test_skip ("libfaketime is not installed (Debian package faketime)");
      return NULL;
    }
  preload = g_strconcat ("LD_PRELOAD=", library, NULL);
  faketime = g_strconcat ("FAKETIME=@", start, NULL);
  /* A manager built with AddressSanitizer takes the preload too. */
  asan = g_strconcat ("ASAN_OPTIONS=", g_getenv ("ASAN_OPTIONS") != NULL ? g_getenv ("ASAN_OPTIONS") : "",
                      ":verify_asan_link_order=0", NULL);
  {
    const char *env[] = { preload, faketime, asan, NULL };

    return gil_test_manager_start_full (NULL, args, env, logged);
  }
}

/* A manager not started yet, on the database in @dir or, for %NULL, in a
 * new temporary folder that gil_test_manager_free() removes. */
static GilTestManager *
manager_new (const char *dir)
{
  GilTestManager *m = g_new0 (GilTestManager, 1);

  if (dir != NULL)
    {
      m->dir = g_strdup (dir);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      m->dir = g_dir_make_tmp ("giliran-manager-XXXXXX", &error);
      g_assert_no_error (error);
      m->own_dir = TRUE;
    }
  m->database = g_build_filename (m->dir, "giliran.db", NULL);
  m->token_file = g_build_filename (m->dir, "admin-token", NULL);
  return m;
}

/**
 * gil_test_manager_start_limited:
 * @soft: the manager's soft limit of open files, as a shell's `ulimit -Sn`
 * @hard: its hard limit; 0 leaves both as the test's own
 *
 * As gil_test_manager_start_full(), under an open-file limit (systemd
 * starts services at a soft 1,024).
 */
GilTestManager *
gil_test_manager_start_limited (const char         *dir,
                                const char * const *args,
                                const char * const *env,
                                gboolean            logged,
                                guint64             soft,
                                guint64             hard)
{
  GilTestManager *m = manager_new (dir);

  m->args = g_strdupv ((char **)args);
  m->env = g_strdupv ((char **)env);
  m->files.rlim_cur = soft;
  m->files.rlim_max = hard;
  if (logged)
    {
      m->capture_log = TRUE;
      m->log = g_string_new (NULL);
      g_mutex_init (&m->log_lock);
    }
  launch (m);
  return m;
}

/**
 * gil_test_manager_start_with:
 * @dir: (nullable): the folder of the database, or %NULL for a new
 *   temporary one removed by gil_test_manager_free()
 * @args: (nullable): more arguments for giliran-manager, kept for restarts
 */
GilTestManager *
gil_test_manager_start_with (const char         *dir,
                             const char * const *args)
{
  return gil_test_manager_start_full (dir, args, NULL, FALSE);
}

GilTestManager *
gil_test_manager_start_in (const char *dir)
{
  GilTestManager *m = manager_new (dir);

  launch (m);
  return m;
}

/**
 * gil_test_manager_start_in_netns:
 * @netns: a network namespace made with `ip netns add`
 * @address: an address of that namespace to listen on
 *
 * Runs the manager inside @netns, on a temporary database.
 */
GilTestManager *
gil_test_manager_start_in_netns (const char *netns,
                                 const char *address)
{
  GilTestManager *m = manager_new (NULL);

  m->netns = g_strdup (netns);
  m->address = g_strdup (address);
  launch (m);
  return m;
}

/**
 * gil_test_manager_start_in_netns_full:
 * @netns: a network namespace made with `ip netns add`
 * @host: an address of that namespace, for the URL
 * @args: (nullable): more arguments for giliran-manager, such as
 *   --listen-all (it then speaks TLS)
 * @env: (nullable): more environment, NAME=VALUE
 *
 * Runs the manager inside @netns, on a temporary database, listening
 * where @args say.
 */
GilTestManager *
gil_test_manager_start_in_netns_full (const char         *netns,
                                      const char         *host,
                                      const char * const *args,
                                      const char * const *env)
{
  GilTestManager *m = manager_new (NULL);

  m->netns = g_strdup (netns);
  m->host = g_strdup (host);
  m->args = g_strdupv ((char **)args);
  m->env = g_strdupv ((char **)env);
  launch (m);
  return m;
}

GilTestManager *
gil_test_manager_start (void)
{
  GilTestManager *m = manager_new (NULL);

  launch (m);
  return m;
}

/**
 * gil_test_manager_start_api:
 * @url: (out): where its base URL goes
 * @admin_token: (out): where its administrator's token goes
 *
 * Starts a manager on a fresh database, as gil_test_manager_start(), and
 * gives what a test calls its API with: both strings belong to the
 * manager and last until gil_test_manager_free().
 *
 * Returns: (transfer full): the manager
 */
GilTestManager *
gil_test_manager_start_api (const char **url,
                            const char **admin_token)
{
  GilTestManager *m = gil_test_manager_start ();

  g_assert_nonnull (url);
  g_assert_nonnull (admin_token);
  *url = gil_test_manager_get_url (m);
  *admin_token = gil_test_manager_get_admin_token (m);
  return m;
}

/* A GTestFixtureFunc: starts @f's manager. */
void
gil_test_server_set_up (GilTestServer *f,
                        gconstpointer  data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->admin);
}

/* A GTestFixtureFunc: stops @f's manager and removes its files. */
void
gil_test_server_tear_down (GilTestServer *f,
                           gconstpointer  data)
{
  g_clear_pointer (&f->manager, gil_test_manager_free);
}

/**
 * gil_test_manager_start_logged:
 * @dir: (nullable): the folder for the database, or %NULL for a new
 *   temporary one
 *
 * Like gil_test_manager_start(), keeping the manager's stderr (its log)
 * for gil_test_manager_dup_log(). The log goes through a pipe, not a file,
 * so that it is kept even when the manager may not write files.
 */
GilTestManager *
gil_test_manager_start_logged (const char *dir)
{
  return gil_test_manager_start_full (dir, NULL, NULL, TRUE);
}

/**
 * gil_test_manager_dup_log:
 *
 * Returns: (transfer full): what the manager has written on stderr so far;
 *   all of it once it has been killed
 */
char *
gil_test_manager_dup_log (GilTestManager *m)
{
  char *text;

  g_assert_true (m->capture_log);
  g_mutex_lock (&m->log_lock);
  text = g_strdup (m->log->str);
  g_mutex_unlock (&m->log_lock);
  return text;
}

/**
 * gil_test_manager_wait_log:
 * @text: what a line of the log says
 *
 * Waits until the manager's log has a line saying @text: the log is read
 * from its pipe by a thread of its own, so a line the manager wrote just
 * before it answered may not be kept yet. Fails the test after 20 s.
 */
void
gil_test_manager_wait_log (GilTestManager *m,
                           const char     *text)
{
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *log = gil_test_manager_dup_log (m);

      if (strstr (log, text) != NULL)
        return;
      g_usleep (10 * 1000);
    }
  g_error ("the manager's log never said “%s”", text);
}

GPid
gil_test_manager_get_pid (GilTestManager *m)
{
  g_assert_nonnull (m->process);
  return (GPid)g_ascii_strtoll (g_subprocess_get_identifier (m->process), NULL, 10);
}

const char *
gil_test_manager_get_url (GilTestManager *m)
{
  return m->url;
}

/* The port it listens on, as in its URL. */
guint16
gil_test_manager_get_port (GilTestManager *m)
{
  return m->port;
}

const char *
gil_test_manager_get_admin_token (GilTestManager *m)
{
  return m->admin_token;
}

const char *
gil_test_manager_get_dir (GilTestManager *m)
{
  return m->dir;
}

const char *
gil_test_manager_get_database (GilTestManager *m)
{
  return m->database;
}

/**
 * gil_test_manager_dup_fingerprint:
 *
 * The fingerprint of the certificate giliran-manager --tls keeps beside
 * the database, computed here by GnuTLS rather than by the code under
 * test: SHA-256 of the DER, upper-case hex pairs joined by colons.
 *
 * (Linking GnuTLS into the tests also loads it with the program, so its
 * thread-local storage is static: LeakSanitizer (GCC 12, glibc 2.36)
 * crashes scanning the dynamic TLS it gets when glib-networking loads it
 * later into a handshake thread.)
 *
 * Returns: (transfer full): the fingerprint
 */
char *
gil_test_manager_dup_fingerprint (GilTestManager *m)
{
  g_autofree char *path = g_build_filename (m->dir, "giliran-tls.pem", NULL);
  g_autofree char *pem = NULL;
  gsize length = 0;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  guint8 digest[32];
  size_t size = sizeof digest;
  GString *text = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &pem, &length, NULL));
  datum.data = (unsigned char *)pem;
  datum.size = length;
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, digest, &size), ==, 0);
  gnutls_x509_crt_deinit (crt);
  g_assert_cmpuint (size, ==, sizeof digest);
  for (gsize i = 0; i < size; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (text, FALSE);
}

void
gil_test_manager_kill (GilTestManager *m,
                       int             signum)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (m->process);
  g_subprocess_send_signal (m->process, signum);
  g_subprocess_wait (m->process, NULL, &error);
  g_assert_no_error (error);
  /* The pipe ends with the process: its last lines are read now. */
  if (m->log_thread != NULL)
    g_clear_pointer (&m->log_thread, g_thread_join);
  m->exit_status = g_subprocess_get_if_exited (m->process)
                   ? g_subprocess_get_exit_status (m->process)
                   : 128 + g_subprocess_get_term_sig (m->process);
  g_clear_object (&m->process);
}

int
gil_test_manager_get_exit_status (GilTestManager *m)
{
  return m->exit_status;
}

/**
 * gil_test_manager_is_running:
 *
 * Returns: whether the manager process is still there (it has not exited
 *   or been killed by a signal since it started)
 */
gboolean
gil_test_manager_is_running (GilTestManager *m)
{
  /* GLib reaps the child on its worker thread: no main loop needed. */
  return m->process != NULL && g_subprocess_get_identifier (m->process) != NULL;
}

void
gil_test_manager_restart (GilTestManager *m)
{
  g_assert_null (m->process);
  launch (m);
}

/**
 * gil_test_manager_publish_event:
 *
 * Makes a change that publishes exactly one event: room 1 renamed.
 */
void
gil_test_manager_publish_event (GilTestManager *m)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (gil_test_manager_get_url (m),
                                                   gil_test_manager_get_admin_token (m),
                                                   "PATCH", "/api/v1/rooms/1",
                                                   "{\"name\":\"Ruang Umum Baru\"}", NULL, 200);
}

void
gil_test_manager_free (GilTestManager *m)
{
  if (m == NULL)
    return;
  if (m->process != NULL)
    gil_test_manager_kill (m, SIGTERM);
  if (m->own_dir)
    gil_test_remove_dir (m->dir);
  g_free (m->dir);
  g_free (m->database);
  g_free (m->token_file);
  g_free (m->url);
  g_free (m->admin_token);
  if (m->capture_log)
    {
      g_string_free (m->log, TRUE);
      g_mutex_clear (&m->log_lock);
    }
  g_strfreev (m->args);
  g_strfreev (m->env);
  g_free (m->netns);
  g_free (m->host);
  g_free (m->address);
  g_free (m);
}

/**
 * gil_test_manager_count_fds:
 *
 * Returns: how many descriptors the manager has open now
 */
guint
gil_test_manager_count_fds (GilTestManager *m)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", (int)gil_test_manager_get_pid (m));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/**
 * gil_test_manager_rss_kib:
 *
 * Returns: the manager's resident memory now, in KiB (VmRSS)
 */
guint64
gil_test_manager_rss_kib (GilTestManager *m)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)gil_test_manager_get_pid (m));
  g_autofree char *contents = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  line = strstr (contents, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}
