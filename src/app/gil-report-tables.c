/* gil-report-tables.c — a period's report as tables: the one source of
 * its spreadsheet, its CSV and its printed sections
 *
 * A month's report (a GilMonthlyReport, the manager's) becomes, in this
 * order: Ringkasan (the totals, a measure a row), Per Hari, Per Klaster,
 * Per Ruang, Klaster × Umur × Jenis Kelamin, Cara Bayar and Tujuan
 * Kunjungan. Each table has a key and column keys for machines (the CSV,
 * doc/reports.md), and titles for people (gil-report-labels.c). A cell
 * is text, a whole number (times in minutes), or empty when there was
 * nothing to measure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-date.h"
#include "gil-report-labels.h"
#include "gil-report-tables.h"
#include "gil-terms.h"

/* ── building ──────────────────────────────────────────────────────── */

static void
cell_clear (GilReportCell *cell)
{
  g_free (cell->text);
}

static void
row_free (GilReportRow *row)
{
  g_free (row->key);
  g_array_unref (row->cells);
  g_free (row);
}

static void
table_free (GilReportTable *table)
{
  g_free (table->key);
  g_free (table->title);
  g_free (table->sheet);
  g_ptr_array_unref (table->column_keys);
  g_ptr_array_unref (table->column_titles);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* The first @n characters of @text, or all of it when it is shorter
 * (g_utf8_substring() reads past the end of a shorter one). */
static char *
utf8_prefix (const char *text,
             glong       n)
{
  return g_utf8_substring (text, 0, MIN (n, g_utf8_strlen (text, -1)));
}

/**
 * gil_report_tables_sheet_name:
 * @title: a table's title
 *
 * Returns: (transfer full): @title as a sheet's name: at most 31
 *   characters, none of those a spreadsheet refuses ([ ] : * ? / \),
 *   not starting or ending with a quote, and not the name of one of the
 *   sheets of @tables (a number added)
 */
char *
gil_report_tables_sheet_name (GilReportTables *tables,
                              const char      *title)
{
  g_autofree char *cut = utf8_prefix (title, GIL_REPORT_SHEET_NAME_MAX);
  GString *name = g_string_new (g_strdelimit (cut, "[]:*?/\\", '-'));
  guint n = 1;

  while (name->len > 0 && name->str[0] == '\'')
    g_string_erase (name, 0, 1);
  while (name->len > 0 && name->str[name->len - 1] == '\'')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_assign (name, "Sheet");
  for (guint i = 0; i < tables->tables->len; i++)
    {
      GilReportTable *other = g_ptr_array_index (tables->tables, i);
      g_autofree char *taken = g_utf8_casefold (other->sheet, -1);
      g_autofree char *wanted = g_utf8_casefold (name->str, -1);

      /* Spreadsheets tell sheets apart whatever their case. */
      if (g_strcmp0 (taken, wanted) != 0)
        continue;
      /* Taken: "Name 2", cut so that it still fits. */
      {
        g_autofree char *suffix = g_strdup_printf (" %u", ++n);
        g_autofree char *base = utf8_prefix (cut, GIL_REPORT_SHEET_NAME_MAX - (glong)strlen (suffix));

        g_string_printf (name, "%s%s", base, suffix);
        i = (guint)-1;
      }
    }
  return g_string_free (name, FALSE);
}

/* A table @key, titled @title, with label columns (key, title) then the
 * measures named by their keys, up to NULL. The sheet's name is the
 * title cut to what a spreadsheet takes. */
static GilReportTable *
add_table (GilReportTables *tables,
           const char      *key,
           const char      *title,
           guint            n_label_columns,
           const char      *first_column,
           ...)
{
  GilReportTable *table = g_new0 (GilReportTable, 1);
  const char *column = first_column;
  va_list args;
  guint i = 0;

  table->key = g_strdup (key);
  table->title = g_strdup (title);
  table->sheet = gil_report_tables_sheet_name (tables, title);
  table->column_keys = g_ptr_array_new_with_free_func (g_free);
  table->column_titles = g_ptr_array_new_with_free_func (g_free);
  table->n_label_columns = n_label_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);

  va_start (args, first_column);
  for (; column != NULL; column = va_arg (args, const char *), i++)
    {
      /* A label column comes as its key and its title. */
      const char *column_title = i < n_label_columns ? va_arg (args, const char *) : gil_report_measure_title (column);

      g_ptr_array_add (table->column_keys, g_strdup (column));
      g_ptr_array_add (table->column_titles, g_strdup (column_title));
    }
  va_end (args);
  g_ptr_array_add (tables->tables, table);
  return table;
}

