/* gil-outcome-dialog.h — "Visit Outcome": how a visit ends when the room
 * finishes its last stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-stop-item.h"
#include "gil-terms.h"

G_BEGIN_DECLS

/**
 * GilOutcomeChosenFunc:
 * @outcome: home, referred or died
 * @referred_to: (nullable): where a referred patient goes; %NULL otherwise
 * @user_data: as given
 *
 * Called once the nurse has pressed "Finish"; never for a dialog closed
 * another way (Escape, "Cancel").
 */
typedef void (*GilOutcomeChosenFunc) (GilOutcome  outcome,
                                      const char *referred_to,
                                      gpointer    user_data);

GtkWidget *gil_outcome_dialog_new (GtkWindow            *parent,
                                   GilStopItem          *item,
                                   GilOutcomeChosenFunc  func,
                                   gpointer              user_data,
                                   GDestroyNotify        destroy);

G_END_DECLS
