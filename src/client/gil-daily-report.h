/* gil-daily-report.h — a day's report from the manager, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The trend beside a day's report: that day and the days before it. */
#define GIL_REPORT_TREND_DAYS 30

/* A group's figures. Times are in seconds, -1 when there was nothing to
 * measure; a count the manager did not send is 0. */
typedef struct
{
  gint64 visits;
  gint64 new_patients;   /* the whole puskesmas only */
  gint64 served;
  gint64 not_served;
  gint64 cancelled;
  gint64 referred;       /* the whole puskesmas only: referred out (dirujuk) */
  gint64 died;           /* the whole puskesmas only */
  gint64 wait_p50;
  gint64 wait_p90;
  gint64 service_p50;
} GilReportFigures;

/* A life-cycle cluster ("k2", "k3") and its visits. */
typedef struct
{
  char             *cluster;
  GilReportFigures  figures;
} GilReportCluster;

/* A room and its stops. */
typedef struct
{
  gint64            id;
  char             *name;
  GilReportFigures  figures;
} GilReportRoom;

/* An hour of the day (0–23): patients who arrived, and who were served. */
typedef struct
{
  int    hour;
  gint64 arrivals;
  gint64 served;
} GilReportHour;

/* A group of a breakdown ("bayi", "F", "bpjs", "sick") and its visits. */
typedef struct
{
  char   *key;
  gint64  visits;
} GilReportCount;

#define GIL_TYPE_DAILY_REPORT (gil_daily_report_get_type ())
G_DECLARE_FINAL_TYPE (GilDailyReport, gil_daily_report, GIL, DAILY_REPORT, GObject)

GilDailyReport         *gil_daily_report_new_from_json   (JsonNode       *node,
                                                          GError        **error);
GPtrArray              *gil_daily_report_list_from_json  (JsonNode       *node,
                                                          GError        **error);

const char             *gil_daily_report_get_date        (GilDailyReport *self);
const GilReportFigures *gil_daily_report_get_totals      (GilDailyReport *self);
guint                   gil_daily_report_get_n_clusters  (GilDailyReport *self);
const GilReportCluster *gil_daily_report_get_cluster     (GilDailyReport *self,
                                                          guint           index);
guint                   gil_daily_report_get_n_rooms     (GilDailyReport *self);
const GilReportRoom    *gil_daily_report_get_room        (GilDailyReport *self,
                                                          guint           index);
guint                   gil_daily_report_get_n_hours     (GilDailyReport *self);
const GilReportHour    *gil_daily_report_get_hour        (GilDailyReport *self,
                                                          guint           index);
guint                   gil_daily_report_get_n_age_groups (GilDailyReport *self);
const GilReportCount   *gil_daily_report_get_age_group   (GilDailyReport *self,
                                                          guint           index);
gint64                  gil_daily_report_count_sex       (GilDailyReport *self,
                                                          const char     *sex);
gint64                  gil_daily_report_count_payer     (GilDailyReport *self,
                                                          const char     *payer);
gint64                  gil_daily_report_count_purpose   (GilDailyReport *self,
                                                          const char     *purpose);

gint64                  gil_daily_report_get_loket_wait_p50_minutes (GilDailyReport *self);
gint64                  gil_daily_report_get_loket_wait_p90_minutes (GilDailyReport *self);

G_END_DECLS
