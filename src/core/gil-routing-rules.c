/* gil-routing-rules.c — which room a visit goes to, and why
 *
 * The rules live in the database (ROUTING.md gives the defaults) and are
 * tried in order; the first whose condition holds and whose tag an active
 * room carries decides. A rule that holds but finds no active room is named
 * in the reason (gil-routing-reason.c words it), so the desk sees why the
 * visit went elsewhere. Emergency
 * signs make the visit an emergency whichever rule then routes it: a closed
 * UGD sends the patient on, first in the next room's queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-patients.h"
#include "gil-routing-rules.h"
#include "gil-routing-reason.h"

G_DEFINE_QUARK (gil-routing-error-quark, gil_routing_error)

#define UNDER_FIVE_MONTHS 60
#define ADULT_MONTHS      (18 * 12)
#define ELDERLY_MONTHS    (60 * 12)

typedef enum
{
  MATCH_NONE,
  MATCH_SIGN,
  MATCH_PREGNANT,
  MATCH_PURPOSE,
  MATCH_AGE,
} MatchKind;

void
gil_routing_result_clear (GilRoutingResult *result)
{
  g_return_if_fail (result != NULL);

  g_free (result->room_code);
  g_free (result->room_name);
  g_free (result->cluster);
  g_free (result->priority_reason);
  g_free (result->rule);
  g_free (result->reason);
  memset (result, 0, sizeof *result);
}

/**
 * gil_routing_format_age:
 * @age_days: used for babies under one month
 *
 * Returns: (transfer full): the age as the desk says it: days for newborns,
 *   months under five, years after
 */
char *
gil_routing_format_age (int age_months,
                        int age_days)
{
  if (age_months < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", age_days), age_days);
  if (age_months < UNDER_FIVE_MONTHS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", age_months),
                            age_months);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", age_months / 12),
                          age_months / 12);
}

/* One routing rule as the rules table holds it, its lists split. */
typedef struct
{
  char     *id;
  char    **signs;      /* empty when the rule names none */
  char    **purposes;
  gboolean  pregnant;
  gboolean  has_min;
  gboolean  has_max;
  int       min_months;
  int       max_months;
  char     *tag;
  gboolean  emergency;
} Rule;

/* The active rules in order, as read at @data_version (PRAGMA
 * data_version): every visit is routed through them, and they change only
 * by a schema step, which runs before any visit, or by another connection
 * (an administrator's sqlite3), which moves data_version. So they are read
 * once per store rather than on each registration. (A write to them on the
 * store's own connection would not move data_version: code that came to
 * make one would have to drop this cache.) */
typedef struct
{
  gint64  data_version;
  GArray *rules;  /* element-type Rule */
} RuleCache;

static G_DEFINE_QUARK (gil-routing-rules, rule_cache)

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_free (rule->id);
  g_strfreev (rule->signs);
  g_strfreev (rule->purposes);
  g_free (rule->tag);
}

static void
rule_cache_free (gpointer data)
{
  RuleCache *cache = data;

  g_array_unref (cache->rules);
  g_free (cache);
}

