/* gil-routing-advice.c — where routing would send a visit, typed
 *
 * The manager's answer to a routing dry run (POST /api/v1/triage in
 * API.md; ROUTING.md has the rules): the room, if any, the life-cycle
 * cluster, the priority and why, the reason the desk shows, and the rule
 * that decided. Nothing is registered by it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-reply-private.h"
#include "gil-routing-advice.h"

struct _GilRoutingAdvice
{
  GObject  parent_instance;

  gint64   room;
  char    *room_code;
  char    *room_name;
  char    *cluster;
  char    *priority;
  char    *priority_reason;
  char    *reason;
  char    *rule;
  gint64   age_months;
};

G_DEFINE_FINAL_TYPE (GilRoutingAdvice, gil_routing_advice, G_TYPE_OBJECT)

static void
gil_routing_advice_finalize (GObject *object)
{
  GilRoutingAdvice *self = (GilRoutingAdvice *)object;

  g_free (self->room_code);
  g_free (self->room_name);
  g_free (self->cluster);
  g_free (self->priority);
  g_free (self->priority_reason);
  g_free (self->reason);
  g_free (self->rule);

  G_OBJECT_CLASS (gil_routing_advice_parent_class)->finalize (object);
}

static void
gil_routing_advice_class_init (GilRoutingAdviceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_routing_advice_finalize;
}

static void
gil_routing_advice_init (GilRoutingAdvice *self)
{
}

/**
 * gil_routing_advice_new_from_json:
 * @node: the manager's answer to a routing dry run
 *
 * Returns: (transfer full): the decision, or %NULL with @error set when
 *   @node is not one (%GIL_API_ERROR_UNKNOWN)
 */
GilRoutingAdvice *
gil_routing_advice_new_from_json (JsonNode  *node,
                           GError   **error)
{
  GilRoutingAdvice *self;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL || !_gil_reply_has_strings (object, "cluster", "priority", "reason", NULL))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s reply is not a routing decision"));
      return NULL;
    }

  self = g_object_new (GIL_TYPE_ROUTING_ADVICE, NULL);
  self->room = _gil_reply_get_int (object, "room", 0);
  self->room_code = g_strdup (_gil_reply_get_string (object, "room_code"));
  self->room_name = g_strdup (_gil_reply_get_string (object, "room_name"));
  self->cluster = g_strdup (_gil_reply_get_string (object, "cluster"));
  self->priority = g_strdup (_gil_reply_get_string (object, "priority"));
  self->priority_reason = g_strdup (_gil_reply_get_string (object, "priority_reason"));
  self->reason = g_strdup (_gil_reply_get_string (object, "reason"));
  self->rule = g_strdup (_gil_reply_get_string (object, "rule"));
  self->age_months = _gil_reply_get_int (object, "age_months", 0);
  return self;
}

/* Returns: the room the visit would go to, or 0 when no room fits */
gint64
gil_routing_advice_get_room (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), 0);

  return self->room;
}

/* Returns: (nullable): that room's code, "K3-LANSIA" */
const char *
gil_routing_advice_get_room_code (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->room_code;
}

/* Returns: (nullable): that room's name, "Ruang Lansia" */
const char *
gil_routing_advice_get_room_name (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->room_name;
}

/* Returns: the life-cycle cluster, "k3" */
const char *
gil_routing_advice_get_cluster (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->cluster;
}

/* Returns: "emergency", "priority" or "normal" */
const char *
gil_routing_advice_get_priority (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->priority;
}

/* Returns: (nullable): why the visit has its priority */
const char *
gil_routing_advice_get_priority_reason (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->priority_reason;
}

/* Returns: the reason the desk shows, "Usia 67 tahun: Klaster 3, …" */
const char *
gil_routing_advice_get_reason (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->reason;
}

/* Returns: (nullable): the name of the rule that decided, "adult" */
const char *
gil_routing_advice_get_rule (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), NULL);

  return self->rule;
}

/* Returns: the patient's age in whole months on the service day */
gint64
gil_routing_advice_get_age_months (GilRoutingAdvice *self)
{
  g_return_val_if_fail (GIL_IS_ROUTING_ADVICE (self), 0);

  return self->age_months;
}
