/* test-export.c — `giliran --export-report 2026-11 --output x.xlsx|.csv|.pdf`
 * run for real against the real manager, over a month scripted day by day
 *
 * The manager runs under libfaketime (as test-reports-monthly does): on
 * 2 November 2026 a man served and referred out to the hospital, a child
 * served, an old man's visit cancelled; on 3 November the child again and
 * a pregnant woman; on 4 November a baby, a girl left waiting at midnight
 * and a boy whose visit runs past it; the report is asked on 1 December,
 * so November is whole. The app runs with no display and writes the month
 * as XLSX (its sheets' XML read back from the ZIP: numbers as numbers,
 * header rows frozen), as CSV with either separator (parsed as RFC 4180),
 * and as PDF (its text through pdftotext); each figure is checked against
 * the script, which the manager's own report is checked against first.
 * Wrong arguments write nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-app.h"
#include "gil-test-files.h"
#include "gil-test-manager.h"
#include "gil-test-month.h"

/* Waits (called − joined) and services (finished − started), minutes:
 *   2 Nov  Pak Dewasa     K3-DEWASA  wait 10, service 8, referred out
 *          Anak Balita    K2-BALITA  wait 30, service 5
 *          Kakek Batal    K3-LANSIA  cancelled
 *   3 Nov  Anak Balita    K2-BALITA  wait 20, service 10 (returning)
 *          Ibu Hamil      K2-KIA     wait 40, service 20
 *   4 Nov  Bayi Laki      K2-BALITA  wait 15, service 10
 *          Anak Sekolah   K2-ANAK    still waiting at midnight: not served
 *          Remaja Putra   K2-ANAK    wait 10, in service at midnight,
 *                                    finished at 00.20: served on the 4th
 * Every age group of the six, both sexes, both clusters. Waits 10 10 15
 * 20 30 40: median 15, 90th percentile 40 (nearest rank); services 5 8
 * 10 10 20 25: median 10, 90th percentile 25. */
static void
script (GilTestMonth *month)
{
  gint64 man, child, elder, mother, baby, pupil, teen;
  GilTestVisit a, b;

  gil_test_month_start_day (month, "2026-11-02 08:00:00");
  json_node_unref (gil_test_api_expect (month->url, month->admin, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"Puskesmas Karang Taliwang\","
                                        "\"region\":\"Pemerintah Kota Mataram\","
                                        "\"health_office\":\"Dinas Kesehatan\","
                                        "\"address\":\"Jl. Pendidikan No. 3, Mataram\","
                                        "\"head_name\":\"dr. Baiq Nurul Aini\","
                                        "\"head_nip\":\"198105122009022003\"}", NULL, 200));
  /* A room whose name holds a comma and a quote: the CSV quotes it. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT,
                                             gil_test_api_room_id (month->url, month->admin, "LK-GIGI"));

    json_node_unref (gil_test_api_expect (month->url, month->admin, "PATCH", path,
                                          "{\"name\":\"Ruang \\\"Gigi\\\", Mulut\"}", NULL, 200));
  }
  man = gil_test_month_add_patient (month, "Pak Dewasa", "1980-03-01", "M");
  a = gil_test_month_visit (month, man, "sick", "", "bpjs", "K3-DEWASA");
  child = gil_test_month_add_patient (month, "Anak Balita", "2022-06-01", "F");
  b = gil_test_month_visit (month, child, "sick", "", "umum", "K2-BALITA");
  elder = gil_test_month_add_patient (month, "Kakek Batal", "1950-01-01", "M");
  gil_test_month_cancel (month, gil_test_month_visit (month, elder, "sick", "", "other", "K3-LANSIA"));
  gil_test_month_serve (month, a, "2026-11-02 08:10:00", "2026-11-02 08:10:00", "2026-11-02 08:18:00",
         "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}");
  gil_test_month_serve (month, b, "2026-11-02 08:30:00", "2026-11-02 08:30:00", "2026-11-02 08:35:00", NULL);

  gil_test_month_start_day (month, "2026-11-03 09:00:00");
  a = gil_test_month_visit (month, child, "immunization", "", "bpjs", "K2-BALITA");
  mother = gil_test_month_add_patient (month, "Ibu Hamil", "1995-02-01", "F");
  b = gil_test_month_visit (month, mother, "anc", "", "bpjs", "K2-KIA");
  gil_test_month_serve (month, a, "2026-11-03 09:20:00", "2026-11-03 09:20:00", "2026-11-03 09:30:00", "{\"outcome\":\"home\"}");
  gil_test_month_serve (month, b, "2026-11-03 09:40:00", "2026-11-03 09:40:00", "2026-11-03 10:00:00", NULL);

  /* An evening to the next day: a visit across midnight. */
  gil_test_month_start_day (month, "2026-11-04 22:00:00");
  baby = gil_test_month_add_patient (month, "Bayi Laki", "2026-05-01", "M");
  a = gil_test_month_visit (month, baby, "immunization", "", "bpjs", "K2-BALITA");
  gil_test_month_set_clock (month, "2026-11-04 22:05:00");
  pupil = gil_test_month_add_patient (month, "Anak Sekolah", "2019-03-01", "F");
  gil_test_month_visit (month, pupil, "sick", "", "bpjs", "K2-ANAK");
  gil_test_month_serve (month, a, "2026-11-04 22:15:00", "2026-11-04 22:15:00", "2026-11-04 22:25:00", NULL);
  gil_test_month_set_clock (month, "2026-11-04 23:40:00");
  teen = gil_test_month_add_patient (month, "Remaja Putra", "2012-01-01", "M");
  b = gil_test_month_visit (month, teen, "sick", "", "umum", "K2-ANAK");
  /* Called out of turn (the girl waits on), in service at midnight,
   * finished after it. */
  gil_test_month_serve (month, b, "2026-11-04 23:50:00", "2026-11-04 23:55:00", "2026-11-05 00:20:00", NULL);

  /* The report is asked in December: November is whole. */
  gil_test_month_start_day (month, "2026-12-01 08:00:00");
}

