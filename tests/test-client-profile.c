/* test-client-profile.c — GilProfile against the real giliran-manager on
 * loopback: there once the connection is online, and kept current from the
 * profile.changed event when an admin changes it; changed with one typed
 * call (gil_connection_update_profile_async), refused with nothing changed
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-connection-profile.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"

#define WAIT_MS 20000

typedef struct
{
  GilTestManager *manager;
  GilConnection  *admin;     /* requests only; no event stream */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start ();
  f->admin = gil_connection_new (gil_test_manager_get_url (f->manager),
                                 gil_test_manager_get_admin_token (f->manager));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->admin);
  gil_test_manager_free (f->manager);
}

/* The admin changes the profile, as the preferences window does. */
static void
patch_profile (Fixture    *f,
               const char *body)
{
  g_auto(GilTestReply) reply = { 0 };

  gil_test_client_request (f->admin, "PATCH", "/api/v1/profile", body, NULL, &reply);
  g_assert_no_error (reply.error);
}

static gboolean
is_loaded (gpointer data)
{
  return gil_profile_get_loaded (data);
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *)user_data)++;
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *)data > 0;
}

/* A station online has the profile the manager has. */
static void
test_loaded (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilConnection) station = NULL;
  GilProfile *profile;

  patch_profile (f, "{\"name\": \"Puskesmas Sukamaju\", \"display_names\": true}");

  station = gil_connection_new (gil_test_manager_get_url (f->manager),
                                gil_test_manager_get_admin_token (f->manager));
  profile = gil_connection_get_profile (station);
  g_assert_true (GIL_IS_PROFILE (profile));
  gil_connection_start_events (station, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, station, WAIT_MS, "online");
  gil_test_loop_wait_until (is_loaded, profile, WAIT_MS, "the profile");

  g_assert_true (gil_connection_get_profile (station) == profile);
  g_assert_cmpstr (gil_profile_get_name (profile), ==, "Puskesmas Sukamaju");
  g_assert_true (gil_profile_get_display_names (profile));
  gil_connection_stop_events (station);
}

/* An admin's PATCH reaches a station's GilProfile through profile.changed,
 * and only what changed is notified. */
static void
test_changed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GilConnection) station = NULL;
  GilProfile *profile;
  guint names = 0;
  guint display_names = 0;

  patch_profile (f, "{\"name\": \"Puskesmas Sukamaju\", \"display_names\": false}");
  station = gil_connection_new (gil_test_manager_get_url (f->manager),
                                gil_test_manager_get_admin_token (f->manager));
  profile = gil_connection_get_profile (station);
  gil_connection_start_events (station, 0);
  gil_test_loop_wait_until (is_loaded, profile, WAIT_MS, "the profile");
  g_assert_cmpstr (gil_profile_get_name (profile), ==, "Puskesmas Sukamaju");
  g_assert_false (gil_profile_get_display_names (profile));

  g_signal_connect (profile, "notify::name", G_CALLBACK (on_notify_cb), &names);
  g_signal_connect (profile, "notify::display-names", G_CALLBACK (on_notify_cb), &display_names);

  /* The station itself sends nothing: the event brings it. */
  patch_profile (f, "{\"name\": \"Puskesmas Kedungwaru\"}");
  gil_test_loop_wait_until (count_reached, &names, WAIT_MS, "notify::name");
  g_assert_cmpstr (gil_profile_get_name (profile), ==, "Puskesmas Kedungwaru");
  g_assert_cmpuint (names, ==, 1);
  g_assert_cmpuint (display_names, ==, 0);

  patch_profile (f, "{\"display_names\": true}");
  gil_test_loop_wait_until (count_reached, &display_names, WAIT_MS, "notify::display-names");
  g_assert_true (gil_profile_get_display_names (profile));
  g_assert_cmpuint (display_names, ==, 1);
  g_assert_cmpuint (names, ==, 1);

  g_signal_handlers_disconnect_by_data (profile, &names);
  g_signal_handlers_disconnect_by_data (profile, &display_names);
  gil_connection_stop_events (station);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GilTestReply *reply = user_data;
  g_autoptr(GilProfile) profile = NULL;

  profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, &reply->error);
  if (profile != NULL)
    g_assert_true (profile == gil_connection_get_profile (GIL_CONNECTION (source)));
  reply->done = TRUE;
}

