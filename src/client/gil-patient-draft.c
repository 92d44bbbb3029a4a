/* gil-patient-draft.c — a new patient, or the changes to one
 *
 * What the desk sends to create a patient (POST /api/v1/patients) or to
 * correct one (PATCH /api/v1/patients/{id}): only the fields set are
 * sent, so a correction names just what the clerk changed and the audit
 * trail lists those fields. A NIK or BPJS number set to %NULL clears it.
 * The manager checks the values; the draft only checks their kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-desk-private.h"

struct _GilPatientDraft
{
  GObject     parent_instance;

  JsonObject *fields;   /* as they go to the manager, in the order set */
};

G_DEFINE_FINAL_TYPE (GilPatientDraft, gil_patient_draft, G_TYPE_OBJECT)

static void
gil_patient_draft_finalize (GObject *object)
{
  GilPatientDraft *self = (GilPatientDraft *)object;

  json_object_unref (self->fields);

  G_OBJECT_CLASS (gil_patient_draft_parent_class)->finalize (object);
}

static void
gil_patient_draft_class_init (GilPatientDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_patient_draft_finalize;
}

static void
gil_patient_draft_init (GilPatientDraft *self)
{
  self->fields = json_object_new ();
}

/**
 * gil_patient_draft_new:
 *
 * Returns: (transfer full): a draft with no field set
 */
GilPatientDraft *
gil_patient_draft_new (void)
{
  return g_object_new (GIL_TYPE_PATIENT_DRAFT, NULL);
}

/**
 * gil_patient_draft_new_unidentified:
 * @sex: "F" or "M"
 * @approx_age_years: 0 to 130
 *
 * A patient nobody can identify yet (registrasi menyusul): the manager
 * names the record and takes the birth date from the age. Set nothing
 * else on it: the manager refuses anything that identifies someone.
 *
 * Returns: (transfer full): the draft
 */
GilPatientDraft *
gil_patient_draft_new_unidentified (const char *sex,
                                    guint       approx_age_years)
{
  GilPatientDraft *self;

  g_return_val_if_fail (g_strcmp0 (sex, "F") == 0 || g_strcmp0 (sex, "M") == 0, NULL);

  self = gil_patient_draft_new ();
  json_object_set_boolean_member (self->fields, "unidentified", TRUE);
  json_object_set_string_member (self->fields, "sex", sex);
  json_object_set_int_member (self->fields, "approx_age_years", approx_age_years);
  return self;
}

/* Returns: whether no field is set (a correction that changes nothing) */
gboolean
gil_patient_draft_is_empty (GilPatientDraft *self)
{
  g_return_val_if_fail (GIL_IS_PATIENT_DRAFT (self), TRUE);

  return json_object_get_size (self->fields) == 0;
}

/* Sets @member to @value, or to null when @value is %NULL. */
static void
set_field (GilPatientDraft *self,
           const char      *member,
           const char      *value)
{
  if (value != NULL)
    json_object_set_string_member (self->fields, member, value);
  else
    json_object_set_null_member (self->fields, member);
}

/* @name: the patient's name */
void
gil_patient_draft_set_name (GilPatientDraft *self,
                            const char      *name)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));
  g_return_if_fail (name != NULL);

  set_field (self, "name", name);
}

/* @nik: (nullable): the 16-digit NIK; %NULL clears it */
void
gil_patient_draft_set_nik (GilPatientDraft *self,
                           const char      *nik)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));

  set_field (self, "nik", nik);
}

/* @bpjs: (nullable): the 13-digit BPJS card number; %NULL clears it */
void
gil_patient_draft_set_bpjs (GilPatientDraft *self,
                            const char      *bpjs)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));

  set_field (self, "bpjs", bpjs);
}

/* @birth_date: YYYY-MM-DD; anything else the manager refuses with
 * %GIL_API_ERROR_INVALID_BIRTH_DATE */
void
gil_patient_draft_set_birth_date (GilPatientDraft *self,
                                  const char      *birth_date)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));
  g_return_if_fail (birth_date != NULL);

  set_field (self, "birth_date", birth_date);
}

/* @sex: "F" or "M" */
void
gil_patient_draft_set_sex (GilPatientDraft *self,
                           const char      *sex)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));
  g_return_if_fail (g_strcmp0 (sex, "F") == 0 || g_strcmp0 (sex, "M") == 0);

  set_field (self, "sex", sex);
}

/* @address: the address */
void
gil_patient_draft_set_address (GilPatientDraft *self,
                               const char      *address)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));
  g_return_if_fail (address != NULL);

  set_field (self, "address", address);
}

/* @phone: the phone number */
void
gil_patient_draft_set_phone (GilPatientDraft *self,
                             const char      *phone)
{
  g_return_if_fail (GIL_IS_PATIENT_DRAFT (self));
  g_return_if_fail (phone != NULL);

  set_field (self, "phone", phone);
}

/* Returns: (transfer full): the request body */
JsonNode *
_gil_patient_draft_to_json (GilPatientDraft *self)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (GIL_IS_PATIENT_DRAFT (self), NULL);

  json_node_set_object (node, self->fields);
  return node;
}
