/* gil-commands.h — what `giliran` does from a shell, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gil-connection.h"

G_BEGIN_DECLS

/**
 * GilCommandLine:
 * @manager: `--manager`, the queue server's address
 * @token_file: `--token-file`
 * @fingerprint: `--fingerprint`, or %NULL
 * @period: `--export-report`, or %NULL
 * @output: `--output`, or %NULL
 * @csv_separator: `--csv-separator`, or %NULL
 * @wait_target: the minutes a report counts as a long wait
 * @pairing_role: `--pairing-code`, or %NULL
 * @rooms: `--room`, room codes, or %NULL
 *
 * The options of a command that runs with no window.
 */
typedef struct
{
  const char         *manager;
  const char         *token_file;
  const char         *fingerprint;
  const char         *period;
  const char         *output;
  const char         *csv_separator;
  int                 wait_target;
  const char         *pairing_role;
  const char * const *rooms;
} GilCommandLine;

char *gil_commands_read_token         (const char  *path,
                                       GError     **error);
char *gil_commands_pinned_fingerprint (const char  *url,
                                       const char  *fingerprint,
                                       const char  *token_file);
int   gil_commands_export_report      (const GilCommandLine *line);
int   gil_commands_pairing_code       (const GilCommandLine *line);

G_END_DECLS
