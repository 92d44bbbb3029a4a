/* gil-metered-stream.c — an event client's connection, measured
 *
 * libsoup 3.2's WebSocket connection queues what it is given to send
 * without limit and says nothing of it, and answers every ping with a
 * pong of its own in the same queue. A client that sends and never reads
 * would grow the manager until it dies. This stream sits between the
 * connection and the socket (or TLS) and counts what it writes, and reads
 * the frame headers the client sends: so what waits to be written is
 * known — what the hub queued, plus a pong for each ping, less what was
 * written — and a client sending far more than a station does is seen at
 * once. Past a bound the stream is cut: its next read fails, and libsoup
 * closes the connection at once, freeing its queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-metered-stream.h"

/* What a station sends is a ping every five seconds: a client far past
 * this in a second is flooding. */
#define FLOOD_WINDOW_US  G_USEC_PER_SEC
#define FLOOD_FRAMES     100
#define FLOOD_BYTES      (64 * 1024)
#define OPCODE_PING      0x9
#define SMALL_PAYLOAD    125   /* a frame header of two bytes */

struct _GilMeteredStream
{
  GIOStream      parent_instance;

  GIOStream     *base;
  GInputStream  *input;
  GOutputStream *output;
  gsize          max_backlog;

  guint64        queued;     /* handed to the connection to send, and pongs owed */
  guint64        written;
  char          *cut;        /* why the stream was cut, or NULL */
  GSource       *reading;    /* the connection's latest wait for input */

  /* The frame header being read, and what is left of its payload. */
  guint8         header[14];
  guint          header_len;
  guint64        payload_left;

  gint64         window_start;
  guint          window_frames;
  gsize          window_bytes;
};

G_DEFINE_FINAL_TYPE (GilMeteredStream, gil_metered_stream, G_TYPE_IO_STREAM)

/* ── input: reads what the client sends, frame by frame ─────────────── */

#define GIL_TYPE_METERED_INPUT (gil_metered_input_get_type ())
G_DECLARE_FINAL_TYPE (GilMeteredInput, gil_metered_input, GIL, METERED_INPUT, GInputStream)

struct _GilMeteredInput
{
  GInputStream      parent_instance;
  GilMeteredStream *owner;   /* not owned: it owns this */
};

static void gil_metered_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilMeteredInput, gil_metered_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      gil_metered_input_pollable_init))

static guint
header_needed (const guint8 *header,
               guint         have)
{
  guint needed = 2;

  if (have < 2)
    return needed;
  if ((header[1] & 0x7f) == 126)
    needed += 2;
  else if ((header[1] & 0x7f) == 127)
    needed += 8;
  if (header[1] & 0x80)
    needed += 4;
  return needed;
}

static guint64
header_payload (const guint8 *header)
{
  guint64 length = header[1] & 0x7f;

  if (length == 126)
    return (guint64)header[2] << 8 | header[3];
  if (length == 127)
    {
      length = 0;
      for (guint i = 2; i < 10; i++)
        length = length << 8 | header[i];
    }
  return length;
}

/* Counts the frames in what was read; FALSE once the client floods. */
static gboolean
meter_incoming (GilMeteredStream *self,
                const guint8     *data,
                gsize             length)
{
  gint64 now = g_get_monotonic_time ();

  if (now - self->window_start > FLOOD_WINDOW_US)
    {
      self->window_start = now;
      self->window_frames = 0;
      self->window_bytes = 0;
    }
  self->window_bytes += length;

  while (length > 0)
    {
      if (self->payload_left > 0)
        {
          gsize skip = MIN (self->payload_left, length);

          self->payload_left -= skip;
          data += skip;
          length -= skip;
          continue;
        }
      self->header[self->header_len++] = *data++;
      length--;
      if (self->header_len < header_needed (self->header, self->header_len))
        continue;

      self->payload_left = header_payload (self->header);
      self->window_frames++;
      /* libsoup answers a ping by itself, into the same queue. */
      if ((self->header[0] & 0x0f) == OPCODE_PING)
        self->queued += 2 + MIN (self->payload_left, SMALL_PAYLOAD);
      self->header_len = 0;
    }

  if (self->window_frames > FLOOD_FRAMES || self->window_bytes > FLOOD_BYTES)
    {
      gil_metered_stream_cut (self, "it sends far more than a station does");
      return FALSE;
    }
  if (self->queued - MIN (self->queued, self->written) > self->max_backlog)
    {
      gil_metered_stream_cut (self, "it does not read what it is sent");
      return FALSE;
    }
  return TRUE;
}

