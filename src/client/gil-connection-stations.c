/* gil-connection-stations.c — stations and pairing, one call each
 *
 * The admin's stations (API.md: GET /api/v1/stations, POST
 * /stations/{id}/revoke), the pairing codes the admin makes (POST
 * /pairing-codes), and a new station pairing with one (POST /pair), each
 * answered with a typed result. Errors are the connection's: a
 * #GIL_API_ERROR code for an error reply or a network failure,
 * %G_IO_ERROR_CANCELLED for a cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-call-private.h"
#include "gil-connection-stations.h"
#include "gil-pairing-private.h"
#include "gil-station-item-private.h"

#define STATIONS_PATH      "/api/v1/stations"
#define PAIRING_CODES_PATH "/api/v1/pairing-codes"
#define PAIR_PATH          "/api/v1/pair"

/**
 * gil_connection_list_stations_async:
 *
 * Lists every station ever paired, revoked ones included (the admin's).
 */
void
gil_connection_list_stations_async (GilConnection       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gil_connection_call (self, gil_connection_list_stations_async, "GET", STATIONS_PATH, NULL, NULL,
                        (GilReplyReader)_gil_station_item_list_from_json,
                        (GDestroyNotify)g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_list_stations_finish:
 *
 * Returns: (transfer full) (element-type GilStationItem): the stations, oldest
 *   first, or %NULL with @error set
 */
GPtrArray *
gil_connection_list_stations_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_list_stations_async, error);
}

/**
 * gil_connection_revoke_station_async:
 * @id: the station's id
 *
 * Revokes a station's token: its next request is refused and its event
 * streams end now. An unknown @id is %GIL_API_ERROR_NOT_FOUND.
 */
void
gil_connection_revoke_station_async (GilConnection       *self,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = g_strdup_printf (STATIONS_PATH "/%" G_GINT64_FORMAT "/revoke", id);
  _gil_connection_call (self, gil_connection_revoke_station_async, "POST", path, NULL, NULL,
                        (GilReplyReader)_gil_station_item_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_revoke_station_finish:
 *
 * Returns: (transfer full): the station, now revoked, or %NULL with @error set
 */
GilStationItem *
gil_connection_revoke_station_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_revoke_station_async, error);
}

/**
 * gil_connection_create_pairing_code_async:
 * @role: the new station's role: "registration", "room", "display", "head"
 *   or "kiosk"
 * @rooms: (array length=n_rooms) (nullable): a room station's rooms
 * @n_rooms: how many
 *
 * Makes a single-use pairing code for a new station, valid for ten
 * minutes. A room station without rooms, or a room that does not exist,
 * is %GIL_API_ERROR_INVALID_FIELD.
 */
void
gil_connection_create_pairing_code_async (GilConnection       *self,
                                          const char          *role,
                                          const gint64        *rooms,
                                          guint                n_rooms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (role != NULL);
  g_return_if_fail (rooms != NULL || n_rooms == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role);
  json_builder_set_member_name (builder, "rooms");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_rooms; i++)
    json_builder_add_int_value (builder, rooms[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  key = gil_connection_new_action_key ();
  _gil_connection_call (self, gil_connection_create_pairing_code_async, "POST", PAIRING_CODES_PATH,
                        body, key, (GilReplyReader)_gil_pairing_code_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_create_pairing_code_finish:
 *
 * Returns: (transfer full): the code, or %NULL with @error set
 */
GilPairingCode *
gil_connection_create_pairing_code_finish (GilConnection  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_create_pairing_code_async, error);
}

/**
 * gil_connection_pair_async:
 * @code: the six digits the admin gave
 * @name: what the admin's list of stations calls this one
 *
 * Pairs this station with a code, on a connection without a token (pinned
 * to the certificate a person confirmed, over https). A wrong or used code
 * is %GIL_API_ERROR_INVALID_PAIRING_CODE; too many wrong codes are
 * refused for a while.
 */
void
gil_connection_pair_async (GilConnection       *self,
                           const char          *code,
                           const char          *name,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* No key: a code works once, so a pairing is never sent twice. */
  _gil_connection_call (self, gil_connection_pair_async, "POST", PAIR_PATH, body, NULL,
                        (GilReplyReader)_gil_pairing_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_pair_finish:
 *
 * Returns: (transfer full): the station's token and what the manager keeps
 *   of it, or %NULL with @error set
 */
GilPairing *
gil_connection_pair_finish (GilConnection  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_pair_async, error);
}