/* Without the event stream (giliran --export-report): asked for at once. */
static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  GilTestReply reply = { 0 };

  patch_profile (f, "{\"name\": \"Puskesmas Sukamaju\"}");
  gil_connection_load_profile_async (f->admin, NULL, on_loaded_cb, &reply);
  gil_test_loop_wait_until (gil_test_reply_done, &reply, WAIT_MS, "the profile");
  g_assert_no_error (reply.error);
  g_assert_cmpstr (gil_profile_get_name (gil_connection_get_profile (f->admin)), ==,
                   "Puskesmas Sukamaju");
}

/* A manager that cannot be reached: an error, and no profile made up. */
static void
test_load_unreachable (void)
{
  g_autofree char *url = gil_test_client_dup_gone_url ();
  g_autoptr(GilConnection) station = gil_connection_new (url, "nobody");
  GilTestReply reply = { 0 };

  gil_connection_load_profile_async (station, NULL, on_loaded_cb, &reply);
  gil_test_loop_wait_until (gil_test_reply_done, &reply, WAIT_MS, "an error");
  g_assert_error (reply.error, GIL_API_ERROR, GIL_API_ERROR_NETWORK);
  g_clear_error (&reply.error);
  g_assert_false (gil_profile_get_loaded (gil_connection_get_profile (station)));
  g_assert_null (gil_profile_get_name (gil_connection_get_profile (station)));
}

/* A connection nobody asked the profile of asks nothing: it goes away
 * at once, its event stream running. */
static void
test_not_wanted (Fixture       *f,
                 gconstpointer  data)
{
  GilConnection *station = gil_connection_new (gil_test_manager_get_url (f->manager),
                                               gil_test_manager_get_admin_token (f->manager));

  gil_connection_start_events (station, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, station, WAIT_MS, "online");
  g_assert_finalize_object (station);
}

static GilProfile *
update_profile (GilConnection            *connection,
                const GilProfileChanges  *changes,
                GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_update_profile_async (connection, changes, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_update_profile_finish (connection, gil_test_client_wait (&result, "the changed profile"), error);
}

/* The manager's own JSON of the profile. */
static JsonObject *
profile_json (Fixture *f)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (gil_test_manager_get_url (f->manager),
                                                   gil_test_manager_get_admin_token (f->manager),
                                                   "GET", "/api/v1/profile", NULL, NULL, 200);

  return json_object_ref (gil_test_api_object (reply));
}

/* The admin changes the name, then whether names are shown: the
 * connection's own profile has what the manager answered, notified. */
static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilProfileChanges) name = gil_profile_changes_new ();
  g_autoptr(GilProfileChanges) names = gil_profile_changes_new ();
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GilProfile) again = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_true (gil_profile_changes_is_empty (name));
  /* The manager trims the spaces. */
  gil_profile_changes_set_name (name, "  Puskesmas Ibu & Anak ");
  g_assert_false (gil_profile_changes_is_empty (name));

  /* Asked of nobody before: the manager's answer makes it loaded. (Not
   * gil_connection_get_profile() first: that would send a fetch of its
   * own, still under way when the test ends.) */
  profile = update_profile (f->admin, name, &error);
  g_assert_no_error (error);
  g_assert_true (profile == gil_connection_get_profile (f->admin));
  g_assert_true (gil_profile_get_loaded (profile));
  g_assert_cmpstr (gil_profile_get_name (profile), ==, "Puskesmas Ibu & Anak");
  g_assert_false (gil_profile_get_display_names (profile));
  g_signal_connect (profile, "notify::display-names", G_CALLBACK (on_notify_cb), &notified);
  json = profile_json (f);
  g_assert_cmpstr (json_object_get_string_member (json, "name"), ==, "Puskesmas Ibu & Anak");
  g_assert_false (json_object_get_boolean_member (json, "display_names"));
  g_clear_pointer (&json, json_object_unref);

  gil_profile_changes_set_display_names (names, TRUE);
  again = update_profile (f->admin, names, &error);
  g_assert_no_error (error);
  g_assert_true (again == profile);
  g_assert_true (gil_profile_get_display_names (profile));
  g_assert_cmpuint (notified, ==, 1);
  /* The name the changes left out stays. */
  g_assert_cmpstr (gil_profile_get_name (profile), ==, "Puskesmas Ibu & Anak");
  json = profile_json (f);
  g_assert_true (json_object_get_boolean_member (json, "display_names"));
  g_assert_cmpstr (json_object_get_string_member (json, "name"), ==, "Puskesmas Ibu & Anak");

  g_signal_handlers_disconnect_by_data (profile, &notified);
}