static gssize
refuse_read (GilMeteredStream  *self,
             GError           **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "closed: %s", self->cut);
  return -1;
}

static gssize
gil_metered_input_read_nonblocking (GPollableInputStream  *stream,
                                    void                  *buffer,
                                    gsize                  count,
                                    GError               **error)
{
  GilMeteredStream *self = GIL_METERED_INPUT (stream)->owner;
  GInputStream *base = g_io_stream_get_input_stream (self->base);
  gssize n;

  if (self->cut != NULL)
    return refuse_read (self, error);
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (base), buffer, count,
                                                NULL, error);
  if (n > 0 && !meter_incoming (self, buffer, n))
    return refuse_read (self, error);
  return n;
}

static gssize
gil_metered_input_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GilMeteredStream *self = GIL_METERED_INPUT (stream)->owner;
  gssize n;

  if (self->cut != NULL)
    return refuse_read (self, error);
  n = g_input_stream_read (g_io_stream_get_input_stream (self->base), buffer, count,
                           cancellable, error);
  if (n > 0 && !meter_incoming (self, buffer, n))
    return refuse_read (self, error);
  return n;
}

static gboolean
gil_metered_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
gil_metered_input_is_readable (GPollableInputStream *stream)
{
  GilMeteredStream *self = GIL_METERED_INPUT (stream)->owner;

  return self->cut != NULL ||
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (self->base)));
}

static GSource *
gil_metered_input_create_source (GPollableInputStream *stream,
                                 GCancellable         *cancellable)
{
  GilMeteredStream *self = GIL_METERED_INPUT (stream)->owner;
  GInputStream *base = g_io_stream_get_input_stream (self->base);
  g_autoptr(GSource) child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (base), NULL);
  GSource *source = g_pollable_source_new_full (stream, child, cancellable);

  /* Kept so that a cut wakes the connection up to read, and fail. */
  g_clear_pointer (&self->reading, g_source_unref);
  self->reading = g_source_ref (source);
  if (self->cut != NULL)
    g_source_set_ready_time (source, 0);
  return source;
}

static void
gil_metered_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = gil_metered_input_can_poll;
  iface->is_readable = gil_metered_input_is_readable;
  iface->create_source = gil_metered_input_create_source;
  iface->read_nonblocking = gil_metered_input_read_nonblocking;
}

static gboolean
gil_metered_input_close (GInputStream  *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return TRUE;   /* the base closes with the GIOStream */
}

static void
gil_metered_input_class_init (GilMeteredInputClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = gil_metered_input_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = gil_metered_input_close;
}

static void
gil_metered_input_init (GilMeteredInput *self)
{
}

/* ── output: counts what is written ─────────────────────────────────── */

#define GIL_TYPE_METERED_OUTPUT (gil_metered_output_get_type ())
G_DECLARE_FINAL_TYPE (GilMeteredOutput, gil_metered_output, GIL, METERED_OUTPUT, GOutputStream)

struct _GilMeteredOutput
{
  GOutputStream     parent_instance;
  GilMeteredStream *owner;   /* not owned: it owns this */
};

static void gil_metered_output_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilMeteredOutput, gil_metered_output, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      gil_metered_output_pollable_init))

