/* gil-pairing-guard.h — how many wrong pairing codes may be tried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wrong codes from one address within the window; then that address waits. */
#define GIL_PAIRING_HOST_TRIES_MAX 5
/* Wrong codes from every address together within the window; then every
 * address waits. */
#define GIL_PAIRING_TRIES_MAX 30
/* Wrong codes any open code may face: at this many the open codes are
 * withdrawn. */
#define GIL_PAIRING_CODE_TRIES_MAX 10
/* As long as a code lives (GIL_PAIRING_CODE_LIFETIME). */
#define GIL_PAIRING_WINDOW_US (10 * G_TIME_SPAN_MINUTE)

typedef struct _GilPairingGuard GilPairingGuard;

typedef enum
{
  GIL_PAIRING_ALLOWED,
  GIL_PAIRING_HOST_BLOCKED,  /* this address sent too many wrong codes */
  GIL_PAIRING_ALL_BLOCKED,   /* all addresses together did */
} GilPairingVerdict;

GilPairingGuard   *gil_pairing_guard_new          (void);
void               gil_pairing_guard_free         (GilPairingGuard *self);
GilPairingVerdict  gil_pairing_guard_check        (GilPairingGuard *self,
                                                   const char      *host,
                                                   gint64           now,
                                                   gint64          *wait_s);
gboolean           gil_pairing_guard_record_wrong (GilPairingGuard *self,
                                                   const char      *host,
                                                   gint64           now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilPairingGuard, gil_pairing_guard_free)

G_END_DECLS