/* ── running the app ───────────────────────────────────────────────── */

static int
run_app (GilTestMonth  *month,
         const char    *token_file,
         const char    *period,
         const char    *output,
         const char    *separator,
         char         **err)
{
  const char *args[] = {
    "--manager", month->url, "--token-file", token_file,
    "--export-report", period, "--output", output,
    separator != NULL ? "--csv-separator" : NULL, separator, NULL,
  };

  return gil_test_app_run (args, NULL, err);
}

/* ── the spreadsheet ───────────────────────────────────────────────── */

/* Returns: (transfer full): the XML of cell @ref ("B4") of @sheet */
static char *
sheet_cell (const char *sheet,
            const char *ref)
{
  g_autofree char *start = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *cell = strstr (sheet, start);
  const char *end;

  if (cell == NULL)
    return NULL;
  end = strchr (cell, '>');
  g_assert_nonnull (end);
  if (end[-1] != '/')
    end = strstr (cell, "</c>");
  g_assert_nonnull (end);
  return g_strndup (cell, end - cell);
}

/* Cell @ref holds the number @value, as a number (no t="s" string). */
static void
assert_number (const char *sheet,
               const char *ref,
               gint64      value)
{
  g_autofree char *cell = sheet_cell (sheet, ref);
  g_autofree char *expected = g_strdup_printf ("<v>%" G_GINT64_FORMAT "</v>", value);

  if (cell == NULL)
    g_error ("no cell %s", ref);
  g_test_message ("%s: %s", ref, cell);
  g_assert_null (strstr (cell, " t=\""));
  g_assert_nonnull (strstr (cell, expected));
}

/* Cell @ref is a shared string, the one that reads @text. */
static void
assert_text (const char *sheet,
             const char *strings,
             const char *ref,
             const char *text)
{
  g_autofree char *cell = sheet_cell (sheet, ref);
  g_auto(GStrv) items = NULL;
  const char *v;
  guint index;

  if (cell == NULL)
    g_error ("no cell %s", ref);
  g_assert_nonnull (strstr (cell, "t=\"s\""));
  v = strstr (cell, "<v>");
  g_assert_nonnull (v);
  index = (guint)g_ascii_strtoull (v + 3, NULL, 10);
  items = g_strsplit (strings, "<si>", -1);
  g_assert_cmpuint (index + 1, <, g_strv_length (items));
  if (strstr (items[index + 1], text) == NULL)
    g_error ("cell %s is “%s”, not “%s”", ref, items[index + 1], text);
}