static gssize
gil_metered_output_write_nonblocking (GPollableOutputStream  *stream,
                                      const void             *buffer,
                                      gsize                   count,
                                      GError                **error)
{
  GilMeteredStream *self = GIL_METERED_OUTPUT (stream)->owner;
  GOutputStream *base = g_io_stream_get_output_stream (self->base);
  gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (base), buffer,
                                                         count, NULL, error);

  if (n > 0)
    self->written += n;
  return n;
}

static gssize
gil_metered_output_write (GOutputStream  *stream,
                          const void     *buffer,
                          gsize           count,
                          GCancellable   *cancellable,
                          GError        **error)
{
  GilMeteredStream *self = GIL_METERED_OUTPUT (stream)->owner;
  gssize n = g_output_stream_write (g_io_stream_get_output_stream (self->base), buffer, count,
                                    cancellable, error);

  if (n > 0)
    self->written += n;
  return n;
}

static gboolean
gil_metered_output_can_poll (GPollableOutputStream *stream)
{
  return TRUE;
}

static gboolean
gil_metered_output_is_writable (GPollableOutputStream *stream)
{
  GilMeteredStream *self = GIL_METERED_OUTPUT (stream)->owner;
  GOutputStream *base = g_io_stream_get_output_stream (self->base);

  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (base));
}

static GSource *
gil_metered_output_create_source (GPollableOutputStream *stream,
                                  GCancellable          *cancellable)
{
  GilMeteredStream *self = GIL_METERED_OUTPUT (stream)->owner;
  GOutputStream *base = g_io_stream_get_output_stream (self->base);
  g_autoptr(GSource) child = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (base), NULL);

  return g_pollable_source_new_full (stream, child, cancellable);
}

static void
gil_metered_output_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = gil_metered_output_can_poll;
  iface->is_writable = gil_metered_output_is_writable;
  iface->create_source = gil_metered_output_create_source;
  iface->write_nonblocking = gil_metered_output_write_nonblocking;
}

static gboolean
gil_metered_output_close (GOutputStream  *stream,
                          GCancellable   *cancellable,
                          GError        **error)
{
  return TRUE;   /* the base closes with the GIOStream */
}

static void
gil_metered_output_class_init (GilMeteredOutputClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = gil_metered_output_write;
  G_OUTPUT_STREAM_CLASS (klass)->close_fn = gil_metered_output_close;
}

static void
gil_metered_output_init (GilMeteredOutput *self)
{
}

/* ── the stream ─────────────────────────────────────────────────────── */

static GInputStream *
gil_metered_stream_get_input_stream (GIOStream *stream)
{
  return GIL_METERED_STREAM (stream)->input;
}

static GOutputStream *
gil_metered_stream_get_output_stream (GIOStream *stream)
{
  return GIL_METERED_STREAM (stream)->output;
}

static gboolean
gil_metered_stream_close (GIOStream     *stream,
                          GCancellable  *cancellable,
                          GError       **error)
{
  return g_io_stream_close (GIL_METERED_STREAM (stream)->base, cancellable, error);
}

