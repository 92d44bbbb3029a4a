/* gil-counter.c — the counter (meja) a room's call comes from
 *
 * A room with two PCs has two counters: each PC is given its number in
 * Preferences (a setting of that computer, the counter GSettings key, so it
 * survives restarts and needs no admin), sends it with each call and
 * recall, and the manager keeps it on the stop. The display, the room
 * page and the announcement then say which counter called: "Ruang Usia
 * Dewasa, meja 2". A room of one PC leaves it at 0 and nothing changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-counter.h"

/**
 * gil_counter_label:
 * @counter: a counter number, 1 or more
 *
 * Returns: (transfer full): "meja 2"
 */
char *
gil_counter_label (guint counter)
{
  /* TRANSLATORS: the counter (meja) of a room that made a call */
  return g_strdup_printf (_("counter %u"), counter);
}

/**
 * gil_counter_room_label:
 * @room_name: the room's name
 * @counter: the counter that called; 0 for none
 *
 * Returns: (transfer full): where a called patient goes: "Ruang Usia
 *   Dewasa, meja 2", or the room's name alone
 */
char *
gil_counter_room_label (const char *room_name,
                        guint       counter)
{
  g_return_val_if_fail (room_name != NULL, NULL);

  if (counter == 0)
    return g_strdup (room_name);
  /* TRANSLATORS: where a called patient goes: room name, counter number */
  return g_strdup_printf (_("%s, counter %u"), room_name, counter);
}

/**
 * gil_counter_get_own:
 * @settings: the app's settings
 *
 * Returns: this computer's counter in its room, sent with each call-next,
 *   call and recall (gil-connection-stops.h); 0 for none
 */
guint
gil_counter_get_own (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);

  return (guint)MAX (g_settings_get_int (settings, GIL_COUNTER_KEY), 0);
}