/* Returns: the row (from 4) whose first cell reads @text */
static guint
find_row (const char *sheet,
          const char *strings,
          const char *text)
{
  g_auto(GStrv) items = g_strsplit (strings, "<si>", -1);

  for (guint row = 4; row < 100; row++)
    {
      g_autofree char *ref = g_strdup_printf ("A%u", row);
      g_autofree char *cell = sheet_cell (sheet, ref);
      const char *v = cell != NULL ? strstr (cell, "<v>") : NULL;
      guint index;

      if (v == NULL)
        continue;
      index = (guint)g_ascii_strtoull (v + 3, NULL, 10);
      if (index + 1 < g_strv_length (items) && strstr (items[index + 1], text) != NULL)
        return row;
    }
  g_error ("no row %s", text);
}

static void
assert_absent (const char *sheet,
               const char *ref)
{
  g_autofree char *cell = sheet_cell (sheet, ref);

  g_assert_true (cell == NULL || strstr (cell, "<v>") == NULL);
}

static char *
sheet_xml (const char *xlsx,
           guint       number)
{
  g_autofree char *part = g_strdup_printf ("xl/worksheets/sheet%u.xml", number);
  char *xml = gil_test_zip_part (xlsx, part);

  /* Every sheet's title and header rows are frozen. */
  g_assert_nonnull (strstr (xml, "state=\"frozen\""));
  g_assert_nonnull (strstr (xml, "topLeftCell=\""));
  return xml;
}

