/* gil-label.c — labels the pages make in code
 *
 * A label appended to a box with its style and its name, and a label that
 * shows a message only while there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-label.h"

/**
 * gil_label_append:
 * @box: a #GtkBox
 * @css_class: its style
 * @name: how tests and tools find it
 *
 * Returns: (transfer none): a new label at the end of @box
 */
GtkLabel *
gil_label_append (GtkWidget  *box,
                  const char *css_class,
                  const char *name)
{
  GtkWidget *label;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  label = gtk_label_new (NULL);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (box), label);
  return GTK_LABEL (label);
}

/**
 * gil_label_set_optional:
 * @text: (nullable): what it says; %NULL hides it
 *
 * Sets a label that may be empty, hiding it then.
 */
void
gil_label_set_optional (GtkLabel   *label,
                        const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}