/* A name of only spaces, and a station that is not the admin: the
 * manager's code, and the profile as it was, here and at the manager. */
static void
test_update_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GilProfileChanges) blank = gil_profile_changes_new ();
  g_autoptr(GilProfileChanges) copy = NULL;
  g_autofree char *token = gil_test_api_pair (gil_test_manager_get_url (f->manager),
                                              gil_test_manager_get_admin_token (f->manager),
                                              "registration", "");
  g_autoptr(GilConnection) desk = gil_connection_new (gil_test_manager_get_url (f->manager), token);
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GilProfile) loaded = NULL;
  GilProfile *profile;
  guint notified = 0;

  patch_profile (f, "{\"name\": \"Puskesmas Sukamaju\"}");
  gil_connection_load_profile_async (f->admin, NULL, gil_test_loop_keep_result, &result);
  loaded = gil_connection_load_profile_finish (f->admin, gil_test_client_wait (&result, "the profile"), &error);
  g_assert_no_error (error);
  g_signal_connect (loaded, "notify", G_CALLBACK (on_notify_cb), &notified);

  gil_profile_changes_set_name (blank, "   ");
  profile = update_profile (f->admin, blank, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (profile);
  g_clear_error (&error);
  g_assert_cmpstr (gil_profile_get_name (loaded), ==, "Puskesmas Sukamaju");
  g_assert_cmpuint (notified, ==, 0);

  copy = gil_profile_changes_copy (blank);
  gil_profile_changes_set_name (copy, "Puskesmas Lain");
  gil_profile_changes_set_display_names (copy, TRUE);
  profile = update_profile (desk, copy, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
  g_assert_null (profile);

  json = profile_json (f);
  g_assert_cmpstr (json_object_get_string_member (json, "name"), ==, "Puskesmas Sukamaju");
  g_assert_false (json_object_get_boolean_member (json, "display_names"));
  g_signal_handlers_disconnect_by_data (loaded, &notified);
}

/* The letterhead, the signature and the age-band set: "" and "giliran"
 * never set; each set with its own setter, read back typed and from the
 * manager's JSON, notified once each; one cleared. */
static void
test_letterhead (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();
  g_autoptr(GilProfileChanges) clear = gil_profile_changes_new ();
  g_autoptr(GilProfile) loaded = NULL;
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GilProfile) cleared = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  guint nip_notified = 0;
  guint all_notified = 0;

  gil_connection_load_profile_async (f->admin, NULL, gil_test_loop_keep_result, &slot);
  result = gil_test_loop_wait_result (&slot, WAIT_MS, "the profile");
  loaded = gil_connection_load_profile_finish (f->admin, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_profile_get_region (loaded), ==, "");
  g_assert_cmpstr (gil_profile_get_health_office (loaded), ==, "");
  g_assert_cmpstr (gil_profile_get_address (loaded), ==, "");
  g_assert_cmpstr (gil_profile_get_head_name (loaded), ==, "");
  g_assert_cmpstr (gil_profile_get_head_nip (loaded), ==, "");
  g_assert_cmpstr (gil_profile_get_age_bands (loaded), ==, "giliran");
  g_signal_connect (loaded, "notify::head-nip", G_CALLBACK (on_notify_cb), &nip_notified);
  g_signal_connect (loaded, "notify", G_CALLBACK (on_notify_cb), &all_notified);

  gil_profile_changes_set_region (changes, "Pemerintah Kabupaten Lombok Barat ");
  g_assert_false (gil_profile_changes_is_empty (changes));
  gil_profile_changes_set_health_office (changes, "Dinas Kesehatan");
  gil_profile_changes_set_address (changes, "Jl. Raya Gerung No. 1");
  gil_profile_changes_set_head_name (changes, "dr. Baiq Nurul Aini");
  gil_profile_changes_set_head_nip (changes, "198003152006042011");
  gil_profile_changes_set_age_bands (changes, "permenkes");
  profile = update_profile (f->admin, changes, &error);
  g_assert_no_error (error);
  g_assert_true (profile == loaded);
  g_assert_cmpstr (gil_profile_get_region (profile), ==, "Pemerintah Kabupaten Lombok Barat");
  g_assert_cmpstr (gil_profile_get_health_office (profile), ==, "Dinas Kesehatan");
  g_assert_cmpstr (gil_profile_get_address (profile), ==, "Jl. Raya Gerung No. 1");
  g_assert_cmpstr (gil_profile_get_head_name (profile), ==, "dr. Baiq Nurul Aini");
  g_assert_cmpstr (gil_profile_get_head_nip (profile), ==, "198003152006042011");
  g_assert_cmpstr (gil_profile_get_age_bands (profile), ==, "permenkes");
  g_assert_cmpuint (nip_notified, ==, 1);
  g_assert_cmpuint (all_notified, ==, 6);

  json = profile_json (f);
  g_assert_cmpstr (json_object_get_string_member (json, "region"), ==, "Pemerintah Kabupaten Lombok Barat");
  g_assert_cmpstr (json_object_get_string_member (json, "health_office"), ==, "Dinas Kesehatan");
  g_assert_cmpstr (json_object_get_string_member (json, "address"), ==, "Jl. Raya Gerung No. 1");
  g_assert_cmpstr (json_object_get_string_member (json, "head_name"), ==, "dr. Baiq Nurul Aini");
  g_assert_cmpstr (json_object_get_string_member (json, "head_nip"), ==, "198003152006042011");
  g_assert_cmpstr (json_object_get_string_member (json, "age_bands"), ==, "permenkes");

  /* "" clears; what the changes leave out stays. */
  gil_profile_changes_set_address (clear, "");
  cleared = update_profile (f->admin, clear, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_profile_get_address (cleared), ==, "");
  g_assert_cmpstr (gil_profile_get_head_nip (cleared), ==, "198003152006042011");
  g_assert_cmpuint (all_notified, ==, 7);

  g_signal_handlers_disconnect_by_data (loaded, &nip_notified);
  g_signal_handlers_disconnect_by_data (loaded, &all_notified);
}

