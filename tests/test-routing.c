/* test-routing.c — the default routing against every scenario of
 * tests/data/routing.tsv, on several service days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-patients.h"
#include "gil-rooms.h"
#include "gil-test-routing.h"
#include "gil-test-util.h"
#include "gil-routing-rules.h"

typedef GilTestStore Fixture;

/* Routes the visit of scenario @f on @today, the day @day. */
static void
evaluate_scenario (GilStore         *store,
                   char            **f,
                   const GDate      *day,
                   const char       *today,
                   GilRoutingResult *result)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  g_autofree char *birth = NULL;
  GilRoutingInput input = { 0 };

  birth = gil_test_birth_date_for_age (f[1], day);
  signs = g_str_equal (f[5], "-") ? g_new0 (char *, 1) : g_strsplit (f[5], ",", -1);
  input.birth_date = birth;
  input.sex = f[2];
  input.pregnant = g_str_equal (f[3], "yes");
  input.purpose = f[4];
  input.signs = (const char * const *)signs;

  g_test_message ("%s: %s (born %s) on %s", f[0], f[1], birth, today);
  g_assert_true (gil_routing_evaluate (store, &input, today, result, &error));
  g_assert_no_error (error);
}

/* The parts of a reason between its punctuation, in lower case. */
static GPtrArray *
reason_clauses (const char *reason)
{
  g_autofree char *folded = g_utf8_casefold (reason, -1);
  g_auto(GStrv) parts = g_regex_split_simple ("[;:,.()]", folded, 0, 0);
  GPtrArray *clauses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *clause = g_strstrip (g_strdup (parts[i]));

      if (*clause != '\0')
        g_ptr_array_add (clauses, clause);
      else
        g_free (clause);
    }
  return clauses;
}

/* A reason is read aloud at the desk: one line that names rooms by their
 * names, with no room code, tag, cluster code or term code of the
 * program's, and that says nothing twice ("Laboratorium: Laboratorium",
 * "Ruang ugd tidak aktif: Ruang infeksi tidak aktif: …"). */
static void
assert_reason_readable (const char *reason)
{
  static const char * const tags[] = {
    "ibu", "balita", "anak", "dewasa", "lansia", "infeksi", "ugd", "gigi", "lab", "farmasi",
  };
  g_autoptr(GPtrArray) clauses = reason_clauses (reason);
  g_autofree char *folded = g_utf8_casefold (reason, -1);
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) trigrams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) content = g_ptr_array_new ();

  g_test_message ("reason: %s", reason);
  g_assert_true (g_utf8_validate (reason, -1, NULL));
  g_assert_cmpstr (reason, !=, "");
  g_assert_null (strchr (reason, '\n'));

  /* No codes: rooms (K2-KIA), clusters (k3), tags (Ruang ugd), signs and
   * purposes (cough-2-weeks). */
  g_assert_false (g_regex_match_simple ("\\b(K[1-4]|LK)-[A-Z]", reason, 0, 0));
  g_assert_false (g_regex_match_simple ("\\b(k[1-4]|lk)\\b", reason, 0, 0));
  g_assert_false (g_regex_match_simple ("\\b[a-z0-9]+-[a-z0-9]+", reason, 0, 0));
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *raw = g_strdup_printf ("uang %s", tags[i]);
      g_autofree char *english = g_strdup_printf ("%s room", tags[i]);

      g_assert_null (strstr (reason, raw));
      g_assert_null (strstr (reason, english));
    }

  /* No part said twice, or inside another part. */
  for (guint i = 0; i < clauses->len; i++)
    for (guint j = 0; j < clauses->len; j++)
      if (i != j && strstr (clauses->pdata[j], clauses->pdata[i]) != NULL)
        g_error ("“%s” is said twice in “%s”", (char *)clauses->pdata[i], reason);

  /* No three words said twice (the little ones that join them aside),
   * and "tidak aktif" once at most. */
  words = g_regex_split_simple ("[^[:alnum:]]+|\\b(?:dan|atau|ke|di|yang|untuk)\\b", folded, 0, 0);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (content, words[i]);
  for (guint i = 0; i + 2 < content->len; i++)
    {
      char *trigram = g_strjoin (" ", content->pdata[i], content->pdata[i + 1], content->pdata[i + 2], NULL);

      if (!g_hash_table_add (trigrams, trigram))
        g_error ("“%s” is said twice in “%s”", trigram, reason);
    }
  g_assert_true (strstr (folded, "tidak aktif") == NULL ||
                 strstr (strstr (folded, "tidak aktif") + 1, "tidak aktif") == NULL);
}

