/* gil-dialog.h — the two answers of a question the app asks, and the
 * pieces its dialogs are built of
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
GtkListBox *gil_dialog_list_new      (const char       *name,
                                      const char       *label);
GtkWidget  *gil_dialog_radio_row_new (const char       *title,
                                      GtkCheckButton   *group,
                                      GtkCheckButton  **check);

G_END_DECLS
