/* gil-test-month.h — a month scripted day by day on the real manager,
 * its clock set through libfaketime
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "gil-test-manager.h"

G_BEGIN_DECLS

typedef struct
{
  char           *clock;   /* libfaketime's timestamp file */
  GilTestManager *first;   /* owns the database's folder */
  GilTestManager *m;       /* the manager of the day */
  const char     *url;
  const char     *admin;
} GilTestMonth;

typedef struct
{
  gint64 id;
  gint64 stop;   /* its first */
} GilTestVisit;

gboolean     gil_test_month_init        (GilTestMonth *month);
void         gil_test_month_clear       (GilTestMonth *month);
void         gil_test_month_set_clock   (GilTestMonth *month,
                                         const char   *when);
void         gil_test_month_start_day   (GilTestMonth *month,
                                         const char   *when);
gint64       gil_test_month_add_patient (GilTestMonth *month,
                                         const char   *name,
                                         const char   *birth_date,
                                         const char   *sex);
GilTestVisit gil_test_month_visit       (GilTestMonth *month,
                                         gint64        patient,
                                         const char   *purpose,
                                         const char   *signs,
                                         const char   *payer,
                                         const char   *room);
void         gil_test_month_serve       (GilTestMonth *month,
                                         GilTestVisit  visit,
                                         const char   *called,
                                         const char   *started,
                                         const char   *finished,
                                         const char   *outcome);
void         gil_test_month_cancel      (GilTestMonth *month,
                                         GilTestVisit  visit);

G_END_DECLS
