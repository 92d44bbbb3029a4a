/* test-api-profile.c — the profile's letterhead, signature and age-band
 * fields (GET and PATCH /api/v1/profile) against the real giliran-manager
 * on loopback: unset, set and trimmed, cleared, and each wrong value
 * refused with nothing changed and no event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

typedef GilTestServer Fixture;

static const char * const text_fields[] = { "region", "health_office", "address", "head_name", NULL };

static JsonNode *
get_profile (Fixture *f)
{
  return gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/profile", NULL, NULL, 200);
}

static void
assert_member (JsonNode   *profile,
               const char *member,
               const char *expected)
{
  JsonObject *object = gil_test_api_object (profile);

  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpstr (json_object_get_string_member (object, member), ==, expected);
}

/* Never set: empty text, the app's own age bands; any station reads it. */
static void
test_unset (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *display = gil_test_api_pair (f->url, f->admin, "display", "");
  g_autoptr(JsonNode) profile = gil_test_api_expect (f->url, display, "GET", "/api/v1/profile", NULL, NULL, 200);

  for (guint i = 0; text_fields[i] != NULL; i++)
    assert_member (profile, text_fields[i], "");
  assert_member (profile, "head_nip", "");
  assert_member (profile, "age_bands", "giliran");
  gil_test_api_expect_error (f->url, display, "PATCH", "/api/v1/profile", "{\"region\":\"X\"}", 403, "forbidden");
}

static const char full_body[] =
  "{\"region\":\" Pemerintah Kabupaten Lombok Barat \",\"health_office\":\"Dinas Kesehatan\","
  "\"address\":\"Jl. Raya Gerung No. 1, Lombok Barat\",\"head_name\":\"dr. Baiq Nurul Aini\","
  "\"head_nip\":\" 198003152006042011 \",\"age_bands\":\"permenkes\"}";

/* Every field set at once, trimmed, read back; one event. */
static void
test_set (Fixture       *f,
          gconstpointer  data)
{
  gint64 seq = gil_test_api_health_seq (f->url);
  g_autoptr(JsonNode) changed = gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", full_body,
                                                     NULL, 200);
  g_autoptr(JsonNode) profile = get_profile (f);
  g_autoptr(JsonNode) cleared = NULL;
  g_autoptr(JsonNode) again = NULL;

  g_assert_cmpint (gil_test_api_health_seq (f->url), ==, seq + 1);
  for (JsonNode **node = (JsonNode *[]) { changed, profile, NULL }; *node != NULL; node++)
    {
      assert_member (*node, "region", "Pemerintah Kabupaten Lombok Barat");
      assert_member (*node, "health_office", "Dinas Kesehatan");
      assert_member (*node, "address", "Jl. Raya Gerung No. 1, Lombok Barat");
      assert_member (*node, "head_name", "dr. Baiq Nurul Aini");
      assert_member (*node, "head_nip", "198003152006042011");
      assert_member (*node, "age_bands", "permenkes");
      assert_member (*node, "name", "Puskesmas");
    }

  /* Empty clears a text field and the NIP; the rest stays. */
  cleared = gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile",
                                 "{\"address\":\"  \",\"head_nip\":\"\",\"age_bands\":\"spm\"}", NULL, 200);
  again = get_profile (f);
  assert_member (again, "address", "");
  assert_member (again, "head_nip", "");
  assert_member (again, "age_bands", "spm");
  assert_member (again, "region", "Pemerintah Kabupaten Lombok Barat");
  assert_member (again, "head_name", "dr. Baiq Nurul Aini");
}

