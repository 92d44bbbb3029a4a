/* test-client-desk.c — the registration desk's typed client against the
 * real giliran-manager on loopback: patients found, added, corrected and
 * merged (GilPatient, GilPatientDraft), a visit routed, registered,
 * listed, cancelled and moved (GilRoutingAdvice, GilVisit, GilVisitDraft), each
 * typed value checked field by field against the manager's own JSON, and
 * each refusal as its GilApiError code with nothing changed
 *
 * Every wait runs the main loop with a deadline; nothing sleeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-patients.h"
#include "gil-connection-visits.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

typedef struct
{
  GilTestClient client;  /* as a paired registration desk */
  gint64        lansia;  /* K3-LANSIA's id */
  gint64        lab;     /* LK-LAB's id */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (&f->client, NULL, "registration", "");
  f->lansia = gil_test_api_room_id (f->client.url, f->client.admin, "K3-LANSIA");
  f->lab = gil_test_api_room_id (f->client.url, f->client.admin, "LK-LAB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_client_tear_down (&f->client);
}

/* ── waiting for a call ────────────────────────────────────────────── */

static GilPatient *
create_patient (Fixture          *f,
                GilPatientDraft  *draft,
                const char       *key,
                GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_create_patient_async (f->client.connection, draft, key, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_create_patient_finish (f->client.connection, gil_test_client_wait (&result, "the new patient"), error);
}

static GilPatient *
update_patient (Fixture          *f,
                gint64            id,
                GilPatientDraft  *changes,
                GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_update_patient_async (f->client.connection, id, changes, NULL, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_update_patient_finish (f->client.connection, gil_test_client_wait (&result, "the corrected patient"),
                                               error);
}

static GilPatient *
merge_patient (Fixture  *f,
               gint64    id,
               gint64    into,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_merge_patient_async (f->client.connection, id, into, NULL, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_merge_patient_finish (f->client.connection, gil_test_client_wait (&result, "the merge"), error);
}

static GPtrArray *
search_patients (Fixture    *f,
                 const char *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *patients;

  gil_connection_search_patients_async (f->client.connection, query, NULL, gil_test_loop_keep_result, &result);
  patients = gil_connection_search_patients_finish (f->client.connection, gil_test_client_wait (&result, "the search"),
                                                    &error);
  g_assert_no_error (error);
  return patients;
}

static GilRoutingAdvice *
route (Fixture       *f,
       GilVisitDraft *draft)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GilRoutingAdvice *routing;

  gil_connection_route_async (f->client.connection, draft, NULL, gil_test_loop_keep_result, &result);
  routing = gil_connection_route_finish (f->client.connection, gil_test_client_wait (&result, "the routing"), &error);
  g_assert_no_error (error);
  return routing;
}

static GilVisit *
register_visit (Fixture        *f,
                GilVisitDraft  *draft,
                const char     *key,
                GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_register_visit_async (f->client.connection, draft, key, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_register_visit_finish (f->client.connection, gil_test_client_wait (&result, "the registration"),
                                               error);
}

static GPtrArray *
list_visits (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *visits;

  gil_connection_list_visits_async (f->client.connection, NULL, gil_test_loop_keep_result, &result);
  visits = gil_connection_list_visits_finish (f->client.connection, gil_test_client_wait (&result, "today's visits"), &error);
  g_assert_no_error (error);
  return visits;
}

/* Cancels @visit (@room 0), or moves it to @room. */
static GilVisit *
correct_visit (Fixture     *f,
               gint64       visit,
               gint64       room,
               const char  *reason,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (room == 0)
    gil_connection_cancel_visit_async (f->client.connection, visit, reason, NULL, NULL, gil_test_loop_keep_result, &result);
  else
    gil_connection_reroute_visit_async (f->client.connection, visit, room, reason, NULL, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_correct_visit_finish (f->client.connection, gil_test_client_wait (&result, "the correction"), error);
}

/* ── the manager's JSON, read apart ────────────────────────────────── */

/* GET @collection/@id, as the admin */
static JsonObject *
get_object (Fixture    *f,
            JsonNode  **holder,
            const char *collection,
            gint64      id)
{
  g_autofree char *path = g_strdup_printf ("%s/%" G_GINT64_FORMAT, collection, id);

  *holder = gil_test_api_expect (f->client.url, f->client.admin, "GET", path, NULL, NULL, 200);
  return gil_test_api_object (*holder);
}

static const char *
json_text (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

static gint64
json_id (JsonObject *object,
         const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? 0 : json_node_get_int (node);
}

/* Every field of @patient is the manager's. */
static void
assert_patient (Fixture    *f,
                GilPatient *patient)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *json = get_object (f, &holder, "/api/v1/patients", gil_patient_get_id (patient));

  g_assert_cmpint (gil_patient_get_id (patient), ==, json_id (json, "id"));
  g_assert_cmpstr (gil_patient_get_rm (patient), ==, json_text (json, "rm"));
  g_assert_cmpstr (gil_patient_get_name (patient), ==, json_text (json, "name"));
  g_assert_cmpstr (gil_patient_get_nik (patient), ==, json_text (json, "nik"));
  g_assert_cmpstr (gil_patient_get_bpjs (patient), ==, json_text (json, "bpjs"));
  g_assert_cmpstr (gil_patient_get_birth_date (patient), ==, json_text (json, "birth_date"));
  g_assert_cmpstr (gil_patient_get_sex (patient), ==, json_text (json, "sex"));
  g_assert_cmpint (gil_patient_is_female (patient), ==, g_strcmp0 (json_text (json, "sex"), "F") == 0);
  g_assert_cmpstr (gil_patient_get_address (patient), ==, json_text (json, "address"));
  g_assert_cmpstr (gil_patient_get_phone (patient), ==, json_text (json, "phone"));
  g_assert_cmpint (gil_patient_get_unidentified (patient), ==,
                   json_object_get_boolean_member (json, "unidentified"));
  g_assert_cmpint (gil_patient_get_merged_into (patient), ==, json_id (json, "merged_into"));
}

/* Every field of @visit is the manager's. */
static void
assert_visit (Fixture  *f,
              GilVisit *visit)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonObject *json = get_object (f, &holder, "/api/v1/visits", gil_visit_get_id (visit));
  JsonArray *stops = json_object_get_array_member (json, "stops");
  JsonArray *signs = json_object_get_array_member (json, "signs");

  g_assert_cmpint (gil_visit_get_id (visit), ==, json_id (json, "id"));
  g_assert_cmpint (gil_patient_get_id (gil_visit_get_patient (visit)), ==,
                   json_id (json_object_get_object_member (json, "patient"), "id"));
  g_assert_cmpstr (gil_visit_get_day (visit), ==, json_text (json, "day"));
  g_assert_cmpstr (gil_visit_get_ticket (visit), ==, json_text (json, "ticket"));
  g_assert_cmpstr (gil_visit_get_purpose (visit), ==, json_text (json, "purpose"));
  g_assert_cmpuint (g_strv_length ((GStrv)gil_visit_get_signs (visit)), ==, json_array_get_length (signs));
  for (guint i = 0; i < json_array_get_length (signs); i++)
    g_assert_cmpstr (gil_visit_get_signs (visit)[i], ==, json_array_get_string_element (signs, i));
  g_assert_cmpint (gil_visit_get_pregnant (visit), ==, json_object_get_boolean_member (json, "pregnant"));
  g_assert_cmpstr (gil_visit_get_payer (visit), ==, json_text (json, "payer"));
  g_assert_cmpint (gil_visit_get_new_patient (visit), ==, json_object_get_boolean_member (json, "new_patient"));
  g_assert_cmpstr (gil_visit_get_cluster (visit), ==, json_text (json, "cluster"));
  g_assert_cmpstr (gil_visit_get_priority (visit), ==, json_text (json, "priority"));
  g_assert_cmpint (gil_visit_get_suggested_room (visit), ==, json_id (json, "suggested_room"));
  g_assert_cmpint (gil_visit_get_room (visit), ==, json_id (json, "room"));
  g_assert_cmpint (gil_visit_get_overridden (visit), ==, json_object_get_boolean_member (json, "overridden"));
  g_assert_cmpstr (gil_visit_get_reason (visit), ==, json_text (json, "reason"));
  g_assert_cmpstr (gil_visit_get_cancel_reason (visit), ==, json_text (json, "cancel_reason"));
  g_assert_cmpint (gil_visit_is_cancelled (visit), ==, json_text (json, "cancelled_at") != NULL);
  g_assert_nonnull (gil_visit_get_registered_at (visit));
  g_assert_cmpuint (gil_visit_get_n_stops (visit), ==, json_array_get_length (stops));
  for (guint i = 0; i < json_array_get_length (stops); i++)
    {
      JsonObject *stop = json_array_get_object_element (stops, i);
      GilStopItem *item = gil_visit_get_stop (visit, i);

      g_assert_cmpint (gil_stop_item_get_id (item), ==, json_id (stop, "id"));
      g_assert_cmpint (gil_stop_item_get_room (item), ==, json_id (stop, "room"));
      g_assert_cmpstr (gil_stop_item_get_ticket (item), ==, json_text (stop, "ticket"));
      g_assert_cmpstr (gil_stop_status_to_string (gil_stop_item_get_status (item)), ==, json_text (stop, "status"));
      g_assert_cmpuint (gil_stop_item_get_position (item), ==, json_id (stop, "position"));
    }
  g_assert_true (gil_visit_get_last_stop (visit) == gil_visit_get_stop (visit, gil_visit_get_n_stops (visit) - 1));
}

/* Lansia: 67 years old, born on this day of the year. */
static GilPatient *
add_elder (Fixture    *f,
           const char *name,
           const char *sex)
{
  g_autoptr(GilPatientDraft) draft = gil_patient_draft_new ();
  g_autofree char *born = gil_test_api_years_ago (67);
  g_autoptr(GError) error = NULL;
  GilPatient *patient;

  gil_patient_draft_set_name (draft, name);
  gil_patient_draft_set_birth_date (draft, born);
  gil_patient_draft_set_sex (draft, sex);
  patient = create_patient (f, draft, NULL, &error);
  g_assert_no_error (error);
  return patient;
}

static GilVisitDraft *
sick_visit (GilPatient *patient)
{
  static const char * const no_signs[] = { NULL };
  GilVisitDraft *draft = gil_visit_draft_new (gil_patient_get_id (patient));

  gil_visit_draft_set_purpose (draft, "sick");
  gil_visit_draft_set_signs (draft, no_signs);
  gil_visit_draft_set_pregnant (draft, FALSE);
  gil_visit_draft_set_payer (draft, "bpjs");
  return draft;
}

/* ── patients ──────────────────────────────────────────────────────── */

/* Added with every field, found, corrected in one field only (the audit
 * names just it), a NIK cleared; each reply is the manager's record. */
static void
test_patients (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GilPatientDraft) draft = gil_patient_draft_new ();
  g_autoptr(GilPatientDraft) phone = gil_patient_draft_new ();
  g_autoptr(GilPatientDraft) no_nik = gil_patient_draft_new ();
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GilPatient) corrected = NULL;
  g_autoptr(GilPatient) cleared = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JsonArray *entries;
  JsonArray *fields;

  gil_patient_draft_set_name (draft, "Ni Made Sari");
  gil_patient_draft_set_nik (draft, "5271014507800003");
  gil_patient_draft_set_birth_date (draft, "1980-07-05");
  gil_patient_draft_set_sex (draft, "F");
  gil_patient_draft_set_bpjs (draft, "0001234567890");
  gil_patient_draft_set_address (draft, "Jl. Majapahit 12, Mataram");
  gil_patient_draft_set_phone (draft, "081234567890");
  g_assert_false (gil_patient_draft_is_empty (draft));
  patient = create_patient (f, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_patient_get_name (patient), ==, "Ni Made Sari");
  g_assert_cmpstr (gil_patient_get_nik (patient), ==, "5271014507800003");
  g_assert_cmpstr (gil_patient_get_bpjs (patient), ==, "0001234567890");
  g_assert_cmpstr (gil_patient_get_birth_date (patient), ==, "1980-07-05");
  g_assert_true (gil_patient_is_female (patient));
  g_assert_cmpstr (gil_patient_get_address (patient), ==, "Jl. Majapahit 12, Mataram");
  g_assert_cmpstr (gil_patient_get_phone (patient), ==, "081234567890");
  g_assert_false (gil_patient_get_unidentified (patient));
  g_assert_cmpint (gil_patient_get_merged_into (patient), ==, 0);
  g_assert_null (gil_patient_get_warning (patient));
  assert_patient (f, patient);

  found = search_patients (f, "sari");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (gil_patient_get_id (g_ptr_array_index (found, 0)), ==, gil_patient_get_id (patient));
  assert_patient (f, g_ptr_array_index (found, 0));
  g_clear_pointer (&found, g_ptr_array_unref);
  found = search_patients (f, "nobody here");
  g_assert_cmpuint (found->len, ==, 0);

  gil_patient_draft_set_phone (phone, "087700001111");
  corrected = update_patient (f, gil_patient_get_id (patient), phone, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_patient_get_phone (corrected), ==, "087700001111");
  g_assert_cmpstr (gil_patient_get_nik (corrected), ==, "5271014507800003");
  assert_patient (f, corrected);
  path = g_strdup_printf ("/api/v1/patients/%" G_GINT64_FORMAT "/history", gil_patient_get_id (patient));
  history = gil_test_api_expect (f->client.url, f->client.admin, "GET", path, NULL, NULL, 200);
  entries = json_node_get_array (history);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  fields = json_object_get_array_member (json_array_get_object_element (entries, 1), "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "phone");

  gil_patient_draft_set_nik (no_nik, NULL);
  cleared = update_patient (f, gil_patient_get_id (patient), no_nik, &error);
  g_assert_no_error (error);
  g_assert_null (gil_patient_get_nik (cleared));
  assert_patient (f, cleared);
}

/* Each refusal is its code, and the manager changed nothing. */
static void
test_patient_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GilPatient) elder = add_elder (f, "Lalu Amir", "M");
  g_autoptr(GilPatient) other = add_elder (f, "Baiq Nur", "F");
  g_autoptr(GilPatientDraft) bad_nik = gil_patient_draft_new ();
  g_autoptr(GilPatientDraft) no_name = gil_patient_draft_new ();
  g_autoptr(GilPatient) none = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  gil_patient_draft_set_name (bad_nik, "Nyoman Bad");
  gil_patient_draft_set_birth_date (bad_nik, "1990-01-01");
  gil_patient_draft_set_sex (bad_nik, "M");
  gil_patient_draft_set_nik (bad_nik, "123");
  none = create_patient (f, bad_nik, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_NIK);
  g_assert_null (none);
  g_clear_error (&error);
  found = search_patients (f, "nyoman");
  g_assert_cmpuint (found->len, ==, 0);

  gil_patient_draft_set_name (no_name, "");
  none = update_patient (f, gil_patient_get_id (elder), no_name, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_MISSING_NAME);
  g_assert_null (none);
  g_clear_error (&error);
  assert_patient (f, elder);

  /* Only an unidentified record merges. */
  none = merge_patient (f, gil_patient_get_id (elder), gil_patient_get_id (other), &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_MERGE);
  g_assert_null (none);
  assert_patient (f, elder);
}

