/* gil-dialog.c — the two answers of a question the app asks, and the
 * pieces its dialogs are built of
 *
 * Most of the app's message dialogs ask one thing: an answer that does it
 * (Enter gives it) and one that leaves things as they are (Escape gives
 * it). What they ask sits in a boxed list; one choice of several is a
 * row with a radio button.
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

/**
 * gil_dialog_list_new:
 * @name: (nullable): the list's widget name
 * @label: (nullable): what a screen reader calls the list
 *
 * Returns: (transfer floating): a boxed list whose rows are not selected
 *   but worked
 */
GtkListBox *
gil_dialog_list_new (const char *name,
                     const char *label)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  if (name != NULL)
    gtk_widget_set_name (GTK_WIDGET (list), name);
  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return list;
}

/**
 * gil_dialog_radio_row_new:
 * @title: the choice
 * @group: (nullable): the first choice's button; %NULL for the first
 * @check: (out) (transfer none): the row's radio button
 *
 * Returns: (transfer floating): a row for one choice of several, worked
 *   by activating it, its radio button in @group
 */
GtkWidget *
gil_dialog_radio_row_new (const char      *title,
                          GtkCheckButton  *group,
                          GtkCheckButton **check)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_check_button_new ();

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (check != NULL, NULL);

  gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  *check = GTK_CHECK_BUTTON (button);
  return row;
}
