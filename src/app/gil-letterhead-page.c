/* gil-letterhead-page.c — the admin's page for what printed reports carry
 *
 * The letterhead (the regency or city government, its health office, the
 * puskesmas's address), the signature (the head of the puskesmas's name
 * and NIP) and the age-band set the reports use: the manager's profile,
 * so every station prints the same. Each row is saved on its own when it
 * is applied, the age bands when chosen; a value the manager refuses (a
 * NIP that is not 18 digits) is said in a toast with the manager's own
 * message, the row keeps what was typed to be corrected, and the profile
 * stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gil-connection-profile.h"
#include "gil-letterhead-page.h"
#include "gil-preferences-window.h"

/* The text rows, in the order of fields[]. */
enum
{
  ROW_REGION,
  ROW_HEALTH_OFFICE,
  ROW_ADDRESS,
  ROW_HEAD_NAME,
  ROW_HEAD_NIP,
  N_ROWS
};

struct _GilLetterheadPage
{
  AdwPreferencesPage  parent_instance;

  GilConnection      *connection;
  GCancellable       *cancellable;

  AdwEntryRow        *rows[N_ROWS];
  AdwComboRow        *age_bands_row;
};

G_DEFINE_FINAL_TYPE (GilLetterheadPage, gil_letterhead_page, ADW_TYPE_PREFERENCES_PAGE)

/* Each text row: its id in the template, and the profile field it shows. */
static const struct
{
  const char  *id;
  const char *(*get) (GilProfile *profile);
  void        (*set) (GilProfileChanges *changes,
                      const char        *value);
} fields[N_ROWS] = {
  [ROW_REGION] = { "region_row", gil_profile_get_region, gil_profile_changes_set_region },
  [ROW_HEALTH_OFFICE] = { "health_office_row", gil_profile_get_health_office,
                          gil_profile_changes_set_health_office },
  [ROW_ADDRESS] = { "address_row", gil_profile_get_address, gil_profile_changes_set_address },
  [ROW_HEAD_NAME] = { "head_name_row", gil_profile_get_head_name, gil_profile_changes_set_head_name },
  [ROW_HEAD_NIP] = { "head_nip_row", gil_profile_get_head_nip, gil_profile_changes_set_head_nip },
};

/* The age-band sets, in the order of the drop-down. */
static const char * const age_bands[] = { "giliran", "permenkes", "spm", NULL };

static void on_age_bands_selected_cb (GilLetterheadPage *self);

static void
show_text (GilLetterheadPage *self,
           guint              row,
           GilProfile        *profile)
{
  const char *value = fields[row].get (profile);

  gtk_editable_set_text (GTK_EDITABLE (self->rows[row]), value != NULL ? value : "");
}

static void
show_age_bands (GilLetterheadPage *self,
                GilProfile        *profile)
{
  const char *value = gil_profile_get_age_bands (profile);
  guint selected = 0;

  for (guint i = 0; age_bands[i] != NULL; i++)
    if (g_strcmp0 (value, age_bands[i]) == 0)
      selected = i;
  /* Showing the manager's value is not a change to send back. */
  g_signal_handlers_block_by_func (self->age_bands_row, on_age_bands_selected_cb, self);
  adw_combo_row_set_selected (self->age_bands_row, selected);
  g_signal_handlers_unblock_by_func (self->age_bands_row, on_age_bands_selected_cb, self);
}

static void
on_profile_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GilLetterheadPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilProfile) profile = NULL;

  profile = gil_connection_load_profile_finish (GIL_CONNECTION (source), result, &error);
  if (gil_preferences_window_report (GTK_WIDGET (self), error))
    return;
  for (guint i = 0; i < N_ROWS; i++)
    show_text (self, i, profile);
  show_age_bands (self, profile);
}

/* What a save was of: a text row, or N_ROWS for the age bands. */
typedef struct
{
  GilLetterheadPage *self;
  guint              row;
} Save;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autofree Save *save = user_data;
  g_autoptr(GilLetterheadPage) self = save->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilProfile) profile = NULL;
  GtkWidget *window;

  profile = gil_connection_update_profile_finish (GIL_CONNECTION (source), result, &error);
  if (gil_preferences_window_report (GTK_WIDGET (self), error))
    {
      /* The drop-down shows what is in force again; a row keeps what was
       * typed, to be corrected. */
      if (save->row == N_ROWS && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_age_bands (self, gil_connection_get_profile (self->connection));
      return;
    }
  if (save->row < N_ROWS)
    show_text (self, save->row, profile);
  else
    show_age_bands (self, profile);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (_("Saved")));
}

static void
save (GilLetterheadPage *self,
      guint              row,
      GilProfileChanges *changes)
{
  Save *data = g_new0 (Save, 1);

  data->self = g_object_ref (self);
  data->row = row;
  gil_connection_update_profile_async (self->connection, changes, self->cancellable, on_saved_cb, data);
}

static void
on_row_apply_cb (AdwEntryRow       *row,
                 GilLetterheadPage *self)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();

  for (guint i = 0; i < N_ROWS; i++)
    if (self->rows[i] == row)
      {
        fields[i].set (changes, gtk_editable_get_text (GTK_EDITABLE (row)));
        save (self, i, changes);
      }
}

static void
on_age_bands_selected_cb (GilLetterheadPage *self)
{
  g_autoptr(GilProfileChanges) changes = gil_profile_changes_new ();
  guint selected = adw_combo_row_get_selected (self->age_bands_row);

  if (selected >= G_N_ELEMENTS (age_bands) - 1)
    return;
  gil_profile_changes_set_age_bands (changes, age_bands[selected]);
  save (self, N_ROWS, changes);
}

static void
gil_letterhead_page_dispose (GObject *object)
{
  GilLetterheadPage *self = (GilLetterheadPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GIL_TYPE_LETTERHEAD_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (gil_letterhead_page_parent_class)->dispose (object);
}

static void
gil_letterhead_page_class_init (GilLetterheadPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gil_letterhead_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/giliran/Giliran/gil-letterhead-page.ui");
  for (guint i = 0; i < N_ROWS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, fields[i].id, FALSE,
                                               G_STRUCT_OFFSET (GilLetterheadPage, rows) +
                                               i * sizeof (AdwEntryRow *));
  gtk_widget_class_bind_template_child (widget_class, GilLetterheadPage, age_bands_row);
}

static void
gil_letterhead_page_init (GilLetterheadPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < N_ROWS; i++)
    g_signal_connect (self->rows[i], "apply", G_CALLBACK (on_row_apply_cb), self);
  g_signal_connect_swapped (self->age_bands_row, "notify::selected", G_CALLBACK (on_age_bands_selected_cb), self);
}

/**
 * gil_letterhead_page_new:
 *
 * The page, filled from the manager's profile as soon as it answers.
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
gil_letterhead_page_new (GilConnection *connection)
{
  GilLetterheadPage *self;

  g_return_val_if_fail (GIL_IS_CONNECTION (connection), NULL);

  self = g_object_new (GIL_TYPE_LETTERHEAD_PAGE, NULL);
  self->connection = g_object_ref (connection);
  gil_connection_load_profile_async (connection, self->cancellable, on_profile_loaded_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}
