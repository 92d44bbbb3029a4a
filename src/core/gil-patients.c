/* gil-patients.c — patients: identity, validation and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-audit.h"
#include "gil-nik.h"
#include "gil-patients.h"

G_DEFINE_QUARK (gil-patient-error-quark, gil_patient_error)

#define MAX_NAME     100
#define MAX_ADDRESS  200
#define MAX_PHONE    20
#define MAX_AGE_YEARS 130

GilPatient *
gil_patient_new (void)
{
  return g_new0 (GilPatient, 1);
}

void
gil_patient_free (GilPatient *patient)
{
  if (patient == NULL)
    return;
  g_free (patient->rm);
  g_free (patient->nik);
  g_free (patient->bpjs);
  g_free (patient->name);
  g_free (patient->birth_date);
  g_free (patient->sex);
  g_free (patient->address);
  g_free (patient->phone);
  g_free (patient);
}

/**
 * gil_patient_normalize_name:
 *
 * Returns: (transfer full): @name in NFC, trimmed, with runs of white space
 *   collapsed to one space; "" for a blank or invalid name
 */
char *
gil_patient_normalize_name (const char *name)
{
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean space = FALSE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return g_strdup ("");

  nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
  out = g_string_new (NULL);
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
gil_patient_check_bpjs (const char  *bpjs,
                        GError     **error)
{
  g_return_val_if_fail (bpjs != NULL, FALSE);

  if (strlen (bpjs) != 13 || strspn (bpjs, "0123456789") != 13)
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BPJS,
                           _("A BPJS card number has exactly 13 digits"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  guint y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint)g_ascii_strtoull (text, NULL, 10);
  m = (guint)g_ascii_strtoull (text + 5, NULL, 10);
  d = (guint)g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * gil_patient_check_sex:
 * @sex: (nullable): as the patient's record keeps it
 *
 * A patient's sex is "F" or "M"; anything else is
 * %GIL_PATIENT_ERROR_INVALID_SEX.
 */
gboolean
gil_patient_check_sex (const char  *sex,
                       GError     **error)
{
  if (g_strcmp0 (sex, "F") == 0 || g_strcmp0 (sex, "M") == 0)
    return TRUE;
  g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_SEX,
                       _("Sex is F (female) or M (male)"));
  return FALSE;
}

/**
 * gil_patient_parse_birth_date:
 * @text: YYYY-MM-DD
 * @today: the service day, YYYY-MM-DD
 * @date: (out) (optional): the parsed date
 *
 * A birth date is a real date, not after @today and not more than 130 years
 * before it.
 */
gboolean
gil_patient_parse_birth_date (const char  *text,
                              const char  *today,
                              GDate       *date,
                              GError     **error)
{
  GDate birth;
  GDate day;
  GDate oldest;

  g_return_val_if_fail (today != NULL, FALSE);

  if (!parse_iso_date (today, &day))
    g_return_val_if_reached (FALSE);

  if (!parse_iso_date (text, &birth))
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE,
                           _("The birth date must be a real date written YYYY-MM-DD"));
      return FALSE;
    }
  if (g_date_compare (&birth, &day) > 0)
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE,
                           _("The birth date cannot be in the future"));
      return FALSE;
    }
  oldest = day;
  g_date_subtract_years (&oldest, MAX_AGE_YEARS);
  if (g_date_compare (&birth, &oldest) < 0)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE,
                   _("The birth date is more than %d years ago"), MAX_AGE_YEARS);
      return FALSE;
    }

  if (date != NULL)
    *date = birth;
  return TRUE;
}

/**
 * gil_age_in_months:
 *
 * Returns: completed months of life on @day (completed years are this / 12)
 */
int
gil_age_in_months (const GDate *birth,
                   const GDate *day)
{
  int months;

  g_return_val_if_fail (g_date_valid (birth) && g_date_valid (day), 0);

  months = ((int)g_date_get_year (day) - (int)g_date_get_year (birth)) * 12 +
           ((int)g_date_get_month (day) - (int)g_date_get_month (birth));
  if (g_date_get_day (day) < g_date_get_day (birth))
    months--;
  return MAX (months, 0);
}

