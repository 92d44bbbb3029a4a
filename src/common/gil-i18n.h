/* gil-i18n.h — where Giliran finds its translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void gil_i18n_init (gboolean indonesian_by_default);

G_END_DECLS
