/* test-client-stations.c — the client's station and pairing calls against
 * the real giliran-manager on loopback: a pairing code made, a station
 * paired with it, the stations listed and one revoked, each typed result
 * field by field as the manager's own JSON says; the manager's refusals
 * as GIL_API_ERROR codes; over HTTPS the certificate's fingerprint; and
 * every result freed when the test lets it go
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-connection-stations.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

typedef GilTestClient Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (f, data, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_client_tear_down (f);
}

static GilPairingCode *
create_code (GilConnection  *connection,
             const char     *role,
             const gint64   *rooms,
             guint           n_rooms,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_create_pairing_code_async (connection, role, rooms, n_rooms, NULL,
                                            gil_test_loop_keep_result, &result);
  return gil_connection_create_pairing_code_finish (connection, gil_test_client_wait (&result, "the pairing code"),
                                                    error);
}

static GilPairing *
pair (GilConnection  *connection,
      const char     *code,
      const char     *name,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_pair_async (connection, code, name, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_pair_finish (connection, gil_test_client_wait (&result, "the pairing"), error);
}

static GPtrArray *
list_stations (GilConnection  *connection,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_list_stations_async (connection, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_list_stations_finish (connection, gil_test_client_wait (&result, "the stations"), error);
}

static GilStationItem *
revoke_station (GilConnection  *connection,
                gint64          id,
                GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_revoke_station_async (connection, id, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_revoke_station_finish (connection, gil_test_client_wait (&result, "the revoked station"),
                                               error);
}

static void
assert_time_is (GDateTime  *time,
                const char *text)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  g_assert_nonnull (expected);
  g_assert_true (g_date_time_equal (time, expected));
}

/* Every getter says what the manager's JSON says, read apart. */
static void
assert_station_is (GilStationItem *station,
                   JsonObject *json)
{
  JsonArray *rooms = json_object_get_array_member (json, "rooms");
  const gint64 *ids;
  guint n_ids = 0;

  g_assert_cmpint (gil_station_item_get_id (station), ==, json_object_get_int_member (json, "id"));
  g_assert_cmpstr (gil_station_item_get_name (station), ==, json_object_get_string_member (json, "name"));
  g_assert_cmpstr (gil_station_item_get_role (station), ==, json_object_get_string_member (json, "role"));
  g_assert_cmpint (gil_station_item_get_revoked (station), ==, json_object_get_boolean_member (json, "revoked"));
  assert_time_is (gil_station_item_get_created_at (station), json_object_get_string_member (json, "created_at"));
  ids = gil_station_item_get_rooms (station, &n_ids);
  g_assert_cmpuint (n_ids, ==, json_array_get_length (rooms));
  for (guint i = 0; i < n_ids; i++)
    {
      g_assert_cmpint (ids[i], ==, json_array_get_int_element (rooms, i));
      g_assert_true (gil_station_item_has_room (station, ids[i]));
    }
}

/* The manager's JSON of the station @id. */
static JsonObject *
station_json (Fixture *f,
              gint64   id)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/stations",
                                                   NULL, NULL, 200);
  JsonArray *stations = json_node_get_array (reply);

  for (guint i = 0; i < json_array_get_length (stations); i++)
    {
      JsonObject *station = json_array_get_object_element (stations, i);

      if (json_object_get_int_member (station, "id") == id)
        return json_object_ref (station);
    }
  g_assert_not_reached ();
}

/* A code for a room station, a station paired with it on a connection
 * without a token, then listed and revoked. */
