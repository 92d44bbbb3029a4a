/* gil-bench-manager.c — the giliran-manager measured: started on the
 * bench's database, watched, stopped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "gil-bench.h"

/* How many frames (pages) the write-ahead log holds now, read from the
 * header of its index, the -shm file beside it (SQLite's file format:
 * mxFrame, a native 32-bit integer at byte 16); -1 if it cannot be read. */
gint64
gil_bench_log_frames (GilBenchManager *m)
{
  guint32 header[5];
  int fd = g_open (m->shm, O_RDONLY, 0);
  gssize got;

  if (fd < 0)
    return -1;
  got = pread (fd, header, sizeof header, 0);
  close (fd);
  return got == sizeof header ? (gint64)header[4] : -1;
}

/* How many pages the write that found the log at @before put in it, or
 * -1 when a checkpoint let the log start again in between. Every table
 * and index a write touches is at least one page to write and sync. */
gint64
gil_bench_log_pages_since (GilBenchManager *m,
                           gint64           before)
{
  gint64 after = gil_bench_log_frames (m);

  return before >= 0 && after > before ? after - before : -1;
}

void
gil_bench_manager_start (GilBenchManager *m,
                         const char      *program,
                         const char      *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "giliran.db", NULL);
  g_autofree char *token_file = g_build_filename (dir, "admin-token", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *at;

  m->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program,
                                 "--database", db, "--admin-token-file", token_file,
                                 "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (m->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert (line != NULL && (at = strstr (line, "http://")) != NULL);
  m->url = g_strdup (at);
  m->shm = g_strconcat (db, "-shm", NULL);
  g_assert (g_file_get_contents (token_file, &m->token, NULL, NULL));
  g_strstrip (m->token);
}

double
gil_bench_manager_peak_rss_mb (GilBenchManager *m)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (m->process));
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (hwm + 6, NULL) / 1024.0;
}

void
gil_bench_manager_stop (GilBenchManager *m)
{
  g_subprocess_send_signal (m->process, SIGTERM);
  g_subprocess_wait (m->process, NULL, NULL);
  g_clear_object (&m->process);
  g_free (m->url);
  g_free (m->shm);
  g_free (m->token);
}

/* The manager backs the database up as it starts, on a thread, reading
 * and checking every page; measuring during that would measure the backup.
 * Waits until health shows it done. */
void
gil_bench_wait_for_first_backup (GilBenchManager *m)
{
  for (guint i = 0; i < 6000; i++)
    {
      g_autoptr(JsonNode) health = gil_bench_request (m, "GET", "/api/v1/health", NULL, NULL);
      JsonObject *object = json_node_get_object (health);

      if (json_object_has_member (object, "last_backup") &&
          !json_object_get_null_member (object, "last_backup"))
        return;
      g_usleep (100 * 1000);
    }
  g_printerr ("giliran-bench: the start-up backup did not finish; measuring anyway\n");
}
