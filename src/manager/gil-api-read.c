/* gil-api-read.c — the API's JSON: request fields in
 *
 * Strict readers of one field each, and the request bodies read with them
 * into the core's structs. A body is parsed first by gil_api_parse_object()
 * (gil-json-check.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-api-json.h"

G_DEFINE_QUARK (gil-request-error-quark, gil_request_error)

static gboolean
wrong_type (const char  *field,
            const char  *expected,
            GError     **error)
{
  /* TRANSLATORS: e.g. "The field “name” must be a string" */
  g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
               _("The field “%s” must be %s"), field, expected);
  return FALSE;
}

static gboolean
missing (const char  *field,
         GError     **error)
{
  g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
               _("The field “%s” is required"), field);
  return FALSE;
}

static gboolean
is_type (JsonNode *node,
         GType     type)
{
  if (type == JSON_TYPE_ARRAY)
    return JSON_NODE_HOLDS_ARRAY (node);
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Finds the member @field of @object and checks it holds @type
 * (JSON_TYPE_ARRAY for a list), or null when @nullable. @node is the
 * member, or NULL when it is absent or null. */
static gboolean
typed_member (JsonObject  *object,
              const char  *field,
              GType        type,
              gboolean     nullable,
              gboolean     required,
              const char  *expected,
              JsonNode   **node,
              GError     **error)
{
  *node = json_object_get_member (object, field);
  if (*node == NULL)
    return required ? missing (field, error) : TRUE;
  if (nullable && JSON_NODE_HOLDS_NULL (*node))
    {
      *node = NULL;
      return TRUE;
    }
  if (!is_type (*node, type))
    return wrong_type (field, expected, error);
  return TRUE;
}

gboolean
gil_api_get_string (JsonObject  *object,
                    const char  *field,
                    gboolean     required,
                    const char **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, G_TYPE_STRING, FALSE, required, _("a string"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_string (node);
  return TRUE;
}

gboolean
gil_api_get_nullable_string (JsonObject  *object,
                             const char  *field,
                             const char **out,
                             gboolean    *present,
                             GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL && present != NULL, FALSE);

  *present = json_object_has_member (object, field);
  if (!typed_member (object, field, G_TYPE_STRING, TRUE, FALSE, _("a string or null"), &node, error))
    return FALSE;
  if (*present)
    *out = node != NULL ? json_node_get_string (node) : NULL;
  return TRUE;
}

gboolean
gil_api_get_int (JsonObject  *object,
                 const char  *field,
                 gboolean     required,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, G_TYPE_INT64, FALSE, required, _("a whole number"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_int (node);
  return TRUE;
}

gboolean
gil_api_get_nullable_int (JsonObject  *object,
                          const char  *field,
                          gint64      *out,
                          GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, G_TYPE_INT64, TRUE, FALSE, _("a whole number or null"), &node, error))
    return FALSE;
  *out = node != NULL ? json_node_get_int (node) : 0;
  return TRUE;
}

