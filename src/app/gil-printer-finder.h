/* gil-printer-finder.h — the printer a kiosk prints on, found without a
 * dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void  gil_printer_finder_find_async  (guint                wait_ms,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char *gil_printer_finder_find_finish (GAsyncResult        *result,
                                      GError             **error);
void  gil_printer_finder_forget      (void);

G_END_DECLS
