/* gil-unidentified-dialog.h — registrasi menyusul at the desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "gil-connection.h"

G_BEGIN_DECLS

/* @reply: (nullable): the visit or patient the manager answered, or
 * %NULL with @error set; neither when the clerk cancelled */
typedef void (*GilDeskDoneFunc) (JsonObject *reply,
                                 GError     *error,
                                 gpointer    user_data);

void gil_unidentified_dialog_present (GtkWindow       *parent,
                                      GilConnection   *connection,
                                      GCancellable    *cancellable,
                                      GilDeskDoneFunc  done,
                                      gpointer         user_data);
void gil_identify_dialog_present     (GtkWindow       *parent,
                                      GilConnection   *connection,
                                      JsonObject      *patient,
                                      GCancellable    *cancellable,
                                      GilDeskDoneFunc  done,
                                      gpointer         user_data);
void gil_merge_dialog_present        (GtkWindow       *parent,
                                      GilConnection   *connection,
                                      JsonObject      *patient,
                                      GCancellable    *cancellable,
                                      GilDeskDoneFunc  done,
                                      gpointer         user_data);

G_END_DECLS
