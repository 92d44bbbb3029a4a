/* gil-visit.c — a registered visit from the manager, typed
 *
 * A visit as API.md gives it (POST and GET /api/v1/visits, a cancel or a
 * reroute): its patient, ticket, purpose, signs, payer, the room it was
 * routed to and why, its stops (GilStopItems, in order), and, once the
 * desk cancelled it, when and why. A visit registered after the clerk
 * confirmed what looked implausible carries the manager's warning. The
 * values never change: a new reply is a new GilVisit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-reply-private.h"
#include "gil-visit.h"

struct _GilVisit
{
  GObject      parent_instance;

  JsonObject  *json;       /* the manager's object, as it came */
  gint64       id;
  GilPatient  *patient;
  GStrv        signs;
  GPtrArray   *stops;      /* element-type GilStopItem */
  GDateTime   *registered_at;
  GDateTime   *cancelled_at;
  GDateTime   *loket_taken_at;
  GDateTime   *loket_called_at;
};

G_DEFINE_FINAL_TYPE (GilVisit, gil_visit, G_TYPE_OBJECT)

static void
gil_visit_finalize (GObject *object)
{
  GilVisit *self = (GilVisit *)object;

  json_object_unref (self->json);
  g_clear_object (&self->patient);
  g_strfreev (self->signs);
  g_ptr_array_unref (self->stops);
  g_clear_pointer (&self->registered_at, g_date_time_unref);
  g_clear_pointer (&self->cancelled_at, g_date_time_unref);
  g_clear_pointer (&self->loket_taken_at, g_date_time_unref);
  g_clear_pointer (&self->loket_called_at, g_date_time_unref);

  G_OBJECT_CLASS (gil_visit_parent_class)->finalize (object);
}

static void
gil_visit_class_init (GilVisitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_visit_finalize;
}

static void
gil_visit_init (GilVisit *self)
{
  self->stops = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The loket ticket it came from (schema 16); NULL for none. */
static JsonObject *
loket (GilVisit *self)
{
  return _gil_reply_get_member_object (self->json, "loket");
}

static gboolean
not_a_visit (GError **error)
{
  g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                       _("The manager’s reply is not a visit"));
  return FALSE;
}

/* The stops and the signs, each an array of the right kind. */
static gboolean
read_lists (GilVisit  *self,
            GError   **error)
{
  JsonArray *array = _gil_reply_get_member_array (self->json, "stops");

  if (array == NULL)
    return not_a_visit (error);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *stop = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (stop))
        return not_a_visit (error);
      g_ptr_array_add (self->stops, gil_stop_item_new_from_json (json_node_get_object (stop)));
    }
  self->signs = _gil_reply_dup_strv (self->json, "signs");
  return TRUE;
}

/**
 * gil_visit_new_from_json:
 * @node: a visit object from the API
 *
 * Returns: (transfer full): the visit, or %NULL with @error set when
 *   @node is not a visit (%GIL_API_ERROR_UNKNOWN)
 */
GilVisit *
gil_visit_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(GilVisit) self = NULL;
  JsonObject *object;
  JsonNode *patient;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  patient = object != NULL ? json_object_get_member (object, "patient") : NULL;
  if (object == NULL || patient == NULL || _gil_reply_get_int (object, "id", 0) <= 0 ||
      !_gil_reply_has_strings (object, "ticket", NULL))
    {
      not_a_visit (error);
      return NULL;
    }

  self = g_object_new (GIL_TYPE_VISIT, NULL);
  self->json = json_object_ref (object);
  self->id = _gil_reply_get_int (object, "id", 0);
  self->patient = gil_patient_new_from_json (patient, error);
  if (self->patient == NULL || !read_lists (self, error))
    return NULL;
  self->registered_at = _gil_reply_dup_time (object, "registered_at");
  self->cancelled_at = _gil_reply_dup_time (object, "cancelled_at");
  self->loket_taken_at = _gil_reply_dup_time (loket (self), "taken_at");
  self->loket_called_at = _gil_reply_dup_time (loket (self), "called_at");
  return g_steal_pointer (&self);
}

/**
 * gil_visit_list_from_json:
 * @node: an array of visits, as GET /visits answers
 *
 * Returns: (transfer full) (element-type GilVisit): the visits in order,
 *   or %NULL with @error set
 */
GPtrArray *
gil_visit_list_from_json (JsonNode  *node,
                          GError   **error)
{
  JsonArray *array;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  array = _gil_reply_get_list (node, _("The manager’s reply is not a list of visits"), error);
  if (array == NULL)
    return NULL;
  return _gil_reply_read_each (array, (GilReplyNodeReader)gil_visit_new_from_json, error);
}

/* Returns: the visit's id */
gint64
gil_visit_get_id (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), 0);

  return self->id;
}

/* Returns: (transfer none): the patient, as the record was when the
 *   manager answered */
GilPatient *
gil_visit_get_patient (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->patient;
}

/* Returns: (nullable): the service day, YYYY-MM-DD */
const char *
gil_visit_get_day (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "day");
}

/* Returns: the ticket number of the visit's room, "E-007" */
const char *
gil_visit_get_ticket (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "ticket");
}

/* Returns: (nullable): why the patient came, "sick", … */
const char *
gil_visit_get_purpose (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "purpose");
}

