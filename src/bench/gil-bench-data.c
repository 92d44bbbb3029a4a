/* gil-bench-data.c — patients and years of visits, written before the
 * manager starts, and the names a clerk searches them by
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-bench.h"
#include "gil-patients.h"

static const char * const first_names[] = {
  "Ahmad", "Budi", "Siti", "Nur", "Dewi", "Made", "Wayan", "Ketut", "Nyoman", "Putu",
  "Lalu", "Baiq", "Inaq", "Amaq", "Rina", "Agus", "Sri", "Eko", "Hendra", "Yanti",
  "Fitri", "Rizki", "Dian", "Andi", "Indah", "Joko", "Ratna", "Hadi", "Lestari", "Bayu",
  "Ayu", "Gede", "Komang", "Kadek", "Fauzi", "Rahmat", "Suryani", "Aminah", "Yusuf", "Maya",
};

static const char * const family_names[] = {
  "Saputra", "Wijaya", "Hidayat", "Pratama", "Santoso", "Lestari", "Kurniawan", "Sari",
  "Setiawan", "Rahayu", "Mahendra", "Sukardi", "Mardiana", "Hartono", "Susanti", "Gunawan",
  "Wibowo", "Nugroho", "Permata", "Utami", "Anggraini", "Firmansyah", "Ramadhan", "Purnama",
  "Suharto", "Yulianti", "Kusuma", "Handayani", "Syahputra", "Fitriani",
};

void
gil_bench_add_patients (GilStore *store,
                        guint     count,
                        GRand    *rand)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GilPatient) patient = g_new0 (GilPatient, 1);

      /* The store takes these over as it cleans them. */
      patient->name = g_strdup_printf ("%s %s %s",
                                       first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                       first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                       family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
      patient->birth_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1940, 2025),
                                             g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      patient->sex = g_strdup (g_rand_boolean (rand) ? "F" : "M");

      if (i % 10000 == 0)
        g_assert (gil_store_begin (store, &error));
      g_assert (gil_patients_create (store, patient, NULL, &error));
      if (i % 10000 == 9999 || i == count - 1)
        g_assert (gil_store_commit (store, &error));
    }
}

/* Five years of a busy puskesmas, straight into the tables: every visit
 * with its stop, served and timed, in rooms of the default set. */
void
gil_bench_add_history (GilStore *store,
                       guint     years,
                       guint     per_day,
                       guint     patients,
                       GRand    *rand)
{
  static const char * const clusters[] = { "k2", "k3" };
  static const char * const payers[] = { "bpjs", "umum", "other" };
  static const char * const purposes[] = { "sick", "anc", "immunization", "screening", "dental" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (today, -365 * (int)years);
  sqlite3_stmt *visit = gil_store_prepare (store,
                                           "INSERT INTO visits (patient, day, ticket, purpose, payer, new_patient,"
                                           " cluster, priority, age_months, sex, suggested_room, room, reason,"
                                           " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?, '', ?)",
                                           &error);
  sqlite3_stmt *stop = gil_store_prepare (store,
                                          "INSERT INTO stops (visit, room, day, status, rank, queue_key, enqueued_at,"
                                          " called_at, started_at, finished_at, calls) VALUES"
                                          " (?, ?, ?, 'done', 2, ?, ?, ?, ?, ?, 1)",
                                          &error);
  gint64 key = 0;

  g_assert_no_error (error);
  for (guint d = 0; d < 365 * years; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, d);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autoptr(GDateTime) opening = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day), 7, 30, 0);
      gint64 open_at = g_date_time_to_unix (opening);

      g_assert (gil_store_begin (store, &error));
      for (guint v = 0; v < per_day; v++)
        {
          g_autofree char *ticket = g_strdup_printf ("D-%03u", v + 1);
          gint64 room = g_rand_int_range (rand, 1, 11);
          gint64 arrived = open_at + v * 60;
          gint64 called = arrived + g_rand_int_range (rand, 60, 3600);
          gint64 finished = called + g_rand_int_range (rand, 120, 900);

          sqlite3_bind_int64 (visit, 1, g_rand_int_range (rand, 1, patients + 1));
          sqlite3_bind_text (visit, 2, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 3, ticket, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 4, purposes[g_rand_int_range (rand, 0, G_N_ELEMENTS (purposes))], -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 5, payers[g_rand_int_range (rand, 0, 3)], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (visit, 6, g_rand_int_range (rand, 0, 5) == 0);
          sqlite3_bind_text (visit, 7, clusters[g_rand_boolean (rand)], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (visit, 8, g_rand_int_range (rand, 0, 90 * 12));
          sqlite3_bind_text (visit, 9, g_rand_boolean (rand) ? "F" : "M", -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (visit, 10, room);
          sqlite3_bind_int64 (visit, 11, room);
          sqlite3_bind_int64 (visit, 12, arrived);
          g_assert (gil_store_step_done (store, visit, &error));
          sqlite3_reset (visit);

          sqlite3_bind_int64 (stop, 1, sqlite3_last_insert_rowid (gil_store_get_db (store)));
          sqlite3_bind_int64 (stop, 2, room);
          sqlite3_bind_text (stop, 3, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stop, 4, ++key);
          sqlite3_bind_int64 (stop, 5, arrived);
          sqlite3_bind_int64 (stop, 6, called);
          sqlite3_bind_int64 (stop, 7, called);
          sqlite3_bind_int64 (stop, 8, finished);
          g_assert (gil_store_step_done (store, stop, &error));
          sqlite3_reset (stop);
        }
      g_assert (gil_store_commit (store, &error));
    }
  sqlite3_finalize (visit);
  sqlite3_finalize (stop);
}

/* The search for sample @i: names by the prefix of a word, as a clerk
 * types them. */
char *
gil_bench_search_path (guint i)
{
  const char *first = first_names[i % G_N_ELEMENTS (first_names)];
  const char *family = family_names[(i * 7) % G_N_ELEMENTS (family_names)];

  return g_strdup_printf ("/api/v1/patients?q=%.3s%%20%.4s", first, family);
}
