/* gil-connection-patients.c — the manager's patient records, one call each
 *
 * Finding a patient, adding one (identified, or registrasi menyusul),
 * correcting one and merging an unidentified record into the patient's
 * own (API.md: /api/v1/patients), each answered with typed GilPatients.
 * Errors are the connection's: a #GIL_API_ERROR code for an error reply
 * or a network failure, %G_IO_ERROR_CANCELLED for a cancelled call.
 *
 * Writes take an Idempotency-Key: the same one for every try of one
 * action, or %NULL for a new one, so a write is tried again after a
 * network failure and never done twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-connection-patients.h"
#include "gil-connection-call-private.h"
#include "gil-desk-private.h"

#define PATIENTS_PATH "/api/v1/patients"

/* ── patients ──────────────────────────────────────────────────────── */

/* A write whose reply is the patient: with @idempotency_key, or a new one. */
static void
send_patient (GilConnection       *self,
              gpointer             source_tag,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              const char          *idempotency_key,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autofree char *key = _gil_connection_call_key (idempotency_key);

  _gil_connection_call (self, source_tag, method, path, body, key,
                        (GilReplyReader)gil_patient_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_search_patients_async:
 * @query: a NIK, No. RM or BPJS number (exact), or a name (the start of
 *   any of its words, in any case)
 *
 * Finds at most #GIL_PATIENT_SEARCH_LIMIT patients. A merged record is
 * found by no search.
 */
void
gil_connection_search_patients_async (GilConnection       *self,
                                      const char          *query,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (query != NULL);

  escaped = g_uri_escape_string (query, NULL, FALSE);
  path = g_strdup_printf (PATIENTS_PATH "?limit=%d&q=%s", GIL_PATIENT_SEARCH_LIMIT, escaped);
  _gil_connection_call (self, gil_connection_search_patients_async, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_patient_list_from_json, (GDestroyNotify)g_ptr_array_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type GilPatient): the patients found,
 *   best first, or %NULL with @error set */
GPtrArray *
gil_connection_search_patients_finish (GilConnection  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_search_patients_async, error);
}

/**
 * gil_connection_create_patient_async:
 * @draft: the new patient's fields, or gil_patient_draft_new_unidentified()
 * @idempotency_key: (nullable): the same for every try of this patient
 *
 * Adds a patient. The manager refuses a field it finds wrong
 * (%GIL_API_ERROR_INVALID_NIK, %GIL_API_ERROR_INVALID_BPJS,
 * %GIL_API_ERROR_INVALID_BIRTH_DATE, %GIL_API_ERROR_MISSING_NAME), or a
 * NIK another record has (%GIL_API_ERROR_DUPLICATE_NIK), with its own
 * message.
 */
void
gil_connection_create_patient_async (GilConnection       *self,
                                     GilPatientDraft     *draft,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (draft));

  body = _gil_patient_draft_to_json (draft);
  send_patient (self, gil_connection_create_patient_async, "POST", PATIENTS_PATH, body,
                idempotency_key, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient saved, with the manager's
 *   warning if any, or %NULL with @error set */
GilPatient *
gil_connection_create_patient_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_create_patient_async, error);
}

/**
 * gil_connection_update_patient_async:
 * @patient_id: the record to correct
 * @changes: only the fields that change: the audit trail names them
 * @idempotency_key: (nullable): the same for every try of this correction
 *
 * Corrects a patient, with the checks of a new one. A new name completes
 * an unidentified record. A merged record is %GIL_API_ERROR_MERGED.
 */
void
gil_connection_update_patient_async (GilConnection       *self,
                                     gint64               patient_id,
                                     GilPatientDraft     *changes,
                                     const char          *idempotency_key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (changes));

  body = _gil_patient_draft_to_json (changes);
  path = g_strdup_printf (PATIENTS_PATH "/%" G_GINT64_FORMAT, patient_id);
  send_patient (self, gil_connection_update_patient_async, "PATCH", path, body,
                idempotency_key, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient as corrected, or %NULL with
 *   @error set */
GilPatient *
gil_connection_update_patient_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_update_patient_async, error);
}

/**
 * gil_connection_merge_patient_async:
 * @patient_id: an unidentified record
 * @into_id: the patient's own, identified record
 * @idempotency_key: (nullable): the same for every try of this merge
 *
 * Moves every visit of @patient_id to @into_id; @patient_id is then found
 * by no search. Anything but an unidentified record into an identified
 * one is %GIL_API_ERROR_INVALID_MERGE; a record merged before,
 * %GIL_API_ERROR_MERGED.
 */
void
gil_connection_merge_patient_async (GilConnection       *self,
                                    gint64               patient_id,
                                    gint64               into_id,
                                    const char          *idempotency_key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (into_id > 0);

  body = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_object_set_int_member (object, "into", into_id);
  json_node_take_object (body, object);
  path = g_strdup_printf (PATIENTS_PATH "/%" G_GINT64_FORMAT "/merge", patient_id);
  send_patient (self, gil_connection_merge_patient_async, "POST", path, body,
                idempotency_key, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient whose record took the visits,
 *   or %NULL with @error set */
GilPatient *
gil_connection_merge_patient_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_merge_patient_async, error);
}
