/* gil-routing-reason.c — the sentence that says why a visit goes to its room
 *
 * The desk reads the reason aloud, so it is one sentence in plain words:
 * the deciding fact and the room ("Usia 67 tahun: Klaster 3, Ruang
 * Lansia"), and when a rule's room is closed, what was wanted, which
 * rooms are closed and where the visit goes instead ("Tanda gawat
 * darurat; Ruang Gawat Darurat tidak aktif, diarahkan ke Klaster 3, Ruang
 * Usia Dewasa menurut usia 38 tahun dan tetap didahulukan"). Rooms are
 * named by their names, never by tag, and nothing is said twice: a fact
 * the room's name already says ("Laboratorium" for the Laboratorium) is
 * left out, and each closed room is named once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-routing-reason.h"

struct _GilRoutingReason
{
  GPtrArray *facts;      /* what the rules whose rooms are closed looked for */
  GPtrArray *closed;     /* those rooms, by name */
  gboolean   emergency;  /* one of them was the emergency rule */
};

/**
 * gil_routing_reason_new:
 *
 * Returns: (transfer full): a reason to which the rules that held but
 *   found no active room are added in order, before it is finished
 */
GilRoutingReason *
gil_routing_reason_new (void)
{
  GilRoutingReason *reason = g_new0 (GilRoutingReason, 1);

  reason->facts = g_ptr_array_new_with_free_func (g_free);
  reason->closed = g_ptr_array_new_with_free_func (g_free);
  return reason;
}

void
gil_routing_reason_free (GilRoutingReason *reason)
{
  if (reason == NULL)
    return;
  g_ptr_array_unref (reason->facts);
  g_ptr_array_unref (reason->closed);
  g_free (reason);
}

static void
add_once (GPtrArray  *list,
          const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (list->pdata[i], text))
      return;
  g_ptr_array_add (list, g_strdup (text));
}

/* Whether @room_name already says @fact ("Ruang Gigi dan Mulut" says
 * "Gigi dan mulut"), whatever the case of its letters. */
static gboolean
room_says (const char *room_name,
           const char *fact)
{
  g_autofree char *room = NULL;
  g_autofree char *said = NULL;

  if (room_name == NULL || fact == NULL)
    return FALSE;
  room = g_utf8_casefold (room_name, -1);
  said = g_utf8_casefold (fact, -1);
  return strstr (room, said) != NULL;
}

/* @text as it reads inside a sentence: "Usia 38 tahun" becomes "usia 38
 * tahun", but an abbreviation ("KB", "TBC") keeps its capitals. */
static char *
in_sentence (const char *text)
{
  gunichar first = g_utf8_get_char (text);
  const char *rest = g_utf8_next_char (text);
  char lower[6];
  int length;

  if (*text == '\0' || !g_unichar_isupper (first) ||
      *rest == '\0' || !g_unichar_islower (g_utf8_get_char (rest)))
    return g_strdup (text);
  length = g_unichar_to_utf8 (g_unichar_tolower (first), lower);
  return g_strdup_printf ("%.*s%s", length, lower, rest);
}

/* "A", "A and B", "A, B and C"; all but the first in sentence case when
 * @in_text is set. */
static char *
join_list (GPtrArray *items,
           gboolean   in_text)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *last = NULL;

  g_assert (items->len > 0);
  for (guint i = 0; i + 1 < items->len; i++)
    {
      g_autofree char *item = i > 0 && in_text ? in_sentence (items->pdata[i])
                                               : g_strdup (items->pdata[i]);

      if (i > 0)
        g_string_append (head, ", ");
      g_string_append (head, item);
    }
  if (items->len == 1)
    return g_strdup (items->pdata[0]);
  last = in_text ? in_sentence (items->pdata[items->len - 1]) : g_strdup (items->pdata[items->len - 1]);
  /* TRANSLATORS: the end of a list in a routing reason, e.g. "Ruang Gawat
   * Darurat and Ruang Pemeriksaan Khusus" */
  return g_strdup_printf (_("%s and %s"), head->str, last);
}

/**
 * gil_routing_reason_add_closed:
 * @fact: what the rule looked for, as the desk says it ("Tanda gawat darurat")
 * @room_name: (nullable): the closed room that rule sends to, or %NULL when
 *   no room carries its tag at all
 * @emergency: whether the rule is the emergency rule
 *
 * Records a rule that held but found no active room.
 */
void
gil_routing_reason_add_closed (GilRoutingReason *reason,
                               const char       *fact,
                               const char       *room_name,
                               gboolean          emergency)
{
  g_return_if_fail (reason != NULL && fact != NULL);

  if (!room_says (room_name, fact))
    add_once (reason->facts, fact);
  if (room_name != NULL)
    add_once (reason->closed, room_name);
  reason->emergency |= emergency;
}

