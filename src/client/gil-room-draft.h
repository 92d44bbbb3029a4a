/* gil-room-draft.h — a room's fields to create it with or change, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GIL_TYPE_ROOM_DRAFT (gil_room_draft_get_type ())

typedef struct _GilRoomDraft GilRoomDraft;

GType         gil_room_draft_get_type             (void) G_GNUC_CONST;
GilRoomDraft *gil_room_draft_new                  (void);
GilRoomDraft *gil_room_draft_copy                 (const GilRoomDraft *self);
void          gil_room_draft_free                 (GilRoomDraft       *self);
gboolean      gil_room_draft_is_empty             (const GilRoomDraft *self);

void          gil_room_draft_set_code             (GilRoomDraft       *self,
                                                   const char         *code);
void          gil_room_draft_set_name             (GilRoomDraft       *self,
                                                   const char         *name);
void          gil_room_draft_set_prefix           (GilRoomDraft       *self,
                                                   const char         *prefix);
void          gil_room_draft_set_cluster          (GilRoomDraft       *self,
                                                   const char         *cluster);
void          gil_room_draft_set_priority_policy  (GilRoomDraft       *self,
                                                   const char         *policy);
void          gil_room_draft_set_interleave_every (GilRoomDraft       *self,
                                                   int                 every);
void          gil_room_draft_set_number_only      (GilRoomDraft       *self,
                                                   gboolean            number_only);
void          gil_room_draft_set_active           (GilRoomDraft       *self,
                                                   gboolean            active);
void          gil_room_draft_set_tags             (GilRoomDraft       *self,
                                                   const char * const *tags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilRoomDraft, gil_room_draft_free)

G_END_DECLS