static void
check_xlsx (const char *xlsx)
{
  g_autofree char *workbook = gil_test_zip_part (xlsx, "xl/workbook.xml");
  g_autofree char *strings = gil_test_zip_part (xlsx, "xl/sharedStrings.xml");
  g_autofree char *summary = sheet_xml (xlsx, 1);
  g_autofree char *days = sheet_xml (xlsx, 2);
  g_autofree char *clusters = sheet_xml (xlsx, 3);
  g_autofree char *rooms = sheet_xml (xlsx, 4);
  g_autofree char *age_sex = sheet_xml (xlsx, 5);
  g_autofree char *payers = sheet_xml (xlsx, 6);
  g_autofree char *purposes = sheet_xml (xlsx, 7);
  const char *sheets[] = {
    "name=\"Ringkasan\"", "name=\"Per Hari\"", "name=\"Per Klaster\"", "name=\"Per Ruang\"",
    "name=\"Klaster × Umur × Jenis Kelamin\"", "name=\"Cara bayar\"", "name=\"Tujuan kunjungan\"",
  };
  const char *before = workbook;

  /* The sheets, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      const char *at = strstr (before, sheets[i]);

      if (at == NULL)
        g_error ("no sheet %s after the ones before in %s", sheets[i], workbook);
      before = at;
    }
  g_assert_null (strstr (workbook, "sheet8"));

  /* Ringkasan: its title, the puskesmas and the month, the header, then a
   * measure a row from row 4. */
  assert_text (summary, strings, "A1", "Ringkasan");
  assert_text (summary, strings, "A2", "Puskesmas Karang Taliwang — November 2026");
  assert_text (summary, strings, "A3", "Uraian");
  assert_text (summary, strings, "B3", "Nilai");
  assert_text (summary, strings, "A4", "Kunjungan");
  assert_number (summary, "B4", 8);          /* kunjungan */
  assert_number (summary, "B5", 7);          /* baru */
  assert_number (summary, "B6", 1);          /* lama */
  assert_number (summary, "B7", 6);          /* terlayani */
  assert_number (summary, "B8", 1);          /* tidak terlayani: the girl */
  assert_number (summary, "B9", 1);          /* dibatalkan */
  assert_text (summary, strings, "A10", "Dirujuk");
  assert_number (summary, "B10", 1);         /* dirujuk */
  assert_number (summary, "B11", 0);         /* meninggal */
  assert_number (summary, "B12", 0);         /* terduga TBC */
  assert_text (summary, strings, "A13", "Median waktu tunggu (menit)");
  assert_number (summary, "B13", 15);
  assert_number (summary, "B14", 40);
  assert_number (summary, "B15", 10);
  assert_number (summary, "B16", 25);
  g_assert_nonnull (strstr (summary, "<pane xSplit=\"1\" ySplit=\"3\" topLeftCell=\"B4\" activePane=\"bottomRight\" state=\"frozen\"/>"));

  /* Per Hari: every day of November, from row 4. */
  assert_text (days, strings, "A4", "1 November 2026");
  assert_number (days, "B4", 0);
  assert_number (days, "B5", 3);
  assert_number (days, "B6", 2);
  assert_number (days, "B7", 3);          /* the 4th, the visit across midnight too */
  assert_number (days, "B8", 0);
  assert_number (days, "B33", 0);
  assert_text (days, strings, "A33", "30 November 2026");
  assert_absent (days, "A34");

  /* Per Klaster: k2, k3, the whole puskesmas; columns B kunjungan … H
   * dirujuk … M layanan p90. */
  assert_text (clusters, strings, "A4", "Klaster 2: Ibu dan Anak");
  assert_number (clusters, "B4", 6);
  assert_number (clusters, "C4", 5);
  assert_number (clusters, "D4", 1);
  assert_number (clusters, "H4", 0);
  assert_number (clusters, "F4", 1);         /* not served */
  assert_number (clusters, "J4", 20);        /* waits 10 15 20 30 40 */
  assert_number (clusters, "M4", 25);
  assert_number (clusters, "B5", 2);
  assert_number (clusters, "G5", 1);         /* the cancelled visit */
  assert_number (clusters, "H5", 1);         /* the referral */
  assert_number (clusters, "J5", 10);
  assert_number (clusters, "L5", 8);
  assert_number (clusters, "B6", 8);
  assert_text (clusters, strings, "H3", "Dirujuk");
  /* The wrapped column titles' row is as tall as they need. */
  {
    const char *row = strstr (clusters, "<row r=\"3\"");
    g_autofree char *tag = row != NULL ? g_strndup (row, strchr (row, '>') - row) : NULL;

    g_test_message ("%s", tag);
    g_assert_nonnull (tag);
    g_assert_nonnull (strstr (tag, "customHeight=\"1\""));
    g_assert_null (strstr (tag, "ht=\"15\""));
  }

  /* Per Ruang: code and name, then the stops. */
  assert_text (rooms, strings, "A3", "Kode");
  assert_text (rooms, strings, "B3", "Ruang");
  {
    guint row = find_row (rooms, strings, "K2-BALITA");
    g_autofree char *name = g_strdup_printf ("B%u", row);
    g_autofree char *visits = g_strdup_printf ("C%u", row);
    g_autofree char *wait = g_strdup_printf ("H%u", row);   /* tunggu p90 */

    assert_text (rooms, strings, name, "Ruang Balita (MTBS)");
    assert_number (rooms, visits, 3);
    assert_number (rooms, wait, 30);
    row = find_row (rooms, strings, "K3-LANSIA");
    g_free (visits);
    g_free (wait);
    visits = g_strdup_printf ("F%u", row);
    wait = g_strdup_printf ("G%u", row);
    assert_number (rooms, visits, 1);    /* cancelled */
    assert_absent (rooms, wait);         /* nothing measured: an empty cell */
  }

  /* Klaster × Umur × Jenis Kelamin: k2's six groups then k3's. */
  assert_text (age_sex, strings, "A5", "Klaster 2: Ibu dan Anak");
  assert_text (age_sex, strings, "B5", "Balita");
  assert_number (age_sex, "C5", 2);          /* perempuan */
  assert_number (age_sex, "D5", 0);
  assert_number (age_sex, "E5", 2);
  assert_number (age_sex, "D4", 1);          /* k2 bayi: the baby boy */
  assert_number (age_sex, "C6", 1);          /* k2 anak: the girl */
  assert_number (age_sex, "D7", 1);          /* k2 remaja: the boy */
  assert_number (age_sex, "C8", 1);          /* k2 dewasa: the mother */
  assert_text (age_sex, strings, "A14", "Klaster 3: Usia Dewasa dan Lansia");
  assert_number (age_sex, "D14", 1);         /* k3 dewasa: the man */
  assert_number (age_sex, "D15", 1);         /* k3 lansia */

  /* Cara bayar and Tujuan kunjungan. */
  assert_text (payers, strings, "A4", "BPJS");
  assert_number (payers, "B4", 5);
  assert_number (payers, "B5", 2);
  assert_number (payers, "B6", 1);
  assert_text (purposes, strings, "A4", "Berobat");
  assert_number (purposes, "B4", 5);         /* sick */
  assert_number (purposes, "B5", 1);         /* anc */
}

/* ── the CSV ───────────────────────────────────────────────────────── */