static void
test_pair_list_revoke (Fixture       *f,
                       gconstpointer  data)
{
  gint64 rooms[] = { gil_test_api_room_id (f->url, f->admin, "K3-DEWASA") };
  g_autoptr(GilConnection) newcomer = gil_connection_new (f->url, "");
  g_autoptr(GilPairingCode) code = NULL;
  g_autoptr(GilPairing) pairing = NULL;
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(JsonNode) visible = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GilStationItem) revoked = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  GilStationItem *paired;
  GilStationItem *listed = NULL;

  code = create_code (f->connection, "room", rooms, G_N_ELEMENTS (rooms), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (gil_pairing_code_get_code (code)), ==, 6);
  g_assert_true (g_date_time_compare (gil_pairing_code_get_expires_at (code), now) > 0);
  g_assert_null (gil_pairing_code_get_fingerprint (code));

  pairing = pair (newcomer, gil_pairing_code_get_code (code), "Ruang Dewasa PC 1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (gil_pairing_get_token (pairing)), >, 0);
  g_assert_null (gil_pairing_get_fingerprint (pairing));
  paired = gil_pairing_get_station (pairing);
  g_assert_cmpint (gil_station_item_get_id (paired), >, 0);
  g_assert_cmpstr (gil_station_item_get_name (paired), ==, "Ruang Dewasa PC 1");
  g_assert_cmpstr (gil_station_item_get_role (paired), ==, "room");
  g_assert_true (gil_station_item_has_room (paired, rooms[0]));
  g_assert_false (gil_station_item_get_revoked (paired));
  json = station_json (f, gil_station_item_get_id (paired));
  assert_station_is (paired, json);
  g_clear_pointer (&json, json_object_unref);

  /* Its token works. */
  token = g_strdup (gil_pairing_get_token (pairing));
  visible = gil_test_api_expect (f->url, token, "GET", "/api/v1/rooms", NULL, NULL, 200);

  stations = list_stations (f->connection, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stations->len; i++)
    {
      GilStationItem *one = g_ptr_array_index (stations, i);

      json = station_json (f, gil_station_item_get_id (one));
      assert_station_is (one, json);
      g_clear_pointer (&json, json_object_unref);
      if (gil_station_item_get_id (one) == gil_station_item_get_id (paired))
        listed = one;
    }
  g_assert_nonnull (listed);

  /* The code was used: not a second time. */
  g_clear_object (&pairing);
  pairing = pair (newcomer, gil_pairing_code_get_code (code), "Ruang Dewasa PC 2", &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_PAIRING_CODE);
  g_assert_null (pairing);
  g_clear_error (&error);

  revoked = revoke_station (f->connection, gil_station_item_get_id (listed), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_station_item_get_id (revoked), ==, gil_station_item_get_id (listed));
  g_assert_true (gil_station_item_get_revoked (revoked));
  json = station_json (f, gil_station_item_get_id (revoked));
  assert_station_is (revoked, json);

  /* Its token no longer works. */
  refused = gil_test_api_expect (f->url, token, "GET", "/api/v1/rooms", NULL, NULL, 401);
}

/* Refusals: the manager's codes, and nothing made. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *display_token = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autoptr(GilConnection) display = gil_connection_new (f->url, display_token);
  g_autoptr(GilConnection) newcomer = gil_connection_new (f->url, "");
  g_autoptr(GError) error = NULL;
  GilPairingCode *code;
  GilPairing *pairing;
  GilStationItem *station;
  GPtrArray *stations;

  code = create_code (f->connection, "kitchen", NULL, 0, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (code);
  g_clear_error (&error);

  code = create_code (display, "registration", NULL, 0, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (code);
  g_clear_error (&error);

  stations = list_stations (display, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (stations);
  g_clear_error (&error);

  station = revoke_station (f->connection, 999999, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (station);
  g_clear_error (&error);

  pairing = pair (newcomer, "000000", "Meja 9", &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_PAIRING_CODE);
  g_assert_null (pairing);
  g_clear_error (&error);

  /* Only the display of this test was ever paired. */
  stations = list_stations (f->connection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stations->len, ==, 1);
  g_ptr_array_unref (stations);
}

/* Over HTTPS the code and the pairing carry the certificate's fingerprint,
 * and the pairing goes over a connection pinned to it. */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (f->manager);
  g_autoptr(GilConnection) newcomer = gil_connection_new_pinned (f->url, "", fingerprint);
  g_autoptr(GilPairingCode) code = NULL;
  g_autoptr(GilPairing) pairing = NULL;
  g_autoptr(GError) error = NULL;

  code = create_code (f->connection, "display", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_pairing_code_get_fingerprint (code), ==, fingerprint);

  pairing = pair (newcomer, gil_pairing_code_get_code (code), "Layar Tunggu", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_pairing_get_fingerprint (pairing), ==, fingerprint);
  g_assert_cmpstr (gil_station_item_get_role (gil_pairing_get_station (pairing)), ==, "display");
}

/* The results go with the test's last reference; a station outlives the
 * pairing it came with while it is held. */
static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GilConnection) newcomer = gil_connection_new (f->url, "");
  g_autoptr(GError) error = NULL;
  GilPairingCode *code = create_code (f->connection, "head", NULL, 0, &error);
  GilPairing *pairing;
  GilStationItem *station;
  GPtrArray *stations;

  g_assert_no_error (error);
  pairing = pair (newcomer, gil_pairing_code_get_code (code), "Kepala", &error);
  g_assert_no_error (error);
  station = g_object_ref (gil_pairing_get_station (pairing));
  g_assert_finalize_object (pairing);
  g_assert_finalize_object (code);
  g_assert_cmpstr (gil_station_item_get_name (station), ==, "Kepala");
  g_assert_finalize_object (station);

  stations = list_stations (f->connection, &error);
  g_assert_no_error (error);
  station = g_object_ref (g_ptr_array_index (stations, 0));
  g_ptr_array_unref (stations);
  g_assert_finalize_object (station);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const tls_args[] = { "--tls", NULL };

  g_test_init (&argc, &argv, NULL);

#define ADD(path, args, func) \
  g_test_add ("/giliran/client-stations/" path, Fixture, args, fixture_set_up, func, fixture_tear_down)
  ADD ("pair-list-revoke", NULL, test_pair_list_revoke);
  ADD ("refused", NULL, test_refused);
  ADD ("tls", tls_args, test_tls);
  ADD ("new-destroy", NULL, test_new_destroy);
#undef ADD

  return g_test_run ();
}