static GilReportRow *
add_row (GilReportTable *table,
         const char     *key,
         gboolean        total)
{
  GilReportRow *row = g_new0 (GilReportRow, 1);

  row->key = g_strdup (key);
  row->total = total;
  row->cells = g_array_new (FALSE, TRUE, sizeof (GilReportCell));
  g_array_set_clear_func (row->cells, (GDestroyNotify)cell_clear);
  g_ptr_array_add (table->rows, row);
  return row;
}

static void
add_text (GilReportRow *row,
          const char   *text)
{
  GilReportCell cell = { GIL_REPORT_CELL_TEXT, g_strdup (text != NULL ? text : ""), 0 };

  g_array_append_val (row->cells, cell);
}

static void
add_count (GilReportRow *row,
           gint64        count)
{
  GilReportCell cell = { GIL_REPORT_CELL_NUMBER, NULL, count };

  g_array_append_val (row->cells, cell);
}

/* Minutes, or an empty cell when there was nothing to measure (-1). */
static void
add_minutes (GilReportRow *row,
             gint64        minutes)
{
  GilReportCell cell = { minutes < 0 ? GIL_REPORT_CELL_EMPTY : GIL_REPORT_CELL_NUMBER, NULL, minutes };

  g_array_append_val (row->cells, cell);
}

static void
add_times (GilReportRow          *row,
           const GilMonthFigures *figures)
{
  add_minutes (row, figures->wait_p50);
  add_minutes (row, figures->wait_p90);
  add_minutes (row, figures->service_p50);
  add_minutes (row, figures->service_p90);
}

/* ── the month's tables ────────────────────────────────────────────── */

static void
add_summary (GilReportTables  *tables,
             GilMonthlyReport *report)
{
  const GilMonthFigures *totals = gil_monthly_report_get_totals (report);
  const struct
  {
    const char *key;
    gint64      value;
    gboolean    minutes;
  } measures[] = {
    { "kunjungan", totals->visits }, { "kunjungan_baru", totals->new_visits },
    { "kunjungan_lama", totals->returning }, { "terlayani", totals->served },
    { "tidak_terlayani", totals->not_served }, { "dibatalkan", totals->cancelled },
    { "dirujuk", totals->referred }, { "meninggal", totals->died },
    { "terduga_tbc", gil_monthly_report_get_tb_presumptive (report) },
    { "tunggu_p50_menit", totals->wait_p50, TRUE }, { "tunggu_p90_menit", totals->wait_p90, TRUE },
    { "layanan_p50_menit", totals->service_p50, TRUE }, { "layanan_p90_menit", totals->service_p90, TRUE },
  };
  GilReportTable *table = add_table (tables, "ringkasan", _("Summary"), 1,
                                     "uraian", _("Measure"), "nilai", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      GilReportRow *row = add_row (table, measures[i].key, FALSE);

      add_text (row, gil_report_measure_title (measures[i].key));
      if (measures[i].minutes)
        add_minutes (row, measures[i].value);
      else
        add_count (row, measures[i].value);
    }
}

static void
add_days (GilReportTables  *tables,
          GilMonthlyReport *report)
{
  GilReportTable *table = add_table (tables, "per_hari", _("By Day"), 1,
                                     "tanggal", _("Date"), "kunjungan", NULL);

  for (guint i = 0; i < gil_monthly_report_get_n_days (report); i++)
    {
      const GilMonthDay *day = gil_monthly_report_get_day (report, i);
      GilReportRow *row = add_row (table, day->date, FALSE);
      g_autofree char *date = gil_report_format_date (day->date);

      add_text (row, date);
      add_count (row, day->visits);
    }
}

