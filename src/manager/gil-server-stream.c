/* gil-server-stream.c — one accepted connection, as the manager hands it
 * to libsoup
 *
 * The manager accepts its connections itself (gil-listener.c) and gives
 * each to libsoup wrapped in this stream, which passes bytes through and
 * adds what libsoup 3.2.3 lacks:
 *
 * - It notes when the peer last sent anything, so that idle connections
 *   can be closed.
 * - It ends a kept-alive connection that the peer closed between two
 *   requests. libsoup 3.2.3 waits for the next request with nobody to tell
 *   when that wait fails (fixed upstream in 3.3.0), so the connection
 *   would stay open, in CLOSE-WAIT, for ever. Here such an end of input
 *   reads instead as a farewell: a request line libsoup itself refuses
 *   with "400, Connection: close", after which it closes the connection
 *   through its own path and forgets it. Nothing of ours runs for it, and
 *   the socket stops sending first, so the peer reads nothing of it.
 * - It ends a request the peer left in the middle of, with an error.
 *   libsoup 3.2.3 takes an end of input inside a request's head as the end
 *   of the head, and inside a chunked body as its last chunk, and would
 *   carry the request out: a write cut off with its connection (a station
 *   unplugged mid-send, its Idempotency-Key line never arriving) would be
 *   done unseen and then done again by the station's retry.
 * - It can stop all further input (a body refused for its size), which
 *   libsoup sees as the peer having gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-server-stream.h"

/* A request line with one word: libsoup answers it 400 and closes. */
#define FAREWELL     "X\r\n\r\n"
#define FAREWELL_LEN (sizeof FAREWELL - 1)

#define GIL_TYPE_SERVER_INPUT (gil_server_input_get_type ())
G_DECLARE_FINAL_TYPE (GilServerInput, gil_server_input, GIL, SERVER_INPUT, GInputStream)

struct _GilServerStream
{
  GIOStream                  parent_instance;

  GIOStream                 *base;
  GSocket                   *socket;       /* under @base */
  GInputStream              *input;        /* a GilServerInput */
  GilServerStreamClosedFunc  closed;
  gpointer                   closed_data;
  gint64                     last_read;    /* monotonic, µs */
  gboolean                   between_requests;
  gboolean                   mid_request;  /* bytes of a request read */
  gboolean                   upgraded;     /* a WebSocket now: ends are ends */
  gboolean                   refused;
  gsize                      farewell_pos; /* bytes of FAREWELL handed out */
};

struct _GilServerInput
{
  GInputStream     parent_instance;

  GilServerStream *stream;  /* owns this input; NULL once it is gone */
  GInputStream    *base;    /* pollable */
};

static void gil_server_input_pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GilServerInput, gil_server_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      gil_server_input_pollable_iface_init))

G_DEFINE_FINAL_TYPE (GilServerStream, gil_server_stream, G_TYPE_IO_STREAM)

/* ── the input ───────────────────────────────────────────────────────── */

static gboolean
says_farewell (GilServerStream *stream)
{
  return stream->farewell_pos > 0;
}

static gssize
read_farewell (GilServerStream *stream,
               void            *buffer,
               gsize            count)
{
  gsize n = MIN (FAREWELL_LEN - stream->farewell_pos, count);

  memcpy (buffer, &FAREWELL[stream->farewell_pos], n);
  stream->farewell_pos += n;
  return n;
}

/* Whether the read is answered by the stream itself (refused, or saying
 * farewell) instead of the peer. A refused input fails: an end of input
 * between two chunks would read as the end of a chunked body, and its
 * request would be handled. */
static gboolean
read_locally (GilServerStream  *stream,
              void             *buffer,
              gsize             count,
              gssize           *n,
              GError          **error)
{
  if (stream == NULL || stream->refused)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           "The manager reads nothing more from this connection");
      *n = -1;
      return TRUE;
    }
  if (says_farewell (stream))
    {
      *n = read_farewell (stream, buffer, count);
      return TRUE;
    }
  return FALSE;
}

/* What the peer's read gives libsoup: the bytes, noted as activity; or, at
 * the end of input between two requests, the farewell. */
