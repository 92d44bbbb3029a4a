/* gil-fuzz.h — what every libFuzzer target of ours declares and does first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

int LLVMFuzzerInitialize    (int           *argc,
                             char        ***argv);
int LLVMFuzzerTestOneInput  (const guint8  *data,
                             size_t         size);

/* A critical warning is a bug the fuzzer should stop at. */
static inline void
gil_fuzz_make_warnings_fatal (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}
