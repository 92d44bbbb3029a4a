/* gil-nik.c — the Indonesian national identity number (NIK)
 *
 * Sixteen digits: province (2), regency or city (2), district (2), the
 * holder's birth date as DDMMYY with 40 added to the day for women, and a
 * serial (4). Giliran checks the structure; it never changes a NIK, so a NIK
 * whose date disagrees with the person is a warning, not a refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "gil-common-resources.h"
#include "gil-nik.h"

G_DEFINE_QUARK (gil-nik-error-quark, gil_nik_error)

static const char * const error_codes[] = {
  [GIL_NIK_ERROR_LENGTH] = "nik-length",
  [GIL_NIK_ERROR_NOT_DIGITS] = "nik-not-digits",
  [GIL_NIK_ERROR_PROVINCE] = "nik-province",
  [GIL_NIK_ERROR_REGENCY] = "nik-regency",
  [GIL_NIK_ERROR_DISTRICT] = "nik-district",
  [GIL_NIK_ERROR_DATE] = "nik-date",
  [GIL_NIK_ERROR_SERIAL] = "nik-serial",
};

/**
 * gil_nik_error_code:
 *
 * Returns: the kebab-case name of @code, as the API reports it
 */
const char *
gil_nik_error_code (GilNikError code)
{
  g_return_val_if_fail (code < G_N_ELEMENTS (error_codes), "nik-invalid");

  return error_codes[code];
}

/* code → name, read once from the shipped list. */
static GHashTable *
provinces (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GBytes) bytes = NULL;
      g_auto(GStrv) lines = NULL;

      bytes = g_resource_lookup_data (gil_common_get_resource (),
                                      "/org/giliran/common/provinces.tsv",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = NULL;

          if (lines[i][0] == '#' || lines[i][0] == '\0')
            continue;
          fields = g_strsplit (lines[i], "\t", 2);
          if (g_strv_length (fields) == 2)
            g_hash_table_insert (loaded, g_strdup (fields[0]), g_strdup (fields[1]));
        }
      g_once_init_leave (&table, loaded);
    }

  return table;
}

/**
 * gil_nik_province_name:
 *
 * Returns: (nullable): the province of a two-digit code, or %NULL
 */
const char *
gil_nik_province_name (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (provinces (), code);
}

static guint
two_digits (const char *p)
{
  return (guint)(p[0] - '0') * 10 + (guint)(p[1] - '0');
}

/* DDMMYY does not say the century: a date real in either one is accepted. */
static gboolean
date_exists (guint day,
             guint month,
             guint yy)
{
  return g_date_valid_dmy (day, month, 1900 + yy) ||
         g_date_valid_dmy (day, month, 2000 + yy);
}

/**
 * gil_nik_parse:
 * @text: the NIK as typed
 * @nik: (out) (optional): its parts
 *
 * Checks the structure of a NIK. Each failure has its own #GilNikError code
 * and a message saying what is wrong.
 */
gboolean
gil_nik_parse (const char  *text,
               GilNik      *nik,
               GError     **error)
{
  GilNik parts = { 0 };
  guint day;
  guint month;

  g_return_val_if_fail (text != NULL, FALSE);

  if (strlen (text) != 16)
    {
      /* g_utf8_strlen() would step past the end of text that is not UTF-8. */
      gsize characters = g_utf8_validate (text, -1, NULL) ? (gsize)g_utf8_strlen (text, -1)
                                                         : strlen (text);

      g_set_error (error, GIL_NIK_ERROR, GIL_NIK_ERROR_LENGTH,
                   _("A NIK has 16 digits; this one has %u characters"),
                   (guint)characters);
      return FALSE;
    }

  for (guint i = 0; i < 16; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        {
          g_set_error (error, GIL_NIK_ERROR, GIL_NIK_ERROR_NOT_DIGITS,
                       _("A NIK has digits only; character %u is not a digit"),
                       i + 1);
          return FALSE;
        }
    }

  memcpy (parts.province, text, 2);
  memcpy (parts.regency, text + 2, 2);
  memcpy (parts.district, text + 4, 2);
  memcpy (parts.serial, text + 12, 4);

  if (gil_nik_province_name (parts.province) == NULL)
    {
      g_set_error (error, GIL_NIK_ERROR, GIL_NIK_ERROR_PROVINCE,
                   _("The NIK begins with %s, which is not a province code"),
                   parts.province);
      return FALSE;
    }

  if (g_str_equal (parts.regency, "00"))
    {
      g_set_error_literal (error, GIL_NIK_ERROR, GIL_NIK_ERROR_REGENCY,
                           _("The regency or city code in the NIK (digits 3–4) cannot be 00"));
      return FALSE;
    }

  if (g_str_equal (parts.district, "00"))
    {
      g_set_error_literal (error, GIL_NIK_ERROR, GIL_NIK_ERROR_DISTRICT,
                           _("The district code in the NIK (digits 5–6) cannot be 00"));
      return FALSE;
    }

  day = two_digits (text + 6);
  month = two_digits (text + 8);
  parts.year_2digit = two_digits (text + 10);
  parts.female = day > 40;
  if (parts.female)
    day -= 40;

  if (!date_exists (day, month, parts.year_2digit))
    {
      g_set_error (error, GIL_NIK_ERROR, GIL_NIK_ERROR_DATE,
                   _("Digits 7–12 of the NIK (%.6s) are not a birth date"),
                   text + 6);
      return FALSE;
    }
  parts.day = day;
  parts.month = month;

  if (g_str_equal (parts.serial, "0000"))
    {
      g_set_error_literal (error, GIL_NIK_ERROR, GIL_NIK_ERROR_SERIAL,
                           _("The serial number in the NIK (last 4 digits) cannot be 0000"));
      return FALSE;
    }

  if (nik != NULL)
    *nik = parts;
  return TRUE;
}

/**
 * gil_nik_check_person:
 * @birth_date: the birth date entered for the patient
 * @female: the sex entered for the patient
 *
 * Returns: (transfer full) (nullable): a warning when the NIK's encoded date
 *   or sex disagrees with the person, or %NULL when they agree
 */
char *
gil_nik_check_person (const GilNik *nik,
                      const GDate  *birth_date,
                      gboolean      female)
{
  gboolean date_differs;

  g_return_val_if_fail (nik != NULL, NULL);
  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), NULL);

  date_differs = g_date_get_day (birth_date) != nik->day ||
                 g_date_get_month (birth_date) != nik->month ||
                 g_date_get_year (birth_date) % 100 != nik->year_2digit;

  if (date_differs && female != nik->female)
    return g_strdup (_("The birth date and sex in the NIK differ from those entered"));
  if (date_differs)
    return g_strdup (_("The birth date in the NIK differs from the one entered"));
  if (female != nik->female)
    return g_strdup (_("The sex in the NIK differs from the one entered"));
  return NULL;
}