static char *
clean_optional (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return NULL;
  return g_steal_pointer (&copy);
}

static gboolean
check_text (const char  *text,
            guint        max,
            const char  *field,
            GError     **error)
{
  if (text != NULL && (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > max))
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_FIELD,
                   _("The field “%s” is too long (at most %u characters)"), field, max);
      return FALSE;
    }
  return TRUE;
}

/* Checks @patient, normalises its fields in place, and returns a NIK warning
 * through @warning. */
static gboolean
validate (GilStore    *store,
          GilPatient  *patient,
          char       **warning,
          GError     **error)
{
  g_autofree char *today = gil_store_dup_today (store);
  g_autofree char *name = gil_patient_normalize_name (patient->name);
  GDate birth;
  GilNik nik;

  g_free (patient->name);
  patient->name = g_steal_pointer (&name);
  if (*patient->name == '\0')
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_MISSING_NAME,
                           _("The patient's name is empty"));
      return FALSE;
    }
  if (!check_text (patient->name, MAX_NAME, _("name"), error))
    return FALSE;

  if (!gil_patient_parse_birth_date (patient->birth_date, today, &birth, error))
    return FALSE;

  if (!gil_patient_check_sex (patient->sex, error))
    return FALSE;

  {
    char *nik_text = clean_optional (patient->nik);
    char *bpjs = clean_optional (patient->bpjs);
    char *address = clean_optional (patient->address);
    char *phone = clean_optional (patient->phone);

    g_free (patient->nik);
    patient->nik = nik_text;
    g_free (patient->bpjs);
    patient->bpjs = bpjs;
    g_free (patient->address);
    patient->address = address != NULL ? address : g_strdup ("");
    g_free (patient->phone);
    patient->phone = phone != NULL ? phone : g_strdup ("");
  }

  if (patient->nik != NULL && !gil_nik_parse (patient->nik, &nik, error))
    return FALSE;
  if (patient->bpjs != NULL && !gil_patient_check_bpjs (patient->bpjs, error))
    return FALSE;
  if (!check_text (patient->address, MAX_ADDRESS, _("address"), error))
    return FALSE;
  if (!check_text (patient->phone, MAX_PHONE, _("phone number"), error))
    return FALSE;
  if (strspn (patient->phone, "0123456789+- ") != strlen (patient->phone))
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_FIELD,
                           _("A phone number has digits, spaces, “+” and “-” only"));
      return FALSE;
    }

  if (warning != NULL)
    *warning = patient->nik != NULL
      ? gil_nik_check_person (&nik, &birth, g_str_equal (patient->sex, "F"))
      : NULL;
  return TRUE;
}

/* The search keys of a name: each word folded, split again at punctuation,
 * and the word with its punctuation dropped ("Nur'aini": nur, aini, nuraini). */
static GPtrArray *
name_words (const char *name)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_auto(GStrv) parts = g_strsplit (folded, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      GString *joined = g_string_new (NULL);
      GString *piece = g_string_new (NULL);

      for (const char *p = parts[i];; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != 0 && g_unichar_isalnum (c))
            {
              g_string_append_unichar (joined, c);
              g_string_append_unichar (piece, c);
              continue;
            }
          if (piece->len > 0 && !g_hash_table_contains (seen, piece->str))
            {
              char *word = g_strdup (piece->str);

              g_ptr_array_add (words, word);
              g_hash_table_add (seen, word);
            }
          g_string_truncate (piece, 0);
          if (c == 0)
            break;
        }
      if (joined->len > 0 && !g_hash_table_contains (seen, joined->str))
        {
          char *word = g_strdup (joined->str);

          g_ptr_array_add (words, word);
          g_hash_table_add (seen, word);
        }
      g_string_free (joined, TRUE);
      g_string_free (piece, TRUE);
    }
  return g_steal_pointer (&words);
}

