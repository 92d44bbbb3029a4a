/* fuzz-nik.c — libFuzzer target: NIK validation
 *
 * The input is the text typed as a NIK. Beyond not crashing, a NIK the
 * parser accepts must be one by every rule of gil-nik.c, and a refusal must
 * say why in valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "gil-fuzz.h"
#include "gil-nik.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  gil_fuzz_make_warnings_fatal ();
  return 0;
}

static guint
two_digits (const char *p)
{
  return (guint)(p[0] - '0') * 10 + (guint)(p[1] - '0');
}

static void
check_accepted (const char   *text,
                const GilNik *nik)
{
  guint day = two_digits (text + 6);

  g_assert_cmpuint (strlen (text), ==, 16);
  for (guint i = 0; i < 16; i++)
    g_assert_true (g_ascii_isdigit (text[i]));

  g_assert_nonnull (gil_nik_province_name (nik->province));
  g_assert_cmpint (strncmp (nik->province, text, 2), ==, 0);
  g_assert_cmpint (strncmp (nik->regency, text + 2, 2), ==, 0);
  g_assert_cmpint (strncmp (nik->district, text + 4, 2), ==, 0);
  g_assert_cmpint (strncmp (nik->serial, text + 12, 4), ==, 0);
  g_assert_cmpstr (nik->regency, !=, "00");
  g_assert_cmpstr (nik->district, !=, "00");
  g_assert_cmpstr (nik->serial, !=, "0000");

  g_assert_true (nik->female == (day > 40));
  g_assert_cmpuint (nik->day, ==, nik->female ? day - 40 : day);
  g_assert_cmpuint (nik->month, ==, two_digits (text + 8));
  g_assert_cmpuint (nik->year_2digit, ==, two_digits (text + 10));
  g_assert_true (g_date_valid_dmy (nik->day, nik->month, 1900 + nik->year_2digit) ||
                 g_date_valid_dmy (nik->day, nik->month, 2000 + nik->year_2digit));
}

/* The person entered at the desk, made from the same bytes. */
static void
check_person (const GilNik *nik,
              const guint8 *data,
              size_t        size)
{
  GDate birth;
  g_autofree char *warning = NULL;
  guint32 julian = 1;
  gboolean female = size > 0 && (data[0] & 1);

  for (size_t i = 0; i < MIN (size, 3); i++)
    julian = julian * 251 + data[i];
  g_date_clear (&birth, 1);
  g_date_set_julian (&birth, 1 + julian % (2100 * 366));
  warning = gil_nik_check_person (nik, &birth, female);
  if (g_date_get_day (&birth) == nik->day && g_date_get_month (&birth) == nik->month &&
      g_date_get_year (&birth) % 100 == nik->year_2digit && female == nik->female)
    g_assert_null (warning);
  else
    g_assert_true (warning != NULL && g_utf8_validate (warning, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr(GError) error = NULL;
  GilNik nik;

  if (gil_nik_parse (text, &nik, &error))
    {
      g_assert_no_error (error);
      check_accepted (text, &nik);
      check_person (&nik, data, size);
      return 0;
    }

  g_assert_nonnull (error);
  g_assert_true (error->domain == GIL_NIK_ERROR);
  g_assert_cmpint (error->code, >=, GIL_NIK_ERROR_LENGTH);
  g_assert_cmpint (error->code, <=, GIL_NIK_ERROR_SERIAL);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (gil_nik_error_code (error->code));
  /* A text of another length is refused for its length, whatever it holds. */
  if (strlen (text) != 16)
    g_assert_cmpint (error->code, ==, GIL_NIK_ERROR_LENGTH);
  return 0;
}