static void
run_scenarios_on (GilStore   *store,
                  int         year,
                  int         month,
                  int         mday)
{
  g_autoptr(GPtrArray) rows = gil_test_routing_scenarios ();
  g_autofree char *today = NULL;
  GDate day;

  gil_store_set_now (store, gil_test_local_time (year, month, mday, 9, 0));
  today = gil_store_dup_today (store);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, mday, month, year);

  for (guint i = 0; i < rows->len; i++)
    {
      char **f = rows->pdata[i];
      GilRoutingResult result;

      evaluate_scenario (store, f, &day, today, &result);
      g_assert_cmpstr (result.room_code, ==, f[6]);
      g_assert_cmpstr (gil_priority_to_string (result.priority), ==, f[7]);
      g_assert_nonnull (result.rule);
      g_assert_cmpstr (result.cluster, ==,
                       g_str_equal (f[3], "yes") || g_str_equal (f[4], "anc") || g_str_equal (f[4], "postnatal") ||
                       result.age_months < 18 * 12 ? "k2" : "k3");
      g_assert_nonnull (strstr (result.reason, result.room_name));
      assert_reason_readable (result.reason);
      gil_routing_result_clear (&result);
    }
}

static void
test_scenarios (Fixture       *f,
                gconstpointer  data)
{
  run_scenarios_on (f->store, 2026, 11, 22);
  /* Birthdays on a leap day and at the turn of the year. */
  run_scenarios_on (f->store, 2028, 2, 29);
  run_scenarios_on (f->store, 2027, 3, 1);
  run_scenarios_on (f->store, 2027, 1, 1);
  run_scenarios_on (f->store, 2026, 12, 31);
}

static void
evaluate (GilStore           *store,
          const char         *birth_date,
          const char         *sex,
          const char         *purpose,
          const char * const *signs,
          GilRoutingResult   *result)
{
  g_autoptr(GError) error = NULL;
  GilRoutingInput input = { birth_date, sex, purpose, signs, FALSE };

  g_assert_true (gil_routing_evaluate (store, &input, "2026-11-22", result, &error));
  g_assert_no_error (error);
}

static void
set_active (GilStore   *store,
            const char *code,
            gboolean    active)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) room = gil_rooms_get_by_code (store, code, &error);

  room->active = active;
  g_assert_true (gil_rooms_update (store, room, &error));
  g_assert_no_error (error);
}

static void
test_reasons (Fixture       *f,
              gconstpointer  data)
{
  const char * const cough[] = { "cough-2-weeks", NULL };
  const char * const disability[] = { "disability", NULL };
  GilRoutingResult result;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));

  evaluate (f->store, "1959-03-10", "M", "sick", NULL, &result);
  g_assert_cmpstr (result.reason, ==, "Usia 67 tahun: Klaster 3, Ruang Lansia");
  g_assert_cmpstr (result.rule, ==, "elderly");
  g_assert_cmpstr (result.priority_reason, ==, "lansia 67 tahun");
  gil_routing_result_clear (&result);

  evaluate (f->store, "1976-01-02", "M", "sick", cough, &result);
  g_assert_cmpstr (result.reason, ==, "Batuk 2 minggu atau lebih: Ruang Pemeriksaan Khusus");
  gil_routing_result_clear (&result);

  evaluate (f->store, "2026-03-10", "F", "sick", NULL, &result);
  g_assert_cmpstr (result.reason, ==, "Usia 8 bulan: Klaster 2, Ruang Balita (MTBS)");
  gil_routing_result_clear (&result);

  evaluate (f->store, "2026-11-12", "F", "child-growth", NULL, &result);
  g_assert_cmpstr (result.reason, ==, "Usia 10 hari: Klaster 2, Ruang Balita (MTBS)");
  gil_routing_result_clear (&result);

  /* Why a patient goes first names the person, as "lansia 67 tahun" does. */
  evaluate (f->store, "1986-01-02", "M", "sick", disability, &result);
  g_assert_cmpstr (result.priority_reason, ==, "penyandang disabilitas");
  gil_routing_result_clear (&result);
}

