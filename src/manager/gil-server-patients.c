/* gil-server-patients.c — patients and routing
 *
 * Search, create, read, correct and merge patients; a patient's history
 * of corrections; POST /triage, the room a visit would go to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-server-private.h"

#define SEARCH_LIMIT        20
#define SEARCH_LIMIT_MAX    100

/* The reply: @patient (with @warning, if any), or, when it is %NULL,
 * the @error that kept it from being had. */
static void
reply_patient (Request          *req,
               guint             status,
               const GilPatient *patient,
               const char       *warning,
               const GError     *error)
{
  g_autoptr(GilJsonWriter) builder = NULL;

  if (patient == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  builder = gil_json_writer_new ();
  gil_api_add_patient (builder, patient, warning);
  gil_server_reply_builder (req, status, builder);
}

typedef struct
{
  char  *text;
  guint  limit;
} SearchQuery;

static void
search_query_free (SearchQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static char *
read_search (GilStore     *reader,
             gpointer      data,
             const char  **content_type,
             GError      **error)
{
  SearchQuery *query = data;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) patients = gil_patients_search (reader, query->text, query->limit, error);

  if (patients == NULL)
    return NULL;
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < patients->len; i++)
    gil_api_add_patient (builder, g_ptr_array_index (patients, i), NULL);
  gil_json_writer_end_array (builder);
  return gil_json_writer_steal (builder, NULL);
}

void
gil_server_handle_patient_search (GilServer *self,
                                  Request   *req)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, "q") : NULL;
  const char *limit_text = req->query != NULL ? g_hash_table_lookup (req->query, "limit") : NULL;
  guint64 limit = SEARCH_LIMIT;
  SearchQuery *query;

  if (limit_text != NULL &&
      (!g_ascii_string_to_unsigned (limit_text, 10, 1, SEARCH_LIMIT_MAX, &limit, NULL)))
    {
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                _("The parameter “limit” is a number from 1 to 100"));
      return;
    }

  query = g_new0 (SearchQuery, 1);
  query->text = g_strdup (text != NULL ? text : "");
  query->limit = limit;
  gil_server_run_read (self, req, read_search, query, (GDestroyNotify)search_query_free);
}

void
gil_server_handle_patient_create (GilServer *self,
                                  Request   *req)
{
  g_autoptr(GilPatient) patient = gil_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  gboolean unidentified = FALSE;
  guint approx_age = 0;
  gboolean created;

  if (!gil_api_read_unidentified (req->body, &unidentified, patient, &approx_age, &error))
    created = FALSE;
  else if (unidentified)
    created = gil_patients_create_unidentified (self->store, patient, approx_age, &error);
  else
    created = gil_api_read_patient (req->body, patient, &error) &&
              gil_patients_create (self->store, patient, &warning, &error);
  reply_patient (req, 201, created ? patient : NULL, warning, error);
}

/* Registrasi menyusul: an unidentified patient's visits go to the
 * patient's own record. */
void
gil_server_handle_patient_merge (GilServer *self,
                                 Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = NULL;
  gint64 into = 0;

  if (gil_api_get_int (req->body, "into", TRUE, &into, &error) &&
      gil_patients_merge (self->store, req->id, into, &error))
    patient = gil_patients_get (self->store, into, &error);
  reply_patient (req, 200, patient, NULL, error);
}

void
gil_server_handle_patient_get (GilServer *self,
                               Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_patients_get (self->store, req->id, &error);

  reply_patient (req, 200, patient, NULL, error);
}

void
gil_server_handle_patient_update (GilServer *self,
                                  Request   *req)
{
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *old_name = NULL;
  gboolean identified;
  gboolean updated;

  patient = gil_patients_get (self->store, req->id, &error);
  if (patient == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  old_name = g_strdup (patient->name);
  if (!gil_api_read_patient (req->body, patient, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }
  /* A real name given to an unidentified record identifies it, and its
   * visits count with the real sex and age from now on. */
  identified = patient->unidentified && g_strcmp0 (patient->name, old_name) != 0;
  if (identified)
    patient->unidentified = FALSE;
  updated = gil_patients_update (self->store, patient, &warning, &error) &&
            (!identified || gil_patients_refresh_visits (self->store, patient->id, patient, &error));
  reply_patient (req, 200, updated ? patient : NULL, warning, error);
}

/* Who created and corrected a patient's record; the admin's only. */
void
gil_server_handle_patient_history (GilServer *self,
                                   Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_patients_get (self->store, req->id, &error);
  g_autoptr(GPtrArray) changes = NULL;

  if (patient == NULL ||
      (changes = gil_audit_patient_history (self->store, req->id, &error)) == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    gil_api_add_patient_change (builder, g_ptr_array_index (changes, i));
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_routing (GilServer *self,
                           Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  g_autofree char *day = gil_store_dup_today (self->store);
  GilRoutingInput input = { 0 };
  GilRoutingResult result;
  gint64 patient_id = 0;

  if (!gil_api_read_routing (req->body, &patient_id, &input, &signs, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }

  if (patient_id != 0)
    {
      patient = gil_patients_get (self->store, patient_id, &error);
      if (patient == NULL)
        {
          gil_server_reply_error (req, error);
          return;
        }
      input.birth_date = patient->birth_date;
      input.sex = patient->sex;
    }

  if (!gil_routing_evaluate (self->store, &input, day, &result, &error))
    {
      gil_server_reply_error (req, error);
      return;
    }

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "room");
  if (result.room != 0)
    gil_json_writer_int (builder, result.room);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "room_code");
  if (result.room_code != NULL)
    gil_json_writer_string (builder, result.room_code);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "room_name");
  if (result.room_name != NULL)
    gil_json_writer_string (builder, result.room_name);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "cluster");
  gil_json_writer_string (builder, result.cluster);
  gil_json_writer_member (builder, "priority");
  gil_json_writer_string (builder, gil_priority_to_string (result.priority));
  gil_json_writer_member (builder, "priority_reason");
  gil_json_writer_string (builder, result.priority_reason);
  gil_json_writer_member (builder, "reason");
  gil_json_writer_string (builder, result.reason);
  gil_json_writer_member (builder, "rule");
  if (result.rule != NULL)
    gil_json_writer_string (builder, result.rule);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "age_months");
  gil_json_writer_int (builder, result.age_months);
  gil_json_writer_end_object (builder);
  gil_routing_result_clear (&result);
  gil_server_reply_builder (req, 200, builder);
}
