/* test-api-desk.c — the registration desk's safety through the API, on
 * the real giliran-manager: registrasi menyusul (an unidentified patient
 * registered for the UGD, completed or merged later) and pregnancy care
 * that does not fit the patient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-test-api.h"
#include "gil-test-events.h"
#include "gil-test-manager.h"

typedef GilTestServer Fixture;

static JsonObject *
object (JsonNode *node)
{
  return gil_test_api_object (node);
}

static gint64
create_patient (Fixture    *f,
                const char *name,
                guint       years,
                const char *sex)
{
  g_autofree char *birth = gil_test_api_years_ago (years);

  return gil_test_api_create_patient (f->url, f->admin, name, birth, sex, NULL, 201);
}

/* The fields a patient's history names for its @nth change. */
static char *
history_fields (Fixture *f,
                gint64   patient,
                guint    nth)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT "/history", patient);
  g_autoptr(JsonNode) history = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  JsonArray *changes = json_node_get_array (history);
  JsonArray *fields;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpuint (json_array_get_length (changes), >, nth);
  fields = json_object_get_array_member (json_array_get_object_element (changes, nth), "fields");
  for (guint i = 0; i < json_array_get_length (fields); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json_array_get_string_element (fields, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Today's new patients, as the daily report counts them. */
static gint64
new_patients (Fixture *f)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = g_date_time_format (now, "/api/v1/reports/daily?date=%Y-%m-%d");
  g_autoptr(JsonNode) report = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);

  return json_object_get_int_member (json_object_get_object_member (object (report), "totals"),
                                     "new_patients");
}

static gboolean
events_have (GilTestEvents *events,
             const char    *type)
{
  for (guint i = 0; i < events->messages->len; i++)
    if (g_strcmp0 (gil_test_events_type (events, i), type) == 0)
      return TRUE;
  return FALSE;
}

/* Unidentified patients the manager refuses: a name, no age, an age out
 * of range, a sex that is none. */
static const GilTestRefusal bad_unidentified[] = {
  { "POST", "/api/v1/patients",
    "{\"unidentified\":true,\"sex\":\"M\",\"approx_age_years\":40,\"name\":\"X\"}", 400, "invalid-field" },
  { "POST", "/api/v1/patients", "{\"unidentified\":true,\"sex\":\"M\"}", 400, "invalid-field" },
  { "POST", "/api/v1/patients", "{\"unidentified\":true,\"sex\":\"M\",\"approx_age_years\":-3}", 400, "invalid-field" },
  { "POST", "/api/v1/patients",
    "{\"unidentified\":true,\"sex\":\"M\",\"approx_age_years\":131}", 400, "invalid-field" },
  { "POST", "/api/v1/patients", "{\"unidentified\":true,\"sex\":\"X\",\"approx_age_years\":40}", 400, "invalid-field" },
};

/* Registrasi menyusul: a UGD ticket at once with only sex and age, then
 * the record merged into the patient's own, keeping the visit. */
