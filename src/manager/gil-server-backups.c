/* gil-server-backups.c — the manager's backups: timed, at the start of a
 * service day, and POST /backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-backup.h"
#include "gil-server-private.h"

/* Every quarter of an hour (or as often as the admin chose) and when a
 * service day starts, the database is copied online into backups/ on a
 * worker thread, from a read-only connection, so the queue never waits;
 * each copy is checked before it counts, and only the newest few are
 * kept. The admin can ask for one now (POST /api/v1/backups). */

typedef struct
{
  GilStore  *reader;
  char      *dir;
  guint      keep;
  GPtrArray *msgs;   /* the admins' requests it answers */
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->reader);
  g_ptr_array_unref (job->msgs);
  g_free (job->dir);
  g_free (job);
}

/* Answers every waiting request with @reply's status and body. */
static void
answer_waiting (GPtrArray *msgs,
                Request   *reply)
{
  for (guint i = 0; i < msgs->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (msgs, i);

      soup_server_message_set_status (msg, reply->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        reply->reply, strlen (reply->reply));
      soup_server_message_unpause (msg);
    }
  g_free (reply->reply);
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  BackupJob *job = data;
  GError *error = NULL;
  char *path = gil_backup_write (job->reader, job->dir, &error);

  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  gil_backup_prune (job->dir, job->keep);
  g_task_return_pointer (task, path, g_free);
}

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GilServer *self = GIL_SERVER (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *today = NULL;
  Request req = { 0 };

  self->backing_up = FALSE;
  if (path != NULL)
    {
      g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *at = NULL;

      self->last_backup = gil_store_now (self->store);
      g_message ("backup written: %s", path);
      at = gil_api_format_time (self->last_backup);
      gil_json_writer_begin_object (builder);
      gil_json_writer_member (builder, "file");
      gil_json_writer_string (builder, name);
      gil_json_writer_member (builder, "at");
      gil_json_writer_string (builder, at);
      gil_json_writer_end_object (builder);
      gil_server_reply_builder (&req, 201, builder);
    }
  else
    {
      g_message ("backup failed: %s", error->message);
      gil_server_reply_error (&req, error);
    }

  answer_waiting (job->msgs, &req);

  /* Asked for while this one was under way, or a day began meanwhile:
   * another, with what is new. */
  today = gil_store_dup_today (self->store);
  if (self->backup_waiting->len > 0 || g_strcmp0 (today, self->backup_day) != 0)
    gil_server_begin_backup (self, NULL);
}

/* Starts a backup; with @req, answers it when done. */
void
gil_server_begin_backup (GilServer *self,
                         Request   *req)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  BackupJob *job;

  /* No backup starts while the manager stops: nobody would answer. */
  if (req != NULL && self->stopping)
    {
      gil_server_reply_message (req, 503, GIL_ERROR_CODE_SHUTTING_DOWN, _("The queue server is stopping"));
      return;
    }
  if (req != NULL)
    {
      g_ptr_array_add (self->backup_waiting, g_object_ref (req->msg));
      req->deferred = TRUE;
      soup_server_message_pause (req->msg);
    }
  if (self->backing_up || self->stopping)
    return;

  /* One day-start backup is tried each day; should it fail, the regular
   * ones go on trying. */
  g_free (self->backup_day);
  self->backup_day = gil_store_dup_today (self->store);
  job = g_new0 (BackupJob, 1);
  job->dir = g_strdup (self->backup_dir);
  job->keep = self->backups_kept;
  job->msgs = g_steal_pointer (&self->backup_waiting);
  self->backup_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  job->reader = gil_store_open_reader (self->store, &error);
  if (job->reader == NULL)
    {
      Request failed = { 0 };

      g_message ("backup failed: %s", error->message);
      gil_server_reply_error (&failed, error);
      answer_waiting (job->msgs, &failed);
      backup_job_free (job);
      return;
    }
  self->backing_up = TRUE;
  task = g_task_new (self, NULL, on_backup_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

static gboolean
backup_cb (gpointer user_data)
{
  gil_server_begin_backup (user_data, NULL);
  return G_SOURCE_CONTINUE;
}

void
gil_server_handle_backup (GilServer *self,
                          Request   *req)
{
  gil_server_begin_backup (self, req);
}

/**
 * gil_server_start_backups:
 * @interval: seconds between backups
 * @keep: how many backups to keep
 *
 * Backs the database up into backups/ beside it now, every @interval
 * seconds, and when a new service day starts; the newest @keep are kept.
 */
void
gil_server_start_backups (GilServer *self,
                          guint      interval,
                          guint      keep)
{
  g_return_if_fail (GIL_IS_SERVER (self));
  g_return_if_fail (interval > 0);
  g_return_if_fail (keep > 0);

  g_free (self->backup_dir);
  self->backup_dir = gil_backup_dir (gil_store_get_path (self->store));
  self->backups_kept = keep;
  gil_server_begin_backup (self, NULL);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  self->backup_id = g_timeout_add_seconds (interval, backup_cb, self);
}
