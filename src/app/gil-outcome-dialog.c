/* gil-outcome-dialog.c — "Visit Outcome": how a visit ends when the room
 * finishes its last stop
 *
 * Three choices, each a row with a radio button: Home (chosen, so Enter
 * finishes as most visits end), Referred and Died. Referred asks where to
 * in an entry of its own, and "Finish" waits until it says something.
 * Escape or "Cancel" finishes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-dialog.h"
#include "gil-outcome-dialog.h"

typedef struct
{
  GtkCheckButton       *checks[GIL_OUTCOME_DIED + 1];  /* index NONE unused */
  AdwEntryRow          *referred_to;
  GilOutcomeChosenFunc  func;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  if (outcome->destroy != NULL)
    outcome->destroy (outcome->user_data);
  g_free (outcome);
}

static GilOutcome
chosen (Outcome *outcome)
{
  for (guint i = GIL_OUTCOME_HOME; i <= GIL_OUTCOME_DIED; i++)
    if (gtk_check_button_get_active (outcome->checks[i]))
      return i;
  return GIL_OUTCOME_NONE;
}

/* Returns: (transfer full) (nullable): where to, trimmed; %NULL if blank */
static char *
dup_referred_to (Outcome *outcome)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (outcome->referred_to)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
update (AdwMessageDialog *dialog)
{
  Outcome *outcome = g_object_get_data (G_OBJECT (dialog), "gil-outcome");
  gboolean referred = chosen (outcome) == GIL_OUTCOME_REFERRED;
  g_autofree char *place = dup_referred_to (outcome);

  gtk_widget_set_visible (GTK_WIDGET (outcome->referred_to), referred);
  adw_message_dialog_set_response_enabled (dialog, "finish",
                                           chosen (outcome) != GIL_OUTCOME_NONE && (!referred || place != NULL));
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Outcome          *outcome)
{
  GilOutcome which = chosen (outcome);
  g_autofree char *place = dup_referred_to (outcome);

  if (!g_str_equal (response, "finish") || which == GIL_OUTCOME_NONE ||
      (which == GIL_OUTCOME_REFERRED && place == NULL))
    return;
  outcome->func (which, which == GIL_OUTCOME_REFERRED ? place : NULL, outcome->user_data);
}

/* A choice's row: its label and a radio button, in @group unless first. */
static GtkWidget *
choice_row (Outcome        *outcome,
            GilOutcome      which,
            GtkCheckButton *group)
{
  return gil_dialog_radio_row_new (gil_outcome_label (which), group, &outcome->checks[which]);
}

static GtkWidget *
build_choices (Outcome *outcome)
{
  GtkWidget *list = GTK_WIDGET (gil_dialog_list_new ("outcomes", _("Visit Outcome")));
  GtkWidget *text;

  for (guint i = GIL_OUTCOME_HOME; i <= GIL_OUTCOME_DIED; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         choice_row (outcome, i, i > GIL_OUTCOME_HOME ? outcome->checks[GIL_OUTCOME_HOME] : NULL));
  gtk_check_button_set_active (outcome->checks[GIL_OUTCOME_HOME], TRUE);

  outcome->referred_to = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (outcome->referred_to), "referred-to");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (outcome->referred_to), _("Referred To"));
  adw_entry_row_set_activates_default (outcome->referred_to, TRUE);
  text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (outcome->referred_to)));
  if (GTK_IS_TEXT (text))
    gtk_text_set_max_length (GTK_TEXT (text), GIL_REFERRED_TO_MAX);
  gtk_widget_set_visible (GTK_WIDGET (outcome->referred_to), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (outcome->referred_to));
  return list;
}

/**
 * gil_outcome_dialog_new:
 * @parent: the window the dialog belongs to
 * @item: the stop being finished, the visit's last
 * @func: called with the outcome when "Finish" is pressed
 * @destroy: (nullable): frees @user_data when the dialog goes
 *
 * Returns: (transfer none): the dialog, to be presented
 */
GtkWidget *
gil_outcome_dialog_new (GtkWindow            *parent,
                        GilStopItem          *item,
                        GilOutcomeChosenFunc  func,
                        gpointer              user_data,
                        GDestroyNotify        destroy)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  Outcome *outcome;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GIL_IS_STOP_ITEM (item), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  outcome = g_new0 (Outcome, 1);
  outcome->func = func;
  outcome->user_data = user_data;
  outcome->destroy = destroy;

  /* TRANSLATORS: %s is the ticket, e.g. D-001 */
  body = g_strdup_printf (_("%s is done here. How does the visit end?"), gil_stop_item_get_ticket (item));
  dialog = adw_message_dialog_new (parent, _("Visit Outcome"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_choices (outcome));
  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "finish", _("_Finish"),
                          ADW_RESPONSE_SUGGESTED);

  g_object_set_data_full (G_OBJECT (dialog), "gil-outcome", outcome, (GDestroyNotify)outcome_free);
  for (guint i = GIL_OUTCOME_HOME; i <= GIL_OUTCOME_DIED; i++)
    g_signal_connect_object (outcome->checks[i], "toggled", G_CALLBACK (update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (outcome->referred_to, "changed", G_CALLBACK (update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), outcome);
  return dialog;
}
