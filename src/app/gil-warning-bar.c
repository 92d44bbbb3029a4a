/* gil-warning-bar.c — a warning that stays until it is acknowledged
 *
 * The manager's warning about a patient just saved (a NIK that disagrees
 * with the birth date or sex) stays on show, whatever the desk does
 * next, until the clerk presses "Understood". While it is shown,
 * gil_warning_bar_get_text() returns it, and the desk registers nobody.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-warning-bar.h"

struct _GilWarningBar
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkWidget   *button;
};

G_DEFINE_FINAL_TYPE (GilWarningBar, gil_warning_bar, GTK_TYPE_WIDGET)

enum
{
  ACKNOWLEDGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_acknowledge_cb (GilWarningBar *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_label_set_text (self->label, "");
  g_signal_emit (self, signals[ACKNOWLEDGED], 0);
}

static void
gil_warning_bar_dispose (GObject *object)
{
  GilWarningBar *self = GIL_WARNING_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (gil_warning_bar_parent_class)->dispose (object);
}

static void
gil_warning_bar_class_init (GilWarningBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_warning_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);

  /**
   * GilWarningBar::acknowledged:
   *
   * The clerk pressed "Understood".
   */
  signals[ACKNOWLEDGED] = g_signal_new ("acknowledged", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
gil_warning_bar_init (GilWarningBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  self->button = gtk_button_new_with_mnemonic (_("_Understood"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (on_acknowledge_cb), self);
  gtk_widget_add_css_class (box, "patient-warning");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), self->button);
  gtk_revealer_set_child (self->revealer, box);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
gil_warning_bar_new (void)
{
  return g_object_new (GIL_TYPE_WARNING_BAR, NULL);
}

/**
 * gil_warning_bar_show:
 *
 * Shows @text until the clerk acknowledges it; a warning already on show
 * is kept before it.
 */
void
gil_warning_bar_show (GilWarningBar *self,
                      const char    *text)
{
  const char *shown;
  g_autofree char *both = NULL;

  g_return_if_fail (GIL_IS_WARNING_BAR (self));
  g_return_if_fail (text != NULL);

  shown = gil_warning_bar_get_text (self);
  if (shown != NULL)
    text = both = g_strconcat (shown, "\n", text, NULL);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

/**
 * gil_warning_bar_get_text:
 *
 * Returns: (nullable): the warning on show, or %NULL once acknowledged
 */
const char *
gil_warning_bar_get_text (GilWarningBar *self)
{
  g_return_val_if_fail (GIL_IS_WARNING_BAR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self)) ? gtk_label_get_text (self->label) : NULL;
}

/**
 * gil_warning_bar_focus:
 *
 * Puts the keyboard focus on "Understood".
 */
void
gil_warning_bar_focus (GilWarningBar *self)
{
  g_return_if_fail (GIL_IS_WARNING_BAR (self));

  gtk_widget_grab_focus (self->button);
}
