/* gil-host-process.c — the manager process a host starts and watches
 *
 * Started with its stderr on a pipe: the last line it writes there that
 * begins "giliran-manager: " is its reason for stopping, in the language
 * it was started in, and becomes the host's :problem. Its exit is counted
 * once both the exit and the end of stderr are seen, so the reason is
 * never missed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "gil-host-private.h"

static void probe (GilHost *self);

/* ── a manager this object starts ──────────────────────────────────── */

static void
handle_exit (GilHost *self)
{
  GSubprocess *process = self->process;
  g_autofree char *reason = g_steal_pointer (&self->reason);

  if (reason == NULL)
    {
      if (g_subprocess_get_if_signaled (process))
        reason = g_strdup_printf (_("it was ended by signal %d"), g_subprocess_get_term_sig (process));
      else
        reason = g_strdup_printf (_("it exited with status %d"), g_subprocess_get_exit_status (process));
    }
  g_clear_object (&self->process);
  g_clear_object (&self->errors);

  if (self->restart_now)
    {
      self->restart_now = FALSE;
      self->running_since = 0;
      gil_host_begin (self);
      return;
    }
  gil_host_failed (self, reason);
}

static void
maybe_exited (GilHost *self)
{
  if (self->exited && self->errors_done)
    handle_exit (self);
}

/* The reads of stderr and the wait for the exit last as long as the
 * manager: they hold the host weakly, so that the app's end finalizes it
 * (and cancels them) while the manager runs on. */
static GWeakRef *
weak_host (GilHost *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

static GilHost *
steal_host (GWeakRef *weak)
{
  GilHost *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return self;
}

static void
on_error_line_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GilHost) self = steal_host (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (gpointer)source != (gpointer)self->errors)
    return;
  if (line == NULL)
    {
      self->errors_done = TRUE;
      maybe_exited (self);
      return;
    }
  /* Its own reasons, in the language it was started in; not GLib's. */
  if (g_str_has_prefix (line, MANAGER_PREFIX))
    {
      g_free (self->reason);
      self->reason = g_strdup (g_strstrip (line + strlen (MANAGER_PREFIX)));
    }
  g_data_input_stream_read_line_async (self->errors, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_error_line_cb, weak_host (self));
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GilHost) self = steal_host (user_data);

  if (!g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL) || self == NULL ||
      G_SUBPROCESS (source) != self->process)
    return;
  self->exited = TRUE;
  maybe_exited (self);
}

static gboolean
on_probe_timeout_cb (gpointer user_data)
{
  GilHost *self = user_data;

  self->timeout_id = 0;
  probe (self);
  return G_SOURCE_REMOVE;
}

static void
on_probed_cb (GilHost  *self,
              gboolean  healthy)
{
  if (self->process == NULL || self->exited)
    return;  /* its exit says why */
  if (healthy)
    {
      gil_host_became_running (self);
      return;
    }
  if (++self->steps >= PROBE_STEPS)
    {
      g_free (self->reason);
      self->reason = g_strdup (_("it did not answer within ten seconds"));
      g_subprocess_force_exit (self->process);
      return;
    }
  self->timeout_id = g_timeout_add (PROBE_STEP_MS, on_probe_timeout_cb, self);
}

static void
probe (GilHost *self)
{
  gil_host_ask_health (self, on_probed_cb);
}

void
gil_host_spawn (GilHost *self)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  /* The folder holds every patient's record: its owner's only, also when
   * an older version made it readable by all. */
  if (g_mkdir_with_parents (self->data_dir, 0700) != 0 || g_chmod (self->data_dir, 0700) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("cannot create the folder %s: %s"),
                                                  self->data_dir, g_strerror (errno));

      gil_host_failed (self, message);
      return;
    }

  g_strv_builder_add_many (builder, self->manager,
                           "--database", self->database,
                           "--admin-token-file", self->token_file,
                           "--port", port,
                           NULL);
  if (!self->local_only)
    g_strv_builder_add (builder, "--listen-all");
  argv = g_strv_builder_end (builder);

  /* Its own process: the queue goes on when this app closes. Its stderr
   * says why it stops; once this app is gone, a write there fails with
   * EPIPE, which the manager ignores as every GIO server does. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, &error);
  if (self->process == NULL)
    {
      gil_host_failed (self, error->message);
      return;
    }
  self->exited = FALSE;
  self->errors_done = FALSE;
  g_clear_pointer (&self->reason, g_free);
  self->errors = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->process));
  g_data_input_stream_read_line_async (self->errors, G_PRIORITY_DEFAULT, self->cancellable,
                                       on_error_line_cb, weak_host (self));
  g_subprocess_wait_async (self->process, self->cancellable, on_exited_cb, weak_host (self));
  self->timeout_id = g_timeout_add (PROBE_STEP_MS, on_probe_timeout_cb, self);
}

/* ── a manager on our database that serves the other way ───────────── */

/* giliran-manager processes of this user with --database ours. */
static GArray *
find_strays (GilHost *self)
{
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      gsize length = 0;
      guint64 pid = 0;
      gboolean ours = FALSE;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &pid, NULL))
        continue;
      path = g_build_filename ("/proc", name, "cmdline", NULL);
      if (!g_file_get_contents (path, &cmdline, &length, NULL))
        continue;
      for (gsize at = 0; at < length; at += strlen (cmdline + at) + 1)
        {
          const char *arg = cmdline + at;

          if (at == 0 && !g_str_has_suffix (arg, "giliran-manager"))
            break;
          if (g_str_equal (arg, "--database") && at + strlen (arg) + 1 < length &&
              g_str_equal (cmdline + at + strlen (arg) + 1, self->database))
            ours = TRUE;
        }
      if (ours && kill ((GPid)pid, 0) == 0)
        {
          GPid found = (GPid)pid;

          g_array_append_val (pids, found);
        }
    }
  return pids;
}

static gboolean
on_stray_timeout_cb (gpointer user_data)
{
  GilHost *self = user_data;
  gboolean alive = FALSE;

  self->timeout_id = 0;
  for (guint i = 0; i < self->strays->len; i++)
    alive |= kill (g_array_index (self->strays, GPid, i), 0) == 0;
  if (alive && ++self->steps < STRAY_STOP_STEPS)
    {
      self->timeout_id = g_timeout_add (PROBE_STEP_MS, on_stray_timeout_cb, self);
      return G_SOURCE_REMOVE;
    }
  g_array_set_size (self->strays, 0);
  self->steps = 0;
  gil_host_spawn (self);
  return G_SOURCE_REMOVE;
}

/* A manager on our database that does not answer as asked (it serves the
 * other way, or hangs) is stopped, and ours replaces it; with none, ours
 * starts at once. */
void
gil_host_replace_strays (GilHost *self)
{
  g_autoptr(GArray) strays = find_strays (self);

  if (strays->len == 0)
    {
      gil_host_spawn (self);
      return;
    }
  for (guint i = 0; i < strays->len; i++)
    kill (g_array_index (strays, GPid, i), SIGTERM);
  g_array_append_vals (self->strays, strays->data, strays->len);
  self->timeout_id = g_timeout_add (PROBE_STEP_MS, on_stray_timeout_cb, self);
}
