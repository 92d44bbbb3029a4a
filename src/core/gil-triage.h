/* gil-triage.h — which room a visit goes to, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"
#include "gil-terms.h"

G_BEGIN_DECLS

#define GIL_TRIAGE_ERROR (gil_triage_error_quark ())

typedef enum
{
  GIL_TRIAGE_ERROR_INVALID_PURPOSE,
  GIL_TRIAGE_ERROR_INVALID_SIGN,
  GIL_TRIAGE_ERROR_INVALID_PREGNANCY,
} GilTriageError;

typedef struct
{
  const char         *birth_date;  /* YYYY-MM-DD */
  const char         *sex;         /* "F" or "M" */
  const char         *purpose;
  const char * const *signs;       /* nullable, NULL-terminated */
  gboolean            pregnant;
} GilTriageInput;

typedef struct
{
  gint64       room;             /* 0 when no rule found an active room */
  char        *room_code;
  char        *room_name;
  char        *cluster;          /* life-cycle cluster: k2 or k3 */
  GilPriority  priority;
  char        *priority_reason;  /* "lansia 67 tahun"; "" for normal */
  char        *rule;             /* the rule that chose the room, or NULL */
  char        *reason;           /* one Indonesian line naming the deciding fact */
  int          age_months;
} GilTriageResult;

GQuark   gil_triage_error_quark   (void);

gboolean gil_triage_evaluate      (GilStore              *store,
                                   const GilTriageInput  *input,
                                   const char            *day,
                                   GilTriageResult       *result,
                                   GError               **error);
void     gil_triage_result_clear  (GilTriageResult       *result);
char    *gil_triage_format_age    (int                    age_months,
                                   int                    age_days);

G_END_DECLS
