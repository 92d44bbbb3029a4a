/* gil-test-util.h — what the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-queue.h"
#include "gil-store.h"
#include "gil-test-dir.h"
#include "gil-test-sql.h"

G_BEGIN_DECLS

/* A test fixture of a new database in a new temporary folder. */
typedef struct
{
  char     *dir;
  GilStore *store;
} GilTestStore;

void      gil_test_init           (int          *argc,
                                   char       ***argv);
GilStore *gil_test_open_store     (const char   *dir);
void      gil_test_store_set_up   (char        **dir,
                                   GilStore    **store);
void      gil_test_store_tear_down (char       **dir,
                                   GilStore    **store);
void      gil_test_store_fixture_set_up    (GilTestStore  *f,
                                            gconstpointer  data);
void      gil_test_store_morning_set_up    (GilTestStore  *f,
                                            gconstpointer  data);
void      gil_test_store_fixture_tear_down (GilTestStore  *f,
                                            gconstpointer  data);
gint64    gil_test_local_time     (int           year,
                                   int           month,
                                   int           day,
                                   int           hour,
                                   int           minute);
gint64    gil_test_add_patient    (GilStore     *store,
                                   const char   *name,
                                   const char   *birth_date,
                                   const char   *sex);
void      gil_test_break_index    (const char   *database);
gint64    gil_test_room_id        (GilStore     *store,
                                   const char   *code);
GilVisit *gil_test_register_visit (GilStore              *store,
                                   const GilVisitRequest *request,
                                   const char            *name,
                                   const char            *birth_date,
                                   const char            *sex,
                                   const char            *room_code);

G_END_DECLS