/* Splits CSV @text into records of fields, as RFC 4180 says. */
static GPtrArray *
parse_csv (const char *text,
           char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GStrvBuilder) record = g_strv_builder_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *c = text; *c != '\0'; c++)
    {
      if (quoted)
        {
          if (*c == '"' && c[1] == '"')
            g_string_append_c (field, *c++);
          else if (*c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *c);
        }
      else if (*c == '"')
        {
          g_assert_cmpuint (field->len, ==, 0);
          quoted = TRUE;
        }
      else if (*c == separator)
        {
          g_strv_builder_add (record, field->str);
          g_string_truncate (field, 0);
        }
      else if (*c == '\r')
        {
          g_assert_cmpint (c[1], ==, '\n');
          c++;
          g_strv_builder_add (record, field->str);
          g_string_truncate (field, 0);
          g_ptr_array_add (records, g_strv_builder_end (record));
          g_clear_pointer (&record, g_strv_builder_unref);
          record = g_strv_builder_new ();
        }
      else
        {
          g_assert_cmpint (*c, !=, '\n');
          g_string_append_c (field, *c);
        }
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);
  g_string_free (field, TRUE);
  return records;
}

/* Returns: the value of (@table, @row, @column); the test fails when
 *   there is none */
static const char *
csv_value (GPtrArray  *records,
           const char *table,
           const char *row,
           const char *column)
{
  for (guint i = 1; i < records->len; i++)
    {
      char **fields = g_ptr_array_index (records, i);

      if (g_str_equal (fields[2], table) && g_str_equal (fields[3], row) && g_str_equal (fields[5], column))
        return fields[6];
    }
  g_error ("no %s,%s,%s in the CSV", table, row, column);
}

static void
check_csv (const char *path,
           char        separator)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *header[] = { "dari", "sampai", "tabel", "baris", "nama", "kolom", "nilai", NULL };
  gboolean quoted_room = FALSE;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  records = parse_csv (text, separator);
  g_assert_cmpuint (records->len, >, 100);
  g_assert_true (g_strv_equal ((const char * const *)g_ptr_array_index (records, 0), header));
  for (guint i = 1; i < records->len; i++)
    {
      char **fields = g_ptr_array_index (records, i);

      g_assert_cmpuint (g_strv_length (fields), ==, 7);
      g_assert_cmpstr (fields[0], ==, "2026-11-01");
      g_assert_cmpstr (fields[1], ==, "2026-11-30");
      if (g_str_equal (fields[4], "LK-GIGI / Ruang \"Gigi\", Mulut"))
        quoted_room = TRUE;
    }
  g_assert_true (quoted_room);

  g_assert_cmpstr (csv_value (records, "ringkasan", "kunjungan", "nilai"), ==, "8");
  g_assert_cmpstr (csv_value (records, "ringkasan", "kunjungan_baru", "nilai"), ==, "7");
  g_assert_cmpstr (csv_value (records, "ringkasan", "dirujuk", "nilai"), ==, "1");
  g_assert_cmpstr (csv_value (records, "ringkasan", "dibatalkan", "nilai"), ==, "1");
  g_assert_cmpstr (csv_value (records, "ringkasan", "tunggu_p50_menit", "nilai"), ==, "15");
  g_assert_cmpstr (csv_value (records, "ringkasan", "layanan_p90_menit", "nilai"), ==, "25");
  g_assert_cmpstr (csv_value (records, "per_hari", "2026-11-02", "kunjungan"), ==, "3");
  g_assert_cmpstr (csv_value (records, "per_hari", "2026-11-04", "kunjungan"), ==, "3");
  g_assert_cmpstr (csv_value (records, "per_hari", "2026-11-30", "kunjungan"), ==, "0");
  g_assert_cmpstr (csv_value (records, "per_klaster", "k3", "dirujuk"), ==, "1");
  g_assert_cmpstr (csv_value (records, "per_klaster", "k2", "kunjungan_lama"), ==, "1");
  g_assert_cmpstr (csv_value (records, "per_klaster", "puskesmas", "kunjungan"), ==, "8");
  g_assert_cmpstr (csv_value (records, "per_ruang", "K2-BALITA", "kunjungan"), ==, "3");
  g_assert_cmpstr (csv_value (records, "per_ruang", "K2-BALITA", "tunggu_p90_menit"), ==, "30");
  /* Nothing measured: an empty field, not 0. */
  g_assert_cmpstr (csv_value (records, "per_ruang", "K3-LANSIA", "tunggu_p50_menit"), ==, "");
  g_assert_cmpstr (csv_value (records, "per_ruang", "K3-LANSIA", "dibatalkan"), ==, "1");
  g_assert_cmpstr (csv_value (records, "klaster_umur_jk", "k2/balita", "perempuan"), ==, "2");
  g_assert_cmpstr (csv_value (records, "klaster_umur_jk", "k3/lansia", "laki_laki"), ==, "1");
  g_assert_cmpstr (csv_value (records, "klaster_umur_jk", "k3/lansia", "jumlah"), ==, "1");
  g_assert_cmpstr (csv_value (records, "cara_bayar", "bpjs", "kunjungan"), ==, "5");
  g_assert_cmpstr (csv_value (records, "tujuan", "sick", "kunjungan"), ==, "5");
  g_assert_cmpstr (csv_value (records, "tujuan", "immunization", "kunjungan"), ==, "2");
  g_assert_cmpstr (csv_value (records, "tujuan", "anc", "kunjungan"), ==, "1");
}

