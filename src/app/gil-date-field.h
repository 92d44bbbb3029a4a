/* gil-date-field.h — dates as the desk types them: DD-MM-YYYY
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gil_date_field_from_iso (const char *iso);
char *gil_date_field_to_iso   (const char *text);

G_END_DECLS
