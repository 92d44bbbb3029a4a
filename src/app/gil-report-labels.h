/* gil-report-labels.h — the wording of a report's figures, shared by the
 * head's page and the printed report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    gil_report_over_target      (gint64      seconds,
                                         int         target_minutes);
char       *gil_report_format_minutes   (gint64      seconds);
char       *gil_report_format_target    (int         target_minutes);
char       *gil_report_format_date      (const char *iso_date);
char       *gil_report_format_period    (const char *from,
                                         const char *to);
char       *gil_report_format_day_month (const char *iso_date);
char       *gil_report_format_month     (const char *month);
char       *gil_report_shift_date       (const char *iso_date,
                                         int         days);
gboolean    gil_report_date_is_valid    (const char *text);
const char *gil_report_cluster_title    (const char *cluster);
const char *gil_report_age_group_label  (const char *group);
const char *gil_report_sex_label        (const char *sex);
const char *gil_report_measure_title   (const char *measure);

G_END_DECLS
