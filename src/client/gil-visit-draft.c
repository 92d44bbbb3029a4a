/* gil-visit-draft.c — a visit to register, or to route
 *
 * What the desk knows of a visit before it is registered: the patient,
 * why they came (purpose), the signs, pregnancy, the payer, a room the
 * clerk chose over the suggestion, and whether the clerk confirmed what
 * the manager found implausible. Registering (POST /api/v1/visits) sends
 * the fields set; routing it (POST /api/v1/triage, a dry run) sends the
 * patient, purpose, signs and pregnancy only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-desk-private.h"

struct _GilVisitDraft
{
  GObject     parent_instance;

  gint64      patient_id;
  JsonObject *fields;   /* the set fields, without the patient */
};

G_DEFINE_FINAL_TYPE (GilVisitDraft, gil_visit_draft, G_TYPE_OBJECT)

/* The fields routing takes. */
static const char * const routing_fields[] = { "purpose", "pregnant", "signs" };

static void
gil_visit_draft_finalize (GObject *object)
{
  GilVisitDraft *self = (GilVisitDraft *)object;

  json_object_unref (self->fields);

  G_OBJECT_CLASS (gil_visit_draft_parent_class)->finalize (object);
}

static void
gil_visit_draft_class_init (GilVisitDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_visit_draft_finalize;
}

static void
gil_visit_draft_init (GilVisitDraft *self)
{
  self->fields = json_object_new ();
}

/**
 * gil_visit_draft_new:
 * @patient_id: the patient's record
 *
 * Returns: (transfer full): a draft for @patient_id with no field set: the
 *   manager takes purpose "sick", no signs, not pregnant and payer "umum"
 */
GilVisitDraft *
gil_visit_draft_new (gint64 patient_id)
{
  GilVisitDraft *self;

  g_return_val_if_fail (patient_id > 0, NULL);

  self = g_object_new (GIL_TYPE_VISIT_DRAFT, NULL);
  self->patient_id = patient_id;
  return self;
}

/* Returns: the patient the visit is for */
gint64
gil_visit_draft_get_patient_id (GilVisitDraft *self)
{
  g_return_val_if_fail (GIL_IS_VISIT_DRAFT (self), 0);

  return self->patient_id;
}

/* @purpose: why the patient came, "sick", "anc", … (API.md's purposes) */
void
gil_visit_draft_set_purpose (GilVisitDraft *self,
                             const char    *purpose)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));
  g_return_if_fail (purpose != NULL);

  json_object_set_string_member (self->fields, "purpose", purpose);
}

/* @signs: (array zero-terminated=1): the signs seen, "emergency", … */
void
gil_visit_draft_set_signs (GilVisitDraft      *self,
                           const char * const *signs)
{
  JsonArray *array;

  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));
  g_return_if_fail (signs != NULL);

  array = json_array_new ();
  for (guint i = 0; signs[i] != NULL; i++)
    json_array_add_string_element (array, signs[i]);
  json_object_set_array_member (self->fields, "signs", array);
}

void
gil_visit_draft_set_pregnant (GilVisitDraft *self,
                              gboolean       pregnant)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));

  json_object_set_boolean_member (self->fields, "pregnant", pregnant);
}

/* @payer: "bpjs", "umum" or "other" */
void
gil_visit_draft_set_payer (GilVisitDraft *self,
                           const char    *payer)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));
  g_return_if_fail (payer != NULL);

  json_object_set_string_member (self->fields, "payer", payer);
}

/* @room: the room the clerk chose over the suggestion, or 0 for the
 * suggested room */
void
gil_visit_draft_set_room (GilVisitDraft *self,
                          gint64         room)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));
  g_return_if_fail (room >= 0);

  if (room > 0)
    json_object_set_int_member (self->fields, "room", room);
  else
    json_object_set_null_member (self->fields, "room");
}

/* @confirmed: the clerk confirmed pregnancy care the manager refused as
 * %GIL_API_ERROR_IMPLAUSIBLE */
void
gil_visit_draft_set_confirmed (GilVisitDraft *self,
                               gboolean       confirmed)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));

  json_object_set_boolean_member (self->fields, "confirmed", confirmed);
}

/* @loket_ticket: the loket ticket the desk called for this patient (its
 * id), used up with the registration; 0 for none */
void
gil_visit_draft_set_loket_ticket (GilVisitDraft *self,
                                  gint64         loket_ticket)
{
  g_return_if_fail (GIL_IS_VISIT_DRAFT (self));
  g_return_if_fail (loket_ticket >= 0);

  if (loket_ticket > 0)
    json_object_set_int_member (self->fields, "loket_ticket", loket_ticket);
  else
    json_object_remove_member (self->fields, "loket_ticket");
}

static JsonNode *
draft_json (GilVisitDraft       *self,
            const char * const  *members,
            guint                n_members)
{
  JsonObject *body = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) names = json_object_get_members (self->fields);

  json_object_set_int_member (body, "patient_id", self->patient_id);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gboolean wanted = members == NULL;

      for (guint i = 0; i < n_members && !wanted; i++)
        wanted = g_str_equal (members[i], l->data);
      if (wanted)
        json_object_set_member (body, l->data,
                                json_node_copy (json_object_get_member (self->fields, l->data)));
    }
  json_node_take_object (node, body);
  return node;
}

/* Returns: (transfer full): the body that registers the visit */
JsonNode *
_gil_visit_draft_to_json (GilVisitDraft *self)
{
  g_return_val_if_fail (GIL_IS_VISIT_DRAFT (self), NULL);

  return draft_json (self, NULL, 0);
}

/* Returns: (transfer full): the body that routes the visit */
JsonNode *
_gil_visit_draft_to_routing_json (GilVisitDraft *self)
{
  g_return_val_if_fail (GIL_IS_VISIT_DRAFT (self), NULL);

  return draft_json (self, routing_fields, G_N_ELEMENTS (routing_fields));
}
