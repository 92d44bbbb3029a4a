/* gil-test-util.c — what the core tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gil-i18n.h"
#include "gil-patients.h"
#include "gil-rooms.h"
#include "gil-test-util.h"

void
gil_test_init (int    *argc,
               char ***argv)
{
  gil_i18n_init (TRUE);
  g_test_init (argc, argv, NULL);
}

char *
gil_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("giliran-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
gil_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
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
