/* gil-patients-unidentified.c — registrasi menyusul, and what a visit's
 * purpose says about the patient
 *
 * An unconscious or unknown patient brought to the UGD gets a ticket at
 * once: a record with only the sex and an approximate age, named
 * "Tanpa identitas N". Later the record is completed with the real
 * identity (gil_patients_update()), or, when the patient already has a
 * record, merged into it: the visits move there and the unidentified
 * record stays, pointing at the other, and is no longer found.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-audit.h"
#include "gil-events.h"
#include "gil-patients.h"

#define MAX_APPROX_AGE 130

/* Pregnancy and its care are plausible for women of these ages. */
#define PREGNANCY_MIN_YEARS 10
#define PREGNANCY_MAX_YEARS 55

/* @today minus @years, as YYYY-MM-DD: an approximate birth date. */
static char *
approximate_birth_date (const char *today,
                        guint       years)
{
  GDate date;

  if (!gil_patient_parse_birth_date (today, today, &date, NULL))
    g_return_val_if_reached (NULL);
  g_date_subtract_years (&date, years);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

static gboolean
mark_unidentified (GilStore  *store,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store, "UPDATE patients SET unidentified = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return gil_store_step_done (store, stmt, error);
}

/**
 * gil_patients_create_unidentified:
 * @patient: its sex set; on success the whole record as saved (name,
 *   approximate birth date, id, No. RM)
 * @approx_age_years: the age the staff guess, 0 to 130
 *
 * Creates a record for a patient nobody can identify yet.
 */
gboolean
gil_patients_create_unidentified (GilStore    *store,
                                  GilPatient  *patient,
                                  guint        approx_age_years,
                                  GError     **error)
{
  g_autofree char *today = NULL;
  guint64 number;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient != NULL, FALSE);

  if (!gil_patient_check_sex (patient->sex, error))
    return FALSE;
  if (approx_age_years > MAX_APPROX_AGE)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_FIELD,
                   _("The approximate age is a number of years from 0 to %d"), MAX_APPROX_AGE);
      return FALSE;
    }

  if (!gil_store_begin (store, error))
    return FALSE;
  number = (guint64)gil_store_next_counter (store, "unidentified",
                                            "numbering an unidentified patient", error);
  if (number == 0)
    goto fail;

  today = gil_store_dup_today (store);
  g_clear_pointer (&patient->nik, g_free);
  g_clear_pointer (&patient->bpjs, g_free);
  g_free (patient->name);
  /* TRANSLATORS: the name of a patient registered before anyone knew who
   * it was; %llu numbers them */
  patient->name = g_strdup_printf (_("Unidentified %llu"), (unsigned long long)number);
  g_free (patient->birth_date);
  patient->birth_date = approximate_birth_date (today, approx_age_years);
  if (!gil_patients_create (store, patient, NULL, error) ||
      !mark_unidentified (store, patient->id, error) ||
      !gil_store_commit (store, error))
    goto fail;
  patient->unidentified = TRUE;
  return TRUE;

fail:
  gil_store_abort (store);
  patient->id = 0;
  return FALSE;
}

/* Both patients with a visit open today would leave one patient in two
 * queues. */
static gboolean
both_queued (GilStore    *store,
             gint64       a,
             gint64       b,
             gboolean    *both,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = gil_store_dup_today (store);

  stmt = gil_store_prepare (store,
                            "SELECT count (DISTINCT v.patient) FROM visits v"
                            " JOIN stops s ON s.visit = v.id"
                            " WHERE v.patient IN (?1, ?2) AND v.day = ?3"
                            " AND s.status IN ('waiting', 'called', 'serving')",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_STATIC);
  if (!gil_store_step_row (store, stmt, "checking the patients' visits", error))
    return FALSE;
  *both = sqlite3_column_int (stmt, 0) == 2;
  return TRUE;
}

static gboolean
check_merge (const GilPatient  *source,
             const GilPatient  *target,
             GError           **error)
{
  if (source->merged_into != 0 || target->merged_into != 0)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_MERGED,
                   _("The record %s was already merged into another"),
                   source->merged_into != 0 ? source->rm : target->rm);
      return FALSE;
    }
  if (!source->unidentified)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_MERGE,
                   _("Only a record registered without identity can be merged; %s (No. RM %s) is identified"),
                   source->name, source->rm);
      return FALSE;
    }
  if (target->unidentified)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_MERGE,
                   _("%s has no identity either; merge into the patient's own record"),
                   target->name);
      return FALSE;
    }
  return TRUE;
}

/* The open stops of @patient's visits: where the name on a queue changes. */
static GArray *
open_stops (GilStore  *store,
            gint64     patient,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store,
                            "SELECT s.id FROM stops s JOIN visits v ON v.id = s.visit"
                            " WHERE v.patient = ? AND s.status IN ('waiting', 'called', 'serving')"
                            " ORDER BY s.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, patient);
  return gil_store_collect_ids (store, stmt, "reading a patient's open stops", error);
}

/* Completed months from YYYY-MM-DD ?3 to the visit's day. */
#define AGE_MONTHS_SQL \
  "max (0, (CAST (substr (day, 1, 4) AS INTEGER) - CAST (substr (?3, 1, 4) AS INTEGER)) * 12" \
  " + CAST (substr (day, 6, 2) AS INTEGER) - CAST (substr (?3, 6, 2) AS INTEGER)" \
  " - (CAST (substr (day, 9, 2) AS INTEGER) < CAST (substr (?3, 9, 2) AS INTEGER)))"

