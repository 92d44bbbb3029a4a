/* gil-announcer-private.h — the announcer's parts, shared by its files:
 * the queue and the playing (gil-announcer.c) and saying a room with no
 * clip of its own (gil-announcer-espeak.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <canberra.h>
#include <gio/gio.h>

#include "gil-announcer.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  stop_id;
  gint64  calls;
  guint   counter;   /* the room's counter that called; 0 for none */
  char   *ticket;
  char   *room_name;
  char   *cluster;
  char   *desk;      /* a loket call's desk ("Loket 2"); then no room */
} Announcement;

typedef struct
{
  gint64 stop_id;
  gint64 calls;
  gint64 at;        /* monotonic time it came */
} Heard;

struct _GilAnnouncer
{
  GObject       parent_instance;

  GSettings    *settings;
  GCancellable *cancellable;
  ca_context   *context;
  GQueue        pending;        /* element-type Announcement, oldest first */
  Announcement *current;        /* being put together or played */
  GArray       *heard;          /* element-type Heard, the calls of the last seconds */
  GHashTable   *synthesized;    /* the room clips espeak-ng was asked for */
  char         *playing_path;   /* (nullable) the current announcement's sound */
  guint32       playing_id;
  guint         poll_id;
  guint         gap_id;
  gboolean      busy;
  gboolean      warned;         /* that nothing can be played */
  gboolean      failing;        /* the last try to play failed */
};

/* gil-announcer.c */
char  *gil_announcer_cache_dir  (void);
void   gil_announcer_prepare    (GilAnnouncer *self);

/* gil-announcer-espeak.c */
GStrv  gil_announcer_room_clips (GilAnnouncer *self);

G_END_DECLS