gboolean
gil_api_get_bool (JsonObject  *object,
                  const char  *field,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, G_TYPE_BOOLEAN, FALSE, FALSE, _("true or false"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
gil_api_get_strv (JsonObject  *object,
                  const char  *field,
                  GStrv       *out,
                  GError     **error)
{
  g_autoptr(GStrvBuilder) strv = NULL;
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, JSON_TYPE_ARRAY, TRUE, FALSE, _("a list of strings"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  strv = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!is_type (item, G_TYPE_STRING))
        return wrong_type (field, _("a list of strings"), error);
      g_strv_builder_add (strv, json_node_get_string (item));
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (strv);
  return TRUE;
}

gboolean
gil_api_get_ids (JsonObject  *object,
                 const char  *field,
                 GArray     **out,
                 GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (object != NULL && field != NULL && out != NULL, FALSE);

  if (!typed_member (object, field, JSON_TYPE_ARRAY, TRUE, FALSE, _("a list of ids"), &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      gint64 id;

      if (!is_type (item, G_TYPE_INT64) || (id = json_node_get_int (item)) <= 0)
        return wrong_type (field, _("a list of ids"), error);
      g_array_append_val (ids, id);
    }
  g_clear_pointer (out, g_array_unref);
  *out = g_steal_pointer (&ids);
  return TRUE;
}

/* ── request bodies ──────────────────────────────────────────────────── */

/**
 * gil_api_read_room:
 *
 * Applies the fields present in @body to @room.
 */
gboolean
gil_api_read_room (JsonObject  *body,
                   GilRoom     *room,
                   GError     **error)
{
  const char *code = NULL, *name = NULL, *cluster = NULL, *prefix = NULL, *policy = NULL;
  gint64 every = room->interleave_every;

  g_return_val_if_fail (body != NULL && room != NULL, FALSE);

  if (!gil_api_get_string (body, "code", FALSE, &code, error) ||
      !gil_api_get_string (body, "name", FALSE, &name, error) ||
      !gil_api_get_string (body, "cluster", FALSE, &cluster, error) ||
      !gil_api_get_string (body, "prefix", FALSE, &prefix, error) ||
      !gil_api_get_string (body, "priority_policy", FALSE, &policy, error) ||
      !gil_api_get_int (body, "interleave_every", FALSE, &every, error) ||
      !gil_api_get_bool (body, "active", &room->active, error) ||
      !gil_api_get_bool (body, "number_only", &room->number_only, error) ||
      !gil_api_get_strv (body, "tags", &room->tags, error))
    return FALSE;

  if (policy != NULL && !g_str_equal (policy, "strict") && !g_str_equal (policy, "interleave"))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                           _("The field “priority_policy” is strict or interleave"));
      return FALSE;
    }
  if (policy != NULL)
    room->strict = g_str_equal (policy, "strict");
  room->interleave_every = CLAMP (every, -1, G_MAXINT);
#define TAKE(field) if (field != NULL) { g_free (room->field); room->field = g_strdup (field); }
  TAKE (code);
  TAKE (name);
  TAKE (cluster);
  TAKE (prefix);
#undef TAKE
  return TRUE;
}

/**
 * gil_api_read_unidentified:
 * @unidentified: (out): whether @body asks for a patient nobody can
 *   identify yet ("unidentified": true)
 * @patient: (out caller-allocates): its sex, when @unidentified
 * @approx_age_years: (out): the age the staff guess, when @unidentified
 *
 * Such a body has "sex" and "approx_age_years" and nothing that
 * identifies anyone: the manager names the record.
 */
gboolean
gil_api_read_unidentified (JsonObject  *body,
                           gboolean    *unidentified,
                           GilPatient  *patient,
                           guint       *approx_age_years,
                           GError     **error)
{
  static const char * const identity[] = { "name", "nik", "bpjs", "birth_date" };
  const char *sex = NULL;
  gint64 years = 0;

  g_return_val_if_fail (body != NULL && unidentified != NULL, FALSE);

  *unidentified = FALSE;
  if (!gil_api_get_bool (body, "unidentified", unidentified, error))
    return FALSE;
  if (!*unidentified)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (identity); i++)
    if (json_object_has_member (body, identity[i]))
      {
        g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                     _("An unidentified patient has no “%s” yet; complete the record later"),
                     identity[i]);
        return FALSE;
      }
  if (!gil_api_get_string (body, "sex", TRUE, &sex, error) ||
      !gil_api_get_int (body, "approx_age_years", TRUE, &years, error))
    return FALSE;
  if (years < 0 || years > G_MAXUINT)
    years = G_MAXUINT;
  g_free (patient->sex);
  patient->sex = g_strdup (sex);
  *approx_age_years = (guint)years;
  return TRUE;
}

/**
 * gil_api_read_patient:
 *
 * Applies the fields present in @body to @patient; "nik" and "bpjs" may be
 * null to clear them. The core checks the values.
 */
