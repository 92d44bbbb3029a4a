/* gil-announcer.h — call announcements: a chime, then the call spoken
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-room-item.h"

G_BEGIN_DECLS

#define GIL_TYPE_ANNOUNCER (gil_announcer_get_type ())
G_DECLARE_FINAL_TYPE (GilAnnouncer, gil_announcer, GIL, ANNOUNCER, GObject)

GilAnnouncer *gil_announcer_get_default    (void);
GilAnnouncer *gil_announcer_new            (GSettings    *settings);
void          gil_announcer_announce       (GilAnnouncer *self,
                                            gint64        stop_id,
                                            gint64        calls,
                                            const char   *ticket,
                                            GilRoomItem  *room);
void          gil_announcer_announce_at    (GilAnnouncer *self,
                                            gint64        stop_id,
                                            gint64        calls,
                                            const char   *ticket,
                                            GilRoomItem  *room,
                                            guint         counter);
void          gil_announcer_announce_loket (GilAnnouncer *self,
                                            gint64        ticket_id,
                                            gint64        calls,
                                            const char   *ticket,
                                            const char   *desk);
gboolean      gil_announcer_get_busy       (GilAnnouncer *self);
gboolean      gil_announcer_get_failing    (GilAnnouncer *self);
gboolean      gil_announcer_get_room_calls (GilAnnouncer *self);

G_END_DECLS