static void
test_inactive_room_falls_through (Fixture       *f,
                                  gconstpointer  data)
{
  const char * const cough[] = { "cough-2-weeks", NULL };
  GilRoutingResult result;

  set_active (f->store, "LK-KHUSUS", FALSE);
  evaluate (f->store, "1976-01-02", "M", "sick", cough, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  g_assert_cmpstr (result.rule, ==, "adult");
  g_assert_cmpstr (result.reason, ==,
                   "Batuk 2 minggu atau lebih; Ruang Pemeriksaan Khusus tidak aktif, "
                   "diarahkan ke Klaster 3, Ruang Usia Dewasa menurut usia 50 tahun");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  /* With the adult room closed too, nothing is left: no room, and why. */
  set_active (f->store, "K3-DEWASA", FALSE);
  evaluate (f->store, "1976-01-02", "M", "sick", cough, &result);
  g_assert_cmpint (result.room, ==, 0);
  g_assert_null (result.room_code);
  g_assert_null (result.rule);
  g_assert_cmpstr (result.reason, ==,
                   "Batuk 2 minggu atau lebih dan usia 50 tahun; Ruang Pemeriksaan Khusus dan "
                   "Ruang Usia Dewasa tidak aktif; tidak ada ruang lain yang sesuai, pilih ruang");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);
}

/* Emergency signs keep the visit an emergency when the UGD is closed: the
 * patient falls through to another room and is still called first there,
 * and the reason tells the desk both. */
static void
test_inactive_ugd_keeps_emergency (Fixture       *f,
                                   gconstpointer  data)
{
  const char * const emergency[] = { "emergency", NULL };
  const char * const danger[] = { "danger-sign-child", NULL };
  const char * const emergency_cough[] = { "emergency", "cough-2-weeks", NULL };
  GilRoutingResult result;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));
  set_active (f->store, "LK-UGD", FALSE);

  evaluate (f->store, "1988-03-10", "M", "sick", emergency, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  g_assert_cmpstr (result.rule, ==, "adult");
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.priority_reason, ==, "gawat darurat");
  g_assert_cmpstr (result.reason, ==,
                   "Tanda gawat darurat; Ruang Gawat Darurat tidak aktif, diarahkan ke "
                   "Klaster 3, Ruang Usia Dewasa menurut usia 38 tahun dan tetap didahulukan");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  /* A child's danger sign: to the under-fives' room, still an emergency. */
  evaluate (f->store, "2024-06-01", "F", "sick", danger, &result);
  g_assert_cmpstr (result.room_code, ==, "K2-BALITA");
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.reason, ==,
                   "Tanda bahaya pada anak; Ruang Gawat Darurat tidak aktif, diarahkan ke "
                   "Klaster 2, Ruang Balita (MTBS) menurut usia 29 bulan dan tetap didahulukan");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  /* Through a closed infection room too: both said, once each. */
  set_active (f->store, "LK-KHUSUS", FALSE);
  evaluate (f->store, "1988-03-10", "M", "sick", emergency_cough, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.reason, ==,
                   "Tanda gawat darurat dan batuk 2 minggu atau lebih; Ruang Gawat Darurat dan "
                   "Ruang Pemeriksaan Khusus tidak aktif, diarahkan ke Klaster 3, Ruang Usia Dewasa "
                   "menurut usia 38 tahun dan tetap didahulukan");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  /* No room left at all: the desk chooses, and it is still an emergency. */
  set_active (f->store, "K3-DEWASA", FALSE);
  evaluate (f->store, "1988-03-10", "M", "sick", emergency, &result);
  g_assert_cmpint (result.room, ==, 0);
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.reason, ==,
                   "Tanda gawat darurat dan usia 38 tahun; Ruang Gawat Darurat dan Ruang Usia Dewasa "
                   "tidak aktif; tidak ada ruang lain yang sesuai, pilih ruang; pasien tetap didahulukan");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  /* With the UGD open again, the ordinary reason. */
  set_active (f->store, "LK-UGD", TRUE);
  evaluate (f->store, "1988-03-10", "M", "sick", emergency, &result);
  g_assert_cmpstr (result.room_code, ==, "LK-UGD");
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.reason, ==, "Tanda gawat darurat: Ruang Gawat Darurat");
  gil_routing_result_clear (&result);
}

/* Rooms are closed one after another under every scenario: each reason
 * on the way is still one readable line, down to the one that leaves the
 * desk to choose. */
