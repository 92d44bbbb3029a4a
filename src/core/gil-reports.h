/* gil-reports.h — the day's load: visits, waits and service times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-date.h"
#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_N_AGE_GROUPS 6
#define GIL_REPORT_N_PAYERS 3   /* as gil_report_payer() names them */

/* The figures of one group of a day; times in seconds, -1 when there was
 * nothing to measure. */
typedef struct
{
  int    visits;        /* visits, or for a room its stops */
  int    new_patients;
  int    served;
  int    not_served;
  int    cancelled;     /* visits, or a room's stops, the desk cancelled */
  int    referred;      /* visits the room referred out (dirujuk); 0 for a room */
  int    died;          /* visits that ended in death; 0 for a room */
  gint64 wait_p50;      /* enqueued → first called, per stop */
  gint64 wait_p90;
  gint64 service_p50;   /* started → finished, per stop */
  gint64 service_p90;
} GilReportFigures;

typedef struct
{
  gint64            room;     /* 0 for a cluster */
  char             *code;     /* the room's code, or the cluster */
  char             *name;     /* the room's name; NULL for a cluster */
  GilReportFigures  figures;
} GilReportGroup;

typedef struct
{
  int hour;
  int arrivals;   /* visits registered in the hour */
  int served;     /* visits whose last service ended in the hour */
} GilReportHour;

typedef struct
{
  char             *date;
  GilReportFigures  totals;
  GPtrArray        *clusters;   /* element-type GilReportGroup: k2, k3 */
  GPtrArray        *rooms;      /* element-type GilReportGroup, by room id */
  GArray           *hours;      /* element-type GilReportHour, first to last busy hour */
  int               by_age_group[GIL_N_AGE_GROUPS];
  int               by_sex[2];  /* F, M */
  int               by_payer[GIL_REPORT_N_PAYERS];
  int              *by_purpose; /* one per gil_terms_purposes() */
  gint64            loket_wait_p50;  /* taken → first called at the loket; -1 for none */
  gint64            loket_wait_p90;
} GilDailyReport;

const char     *gil_report_age_group      (guint           group);
const char     *gil_report_payer          (guint           payer);

GilDailyReport *gil_report_daily          (GilStore       *store,
                                           const char     *date,
                                           GError        **error);
void            gil_daily_report_free     (GilDailyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilDailyReport, gil_daily_report_free)

G_END_DECLS