/* ── the PDF ───────────────────────────────────────────────────────── */

static void
check_pdf (const char *path)
{
  g_autofree char *info = gil_test_run_tool ((const char * const[]) { "pdfinfo", path, NULL });
  g_autofree char *text = gil_test_run_tool ((const char * const[]) { "pdftotext", "-layout", path, "-", NULL });
  const char *dir = g_getenv ("GILIRAN_SCREENSHOT_DIR");
  g_autofree char *prefix = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "export-month", NULL);
  const char *says[] = {
    "Laporan Bulanan", "Puskesmas Karang Taliwang", "November 2026", "Ringkasan", "Per Hari",
    "Per Klaster", "Per Ruang", "Klaster × Umur × Jenis Kelamin", "Cara bayar", "Tujuan kunjungan",
    "Klaster 2: Ibu dan Anak", "Klaster 3: Usia Dewasa dan Lansia", "Ruang Balita (MTBS)",
    "Senin, 2 November 2026", "Dirujuk", "Terduga TBC", "Median waktu tunggu (menit)",
    /* The letterhead, and the head's signature at the end. */
    "Pemerintah Kota Mataram", "Dinas Kesehatan", "Jl. Pendidikan No. 3, Mataram",
    "dr. Baiq Nurul Aini", "NIP. 198105122009022003",
  };

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (info, " x 841.89 pts (A4)"));
  g_assert_nonnull (strstr (info, "Laporan Bulanan — Puskesmas Karang Taliwang"));
  for (guint i = 0; i < G_N_ELEMENTS (says); i++)
    if (strstr (text, says[i]) == NULL)
      g_error ("the PDF does not say “%s”", says[i]);
  /* The figures: a row of the summary, and the referral in k3's row. */
  g_assert_true (g_regex_match_simple ("Kunjungan +8\\b", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Dirujuk +1\\b", text, 0, 0));
  /* k3: visits, new, returning, served; then not served, cancelled,
   * referred, died (the table's two parts of counts). */
  g_assert_true (g_regex_match_simple ("Klaster 3: Usia Dewasa dan Lansia +2 +2 +0 +1\\b", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Klaster 3: Usia Dewasa dan Lansia +0 +1 +1 +0\\b", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Senin, 2 November 2026 +3\\b", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Rabu, 4 November 2026 +3\\b", text, 0, 0));

  /* Pages as pictures, for a person to look at. */
  g_free (gil_test_run_tool ((const char * const[]) { "pdftoppm", "-png", "-r", "60", path, prefix, NULL }));
  g_test_message ("report pages: %s-*.png", prefix);
}

/* ── the test ──────────────────────────────────────────────────────── */

static void
check_refused (GilTestMonth *month,
               const char   *token_file,
               const char   *period,
               const char   *output,
               const char   *separator,
               const char   *says)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_app (month, token_file, period, output, separator, &err), ==, 2);
  if (strstr (err, says) == NULL)
    g_error ("“%s” does not say “%s”", err, says);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* A day or days (@period) written as .xlsx: its first sheet's period,
 * visits and returning ones. */
static void
check_period_xlsx (GilTestMonth *month,
                   const char   *token_file,
                   const char   *period,
                   const char   *says,
                   int           visits,
                   int           returning)
{
  g_autofree char *xlsx = g_strdup_printf ("%s/%s.xlsx", gil_test_manager_get_dir (month->first), period);
  g_autofree char *err = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *heading = g_strdup_printf ("Puskesmas Karang Taliwang — %s", says);

  g_assert_cmpint (run_app (month, token_file, period, xlsx, NULL, &err), ==, 0);
  strings = gil_test_zip_part (xlsx, "xl/sharedStrings.xml");
  summary = sheet_xml (xlsx, 1);
  assert_text (summary, strings, "A2", heading);
  assert_number (summary, "B4", visits);
  assert_number (summary, "B6", returning);
}

static void
test_month (void)
{
  GilTestMonth month = { 0 };
  g_autofree char *head = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *semicolon = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *docx = NULL;
  g_autofree char *err = NULL;
  const char *dir;

  if (!gil_test_month_init (&month))
    return;
  script (&month);

  dir = gil_test_manager_get_dir (month.first);
  head = gil_test_api_pair (month.url, month.admin, "head", "");
  /* The manager counts the script as the files below should say. */
  {
    g_autoptr(JsonNode) json = gil_test_api_expect (month.url, head, "GET", "/api/v1/reports/monthly?month=2026-11",
                                                    NULL, NULL, 200);
    JsonObject *totals = json_object_get_object_member (gil_test_api_object (json), "totals");

    g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, 8);
    g_assert_cmpint (json_object_get_int_member (totals, "new"), ==, 7);
    g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, 6);
    g_assert_cmpint (json_object_get_int_member (totals, "not_served"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (totals, "referred"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (totals, "wait_p50_minutes"), ==, 15);
    g_assert_cmpint (json_object_get_int_member (totals, "service_p90_minutes"), ==, 25);
  }
  token_file = g_build_filename (dir, "head-token", NULL);
  g_assert_true (g_file_set_contents (token_file, head, -1, NULL));
  xlsx = g_build_filename (dir, "november.xlsx", NULL);
  csv = g_build_filename (dir, "november.csv", NULL);
  semicolon = g_build_filename (dir, "november-titik-koma.CSV", NULL);
  pdf = g_build_filename (dir, "november.pdf", NULL);
  docx = g_build_filename (dir, "november.docx", NULL);

  /* Wrong arguments: a clear message, exit status 2, nothing written. */
  check_refused (&month, token_file, "2026-13", xlsx, NULL, "2026-13");
  check_refused (&month, token_file, "November", xlsx, NULL, "TTTT-BB");
  check_refused (&month, token_file, "2026-11", docx, NULL, ".xlsx");
  check_refused (&month, token_file, "2026-11", csv, "tab", "--csv-separator");
  check_refused (&month, token_file, "2026-11-03..2026-11-02", xlsx, NULL, "TTTT-BB-HH..TTTT-BB-HH");
  check_refused (&month, token_file, "2026-11-02..", xlsx, NULL, "TTTT-BB-HH..TTTT-BB-HH");

  /* A day, and days, as a spreadsheet: the period's report. The 3rd had
   * the child again and the pregnant woman; with the 2nd, five visits. */
  check_period_xlsx (&month, token_file, "2026-11-03", "3 November 2026", 2, 1);
  check_period_xlsx (&month, token_file, "2026-11-02..2026-11-03", "2 November 2026 – 3 November 2026", 5, 1);

  g_assert_cmpint (run_app (&month, token_file, "2026-11", xlsx, NULL, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check_xlsx (xlsx);

  g_assert_cmpint (run_app (&month, token_file, "2026-11", csv, NULL, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check_csv (csv, ',');
  g_assert_cmpint (run_app (&month, token_file, "2026-11", semicolon, "semicolon", &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check_csv (semicolon, ';');
  g_assert_cmpint (run_app (&month, token_file, "2026-11", semicolon, ";", &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check_csv (semicolon, ';');

  g_assert_cmpint (run_app (&month, token_file, "2026-11", pdf, NULL, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  check_pdf (pdf);

  /* A month the manager refuses (after its today): not exported. */
  g_assert_cmpint (run_app (&month, token_file, "2027-01", csv, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Laporan tidak diekspor"));

  gil_test_month_clear (&month);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/export/month", test_month);
  return g_test_run ();
}