static void
add_cluster_row (GilReportTable        *table,
                 const char            *key,
                 const char            *title,
                 const GilMonthFigures *figures,
                 gboolean               total)
{
  GilReportRow *row = add_row (table, key, total);

  add_text (row, title);
  add_count (row, figures->visits);
  add_count (row, figures->new_visits);
  add_count (row, figures->returning);
  add_count (row, figures->served);
  add_count (row, figures->not_served);
  add_count (row, figures->cancelled);
  add_count (row, figures->referred);
  add_count (row, figures->died);
  add_times (row, figures);
}

static void
add_clusters (GilReportTables  *tables,
              GilMonthlyReport *report)
{
  GilReportTable *table = add_table (tables, "per_klaster", _("By Cluster"), 1,
                                     "klaster", _("Cluster"), "kunjungan", "kunjungan_baru", "kunjungan_lama",
                                     "terlayani", "tidak_terlayani", "dibatalkan", "dirujuk", "meninggal",
                                     "tunggu_p50_menit", "tunggu_p90_menit", "layanan_p50_menit",
                                     "layanan_p90_menit", NULL);

  for (guint i = 0; i < gil_monthly_report_get_n_clusters (report); i++)
    {
      const GilMonthCluster *cluster = gil_monthly_report_get_cluster (report, i);

      add_cluster_row (table, cluster->cluster, gil_report_cluster_title (cluster->cluster),
                       &cluster->figures, FALSE);
    }
  add_cluster_row (table, "puskesmas", _("The whole puskesmas"), gil_monthly_report_get_totals (report), TRUE);
}

static void
add_rooms (GilReportTables  *tables,
           GilMonthlyReport *report)
{
  GilReportTable *table = add_table (tables, "per_ruang", _("By Room"), 2,
                                     "kode", _("Code"), "ruang", _("Room"), "kunjungan", "terlayani",
                                     "tidak_terlayani", "dibatalkan", "tunggu_p50_menit", "tunggu_p90_menit",
                                     "layanan_p50_menit", "layanan_p90_menit", NULL);

  for (guint i = 0; i < gil_monthly_report_get_n_rooms (report); i++)
    {
      const GilMonthRoom *room = gil_monthly_report_get_room (report, i);
      GilReportRow *row = add_row (table, room->code, FALSE);

      add_text (row, room->code);
      add_text (row, room->name);
      add_count (row, room->figures.visits);
      add_count (row, room->figures.served);
      add_count (row, room->figures.not_served);
      add_count (row, room->figures.cancelled);
      add_times (row, &room->figures);
    }
}

static void
add_age_sex (GilReportTables  *tables,
             GilMonthlyReport *report)
{
  GilReportTable *table = add_table (tables, "klaster_umur_jk", _("Cluster × Age × Sex"), 2,
                                     "klaster", _("Cluster"), "kelompok_usia", _("Age group"),
                                     "perempuan", "laki_laki", "jumlah", NULL);

  for (guint i = 0; i < gil_monthly_report_get_n_age_sex (report); i++)
    {
      const GilMonthAgeSex *cell = gil_monthly_report_get_age_sex (report, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", cell->cluster, cell->age_group);
      GilReportRow *row = add_row (table, key, FALSE);

      add_text (row, gil_report_cluster_title (cell->cluster));
      add_text (row, gil_report_age_group_label (cell->age_group));
      add_count (row, cell->women);
      add_count (row, cell->men);
      add_count (row, cell->women + cell->men);
    }
}

/* Every one of @keys, then any other the report counted. */
static void
add_counts (GilReportTable     *table,
            const char * const *keys,
            const char       *(*label) (const char *key),
            GilMonthlyReport   *report,
            guint               n,
            const GilReportCount *(*get) (GilMonthlyReport *, guint))
{
  GilReportRow *row;

  for (const char * const *k = keys; *k != NULL; k++)
    {
      gint64 visits = 0;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (get (report, i)->key, *k) == 0)
          visits = get (report, i)->visits;
      row = add_row (table, *k, FALSE);
      add_text (row, label (*k));
      add_count (row, visits);
    }
  for (guint i = 0; i < n; i++)
    {
      const GilReportCount *count = get (report, i);

      if (g_strv_contains (keys, count->key))
        continue;
      row = add_row (table, count->key, FALSE);
      add_text (row, label (count->key));
      add_count (row, count->visits);
    }
}