/* Returns: (transfer none) (array zero-terminated=1): the signs */
const char * const *
gil_visit_get_signs (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return (const char * const *)self->signs;
}

gboolean
gil_visit_get_pregnant (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), FALSE);

  return _gil_reply_get_bool (self->json, "pregnant", FALSE);
}

/* Returns: (nullable): "bpjs", "umum" or "other" */
const char *
gil_visit_get_payer (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "payer");
}

/* Returns: whether this is the patient's first visit (kunjungan baru) */
gboolean
gil_visit_get_new_patient (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), FALSE);

  return _gil_reply_get_bool (self->json, "new_patient", FALSE);
}

/* Returns: (nullable): the life-cycle cluster, "k3" */
const char *
gil_visit_get_cluster (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "cluster");
}

/* Returns: (nullable): "emergency", "priority" or "normal" */
const char *
gil_visit_get_priority (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "priority");
}

/* Returns: the room routing suggested, or 0 */
gint64
gil_visit_get_suggested_room (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), 0);

  return _gil_reply_get_int (self->json, "suggested_room", 0);
}

/* Returns: the room the visit went to: after a reroute, the new one */
gint64
gil_visit_get_room (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), 0);

  return _gil_reply_get_int (self->json, "room", 0);
}

/* Returns: whether the room differs from the suggested one */
gboolean
gil_visit_get_overridden (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), FALSE);

  return _gil_reply_get_bool (self->json, "overridden", FALSE);
}

/* Returns: (nullable): why routing chose the room */
const char *
gil_visit_get_reason (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "reason");
}

/* Returns: how many stops the visit made, the first one included */
guint
gil_visit_get_n_stops (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), 0);

  return self->stops->len;
}

/* Returns: (transfer none): the stop at @index, in the order made */
GilStopItem *
gil_visit_get_stop (GilVisit *self,
                    guint     index)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);
  g_return_val_if_fail (index < self->stops->len, NULL);

  return g_ptr_array_index (self->stops, index);
}

/* Returns: (transfer none) (nullable): the latest stop, or %NULL */
GilStopItem *
gil_visit_get_last_stop (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->stops->len > 0 ? g_ptr_array_index (self->stops, self->stops->len - 1) : NULL;
}

/* Returns: (transfer none) (nullable): when the desk registered it */
GDateTime *
gil_visit_get_registered_at (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->registered_at;
}

/* Returns: whether the desk cancelled the visit */
gboolean
gil_visit_is_cancelled (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), FALSE);

  return self->cancelled_at != NULL;
}

/* Returns: (transfer none) (nullable): when the desk cancelled it */
GDateTime *
gil_visit_get_cancelled_at (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->cancelled_at;
}

/* Returns: (nullable): why the desk cancelled it */
const char *
gil_visit_get_cancel_reason (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "cancel_reason");
}

/* Returns: how the room said the visit ended; %GIL_OUTCOME_NONE while it
 * is open or when it was finished without one */
GilOutcome
gil_visit_get_outcome (GilVisit *self)
{
  GilOutcome outcome;

  g_return_val_if_fail (GIL_IS_VISIT (self), GIL_OUTCOME_NONE);

  if (!gil_outcome_from_string (_gil_reply_get_string (self->json, "outcome"), &outcome))
    return GIL_OUTCOME_NONE;
  return outcome;
}

/* Returns: (nullable): where a referred patient was sent */
const char *
gil_visit_get_referred_to (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "referred_to");
}

/* Returns: (nullable): what did not fit in a visit the clerk confirmed */
const char *
gil_visit_get_warning (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (self->json, "warning");
}

/* The id of the loket ticket it came from; 0 for none. */
gint64
gil_visit_get_loket_id (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), 0);

  return _gil_reply_get_int (loket (self), "id", 0);
}

/**
 * gil_visit_get_loket_ticket:
 *
 * Returns: (nullable): the loket ticket it came from, "A-012"; %NULL for
 *   a visit registered without one
 */
const char *
gil_visit_get_loket_ticket (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (loket (self), "ticket");
}

/**
 * gil_visit_get_loket_taken_at:
 *
 * Returns: (transfer none) (nullable): when its loket ticket was taken
 */
GDateTime *
gil_visit_get_loket_taken_at (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->loket_taken_at;
}

/**
 * gil_visit_get_loket_called_at:
 *
 * Returns: (transfer none) (nullable): when its loket ticket was first
 *   called to a desk
 */
GDateTime *
gil_visit_get_loket_called_at (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return self->loket_called_at;
}

/**
 * gil_visit_get_loket_desk:
 *
 * Returns: (nullable): the desk that called its loket ticket, "Loket 2"
 */
const char *
gil_visit_get_loket_desk (GilVisit *self)
{
  g_return_val_if_fail (GIL_IS_VISIT (self), NULL);

  return _gil_reply_get_string (loket (self), "desk");
}

/**
 * gil_visit_equal:
 *
 * Returns: whether the manager said the same of both visits: a list
 *   fetched again need not be shown again when nothing changed
 */
gboolean
gil_visit_equal (GilVisit *a,
                 GilVisit *b)
{
  g_return_val_if_fail (GIL_IS_VISIT (a), FALSE);
  g_return_val_if_fail (GIL_IS_VISIT (b), FALSE);

  return json_object_equal (a->json, b->json);
}