static void
test_reasons_as_rooms_close (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = gil_test_routing_scenarios ();
  g_autofree char *today = NULL;
  GDate day;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));
  today = gil_store_dup_today (f->store);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 22, 11, 2026);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      gboolean left = TRUE;

      while (left)
        {
          GilRoutingResult result;

          evaluate_scenario (f->store, rows->pdata[i], &day, today, &result);
          assert_reason_readable (result.reason);
          if (result.room_name != NULL)
            g_assert_nonnull (strstr (result.reason, result.room_name));
          /* Every closed room the visit was meant for, by its name. */
          for (guint j = 0; j < names->len; j++)
            g_assert_nonnull (strstr (result.reason, names->pdata[j]));
          left = result.room != 0;
          if (left)
            {
              set_active (f->store, result.room_code, FALSE);
              g_ptr_array_add (codes, g_strdup (result.room_code));
              g_ptr_array_add (names, g_strdup (result.room_name));
            }
          gil_routing_result_clear (&result);
        }
      g_assert_cmpuint (codes->len, >=, 1);
      for (guint j = 0; j < codes->len; j++)
        set_active (f->store, codes->pdata[j], TRUE);
    }
}

/* A fact the room's own name says is not said again. */
static void
test_reason_says_nothing_twice (Fixture       *f,
                                gconstpointer  data)
{
  GilRoutingResult result;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));

  evaluate (f->store, "1974-05-05", "F", "lab", NULL, &result);
  g_assert_cmpstr (result.room_code, ==, "LK-LAB");
  g_assert_cmpstr (result.reason, ==, "Tujuan kunjungan: Laboratorium");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);

  evaluate (f->store, "1995-05-05", "F", "dental", NULL, &result);
  g_assert_cmpstr (result.reason, ==, "Tujuan kunjungan: Ruang Gigi dan Mulut");
  gil_routing_result_clear (&result);

  set_active (f->store, "LK-LAB", FALSE);
  evaluate (f->store, "1974-05-05", "F", "lab", NULL, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  g_assert_cmpstr (result.reason, ==,
                   "Laboratorium tidak aktif, diarahkan ke Klaster 3, Ruang Usia Dewasa menurut usia 52 tahun");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);
}

/* No room carries the emergency tag at all: the reason says so in words,
 * never by the tag. */
static void
test_reason_without_room_for_tag (Fixture       *f,
                                  gconstpointer  data)
{
  const char * const emergency[] = { "emergency", NULL };
  const char * const other_tags[] = { "umum", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) ugd = gil_rooms_get_by_code (f->store, "LK-UGD", &error);
  GilRoutingResult result;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));
  g_strfreev (ugd->tags);
  ugd->tags = g_strdupv ((GStrv)other_tags);
  g_assert_true (gil_rooms_update (f->store, ugd, &error));
  g_assert_no_error (error);

  evaluate (f->store, "1988-03-10", "M", "sick", emergency, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  g_assert_cmpint (result.priority, ==, GIL_PRIORITY_EMERGENCY);
  g_assert_cmpstr (result.reason, ==,
                   "Tanda gawat darurat; tidak ada ruang aktif untuk itu, diarahkan ke "
                   "Klaster 3, Ruang Usia Dewasa menurut usia 38 tahun dan tetap didahulukan");
  assert_reason_readable (result.reason);
  gil_routing_result_clear (&result);
}

/* Another connection's change to the rules (an administrator's sqlite3)
 * routes the next visit: the manager keeps the rules it read only while
 * the database is as it read them. */