/* Registrasi menyusul: a record without identity, its UGD visit, and the
 * record merged into the patient's own. */
static void
test_unidentified_merge (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const emergency[] = { "emergency", NULL };
  g_autoptr(GilPatientDraft) draft = gil_patient_draft_new_unidentified ("F", 40);
  g_autoptr(GilPatient) unknown = NULL;
  g_autoptr(GilPatient) own = add_elder (f, "Inaq Rahmah", "F");
  g_autoptr(GilPatient) merged = NULL;
  g_autoptr(GilVisitDraft) visit_draft = NULL;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *json;

  unknown = create_patient (f, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gil_patient_get_unidentified (unknown));
  g_assert_true (g_str_has_prefix (gil_patient_get_name (unknown), "Tanpa identitas "));
  g_assert_true (gil_patient_is_female (unknown));
  assert_patient (f, unknown);

  visit_draft = gil_visit_draft_new (gil_patient_get_id (unknown));
  gil_visit_draft_set_purpose (visit_draft, "sick");
  gil_visit_draft_set_signs (visit_draft, emergency);
  gil_visit_draft_set_payer (visit_draft, "umum");
  visit = register_visit (f, visit_draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_visit_get_priority (visit), ==, "emergency");
  g_assert_cmpstr (gil_visit_get_signs (visit)[0], ==, "emergency");
  assert_visit (f, visit);

  merged = merge_patient (f, gil_patient_get_id (unknown), gil_patient_get_id (own), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_patient_get_id (merged), ==, gil_patient_get_id (own));
  assert_patient (f, merged);
  json = get_object (f, &holder, "/api/v1/patients", gil_patient_get_id (unknown));
  g_assert_cmpint (json_id (json, "merged_into"), ==, gil_patient_get_id (own));

  g_clear_object (&merged);
  merged = merge_patient (f, gil_patient_get_id (unknown), gil_patient_get_id (own), &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_MERGED);
  g_assert_null (merged);
}

