/* gil-metered-stream.h — an event client's connection, measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GIL_TYPE_METERED_STREAM (gil_metered_stream_get_type ())
G_DECLARE_FINAL_TYPE (GilMeteredStream, gil_metered_stream, GIL, METERED_STREAM, GIOStream)

GilMeteredStream *gil_metered_stream_new          (GIOStream        *base,
                                                   gsize             max_backlog);
void              gil_metered_stream_add_queued   (GilMeteredStream *self,
                                                   gsize             bytes);
gsize             gil_metered_stream_get_backlog  (GilMeteredStream *self);
void              gil_metered_stream_set_max_backlog (GilMeteredStream *self,
                                                   gsize             max_backlog);
gsize             gil_metered_stream_get_max_backlog (GilMeteredStream *self);
void              gil_metered_stream_cut          (GilMeteredStream *self,
                                                   const char       *reason);
const char       *gil_metered_stream_get_cut_reason (GilMeteredStream *self);

G_END_DECLS
