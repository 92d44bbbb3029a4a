/* gil-nik-autofill.c — birth date and sex from a NIK as it is typed
 *
 * A NIK holds its owner's birth date as DDMMYY, with 40 added to the day
 * for women. As soon as the sixteenth digit of a valid NIK is typed, the
 * empty birth date and sex are filled in from it; the clerk still checks
 * them with the patient and can change them. What the clerk typed is
 * never overwritten: when it disagrees with the NIK, the note under the
 * form says so. A NIK that cannot be right says why at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-nik.h"
#include "gil-label.h"
#include "gil-nik-autofill.h"

struct _GilNikAutofill
{
  AdwEntryRow *nik_row;
  AdwEntryRow *birth_row;
  AdwComboRow *sex_row;
  guint        female_item;
  guint        male_item;
  GtkLabel    *note;
  char        *filled_birth;  /* the birth date this filled in, as shown */
  guint        filled_sex;    /* the sex item this filled in, or 0 */
  gboolean     filling;       /* our own change, not the clerk's */
};

static const char * const note_classes[] = { "field-error", "field-warning", "dim-label" };

static void
set_note (GilNikAutofill *self,
          const char     *text,
          const char     *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (note_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->note), note_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->note), css_class);
  gil_label_set_optional (self->note, text);
}

/* The full birth date of a NIK's DDMMYY: this century unless that is
 * after today. */
static void
nik_birth_date (const GilNik *nik,
                GDate        *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint century = 2000;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_clear (date, 1);
  if (g_date_valid_dmy (nik->day, nik->month, century + nik->year_2digit))
    g_date_set_dmy (date, nik->day, nik->month, century + nik->year_2digit);
  if (!g_date_valid (date) || g_date_compare (date, &today) > 0)
    g_date_set_dmy (date, nik->day, nik->month, 1900 + nik->year_2digit);
}

/* "05-07-1980" or "1980-07-05" → a date; FALSE for anything else. */
static gboolean
typed_date (const char *text,
            GDate      *date)
{
  unsigned d = 0, m = 0, y = 0;
  gboolean read = FALSE;

  g_date_clear (date, 1);
  if (strlen (text) != 10)
    return FALSE;
  if (text[2] == '-' || text[2] == '/')
    read = sscanf (text, "%2u%*c%2u%*c%4u", &d, &m, &y) == 3;
  else if (text[4] == '-')
    read = sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3;
  if (!read || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
fill (GilNikAutofill *self,
      const char     *birth_text,
      guint           sex_item)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->birth_row));
  guint sex = adw_combo_row_get_selected (self->sex_row);

  self->filling = TRUE;
  if (*typed == '\0' || g_strcmp0 (typed, self->filled_birth) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->birth_row), birth_text);
      g_free (self->filled_birth);
      self->filled_birth = g_strdup (birth_text);
    }
  if ((sex != self->female_item && sex != self->male_item) || sex == self->filled_sex)
    {
      adw_combo_row_set_selected (self->sex_row, sex_item);
      self->filled_sex = sex_item;
    }
  self->filling = FALSE;
}

static void
update (GilNikAutofill *self)
{
  g_autofree char *nik_text = NULL;
  g_autofree char *birth_text = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GError) error = NULL;
  GilNik nik;
  GDate birth;
  GDate typed_birth;
  guint sex_item;

  if (self->filling)
    return;
  nik_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->nik_row))));
  gtk_widget_remove_css_class (GTK_WIDGET (self->nik_row), "error");
  /* Still being typed: nothing to say yet. */
  if (strlen (nik_text) < 16 && strspn (nik_text, "0123456789") == strlen (nik_text))
    {
      set_note (self, NULL, NULL);
      return;
    }
  if (!gil_nik_parse (nik_text, &nik, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->nik_row), "error");
      set_note (self, error->message, "field-error");
      return;
    }

  nik_birth_date (&nik, &birth);
  birth_text = g_strdup_printf ("%02u-%02u-%04u", g_date_get_day (&birth),
                                g_date_get_month (&birth), g_date_get_year (&birth));
  sex_item = nik.female ? self->female_item : self->male_item;
  fill (self, birth_text, sex_item);

  typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->birth_row))));
  if ((typed_date (typed, &typed_birth) && g_date_compare (&typed_birth, &birth) == 0 &&
       adw_combo_row_get_selected (self->sex_row) == sex_item))
    {
      set_note (self, _("Date of birth and sex filled in from the NIK; check them with the patient."),
                "dim-label");
      return;
    }
  {
    /* TRANSLATORS: the birth date and sex (female/male) a NIK holds */
    g_autofree char *warning = g_strdup_printf (_("The NIK says born %s, %s. Check the date of "
                                                  "birth and sex with the patient."),
                                                birth_text, nik.female ? _("female") : _("male"));

    set_note (self, warning, "field-warning");
  }
}

/**
 * gil_nik_autofill_new:
 * @female_item: @sex_row's item for a woman
 * @male_item: @sex_row's item for a man
 * @note: where to say what was filled in, or what is wrong
 *
 * Watches @nik_row and fills @birth_row and @sex_row from it. Free it
 * before the rows go.
 */
GilNikAutofill *
gil_nik_autofill_new (AdwEntryRow *nik_row,
                      AdwEntryRow *birth_row,
                      AdwComboRow *sex_row,
                      guint        female_item,
                      guint        male_item,
                      GtkLabel    *note)
{
  GilNikAutofill *self;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (nik_row), NULL);
  g_return_val_if_fail (ADW_IS_ENTRY_ROW (birth_row), NULL);
  g_return_val_if_fail (ADW_IS_COMBO_ROW (sex_row), NULL);
  g_return_val_if_fail (GTK_IS_LABEL (note), NULL);

  self = g_new0 (GilNikAutofill, 1);
  self->nik_row = nik_row;
  self->birth_row = birth_row;
  self->sex_row = sex_row;
  self->female_item = female_item;
  self->male_item = male_item;
  self->note = note;
  self->filled_sex = G_MAXUINT;
  g_signal_connect_swapped (nik_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (birth_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (sex_row, "notify::selected", G_CALLBACK (update), self);
  return self;
}

/**
 * gil_nik_autofill_reset:
 *
 * Forgets what it filled in and hides the note: a new, empty form.
 */
void
gil_nik_autofill_reset (GilNikAutofill *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->filled_birth, g_free);
  self->filled_sex = G_MAXUINT;
  set_note (self, NULL, NULL);
  update (self);
}

/**
 * gil_nik_autofill_check:
 *
 * Before saving: a NIK that cannot be right is marked again, its note
 * saying why, and nothing is to be sent.
 *
 * Returns: %FALSE when the NIK typed is not a valid NIK
 */
gboolean
gil_nik_autofill_check (GilNikAutofill *self)
{
  g_autofree char *nik_text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  nik_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->nik_row))));
  if (*nik_text == '\0' || gil_nik_parse (nik_text, NULL, &error))
    return TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (self->nik_row), "error");
  set_note (self, error->message, "field-error");
  return FALSE;
}

void
gil_nik_autofill_free (GilNikAutofill *self)
{
  if (self == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->nik_row, self);
  g_signal_handlers_disconnect_by_data (self->birth_row, self);
  g_signal_handlers_disconnect_by_data (self->sex_row, self);
  g_free (self->filled_birth);
  g_free (self);
}
