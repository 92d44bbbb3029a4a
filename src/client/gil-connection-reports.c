/* gil-connection-reports.c — the manager's reports, one call each
 *
 * The head's reports (API.md: GET /api/v1/reports/daily and /range), as
 * typed GilDailyReports, the month or a free period (/monthly) as a
 * GilMonthlyReport, and as the manager's own CSV. Errors are the
 * connection's: a #GIL_API_ERROR code for an error reply or a network
 * failure, %G_IO_ERROR_CANCELLED for a cancelled call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "gil-connection-call-private.h"
#include "gil-connection-reports.h"

#define DAILY_PATH "/api/v1/reports/daily"
#define RANGE_PATH "/api/v1/reports/range"
#define MONTHLY_PATH "/api/v1/reports/monthly"

/* Returns: (transfer full): @path with its query; NULL values are left out */
static char *
report_path (const char *path,
             const char *format,
             ...)
{
  GString *text = g_string_new (path);
  const char *name;
  char separator = '?';
  va_list args;

  va_start (args, format);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (text, "%c%s=%s", separator, name, escaped);
      separator = '&';
    }
  va_end (args);
  if (format != NULL)
    g_string_append_printf (text, "%cformat=%s", separator, format);
  return g_string_free (text, FALSE);
}

/* Returns: (transfer full) (nullable): the day @days before @date */
static char *
days_before (const char *date,
             int         days)
{
  int year, month, day;
  char text[16];
  GDate when;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  g_date_clear (&when, 1);
  g_date_set_dmy (&when, day, month, year);
  g_date_subtract_days (&when, days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &when);
  return g_strdup (text);
}

/* ── typed reports ─────────────────────────────────────────────────── */

/**
 * gil_connection_get_daily_report_async:
 * @date: (nullable): the day, YYYY-MM-DD; %NULL for the manager's today
 *
 * Gets a day's report (the station needs the head's or the admin's role).
 */
void
gil_connection_get_daily_report_async (GilConnection       *self,
                                       const char          *date,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));

  path = report_path (DAILY_PATH, NULL, "date", date, NULL);
  _gil_connection_call (self, gil_connection_get_daily_report_async, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_daily_report_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full): the day's report, or %NULL with @error set */
GilDailyReport *
gil_connection_get_daily_report_finish (GilConnection  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_get_daily_report_async, error);
}