static void
test_rules_edited_elsewhere (Fixture       *f,
                             gconstpointer  data)
{
  sqlite3 *other = NULL;
  GilRoutingResult result;

  gil_store_set_now (f->store, gil_test_local_time (2026, 11, 22, 9, 0));
  evaluate (f->store, "1959-03-10", "M", "sick", NULL, &result);
  g_assert_cmpstr (result.rule, ==, "elderly");
  g_assert_cmpstr (result.room_code, ==, "K3-LANSIA");
  gil_routing_result_clear (&result);

  g_assert_cmpint (sqlite3_open (gil_store_get_path (f->store), &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, "UPDATE rules SET active = 0 WHERE id = 'elderly'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  evaluate (f->store, "1959-03-10", "M", "sick", NULL, &result);
  g_assert_cmpint (result.room, ==, 0);
  g_assert_null (result.rule);
  gil_routing_result_clear (&result);

  /* The adult rule made to reach any age instead. */
  g_assert_cmpint (sqlite3_exec (other, "UPDATE rules SET max_months = NULL WHERE id = 'adult'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  evaluate (f->store, "1959-03-10", "M", "sick", NULL, &result);
  g_assert_cmpstr (result.rule, ==, "adult");
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  gil_routing_result_clear (&result);
  sqlite3_close (other);
}

static void
test_fewest_waiting (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GilRoom) second = gil_room_new ();
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "dewasa", NULL };
  GilRoutingResult result;

  second->code = g_strdup ("K3-DEWASA-2");
  second->name = g_strdup ("Ruang Usia Dewasa 2");
  second->cluster = g_strdup ("k3");
  second->prefix = g_strdup ("L");
  second->tags = g_strdupv ((GStrv)tags);
  g_assert_true (gil_rooms_create (f->store, second, &error));
  g_assert_no_error (error);

  /* Both empty: the lower id. */
  evaluate (f->store, "1980-01-01", "F", "sick", NULL, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA");
  gil_routing_result_clear (&result);

  /* One waiting in the first: the second. */
  g_assert_true (gil_store_exec (f->store,
                                 "INSERT INTO patients (rm, name, birth_date, sex, created_at)"
                                 " VALUES ('x', 'X', '1980-01-01', 'F', 0);"
                                 "INSERT INTO visits (patient, day, ticket, purpose, payer,"
                                 " new_patient, cluster, priority, age_months, sex, room, reason,"
                                 " registered_at) SELECT last_insert_rowid (), '2026-11-22', 'D-001',"
                                 " 'sick', 'umum', 1, 'k3', 'normal', 550, 'F', id, '', 0"
                                 " FROM rooms WHERE code = 'K3-DEWASA';"
                                 "INSERT INTO stops (visit, room, day, status, rank, queue_key,"
                                 " enqueued_at) SELECT last_insert_rowid (), id, '2026-11-22',"
                                 " 'waiting', 2, 1, 0 FROM rooms WHERE code = 'K3-DEWASA';",
                                 &error));
  g_assert_no_error (error);
  evaluate (f->store, "1980-01-01", "F", "sick", NULL, &result);
  g_assert_cmpstr (result.room_code, ==, "K3-DEWASA-2");
  gil_routing_result_clear (&result);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const char * const unknown_sign[] = { "headache", NULL };
  const struct {
    const char *birth;
    const char *sex;
    const char *purpose;
    const char * const *signs;
    gboolean pregnant;
    GQuark domain;
    int code;
  } cases[] = {
    { "1980-01-01", "F", "shopping", NULL, FALSE, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_PURPOSE },
    { "1980-01-01", "F", "sick", unknown_sign, FALSE, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_SIGN },
    { "1980-01-01", "M", "anc", NULL, TRUE, GIL_ROUTING_ERROR, GIL_ROUTING_ERROR_INVALID_PREGNANCY },
    { "2030-01-01", "F", "sick", NULL, FALSE, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "1980-02-30", "F", "sick", NULL, FALSE, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "1880-01-01", "F", "sick", NULL, FALSE, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_BIRTH_DATE },
    { "1980-01-01", "X", "sick", NULL, FALSE, GIL_PATIENT_ERROR, GIL_PATIENT_ERROR_INVALID_SEX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GilRoutingInput input = { cases[i].birth, cases[i].sex, cases[i].purpose,
                               cases[i].signs, cases[i].pregnant };
      GilRoutingResult result;

      g_assert_false (gil_routing_evaluate (f->store, &input, "2026-11-22", &result, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
    }
}

int
main (int   argc,
      char *argv[])
{
  gil_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/routing/" path, Fixture, NULL, \
              gil_test_store_fixture_set_up, func, gil_test_store_fixture_tear_down)
  ADD ("scenarios", test_scenarios);
  ADD ("reasons", test_reasons);
  ADD ("inactive-room-falls-through", test_inactive_room_falls_through);
  ADD ("inactive-ugd-keeps-emergency", test_inactive_ugd_keeps_emergency);
  ADD ("reasons-as-rooms-close", test_reasons_as_rooms_close);
  ADD ("reason-says-nothing-twice", test_reason_says_nothing_twice);
  ADD ("reason-without-room-for-tag", test_reason_without_room_for_tag);
  ADD ("rules-edited-elsewhere", test_rules_edited_elsewhere);
  ADD ("fewest-waiting", test_fewest_waiting);
  ADD ("bad-input", test_bad_input);
#undef ADD

  return g_test_run ();
}
