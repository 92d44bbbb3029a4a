/* gil-routing-rules.h — which room a visit goes to, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"
#include "gil-terms.h"

G_BEGIN_DECLS

#define GIL_ROUTING_ERROR (gil_routing_error_quark ())

typedef enum
{
  GIL_ROUTING_ERROR_INVALID_PURPOSE,
  GIL_ROUTING_ERROR_INVALID_SIGN,
  GIL_ROUTING_ERROR_INVALID_PREGNANCY,
} GilRoutingError;

typedef struct
{
  const char         *birth_date;  /* YYYY-MM-DD */
  const char         *sex;         /* "F" or "M" */
  const char         *purpose;
  const char * const *signs;       /* nullable, NULL-terminated */
  gboolean            pregnant;
} GilRoutingInput;

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
} GilRoutingResult;

GQuark   gil_routing_error_quark  (void);

gboolean gil_routing_evaluate     (GilStore               *store,
                                   const GilRoutingInput  *input,
                                   const char             *day,
                                   GilRoutingResult       *result,
                                   GError                **error);
void     gil_routing_result_clear (GilRoutingResult       *result);
char    *gil_routing_format_age   (int                     age_months,
                                   int                     age_days);

G_END_DECLS
