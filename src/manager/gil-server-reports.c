/* gil-server-reports.c — GET /reports/daily and /reports/range, as JSON
 * or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-date.h"
#include "gil-server-private.h"

#define RANGE_DAYS_MAX 366

typedef struct
{
  GDate    from;
  GDate    to;
  gboolean summary;   /* a range: date and totals per day */
  gboolean csv;
} ReportQuery;

static char *
read_report (GilStore     *reader,
             gpointer      data,
             const char  **content_type,
             GError      **error)
{
  ReportQuery *query = data;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  /* A range, or a table, lists its days; one day's report is the day. */
  gboolean list = query->summary || query->csv;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) days = NULL;

  if (list)
    gil_json_writer_begin_array (builder);
  for (GDate day = query->from; g_date_compare (&day, &query->to) <= 0; g_date_add_days (&day, 1))
    {
      char date[16];
      g_autoptr(GilDailyReport) report = NULL;

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      report = gil_report_daily (reader, date, error);
      if (report == NULL)
        return NULL;
      gil_api_add_daily_report (builder, report, query->summary);
    }
  if (list)
    gil_json_writer_end_array (builder);
  text = gil_json_writer_steal (builder, NULL);
  if (!query->csv)
    return g_steal_pointer (&text);

  *content_type = "text/csv; charset=utf-8";
  days = json_from_string (text, NULL);
  return gil_api_report_csv (days);
}

/**
 * gil_server_query_date:
 * @name: the query parameter
 * @date: (out): its date
 *
 * Returns: whether @name is a date YYYY-MM-DD; if not, the request has
 *   its 400 invalid-field reply
 */
gboolean
gil_server_query_date (Request    *req,
                       const char *name,
                       GDate      *date)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
  g_autofree char *message = NULL;

  if (gil_date_parse (text, date))
    return TRUE;
  if (text == NULL)
    message = g_strdup_printf (_("The parameter “%s” is missing"), name);
  else
    message = g_strdup_printf (_("The parameter “%s” is not a date YYYY-MM-DD"), name);
  gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD, message);
  return FALSE;
}

static void
run_report (GilServer   *self,
            Request     *req,
            ReportQuery *query)
{
  const char *format = req->query != NULL ? g_hash_table_lookup (req->query, "format") : NULL;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      g_free (query);
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD, _("The parameter “format” is json or csv"));
      return;
    }
  query->csv = g_strcmp0 (format, "csv") == 0;
  gil_server_run_read (self, req, read_report, query, g_free);
}

void
gil_server_handle_report_daily (GilServer *self,
                                Request   *req)
{
  ReportQuery *query = g_new0 (ReportQuery, 1);

  /* Today, unless a day is asked for. */
  if (req->query == NULL || g_hash_table_lookup (req->query, "date") == NULL)
    {
      g_autofree char *today = gil_store_dup_today (self->store);

      gil_date_parse (today, &query->from);
    }
  else if (!gil_server_query_date (req, "date", &query->from))
    {
      g_free (query);
      return;
    }
  query->to = query->from;
  run_report (self, req, query);
}

void
gil_server_handle_report_range (GilServer *self,
                                Request   *req)
{
  ReportQuery *query = g_new0 (ReportQuery, 1);

  query->summary = TRUE;
  if (!gil_server_query_date (req, "from", &query->from) || !gil_server_query_date (req, "to", &query->to))
    {
      g_free (query);
      return;
    }
  if (g_date_compare (&query->from, &query->to) > 0 ||
      g_date_days_between (&query->from, &query->to) >= RANGE_DAYS_MAX)
    {
      g_free (query);
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                _("A range runs forward, from “from” to “to”, over at most 366 days"));
      return;
    }
  run_report (self, req, query);
}
