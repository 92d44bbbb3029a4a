/* gil-nik-autofill.h — birth date and sex from a NIK as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _GilNikAutofill GilNikAutofill;

GilNikAutofill *gil_nik_autofill_new   (AdwEntryRow   *nik_row,
                                        AdwEntryRow   *birth_row,
                                        AdwComboRow   *sex_row,
                                        guint          female_item,
                                        guint          male_item,
                                        GtkLabel      *note);
void            gil_nik_autofill_reset (GilNikAutofill *self);
gboolean        gil_nik_autofill_check (GilNikAutofill *self);
void            gil_nik_autofill_free  (GilNikAutofill *self);

G_END_DECLS
