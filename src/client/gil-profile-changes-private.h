/* gil-profile-changes-private.h — profile changes as a request body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-profile-changes.h"

G_BEGIN_DECLS

/* The profile's text fields beside the name: each a JSON member of
 * GET and PATCH /profile (doc/api.md). */
typedef enum
{
  GIL_PROFILE_REGION,
  GIL_PROFILE_HEALTH_OFFICE,
  GIL_PROFILE_ADDRESS,
  GIL_PROFILE_HEAD_NAME,
  GIL_PROFILE_HEAD_NIP,
  GIL_PROFILE_AGE_BANDS,
  GIL_PROFILE_N_TEXTS
} GilProfileText;

extern const char * const _gil_profile_text_members[GIL_PROFILE_N_TEXTS];

void _gil_profile_changes_write (const GilProfileChanges *self,
                                 JsonBuilder             *body);

G_END_DECLS
