/* fuzz-json.c — libFuzzer target: the manager's request bodies
 *
 * The input is a request body as it arrives. It is parsed as the manager
 * parses it (gil-json-check.c) and handed to every decoder that turns a
 * body into the core's structs (gil-api-read.c). Beyond not crashing:
 * parsing fails exactly when it says so; a decoder that succeeds leaves no
 * required field NULL and no id that is not positive; one that fails says
 * which field, in UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-api-json.h"
#include "gil-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  gil_fuzz_make_warnings_fatal ();
  return 0;
}

static void
check_outcome (gboolean      ok,
               const GError *error)
{
  if (ok)
    {
      g_assert_no_error (error);
      return;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == GIL_REQUEST_ERROR);
  g_assert_cmpint (error->code, ==, GIL_REQUEST_ERROR_INVALID_FIELD);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
check_text (const char *text)
{
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
check_strv (const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    check_text (strv[i]);
}

static void
check_ids (GArray *ids)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), >, 0);
}

/* A string member the body holds must be what the struct got. */
static void
check_taken (JsonObject *body,
             const char *field,
             const char *value)
{
  JsonNode *node = json_object_get_member (body, field);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_assert_cmpstr (value, ==, json_node_get_string (node));
}

static void
fuzz_room (JsonObject *body)
{
  g_autoptr(GilRoom) created = gil_room_new ();
  g_autoptr(GilRoom) edited = gil_room_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* As POST /rooms starts it: nothing but an empty tag list. */
  created->tags = g_new0 (char *, 1);
  ok = gil_api_read_room (body, created, &error);
  check_outcome (ok, error);
  g_clear_error (&error);
  if (ok)
    {
      g_assert_nonnull (created->tags);
      check_strv ((const char * const *)created->tags);
      g_assert_cmpint (created->interleave_every, >=, -1);
    }

  /* As PATCH /rooms/{id} starts it: a room from the database. */
  edited->id = 5;
  edited->code = g_strdup ("K3-LANSIA");
  edited->name = g_strdup ("Ruang Lansia");
  edited->cluster = g_strdup ("k3");
  edited->prefix = g_strdup ("E");
  edited->tags = g_strsplit ("lansia", ",", -1);
  edited->interleave_every = 2;
  ok = gil_api_read_room (body, edited, &error);
  check_outcome (ok, error);
  if (ok)
    {
      check_text (edited->code);
      check_text (edited->name);
      check_text (edited->cluster);
      check_text (edited->prefix);
      g_assert_nonnull (edited->tags);
      check_strv ((const char * const *)edited->tags);
      check_taken (body, "code", edited->code);
      check_taken (body, "name", edited->name);
      g_assert_cmpint (edited->id, ==, 5);
    }
}

static void
fuzz_patient (JsonObject *body)
{
  g_autoptr(GilPatient) patient = gil_patient_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  patient->id = 41;
  patient->rm = g_strdup ("000041");
  patient->nik = g_strdup ("5271014507800003");
  patient->name = g_strdup ("Siti");
  patient->birth_date = g_strdup ("1980-07-05");
  patient->sex = g_strdup ("F");
  patient->address = g_strdup ("Jl. Pejanggik");
  patient->phone = g_strdup ("0812");
  ok = gil_api_read_patient (body, patient, &error);
  check_outcome (ok, error);
  if (!ok)
    return;
  check_text (patient->name);
  check_text (patient->birth_date);
  check_text (patient->sex);
  check_text (patient->address);
  check_text (patient->phone);
  check_text (patient->rm);
  g_assert_cmpint (patient->id, ==, 41);
  check_taken (body, "name", patient->name);
  check_taken (body, "birth_date", patient->birth_date);
  check_taken (body, "nik", patient->nik);
  if (json_object_has_member (body, "nik") && json_object_get_null_member (body, "nik"))
    g_assert_null (patient->nik);
  if (patient->nik != NULL)
    check_text (patient->nik);
  if (patient->bpjs != NULL)
    check_text (patient->bpjs);
}

