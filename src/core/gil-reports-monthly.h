/* gil-reports-monthly.h — the month the head reports to the Dinas
 * Kesehatan: per day, cluster, room, age group and sex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-age-bands.h"
#include "gil-reports.h"

G_BEGIN_DECLS

typedef struct
{
  char date[11];   /* YYYY-MM-DD */
  int  visits;
} GilReportDay;

typedef struct
{
  char             *month;       /* YYYY-MM, or NULL for a free period */
  char             *from;        /* its first day */
  char             *to;          /* its last, or today in the current month */
  const GilAgeBandSet *age_bands; /* the age groups of by_cluster_age_sex */
  GArray           *days;        /* element-type GilReportDay, from to to */
  GilReportFigures  totals;      /* new_patients: kunjungan baru this year */
  GPtrArray        *clusters;    /* element-type GilReportGroup: k2, k3 */
  GPtrArray        *rooms;       /* element-type GilReportGroup, by room id */
  int               by_cluster_age_sex[2][GIL_AGE_BANDS_MAX][2]; /* k2/k3, band, F/M */
  int               by_payer[GIL_REPORT_N_PAYERS];
  int              *by_purpose;  /* one per gil_terms_purposes() */
  int               tb_presumptive; /* terduga TBC: two-week cough, infection room */
} GilMonthlyReport;

gboolean          gil_report_month_range     (const char        *month,
                                              const char        *today,
                                              char             **from,
                                              char             **to);
GilMonthlyReport *gil_report_monthly         (GilStore          *store,
                                              const char        *month,
                                              const char        *from,
                                              const char        *to,
                                              const GilAgeBandSet *age_bands,
                                              GError           **error);
void              gil_monthly_report_free    (GilMonthlyReport  *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilMonthlyReport, gil_monthly_report_free)

G_END_DECLS
