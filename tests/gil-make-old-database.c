/* gil-make-old-database.c — a database as an older Giliran left it, for
 * the deb test's upgrade across a schema migration
 *
 *   gil-make-old-database PATH VERSION
 *
 * Writes a new database at PATH with the real, frozen migrations up to
 * schema VERSION only (gil_store_open_at_version()), holding what a
 * puskesmas had then: a patient (Lalu Ahmad Lama, NIK 5201011505800003,
 * with the words its name is searched by) and a registration desk
 * ("Meja Lama"), paired as that schema kept a station: its token's SHA-256
 * in hex in stations.token_hash, with SQL that every schema since the
 * first accepts. Prints the desk's token on stdout. The packaged manager
 * started on this file must migrate it to the newest schema, find the
 * patient and let the desk in with its old token.
 *
 * PATH must not exist (nothing is overwritten); VERSION is 1 to the newest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "gil-stations.h"
#include "gil-store.h"

#define OLD_PATIENT_SQL \
  "INSERT INTO patients (id, rm, nik, name, birth_date, sex, created_at)" \
  " VALUES (1, '000001', '5201011505800003', 'Lalu Ahmad Lama', '1980-05-15', 'M', %" G_GINT64_FORMAT ");" \
  "INSERT INTO patient_words (word, patient) VALUES ('lalu', 1), ('ahmad', 1), ('lama', 1);"

#define OLD_STATION_SQL \
  "INSERT INTO stations (name, role, token_hash, created_at)" \
  " VALUES ('Meja Lama', 'registration', '%s', %" G_GINT64_FORMAT ");"

static gboolean
write_old (const char  *path,
           int          version,
           const char  *token,
           GError     **error)
{
  g_autoptr(GilStore) store = NULL;
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *sql = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  store = gil_store_open_at_version (path, version, error);
  if (store == NULL)
    return FALSE;
  if (gil_store_get_schema_version (store) != version)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s is at schema %d, not %d",
                   path, gil_store_get_schema_version (store), version);
      return FALSE;
    }
  sql = g_strdup_printf ("BEGIN;" OLD_PATIENT_SQL OLD_STATION_SQL "COMMIT;", now, hash, now);
  return gil_store_exec (store, sql, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  gint64 version;

  if (argc != 3 ||
      !g_ascii_string_to_signed (argv[2], 10, 1, gil_store_get_latest_schema_version (),
                                 &version, NULL))
    {
      g_printerr ("usage: gil-make-old-database PATH VERSION (1 to %d)\n",
                  gil_store_get_latest_schema_version ());
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("gil-make-old-database: %s exists; nothing written\n", argv[1]);
      return 1;
    }
  token = gil_token_generate ();
  if (!write_old (argv[1], (int)version, token, &error))
    {
      g_autofree char *wal = g_strconcat (argv[1], "-wal", NULL);
      g_autofree char *shm = g_strconcat (argv[1], "-shm", NULL);

      g_printerr ("gil-make-old-database: %s\n", error->message);
      g_unlink (argv[1]);
      g_unlink (wal);
      g_unlink (shm);
      return 1;
    }
  g_print ("%s\n", token);
  return 0;
}
