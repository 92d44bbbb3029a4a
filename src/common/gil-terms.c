/* gil-terms.c — the fixed vocabulary of a visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-terms.h"

typedef struct
{
  const char *name;
  const char *label;
} Term;

static const Term purposes[] = {
  { "sick", N_("Sick visit") },
  { "anc", N_("Pregnancy check (ANC)") },
  { "postnatal", N_("Postnatal care") },
  { "family-planning", N_("Family planning") },
  { "immunization", N_("Immunization") },
  { "child-growth", N_("Child growth and development") },
  { "screening", N_("Health screening") },
  { "tb-treatment", N_("TB treatment") },
  { "dental", N_("Dental") },
  { "lab", N_("Laboratory") },
  { "certificate", N_("Health certificate") },
  { "other", N_("Other") },
};

static const Term signs[] = {
  { "emergency", N_("Emergency signs") },
  { "danger-sign-child", N_("Danger sign in a child") },
  { "cough-2-weeks", N_("Cough for two weeks or more") },
  { "communicable", N_("Suspected communicable disease") },
  { "hiv-sti", N_("HIV or STI service") },
  { "dental-pain", N_("Dental pain") },
  { "disability", N_("Disability") },
};

static const Term payers[] = {
  { "bpjs", N_("BPJS") },
  { "umum", N_("General (self-pay)") },
  { "other", N_("Other") },
};

static const Term clusters[] = {
  { "k2", N_("Cluster 2") },
  { "k3", N_("Cluster 3") },
  { "k4", N_("Cluster 4") },
  { "lk", N_("Cross-cluster services") },
};

/* A station's role, as the people who set stations up call it. */
static const Term roles[] = {
  { "admin", N_("Administrator") },
  { "registration", N_("Registration desk") },
  { "room", N_("Cluster room") },
  { "display", N_("Waiting-room display") },
  { "head", N_("Head of the puskesmas") },
  { "kiosk", N_("Ticket kiosk") },
};

static const char * const priority_names[] = { "emergency", "priority", "normal" };
static const char * const priority_labels[] = { N_("Emergency"), N_("Priority"), N_("Normal") };

static const char * const status_names[] = {
  "waiting", "called", "serving", "done", "skipped", "transferred", "expired",
  "cancelled",
};
static const char * const status_labels[] = {
  N_("Waiting"), N_("Called"), N_("Being served"), N_("Done"), N_("Skipped"),
  N_("Sent on"), N_("Not served"), N_("Cancelled"),
};

/* Index 0 is GIL_OUTCOME_NONE, which has no name. */
static const char * const outcome_names[] = { NULL, "home", "referred", "died" };
static const char * const outcome_labels[] = { "", N_("Home"), N_("Referred"), N_("Died") };

static const char * const *
names_of (const Term *terms,
          guint       n)
{
  const char **names = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = terms[i].name;
  return names;
}

#define DEFINE_TERM_LIST(func, table)                                  \
  const char * const *                                                 \
  func (void)                                                          \
  {                                                                    \
    static const char * const *names;                                  \
                                                                       \
    if (g_once_init_enter (&names))                                    \
      g_once_init_leave (&names, names_of (table, G_N_ELEMENTS (table))); \
    return names;                                                      \
  }

DEFINE_TERM_LIST (gil_terms_purposes, purposes)
DEFINE_TERM_LIST (gil_terms_signs, signs)
DEFINE_TERM_LIST (gil_terms_payers, payers)

static const Term *
find_term (const Term *terms,
           guint       n,
           const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (terms[i].name, name))
      return &terms[i];
  return NULL;
}

static const char *
label_of (const Term *terms,
          guint       n,
          const char *name)
{
  const Term *term = find_term (terms, n, name);

  return term != NULL ? _(term->label) : name;
}

/* The checks and labels below take %NULL, as input from a request may
 * be: no term, and a label of %NULL. */
gboolean
gil_terms_is_purpose (const char *purpose)
{
  return find_term (purposes, G_N_ELEMENTS (purposes), purpose) != NULL;
}

gboolean
gil_terms_is_sign (const char *sign)
{
  return find_term (signs, G_N_ELEMENTS (signs), sign) != NULL;
}

gboolean
gil_terms_is_payer (const char *payer)
{
  return find_term (payers, G_N_ELEMENTS (payers), payer) != NULL;
}

const char *
gil_terms_purpose_label (const char *purpose)
{
  return label_of (purposes, G_N_ELEMENTS (purposes), purpose);
}

const char *
gil_terms_sign_label (const char *sign)
{
  return label_of (signs, G_N_ELEMENTS (signs), sign);
}

