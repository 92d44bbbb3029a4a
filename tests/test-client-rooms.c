/* test-client-rooms.c — the client's room calls against the real
 * giliran-manager on loopback: the rooms listed as GilRoomItems, field by
 * field as the manager's own JSON says; a room created and changed from a
 * GilRoomDraft; the manager's refusals as GIL_API_ERROR codes with
 * nothing changed; and every result freed when the test lets it go
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-rooms.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

typedef GilTestClient Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (f, NULL, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_client_tear_down (f);
}

static GPtrArray *
list_rooms (GilConnection  *connection,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_list_rooms_async (connection, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_list_rooms_finish (connection, gil_test_client_wait (&result, "the rooms"), error);
}

static GilRoomItem *
create_room (GilConnection       *connection,
             const GilRoomDraft  *draft,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_create_room_async (connection, draft, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_create_room_finish (connection, gil_test_client_wait (&result, "the new room"), error);
}

static GilRoomItem *
update_room (GilConnection       *connection,
             gint64               id,
             const GilRoomDraft  *changes,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_update_room_async (connection, id, changes, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_update_room_finish (connection, gil_test_client_wait (&result, "the changed room"), error);
}

/* The room @id as the manager's JSON has it now. */
static JsonObject *
room_json (Fixture *f,
           gint64   id)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms",
                                                   NULL, NULL, 200);
  JsonArray *rooms = json_node_get_array (reply);

  for (guint i = 0; i < json_array_get_length (rooms); i++)
    {
      JsonObject *room = json_array_get_object_element (rooms, i);

      if (json_object_get_int_member (room, "id") == id)
        return json_object_ref (room);
    }
  return NULL;
}

static guint
count_rooms (Fixture *f)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms",
                                                   NULL, NULL, 200);

  return json_array_get_length (json_node_get_array (reply));
}

/* Every getter says what the manager's JSON says, read apart. */
static void
assert_room_is (GilRoomItem *item,
                JsonObject  *json)
{
  JsonArray *tags = json_object_get_array_member (json, "tags");
  const char * const *item_tags = gil_room_item_get_tags (item);

  g_assert_cmpint (gil_room_item_get_id (item), ==, json_object_get_int_member (json, "id"));
  g_assert_cmpstr (gil_room_item_get_code (item), ==, json_object_get_string_member (json, "code"));
  g_assert_cmpstr (gil_room_item_get_name (item), ==, json_object_get_string_member (json, "name"));
  g_assert_cmpstr (gil_room_item_get_cluster (item), ==, json_object_get_string_member (json, "cluster"));
  g_assert_cmpstr (gil_room_item_get_prefix (item), ==, json_object_get_string_member (json, "prefix"));
  g_assert_cmpint (gil_room_item_get_active (item), ==, json_object_get_boolean_member (json, "active"));
  g_assert_cmpstr (gil_room_item_get_priority_policy (item), ==,
                   json_object_get_string_member (json, "priority_policy"));
  g_assert_cmpint (gil_room_item_get_interleave_every (item), ==,
                   json_object_get_int_member (json, "interleave_every"));
  g_assert_cmpint (gil_room_item_get_number_only (item), ==, json_object_get_boolean_member (json, "number_only"));
  g_assert_cmpuint (gil_room_item_get_waiting (item), ==,
                    json_object_get_int_member_with_default (json, "waiting", 0));
  g_assert_cmpuint (g_strv_length ((GStrv)item_tags), ==, json_array_get_length (tags));
  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_assert_cmpstr (item_tags[i], ==, json_array_get_string_element (tags, i));
}

/* The rooms, each as the manager's JSON has it, a waiting count included. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (f->url, f->admin, "Sari Wulandari",
                                                     "1990-03-04", NULL);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  guint waiting = 0;

  rooms = list_rooms (f->connection, &error);
  g_assert_no_error (error);
  reply = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/rooms", NULL, NULL, 200);
  array = json_node_get_array (reply);
  g_assert_cmpuint (rooms->len, ==, json_array_get_length (array));
  g_assert_cmpuint (rooms->len, >, 1);
  for (guint i = 0; i < rooms->len; i++)
    {
      assert_room_is (g_ptr_array_index (rooms, i), json_array_get_object_element (array, i));
      waiting += gil_room_item_get_waiting (g_ptr_array_index (rooms, i));
    }
  /* The patient just registered waits somewhere. */
  g_assert_cmpuint (waiting, ==, 1);
}