static char **
split_list (const char *list)
{
  if (list == NULL || *list == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (list, ",", -1);
}

static gboolean
read_data_version (GilStore  *store,
                   gint64    *version,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, "PRAGMA data_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      gil_store_set_error (store, error, rc, "reading the routing rules");
      return FALSE;
    }
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static const GArray *
get_rules (GilStore  *store,
           GError   **error)
{
  RuleCache *cache;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) rules = NULL;
  gint64 version;
  int rc;

  if (!read_data_version (store, &version, error))
    return NULL;
  cache = g_object_get_qdata (G_OBJECT (store), rule_cache_quark ());
  if (cache != NULL && cache->data_version == version)
    return cache->rules;

  stmt = gil_store_prepare (store,
                            "SELECT id, signs, purposes, pregnant, min_months, max_months,"
                            " tag, priority FROM rules WHERE active ORDER BY position",
                            error);
  if (stmt == NULL)
    return NULL;
  rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (rules, rule_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Rule rule = { 0 };

      rule.id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      rule.signs = split_list ((const char *)sqlite3_column_text (stmt, 1));
      rule.purposes = split_list ((const char *)sqlite3_column_text (stmt, 2));
      rule.pregnant = sqlite3_column_int (stmt, 3) != 0;
      rule.has_min = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      rule.min_months = sqlite3_column_int (stmt, 4);
      rule.has_max = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      rule.max_months = sqlite3_column_int (stmt, 5);
      rule.tag = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      rule.emergency = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 7), "emergency") == 0;
      g_array_append_val (rules, rule);
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading the routing rules");
      return NULL;
    }

  cache = g_new0 (RuleCache, 1);
  cache->data_version = version;
  cache->rules = g_steal_pointer (&rules);
  g_object_set_qdata_full (G_OBJECT (store), rule_cache_quark (), cache, rule_cache_free);
  return cache->rules;
}

static gboolean
list_has_any (const char * const  *names,
              const char * const  *items,
              const char         **found)
{
  if (items == NULL)
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_strv_contains (names, items[i]))
        {
          *found = items[i];
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether @rule holds for the visit, and by which fact. */
static MatchKind
rule_matches (const Rule            *rule,
              const GilRoutingInput *input,
              int                    age_months,
              const char           **fact)
{
  gboolean has_condition = rule->signs[0] != NULL || rule->purposes[0] != NULL || rule->pregnant;
  const char * const purpose[] = { input->purpose, NULL };
  MatchKind kind = MATCH_NONE;

  if (rule->has_min && age_months < rule->min_months)
    return MATCH_NONE;
  if (rule->has_max && age_months >= rule->max_months)
    return MATCH_NONE;

  if (!has_condition)
    kind = MATCH_AGE;
  else if (list_has_any ((const char * const *)rule->signs, input->signs, fact))
    kind = MATCH_SIGN;
  else if (rule->pregnant && input->pregnant)
    kind = MATCH_PREGNANT;
  else if (list_has_any ((const char * const *)rule->purposes, purpose, fact))
    kind = MATCH_PURPOSE;

  return kind;
}

static char *
describe_fact (MatchKind   kind,
               const char *fact,
               int         age_months,
               int         age_days)
{
  g_autofree char *age = NULL;

  switch (kind)
    {
    case MATCH_SIGN:
      return g_strdup (gil_terms_sign_label (fact));
    case MATCH_PREGNANT:
      return g_strdup (_("Pregnant"));
    case MATCH_PURPOSE:
      return g_strdup (gil_terms_purpose_label (fact));
    case MATCH_AGE:
      age = gil_routing_format_age (age_months, age_days);
      /* TRANSLATORS: the deciding fact of a routing reason, e.g. "Age 67 years" */
      return g_strdup_printf (_("Age %s"), age);
    case MATCH_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* The active room with the tag that has the fewest waiting; ties, lower id. */
static gboolean
find_room (GilStore         *store,
           const char       *tag,
           GilRoutingResult *result,
           const char      **room_cluster,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT r.id, r.code, r.name, r.cluster FROM rooms r"
                            " JOIN room_tags t ON t.room = r.id"
                            " WHERE t.tag = ? AND r.active"
                            " ORDER BY (SELECT coalesce (sum (q.waiting), 0) FROM queue_counts q"
                            "           WHERE q.room = r.id), r.id"
                            " LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      static const char * const room_clusters[] = { "k2", "k3", "k4", "lk" };
      const char *cluster = (const char *)sqlite3_column_text (stmt, 3);

      result->room = sqlite3_column_int64 (stmt, 0);
      result->room_code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      result->room_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      *room_cluster = "lk";
      for (guint i = 0; i < G_N_ELEMENTS (room_clusters); i++)
        if (g_strcmp0 (cluster, room_clusters[i]) == 0)
          *room_cluster = room_clusters[i];
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    gil_store_set_error (store, error, rc, "choosing a room");
  return FALSE;
}

/* The name of a room that carries @tag, active or not (the one a rule
 * that held was meant for), or NULL when no room carries it at all. */
static char *
dup_room_name_for_tag (GilStore    *store,
                       const char  *tag,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = gil_store_prepare (store,
                            "SELECT r.name FROM rooms r JOIN room_tags t ON t.room = r.id"
                            " WHERE t.tag = ? ORDER BY r.id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    gil_store_set_error (store, error, rc, "choosing a room");
  return NULL;
}

/* Whether the visit carries what an emergency rule looks for. It decides
 * the priority whichever rule then routes the visit: a closed UGD sends
 * the patient on to another room, never to the back of its queue. */
static gboolean
has_emergency_sign (const GArray          *rules,
                    const GilRoutingInput *input,
                    int                    age_months)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const Rule *rule = &g_array_index (rules, Rule, i);
      const char *fact = NULL;

      if (rule->emergency && rule_matches (rule, input, age_months, &fact) != MATCH_NONE)
        return TRUE;
    }
  return FALSE;
}

static gboolean
validate_input (const GilRoutingInput  *input,
                GError                **error)
{
  /* The text quoted back is made valid UTF-8, as a GError message must be. */
  if (!gil_terms_is_purpose (input->purpose))
    {
      g_autofree char *quoted = g_utf8_make_valid (input->purpose != NULL ? input->purpose : "", -1);

      g_set_error (error, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_PURPOSE,
                   _("“%s” is not a purpose of visit"), quoted);
      return FALSE;
    }
  for (guint i = 0; input->signs != NULL && input->signs[i] != NULL; i++)
    {
      if (!gil_terms_is_sign (input->signs[i]))
        {
          g_autofree char *quoted = g_utf8_make_valid (input->signs[i], -1);

          g_set_error (error, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_SIGN,
                       _("“%s” is not a sign Giliran knows"), quoted);
          return FALSE;
        }
    }
  if (g_strcmp0 (input->sex, "F") != 0 && g_strcmp0 (input->sex, "M") != 0)
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_SEX,
                           _("Sex is F (female) or M (male)"));
      return FALSE;
    }
  if (input->pregnant && g_str_equal (input->sex, "M"))
    {
      g_set_error_literal (error, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_PREGNANCY,
                           _("Only a female patient can be marked pregnant"));
      return FALSE;
    }
  return TRUE;
}

