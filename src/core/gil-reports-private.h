/* gil-reports-private.h — what the daily and the monthly report share:
 * tallies with their percentiles, visits' outcomes from their stops,
 * the rooms and clusters as groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-reports.h"
#include "gil-terms.h"

G_BEGIN_DECLS

/* What a group gathers before its percentiles are taken. */
typedef struct
{
  GilReportFigures  figures;
  GArray           *waits;      /* seconds, one per called stop */
  GArray           *services;   /* seconds, one per finished stop */
} GilReportTally;

/* A visit as the stops tell its outcome. */
typedef struct
{
  gint64   id;
  char     cluster[4];
  int      hour;
  int      served_hour;   /* of the last finished stop; -1 if none */
  gboolean done;          /* a stop was finished */
  gboolean open;          /* a stop is still waiting, called or served */
  gboolean cancelled;     /* the desk cancelled it: neither served nor not */
  GilOutcome outcome;     /* as the room recorded it (schema 15) */
} GilReportVisit;

/* The days' visits and stops, gathered into tallies. */
typedef struct
{
  char           *from;          /* YYYY-MM-DD */
  char           *to;
  GArray         *visits;        /* element-type GilReportVisit, by id */
  GHashTable     *rooms;         /* room id → GilReportTally */
  GilReportTally *totals;
  GilReportTally *clusters[2];   /* k2, k3 */
} GilReportGather;

guint            gil_report_age_group_of   (int               months);
gint             gil_report_purpose_index  (const char       *purpose);
gint             gil_report_payer_index    (const char       *payer);

GilReportGather *gil_report_gather_new     (const char       *from,
                                            const char       *to);
void             gil_report_gather_free    (GilReportGather  *gather);
gboolean         gil_report_gather_stops   (GilReportGather  *gather,
                                            GilStore         *store,
                                            GPtrArray        *rooms,
                                            GError          **error);
void             gil_report_gather_finish  (GilReportGather  *gather,
                                            GilReportFigures *totals,
                                            GPtrArray        *clusters);
void             gil_report_group_free     (GilReportGroup   *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilReportGather, gil_report_gather_free)

G_END_DECLS
