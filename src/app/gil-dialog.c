/* gil-dialog.c — the two answers of a question the app asks
 *
 * Most of the app's message dialogs ask one thing: an answer that does it
 * (Enter gives it) and one that leaves things as they are (Escape gives
 * it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-dialog.h"

/**
 * gil_dialog_set_answers:
 * @close_id: the answer that changes nothing, given by Escape too
 * @close_label: its button
 * @id: the answer that does it, the default
 * @label: its button
 * @appearance: how its button looks
 *
 * Gives @dialog its two answers, in this order.
 */
void
gil_dialog_set_answers (AdwMessageDialog      *dialog,
                        const char            *close_id,
                        const char            *close_label,
                        const char            *id,
                        const char            *label,
                        AdwResponseAppearance  appearance)
{
  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (close_id != NULL && id != NULL);

  adw_message_dialog_add_responses (dialog, close_id, close_label, id, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, id, appearance);
  adw_message_dialog_set_default_response (dialog, id);
  adw_message_dialog_set_close_response (dialog, close_id);
}