/* 200 characters (not bytes) is the most a text field takes. */
static void
test_lengths (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(JsonNode) profile = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (long_text, "é");
  for (guint i = 0; text_fields[i] != NULL; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"%s\":\"%s\"}", text_fields[i], long_text->str);
      g_autofree char *longer = g_strdup_printf ("{\"%s\":\"%sx\"}", text_fields[i], long_text->str);

      json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", body, NULL, 200));
      gil_test_api_expect_error (f->url, f->admin, "PATCH", "/api/v1/profile", longer, 400, "invalid-field");
    }
  profile = get_profile (f);
  for (guint i = 0; text_fields[i] != NULL; i++)
    assert_member (profile, text_fields[i], long_text->str);
}

/* Each wrong value next to a right one: 400, the right one not stored
 * either, no event, and the message in Indonesian. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *body;
    const char *message;
  } wrong[] = {
    { "\"head_nip\":\"19800315200604201\"", "NIP" },          /* 17 digits */
    { "\"head_nip\":\"1980031520060420111\"", "NIP" },        /* 19 */
    { "\"head_nip\":\"19800315 200604 201\"", "NIP" },        /* spaces inside */
    { "\"head_nip\":\"19800315200604201X\"", "NIP" },
    { "\"head_nip\":198003152006042011", NULL },               /* a number */
    { "\"age_bands\":\"who\"", "giliran, permenkes" },
    { "\"age_bands\":\"\"", "giliran, permenkes" },
    { "\"age_bands\":\"Giliran\"", "giliran, permenkes" },
    { "\"region\":null", NULL },
    { "\"health_office\":[\"Dinas\"]", NULL },
    { "\"address\":12", NULL },
    { "\"head_name\":true", NULL },
  };
  g_autoptr(JsonNode) before = NULL;
  g_autofree char *before_text = NULL;
  gint64 seq;

  json_node_unref (gil_test_api_expect (f->url, f->admin, "PATCH", "/api/v1/profile", full_body, NULL, 200));
  before = get_profile (f);
  before_text = json_to_string (before, FALSE);
  seq = gil_test_api_health_seq (f->url);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Puskesmas Lain\",\"region\":\"Kota Lain\","
                                               "\"head_name\":\"Orang Lain\",%s}", wrong[i].body);
      g_autoptr(JsonNode) reply = NULL;
      g_autoptr(JsonNode) after = NULL;
      g_autofree char *after_text = NULL;
      guint status = 0;

      reply = gil_test_api_call (f->url, f->admin, "PATCH", "/api/v1/profile", body, NULL, &status);
      g_test_message ("%s", body);
      g_assert_cmpuint (status, ==, 400);
      g_assert_cmpstr (gil_test_api_error (reply), ==, "invalid-field");
      if (wrong[i].message != NULL)
        {
          JsonObject *error = json_object_get_object_member (gil_test_api_object (reply), "error");
          const char *message = json_object_get_string_member (error, "message");

          g_assert_nonnull (strstr (message, wrong[i].message));
        }
      after = get_profile (f);
      after_text = json_to_string (after, FALSE);
      g_assert_cmpstr (after_text, ==, before_text);
    }
  g_assert_cmpint (gil_test_api_health_seq (f->url), ==, seq);
}

/* The NIP and age-band messages a Preferences window shows, in Indonesian. */
static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) nip = NULL;
  g_autoptr(JsonNode) bands = NULL;
  guint status = 0;

  nip = gil_test_api_call (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"head_nip\":\"123\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (nip),
                                                                                 "error"), "message"),
                   ==, "NIP terdiri atas tepat 18 angka, atau dikosongkan");
  bands = gil_test_api_call (f->url, f->admin, "PATCH", "/api/v1/profile", "{\"age_bands\":\"x\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (bands),
                                                                                 "error"), "message"),
                   ==, "Kelompok usia adalah giliran, permenkes, atau spm");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/api-profile/" path, Fixture, NULL, gil_test_server_set_up, func, gil_test_server_tear_down)
  ADD ("unset", test_unset);
  ADD ("set", test_set);
  ADD ("lengths", test_lengths);
  ADD ("refused", test_refused);
  ADD ("messages", test_messages);
#undef ADD

  return g_test_run ();
}