/* ── visits ────────────────────────────────────────────────────────── */

/* Routed, registered (once for one key), listed, each as the manager
 * has it. */
static void
test_visits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilPatient) elder = add_elder (f, "Lalu Muhsin", "M");
  g_autoptr(GilVisitDraft) draft = sick_visit (elder);
  g_autoptr(GilRoutingAdvice) routing = route (f, draft);
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GilVisit) again = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(JsonNode) triage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = gil_connection_new_action_key ();
  g_autofree char *body = NULL;
  JsonObject *json;

  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"signs\":[],"
                          "\"pregnant\":false}", gil_patient_get_id (elder));
  triage = gil_test_api_expect (f->client.url, f->client.admin, "POST", "/api/v1/triage", body, NULL, 200);
  json = gil_test_api_object (triage);
  g_assert_cmpint (gil_routing_advice_get_room (routing), ==, f->lansia);
  g_assert_cmpint (gil_routing_advice_get_room (routing), ==, json_id (json, "room"));
  g_assert_cmpstr (gil_routing_advice_get_room_code (routing), ==, "K3-LANSIA");
  g_assert_cmpstr (gil_routing_advice_get_room_name (routing), ==, json_text (json, "room_name"));
  g_assert_cmpstr (gil_routing_advice_get_cluster (routing), ==, json_text (json, "cluster"));
  g_assert_cmpstr (gil_routing_advice_get_priority (routing), ==, json_text (json, "priority"));
  g_assert_cmpstr (gil_routing_advice_get_priority_reason (routing), ==, json_text (json, "priority_reason"));
  g_assert_cmpstr (gil_routing_advice_get_reason (routing), ==, json_text (json, "reason"));
  g_assert_cmpstr (gil_routing_advice_get_rule (routing), ==, json_text (json, "rule"));
  g_assert_cmpint (gil_routing_advice_get_age_months (routing), ==, json_id (json, "age_months"));

  /* Routing registered nothing. */
  visits = list_visits (f);
  g_assert_cmpuint (visits->len, ==, 0);
  g_clear_pointer (&visits, g_ptr_array_unref);

  gil_visit_draft_set_room (draft, 0);
  gil_visit_draft_set_confirmed (draft, FALSE);
  visit = register_visit (f, draft, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_visit_get_room (visit), ==, f->lansia);
  g_assert_cmpint (gil_visit_get_suggested_room (visit), ==, f->lansia);
  g_assert_false (gil_visit_get_overridden (visit));
  g_assert_cmpstr (gil_visit_get_reason (visit), ==, gil_routing_advice_get_reason (routing));
  g_assert_cmpuint (gil_visit_get_n_stops (visit), ==, 1);
  g_assert_cmpint (gil_stop_item_get_status (gil_visit_get_stop (visit, 0)), ==, GIL_STOP_WAITING);
  g_assert_cmpuint (gil_stop_item_get_position (gil_visit_get_stop (visit, 0)), ==, 1);
  g_assert_false (gil_visit_is_cancelled (visit));
  g_assert_null (gil_visit_get_warning (visit));
  assert_visit (f, visit);

  /* The same key: the stored reply, not a second visit. */
  again = register_visit (f, draft, key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_visit_get_id (again), ==, gil_visit_get_id (visit));
  g_assert_true (gil_visit_equal (again, visit));

  visits = list_visits (f);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_true (gil_visit_equal (g_ptr_array_index (visits, 0), visit));
  assert_visit (f, g_ptr_array_index (visits, 0));

  /* Another key: the patient is queued already. */
  g_clear_object (&again);
  again = register_visit (f, draft, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_ALREADY_QUEUED);
  g_assert_null (again);
}