static gboolean
write_words (GilStore          *store,
             const GilPatient  *patient,
             GError           **error)
{
  g_autoptr(GPtrArray) words = name_words (patient->name);
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = gil_store_prepare (store, "DELETE FROM patient_words WHERE patient = ?", error);
  insert = gil_store_prepare (store, "INSERT INTO patient_words (word, patient) VALUES (?, ?)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (clear, 1, patient->id);
  if (!gil_store_step_done (store, clear, error))
    return FALSE;
  for (guint i = 0; i < words->len; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, g_ptr_array_index (words, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 2, patient->id);
      if (!gil_store_step_done (store, insert, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           column,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

/* A NIK already held by another patient: refused, naming that No. RM. */
static gboolean
check_nik_free (GilStore          *store,
                const GilPatient  *patient,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (patient->nik == NULL)
    return TRUE;

  stmt = gil_store_prepare (store, "SELECT rm FROM patients WHERE nik = ? AND id != ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, patient->nik, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, patient->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "checking a NIK");
      return FALSE;
    }
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_DUPLICATE_NIK,
                   _("This NIK already belongs to the patient with No. RM %s"),
                   (const char *)sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* Binds a patient's fields, nik to phone, as ?1…?7. */
static void
bind_fields (sqlite3_stmt     *stmt,
             const GilPatient *patient)
{
  bind_nullable (stmt, 1, patient->nik);
  bind_nullable (stmt, 2, patient->bpjs);
  sqlite3_bind_text (stmt, 3, patient->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, patient->birth_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, patient->sex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, patient->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, patient->phone, -1, SQLITE_STATIC);
}

/* Checks @patient and begins the write that saves it, once its NIK is
 * known to be no other patient's: create and update both start so. When
 * it fails, no write is open. */
static gboolean
begin_save (GilStore    *store,
            GilPatient  *patient,
            char       **warning,
            GError     **error)
{
  if (!validate (store, patient, warning, error) ||
      !gil_store_begin (store, error))
    return FALSE;
  if (check_nik_free (store, patient, error))
    return TRUE;
  gil_store_abort (store);
  if (warning != NULL)
    g_clear_pointer (warning, g_free);
  return FALSE;
}

/**
 * gil_patients_create:
 * @patient: the new patient; on success its id, No. RM and normalised fields
 *   are filled in
 * @warning: (out) (optional) (transfer full) (nullable): set when the NIK
 *   disagrees with the birth date or sex entered
 */
gboolean
gil_patients_create (GilStore    *store,
                     GilPatient  *patient,
                     char       **warning,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) set_rm = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  patient->id = 0;
  if (!begin_save (store, patient, warning, error))
    return FALSE;

  /* No. RM is the AUTOINCREMENT id, zero-padded: unique and never reused. */
  insert = gil_store_prepare (store,
                              "INSERT INTO patients (rm, nik, bpjs, name, birth_date, sex,"
                              " address, phone, created_at) "
                              "VALUES ('', ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  set_rm = gil_store_prepare (store,
                              "UPDATE patients SET rm = printf ('%06d', id) WHERE id = ? "
                              "RETURNING rm",
                              error);
  if (insert == NULL || set_rm == NULL)
    goto fail;
  bind_fields (insert, patient);
  sqlite3_bind_int64 (insert, 8, gil_store_now (store));
  if (!gil_store_step_done (store, insert, error))
    goto fail;
  patient->id = sqlite3_last_insert_rowid (gil_store_get_db (store));

  sqlite3_bind_int64 (set_rm, 1, patient->id);
  if (!gil_store_step_row (store, set_rm, "numbering a patient", error))
    goto fail;
  g_free (patient->rm);
  patient->rm = g_strdup ((const char *)sqlite3_column_text (set_rm, 0));
  sqlite3_reset (set_rm);

  if (!write_words (store, patient, error) ||
      !gil_audit_record_patient (store, patient->id, "created", "", error) ||
      !gil_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gil_store_abort (store);
  patient->id = 0;
  g_clear_pointer (&patient->rm, g_free);
  if (warning != NULL)
    g_clear_pointer (warning, g_free);
  return FALSE;
}

/* Binds a patient's id as ?8 and whether it is still unidentified as
 * ?9, after its fields (bind_fields()). */
static void
bind_record (sqlite3_stmt     *stmt,
             const GilPatient *patient)
{
  bind_fields (stmt, patient);
  sqlite3_bind_int64 (stmt, 8, patient->id);
  sqlite3_bind_int (stmt, 9, patient->unidentified);
}

/**
 * gil_patients_update:
 * @patient: the whole patient as it should be, found by its id; the No. RM
 *   is kept and filled in
 */
gboolean
gil_patients_update (GilStore    *store,
                     GilPatient  *patient,
                     char       **warning,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) changed = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *fields = NULL;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  if (patient->merged_into != 0)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_MERGED,
                   _("This record was merged into patient %lld; correct that one"),
                   (long long)patient->merged_into);
      return FALSE;
    }
  if (!begin_save (store, patient, warning, error))
    return FALSE;

  /* Which fields this correction changes, for the audit trail. */
  changed = gil_store_prepare (store,
                               "SELECT rtrim (iif (nik IS NOT ?1, 'nik,', '')"
                               " || iif (bpjs IS NOT ?2, 'bpjs,', '')"
                               " || iif (name IS NOT ?3, 'name,', '')"
                               " || iif (birth_date IS NOT ?4, 'birth_date,', '')"
                               " || iif (sex IS NOT ?5, 'sex,', '')"
                               " || iif (address IS NOT ?6, 'address,', '')"
                               " || iif (phone IS NOT ?7, 'phone,', '')"
                               " || iif (unidentified IS NOT ?9, 'unidentified,', ''), ',')"
                               " FROM patients WHERE id = ?8",
                               error);
  update = gil_store_prepare (store,
                              "UPDATE patients SET nik = ?1, bpjs = ?2, name = ?3, birth_date = ?4,"
                              " sex = ?5, address = ?6, phone = ?7, unidentified = ?9 WHERE id = ?8"
                              " RETURNING rm",
                              error);
  if (changed == NULL || update == NULL)
    goto fail;
  bind_record (changed, patient);
  bind_record (update, patient);
  rc = sqlite3_step (changed);
  if (rc == SQLITE_ROW)
    fields = g_strdup ((const char *)sqlite3_column_text (changed, 0));
  sqlite3_reset (changed);
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (update);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        gil_store_set_error (store, error, rc, "correcting a patient");
      else
        g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_NOT_FOUND,
                     _("There is no patient %lld"), (long long)patient->id);
      goto fail;
    }
  g_free (patient->rm);
  patient->rm = g_strdup ((const char *)sqlite3_column_text (update, 0));
  sqlite3_reset (update);

  /* A correction that changes nothing is not one. */
  if (!write_words (store, patient, error) ||
      (*fields != '\0' &&
       !gil_audit_record_patient (store, patient->id, "updated", fields, error)) ||
      !gil_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gil_store_abort (store);
  if (warning != NULL)
    g_clear_pointer (warning, g_free);
  return FALSE;
}

#define PATIENT_COLUMNS "p.id, p.rm, p.nik, p.bpjs, p.name, p.birth_date, p.sex, p.address, p.phone," \
                        " p.unidentified, p.merged_into"

static GilPatient *
patient_from_row (sqlite3_stmt *stmt)
{
  GilPatient *patient = gil_patient_new ();

  patient->id = sqlite3_column_int64 (stmt, 0);
  patient->rm = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  patient->nik = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  patient->bpjs = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  patient->name = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  patient->birth_date = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
  patient->sex = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
  patient->address = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
  patient->phone = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  patient->unidentified = sqlite3_column_int (stmt, 9) != 0;
  patient->merged_into = sqlite3_column_int64 (stmt, 10);
  return patient;
}

GilPatient *
gil_patients_get (GilStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_get_row (store, "SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.id = ?",
                            id, "reading a patient", error,
                            GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_NOT_FOUND,
                            _("There is no patient %lld"), (long long)id);
  if (stmt == NULL)
    return NULL;
  return patient_from_row (stmt);
}

static gboolean
collect (GilStore      *store,
         sqlite3_stmt  *stmt,
         GPtrArray     *patients,
         GHashTable    *seen,
         guint          limit,
         GError       **error)
{
  int rc = SQLITE_DONE;

  while (patients->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (patients, patient_from_row (stmt));
    }
  if (patients->len < limit && rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "searching patients");
      return FALSE;
    }
  return TRUE;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const GilPatient *pa = *(GilPatient * const *)a;
  const GilPatient *pb = *(GilPatient * const *)b;
  int cmp = g_utf8_collate (pa->name, pb->name);

  return cmp != 0 ? cmp : (pa->id > pb->id) - (pa->id < pb->id);
}

/**
 * gil_patients_search:
 * @query: a NIK, No. RM or BPJS number (exact), or the start of any words of
 *   a name (any case)
 * @limit: the most to return
 *
 * Exact number matches come first, then name matches by name.
 *
 * Returns: (transfer full) (element-type GilPatient): the patients found
 */
GPtrArray *
gil_patients_search (GilStore    *store,
                     const char  *query,
                     guint        limit,
                     GError     **error)
{
  g_autoptr(GPtrArray) patients = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) words = NULL;
  guint exact;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  patients = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_patient_free);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  text = gil_patient_normalize_name (query);
  if (*text == '\0' || limit == 0)
    return g_steal_pointer (&patients);

  if (strspn (text, "0123456789") == strlen (text))
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *padded = NULL;

      stmt = gil_store_prepare (store,
                                "SELECT * FROM ("
                                "SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.nik = ?1 "
                                "UNION ALL SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.rm = ?1 "
                                "UNION ALL SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.rm = ?2 "
                                "UNION ALL SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.bpjs = ?1"
                                ") WHERE merged_into IS NULL",
                                error);
      if (stmt == NULL)
        return NULL;
      if (strlen (text) < 6)
        padded = g_strdup_printf ("%06u", (guint)g_ascii_strtoull (text, NULL, 10));
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, padded != NULL ? padded : text, -1, SQLITE_STATIC);
      if (!collect (store, stmt, patients, seen, limit, error))
        return NULL;
    }
  exact = patients->len;

  /* Names: the first word walks the index in order; the others must start
   * some word of the same patient. */
  words = name_words (text);
  if (words->len > 0 && patients->len < limit)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_string_append (sql,
                       "SELECT " PATIENT_COLUMNS " FROM patient_words w"
                       " JOIN patients p ON p.id = w.patient"
                       " WHERE p.merged_into IS NULL AND w.word >= ?1 AND w.word < ?1 || char (1114111)");
      for (guint i = 1; i < words->len; i++)
        g_string_append_printf (sql,
                                " AND EXISTS (SELECT 1 FROM patient_words x"
                                " WHERE x.patient = p.id AND x.word >= ?%u"
                                " AND x.word < ?%u || char (1114111))",
                                i + 1, i + 1);
      g_string_append (sql, " ORDER BY w.word, w.patient");

      stmt = gil_store_prepare (store, sql->str, error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; i < words->len; i++)
        sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (words, i), -1, SQLITE_STATIC);
      if (!collect (store, stmt, patients, seen, limit, error))
        return NULL;
    }

  /* Keep exact matches first; sort the name matches by name. */
  if (patients->len - exact > 1)
    g_qsort_with_data (patients->pdata + exact, patients->len - exact,
                       sizeof (gpointer), compare_by_name, NULL);

  return g_steal_pointer (&patients);
}