gboolean
gil_api_read_patient (JsonObject  *body,
                      GilPatient  *patient,
                      GError     **error)
{
  static const char * const optional[] = { "nik", "bpjs" };
  static const char * const text[] = { "name", "birth_date", "sex", "address", "phone" };
  char **targets_text[] = { &patient->name, &patient->birth_date, &patient->sex,
                            &patient->address, &patient->phone };
  char **targets_optional[] = { &patient->nik, &patient->bpjs };

  g_return_val_if_fail (body != NULL && patient != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text); i++)
    {
      const char *value = NULL;

      if (!gil_api_get_string (body, text[i], FALSE, &value, error))
        return FALSE;
      if (value != NULL)
        {
          g_free (*targets_text[i]);
          *targets_text[i] = g_strdup (value);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    {
      const char *value = NULL;
      gboolean present = FALSE;

      if (!gil_api_get_nullable_string (body, optional[i], &value, &present, error))
        return FALSE;
      if (present)
        {
          g_free (*targets_optional[i]);
          *targets_optional[i] = g_strdup (value);
        }
    }
  return TRUE;
}

/**
 * gil_api_read_routing:
 * @patient_id: (out): the patient named, or 0 when @input carries the
 *   birth date and sex instead
 * @input: (out caller-allocates): the visit to route
 * @signs: (inout): holds the strings @input->signs points to
 */
gboolean
gil_api_read_routing (JsonObject      *body,
                      gint64          *patient_id,
                      GilRoutingInput *input,
                      GStrv           *signs,
                      GError         **error)
{
  g_return_val_if_fail (body != NULL && patient_id != NULL, FALSE);
  g_return_val_if_fail (input != NULL && signs != NULL, FALSE);

  *patient_id = 0;
  memset (input, 0, sizeof *input);
  if (!gil_api_get_int (body, "patient_id", FALSE, patient_id, error) ||
      !gil_api_get_string (body, "purpose", TRUE, &input->purpose, error) ||
      !gil_api_get_strv (body, "signs", signs, error) ||
      !gil_api_get_bool (body, "pregnant", &input->pregnant, error))
    return FALSE;
  /* Without a patient, the body says who the visit is for. */
  if (*patient_id == 0 &&
      (!gil_api_get_string (body, "birth_date", TRUE, &input->birth_date, error) ||
       !gil_api_get_string (body, "sex", TRUE, &input->sex, error)))
    return FALSE;
  input->signs = (const char * const *)*signs;
  return TRUE;
}

/**
 * gil_api_read_visit:
 * @request: (out caller-allocates): the registration; payer "umum" unless
 *   the body says otherwise
 * @signs: (inout): holds the strings @request->signs points to
 */
gboolean
gil_api_read_visit (JsonObject       *body,
                    GilVisitRequest  *request,
                    GStrv            *signs,
                    GError          **error)
{
  g_return_val_if_fail (body != NULL && request != NULL && signs != NULL, FALSE);

  memset (request, 0, sizeof *request);
  request->payer = "umum";
  if (!gil_api_get_int (body, "patient_id", TRUE, &request->patient, error) ||
      !gil_api_get_string (body, "purpose", TRUE, &request->purpose, error) ||
      !gil_api_get_strv (body, "signs", signs, error) ||
      !gil_api_get_bool (body, "pregnant", &request->pregnant, error) ||
      !gil_api_get_string (body, "payer", FALSE, &request->payer, error) ||
      !gil_api_get_nullable_int (body, "room", &request->room, error) ||
      !gil_api_get_bool (body, "confirmed", &request->confirmed, error) ||
      !gil_api_get_nullable_int (body, "loket_ticket", &request->loket_ticket, error))
    return FALSE;
  request->signs = (const char * const *)*signs;
  return TRUE;
}

/**
 * gil_api_read_transfer:
 * @room: (out): the room the visit goes on to
 * @return_after: (out): whether it comes back when done there
 */
/**
 * gil_api_read_cancel:
 * @reason: (out) (transfer none): why the desk cancels the visit
 */
gboolean
gil_api_read_cancel (JsonObject  *body,
                     const char **reason,
                     GError     **error)
{
  g_return_val_if_fail (body != NULL && reason != NULL, FALSE);

  *reason = NULL;
  return gil_api_get_string (body, "reason", TRUE, reason, error);
}

/**
 * gil_api_read_reroute:
 * @room: (out): the room the visit moves to
 * @reason: (out) (transfer none) (nullable): why, if given
 */
gboolean
gil_api_read_reroute (JsonObject  *body,
                      gint64      *room,
                      const char **reason,
                      GError     **error)
{
  g_return_val_if_fail (body != NULL && room != NULL && reason != NULL, FALSE);

  gboolean present;

  *room = 0;
  *reason = NULL;
  return gil_api_get_int (body, "room", TRUE, room, error) &&
         gil_api_get_nullable_string (body, "reason", reason, &present, error);
}

gboolean
gil_api_read_transfer (JsonObject  *body,
                       gint64      *room,
                       gboolean    *return_after,
                       GError     **error)
{
  g_return_val_if_fail (body != NULL && room != NULL && return_after != NULL, FALSE);

  *room = 0;
  *return_after = FALSE;
  return gil_api_get_int (body, "room", TRUE, room, error) &&
         gil_api_get_bool (body, "return", return_after, error);
}

/**
 * gil_api_read_outcome:
 * @outcome: (out): how the visit ended; %GIL_OUTCOME_NONE when the body
 *   names none (a finish without a body)
 * @referred_to: (out) (transfer none) (nullable): where to, if given
 *
 * Reads the optional `outcome` and `referred_to` of a finish. Whether they
 * fit together is the queue's to check (gil_queue_finish_with()).
 */
gboolean
gil_api_read_outcome (JsonObject  *body,
                      GilOutcome  *outcome,
                      const char **referred_to,
                      GError     **error)
{
  const char *name = NULL;
  gboolean present;

  g_return_val_if_fail (body != NULL && outcome != NULL && referred_to != NULL, FALSE);

  *outcome = GIL_OUTCOME_NONE;
  *referred_to = NULL;
  if (!gil_api_get_nullable_string (body, "outcome", &name, &present, error) ||
      !gil_api_get_nullable_string (body, "referred_to", referred_to, &present, error))
    return FALSE;
  if (name != NULL && !gil_outcome_from_string (name, outcome))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                           _("The field “outcome” is home, referred or died"));
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_api_read_counter:
 * @counter: (out): the counter (meja) a call comes from; 0 when the body
 *   names none
 *
 * Reads the optional `counter` of a call-next, call or recall body: 1 to
 * %GIL_QUEUE_COUNTER_MAX, or null.
 */
gboolean
gil_api_read_counter (JsonObject  *body,
                      int         *counter,
                      GError     **error)
{
  gint64 value = 0;

  g_return_val_if_fail (body != NULL && counter != NULL, FALSE);

  *counter = 0;
  if (!gil_api_get_nullable_int (body, "counter", &value, error))
    return FALSE;
  if (json_object_has_member (body, "counter") && value == 0 && !json_object_get_null_member (body, "counter"))
    value = -1;
  if (value < 0 || value > GIL_QUEUE_COUNTER_MAX)
    {
      g_set_error (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                   _("The field “counter” is a counter number, 1 to %d, or null"),
                   GIL_QUEUE_COUNTER_MAX);
      return FALSE;
    }
  *counter = (int)value;
  return TRUE;
}

static gboolean
read_role (JsonObject  *body,
           gboolean     required,
           GilRole     *role,
           gboolean    *given,
           GError     **error)
{
  const char *name = NULL;

  if (!gil_api_get_string (body, "role", required, &name, error))
    return FALSE;
  *given = name != NULL;
  if (name != NULL && !gil_role_from_string (name, role))
    {
      g_set_error_literal (error, GIL_REQUEST_ERROR, GIL_REQUEST_ERROR_INVALID_FIELD,
                           _("The field “role” is registration, room, display or head"));
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_api_read_pairing_code:
 * @role: (out): the role the code pairs a station as
 * @rooms: (out) (transfer full) (nullable): the rooms of a room station
 */
gboolean
gil_api_read_pairing_code (JsonObject  *body,
                           GilRole     *role,
                           GArray     **rooms,
                           GError     **error)
{
  gboolean given = FALSE;

  g_return_val_if_fail (body != NULL && role != NULL && rooms != NULL, FALSE);

  return read_role (body, TRUE, role, &given, error) &&
         gil_api_get_ids (body, "rooms", rooms, error);
}

/**
 * gil_api_read_pair:
 * @code: (out): the pairing code
 * @name: (out): the station's name
 * @role: (out): the role asked for, when @role_given
 * @rooms: (out) (transfer full) (nullable): the rooms asked for
 */
gboolean
gil_api_read_pair (JsonObject   *body,
                   const char  **code,
                   const char  **name,
                   GilRole      *role,
                   gboolean     *role_given,
                   GArray      **rooms,
                   GError      **error)
{
  g_return_val_if_fail (body != NULL && code != NULL && name != NULL, FALSE);
  g_return_val_if_fail (role != NULL && role_given != NULL && rooms != NULL, FALSE);

  *code = NULL;
  *name = NULL;
  *role_given = FALSE;
  return gil_api_get_string (body, "code", TRUE, code, error) &&
         gil_api_get_string (body, "name", TRUE, name, error) &&
         read_role (body, FALSE, role, role_given, error) &&
         gil_api_get_ids (body, "rooms", rooms, error);
}