static void
on_base_closed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_io_stream_close_finish (G_IO_STREAM (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* On the main loop, as the base closes: GIOStream's own would close it
 * synchronously in a thread. */
static void
gil_metered_stream_close_async (GIOStream           *stream,
                                int                  io_priority,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (stream, cancellable, callback, user_data);

  g_task_set_source_tag (task, gil_metered_stream_close_async);
  g_io_stream_close_async (GIL_METERED_STREAM (stream)->base, io_priority, cancellable,
                           on_base_closed_cb, task);
}

static gboolean
gil_metered_stream_close_finish (GIOStream     *stream,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
gil_metered_stream_dispose (GObject *object)
{
  GilMeteredStream *self = (GilMeteredStream *)object;

  g_clear_pointer (&self->reading, g_source_unref);
  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (gil_metered_stream_parent_class)->dispose (object);
}

static void
gil_metered_stream_finalize (GObject *object)
{
  g_free (GIL_METERED_STREAM (object)->cut);

  G_OBJECT_CLASS (gil_metered_stream_parent_class)->finalize (object);
}

static void
gil_metered_stream_class_init (GilMeteredStreamClass *klass)
{
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = gil_metered_stream_dispose;
  G_OBJECT_CLASS (klass)->finalize = gil_metered_stream_finalize;
  stream_class->get_input_stream = gil_metered_stream_get_input_stream;
  stream_class->get_output_stream = gil_metered_stream_get_output_stream;
  stream_class->close_fn = gil_metered_stream_close;
  stream_class->close_async = gil_metered_stream_close_async;
  stream_class->close_finish = gil_metered_stream_close_finish;
}

static void
gil_metered_stream_init (GilMeteredStream *self)
{
}

/**
 * gil_metered_stream_new:
 * @base: the connection's stream, pollable both ways
 * @max_backlog: the most bytes that may wait to be written before the
 *   stream is cut
 *
 * Returns: (transfer full): a stream that reads and writes @base
 */
GilMeteredStream *
gil_metered_stream_new (GIOStream *base,
                        gsize      max_backlog)
{
  GilMeteredStream *self;
  GilMeteredInput *input;
  GilMeteredOutput *output;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);

  self = g_object_new (GIL_TYPE_METERED_STREAM, NULL);
  self->base = g_object_ref (base);
  self->max_backlog = max_backlog;
  self->window_start = g_get_monotonic_time ();
  input = g_object_new (GIL_TYPE_METERED_INPUT, NULL);
  input->owner = self;
  self->input = G_INPUT_STREAM (input);
  output = g_object_new (GIL_TYPE_METERED_OUTPUT, NULL);
  output->owner = self;
  self->output = G_OUTPUT_STREAM (output);
  return self;
}

/**
 * gil_metered_stream_add_queued:
 * @bytes: a frame handed to the connection to send, its header included
 */
void
gil_metered_stream_add_queued (GilMeteredStream *self,
                               gsize             bytes)
{
  g_return_if_fail (GIL_IS_METERED_STREAM (self));

  self->queued += bytes;
}

/**
 * gil_metered_stream_set_max_backlog:
 *
 * Changes the bound gil_metered_stream_new() set.
 */
void
gil_metered_stream_set_max_backlog (GilMeteredStream *self,
                                    gsize             max_backlog)
{
  g_return_if_fail (GIL_IS_METERED_STREAM (self));

  self->max_backlog = max_backlog;
}

gsize
gil_metered_stream_get_max_backlog (GilMeteredStream *self)
{
  g_return_val_if_fail (GIL_IS_METERED_STREAM (self), 0);

  return self->max_backlog;
}

/**
 * gil_metered_stream_get_backlog:
 *
 * Returns: the bytes queued and not yet written
 */
gsize
gil_metered_stream_get_backlog (GilMeteredStream *self)
{
  g_return_val_if_fail (GIL_IS_METERED_STREAM (self), 0);

  return self->queued - MIN (self->queued, self->written);
}

/**
 * gil_metered_stream_cut:
 * @reason: why, for the log
 *
 * Makes the connection's next read fail, and wakes it to read: libsoup
 * then closes the connection at once, without waiting for the client.
 */
void
gil_metered_stream_cut (GilMeteredStream *self,
                        const char       *reason)
{
  g_return_if_fail (GIL_IS_METERED_STREAM (self));
  g_return_if_fail (reason != NULL);

  if (self->cut != NULL)
    return;
  self->cut = g_strdup (reason);
  if (self->reading != NULL && !g_source_is_destroyed (self->reading))
    g_source_set_ready_time (self->reading, 0);
}

/**
 * gil_metered_stream_get_cut_reason:
 *
 * Returns: (nullable): why the stream was cut, or %NULL
 */
const char *
gil_metered_stream_get_cut_reason (GilMeteredStream *self)
{
  g_return_val_if_fail (GIL_IS_METERED_STREAM (self), NULL);

  return self->cut;
}
