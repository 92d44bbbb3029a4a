/* gil-terms.h — the fixed vocabulary of a visit: purposes, signs, payers,
 * priorities, clusters, stop states and station roles, with their labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GIL_PRIORITY_EMERGENCY,
  GIL_PRIORITY_PRIORITY,
  GIL_PRIORITY_NORMAL,
} GilPriority;

typedef enum
{
  GIL_STOP_WAITING,
  GIL_STOP_CALLED,
  GIL_STOP_SERVING,
  GIL_STOP_DONE,
  GIL_STOP_SKIPPED,
  GIL_STOP_TRANSFERRED,
  GIL_STOP_EXPIRED,
  GIL_STOP_CANCELLED,   /* the desk cancelled the visit (schema 12) */
} GilStopStatus;

/* How a visit ended, recorded when the room finishes its last stop
 * (schema 15); NONE while it is open or when nobody said. */
typedef enum
{
  GIL_OUTCOME_NONE,
  GIL_OUTCOME_HOME,
  GIL_OUTCOME_REFERRED,
  GIL_OUTCOME_DIED,
} GilOutcome;

/* The longest referral destination, in characters. */
#define GIL_REFERRED_TO_MAX 200

/* Each list ends with NULL; the API names are the strings themselves. */
const char * const *gil_terms_purposes   (void);
const char * const *gil_terms_signs      (void);
const char * const *gil_terms_payers     (void);

gboolean     gil_terms_is_purpose        (const char   *purpose);
gboolean     gil_terms_is_sign           (const char   *sign);
gboolean     gil_terms_is_payer          (const char   *payer);

const char  *gil_terms_purpose_label     (const char   *purpose);
const char  *gil_terms_sign_label        (const char   *sign);
const char  *gil_terms_payer_label       (const char   *payer);
const char  *gil_terms_cluster_label     (const char   *cluster);
const char  *gil_terms_role_label        (const char   *role);

gboolean     gil_terms_name_index        (const char * const *names,
                                          guint         n,
                                          const char   *text,
                                          guint        *index);

const char  *gil_priority_to_string      (GilPriority   priority);
gboolean     gil_priority_from_string    (const char   *text,
                                          GilPriority  *priority);
const char  *gil_priority_label          (GilPriority   priority);

const char  *gil_stop_status_to_string   (GilStopStatus status);
gboolean     gil_stop_status_from_string (const char   *text,
                                          GilStopStatus *status);
const char  *gil_stop_status_label       (GilStopStatus status);

const char  *gil_outcome_to_string       (GilOutcome    outcome);
gboolean     gil_outcome_from_string     (const char   *text,
                                          GilOutcome   *outcome);
const char  *gil_outcome_label           (GilOutcome    outcome);
char        *gil_outcome_describe        (GilOutcome    outcome,
                                          const char   *referred_to);

G_END_DECLS