static void
test_unidentified_merge (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) visit = NULL;
  g_autoptr(JsonNode) merged = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(JsonNode) old = NULL;
  g_autofree char *forty = gil_test_api_years_ago (40);
  g_autofree char *body = NULL;
  g_autofree char *merge_path = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) own = NULL;
  static const char * const verbs[] = { "call", "start", "finish" };
  gint64 unknown, ahmad, ugd, visit_id, own_stop;
  GilTestEvents *events;

  /* Nothing that identifies anyone, a sex and an age in years. */
  gil_test_api_expect_refusals (f->url, f->admin, bad_unidentified, G_N_ELEMENTS (bad_unidentified));

  first = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                               "{\"unidentified\":true,\"sex\":\"M\",\"approx_age_years\":40}", NULL, 201);
  g_assert_cmpstr (json_object_get_string_member (object (first), "name"), ==, "Tanpa identitas 1");
  g_assert_true (json_object_get_boolean_member (object (first), "unidentified"));
  g_assert_cmpstr (json_object_get_string_member (object (first), "birth_date"), ==, forty);
  g_assert_true (json_object_get_null_member (object (first), "nik"));
  g_assert_true (json_object_get_null_member (object (first), "merged_into"));
  second = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                "{\"unidentified\":true,\"sex\":\"F\",\"approx_age_years\":25}", NULL, 201);
  g_assert_cmpstr (json_object_get_string_member (object (second), "name"), ==, "Tanpa identitas 2");
  unknown = json_object_get_int_member (object (first), "id");

  /* The UGD ticket, as an emergency. */
  ugd = gil_test_api_room_id (f->url, f->admin, "LK-UGD");
  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                          "\"signs\":[\"emergency\"],\"pregnant\":false,\"payer\":\"umum\"}", unknown);
  visit = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201);
  g_assert_cmpint (json_object_get_int_member (object (visit), "room"), ==, ugd);
  g_assert_cmpstr (json_object_get_string_member (object (visit), "priority"), ==, "emergency");
  visit_id = json_object_get_int_member (object (visit), "id");

  /* Who it was: a patient with a record already. */
  ahmad = create_patient (f, "Lalu Ahmad", 41, "M");
  merge_path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT "/merge", unknown);
  gil_test_api_expect_error (f->url, f->admin, "POST", merge_path, "{}", 400, "invalid-field");
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"into\":%" G_GINT64_FORMAT "}", unknown);
  gil_test_api_expect_error (f->url, f->admin, "POST", merge_path, body, 409, "invalid-merge");
  gil_test_api_expect_error (f->url, f->admin, "POST", merge_path, "{\"into\":999}", 404, "not-found");
  /* An identified record is never merged away. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT "/merge", ahmad);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"into\":%" G_GINT64_FORMAT "}", json_object_get_int_member (object (second), "id"));
  gil_test_api_expect_error (f->url, f->admin, "POST", path, body, 409, "invalid-merge");

  /* Both in a queue today: one patient in two queues; refused. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                          "\"signs\":[],\"pregnant\":false,\"payer\":\"umum\"}", ahmad);
  own = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201);
  own_stop = json_object_get_int_member (json_array_get_object_element (
                json_object_get_array_member (object (own), "stops"), 0), "id");
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"into\":%" G_GINT64_FORMAT "}", ahmad);
  gil_test_api_expect_error (f->url, f->admin, "POST", merge_path, body, 409, "invalid-merge");
  g_assert_cmpint (new_patients (f), ==, 2);

  /* His visit done, the merge goes through; his record's first visit
   * was that one, so today's counts one new patient. */
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    gil_test_api_stop_action (f->url, f->admin, own_stop, verbs[i]);
  merged = gil_test_api_expect (f->url, f->admin, "POST", merge_path, body, NULL, 200);
  g_assert_cmpint (new_patients (f), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object (merged), "id"), ==, ahmad);

  /* The visit is Lalu Ahmad's now, and still in the UGD's queue. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, visit_id);
  moved = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object (moved), "patient"), "id"),
                   ==, ahmad);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object (moved), "patient"), "name"),
                   ==, "Lalu Ahmad");

  /* The unidentified record points at him and is found no more. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT, unknown);
  old = gil_test_api_expect (f->url, f->admin, "GET", path, NULL, NULL, 200);
  g_assert_cmpint (json_object_get_int_member (object (old), "merged_into"), ==, ahmad);
  found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=tanpa", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (found), 0), "name"),
                   ==, "Tanpa identitas 2");
  g_clear_pointer (&found, json_node_unref);
  found = gil_test_api_expect (f->url, f->admin, "GET", "/api/v1/patients?q=000001", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 0);

  /* Done once: again, or corrected, it says it was merged. */
  gil_test_api_expect_error (f->url, f->admin, "POST", merge_path, body, 409, "merged");
  gil_test_api_expect_error (f->url, f->admin, "PATCH", path, "{\"name\":\"Lalu Ahmad\"}", 409, "merged");

  /* The audit trail of both records, and an event for the UGD's queue. */
  fields = history_fields (f, unknown, 1);
  g_assert_cmpstr (fields, ==, "merged_into");
  g_clear_pointer (&fields, g_free);
  fields = history_fields (f, ahmad, 1);
  g_assert_cmpstr (fields, ==, "visits");
  events = gil_test_events_open (f->url, f->admin, 0);
  g_assert_nonnull (events->connection);
  gil_test_events_wait (events, (guint)gil_test_api_health_seq (f->url));
  g_assert_true (events_have (events, "patient.merged"));
  gil_test_events_close (events);
}

