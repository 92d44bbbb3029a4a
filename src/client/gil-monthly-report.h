/* gil-monthly-report.h — a month's report from the manager, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gil-daily-report.h"

G_BEGIN_DECLS

/* A group's figures over the month. Times are whole minutes, -1 when
 * there was nothing to measure; a count the manager did not send is 0.
 * new_visits and returning are the kunjungan baru and lama, referred and
 * died the visits' outcomes (the whole puskesmas and the clusters only). */
typedef struct
{
  gint64 visits;
  gint64 new_visits;
  gint64 returning;
  gint64 served;
  gint64 not_served;
  gint64 cancelled;
  gint64 wait_p50;
  gint64 wait_p90;
  gint64 service_p50;
  gint64 service_p90;
  gint64 referred;   /* the whole puskesmas and the clusters only: dirujuk */
  gint64 died;       /* the whole puskesmas and the clusters only */
} GilMonthFigures;

/* A life-cycle cluster ("k2", "k3") and its visits. */
typedef struct
{
  char            *cluster;
  GilMonthFigures  figures;
} GilMonthCluster;

/* A room and its stops. */
typedef struct
{
  gint64           id;
  char            *code;
  char            *name;
  GilMonthFigures  figures;
} GilMonthRoom;

/* A day of the month and its visits. */
typedef struct
{
  char   *date;
  gint64  visits;
} GilMonthDay;

/* A cluster's age group: the visits of women and of men. */
typedef struct
{
  char   *cluster;
  char   *age_group;
  gint64  women;
  gint64  men;
} GilMonthAgeSex;

#define GIL_TYPE_MONTHLY_REPORT (gil_monthly_report_get_type ())
G_DECLARE_FINAL_TYPE (GilMonthlyReport, gil_monthly_report, GIL, MONTHLY_REPORT, GObject)

GilMonthlyReport      *gil_monthly_report_new_from_json    (JsonNode         *node,
                                                            GError          **error);

const char            *gil_monthly_report_get_month        (GilMonthlyReport *self);
const char            *gil_monthly_report_get_from         (GilMonthlyReport *self);
const char            *gil_monthly_report_get_to           (GilMonthlyReport *self);
const GilMonthFigures *gil_monthly_report_get_totals       (GilMonthlyReport *self);
guint                  gil_monthly_report_get_n_days       (GilMonthlyReport *self);
const GilMonthDay     *gil_monthly_report_get_day          (GilMonthlyReport *self,
                                                            guint             index);
guint                  gil_monthly_report_get_n_clusters   (GilMonthlyReport *self);
const GilMonthCluster *gil_monthly_report_get_cluster      (GilMonthlyReport *self,
                                                            guint             index);
guint                  gil_monthly_report_get_n_rooms      (GilMonthlyReport *self);
const GilMonthRoom    *gil_monthly_report_get_room         (GilMonthlyReport *self,
                                                            guint             index);
guint                  gil_monthly_report_get_n_age_sex    (GilMonthlyReport *self);
const GilMonthAgeSex  *gil_monthly_report_get_age_sex      (GilMonthlyReport *self,
                                                            guint             index);
guint                  gil_monthly_report_get_n_payers     (GilMonthlyReport *self);
const GilReportCount  *gil_monthly_report_get_payer        (GilMonthlyReport *self,
                                                            guint             index);
guint                  gil_monthly_report_get_n_purposes   (GilMonthlyReport *self);
const GilReportCount  *gil_monthly_report_get_purpose      (GilMonthlyReport *self,
                                                            guint             index);
gint64                 gil_monthly_report_count_payer      (GilMonthlyReport *self,
                                                            const char       *payer);
gint64                 gil_monthly_report_count_purpose    (GilMonthlyReport *self,
                                                            const char       *purpose);
gint64                 gil_monthly_report_get_tb_presumptive (GilMonthlyReport *self);

G_END_DECLS
