/* test-patients.c — creating, correcting and finding patients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-nik.h"
#include "gil-patients.h"
#include "gil-test-util.h"

typedef GilTestStore Fixture;

static GilPatient *
make (const char *name,
      const char *birth,
      const char *sex,
      const char *nik,
      const char *bpjs)
{
  GilPatient *patient = gil_patient_new ();

  patient->name = g_strdup (name);
  patient->birth_date = g_strdup (birth);
  patient->sex = g_strdup (sex);
  patient->nik = g_strdup (nik);
  patient->bpjs = g_strdup (bpjs);
  return patient;
}

static int
count_patients (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (f->store, "SELECT count (*) FROM patients", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilPatient) first = make ("  Baiq   Nurul\tAini ", "1980-07-05", "F", "5271014507800003", "0001234567890");
  g_autoptr(GilPatient) second = make ("Lalu Ahmad", "1975-01-01", "M", NULL, "");
  g_autoptr(GilPatient) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  g_assert_true (gil_patients_create (f->store, first, &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
  g_assert_cmpstr (first->rm, ==, "000001");
  g_assert_cmpstr (first->name, ==, "Baiq Nurul Aini");

  g_assert_true (gil_patients_create (f->store, second, NULL, &error));
  g_assert_cmpstr (second->rm, ==, "000002");
  g_assert_null (second->bpjs);  /* empty means none */

  loaded = gil_patients_get (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Baiq Nurul Aini");
  g_assert_cmpstr (loaded->nik, ==, "5271014507800003");
  g_assert_cmpstr (loaded->bpjs, ==, "0001234567890");
  g_assert_cmpstr (loaded->birth_date, ==, "1980-07-05");
  g_assert_cmpstr (loaded->address, ==, "");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const struct {
    const char *name, *birth, *sex, *nik, *bpjs;
    GQuark domain;
    int code;
  } cases[] = {
    { "   ", "1980-01-01", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_MISSING_NAME },
    { NULL, "1980-01-01", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_MISSING_NAME },
    { "A", "2026-11-23", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "A", "1896-11-21", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "A", "05-07-1980", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "A", "1981-02-29", "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "A", NULL, "F", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "A", "1980-01-01", "P", NULL, NULL, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_SEX },
    { "A", "1980-01-01", "F", "5271014507800000", NULL, GIL_NIK_ERROR, GIL_NIK_ERROR_SERIAL },
    { "A", "1980-01-01", "F", "1234", NULL, GIL_NIK_ERROR, GIL_NIK_ERROR_LENGTH },
    { "A", "1980-01-01", "F", NULL, "123456789012", GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BPJS },
    { "A", "1980-01-01", "F", NULL, "000123456789a", GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BPJS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GilPatient) patient = make (cases[i].name, cases[i].birth, cases[i].sex,
                                            cases[i].nik, cases[i].bpjs);
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (gil_patients_create (f->store, patient, NULL, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_cmpint (patient->id, ==, 0);
    }
  g_assert_cmpint (count_patients (f), ==, 0);

  /* The oldest and youngest allowed. */
  {
    g_autoptr(GilPatient) oldest = make ("Tua", "1896-11-22", "F", NULL, NULL);
    g_autoptr(GilPatient) newborn = make ("Bayi", "2026-11-22", "M", NULL, NULL);

    g_assert_true (gil_patients_create (f->store, oldest, NULL, NULL));
    g_assert_true (gil_patients_create (f->store, newborn, NULL, NULL));
  }
}

static void
test_duplicate_nik (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GilPatient) first = make ("Satu", "1980-07-05", "F", "5271014507800003", NULL);
  g_autoptr(GilPatient) again = make ("Dua", "1980-07-05", "F", "5271014507800003", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gil_patients_create (f->store, first, NULL, &error));
  g_assert_false (gil_patients_create (f->store, again, NULL, &error));
  g_assert_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_DUPLICATE_NIK);
  g_assert_nonnull (strstr (error->message, "000001"));
  g_assert_cmpint (count_patients (f), ==, 1);
}

static void
test_nik_mismatch_warns (Fixture       *f,
                         gconstpointer  data)
{
  /* The NIK says a woman born 5 July 1980; the desk entered another date. */
  g_autoptr(GilPatient) patient = make ("Tetap", "1981-07-05", "F", "5271014507800003", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  g_assert_true (gil_patients_create (f->store, patient, &warning, &error));
  g_assert_no_error (error);
  g_assert_nonnull (warning);
  g_assert_cmpstr (patient->nik, ==, "5271014507800003");  /* never changed */
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GilPatient) patient = make ("Salah Nama", "1980-07-05", "F", NULL, NULL);
  g_autoptr(GilPatient) other = make ("Lain", "1980-07-05", "F", "5271014507800003", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gil_patients_create (f->store, patient, NULL, &error));
  g_assert_true (gil_patients_create (f->store, other, NULL, &error));

  g_free (patient->name);
  patient->name = g_strdup ("Benar Nama");
  g_clear_pointer (&patient->rm, g_free);
  g_assert_true (gil_patients_update (f->store, patient, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (patient->rm, ==, "000001");

  found = gil_patients_search (f->store, "salah", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gil_patients_search (f->store, "benar", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Taking another patient's NIK, or a bad date, changes nothing. */
  patient->nik = g_strdup ("5271014507800003");
  g_assert_false (gil_patients_update (f->store, patient, NULL, &error));
  g_assert_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_DUPLICATE_NIK);
  g_clear_error (&error);
  g_clear_pointer (&patient->nik, g_free);
  g_free (patient->birth_date);
  patient->birth_date = g_strdup ("2099-01-01");
  g_assert_false (gil_patients_update (f->store, patient, NULL, &error));
  g_assert_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE);
  g_clear_error (&error);

  patient->id = 999;
  g_free (patient->birth_date);
  patient->birth_date = g_strdup ("1980-01-01");
  g_assert_false (gil_patients_update (f->store, patient, NULL, &error));
  g_assert_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_NOT_FOUND);
}

static char *
search_names (Fixture    *f,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = gil_patients_search (f->store, query, 20, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "",
                            ((GilPatient *)g_ptr_array_index (found, i))->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  const struct { const char *name, *nik, *bpjs; } people[] = {
    { "Siti Aminah", "5271014507800003", NULL },
    { "Aminah Lestari", NULL, "0001234567890" },
    { "Muhammad Amin", NULL, NULL },
    { "Ni Luh Putu Ayu", NULL, NULL },
    { "Nur'aini", NULL, NULL },
    { "Ömer Çelik", NULL, NULL },
  };
  g_autofree char *r1 = NULL, *r2 = NULL, *r3 = NULL, *r4 = NULL, *r5 = NULL;
  g_autofree char *r6 = NULL, *r7 = NULL, *r8 = NULL, *r9 = NULL, *r10 = NULL;
  g_autofree char *r11 = NULL, *r12 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GilPatient) p = make (people[i].name, "1980-07-05", "F", people[i].nik, people[i].bpjs);

      g_assert_true (gil_patients_create (f->store, p, NULL, NULL));
    }

  /* A prefix of any word, any case, sorted by name. */
  r1 = search_names (f, "amin");
  g_assert_cmpstr (r1, ==, "Aminah Lestari|Muhammad Amin|Siti Aminah");
  r2 = search_names (f, "AMINAH");
  g_assert_cmpstr (r2, ==, "Aminah Lestari|Siti Aminah");
  /* Every word typed must start some word of the name. */
  r3 = search_names (f, "siti amin");
  g_assert_cmpstr (r3, ==, "Siti Aminah");
  r4 = search_names (f, "putu ni");
  g_assert_cmpstr (r4, ==, "Ni Luh Putu Ayu");
  r5 = search_names (f, "aini");
  g_assert_cmpstr (r5, ==, "Nur'aini");
  r6 = search_names (f, "nuraini");
  g_assert_cmpstr (r6, ==, "Nur'aini");
  r7 = search_names (f, "ömer");
  g_assert_cmpstr (r7, ==, "Ömer Çelik");
  /* Not the middle of a word. */
  r8 = search_names (f, "minah");
  g_assert_cmpstr (r8, ==, "");
  /* Numbers, exact: NIK, BPJS, No. RM with or without its zeros. */
  r9 = search_names (f, "5271014507800003");
  g_assert_cmpstr (r9, ==, "Siti Aminah");
  r10 = search_names (f, "0001234567890");
  g_assert_cmpstr (r10, ==, "Aminah Lestari");
  r11 = search_names (f, "000003");
  g_assert_cmpstr (r11, ==, "Muhammad Amin");
  r12 = search_names (f, "3");
  g_assert_cmpstr (r12, ==, "Muhammad Amin");

  {
    g_autoptr(GPtrArray) limited = gil_patients_search (f->store, "a", 2, NULL);
    g_autoptr(GPtrArray) blank = gil_patients_search (f->store, "   ", 10, NULL);

    g_assert_cmpuint (limited->len, ==, 2);
    g_assert_cmpuint (blank->len, ==, 0);
  }
}

static void
test_age (void)
{
  GDate birth, day;

  g_date_clear (&birth, 1);
  g_date_clear (&day, 1);

  g_date_set_dmy (&birth, 22, 11, 2021);
  g_date_set_dmy (&day, 22, 11, 2026);
  g_assert_cmpint (gil_age_in_months (&birth, &day), ==, 60);
  g_date_set_dmy (&day, 21, 11, 2026);
  g_assert_cmpint (gil_age_in_months (&birth, &day), ==, 59);

  /* Born on a leap day: a year older on 1 March in common years. */
  g_date_set_dmy (&birth, 29, 2, 2008);
  g_date_set_dmy (&day, 28, 2, 2026);
  g_assert_cmpint (gil_age_in_months (&birth, &day) / 12, ==, 17);
  g_date_set_dmy (&day, 1, 3, 2026);
  g_assert_cmpint (gil_age_in_months (&birth, &day) / 12, ==, 18);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/patients/" path, Fixture, NULL, \
              gil_test_store_morning_set_up, func, gil_test_store_fixture_tear_down)
  ADD ("create", test_create);
  ADD ("refusals", test_refusals);
  ADD ("duplicate-nik", test_duplicate_nik);
  ADD ("nik-mismatch-warns", test_nik_mismatch_warns);
  ADD ("update", test_update);
  ADD ("search", test_search);
#undef ADD
  g_test_add_func ("/giliran/patients/age", test_age);

  return g_test_run ();
}
