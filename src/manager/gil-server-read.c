/* gil-server-read.c — reads answered from a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-server-private.h"

/* Reports read years of history and a search may scan many names: they
 * run on a worker thread, on a read-only connection of their own, so the
 * queue and its events never wait for them. */

typedef struct
{
  GilStore          *reader;
  SoupServerMessage *msg;
  ReadFunc           func;
  gpointer           data;
  GDestroyNotify     data_free;
  const char        *content_type;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->reader);
  g_clear_object (&job->msg);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;
  char *body = job->func (job->reader, job->data, &job->content_type, &error);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, g_free);
}

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *body = g_task_propagate_pointer (G_TASK (result), &error);

  if (body == NULL)
    {
      Request req = { 0 };

      gil_server_reply_error (&req, error);
      soup_server_message_set_status (job->msg, req.status, NULL);
      soup_server_message_set_response (job->msg, "application/json", SOUP_MEMORY_TAKE,
                                        req.reply, strlen (req.reply));
    }
  else
    {
      soup_server_message_set_status (job->msg, 200, NULL);
      soup_server_message_set_response (job->msg, job->content_type, SOUP_MEMORY_TAKE,
                                        body, strlen (body));
    }
  soup_server_message_unpause (job->msg);
}

/* Answers @req later with what @func reads; takes @data. */
void
gil_server_run_read (GilServer      *self,
                     Request        *req,
                     ReadFunc        func,
                     gpointer        data,
                     GDestroyNotify  data_free)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->content_type = "application/json";
  job->reader = gil_store_open_reader (self->store, &error);
  if (job->reader == NULL)
    {
      read_job_free (job);
      gil_server_reply_error (req, error);
      return;
    }
  job->msg = g_object_ref (req->msg);

  req->deferred = TRUE;
  soup_server_message_pause (req->msg);
  task = g_task_new (self, NULL, on_read_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)read_job_free);
  g_task_run_in_thread (task, read_thread);
}