/* A room made from a draft, then changed: only what the draft sets. */
static void
test_create_update (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GilRoomDraft) draft = gil_room_draft_new ();
  g_autoptr(GilRoomDraft) changes = gil_room_draft_new ();
  const char *tags[] = { "gigi", "", "mulut", NULL };
  const char *none[] = { NULL };
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  GilRoomItem *room;
  GilRoomItem *changed;
  gint64 id;

  g_assert_true (gil_room_draft_is_empty (draft));
  gil_room_draft_set_code (draft, "GIGI-2");
  gil_room_draft_set_name (draft, "Ruang Gigi Dua");
  gil_room_draft_set_prefix (draft, "Q");
  gil_room_draft_set_cluster (draft, "lk");
  gil_room_draft_set_priority_policy (draft, "strict");
  gil_room_draft_set_number_only (draft, TRUE);
  gil_room_draft_set_active (draft, TRUE);
  gil_room_draft_set_tags (draft, tags);
  g_assert_false (gil_room_draft_is_empty (draft));

  room = create_room (f->connection, draft, &error);
  g_assert_no_error (error);
  id = gil_room_item_get_id (room);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (gil_room_item_get_code (room), ==, "GIGI-2");
  g_assert_cmpstr (gil_room_item_get_name (room), ==, "Ruang Gigi Dua");
  g_assert_cmpstr (gil_room_item_get_prefix (room), ==, "Q");
  g_assert_cmpstr (gil_room_item_get_cluster (room), ==, "lk");
  g_assert_cmpstr (gil_room_item_get_priority_policy (room), ==, "strict");
  g_assert_true (gil_room_item_get_number_only (room));
  g_assert_true (gil_room_item_get_active (room));
  g_assert_cmpstrv (gil_room_item_get_tags (room), ((const char *[]){ "gigi", "mulut", NULL }));
  json = room_json (f, id);
  g_assert_nonnull (json);
  assert_room_is (room, json);
  g_clear_pointer (&json, json_object_unref);

  gil_room_draft_set_name (changes, "Ruang Gigi 2");
  gil_room_draft_set_active (changes, FALSE);
  gil_room_draft_set_tags (changes, none);
  changed = update_room (f->connection, id, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_room_item_get_id (changed), ==, id);
  g_assert_cmpstr (gil_room_item_get_name (changed), ==, "Ruang Gigi 2");
  g_assert_false (gil_room_item_get_active (changed));
  g_assert_cmpuint (g_strv_length ((GStrv)gil_room_item_get_tags (changed)), ==, 0);
  /* What the changes leave out stays. */
  g_assert_cmpstr (gil_room_item_get_code (changed), ==, "GIGI-2");
  g_assert_cmpstr (gil_room_item_get_prefix (changed), ==, "Q");
  g_assert_cmpstr (gil_room_item_get_priority_policy (changed), ==, "strict");
  g_assert_true (gil_room_item_get_number_only (changed));
  json = room_json (f, id);
  assert_room_is (changed, json);

  /* Nothing else holds a result. */
  g_assert_finalize_object (changed);
  g_assert_finalize_object (room);
}

/* Refusals: the manager's code, and no room made or changed. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilRoomDraft) draft = gil_room_draft_new ();
  g_autoptr(GilRoomDraft) copy = NULL;
  g_autofree char *display_token = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autoptr(GilConnection) display = gil_connection_new (f->url, display_token);
  g_autoptr(GError) error = NULL;
  guint before = count_rooms (f);
  GilRoomItem *room;

  gil_room_draft_set_code (draft, "GIGI-2");
  gil_room_draft_set_name (draft, "Ruang Gigi Dua");
  gil_room_draft_set_cluster (draft, "lk");
  gil_room_draft_set_prefix (draft, "gigi");  /* not one capital letter */
  room = create_room (f->connection, draft, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (room);
  g_clear_error (&error);
  g_assert_cmpuint (count_rooms (f), ==, before);

  /* A display may read the rooms, not make one. */
  copy = gil_room_draft_copy (draft);
  gil_room_draft_set_prefix (copy, "Q");
  room = create_room (display, copy, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (room);
  g_clear_error (&error);
  g_assert_cmpuint (count_rooms (f), ==, before);

  room = update_room (f->connection, 999999, copy, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (room);
}

/* A manager that is gone: GIL_API_ERROR_NETWORK, and no rooms. */
static void
test_unreachable (void)
{
  g_autofree char *url = gil_test_client_dup_gone_url ();
  GilConnection *connection = gil_connection_new (url, "nobody");
  g_autoptr(GError) error = NULL;
  GPtrArray *rooms;

  rooms = list_rooms (connection, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  g_assert_null (rooms);
  g_assert_finalize_object (connection);
}

/* The list and its items go with the test's last reference. */
static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rooms = list_rooms (f->connection, &error);
  GilRoomItem *first;

  g_assert_no_error (error);
  first = g_object_ref (g_ptr_array_index (rooms, 0));
  g_ptr_array_unref (rooms);
  g_assert_finalize_object (first);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/client-rooms/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("list", test_list);
  ADD ("create-update", test_create_update);
  ADD ("refused", test_refused);
  ADD ("new-destroy", test_new_destroy);
#undef ADD
  g_test_add_func ("/giliran/client-rooms/unreachable", test_unreachable);

  return g_test_run ();
}
