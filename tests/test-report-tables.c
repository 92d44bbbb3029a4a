/* test-report-tables.c — a period's report as tables, and those tables as
 * CSV: the parts of the export a file does not show at a glance
 *
 * A report is read from the manager's JSON by the real client type; its
 * tables keep their order and keys, a time with nothing to measure stays
 * empty, the CSV quotes what holds the separator and nothing else, and a
 * title becomes a sheet name any spreadsheet takes. No manager is needed:
 * test-export runs the whole of it against one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-i18n.h"
#include "gil-report-tables.h"

/* Five days of November, not a calendar month (as a free period has no
 * month), and a room whose name holds a quote, a comma and a semicolon. */
static const char report_json[] =
  "{\"month\": null, \"from\": \"2026-11-05\", \"to\": \"2026-11-09\","
  " \"days\": [{\"date\": \"2026-11-05\", \"visits\": 2}, {\"date\": \"2026-11-06\", \"visits\": 0},"
  "            {\"date\": \"2026-11-07\", \"visits\": 0}, {\"date\": \"2026-11-08\", \"visits\": 0},"
  "            {\"date\": \"2026-11-09\", \"visits\": 1}],"
  " \"totals\": {\"visits\": 3, \"new\": 2, \"returning\": 1, \"served\": 2, \"not_served\": 1,"
  "            \"cancelled\": 0, \"referred\": 1, \"died\": 0, \"wait_p50_minutes\": 12,"
  "            \"wait_p90_minutes\": 30, \"service_p50_minutes\": 7, \"service_p90_minutes\": null},"
  " \"clusters\": [{\"cluster\": \"k2\", \"visits\": 1, \"new\": 1, \"returning\": 0, \"served\": 1,"
  "                \"not_served\": 0, \"cancelled\": 0, \"referred\": 0, \"died\": 0,"
  "                \"wait_p50_minutes\": 12, \"wait_p90_minutes\": 12, \"service_p50_minutes\": 7,"
  "                \"service_p90_minutes\": 7},"
  "               {\"cluster\": \"k3\", \"visits\": 2, \"new\": 1, \"returning\": 1, \"served\": 1,"
  "                \"not_served\": 1, \"cancelled\": 0, \"referred\": 1, \"died\": 0,"
  "                \"wait_p50_minutes\": 30, \"wait_p90_minutes\": 30, \"service_p50_minutes\": null,"
  "                \"service_p90_minutes\": null}],"
  " \"rooms\": [{\"room\": 8, \"code\": \"LK-GIGI\", \"name\": \"Ruang \\\"Gigi\\\"; Mulut, Atas\","
  "             \"visits\": 1, \"served\": 0, \"not_served\": 1, \"cancelled\": 0,"
  "             \"wait_p50_minutes\": null, \"wait_p90_minutes\": null,"
  "             \"service_p50_minutes\": null, \"service_p90_minutes\": null}],"
  " \"by_cluster_age_sex\": [{\"cluster\": \"k2\", \"age_group\": \"bayi\", \"F\": 1, \"M\": 0},"
  "                         {\"cluster\": \"k3\", \"age_group\": \"usia-tak-dikenal\", \"F\": 0, \"M\": 2}],"
  " \"by_payer\": {\"bpjs\": 2, \"umum\": 1, \"other\": 0},"
  " \"by_purpose\": {\"sick\": 3},"
  " \"tb_presumptive\": 1}";

static GilReportTables *
new_tables (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (report_json, &error);
  g_autoptr(GilMonthlyReport) report = NULL;

  g_assert_no_error (error);
  report = gil_monthly_report_new_from_json (node, &error);
  g_assert_no_error (error);
  return gil_report_tables_new_month (NULL, report);
}

static const GilReportRow *
find_row (GilReportTable *table,
          const char     *key)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      const GilReportRow *row = g_ptr_array_index (table->rows, i);

      if (g_str_equal (row->key, key))
        return row;
    }
  g_error ("no row %s in %s", key, table->key);
}

static void
test_tables (void)
{
  g_autoptr(GilReportTables) tables = new_tables ();
  const char *keys[] = { "ringkasan", "per_hari", "per_klaster", "per_ruang", "klaster_umur_jk", "cara_bayar",
                         "tujuan" };
  GilReportTable *table;
  const GilReportRow *row;

  g_assert_null (tables->month);
  g_assert_cmpstr (tables->from, ==, "2026-11-05");
  g_assert_cmpstr (tables->to, ==, "2026-11-09");
  g_assert_cmpstr (tables->period, ==, "5 November 2026 – 9 November 2026");
  g_assert_cmpstr (tables->puskesmas, ==, "Puskesmas");
  g_assert_cmpuint (tables->tables->len, ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      table = g_ptr_array_index (tables->tables, i);
      g_assert_cmpstr (table->key, ==, keys[i]);
      g_assert_cmpuint (g_utf8_strlen (table->sheet, -1), <=, GIL_REPORT_SHEET_NAME_MAX);
      for (guint r = 0; r < table->rows->len; r++)
        g_assert_cmpuint (((GilReportRow *)g_ptr_array_index (table->rows, r))->cells->len, ==,
                          gil_report_table_n_columns (table));
    }

  /* Ringkasan: a measure a row; a time with nothing to measure is empty. */
  table = gil_report_tables_get (tables, "ringkasan");
  g_assert_cmpstr (table->title, ==, "Ringkasan");
  row = find_row (table, "dirujuk");
  g_assert_cmpint (gil_report_row_get_cell (row, 1)->kind, ==, GIL_REPORT_CELL_NUMBER);
  g_assert_cmpint (gil_report_row_get_cell (row, 1)->number, ==, 1);
  g_assert_cmpint (find_row (table, "terduga_tbc")->cells->len, ==, 2);
  g_assert_cmpint (gil_report_row_get_cell (find_row (table, "terduga_tbc"), 1)->number, ==, 1);
  g_assert_cmpint (gil_report_row_get_cell (find_row (table, "layanan_p90_menit"), 1)->kind, ==,
                   GIL_REPORT_CELL_EMPTY);

  /* The whole puskesmas closes Per Klaster, a total. */
  table = gil_report_tables_get (tables, "per_klaster");
  row = g_ptr_array_index (table->rows, table->rows->len - 1);
  g_assert_cmpstr (row->key, ==, "puskesmas");
  g_assert_true (row->total);

  /* An age group the labels do not know comes as it is. */
  table = gil_report_tables_get (tables, "klaster_umur_jk");
  row = find_row (table, "k3/usia-tak-dikenal");
  g_assert_cmpstr (gil_report_row_get_cell (row, 1)->text, ==, "usia-tak-dikenal");
  g_assert_cmpint (gil_report_row_get_cell (row, 4)->number, ==, 2);

  /* Every purpose, the ones not counted as 0. */
  table = gil_report_tables_get (tables, "tujuan");
  g_assert_cmpint (gil_report_row_get_cell (find_row (table, "anc"), 1)->number, ==, 0);
  g_assert_cmpint (gil_report_row_get_cell (find_row (table, "sick"), 1)->number, ==, 3);
}

