/* gil-range-dialog.c — "Date Range": the first and last day of a report
 *
 * Two date fields, typed day first as the desk types dates (DD-MM-YYYY,
 * gil-date-field.c). While the range is not one the manager takes (a day
 * that is not a date, the last before the first, a day after today, more
 * than 366 days) the dialog says why under the fields and "Show" stays
 * off, so a bad range loads nothing. Escape or "Cancel" shows nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-date.h"
#include "gil-date-field.h"
#include "gil-dialog.h"
#include "gil-range-dialog.h"

typedef struct
{
  AdwEntryRow        *from;
  AdwEntryRow        *to;
  GtkLabel           *problem;
  GilRangeChosenFunc  func;
  gpointer            user_data;
  GDestroyNotify      destroy;
} Range;

static void
range_free (Range *range)
{
  if (range->destroy != NULL)
    range->destroy (range->user_data);
  g_free (range);
}

/**
 * gil_range_check:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, YYYY-MM-DD
 * @today: today, YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): what is wrong with the range, to
 *   be shown; %NULL for a range the manager takes
 */
char *
gil_range_check (const char *from,
                 const char *to,
                 const char *today)
{
  GDate first, last, now;

  g_return_val_if_fail (today != NULL, NULL);

  if (!gil_date_parse (from, &first))
    return g_strdup (_("The first day is not a date: type it as DD-MM-YYYY."));
  if (!gil_date_parse (to, &last))
    return g_strdup (_("The last day is not a date: type it as DD-MM-YYYY."));
  if (g_date_compare (&first, &last) > 0)
    return g_strdup (_("The first day comes after the last day."));
  if (gil_date_parse (today, &now) && g_date_compare (&last, &now) > 0)
    return g_strdup (_("The last day is after today."));
  if (g_date_days_between (&first, &last) >= GIL_RANGE_DAYS_MAX)
    return g_strdup_printf (_("A range is at most %d days."), GIL_RANGE_DAYS_MAX);
  return NULL;
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Returns: (transfer full) (nullable): the problem of the typed range */
static char *
check_typed (Range  *range,
             char  **from,
             char  **to)
{
  g_autofree char *today = today_text ();

  *from = gil_date_field_to_iso (gtk_editable_get_text (GTK_EDITABLE (range->from)));
  *to = gil_date_field_to_iso (gtk_editable_get_text (GTK_EDITABLE (range->to)));
  return gil_range_check (*from, *to, today);
}

static void
update (AdwMessageDialog *dialog)
{
  Range *range = g_object_get_data (G_OBJECT (dialog), "gil-range");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *problem = check_typed (range, &from, &to);

  gtk_label_set_text (range->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (range->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (dialog, "show", problem == NULL);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                Range            *range)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *problem = NULL;

  if (!g_str_equal (response, "show"))
    return;
  problem = check_typed (range, &from, &to);
  if (problem == NULL)
    range->func (from, to, range->user_data);
}

static AdwEntryRow *
date_row (const char *title,
          const char *name,
          const char *iso)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  g_autofree char *text = gil_date_field_from_iso (iso);

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return row;
}

static GtkWidget *
build_fields (Range      *range,
              const char *from,
              const char *to)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = GTK_WIDGET (gil_dialog_list_new (NULL, _("Date Range")));

  range->from = date_row (_("First Day"), "range-from", from);
  range->to = date_row (_("Last Day"), "range-to", to);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (range->from));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (range->to));
  gtk_box_append (GTK_BOX (box), list);

  range->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (range->problem), "range-problem");
  gtk_label_set_wrap (range->problem, TRUE);
  gtk_label_set_xalign (range->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (range->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (range->problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (range->problem));
  return box;
}

/**
 * gil_range_dialog_new:
 * @parent: the window the dialog belongs to
 * @from: the first day to start from, YYYY-MM-DD
 * @to: the last day to start from, YYYY-MM-DD
 * @func: called with the range when "Show" is pressed
 * @destroy: (nullable): frees @user_data when the dialog goes
 *
 * Returns: (transfer none): the dialog, to be presented
 */
GtkWidget *
gil_range_dialog_new (GtkWindow          *parent,
                      const char         *from,
                      const char         *to,
                      GilRangeChosenFunc  func,
                      gpointer            user_data,
                      GDestroyNotify      destroy)
{
  GtkWidget *dialog;
  Range *range;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  range = g_new0 (Range, 1);
  range->func = func;
  range->user_data = user_data;
  range->destroy = destroy;

  dialog = adw_message_dialog_new (parent, _("Date Range"),
                                   _("The report of the days from the first to the last, as a month’s. "
                                     "Type the days as DD-MM-YYYY."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), build_fields (range, from, to));
  gil_dialog_set_answers (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "show", _("_Show"),
                          ADW_RESPONSE_SUGGESTED);

  g_object_set_data_full (G_OBJECT (dialog), "gil-range", range, (GDestroyNotify)range_free);
  g_signal_connect_object (range->from, "changed", G_CALLBACK (update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (range->to, "changed", G_CALLBACK (update), dialog, G_CONNECT_SWAPPED);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), range);
  update (ADW_MESSAGE_DIALOG (dialog));
  return dialog;
}
