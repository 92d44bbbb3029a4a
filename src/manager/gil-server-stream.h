/* gil-server-stream.h — one accepted connection, as the manager hands it
 * to libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GIL_TYPE_SERVER_STREAM (gil_server_stream_get_type ())
G_DECLARE_FINAL_TYPE (GilServerStream, gil_server_stream, GIL, SERVER_STREAM, GIOStream)

typedef void (*GilServerStreamClosedFunc) (GilServerStream *stream,
                                           gpointer         user_data);

GilServerStream *gil_server_stream_new                  (GIOStream                 *base,
                                                         GSocket                   *socket,
                                                         GilServerStreamClosedFunc  closed,
                                                         gpointer                   user_data);
gint64           gil_server_stream_get_last_read        (GilServerStream           *self);
void             gil_server_stream_set_between_requests (GilServerStream           *self,
                                                         gboolean                   between);
void             gil_server_stream_set_upgraded         (GilServerStream           *self);
void             gil_server_stream_refuse_input         (GilServerStream           *self);
gboolean         gil_server_stream_get_refused          (GilServerStream           *self);
void             gil_server_stream_forget_closed        (GilServerStream           *self);

G_END_DECLS