/**
 * gil_patients_refresh_visits:
 * @patient: a patient whose visits were registered unidentified
 * @real: who the patient turned out to be
 *
 * A visit keeps the sex and age its patient had when it was registered,
 * for the reports; registered unidentified, those were guessed. The
 * visits of @patient take @real's.
 */
gboolean
gil_patients_refresh_visits (GilStore          *store,
                             gint64             patient,
                             const GilPatient  *real,
                             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (real != NULL, FALSE);

  stmt = gil_store_prepare (store,
                            "UPDATE visits SET sex = ?2, age_months = " AGE_MONTHS_SQL
                            " WHERE patient = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, patient);
  sqlite3_bind_text (stmt, 2, real->sex, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, real->birth_date, -1, SQLITE_STATIC);
  return gil_store_step_done (store, stmt, error);
}

static gboolean
move_visits (GilStore  *store,
             gint64     id,
             gint64     into,
             GError   **error)
{
  static const char * const sql[] = {
    "UPDATE visits SET patient = ?2 WHERE patient = ?1",
    /* A new patient is one at the first visit of the record. */
    ("UPDATE visits SET new_patient = NOT EXISTS (SELECT 1 FROM visits o"
     " WHERE o.patient = ?2 AND o.id < visits.id) WHERE patient = ?2"),
    "UPDATE patients SET merged_into = ?2, nik = NULL, bpjs = NULL WHERE id = ?1",
    "DELETE FROM patient_words WHERE patient = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, into);
      if (!gil_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* One "patient.merged" event for each open stop that changed patient, so
 * that the rooms show the real name; one without a stop when none did. */
static gboolean
announce_merge (GilStore  *store,
                GArray    *stops,
                gint64     id,
                gint64     into,
                GError   **error)
{
  g_autofree char *detail = g_strdup_printf ("{\"from\": %" G_GINT64_FORMAT
                                             ", \"into\": %" G_GINT64_FORMAT "}",
                                             id, into);

  if (stops->len == 0)
    return gil_events_append_detail (store, "patient.merged", 0, 0, detail, error) != 0;
  for (guint i = 0; i < stops->len; i++)
    if (gil_events_append_detail (store, "patient.merged", 0,
                                  g_array_index (stops, gint64, i), detail, error) == 0)
      return FALSE;
  return TRUE;
}

/**
 * gil_patients_merge:
 * @id: an unidentified patient's record
 * @into: the patient's own, identified record
 *
 * Moves every visit of @id to @into and marks @id merged into it, with
 * the audit trail of both records and an event for the queues.
 */
gboolean
gil_patients_merge (GilStore  *store,
                    gint64     id,
                    gint64     into,
                    GError   **error)
{
  g_autoptr(GilPatient) source = NULL;
  g_autoptr(GilPatient) target = NULL;
  g_autoptr(GArray) stops = NULL;
  gboolean both = FALSE;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);

  if (id == into)
    {
      g_set_error_literal (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_MERGE,
                           _("A record cannot be merged into itself"));
      return FALSE;
    }
  if (!gil_store_begin (store, error))
    return FALSE;
  source = gil_patients_get (store, id, error);
  target = source != NULL ? gil_patients_get (store, into, error) : NULL;
  if (target == NULL || !check_merge (source, target, error) ||
      !both_queued (store, id, into, &both, error))
    goto fail;
  if (both)
    {
      g_set_error (error, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_MERGE,
                   _("%s (No. RM %s) is already in a queue today; finish that visit first"),
                   target->name, target->rm);
      goto fail;
    }
  stops = open_stops (store, id, error);
  if (stops == NULL ||
      !gil_patients_refresh_visits (store, id, target, error) ||
      !move_visits (store, id, into, error) ||
      !gil_audit_record_patient (store, id, "updated", "merged_into", error) ||
      !gil_audit_record_patient (store, into, "updated", "visits", error) ||
      !announce_merge (store, stops, id, into, error) ||
      !gil_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gil_store_abort (store);
  return FALSE;
}

/**
 * gil_patients_check_pregnancy:
 * @day: the service day, YYYY-MM-DD
 *
 * Pregnancy, antenatal and postnatal care are for women aged 10 to 55.
 *
 * Returns: (transfer full) (nullable): what is implausible about a visit
 *   for @patient with @purpose and @pregnant, or %NULL
 */
char *
gil_patients_check_pregnancy (const GilPatient *patient,
                              const char       *purpose,
                              gboolean          pregnant,
                              const char       *day)
{
  GDate birth;
  GDate today;
  int years;

  g_return_val_if_fail (patient != NULL && day != NULL, NULL);

  if (!pregnant && g_strcmp0 (purpose, "anc") != 0 && g_strcmp0 (purpose, "postnatal") != 0)
    return NULL;
  if (g_strcmp0 (patient->sex, "F") != 0)
    return g_strdup_printf (_("%s is recorded as male; pregnancy and its care are for women"),
                            patient->name);
  if (!gil_patient_parse_birth_date (patient->birth_date, day, &birth, NULL) ||
      !gil_patient_parse_birth_date (day, day, &today, NULL))
    return NULL;
  years = gil_age_in_months (&birth, &today) / 12;
  if (years >= PREGNANCY_MIN_YEARS && years <= PREGNANCY_MAX_YEARS)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s is %d year old; pregnancy and its care are for women aged %d to %d",
                                       "%s is %d years old; pregnancy and its care are for women aged %d to %d",
                                       years),
                          patient->name, years, PREGNANCY_MIN_YEARS, PREGNANCY_MAX_YEARS);
}
