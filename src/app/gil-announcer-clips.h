/* gil-announcer-clips.h — the recorded clips an announcement is made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every clip and announcement: 16-bit mono at this rate. */
#define GIL_ANNOUNCER_RATE 22050

char     *gil_announcer_cached_clip   (const char  *dir,
                                       const char  *name);
char     *gil_announcer_clip_resource (const char  *name);
GArray   *gil_announcer_load_clip     (const char  *name,
                                       const char  *dir,
                                       GError     **error);
void      gil_announcer_add_silence   (GArray      *samples,
                                       guint        msec);
gboolean  gil_announcer_write_wav     (const char  *path,
                                       GArray      *samples,
                                       GError     **error);

G_END_DECLS