/* Each wrong field, with a right one beside it: the manager's code and
 * message, and the profile as it was, here and at the manager. */
static void
test_letterhead_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GilProfileChanges) good = gil_profile_changes_new ();
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(JsonObject) before_json = NULL;
  g_autoptr(JsonNode) before_node = NULL;
  g_autofree char *before = NULL;
  guint notified = 0;

  gil_profile_changes_set_region (good, "Pemerintah Kota Mataram");
  gil_profile_changes_set_head_nip (good, "198003152006042011");
  profile = update_profile (f->admin, good, &error);
  g_assert_no_error (error);
  before_json = profile_json (f);
  before_node = json_node_init_object (json_node_alloc (), before_json);
  before = json_to_string (before_node, FALSE);
  g_signal_connect (profile, "notify", G_CALLBACK (on_notify_cb), &notified);
  for (guint i = 0; i <= 200; i++)
    g_string_append_c (long_text, 'x');

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GilProfileChanges) bad = gil_profile_changes_new ();
      g_autoptr(JsonObject) json = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *after = NULL;
      GilProfile *refused;

      gil_profile_changes_set_head_name (bad, "Orang Lain");
      gil_profile_changes_set_region (bad, "Pemerintah Kota Lain");
      switch (i)
        {
        case 0: gil_profile_changes_set_head_nip (bad, "12345"); break;
        case 1: gil_profile_changes_set_head_nip (bad, "19800315200604201A"); break;
        case 2: gil_profile_changes_set_age_bands (bad, "who"); break;
        case 3: gil_profile_changes_set_address (bad, long_text->str); break;
        default: gil_profile_changes_set_health_office (bad, long_text->str); break;
        }
      refused = update_profile (f->admin, bad, &error);
      g_assert_null (refused);
      g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
      if (i < 2)
        g_assert_cmpstr (error->message, ==, "NIP terdiri atas tepat 18 angka, atau dikosongkan");
      g_clear_error (&error);
      g_assert_cmpstr (gil_profile_get_region (profile), ==, "Pemerintah Kota Mataram");
      g_assert_cmpstr (gil_profile_get_head_name (profile), ==, "");
      json = profile_json (f);
      node = json_node_init_object (json_node_alloc (), json);
      after = json_to_string (node, FALSE);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_cmpuint (notified, ==, 0);
  g_signal_handlers_disconnect_by_data (profile, &notified);
}

