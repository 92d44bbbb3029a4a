/* gil-dialog.h — the two answers of a question the app asks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void gil_dialog_set_answers (AdwMessageDialog      *dialog,
                             const char            *close_id,
                             const char            *close_label,
                             const char            *id,
                             const char            *label,
                             AdwResponseAppearance  appearance);

G_END_DECLS
