/* gil-server-reports-monthly.c — GET /reports/monthly?month=YYYY-MM: the
 * month the head reports to the Dinas Kesehatan, as JSON, times in
 * minutes; or, with from=YYYY-MM-DD&to=YYYY-MM-DD instead, a free period
 * of up to 366 days. The age groups are the set asked for (age_bands=),
 * else the one chosen in the settings (key age_bands), else "giliran".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-age-bands.h"
#include "gil-api-json-private.h"
#include "gil-date.h"
#include "gil-reports-monthly.h"
#include "gil-server-private.h"

#define PERIOD_DAYS_MAX 366

typedef struct
{
  char                *month;   /* NULL for a free period */
  char                *from;
  char                *to;
  const GilAgeBandSet *age_bands;
} MonthQuery;

static void
month_query_free (MonthQuery *query)
{
  g_free (query->month);
  g_free (query->from);
  g_free (query->to);
  g_free (query);
}

static void
add_days (GilJsonWriter    *builder,
          GilMonthlyReport *report)
{
  gil_json_writer_member (builder, "days");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < report->days->len; i++)
    {
      GilReportDay *day = &g_array_index (report->days, GilReportDay, i);

      gil_json_writer_begin_object (builder);
      add_string (builder, "date", day->date);
      add_int (builder, "visits", day->visits);
      gil_json_writer_end_object (builder);
    }
  gil_json_writer_end_array (builder);
}

/* The set's id and its bands' ids, in order. */
static void
add_age_bands (GilJsonWriter       *builder,
               const GilAgeBandSet *set)
{
  add_string (builder, "age_bands", set->id);
  gil_json_writer_member (builder, "age_groups");
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < set->n_bands; i++)
    gil_json_writer_string (builder, set->bands[i].id);
  gil_json_writer_end_array (builder);
}

/* One row per cluster and age group, the visits of each sex. */
static void
add_age_sex (GilJsonWriter    *builder,
             GilMonthlyReport *report)
{
  gil_json_writer_member (builder, "by_cluster_age_sex");
  gil_json_writer_begin_array (builder);
  for (guint k = 0; k < 2; k++)
    for (guint age = 0; age < report->age_bands->n_bands; age++)
      {
        gil_json_writer_begin_object (builder);
        add_string (builder, "cluster", k == 0 ? "k2" : "k3");
        add_string (builder, "age_group", report->age_bands->bands[age].id);
        add_int (builder, "F", report->by_cluster_age_sex[k][age][0]);
        add_int (builder, "M", report->by_cluster_age_sex[k][age][1]);
        gil_json_writer_end_object (builder);
      }
  gil_json_writer_end_array (builder);
}

static char *
read_monthly (GilStore     *reader,
              gpointer      data,
              const char  **content_type,
              GError      **error)
{
  MonthQuery *query = data;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilMonthlyReport) report = NULL;

  report = gil_report_monthly (reader, query->month, query->from, query->to, query->age_bands, error);
  if (report == NULL)
    return NULL;
  gil_json_writer_begin_object (builder);
  add_string (builder, "month", report->month);
  add_string (builder, "from", report->from);
  add_string (builder, "to", report->to);
  add_age_bands (builder, report->age_bands);
  add_days (builder, report);
  gil_json_writer_member (builder, "totals");
  gil_json_writer_begin_object (builder);
  gil_api_add_report_figures (builder, &report->totals,
                              GIL_REPORT_JSON_MONTHLY | GIL_REPORT_JSON_OF_VISITS);
  gil_json_writer_end_object (builder);
  gil_api_add_report_groups (builder, "clusters", report->clusters, FALSE,
                             GIL_REPORT_JSON_MONTHLY | GIL_REPORT_JSON_OF_VISITS);
  gil_api_add_report_groups (builder, "rooms", report->rooms, TRUE, GIL_REPORT_JSON_MONTHLY);
  add_age_sex (builder, report);
  gil_api_add_payers_purposes (builder, report->by_payer, report->by_purpose);
  add_int (builder, "tb_presumptive", report->tb_presumptive);
  gil_json_writer_end_object (builder);
  return gil_json_writer_steal (builder, NULL);
}

static const char *
query_value (Request    *req,
             const char *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

/* Replies 400 invalid-field with @message; returns FALSE. */
static gboolean
refuse (Request    *req,
        const char *message)
{
  gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD, message);
  return FALSE;
}

/* The set asked for; else the one in the settings, else the default. */
static gboolean
read_age_bands (GilServer  *self,
                Request    *req,
                MonthQuery *query)
{
  const char *asked = query_value (req, "age_bands");
  g_autofree char *chosen = NULL;
  g_autofree char *message = NULL;

  if (asked != NULL)
    {
      query->age_bands = gil_age_bands_lookup (asked);
      if (query->age_bands != NULL)
        return TRUE;
      message = g_strdup_printf (_("The parameter “%s” is giliran, permenkes or spm"), "age_bands");
      return refuse (req, message);
    }
  chosen = gil_store_dup_setting (self->store, "age_bands");
  query->age_bands = gil_age_bands_lookup (chosen);
  if (query->age_bands == NULL)
    query->age_bands = gil_age_bands_lookup (GIL_AGE_BANDS_DEFAULT);
  return TRUE;
}

static gboolean
read_month (Request    *req,
            const char *today,
            MonthQuery *query)
{
  const char *month = query_value (req, "month");
  g_autofree char *message = NULL;

  if (gil_report_month_range (month, today, &query->from, &query->to))
    {
      query->month = g_strdup (month);
      return TRUE;
    }
  if (month == NULL)
    message = g_strdup_printf (_("The parameter “%s” is missing"), "month");
  else
    message = g_strdup_printf (_("The parameter “%s” is not a month YYYY-MM up to this one"), "month");
  return refuse (req, message);
}

static char *
format_day (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

/* from and to: forward, up to today, at most PERIOD_DAYS_MAX days. */
static gboolean
read_period (Request    *req,
             const char *today,
             MonthQuery *query)
{
  GDate from, to, now;

  if (!gil_server_query_date (req, "from", &from) || !gil_server_query_date (req, "to", &to))
    return FALSE;
  gil_date_parse (today, &now);
  if (g_date_compare (&from, &to) > 0 || g_date_days_between (&from, &to) >= PERIOD_DAYS_MAX)
    return refuse (req, _("A period runs forward, from “from” to “to”, over at most 366 days"));
  if (g_date_compare (&to, &now) > 0)
    return refuse (req, _("A period ends today at the latest"));
  query->from = format_day (&from);
  query->to = format_day (&to);
  return TRUE;
}

static gboolean
read_query (GilServer  *self,
            Request    *req,
            MonthQuery *query)
{
  g_autofree char *today = gil_store_dup_today (self->store);
  gboolean period = query_value (req, "from") != NULL || query_value (req, "to") != NULL;

  if (period && query_value (req, "month") != NULL)
    return refuse (req, _("Ask for a month or for a period from “from” to “to”, not both"));
  if (period ? !read_period (req, today, query) : !read_month (req, today, query))
    return FALSE;
  return read_age_bands (self, req, query);
}

void
gil_server_handle_report_monthly (GilServer *self,
                                  Request   *req)
{
  MonthQuery *query = g_new0 (MonthQuery, 1);

  if (!read_query (self, req, query))
    {
      month_query_free (query);
      return;
    }
  gil_server_run_read (self, req, read_monthly, query, (GDestroyNotify)month_query_free);
}
