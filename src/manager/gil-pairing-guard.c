/* gil-pairing-guard.c — how many wrong pairing codes may be tried
 *
 * A pairing code is six digits: one guess in a million hits a given open
 * code. Three limits keep guessing from adding up:
 *
 * - one address may send GIL_PAIRING_HOST_TRIES_MAX wrong codes in a
 *   window of ten minutes, then waits for the window to end;
 * - all addresses together may send GIL_PAIRING_TRIES_MAX in the ten
 *   minutes before now, then every address waits until the oldest of them
 *   is ten minutes old, so many addresses guess no faster than one;
 * - a wrong guess cannot be told apart from a typo at a particular code,
 *   so it counts against every code open at the time: when
 *   GIL_PAIRING_CODE_TRIES_MAX wrong codes have come since the codes were
 *   last withdrawn, the open ones are withdrawn (the caller removes them).
 *   A code lives ten minutes, so a quiet spell that long (no wrong code at
 *   all) means no open code has faced any, and the count starts again.
 *
 * Each code so faces at most GIL_PAIRING_CODE_TRIES_MAX guesses: with k
 * codes open, a sweep's chance is at most k in 100,000. The price is that
 * strangers' wrong codes can close pairing for everyone for some minutes,
 * and withdraw a code the admin just made; the admin makes another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-pairing-guard.h"

typedef struct
{
  gint64 first;   /* monotonic time of the first wrong code in the window */
  guint  count;
} HostTries;

struct _GilPairingGuard
{
  GHashTable *hosts;      /* remote address → HostTries */
  GQueue      recent;     /* times of the wrong codes of the last window, oldest first */
  guint       at_codes;   /* wrong codes since the open codes were last withdrawn */
  gint64      last_wrong; /* monotonic time of the last wrong code; 0 if none */
};

GilPairingGuard *
gil_pairing_guard_new (void)
{
  GilPairingGuard *self = g_new0 (GilPairingGuard, 1);

  self->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_queue_init (&self->recent);
  return self;
}

void
gil_pairing_guard_free (GilPairingGuard *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->hosts);
  g_queue_clear_full (&self->recent, g_free);
  g_free (self);
}

static void
forget_old (GilPairingGuard *self,
            gint64           now)
{
  GHashTableIter iter;
  HostTries *tries;

  while (!g_queue_is_empty (&self->recent) &&
         now - *(gint64 *)g_queue_peek_head (&self->recent) >= GIL_PAIRING_WINDOW_US)
    g_free (g_queue_pop_head (&self->recent));

  /* An address is only added with a wrong code, and at most
   * GIL_PAIRING_TRIES_MAX of those count in a window: the table stays
   * small if the ones whose window ended go. */
  g_hash_table_iter_init (&iter, self->hosts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&tries))
    if (now - tries->first >= GIL_PAIRING_WINDOW_US)
      g_hash_table_iter_remove (&iter);
}

static gint64
seconds_until (gint64 then,
               gint64 now)
{
  return MAX ((then - now) / G_USEC_PER_SEC + 1, 1);
}

/**
 * gil_pairing_guard_check:
 * @host: (nullable): the address asking
 * @now: monotonic microseconds
 * @wait_s: (out): when refused, the seconds to wait
 *
 * Returns: whether a pairing code from @host may be tried now
 */
GilPairingVerdict
gil_pairing_guard_check (GilPairingGuard *self,
                         const char      *host,
                         gint64           now,
                         gint64          *wait_s)
{
  HostTries *tries;

  g_return_val_if_fail (self != NULL, GIL_PAIRING_ALL_BLOCKED);
  g_return_val_if_fail (wait_s != NULL, GIL_PAIRING_ALL_BLOCKED);

  forget_old (self, now);
  *wait_s = 0;
  if (g_queue_get_length (&self->recent) >= GIL_PAIRING_TRIES_MAX)
    {
      *wait_s = seconds_until (*(gint64 *)g_queue_peek_head (&self->recent) + GIL_PAIRING_WINDOW_US, now);
      return GIL_PAIRING_ALL_BLOCKED;
    }
  tries = host != NULL ? g_hash_table_lookup (self->hosts, host) : NULL;
  if (tries != NULL && tries->count >= GIL_PAIRING_HOST_TRIES_MAX)
    {
      *wait_s = seconds_until (tries->first + GIL_PAIRING_WINDOW_US, now);
      return GIL_PAIRING_HOST_BLOCKED;
    }
  return GIL_PAIRING_ALLOWED;
}

/**
 * gil_pairing_guard_record_wrong:
 * @host: (nullable): the address that sent a wrong code
 *
 * Returns: %TRUE when the open codes are to be withdrawn now
 */
gboolean
gil_pairing_guard_record_wrong (GilPairingGuard *self,
                                const char      *host,
                                gint64           now)
{
  gint64 *time;

  g_return_val_if_fail (self != NULL, TRUE);

  forget_old (self, now);
  if (host != NULL)
    {
      HostTries *tries = g_hash_table_lookup (self->hosts, host);

      if (tries == NULL)
        {
          tries = g_new0 (HostTries, 1);
          tries->first = now;
          g_hash_table_insert (self->hosts, g_strdup (host), tries);
        }
      tries->count++;
    }

  time = g_new (gint64, 1);
  *time = now;
  g_queue_push_tail (&self->recent, time);

  if (self->last_wrong != 0 && now - self->last_wrong >= GIL_PAIRING_WINDOW_US)
    self->at_codes = 0;
  self->last_wrong = now;
  if (++self->at_codes < GIL_PAIRING_CODE_TRIES_MAX)
    return FALSE;
  self->at_codes = 0;
  return TRUE;
}