static void
fuzz_routing (JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  GilRoutingInput input;
  gint64 patient_id = -1;
  gboolean ok;

  ok = gil_api_read_routing (body, &patient_id, &input, &signs, &error);
  check_outcome (ok, error);
  if (!ok)
    return;
  check_text (input.purpose);
  if (patient_id == 0)
    {
      check_text (input.birth_date);
      check_text (input.sex);
    }
  g_assert_true (input.signs == (const char * const *)signs);
  check_strv (input.signs);
}

static void
fuzz_visit (JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  GilVisitRequest request;
  gboolean ok;

  ok = gil_api_read_visit (body, &request, &signs, &error);
  check_outcome (ok, error);
  if (!ok)
    return;
  g_assert_true (json_object_has_member (body, "patient_id"));
  check_text (request.purpose);
  check_text (request.payer);
  g_assert_true (request.signs == (const char * const *)signs);
  check_strv (request.signs);
}

static void
fuzz_transfer (JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  gint64 room = 0;
  gboolean return_after = 2;
  gboolean ok;

  ok = gil_api_read_transfer (body, &room, &return_after, &error);
  check_outcome (ok, error);
  if (!ok)
    return;
  g_assert_true (json_object_has_member (body, "room"));
  g_assert_true (return_after == TRUE || return_after == FALSE);
}

static void
fuzz_pairing (JsonObject *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rooms = NULL;
  g_autoptr(GArray) pair_rooms = NULL;
  const char *code = NULL;
  const char *name = NULL;
  gboolean role_given = FALSE;
  GilRole role = GIL_ROLE_REGISTRATION;
  gboolean ok;

  ok = gil_api_read_pairing_code (body, &role, &rooms, &error);
  check_outcome (ok, error);
  g_clear_error (&error);
  if (ok)
    {
      g_assert_cmpint (role, >=, GIL_ROLE_ADMIN);
      g_assert_cmpint (role, <=, GIL_ROLE_HEAD);
      check_text (gil_role_to_string (role));
      check_ids (rooms);
    }

  ok = gil_api_read_pair (body, &code, &name, &role, &role_given, &pair_rooms, &error);
  check_outcome (ok, error);
  if (ok)
    {
      check_text (code);
      check_text (name);
      if (role_given)
        check_text (gil_role_to_string (role));
      check_ids (pair_rooms);
    }
}

/* The field readers on every member, as each type. */
static void
fuzz_readers (JsonObject *body)
{
  g_autoptr(GList) members = json_object_get_members (body);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *field = l->data;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) strv = NULL;
      g_autoptr(GArray) ids = NULL;
      const char *text = NULL;
      gboolean present = FALSE;
      gboolean flag = FALSE;
      gint64 number = 0;

      check_outcome (gil_api_get_string (body, field, TRUE, &text, &error), error);
      g_clear_error (&error);
      check_outcome (gil_api_get_nullable_string (body, field, &text, &present, &error), error);
      g_assert_true (present);
      g_clear_error (&error);
      check_outcome (gil_api_get_int (body, field, TRUE, &number, &error), error);
      g_clear_error (&error);
      check_outcome (gil_api_get_nullable_int (body, field, &number, &error), error);
      g_clear_error (&error);
      check_outcome (gil_api_get_bool (body, field, &flag, &error), error);
      g_clear_error (&error);
      check_outcome (gil_api_get_strv (body, field, &strv, &error), error);
      g_clear_error (&error);
      check_strv ((const char * const *)strv);
      check_outcome (gil_api_get_ids (body, field, &ids, &error), error);
      check_ids (ids);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;

  body = gil_api_parse_object (bytes, &error);
  if (body == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GIL_REQUEST_ERROR);
      g_assert_cmpint (error->code, ==, GIL_REQUEST_ERROR_INVALID_JSON);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  fuzz_room (body);
  fuzz_patient (body);
  fuzz_routing (body);
  fuzz_visit (body);
  fuzz_transfer (body);
  fuzz_pairing (body);
  fuzz_readers (body);
  return 0;
}