static void
add_payers_purposes (GilReportTables  *tables,
                     GilMonthlyReport *report)
{
  GilReportTable *table = add_table (tables, "cara_bayar", _("Payer"), 1, "cara_bayar", _("Payer"),
                                     "kunjungan", NULL);

  add_counts (table, gil_terms_payers (), gil_terms_payer_label, report,
              gil_monthly_report_get_n_payers (report), gil_monthly_report_get_payer);
  table = add_table (tables, "tujuan", _("Purpose of visit"), 1, "tujuan", _("Purpose of visit"),
                     "kunjungan", NULL);
  add_counts (table, gil_terms_purposes (), gil_terms_purpose_label, report,
              gil_monthly_report_get_n_purposes (report), gil_monthly_report_get_purpose);
}

/* Whether @from is the first day of @month (YYYY-MM). */
static gboolean
is_month_start (const char *month,
                const char *from)
{
  g_autofree char *first = g_strdup_printf ("%s-01", month != NULL ? month : "");

  return month != NULL && month[0] != '\0' && g_strcmp0 (first, from) == 0;
}

/* Returns: (transfer full): "November 2026" for a whole month, its days
 *   otherwise */
static char *
period_text (const char *month,
             const char *from,
             const char *to)
{
  GDate first, last;

  if (month != NULL && month[0] != '\0' && gil_date_parse (from, &first) && gil_date_parse (to, &last) &&
      g_date_get_day (&first) == 1 && g_date_is_last_of_month (&last) &&
      g_date_get_month (&first) == g_date_get_month (&last) &&
      g_date_get_year (&first) == g_date_get_year (&last))
    return gil_report_format_month (month);
  return gil_report_format_period (from, to);
}

/**
 * gil_report_tables_new_month:
 * @profile: (nullable): the puskesmas's profile: its name
 * @report: a month's (or a period's) report
 *
 * Returns: (transfer full): the report's tables, in order
 */
GilReportTables *
gil_report_tables_new_month (GilProfile       *profile,
                             GilMonthlyReport *report)
{
  const char *puskesmas = profile != NULL ? gil_profile_get_name (profile) : NULL;
  GilReportTables *tables;

  g_return_val_if_fail (profile == NULL || GIL_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (report), NULL);

  tables = g_new0 (GilReportTables, 1);
  tables->profile = profile != NULL ? g_object_ref (profile) : NULL;
  tables->puskesmas = g_strdup (puskesmas != NULL && puskesmas[0] != '\0' ? puskesmas : "Puskesmas");
  tables->from = g_strdup (gil_monthly_report_get_from (report));
  tables->to = g_strdup (gil_monthly_report_get_to (report));
  if (is_month_start (gil_monthly_report_get_month (report), tables->from))
    tables->month = g_strdup (gil_monthly_report_get_month (report));
  tables->period = period_text (gil_monthly_report_get_month (report), tables->from, tables->to);
  tables->tables = g_ptr_array_new_with_free_func ((GDestroyNotify)table_free);
  add_summary (tables, report);
  add_days (tables, report);
  add_clusters (tables, report);
  add_rooms (tables, report);
  add_age_sex (tables, report);
  add_payers_purposes (tables, report);
  return tables;
}

void
gil_report_tables_free (GilReportTables *tables)
{
  if (tables == NULL)
    return;
  g_clear_object (&tables->profile);
  g_free (tables->puskesmas);
  g_free (tables->month);
  g_free (tables->from);
  g_free (tables->to);
  g_free (tables->period);
  g_ptr_array_unref (tables->tables);
  g_free (tables);
}

/* Returns: (transfer none) (nullable): the table @key */
GilReportTable *
gil_report_tables_get (GilReportTables *tables,
                       const char      *key)
{
  g_return_val_if_fail (tables != NULL, NULL);

  for (guint i = 0; i < tables->tables->len; i++)
    {
      GilReportTable *table = g_ptr_array_index (tables->tables, i);

      if (g_strcmp0 (table->key, key) == 0)
        return table;
    }
  return NULL;
}

guint
gil_report_table_n_columns (const GilReportTable *table)
{
  return table->column_keys->len;
}

/* Returns: (transfer none): the row's cell in @column */
const GilReportCell *
gil_report_row_get_cell (const GilReportRow *row,
                         guint               column)
{
  g_return_val_if_fail (column < row->cells->len, NULL);

  return &g_array_index (row->cells, GilReportCell, column);
}