const char *
gil_terms_payer_label (const char *payer)
{
  return label_of (payers, G_N_ELEMENTS (payers), payer);
}

const char *
gil_terms_cluster_label (const char *cluster)
{
  return label_of (clusters, G_N_ELEMENTS (clusters), cluster);
}

/**
 * gil_terms_role_label:
 * @role: a station's role as the API names it ("registration")
 *
 * Returns: what a person reads for it ("Loket pendaftaran"); an unknown
 *   role as it is
 */
const char *
gil_terms_role_label (const char *role)
{
  return label_of (roles, G_N_ELEMENTS (roles), role);
}

/**
 * gil_terms_name_index:
 * @names: (array length=n): names, by their enum value; %NULL for a value
 *   that has no name to be read back (as "no outcome")
 * @text: (nullable): the name read
 * @index: (out): its place in @names
 *
 * Reads an enum's API name back: the one table of names serves both ways.
 *
 * Returns: whether @text is one of @names
 */
gboolean
gil_terms_name_index (const char * const *names,
                      guint               n,
                      const char         *text,
                      guint              *index)
{
  g_return_val_if_fail (names != NULL, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (names[i] != NULL && g_str_equal (names[i], text))
        {
          *index = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
gil_priority_to_string (GilPriority priority)
{
  g_return_val_if_fail (priority <= GIL_PRIORITY_NORMAL, "normal");

  return priority_names[priority];
}

gboolean
gil_priority_from_string (const char  *text,
                          GilPriority *priority)
{
  guint index;

  g_return_val_if_fail (priority != NULL, FALSE);

  if (!gil_terms_name_index (priority_names, G_N_ELEMENTS (priority_names), text, &index))
    return FALSE;
  *priority = index;
  return TRUE;
}

const char *
gil_priority_label (GilPriority priority)
{
  g_return_val_if_fail (priority <= GIL_PRIORITY_NORMAL, "");

  return _(priority_labels[priority]);
}

const char *
gil_stop_status_to_string (GilStopStatus status)
{
  g_return_val_if_fail (status <= GIL_STOP_CANCELLED, "waiting");

  return status_names[status];
}

gboolean
gil_stop_status_from_string (const char    *text,
                             GilStopStatus *status)
{
  guint index;

  g_return_val_if_fail (status != NULL, FALSE);

  if (!gil_terms_name_index (status_names, G_N_ELEMENTS (status_names), text, &index))
    return FALSE;
  *status = index;
  return TRUE;
}

const char *
gil_stop_status_label (GilStopStatus status)
{
  g_return_val_if_fail (status <= GIL_STOP_CANCELLED, "");

  return _(status_labels[status]);
}

/**
 * gil_outcome_to_string:
 *
 * Returns: (nullable): the API name of @outcome, %NULL for none
 */
const char *
gil_outcome_to_string (GilOutcome outcome)
{
  g_return_val_if_fail (outcome <= GIL_OUTCOME_DIED, NULL);

  return outcome_names[outcome];
}

/* Reads "home", "referred" or "died"; anything else (and %NULL) is refused. */
gboolean
gil_outcome_from_string (const char *text,
                         GilOutcome *outcome)
{
  guint index;

  g_return_val_if_fail (outcome != NULL, FALSE);

  /* GIL_OUTCOME_NONE has no name: it is never read. */
  if (!gil_terms_name_index (outcome_names, G_N_ELEMENTS (outcome_names), text, &index))
    return FALSE;
  *outcome = index;
  return TRUE;
}

const char *
gil_outcome_label (GilOutcome outcome)
{
  g_return_val_if_fail (outcome <= GIL_OUTCOME_DIED, "");

  if (outcome == GIL_OUTCOME_NONE)
    return "";
  return _(outcome_labels[outcome]);
}

/**
 * gil_outcome_describe:
 * @referred_to: (nullable): where a referred patient was sent
 *
 * How a visit ended, as a list or a history says it: "Pulang",
 * "Dirujuk ke RSUD Kota Mataram", "Meninggal".
 *
 * Returns: (transfer full) (nullable): the words, or %NULL for
 *   %GIL_OUTCOME_NONE
 */
char *
gil_outcome_describe (GilOutcome  outcome,
                      const char *referred_to)
{
  g_return_val_if_fail (outcome <= GIL_OUTCOME_DIED, NULL);

  if (outcome == GIL_OUTCOME_NONE)
    return NULL;
  if (outcome == GIL_OUTCOME_REFERRED && referred_to != NULL && referred_to[0] != '\0')
    /* TRANSLATORS: %s is where the patient was referred, "RSUD Kota Mataram" */
    return g_strdup_printf (_("Referred to %s"), referred_to);
  return g_strdup (gil_outcome_label (outcome));
}