static void
set_priority (const GilRoutingInput *input,
              gboolean               emergency,
              GilRoutingResult      *result)
{
  if (emergency)
    {
      result->priority = GIL_PRIORITY_EMERGENCY;
      result->priority_reason = g_strdup (_("emergency"));
    }
  else if (input->pregnant)
    {
      result->priority = GIL_PRIORITY_PRIORITY;
      result->priority_reason = g_strdup (_("pregnant woman"));
    }
  else if (result->age_months < UNDER_FIVE_MONTHS)
    {
      g_autofree char *age = gil_routing_format_age (result->age_months, 0);

      result->priority = GIL_PRIORITY_PRIORITY;
      /* TRANSLATORS: why a patient goes first, e.g. "child under five 8 months" */
      result->priority_reason = g_strdup_printf (_("child under five %s"),
                                                 result->age_months < 1 ? _("newborn") : age);
    }
  else if (result->age_months >= ELDERLY_MONTHS)
    {
      g_autofree char *age = gil_routing_format_age (result->age_months, 0);

      result->priority = GIL_PRIORITY_PRIORITY;
      /* TRANSLATORS: why a patient goes first, e.g. "elderly 67 years" */
      result->priority_reason = g_strdup_printf (_("elderly %s"), age);
    }
  else if (input->signs != NULL && g_strv_contains (input->signs, "disability"))
    {
      result->priority = GIL_PRIORITY_PRIORITY;
      result->priority_reason = g_strdup (_("person with a disability"));
    }
  else
    {
      result->priority = GIL_PRIORITY_NORMAL;
      result->priority_reason = g_strdup ("");
    }
}

