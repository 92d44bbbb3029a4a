/* gil-rooms.h — the rooms patients are queued for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_ROOM_ERROR (gil_room_error_quark ())

typedef enum
{
  GIL_ROOM_ERROR_NOT_FOUND,
  GIL_ROOM_ERROR_DUPLICATE_CODE,
  GIL_ROOM_ERROR_INVALID,
} GilRoomError;

typedef struct
{
  gint64    id;
  char     *code;
  char     *name;
  char     *cluster;          /* k2, k3, k4 or lk */
  char     *prefix;           /* one capital letter */
  GStrv     tags;
  gboolean  active;
  gboolean  strict;           /* strict priority instead of interleaving */
  int       interleave_every;
  gboolean  number_only;      /* never show or speak names */
  int       waiting;          /* filled by the list functions */
} GilRoom;

GQuark      gil_room_error_quark  (void);

GilRoom    *gil_room_new          (void);
void        gil_room_free         (GilRoom       *room);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilRoom, gil_room_free)

GPtrArray  *gil_rooms_list        (GilStore      *store,
                                   GError       **error);
GilRoom    *gil_rooms_get         (GilStore      *store,
                                   gint64         id,
                                   GError       **error);
GilRoom    *gil_rooms_get_by_code (GilStore      *store,
                                   const char    *code,
                                   GError       **error);
gboolean    gil_rooms_create      (GilStore      *store,
                                   GilRoom       *room,
                                   GError       **error);
gboolean    gil_rooms_update      (GilStore      *store,
                                   const GilRoom *room,
                                   GError       **error);

G_END_DECLS
