/* gil-test-util.c — what the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-i18n.h"
#include "gil-patients.h"
#include "gil-queue.h"
#include "gil-rooms.h"
#include "gil-test-util.h"

void
gil_test_init (int    *argc,
               char ***argv)
{
  gil_i18n_init (TRUE);
  g_test_init (argc, argv, NULL);
}

GilStore *
gil_test_open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "giliran.db", NULL);
  GilStore *store = gil_store_open (path, GIL_STORE_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/**
 * gil_test_store_set_up:
 *
 * A fixture's store: a new database in a new temporary folder.
 */
void
gil_test_store_set_up (char     **dir,
                       GilStore **store)
{
  *dir = gil_test_make_dir ();
  *store = gil_test_open_store (*dir);
}

/**
 * gil_test_store_tear_down:
 *
 * Checks nothing else holds the store, closes it and removes its folder.
 */
void
gil_test_store_tear_down (char     **dir,
                          GilStore **store)
{
  g_assert_finalize_object (g_steal_pointer (store));
  gil_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}

/* A GTestFixtureFunc: @f's new store. */
void
gil_test_store_fixture_set_up (GilTestStore  *f,
                               gconstpointer  data)
{
  gil_test_store_set_up (&f->dir, &f->store);
}

/* A GTestFixtureFunc: @f's new store, its clock at 08:00 on 22 November
 * 2026 (a clinic morning). */
void
gil_test_store_morning_set_up (GilTestStore  *f,
                               gconstpointer  data)
{
  gil_test_store_set_up (&f->dir, &f->store);
  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 8, 0));
}

/* A GTestFixtureFunc: as gil_test_store_tear_down(). */
void
gil_test_store_fixture_tear_down (GilTestStore  *f,
                                  gconstpointer  data)
{
  gil_test_store_tear_down (&f->dir, &f->store);
}

gint64
gil_test_local_time (int year,
                     int month,
                     int day,
                     int hour,
                     int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, 0);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

gint64
gil_test_add_patient (GilStore   *store,
                      const char *name,
                      const char *birth_date,
                      const char *sex)
{
  g_autoptr(GilPatient) patient = gil_patient_new ();
  g_autoptr(GError) error = NULL;

  patient->name = g_strdup (name);
  patient->birth_date = g_strdup (birth_date);
  patient->sex = g_strdup (sex);
  g_assert_true (gil_patients_create (store, patient, NULL, &error));
  g_assert_no_error (error);
  return patient->id;
}

gint64
gil_test_room_id (GilStore   *store,
                  const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) room = gil_rooms_get_by_code (store, code, &error);

  g_assert_no_error (error);
  return room->id;
}

/**
 * gil_test_register_visit:
 * @request: (nullable): what else the visit asks (signs, purpose, payer):
 *   purpose "sick" and payer "bpjs" where it gives none
 * @room_code: (nullable): the room chosen, or %NULL for routing's
 *
 * Registers a new patient and a visit for them, which must succeed.
 *
 * Returns: (transfer full): the visit
 */
GilVisit *
gil_test_register_visit (GilStore              *store,
                         const GilVisitRequest *request,
                         const char            *name,
                         const char            *birth_date,
                         const char            *sex,
                         const char            *room_code)
{
  g_autoptr(GError) error = NULL;
  GilVisitRequest visit_request = { 0 };
  GilVisit *visit;

  if (request != NULL)
    visit_request = *request;
  if (visit_request.purpose == NULL)
    visit_request.purpose = "sick";
  if (visit_request.payer == NULL)
    visit_request.payer = "bpjs";
  visit_request.patient = gil_test_add_patient (store, name, birth_date, sex);
  visit_request.room = room_code != NULL ? gil_test_room_id (store, room_code) : 0;
  visit = gil_queue_register (store, &visit_request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (visit);
  return visit;
}

/* The first @needle in @length bytes from @haystack, or NULL. */
static char *
find_bytes (char       *haystack,
            gsize       length,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

/**
 * gil_test_break_index:
 * @database: a Giliran database with at least three patients, closed, its
 *   WAL checkpointed
 *
 * Damages the index of No. RM so that the second patient's entry holds the
 * third's number. Its page stays well formed and in order, so quick_check
 * (what the manager runs when it opens the database) still passes, but the
 * index no longer matches its table, which integrity_check finds.
 */
void
gil_test_break_index (const char *database)
{
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  /* Everything is in the file itself, not in a WAL beside it. (Reading
   * it here may leave an empty one.) */
  gboolean checkpointed = !g_file_test (wal, G_FILE_TEST_EXISTS);
  g_autofree char *root = gil_test_query_one (database, "SELECT rootpage FROM sqlite_schema "
                                                        "WHERE name = 'sqlite_autoindex_patients_1'");
  g_autofree char *page_size = gil_test_query_one (database, "PRAGMA page_size");
  g_autofree char *second = gil_test_query_one (database, "SELECT rm FROM patients ORDER BY id LIMIT 1 OFFSET 1");
  g_autofree char *third = gil_test_query_one (database, "SELECT rm FROM patients ORDER BY id LIMIT 1 OFFSET 2");
  g_autofree char *contents = NULL;
  g_autofree char *quick = NULL;
  g_autofree char *integrity = NULL;
  gsize length = 0;
  gsize size = g_ascii_strtoull (page_size, NULL, 10);
  gsize start = (g_ascii_strtoull (root, NULL, 10) - 1) * size;
  char *page;
  char *found;

  g_assert_true (checkpointed);
  g_assert_cmpuint (strlen (second), ==, strlen (third));
  g_assert_true (g_file_get_contents (database, &contents, &length, NULL));
  g_assert_cmpuint (start + size, <=, length);
  page = contents + start;
  found = find_bytes (page, size, second);
  g_assert_nonnull (found);
  g_assert_null (find_bytes (found + 1, size - (found + 1 - page), second));
  memcpy (found, third, strlen (third));
  g_assert_true (g_file_set_contents (database, contents, length, NULL));

  quick = gil_test_query_one (database, "PRAGMA quick_check");
  integrity = gil_test_query_one (database, "PRAGMA integrity_check");
  g_assert_cmpstr (quick, ==, "ok");
  g_assert_cmpstr (integrity, !=, "ok");
}
