/* gil-test-files.h — reading back the files a test had written, with the
 * tools a person would use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gil_test_run_tool (const char * const *argv);
char *gil_test_zip_part (const char         *zip,
                         const char         *part);

G_END_DECLS
