/* gil-room-draft.c — a room's fields to create it with or change, typed
 *
 * What POST /api/v1/rooms and PATCH /api/v1/rooms/{id} take (API.md's room
 * object): only the fields set on the draft are sent, so a change leaves
 * every other field as the manager has it. The manager checks the values
 * (a one-letter prefix, a known cluster, …) and answers a wrong one with
 * %GIL_API_ERROR_INVALID_FIELD.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-room-draft-private.h"

/* Which fields were set. */
typedef enum
{
  FIELD_INTERLEAVE_EVERY = 1 << 0,
  FIELD_NUMBER_ONLY      = 1 << 1,
  FIELD_ACTIVE           = 1 << 2,
} Fields;

struct _GilRoomDraft
{
  char     *code;
  char     *name;
  char     *prefix;
  char     *cluster;
  char     *priority_policy;
  GStrv     tags;
  int       interleave_every;
  gboolean  number_only;
  gboolean  active;
  Fields    set;
};

G_DEFINE_BOXED_TYPE (GilRoomDraft, gil_room_draft, gil_room_draft_copy, gil_room_draft_free)

/**
 * gil_room_draft_new:
 *
 * Returns: (transfer full): a draft with no field set
 */
GilRoomDraft *
gil_room_draft_new (void)
{
  return g_new0 (GilRoomDraft, 1);
}

GilRoomDraft *
gil_room_draft_copy (const GilRoomDraft *self)
{
  GilRoomDraft *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->code = g_strdup (self->code);
  copy->name = g_strdup (self->name);
  copy->prefix = g_strdup (self->prefix);
  copy->cluster = g_strdup (self->cluster);
  copy->priority_policy = g_strdup (self->priority_policy);
  copy->tags = g_strdupv (self->tags);
  return copy;
}

void
gil_room_draft_free (GilRoomDraft *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self->prefix);
  g_free (self->cluster);
  g_free (self->priority_policy);
  g_strfreev (self->tags);
  g_free (self);
}

/**
 * gil_room_draft_is_empty:
 *
 * Returns: whether no field is set
 */
gboolean
gil_room_draft_is_empty (const GilRoomDraft *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->code == NULL && self->name == NULL && self->prefix == NULL &&
         self->cluster == NULL && self->priority_policy == NULL && self->tags == NULL &&
         self->set == 0;
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* @code: such as "UMUM"; a room's code cannot change once it is made */
void
gil_room_draft_set_code (GilRoomDraft *self,
                         const char   *code)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (code != NULL);

  set_text (&self->code, code);
}

void
gil_room_draft_set_name (GilRoomDraft *self,
                         const char   *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  set_text (&self->name, name);
}

/* @prefix: the tickets' letter, one capital letter such as "A" */
void
gil_room_draft_set_prefix (GilRoomDraft *self,
                           const char   *prefix)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (prefix != NULL);

  set_text (&self->prefix, prefix);
}

/* @cluster: "k2", "k3", "k4" or "lk" */
void
gil_room_draft_set_cluster (GilRoomDraft *self,
                            const char   *cluster)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cluster != NULL);

  set_text (&self->cluster, cluster);
}

/* @policy: "interleave" or "strict" */
void
gil_room_draft_set_priority_policy (GilRoomDraft *self,
                                    const char   *policy)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (policy != NULL);

  set_text (&self->priority_policy, policy);
}

/* @every: after how many priority patients one normal patient is called */
void
gil_room_draft_set_interleave_every (GilRoomDraft *self,
                                     int           every)
{
  g_return_if_fail (self != NULL);

  self->interleave_every = every;
  self->set |= FIELD_INTERLEAVE_EVERY;
}

/* @number_only: never show or speak patients' names for this room */
void
gil_room_draft_set_number_only (GilRoomDraft *self,
                                gboolean      number_only)
{
  g_return_if_fail (self != NULL);

  self->number_only = !!number_only;
  self->set |= FIELD_NUMBER_ONLY;
}

/* @active: whether patients can be sent to the room */
void
gil_room_draft_set_active (GilRoomDraft *self,
                           gboolean      active)
{
  g_return_if_fail (self != NULL);

  self->active = !!active;
  self->set |= FIELD_ACTIVE;
}

/* @tags: what routing matches the room by, such as "gigi"; empty strings
 * are left out */
void
gil_room_draft_set_tags (GilRoomDraft       *self,
                         const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (self != NULL);
  g_return_if_fail (tags != NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    if (*tags[i] != '\0')
      g_strv_builder_add (builder, tags[i]);
  g_strfreev (self->tags);
  self->tags = g_strv_builder_end (builder);
}

static void
add_string (JsonBuilder *body,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (body, member);
  json_builder_add_string_value (body, value);
}

/* For the client: the set fields as a request body's members. */
void
_gil_room_draft_write (const GilRoomDraft *self,
                       JsonBuilder        *body)
{
  g_assert (self != NULL);

  add_string (body, "code", self->code);
  add_string (body, "name", self->name);
  add_string (body, "prefix", self->prefix);
  add_string (body, "cluster", self->cluster);
  add_string (body, "priority_policy", self->priority_policy);
  if (self->set & FIELD_INTERLEAVE_EVERY)
    {
      json_builder_set_member_name (body, "interleave_every");
      json_builder_add_int_value (body, self->interleave_every);
    }
  if (self->set & FIELD_NUMBER_ONLY)
    {
      json_builder_set_member_name (body, "number_only");
      json_builder_add_boolean_value (body, self->number_only);
    }
  if (self->set & FIELD_ACTIVE)
    {
      json_builder_set_member_name (body, "active");
      json_builder_add_boolean_value (body, self->active);
    }
  if (self->tags != NULL)
    {
      json_builder_set_member_name (body, "tags");
      json_builder_begin_array (body);
      for (guint i = 0; self->tags[i] != NULL; i++)
        json_builder_add_string_value (body, self->tags[i]);
      json_builder_end_array (body);
    }
}
