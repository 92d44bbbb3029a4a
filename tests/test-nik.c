/* test-nik.c — NIK validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-nik.h"
#include "gil-test-util.h"

static void
test_valid (void)
{
  static const struct {
    const char *nik;
    const char *province;
    gboolean female;
    guint day, month, yy;
  } valid[] = {
    { "5271014507800003", "Nusa Tenggara Barat", TRUE, 5, 7, 80 },
    { "3171010101900001", "DKI Jakarta", FALSE, 1, 1, 90 },
    { "9601012902000001", "Papua Barat Daya", FALSE, 29, 2, 0 },   /* 2000 was leap */
    { "1101016902000001", "Aceh", TRUE, 29, 2, 0 },
    { "6501017112991234", "Kalimantan Utara", TRUE, 31, 12, 99 },
    { "3404093108240009", "DI Yogyakarta", FALSE, 31, 8, 24 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      GilNik nik;

      g_test_message ("%s", valid[i].nik);
      g_assert_true (gil_nik_parse (valid[i].nik, &nik, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gil_nik_province_name (nik.province), ==, valid[i].province);
      g_assert_cmpint (nik.female, ==, valid[i].female);
      g_assert_cmpuint (nik.day, ==, valid[i].day);
      g_assert_cmpuint (nik.month, ==, valid[i].month);
      g_assert_cmpuint (nik.year_2digit, ==, valid[i].yy);
    }
}

static void
test_invalid (void)
{
  static const struct {
    const char *nik;
    int code;
    const char *name;
  } invalid[] = {
    { "", GIL_NIK_ERROR_LENGTH, "nik-length" },
    { "527101450780000", GIL_NIK_ERROR_LENGTH, "nik-length" },
    { "52710145078000031", GIL_NIK_ERROR_LENGTH, "nik-length" },
    { " 5271014507800003", GIL_NIK_ERROR_LENGTH, "nik-length" },
    { "5271-14507800003", GIL_NIK_ERROR_NOT_DIGITS, "nik-not-digits" },
    { "52710145078000a3", GIL_NIK_ERROR_NOT_DIGITS, "nik-not-digits" },
    { "2071014507800003", GIL_NIK_ERROR_PROVINCE, "nik-province" },
    { "0071014507800003", GIL_NIK_ERROR_PROVINCE, "nik-province" },
    { "9771014507800003", GIL_NIK_ERROR_PROVINCE, "nik-province" },
    { "5200014507800003", GIL_NIK_ERROR_REGENCY, "nik-regency" },
    { "5271004507800003", GIL_NIK_ERROR_DISTRICT, "nik-district" },
    { "5271000000000000", GIL_NIK_ERROR_DISTRICT, "nik-district" },
    { "5271013207800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* 32nd */
    { "5271017207800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* 72 - 40 = 32nd */
    { "5271010013800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* day 00, month 13 */
    { "5271010113800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* month 13 */
    { "5271014100800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* month 00 */
    { "5271012902010003", GIL_NIK_ERROR_DATE, "nik-date" },      /* 29 Feb in 1901 or 2001 */
    { "5271013104800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* 31 April */
    { "5271014000800003", GIL_NIK_ERROR_DATE, "nik-date" },      /* day 40: neither sex */
    { "5271014507800000", GIL_NIK_ERROR_SERIAL, "nik-serial" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      GilNik nik = { 0 };

      g_test_message ("'%s'", invalid[i].nik);
      g_assert_false (gil_nik_parse (invalid[i].nik, &nik, &error));
      g_assert_error (error, GIL_NIK_ERROR, invalid[i].code);
      g_assert_cmpstr (gil_nik_error_code (error->code), ==, invalid[i].name);
      g_assert_cmpuint (strlen (error->message), >, 10);
      /* Nothing half-filled on failure. */
      g_assert_cmpstr (nik.province, ==, "");
    }
}

static void
test_provinces (void)
{
  static const char * const codes[] = {
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36", "51", "52", "53", "61",
    "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
    "81", "82", "91", "92", "93", "94", "95", "96",
  };
  guint known = 0;

  g_assert_cmpuint (G_N_ELEMENTS (codes), ==, 38);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_nonnull (gil_nik_province_name (codes[i]));
  for (guint code = 0; code < 100; code++)
    {
      g_autofree char *text = g_strdup_printf ("%02u", code);

      known += gil_nik_province_name (text) != NULL;
    }
  g_assert_cmpuint (known, ==, 38);
}

static void
test_person_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *date = NULL;
  g_autofree char *sex = NULL;
  g_autofree char *both = NULL;
  GilNik nik;
  GDate birth;

  g_assert_true (gil_nik_parse ("5271014507800003", &nik, &error));

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 5, 7, 1980);
  none = gil_nik_check_person (&nik, &birth, TRUE);
  g_assert_null (none);

  sex = gil_nik_check_person (&nik, &birth, FALSE);
  g_assert_nonnull (sex);

  g_date_set_dmy (&birth, 6, 7, 1980);
  date = gil_nik_check_person (&nik, &birth, TRUE);
  g_assert_nonnull (date);
  both = gil_nik_check_person (&nik, &birth, FALSE);
  g_assert_nonnull (both);
  g_assert_cmpstr (date, !=, sex);
  g_assert_cmpstr (both, !=, date);
}

static void
test_messages_in_indonesian (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gil_nik_parse ("2071014507800003", NULL, &error));
  g_assert_cmpstr (error->message, ==, "NIK diawali 20, yang bukan kode provinsi");
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/nik/valid", test_valid);
  g_test_add_func ("/giliran/nik/invalid", test_invalid);
  g_test_add_func ("/giliran/nik/provinces", test_provinces);
  g_test_add_func ("/giliran/nik/person-mismatch", test_person_mismatch);
  g_test_add_func ("/giliran/nik/messages-in-indonesian", test_messages_in_indonesian);

  return g_test_run ();
}
