/* gil-test-manager.c — a real giliran-manager on loopback, for tests
 *
 * Runs the binary named by $GILIRAN_MANAGER on a temporary database and a
 * free port, and waits for its "listening" line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "gil-test-manager.h"

#define START_TIMEOUT_S 10

struct _GilTestManager
{
  char        *dir;
  char        *database;
  char        *token_file;
  char        *url;
  char        *admin_token;
  guint        port;
  gboolean     own_dir;
  GSubprocess *process;
  int          exit_status;
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
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
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
  LineWait wait = { 0 };
  const char *prefix = "giliran-manager: listening on http://127.0.0.1:";

  g_assert_nonnull (binary);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* Never outlive a test that crashed. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  m->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                            "--database", m->database, "--port", port,
                                            "--admin-token-file", m->token_file, NULL);
  g_assert_no_error (error);

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

  m->port = (guint)g_ascii_strtoull (wait.line + strlen (prefix), NULL, 10);
  g_assert_cmpuint (m->port, >, 0);
  /* A restart keeps the port, so the URL callers hold stays valid. */
  if (m->url == NULL)
    m->url = g_strdup_printf ("http://127.0.0.1:%u", m->port);
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

GilTestManager *
gil_test_manager_start_in (const char *dir)
{
  GilTestManager *m = g_new0 (GilTestManager, 1);

  m->dir = g_strdup (dir);
  m->database = g_build_filename (dir, "giliran.db", NULL);
  m->token_file = g_build_filename (dir, "admin-token", NULL);
  launch (m);
  return m;
}

GilTestManager *
gil_test_manager_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("giliran-manager-XXXXXX", &error);
  GilTestManager *m;

  g_assert_no_error (error);
  m = gil_test_manager_start_in (dir);
  m->own_dir = TRUE;
  return m;
}

const char *
gil_test_manager_get_url (GilTestManager *m)
{
  return m->url;
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

void
gil_test_manager_kill (GilTestManager *m,
                       int             signum)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (m->process);
  g_subprocess_send_signal (m->process, signum);
  g_subprocess_wait (m->process, NULL, &error);
  g_assert_no_error (error);
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

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
gil_test_manager_free (GilTestManager *m)
{
  if (m == NULL)
    return;
  if (m->process != NULL)
    gil_test_manager_kill (m, SIGTERM);
  if (m->own_dir)
    remove_tree (m->dir);
  g_free (m->dir);
  g_free (m->database);
  g_free (m->token_file);
  g_free (m->url);
  g_free (m->admin_token);
  g_free (m);
}
