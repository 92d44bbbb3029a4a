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
#include "gil-desk-private.h"

#define PATIENTS_PATH "/api/v1/patients"

/* ── one request, its reply typed ──────────────────────────────────── */

typedef struct
{
  GilDeskParseFunc parse;
  GDestroyNotify   free_func;
} Reply;

static void
on_reply_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Reply *reply = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = gil_connection_request_finish (GIL_CONNECTION (source), result, NULL, &error);
  gpointer typed = node != NULL ? reply->parse (node, &error) : NULL;

  if (typed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, typed, reply->free_func);
}

/* Returns: (transfer full): @idempotency_key, or a new key when it is %NULL */
char *
_gil_desk_key (const char *idempotency_key)
{
  return idempotency_key != NULL ? g_strdup (idempotency_key) : gil_connection_new_action_key ();
}

/* Sends @body (nullable) to @path with @idempotency_key (nullable: none);
 * the reply, through @parse, is the task's result. */
void
_gil_desk_request (GilConnection       *self,
                   const char          *method,
                   const char          *path,
                   JsonNode            *body,
                   const char          *idempotency_key,
                   GilDeskParseFunc     parse,
                   GDestroyNotify       free_func,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Reply *reply = g_new0 (Reply, 1);

  g_assert (parse != NULL && free_func != NULL);

  reply->parse = parse;
  reply->free_func = free_func;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, reply, g_free);
  gil_connection_request_async (self, method, path, body, idempotency_key, cancellable,
                                on_reply_cb, task);
}

gpointer
_gil_desk_request_finish (GilConnection  *self,
                          GAsyncResult   *result,
                          gpointer        source_tag,
                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── patients ──────────────────────────────────────────────────────── */

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
  _gil_desk_request (self, "GET", path, NULL, NULL,
                     (GilDeskParseFunc)gil_patient_list_from_json, (GDestroyNotify)g_ptr_array_unref,
                     gil_connection_search_patients_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type GilPatient): the patients found,
 *   best first, or %NULL with @error set */
GPtrArray *
gil_connection_search_patients_finish (GilConnection  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return _gil_desk_request_finish (self, result, gil_connection_search_patients_async, error);
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
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (draft));

  body = _gil_patient_draft_to_json (draft);
  key = _gil_desk_key (idempotency_key);
  _gil_desk_request (self, "POST", PATIENTS_PATH, body, key,
                     (GilDeskParseFunc)gil_patient_new_from_json, g_object_unref,
                     gil_connection_create_patient_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient saved, with the manager's
 *   warning if any, or %NULL with @error set */
GilPatient *
gil_connection_create_patient_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_desk_request_finish (self, result, gil_connection_create_patient_async, error);
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
  g_autofree char *key = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (changes));

  body = _gil_patient_draft_to_json (changes);
  path = g_strdup_printf (PATIENTS_PATH "/%" G_GINT64_FORMAT, patient_id);
  key = _gil_desk_key (idempotency_key);
  _gil_desk_request (self, "PATCH", path, body, key,
                     (GilDeskParseFunc)gil_patient_new_from_json, g_object_unref,
                     gil_connection_update_patient_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient as corrected, or %NULL with
 *   @error set */
GilPatient *
gil_connection_update_patient_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return _gil_desk_request_finish (self, result, gil_connection_update_patient_async, error);
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
  g_autofree char *key = NULL;
  JsonObject *object;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (patient_id > 0);
  g_return_if_fail (into_id > 0);

  body = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_object_set_int_member (object, "into", into_id);
  json_node_take_object (body, object);
  path = g_strdup_printf (PATIENTS_PATH "/%" G_GINT64_FORMAT "/merge", patient_id);
  key = _gil_desk_key (idempotency_key);
  _gil_desk_request (self, "POST", path, body, key,
                     (GilDeskParseFunc)gil_patient_new_from_json, g_object_unref,
                     gil_connection_merge_patient_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the patient whose record took the visits,
 *   or %NULL with @error set */
GilPatient *
gil_connection_merge_patient_finish (GilConnection  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return _gil_desk_request_finish (self, result, gil_connection_merge_patient_async, error);
}
