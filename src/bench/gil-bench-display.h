/* gil-bench-display.h — from a call's event to the display's frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *gil_bench_display (const char *url,
                               const char *token,
                               const char *app,
                               const char *token_file,
                               gint64      room,
                               guint       samples,
                               GArray     *times);

G_END_DECLS
