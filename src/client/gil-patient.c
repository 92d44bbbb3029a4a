/* gil-patient.c — a patient record from the manager, typed
 *
 * A patient as API.md gives it (GET/POST/PATCH /api/v1/patients, a
 * visit's "patient"): the No. RM, name, NIK, BPJS number, birth date, sex,
 * address and phone, whether it was registered without identity
 * (registrasi menyusul) and the record it was merged into. A record just
 * saved may carry the manager's warning about it. The values never
 * change: a new reply is a new GilPatient.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-reply-private.h"
#include "gil-patient.h"

struct _GilPatient
{
  GObject   parent_instance;

  gint64    id;
  char     *rm;
  char     *name;
  char     *nik;
  char     *bpjs;
  char     *birth_date;
  char     *sex;
  char     *address;
  char     *phone;
  gboolean  unidentified;
  gint64    merged_into;
  char     *warning;
};

G_DEFINE_FINAL_TYPE (GilPatient, gil_patient, G_TYPE_OBJECT)

/* ── the record ────────────────────────────────────────────────────── */

static void
gil_patient_finalize (GObject *object)
{
  GilPatient *self = (GilPatient *)object;

  g_free (self->rm);
  g_free (self->name);
  g_free (self->nik);
  g_free (self->bpjs);
  g_free (self->birth_date);
  g_free (self->sex);
  g_free (self->address);
  g_free (self->phone);
  g_free (self->warning);

  G_OBJECT_CLASS (gil_patient_parent_class)->finalize (object);
}

static void
gil_patient_class_init (GilPatientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_patient_finalize;
}

static void
gil_patient_init (GilPatient *self)
{
}

/**
 * gil_patient_new_from_json:
 * @node: a patient object from the API
 *
 * Returns: (transfer full): the patient, or %NULL with @error set when
 *   @node is not a patient (%GIL_API_ERROR_UNKNOWN)
 */
GilPatient *
gil_patient_new_from_json (JsonNode  *node,
                           GError   **error)
{
  GilPatient *self;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL || _gil_reply_get_int (object, "id", 0) <= 0 ||
      !_gil_reply_has_strings (object, "rm", "name", "birth_date", "sex", NULL))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s reply is not a patient"));
      return NULL;
    }

  self = g_object_new (GIL_TYPE_PATIENT, NULL);
  self->id = _gil_reply_get_int (object, "id", 0);
  self->rm = g_strdup (_gil_reply_get_string (object, "rm"));
  self->name = g_strdup (_gil_reply_get_string (object, "name"));
  self->nik = g_strdup (_gil_reply_get_string (object, "nik"));
  self->bpjs = g_strdup (_gil_reply_get_string (object, "bpjs"));
  self->birth_date = g_strdup (_gil_reply_get_string (object, "birth_date"));
  self->sex = g_strdup (_gil_reply_get_string (object, "sex"));
  self->address = g_strdup (_gil_reply_get_string (object, "address"));
  self->phone = g_strdup (_gil_reply_get_string (object, "phone"));
  self->unidentified = _gil_reply_get_bool (object, "unidentified", FALSE);
  self->merged_into = _gil_reply_get_int (object, "merged_into", 0);
  self->warning = g_strdup (_gil_reply_get_string (object, "warning"));
  return self;
}

/**
 * gil_patient_list_from_json:
 * @node: an array of patients, as a search answers
 *
 * Returns: (transfer full) (element-type GilPatient): the patients in
 *   order, or %NULL with @error set
 */
GPtrArray *
gil_patient_list_from_json (JsonNode  *node,
                            GError   **error)
{
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  array = _gil_reply_get_list (node, _("The manager’s reply is not a list of patients"), error);
  if (array == NULL)
    return NULL;
  return _gil_reply_read_each (array, (GilReplyNodeReader)gil_patient_new_from_json, error);
}

/* Returns: the record's id */
gint64
gil_patient_get_id (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), 0);

  return self->id;
}

/* Returns: the medical record number (No. RM), "000041" */
const char *
gil_patient_get_rm (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->rm;
}

/* Returns: the name; "Tanpa identitas N" for an unidentified patient */
const char *
gil_patient_get_name (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->name;
}

/* Returns: (nullable): the NIK, or %NULL when the record has none */
const char *
gil_patient_get_nik (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->nik;
}

/* Returns: (nullable): the BPJS card number, or %NULL */
const char *
gil_patient_get_bpjs (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->bpjs;
}

/* Returns: the birth date, YYYY-MM-DD */
const char *
gil_patient_get_birth_date (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->birth_date;
}

/* Returns: "F" or "M" */
const char *
gil_patient_get_sex (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->sex;
}

/* Returns: whether the record says the patient is female */
gboolean
gil_patient_is_female (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), FALSE);

  return g_strcmp0 (self->sex, "F") == 0;
}

/* Returns: (nullable): the address, or %NULL */
const char *
gil_patient_get_address (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->address;
}

/* Returns: (nullable): the phone number, or %NULL */
const char *
gil_patient_get_phone (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->phone;
}

/* Returns: whether the record was made without identity (registrasi
 *   menyusul) and not completed since */
gboolean
gil_patient_get_unidentified (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), FALSE);

  return self->unidentified;
}

/* Returns: the record this one was merged into, or 0 */
gint64
gil_patient_get_merged_into (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), 0);

  return self->merged_into;
}

/* Returns: (nullable): the manager's warning about the record just
 *   saved (a NIK whose birth date or sex differs), or %NULL */
const char *
gil_patient_get_warning (GilPatient *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT (self), NULL);

  return self->warning;
}
