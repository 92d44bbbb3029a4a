/* gil-patients.h — patients: identity, validation and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_PATIENT_ERROR (gil_patient_error_quark ())

/* A wrong NIK is reported in the GIL_NIK_ERROR domain, saying what is wrong. */
typedef enum
{
  GIL_PATIENT_ERROR_NOT_FOUND,
  GIL_PATIENT_ERROR_INVALID_BPJS,
  GIL_PATIENT_ERROR_INVALID_BIRTH_DATE,
  GIL_PATIENT_ERROR_MISSING_NAME,
  GIL_PATIENT_ERROR_INVALID_SEX,
  GIL_PATIENT_ERROR_INVALID_FIELD,
  GIL_PATIENT_ERROR_DUPLICATE_NIK,
  GIL_PATIENT_ERROR_MERGED,          /* the record was merged into another */
  GIL_PATIENT_ERROR_INVALID_MERGE,   /* only an unidentified record merges */
} GilPatientError;

typedef struct
{
  gint64  id;
  char   *rm;          /* No. RM, given by Giliran */
  char   *nik;         /* nullable */
  char   *bpjs;        /* nullable */
  char   *name;
  char   *birth_date;  /* YYYY-MM-DD */
  char   *sex;         /* "F" or "M" */
  char   *address;
  char   *phone;
  gboolean unidentified; /* registered before anyone knew who it was */
  gint64  merged_into;   /* 0, or the patient this record was merged into */
} GilPatient;

GQuark      gil_patient_error_quark   (void);

GilPatient *gil_patient_new           (void);
void        gil_patient_free          (GilPatient       *patient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilPatient, gil_patient_free)

char       *gil_patient_normalize_name (const char      *name);
gboolean    gil_patient_check_bpjs     (const char      *bpjs,
                                        GError         **error);
gboolean    gil_patient_check_sex      (const char      *sex,
                                        GError         **error);
gboolean    gil_patient_parse_birth_date (const char    *text,
                                          const char    *today,
                                          GDate         *date,
                                          GError       **error);
int         gil_age_in_months          (const GDate     *birth,
                                        const GDate     *day);

gboolean    gil_patients_create       (GilStore         *store,
                                       GilPatient       *patient,
                                       char            **warning,
                                       GError          **error);
gboolean    gil_patients_update       (GilStore         *store,
                                       GilPatient       *patient,
                                       char            **warning,
                                       GError          **error);
GilPatient *gil_patients_get          (GilStore         *store,
                                       gint64            id,
                                       GError          **error);
gboolean    gil_patients_create_unidentified (GilStore   *store,
                                              GilPatient *patient,
                                              guint       approx_age_years,
                                              GError    **error);
gboolean    gil_patients_refresh_visits (GilStore         *store,
                                         gint64            patient,
                                         const GilPatient *real,
                                         GError          **error);
gboolean    gil_patients_merge        (GilStore         *store,
                                       gint64            id,
                                       gint64            into,
                                       GError          **error);
char       *gil_patients_check_pregnancy (const GilPatient *patient,
                                          const char       *purpose,
                                          gboolean          pregnant,
                                          const char       *day);
GPtrArray  *gil_patients_search       (GilStore         *store,
                                       const char       *query,
                                       guint             limit,
                                       GError          **error);

G_END_DECLS