/* The display's plain-HTTP port: the admin's profile says it (0, off, at
 * first), a port is set and read back typed and from the manager, one
 * the manager refuses changes nothing; a display's profile never says. */
static void
test_plain_display_port (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GilProfileChanges) open_port = gil_profile_changes_new ();
  g_autoptr(GilProfileChanges) bad = gil_profile_changes_new ();
  g_autoptr(GilProfile) profile = NULL;
  g_autoptr(GilProfile) refused = NULL;
  g_autoptr(GilProfile) shown = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *token = gil_test_api_pair (gil_test_manager_get_url (f->manager),
                                              gil_test_manager_get_admin_token (f->manager),
                                              "display", "");
  g_autoptr(GilConnection) display = gil_connection_new (gil_test_manager_get_url (f->manager), token);
  guint notified = 0;

  gil_connection_load_profile_async (f->admin, NULL, gil_test_loop_keep_result, &result);
  profile = gil_connection_load_profile_finish (f->admin, gil_test_client_wait (&result, "the profile"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_profile_get_plain_display_port (profile), ==, 0);
  g_signal_connect (profile, "notify::plain-display-port", G_CALLBACK (on_notify_cb), &notified);

  gil_profile_changes_set_plain_display_port (open_port, 18471);
  g_assert_false (gil_profile_changes_is_empty (open_port));
  g_clear_object (&profile);
  profile = update_profile (f->admin, open_port, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_profile_get_plain_display_port (profile), ==, 18471);
  g_assert_cmpuint (notified, ==, 1);
  json = profile_json (f);
  g_assert_cmpint (json_object_get_int_member (json, "plain_display_port"), ==, 18471);
  g_clear_pointer (&json, json_object_unref);

  gil_profile_changes_set_plain_display_port (bad, 80);
  refused = update_profile (f->admin, bad, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpint (gil_profile_get_plain_display_port (profile), ==, 18471);
  json = profile_json (f);
  g_assert_cmpint (json_object_get_int_member (json, "plain_display_port"), ==, 18471);

  g_clear_object (&result);
  gil_connection_load_profile_async (display, NULL, gil_test_loop_keep_result, &result);
  shown = gil_connection_load_profile_finish (display, gil_test_client_wait (&result, "a display's profile"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_profile_get_plain_display_port (shown), ==, -1);
  g_signal_handlers_disconnect_by_data (profile, &notified);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/client-profile/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("loaded", test_loaded);
  ADD ("changed", test_changed);
  ADD ("load", test_load);
  g_test_add_func ("/giliran/client-profile/load-unreachable", test_load_unreachable);
  ADD ("not-wanted", test_not_wanted);
  ADD ("update", test_update);
  ADD ("update-refused", test_update_refused);
  ADD ("letterhead", test_letterhead);
  ADD ("letterhead-refused", test_letterhead_refused);
  ADD ("plain-display-port", test_plain_display_port);

  return g_test_run ();
}