/* Pregnancy care for a man is refused until the clerk confirms it; then
 * the visit says what did not fit. */
static void
test_visit_implausible (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GilPatient) man = add_elder (f, "Lalu Sahnan", "M");
  g_autoptr(GilVisitDraft) draft = sick_visit (man);
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;

  gil_visit_draft_set_purpose (draft, "anc");
  visit = register_visit (f, draft, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_IMPLAUSIBLE);
  g_assert_null (visit);
  g_clear_error (&error);
  visits = list_visits (f);
  g_assert_cmpuint (visits->len, ==, 0);

  gil_visit_draft_set_confirmed (draft, TRUE);
  visit = register_visit (f, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gil_visit_get_warning (visit));
  g_assert_cmpstr (gil_visit_get_purpose (visit), ==, "anc");
  assert_visit (f, visit);
}

/* Moved to the laboratory with a new ticket, then cancelled with a
 * reason; what the manager refuses after is its code. */
static void
test_visit_corrections (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GilPatient) elder = add_elder (f, "Baiq Aisyah", "F");
  g_autoptr(GilVisitDraft) draft = sick_visit (elder);
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GilVisit) moved = NULL;
  g_autoptr(GilVisit) cancelled = NULL;
  g_autoptr(GilVisit) none = NULL;
  g_autoptr(GError) error = NULL;

  visit = register_visit (f, draft, NULL, &error);
  g_assert_no_error (error);

  none = correct_visit (f, gil_visit_get_id (visit), 0, "  ", &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_REASON);
  g_assert_null (none);
  g_clear_error (&error);
  none = correct_visit (f, gil_visit_get_id (visit), 0, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD);
  g_assert_null (none);
  g_clear_error (&error);
  assert_visit (f, visit);

  moved = correct_visit (f, gil_visit_get_id (visit), f->lab, "salah pilih ruang", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_visit_get_room (moved), ==, f->lab);
  g_assert_true (gil_visit_get_overridden (moved));
  g_assert_cmpstr (gil_visit_get_ticket (moved), !=, gil_visit_get_ticket (visit));
  assert_visit (f, moved);

  cancelled = correct_visit (f, gil_visit_get_id (visit), 0, "salah daftar", &error);
  g_assert_no_error (error);
  g_assert_true (gil_visit_is_cancelled (cancelled));
  g_assert_nonnull (gil_visit_get_cancelled_at (cancelled));
  g_assert_cmpstr (gil_visit_get_cancel_reason (cancelled), ==, "salah daftar");
  g_assert_cmpint (gil_stop_item_get_status (gil_visit_get_last_stop (cancelled)), ==, GIL_STOP_CANCELLED);
  assert_visit (f, cancelled);

  none = correct_visit (f, gil_visit_get_id (visit), 0, "lagi", &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_ALREADY_CANCELLED);
  g_assert_null (none);
  g_clear_error (&error);
  none = correct_visit (f, gil_visit_get_id (visit), f->lansia, NULL, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_ALREADY_CANCELLED);
  g_assert_null (none);
  g_clear_error (&error);
  none = correct_visit (f, 999999, 0, "tidak ada", &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (none);
}

