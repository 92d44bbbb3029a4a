/* gil-date.c — dates as the API writes them
 *
 * GLib only: the app shares it with the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "gil-date.h"

/**
 * gil_date_parse:
 *
 * Returns: whether @text is a real date written YYYY-MM-DD
 */
gboolean
gil_date_parse (const char *text,
                GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* The local time zone, read once: GLib would look it up again for every
 * local time made (g_date_time_new_from_unix_local()), at a cost that
 * showed in every request the manager answers. */
static GTimeZone *
local_zone (void)
{
  static gsize zone = 0;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, (gsize)g_time_zone_new_local ());
  return (GTimeZone *)zone;
}

/* @unix_seconds in local time: its parts, and the zone's offset then. */
static void
local_parts (gint64     unix_seconds,
             struct tm *parts,
             gint32    *offset)
{
  GTimeZone *zone = local_zone ();
  gint interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_seconds);
  time_t local;

  *offset = interval >= 0 ? g_time_zone_get_offset (zone, interval) : 0;
  local = (time_t)(unix_seconds + *offset);
  gmtime_r (&local, parts);
}

/**
 * gil_date_format_local_day:
 *
 * Returns: (transfer full): the local date of @unix_seconds, YYYY-MM-DD
 */
char *
gil_date_format_local_day (gint64 unix_seconds)
{
  struct tm parts;
  gint32 offset;

  local_parts (unix_seconds, &parts, &offset);
  return g_strdup_printf ("%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday);
}

/**
 * gil_date_format_local_time:
 *
 * Returns: (transfer full): @unix_seconds in RFC 3339, in local time with
 *   its offset, e.g. 2026-11-22T08:15:03+08:00
 */
char *
gil_date_format_local_time (gint64 unix_seconds)
{
  struct tm parts;
  gint32 offset;
  gint32 minutes;

  local_parts (unix_seconds, &parts, &offset);
  minutes = ABS (offset) / 60;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                          parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                          parts.tm_hour, parts.tm_min, parts.tm_sec,
                          offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

/**
 * gil_date_local_hour:
 *
 * Returns: the local hour of @unix_seconds, 0 to 23
 */
int
gil_date_local_hour (gint64 unix_seconds)
{
  struct tm parts;
  gint32 offset;

  local_parts (unix_seconds, &parts, &offset);
  return parts.tm_hour;
}