static void
test_csv (void)
{
  g_autoptr(GilReportTables) tables = new_tables ();
  g_autoptr(GBytes) comma = gil_report_tables_to_csv (tables, ',');
  g_autoptr(GBytes) semicolon = gil_report_tables_to_csv (tables, ';');
  g_autofree char *with_comma = g_strndup (g_bytes_get_data (comma, NULL), g_bytes_get_size (comma));
  g_autofree char *with_semicolon = g_strndup (g_bytes_get_data (semicolon, NULL), g_bytes_get_size (semicolon));
  char separator = 0;

  g_assert_true (g_str_has_prefix (with_comma, "dari,sampai,tabel,baris,nama,kolom,nilai\r\n"));
  g_assert_true (g_str_has_prefix (with_semicolon, "dari;sampai;tabel;baris;nama;kolom;nilai\r\n"));
  /* Quoted only because of the quote in it, its quote doubled. */
  g_assert_nonnull (strstr (with_comma,
                            "\r\n2026-11-05,2026-11-09,per_ruang,LK-GIGI,\"LK-GIGI / Ruang \"\"Gigi\"\"; Mulut, Atas\","
                            "tidak_terlayani,1\r\n"));
  g_assert_nonnull (strstr (with_semicolon,
                            "\r\n2026-11-05;2026-11-09;per_ruang;LK-GIGI;\"LK-GIGI / Ruang \"\"Gigi\"\"; Mulut, Atas\";"
                            "tidak_terlayani;1\r\n"));
  /* Nothing measured: an empty value. */
  g_assert_nonnull (strstr (with_comma, ",per_ruang,LK-GIGI,\"LK-GIGI / Ruang \"\"Gigi\"\"; Mulut, Atas\","
                                        "tunggu_p50_menit,\r\n"));
  g_assert_nonnull (strstr (with_comma, "\r\n2026-11-05,2026-11-09,ringkasan,kunjungan,Kunjungan,nilai,3\r\n"));
  /* A name with a comma is quoted with ',' and not with ';'. */
  g_assert_nonnull (strstr (with_comma, ",tujuan,sick,Berobat,kunjungan,3\r\n"));
  g_assert_nonnull (strstr (with_semicolon, ";per_hari;2026-11-09;Senin, 9 November 2026;kunjungan;1\r\n"));
  g_assert_nonnull (strstr (with_comma, ",per_hari,2026-11-09,\"Senin, 9 November 2026\",kunjungan,1\r\n"));

  g_assert_true (gil_report_csv_separator_parse ("semicolon", &separator));
  g_assert_cmpint (separator, ==, ';');
  g_assert_true (gil_report_csv_separator_parse (",", &separator));
  g_assert_cmpint (separator, ==, ',');
  g_assert_false (gil_report_csv_separator_parse ("tab", &separator));
  g_assert_false (gil_report_csv_separator_parse (NULL, &separator));
}

/* Titles as sheet names a spreadsheet takes. */
static void
test_sheet_names (void)
{
  g_autoptr(GilReportTables) tables = new_tables ();
  const struct
  {
    const char *title;
    const char *sheet;
  } names[] = {
    { "Klaster / ruang", "Klaster - ruang" },
    { "A: [b] *c? \\d", "A- -b- -c- -d" },
    { "'Kutip'", "Kutip" },
    { "Kunjungan menurut klaster, kelompok usia dan jenis kelamin", "Kunjungan menurut klaster, kelo" },
    /* Taken already (a spreadsheet ignores case): numbered. */
    { "per hari", "per hari 2" },
    { "RINGKASAN", "RINGKASAN 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sheet = gil_report_tables_sheet_name (tables, names[i].title);

      g_assert_cmpstr (sheet, ==, names[i].sheet);
      g_assert_cmpuint (g_utf8_strlen (sheet, -1), <=, GIL_REPORT_SHEET_NAME_MAX);
    }
}

int
main (int   argc,
      char *argv[])
{
  gil_i18n_init (TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/report-tables/tables", test_tables);
  g_test_add_func ("/giliran/report-tables/csv", test_csv);
  g_test_add_func ("/giliran/report-tables/sheet-names", test_sheet_names);
  return g_test_run ();
}