/* A cancelled call is G_IO_ERROR_CANCELLED, as the connection gives it. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  gil_connection_search_patients_async (f->client.connection, "sari", cancellable, gil_test_loop_keep_result, &result);
  g_cancellable_cancel (cancellable);
  found = gil_connection_search_patients_finish (f->client.connection, gil_test_client_wait (&result, "the cancelled search"),
                                                 &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (found);
}

/* Each typed value goes with its last reference. */
static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  GilPatient *elder = add_elder (f, "Lalu Zainal", "M");
  GilVisitDraft *draft = sick_visit (elder);
  GilPatientDraft *unknown = gil_patient_draft_new_unidentified ("M", 30);
  GilPatientDraft *empty = gil_patient_draft_new ();
  GilRoutingAdvice *routing = route (f, draft);
  g_autoptr(GError) error = NULL;
  GPtrArray *visits;
  GilVisit *visit;
  GilVisit *listed;

  g_assert_true (gil_patient_draft_is_empty (empty));
  g_assert_false (gil_patient_draft_is_empty (unknown));
  visit = register_visit (f, draft, NULL, &error);
  g_assert_no_error (error);
  visits = list_visits (f);
  listed = g_object_ref (g_ptr_array_index (visits, 0));
  g_ptr_array_unref (visits);

  g_assert_finalize_object (routing);
  g_assert_finalize_object (draft);
  g_assert_finalize_object (unknown);
  g_assert_finalize_object (empty);
  g_assert_finalize_object (elder);
  g_assert_finalize_object (listed);
  g_assert_finalize_object (visit);
}

