/* gil-connection-rooms.c — the rooms, one call each
 *
 * The rooms as the manager has them now (API.md: GET /api/v1/rooms, with
 * each room's waiting count), and the admin's creating and changing one
 * (POST /rooms, PATCH /rooms/{id}) from a #GilRoomDraft; each answers
 * with #GilRoomItems. A #GilRoomList keeps the list current instead.
 * Errors are the connection's: a #GIL_API_ERROR code for an error reply
 * or a network failure, %G_IO_ERROR_CANCELLED for a cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-call-private.h"
#include "gil-connection-rooms.h"
#include "gil-room-draft-private.h"
#include "gil-room-item-private.h"

#define ROOMS_PATH "/api/v1/rooms"

/**
 * gil_connection_list_rooms_async:
 *
 * Lists every room, inactive ones included, with its waiting count.
 */
void
gil_connection_list_rooms_async (GilConnection       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gil_connection_call (self, gil_connection_list_rooms_async, "GET", ROOMS_PATH, NULL, NULL,
                        (GilReplyReader)_gil_room_item_list_from_reply, (GDestroyNotify)g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_list_rooms_finish:
 *
 * Returns: (transfer full) (element-type GilRoomItem): the rooms, in the
 *   manager's order, or %NULL with @error set
 */
GPtrArray *
gil_connection_list_rooms_finish (GilConnection  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_list_rooms_async, error);
}

/* Sends @draft's fields, answered with the room as it is then. */
static void
send_draft (GilConnection       *self,
            gpointer             source_tag,
            const char          *method,
            const char          *path,
            const GilRoomDraft  *draft,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = gil_connection_new_action_key ();

  json_builder_begin_object (builder);
  _gil_room_draft_write (draft, builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  _gil_connection_call (self, source_tag, method, path, body, key,
                        (GilReplyReader)_gil_room_item_new_from_reply, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_create_room_async:
 * @draft: the new room: at least its code, name, prefix and cluster
 *
 * Creates a room (the admin's). A field the manager refuses, or a code or
 * prefix another room has, is a #GIL_API_ERROR such as
 * %GIL_API_ERROR_INVALID_FIELD, and no room is made.
 */
void
gil_connection_create_room_async (GilConnection       *self,
                                  const GilRoomDraft  *draft,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (draft != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  send_draft (self, gil_connection_create_room_async, "POST", ROOMS_PATH, draft,
              cancellable, callback, user_data);
}

/**
 * gil_connection_create_room_finish:
 *
 * Returns: (transfer full): the room as the manager made it, or %NULL with
 *   @error set
 */
GilRoomItem *
gil_connection_create_room_finish (GilConnection  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_create_room_async, error);
}

/**
 * gil_connection_update_room_async:
 * @id: the room's id
 * @changes: the fields to change; the others stay as they are
 *
 * Changes a room (the admin's), such as deactivating it. An unknown @id is
 * %GIL_API_ERROR_NOT_FOUND; a field the manager refuses changes nothing.
 */
void
gil_connection_update_room_async (GilConnection       *self,
                                  gint64               id,
                                  const GilRoomDraft  *changes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (changes != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf (ROOMS_PATH "/%" G_GINT64_FORMAT, id);
  send_draft (self, gil_connection_update_room_async, "PATCH", path, changes,
              cancellable, callback, user_data);
}

/**
 * gil_connection_update_room_finish:
 *
 * Returns: (transfer full): the room as it is now, or %NULL with @error set
 */
GilRoomItem *
gil_connection_update_room_finish (GilConnection  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_update_room_async, error);
}