static gssize
after_read (GilServerStream  *stream,
            gssize            n,
            GError           *local_error,
            void             *buffer,
            gsize             count,
            GError          **error)
{
  if (n > 0)
    {
      /* A request has begun, even before libsoup says so. */
      stream->last_read = g_get_monotonic_time ();
      stream->between_requests = FALSE;
      stream->mid_request = TRUE;
      return n;
    }
  if (n < 0 && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  if (stream->between_requests && count > 0)
    {
      /* libsoup's 400 for it must not reach a peer that only stopped
       * sending: the socket's sending side closes first. */
      g_socket_shutdown (stream->socket, FALSE, TRUE, NULL);
      g_debug ("farewell after %s", local_error != NULL ? local_error->message : "the end of input");
      g_clear_error (&local_error);
      return read_farewell (stream, buffer, count);
    }
  if (n == 0 && stream->mid_request && !stream->upgraded)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                           "The peer left in the middle of a request");
      return -1;
    }
  if (n < 0)
    g_propagate_error (error, local_error);
  return n;
}

static gssize
gil_server_input_read (GInputStream  *input,
                       void          *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GilServerInput *self = GIL_SERVER_INPUT (input);
  GError *local_error = NULL;
  gssize n;

  if (read_locally (self->stream, buffer, count, &n, error))
    return n;
  n = g_input_stream_read (self->base, buffer, count, cancellable, &local_error);
  return after_read (self->stream, n, local_error, buffer, count, error);
}

static gssize
gil_server_input_read_nonblocking (GPollableInputStream  *pollable,
                                   void                  *buffer,
                                   gsize                  count,
                                   GError               **error)
{
  GilServerInput *self = GIL_SERVER_INPUT (pollable);
  GError *local_error = NULL;
  gssize n;

  if (read_locally (self->stream, buffer, count, &n, error))
    return n;
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base),
                                                buffer, count, NULL, &local_error);
  return after_read (self->stream, n, local_error, buffer, count, error);
}

static gboolean
gil_server_input_can_poll (GPollableInputStream *pollable)
{
  GilServerInput *self = GIL_SERVER_INPUT (pollable);

  return g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->base));
}

static gboolean
gil_server_input_is_readable (GPollableInputStream *pollable)
{
  GilServerInput *self = GIL_SERVER_INPUT (pollable);

  if (self->stream == NULL || self->stream->refused || says_farewell (self->stream))
    return TRUE;
  return g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
gil_server_input_create_source (GPollableInputStream *pollable,
                                GCancellable         *cancellable)
{
  GilServerInput *self = GIL_SERVER_INPUT (pollable);
  g_autoptr(GSource) base_source = NULL;

  /* What the stream reads by itself is ready at once. */
  if (self->stream == NULL || self->stream->refused || says_farewell (self->stream))
    base_source = g_timeout_source_new (0);
  else
    base_source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base),
                                                         NULL);
  return g_pollable_source_new_full (pollable, base_source, cancellable);
}

static void
gil_server_input_pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = gil_server_input_can_poll;
  iface->is_readable = gil_server_input_is_readable;
  iface->create_source = gil_server_input_create_source;
  iface->read_nonblocking = gil_server_input_read_nonblocking;
}

/* The connection closes the base stream; the input only lets go. */
static gboolean
gil_server_input_close (GInputStream  *input,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return TRUE;
}

static void
gil_server_input_finalize (GObject *object)
{
  GilServerInput *self = GIL_SERVER_INPUT (object);

  g_clear_object (&self->base);
  G_OBJECT_CLASS (gil_server_input_parent_class)->finalize (object);
}

static void
gil_server_input_class_init (GilServerInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *input_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = gil_server_input_finalize;
  input_class->read_fn = gil_server_input_read;
  input_class->close_fn = gil_server_input_close;
}

static void
gil_server_input_init (GilServerInput *self)
{
}

/* ── the connection ──────────────────────────────────────────────────── */

static GInputStream *
gil_server_stream_get_input_stream (GIOStream *io_stream)
{
  return GIL_SERVER_STREAM (io_stream)->input;
}

static GOutputStream *
gil_server_stream_get_output_stream (GIOStream *io_stream)
{
  return g_io_stream_get_output_stream (GIL_SERVER_STREAM (io_stream)->base);
}

static void
notify_closed (GilServerStream *self)
{
  GilServerStreamClosedFunc closed = self->closed;

  self->closed = NULL;
  if (closed != NULL)
    closed (self, self->closed_data);
}

static gboolean
gil_server_stream_close (GIOStream     *io_stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GilServerStream *self = GIL_SERVER_STREAM (io_stream);

  /* The listener closes the base, at once or after a linger. */
  if (self->closed != NULL)
    {
      notify_closed (self);
      return TRUE;
    }
  return g_io_stream_close (self->base, cancellable, error);
}