static GilVisit *
get_visit (Fixture  *f,
           gint64    id,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_get_visit_async (f->client.connection, id, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_get_visit_finish (f->client.connection, gil_test_client_wait (&result, "the visit"), error);
}

/* One visit as the manager has it now: no outcome while it waits, then
 * the room's referral, where to included; one that is not there is
 * GIL_API_ERROR_NOT_FOUND. */
static void
test_get_visit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GilPatient) elder = add_elder (f, "Amaq Rusni", "M");
  g_autoptr(GilVisitDraft) draft = sick_visit (elder);
  g_autoptr(GilVisit) registered = NULL;
  g_autoptr(GilVisit) waiting = NULL;
  g_autoptr(GilVisit) referred = NULL;
  g_autoptr(GilVisit) none = NULL;
  g_autoptr(JsonObject) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  registered = register_visit (f, draft, NULL, &error);
  g_assert_no_error (error);
  waiting = get_visit (f, gil_visit_get_id (registered), &error);
  g_assert_no_error (error);
  assert_visit (f, waiting);
  g_assert_cmpint (gil_visit_get_outcome (waiting), ==, GIL_OUTCOME_NONE);
  g_assert_null (gil_visit_get_referred_to (waiting));

  stop = gil_test_api_call_next (f->client.url, f->client.admin, "K3-LANSIA");
  gil_test_api_stop_action (f->client.url, f->client.admin, json_object_get_int_member (stop, "id"), "start");
  path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish", json_object_get_int_member (stop, "id"));
  json_node_unref (gil_test_api_expect (f->client.url, f->client.admin, "POST", path,
                                        "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}",
                                        NULL, 200));
  referred = get_visit (f, gil_visit_get_id (registered), &error);
  g_assert_no_error (error);
  assert_visit (f, referred);
  g_assert_cmpint (gil_visit_get_outcome (referred), ==, GIL_OUTCOME_REFERRED);
  g_assert_cmpstr (gil_visit_get_referred_to (referred), ==, "RSUD Kota Mataram");

  none = get_visit (f, 999999, &error);
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_assert_null (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/giliran/client-desk/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("patients", test_patients);
  ADD ("patient-refused", test_patient_refused);
  ADD ("unidentified-merge", test_unidentified_merge);
  ADD ("visits", test_visits);
  ADD ("visit-implausible", test_visit_implausible);
  ADD ("visit-corrections", test_visit_corrections);
  ADD ("get-visit", test_get_visit);
  ADD ("cancelled", test_cancelled);
  ADD ("new-destroy", test_new_destroy);
#undef ADD

  return g_test_run ();
}