/* The record completed later with the real identity. */
static void
test_unidentified_complete (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) patient = NULL;
  g_autoptr(JsonNode) same = NULL;
  g_autoptr(JsonNode) completed = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *body = NULL;
  g_autofree char *report_path = NULL;
  JsonObject *by_sex;
  JsonArray *groups;

  patient = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/patients",
                                 "{\"unidentified\":true,\"sex\":\"F\",\"approx_age_years\":30}", NULL, 201);
  path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT,
                          json_object_get_int_member (object (patient), "id"));
  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"signs\":[\"emergency\"],"
                          "\"pregnant\":false,\"payer\":\"umum\"}",
                          json_object_get_int_member (object (patient), "id"));
  json_node_unref (gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", body, NULL, 201));

  /* A phone number alone does not say who she is. */
  same = gil_test_api_expect (f->url, f->admin, "PATCH", path, "{\"phone\":\"0812 3456 789\"}", NULL, 200);
  g_assert_true (json_object_get_boolean_member (object (same), "unidentified"));

  /* Guessed a woman of 30; a man of 76 in fact. */
  completed = gil_test_api_expect (f->url, f->admin, "PATCH", path,
                                   "{\"name\":\"Lalu Ahmad\",\"birth_date\":\"1950-01-01\",\"sex\":\"M\","
                                   "\"nik\":\"5271010101500003\"}",
                                   NULL, 200);
  g_assert_false (json_object_get_boolean_member (object (completed), "unidentified"));
  g_assert_cmpstr (json_object_get_string_member (object (completed), "name"), ==, "Lalu Ahmad");
  fields = history_fields (f, json_object_get_int_member (object (patient), "id"), 2);
  g_assert_true (strstr (fields, "unidentified") != NULL);
  g_assert_true (strstr (fields, "nik") != NULL);

  /* Today's visit counts as his in the reports: a man, elderly. */
  today = g_date_time_new_now_local ();
  report_path = g_date_time_format (today, "/api/v1/reports/daily?date=%Y-%m-%d");
  report = gil_test_api_expect (f->url, f->admin, "GET", report_path, NULL, NULL, 200);
  by_sex = json_object_get_object_member (object (report), "by_sex");
  g_assert_cmpint (json_object_get_int_member (by_sex, "M"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (by_sex, "F"), ==, 0);
  groups = json_object_get_array_member (object (report), "by_age_group");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      g_assert_cmpint (json_object_get_int_member (group, "visits"), ==,
                       g_str_equal (json_object_get_string_member (group, "group"), "lansia") ? 1 : 0);
    }
}

/* Pregnancy care for a man, a girl of 8 or a woman of 60 is refused
 * until the desk confirms it; then registered, saying why it looked
 * wrong. A woman of 30 is registered as before. */
static void
test_pregnancy_plausible (Fixture       *f,
                          gconstpointer  data)
{
  gint64 man = create_patient (f, "Lalu Ahmad", 30, "M");
  gint64 girl = create_patient (f, "Baiq Sari", 8, "F");
  gint64 elder = create_patient (f, "Inaq Rum", 60, "F");
  gint64 woman = create_patient (f, "Ni Made Ayu", 30, "F");
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) confirmed = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

#define VISIT(patient, purpose, pregnant, extra) \
  (g_free (body), body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"" purpose "\"," \
                                          "\"signs\":[],\"pregnant\":" pregnant ",\"payer\":\"umum\"" extra "}", \
                                          patient))
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/visits", VISIT (man, "anc", "false", ""), 409,
                             "implausible");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/visits", VISIT (girl, "postnatal", "false", ""), 409,
                             "implausible");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/visits", VISIT (elder, "sick", "true", ""), 409,
                             "implausible");
  gil_test_api_expect_error (f->url, f->admin, "POST", "/api/v1/visits",
                             VISIT (elder, "anc", "false", ",\"confirmed\":\"yes\""), 400, "invalid-field");
  /* Refused: nobody registered. */
  missing = gil_test_api_call (f->url, f->admin, "GET", "/api/v1/visits/1", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 404);

  confirmed = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits",
                                   VISIT (elder, "anc", "false", ",\"confirmed\":true"), NULL, 201);
  g_assert_true (strstr (json_object_get_string_member (object (confirmed), "warning"), "60 tahun") != NULL);
  plain = gil_test_api_expect (f->url, f->admin, "POST", "/api/v1/visits", VISIT (woman, "anc", "true", ""), NULL,
                               201);
  g_assert_false (json_object_has_member (object (plain), "warning"));
#undef VISIT
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/api-desk/" path, Fixture, NULL, gil_test_server_set_up, func, gil_test_server_tear_down)
  ADD ("unidentified-merge", test_unidentified_merge);
  ADD ("unidentified-complete", test_unidentified_complete);
  ADD ("pregnancy-plausible", test_pregnancy_plausible);
#undef ADD

  return g_test_run ();
}
