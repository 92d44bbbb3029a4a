/* gil-date-field.c — dates as the desk types them: DD-MM-YYYY
 *
 * The API writes dates YYYY-MM-DD; a clerk reads and types them
 * day first, with "-" or "/" between.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "gil-date-field.h"

/**
 * gil_date_field_from_iso:
 * @iso: (nullable): a date as the API writes it
 *
 * Returns: (transfer full): "1959-03-10" → "10-03-1959"; anything else
 *   as it is, "" for %NULL
 */
char *
gil_date_field_from_iso (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%.2s-%.2s-%.4s", iso + 8, iso + 5, iso);
}

/**
 * gil_date_field_to_iso:
 * @text: what the clerk typed
 *
 * Returns: (transfer full): "10-03-1959" (or 10/03/1959) → "1959-03-10";
 *   anything else as typed, trimmed, for the manager to refuse with its
 *   own message
 */
char *
gil_date_field_to_iso (const char *text)
{
  g_autofree char *clean = NULL;
  unsigned d, m, y;

  g_return_val_if_fail (text != NULL, NULL);

  clean = g_strstrip (g_strdup (text));
  if (strlen (clean) == 10 && (clean[2] == '-' || clean[2] == '/') &&
      sscanf (clean, "%2u%*c%2u%*c%4u", &d, &m, &y) == 3)
    return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
  return g_steal_pointer (&clean);
}