/* "Usia 67 tahun: Klaster 3, Ruang Lansia": no room was closed. */
static char *
direct_reason (const char *fact,
               gboolean    fact_is_purpose,
               const char *cluster_label,
               const char *room_name)
{
  g_autofree char *place = NULL;

  if (!room_says (room_name, fact))
    {
      if (cluster_label != NULL)
        /* TRANSLATORS: a routing reason: the deciding fact, the cluster and
         * the room, e.g. "Age 67 years: Cluster 3, Ruang Lansia" */
        return g_strdup_printf (_("%s: %s, %s"), fact, cluster_label, room_name);
      /* TRANSLATORS: a routing reason: the deciding fact and the room,
       * e.g. "Cough for two weeks or more: Ruang Pemeriksaan Khusus" */
      return g_strdup_printf (_("%s: %s"), fact, room_name);
    }

  /* The room's name says the fact: "Laboratorium", not "Laboratorium:
   * Laboratorium". */
  if (cluster_label != NULL)
    /* TRANSLATORS: a cluster and a room, e.g. "Cluster 2, Ruang Hamil" */
    place = g_strdup_printf (_("%s, %s"), cluster_label, room_name);
  else
    place = g_strdup (room_name);
  if (fact_is_purpose)
    /* TRANSLATORS: a routing reason when the room is named after the
     * purpose of visit, e.g. "Purpose of visit: Laboratorium" */
    return g_strdup_printf (_("Purpose of visit: %s"), place);
  return g_steal_pointer (&place);
}

/* Where the visit goes instead, and by what: "Klaster 3, Ruang Usia
 * Dewasa menurut usia 38 tahun", "Ruang Gigi dan Mulut (sakit gigi)". */
static char *
destination (GilRoutingReason *reason,
             const char       *fact,
             const char       *age,
             const char       *cluster_label,
             const char       *room_name)
{
  g_autofree char *place = NULL;
  g_autofree char *said = NULL;
  gboolean named = room_says (room_name, fact);

  for (guint i = 0; !named && i < reason->facts->len; i++)
    named = g_str_equal (reason->facts->pdata[i], fact);
  if (cluster_label != NULL)
    place = g_strdup_printf (_("%s, %s"), cluster_label, room_name);
  else
    place = g_strdup (room_name);
  if (named)
    return g_steal_pointer (&place);
  if (age != NULL)
    /* TRANSLATORS: a room the visit goes to by the patient's age, e.g.
     * "Cluster 3, Ruang Usia Dewasa by age 38 years" */
    return g_strdup_printf (_("%s by age %s"), place, age);
  said = in_sentence (fact);
  /* TRANSLATORS: a room and why, e.g. "Ruang Gigi dan Mulut (dental pain)" */
  return g_strdup_printf (_("%s (%s)"), place, said);
}

/* "Tanda gawat darurat; Ruang Gawat Darurat tidak aktif". */
static char *
closed_rooms (GilRoutingReason *reason)
{
  g_autofree char *facts = reason->facts->len > 0 ? join_list (reason->facts, TRUE) : NULL;
  g_autofree char *rooms = reason->closed->len > 0 ? join_list (reason->closed, FALSE) : NULL;

  if (rooms == NULL)
    /* TRANSLATORS: starts a routing reason when no room at all carries
     * the rule's tag, e.g. "Emergency signs; no room for it is active" */
    return g_strdup_printf (_("%s; no room for it is active"), facts);
  if (facts == NULL)
    /* TRANSLATORS: starts a routing reason when the closed room's own name
     * says what was wanted, e.g. "Laboratorium is switched off" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is switched off", "%s are switched off",
                                         reason->closed->len),
                            rooms);
  /* TRANSLATORS: starts a routing reason: what the visit needs, and the
   * rooms for it that are closed, e.g. "Emergency signs; Ruang Gawat
   * Darurat is not active" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %s is not active", "%s; %s are not active",
                                       reason->closed->len),
                          facts, rooms);
}

/**
 * gil_routing_reason_finish:
 * @fact: (nullable): the deciding fact of the rule that chose the room
 * @age: (nullable): the patient's age ("38 tahun") when that fact is the age
 * @fact_is_purpose: whether @fact is the purpose of visit
 * @cluster_label: (nullable): the cluster of a cluster 2 or 3 room
 * @room_name: (nullable): the room chosen, or %NULL when none was found
 *
 * Returns: (transfer full): the reason, one sentence
 */
char *
gil_routing_reason_finish (GilRoutingReason *reason,
                           const char       *fact,
                           const char       *age,
                           gboolean          fact_is_purpose,
                           const char       *cluster_label,
                           const char       *room_name)
{
  g_autofree char *closed = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (reason != NULL, NULL);
  g_return_val_if_fail (room_name == NULL || fact != NULL, NULL);

  if (reason->closed->len == 0 && reason->facts->len == 0)
    {
      if (room_name == NULL)
        return g_strdup (_("No active room fits this visit; choose a room"));
      return direct_reason (fact, fact_is_purpose, cluster_label, room_name);
    }

  closed = closed_rooms (reason);
  if (room_name == NULL)
    {
      if (reason->emergency)
        /* TRANSLATORS: ends a routing reason when no room is left for an
         * emergency: the desk chooses one, and the patient still goes first */
        return g_strdup_printf (_("%s; no other room fits, choose a room; still called first"), closed);
      /* TRANSLATORS: ends a routing reason when no room is left */
      return g_strdup_printf (_("%s; no other room fits, choose a room"), closed);
    }

  to = destination (reason, fact, age, cluster_label, room_name);
  if (reason->emergency)
    /* TRANSLATORS: ends a routing reason when the emergency room is closed:
     * where the patient goes instead, still first in its queue */
    return g_strdup_printf (_("%s, so to %s and still called first"), closed, to);
  /* TRANSLATORS: ends a routing reason: where the visit goes instead */
  return g_strdup_printf (_("%s, so to %s"), closed, to);
}