static void
get_range (GilConnection       *self,
           const char          *from,
           const char          *to,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autofree char *path = NULL;

  if (from == NULL)
    {
      g_task_report_new_error (self, callback, user_data, gil_connection_get_report_range_async,
                               GIL_API_ERROR, GIL_API_ERROR_INVALID_FIELD,
                               _("“%s” is not a date written YYYY-MM-DD"), to);
      return;
    }
  path = report_path (RANGE_PATH, NULL, "from", from, "to", to, NULL);
  _gil_connection_call (self, gil_connection_get_report_range_async, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_daily_report_list_from_json,
                        (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * gil_connection_get_report_range_async:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, at most 366 days on
 *
 * Gets the days of a period, each a #GilDailyReport with only its date
 * and totals.
 */
void
gil_connection_get_report_range_async (GilConnection       *self,
                                       const char          *from,
                                       const char          *to,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (from != NULL);
  g_return_if_fail (to != NULL);

  get_range (self, from, to, cancellable, callback, user_data);
}

/**
 * gil_connection_get_report_trend_async:
 * @date: the last day, YYYY-MM-DD
 *
 * Gets the trend beside a day's report: the #GIL_REPORT_TREND_DAYS days
 * ending on @date, as gil_connection_get_report_range_async() does. A
 * @date that is not a date is a %GIL_API_ERROR_INVALID_FIELD error.
 */
void
gil_connection_get_report_trend_async (GilConnection       *self,
                                       const char          *date,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *from = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (date != NULL);

  from = days_before (date, GIL_REPORT_TREND_DAYS - 1);
  get_range (self, from, date, cancellable, callback, user_data);
}

/**
 * gil_connection_get_report_range_finish:
 *
 * Finishes gil_connection_get_report_range_async() and
 * gil_connection_get_report_trend_async().
 *
 * Returns: (transfer full) (element-type GilDailyReport): the days, first
 *   to last, or %NULL with @error set
 */
GPtrArray *
gil_connection_get_report_range_finish (GilConnection  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_get_report_range_async, error);
}

/* The month's report (@month) or the period's (@from, @to), tagged as
 * the call of @source_tag. */
static void
get_monthly (GilConnection       *self,
             gpointer             source_tag,
             const char          *month,
             const char          *from,
             const char          *to,
             const char          *age_bands,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *path = NULL;

  path = report_path (MONTHLY_PATH, NULL, "month", month, "from", from, "to", to, "age_bands", age_bands, NULL);
  _gil_connection_call (self, source_tag, "GET", path, NULL, NULL,
                        (GilReplyReader)gil_monthly_report_new_from_json, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_get_monthly_report_async:
 * @month: the month, YYYY-MM, up to the manager's current month
 * @age_bands: (nullable): the age groups' set, "giliran", "permenkes" or
 *   "spm"; %NULL for the one chosen in the manager's settings
 *
 * Gets a month's report (the station needs the head's or the admin's
 * role). A @month or @age_bands the manager does not take is a
 * %GIL_API_ERROR_INVALID_FIELD error.
 */
void
gil_connection_get_monthly_report_async (GilConnection       *self,
                                         const char          *month,
                                         const char          *age_bands,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (month != NULL);

  get_monthly (self, gil_connection_get_monthly_report_async, month, NULL, NULL, age_bands,
               cancellable, callback, user_data);
}

/* Returns: (transfer full): the month's report, or %NULL with @error set */
GilMonthlyReport *
gil_connection_get_monthly_report_finish (GilConnection  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_get_monthly_report_async, error);
}

/**
 * gil_connection_get_period_report_async:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day, up to the manager's today, at most 366 days on
 * @age_bands: (nullable): the age groups' set, as for
 *   gil_connection_get_monthly_report_async()
 *
 * Gets the report of a free period, as a month's: its #GilMonthlyReport
 * has no month. A period the manager does not take (backwards, too long,
 * past today, not dates) is a %GIL_API_ERROR_INVALID_FIELD error.
 */
void
gil_connection_get_period_report_async (GilConnection       *self,
                                        const char          *from,
                                        const char          *to,
                                        const char          *age_bands,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (from != NULL);
  g_return_if_fail (to != NULL);

  get_monthly (self, gil_connection_get_period_report_async, NULL, from, to, age_bands,
               cancellable, callback, user_data);
}

/* Returns: (transfer full): the period's report, or %NULL with @error set */
GilMonthlyReport *
gil_connection_get_period_report_finish (GilConnection  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_get_period_report_async, error);
}

/* ── CSV, as the manager writes it ─────────────────────────────────── */

/**
 * gil_connection_get_daily_report_csv_async:
 * @date: (nullable): the day, YYYY-MM-DD; %NULL for the manager's today
 *
 * Gets a day's report as the manager's CSV, as it comes.
 */
void
gil_connection_get_daily_report_csv_async (GilConnection       *self,
                                           const char          *date,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));

  path = report_path (DAILY_PATH, "csv", "date", date, NULL);
  gil_connection_request_bytes_async (self, path, cancellable, callback, user_data);
}

/**
 * gil_connection_get_report_range_csv_async:
 * @from: the first day, YYYY-MM-DD
 * @to: the last day
 *
 * Gets the days of a period as the manager's CSV, as it comes.
 */
void
gil_connection_get_report_range_csv_async (GilConnection       *self,
                                           const char          *from,
                                           const char          *to,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (from != NULL);
  g_return_if_fail (to != NULL);

  path = report_path (RANGE_PATH, "csv", "from", from, "to", to, NULL);
  gil_connection_request_bytes_async (self, path, cancellable, callback, user_data);
}

/**
 * gil_connection_get_report_csv_finish:
 *
 * Finishes gil_connection_get_daily_report_csv_async() and
 * gil_connection_get_report_range_csv_async().
 *
 * Returns: (transfer full): the CSV's bytes, or %NULL with @error set
 */
GBytes *
gil_connection_get_report_csv_finish (GilConnection  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return gil_connection_request_bytes_finish (self, result, error);
}