/* A rule held but found no active room: the reason names the room it
 * wanted by its name, or says no room carries its tag. Fails only when the
 * store does. */
static gboolean
note_closed_rule (GilStore         *store,
                  const Rule       *rule,
                  const char       *fact,
                  GilRoutingReason *reason,
                  GError          **error)
{
  g_autofree char *closed = NULL;

  if (error != NULL && *error != NULL)
    return FALSE;
  closed = dup_room_name_for_tag (store, rule->tag, error);
  if (error != NULL && *error != NULL)
    return FALSE;
  gil_routing_reason_add_closed (reason, fact, closed, rule->emergency);
  return TRUE;
}

/**
 * gil_routing_evaluate:
 * @day: the service day the age is counted on, YYYY-MM-DD
 * @result: (out caller-allocates): cleared with gil_routing_result_clear()
 *
 * Evaluates the routing rules for a visit. When no rule finds an active
 * room, @result->room is 0 and the reason says so; that is not an error.
 */
gboolean
gil_routing_evaluate (GilStore              *store,
                      const GilRoutingInput *input,
                      const char            *day,
                      GilRoutingResult      *result,
                      GError               **error)
{
  const GArray *rules;
  g_autoptr(GilRoutingReason) reason = gil_routing_reason_new ();
  g_autofree char *what = NULL;
  MatchKind chosen = MATCH_NONE;
  const char *room_cluster = NULL;
  GDate birth;
  GDate today;
  int age_days;
  gboolean emergency;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (input != NULL && day != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);

  if (!validate_input (input, error) ||
      !gil_patient_parse_birth_date (input->birth_date, day, &birth, error))
    return FALSE;
  if (!gil_patient_parse_birth_date (day, day, &today, NULL))
    g_return_val_if_reached (FALSE);

  result->age_months = gil_age_in_months (&birth, &today);
  age_days = g_date_days_between (&birth, &today);
  result->cluster = g_strdup (input->pregnant ||
                              g_strcmp0 (input->purpose, "anc") == 0 ||
                              g_strcmp0 (input->purpose, "postnatal") == 0 ||
                              result->age_months < ADULT_MONTHS ? "k2" : "k3");

  rules = get_rules (store, error);
  if (rules == NULL)
    {
      gil_routing_result_clear (result);
      return FALSE;
    }

  emergency = has_emergency_sign (rules, input, result->age_months);

  for (guint i = 0; i < rules->len && result->room == 0; i++)
    {
      const Rule *rule = &g_array_index (rules, Rule, i);
      const char *fact = NULL;
      MatchKind kind = rule_matches (rule, input, result->age_months, &fact);

      if (kind == MATCH_NONE)
        continue;

      g_clear_pointer (&what, g_free);
      what = describe_fact (kind, fact, result->age_months, age_days);
      if (find_room (store, rule->tag, result, &room_cluster, error))
        {
          result->rule = g_strdup (rule->id);
          chosen = kind;
        }
      else if (!note_closed_rule (store, rule, what, reason, error))
        {
          gil_routing_result_clear (result);
          return FALSE;
        }
    }

  if (result->room == 0)
    result->reason = gil_routing_reason_finish (reason, NULL, NULL, FALSE, NULL, NULL);
  else
    {
      g_autofree char *age = chosen == MATCH_AGE ? gil_routing_format_age (result->age_months, age_days)
                                                 : NULL;

      result->reason = gil_routing_reason_finish (reason, what, age, chosen == MATCH_PURPOSE,
                                                  g_str_equal (room_cluster, "k2") ||
                                                  g_str_equal (room_cluster, "k3")
                                                  ? gil_terms_cluster_label (room_cluster) : NULL,
                                                  result->room_name);
    }

  set_priority (input, emergency, result);
  return TRUE;
}