/* GIOStream would close in a worker thread; the listener that hears of it
 * lives on the main loop, and closing a socket does not block. */
static void
gil_server_stream_close_async (GIOStream           *io_stream,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (io_stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, gil_server_stream_close_async);
  if (gil_server_stream_close (io_stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
gil_server_stream_close_finish (GIOStream     *io_stream,
                                GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
gil_server_stream_finalize (GObject *object)
{
  GilServerStream *self = GIL_SERVER_STREAM (object);

  notify_closed (self);
  /* libsoup's buffered stream may hold the input longer. */
  GIL_SERVER_INPUT (self->input)->stream = NULL;
  g_clear_object (&self->input);
  g_clear_object (&self->base);
  g_clear_object (&self->socket);
  G_OBJECT_CLASS (gil_server_stream_parent_class)->finalize (object);
}

static void
gil_server_stream_class_init (GilServerStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = gil_server_stream_finalize;
  stream_class->get_input_stream = gil_server_stream_get_input_stream;
  stream_class->get_output_stream = gil_server_stream_get_output_stream;
  stream_class->close_fn = gil_server_stream_close;
  stream_class->close_async = gil_server_stream_close_async;
  stream_class->close_finish = gil_server_stream_close_finish;
}

static void
gil_server_stream_init (GilServerStream *self)
{
  self->last_read = g_get_monotonic_time ();
}

/**
 * gil_server_stream_new:
 * @base: the accepted connection, plain or TLS; its input must be pollable
 * @socket: the socket under @base
 * @closed: called once, when the stream is closed or finalized; it then
 *   closes @base itself
 *
 * Returns: (transfer full): the stream to give libsoup
 */
GilServerStream *
gil_server_stream_new (GIOStream                 *base,
                       GSocket                   *socket,
                       GilServerStreamClosedFunc  closed,
                       gpointer                   user_data)
{
  GilServerStream *self;
  GilServerInput *input;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base)), NULL);

  self = g_object_new (GIL_TYPE_SERVER_STREAM, NULL);
  self->base = g_object_ref (base);
  self->socket = g_object_ref (socket);
  self->closed = closed;
  self->closed_data = user_data;

  input = g_object_new (GIL_TYPE_SERVER_INPUT, NULL);
  input->stream = self;
  input->base = g_object_ref (g_io_stream_get_input_stream (base));
  self->input = G_INPUT_STREAM (input);
  return self;
}

/* Monotonic time (µs) the peer last sent a byte, or the stream was made. */
gint64
gil_server_stream_get_last_read (GilServerStream *self)
{
  g_return_val_if_fail (GIL_IS_SERVER_STREAM (self), 0);
  return self->last_read;
}

/**
 * gil_server_stream_set_between_requests:
 *
 * Says whether libsoup is between two requests on this connection (it has
 * answered one and has read nothing of the next): then the end of input
 * is the peer leaving, and reads as the farewell.
 */
void
gil_server_stream_set_between_requests (GilServerStream *self,
                                        gboolean         between)
{
  g_return_if_fail (GIL_IS_SERVER_STREAM (self));
  self->between_requests = between;
  if (between)
    self->mid_request = FALSE;
}

/**
 * gil_server_stream_set_upgraded:
 *
 * Says the connection became a WebSocket: from now on the end of input is
 * the peer closing it, passed on as it is.
 */
void
gil_server_stream_set_upgraded (GilServerStream *self)
{
  g_return_if_fail (GIL_IS_SERVER_STREAM (self));
  self->upgraded = TRUE;
}

/**
 * gil_server_stream_refuse_input:
 *
 * Reads nothing more from the peer: libsoup sees the input end, gives up
 * the request it is reading and closes the connection.
 */
void
gil_server_stream_refuse_input (GilServerStream *self)
{
  g_return_if_fail (GIL_IS_SERVER_STREAM (self));
  self->refused = TRUE;
}

gboolean
gil_server_stream_get_refused (GilServerStream *self)
{
  g_return_val_if_fail (GIL_IS_SERVER_STREAM (self), FALSE);
  return self->refused;
}

/* The listener is going away: it must not hear of the close. */
void
gil_server_stream_forget_closed (GilServerStream *self)
{
  g_return_if_fail (GIL_IS_SERVER_STREAM (self));
  self->closed = NULL;
}
