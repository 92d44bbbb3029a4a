/* gil-daily-report.c — a day's report from the manager, typed
 *
 * The manager's daily report (API.md, "Daily report"), read once into
 * plain figures: the day's totals, each cluster and room, the day hour by
 * hour, and the visits by age group, sex, payer and purpose. A day of a
 * range (GET /api/v1/reports/range) has only its date and totals; the
 * rest of such a report is empty.
 *
 * A count the manager left out reads 0 and a time it sent as null reads
 * -1, as a page shows "—" for a time with nothing to measure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-daily-report.h"
#include "gil-reply-private.h"
#include "gil-report-counts-private.h"

struct _GilDailyReport
{
  GObject           parent_instance;

  char             *date;
  GilReportFigures  totals;
  GArray           *clusters;    /* element-type GilReportCluster */
  GArray           *rooms;       /* element-type GilReportRoom */
  GArray           *hours;       /* element-type GilReportHour */
  GArray           *age_groups;  /* element-type GilReportCount */
  GArray           *sexes;       /* element-type GilReportCount */
  GArray           *payers;      /* element-type GilReportCount */
  GArray           *purposes;    /* element-type GilReportCount */
  gint64            loket_wait_p50_minutes;  /* -1 for none */
  gint64            loket_wait_p90_minutes;
};

G_DEFINE_FINAL_TYPE (GilDailyReport, gil_daily_report, G_TYPE_OBJECT)

/* ── reading the JSON ──────────────────────────────────────────────── */

/* Returns: the string @member of @object, "" when missing */
static const char *
read_string (JsonObject *object,
             const char *member)
{
  const char *text = _gil_reply_get_string (object, member);

  return text != NULL ? text : "";
}

/* The objects of @array; anything else in it is passed over. */
static GPtrArray *
array_objects (JsonArray *array)
{
  GPtrArray *objects = g_ptr_array_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (objects, json_node_get_object (node));
    }
  return objects;
}

static void
read_figures (JsonObject       *object,
              GilReportFigures *figures)
{
  figures->visits = _gil_reply_get_int (object, "visits", 0);
  figures->new_patients = _gil_reply_get_int (object, "new_patients", 0);
  figures->served = _gil_reply_get_int (object, "served", 0);
  figures->not_served = _gil_reply_get_int (object, "not_served", 0);
  figures->cancelled = _gil_reply_get_int (object, "cancelled", 0);
  figures->referred = _gil_reply_get_int (object, "referred", 0);
  figures->died = _gil_reply_get_int (object, "died", 0);
  figures->wait_p50 = _gil_reply_get_int (object, "wait_p50", -1);
  figures->wait_p90 = _gil_reply_get_int (object, "wait_p90", -1);
  figures->service_p50 = _gil_reply_get_int (object, "service_p50", -1);
}

static void
read_clusters (GilDailyReport *self,
               JsonArray      *array)
{
  g_autoptr(GPtrArray) objects = array_objects (array);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      GilReportCluster cluster = { g_strdup (read_string (object, "cluster")) };

      read_figures (object, &cluster.figures);
      g_array_append_val (self->clusters, cluster);
    }
}

static void
read_rooms (GilDailyReport *self,
            JsonArray      *array)
{
  g_autoptr(GPtrArray) objects = array_objects (array);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      GilReportRoom room = { _gil_reply_get_int (object, "room", 0), g_strdup (read_string (object, "name")) };

      read_figures (object, &room.figures);
      g_array_append_val (self->rooms, room);
    }
}

static void
read_hours (GilDailyReport *self,
            JsonArray      *array)
{
  g_autoptr(GPtrArray) objects = array_objects (array);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      GilReportHour hour = {
        (int)_gil_reply_get_int (object, "hour", 0), _gil_reply_get_int (object, "arrivals", 0), _gil_reply_get_int (object, "served", 0),
      };

      g_array_append_val (self->hours, hour);
    }
}

static void
read_age_groups (GilDailyReport *self,
                 JsonArray      *array)
{
  g_autoptr(GPtrArray) objects = array_objects (array);

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      GilReportCount count = { g_strdup (read_string (object, "group")), _gil_reply_get_int (object, "visits", 0) };

      g_array_append_val (self->age_groups, count);
    }
}

static GError *
new_shape_error (void)
{
  return g_error_new_literal (GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                              _("The manager’s report is not as expected"));
}

static GilDailyReport *
report_from_object (JsonObject *object)
{
  GilDailyReport *self = g_object_new (GIL_TYPE_DAILY_REPORT, NULL);

  self->date = g_strdup (read_string (object, "date"));
  read_figures (_gil_reply_get_member_object (object, "totals"), &self->totals);
  self->loket_wait_p50_minutes = _gil_reply_get_int (_gil_reply_get_member_object (object, "totals"),
                                                     "loket_wait_p50_minutes", -1);
  self->loket_wait_p90_minutes = _gil_reply_get_int (_gil_reply_get_member_object (object, "totals"),
                                                     "loket_wait_p90_minutes", -1);
  read_clusters (self, _gil_reply_get_member_array (object, "clusters"));
  read_rooms (self, _gil_reply_get_member_array (object, "rooms"));
  read_hours (self, _gil_reply_get_member_array (object, "by_hour"));
  read_age_groups (self, _gil_reply_get_member_array (object, "by_age_group"));
  _gil_report_counts_read (self->sexes, _gil_reply_get_member_object (object, "by_sex"));
  _gil_report_counts_read (self->payers, _gil_reply_get_member_object (object, "by_payer"));
  _gil_report_counts_read (self->purposes, _gil_reply_get_member_object (object, "by_purpose"));
  return self;
}

/**
 * gil_daily_report_new_from_json:
 * @node: the reply of GET /api/v1/reports/daily
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with a
 *   %GIL_API_ERROR_UNKNOWN error when @node is not a report
 */
GilDailyReport *
gil_daily_report_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }
  return report_from_object (json_node_get_object (node));
}

/**
 * gil_daily_report_list_from_json:
 * @node: the reply of GET /api/v1/reports/range
 *
 * Returns: (transfer full) (element-type GilDailyReport) (nullable): a
 *   report of each day, with its date and totals; %NULL with a
 *   %GIL_API_ERROR_UNKNOWN error when @node is not such a list
 */
GPtrArray *
gil_daily_report_list_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, new_shape_error ());
      return NULL;
    }
  return _gil_reply_read_objects (json_node_get_array (node),
                                  (GilReplyObjectReader)report_from_object);
}

/* ── the object ────────────────────────────────────────────────────── */

static void
clear_cluster (GilReportCluster *cluster)
{
  g_free (cluster->cluster);
}

static void
clear_room (GilReportRoom *room)
{
  g_free (room->name);
}

static void
gil_daily_report_finalize (GObject *object)
{
  GilDailyReport *self = (GilDailyReport *)object;

  g_free (self->date);
  g_array_unref (self->clusters);
  g_array_unref (self->rooms);
  g_array_unref (self->hours);
  g_array_unref (self->age_groups);
  g_array_unref (self->sexes);
  g_array_unref (self->payers);
  g_array_unref (self->purposes);

  G_OBJECT_CLASS (gil_daily_report_parent_class)->finalize (object);
}

static void
gil_daily_report_class_init (GilDailyReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_daily_report_finalize;
}

static void
gil_daily_report_init (GilDailyReport *self)
{
  self->clusters = _gil_report_array_new (sizeof (GilReportCluster), (GDestroyNotify)clear_cluster);
  self->rooms = _gil_report_array_new (sizeof (GilReportRoom), (GDestroyNotify)clear_room);
  self->hours = _gil_report_array_new (sizeof (GilReportHour), NULL);
  self->age_groups = _gil_report_counts_new ();
  self->sexes = _gil_report_counts_new ();
  self->payers = _gil_report_counts_new ();
  self->purposes = _gil_report_counts_new ();
}

/* ── accessors ─────────────────────────────────────────────────────── */

/* Returns: the report's day, YYYY-MM-DD, as the manager named it */
const char *
gil_daily_report_get_date (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);

  return self->date;
}

/* Returns: (transfer none): the whole puskesmas's figures */
const GilReportFigures *
gil_daily_report_get_totals (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);

  return &self->totals;
}

guint
gil_daily_report_get_n_clusters (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return self->clusters->len;
}

/* Returns: (transfer none): the cluster @index, in the manager's order */
const GilReportCluster *
gil_daily_report_get_cluster (GilDailyReport *self,
                              guint           index)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->clusters->len, NULL);

  return &g_array_index (self->clusters, GilReportCluster, index);
}

guint
gil_daily_report_get_n_rooms (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return self->rooms->len;
}

/* Returns: (transfer none): the room @index, in the manager's order */
const GilReportRoom *
gil_daily_report_get_room (GilDailyReport *self,
                           guint           index)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->rooms->len, NULL);

  return &g_array_index (self->rooms, GilReportRoom, index);
}

/* Returns: how many hours of the day had arrivals or patients served */
guint
gil_daily_report_get_n_hours (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return self->hours->len;
}

/* Returns: (transfer none): the hour @index, in the manager's order */
const GilReportHour *
gil_daily_report_get_hour (GilDailyReport *self,
                           guint           index)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->hours->len, NULL);

  return &g_array_index (self->hours, GilReportHour, index);
}

guint
gil_daily_report_get_n_age_groups (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return self->age_groups->len;
}

/* Returns: (transfer none): the age group @index (ROUTING.md), youngest first */
const GilReportCount *
gil_daily_report_get_age_group (GilDailyReport *self,
                                guint           index)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->age_groups->len, NULL);

  return &g_array_index (self->age_groups, GilReportCount, index);
}

/* Returns: the visits of patients of @sex ("F" or "M") */
gint64
gil_daily_report_count_sex (GilDailyReport *self,
                            const char     *sex)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return _gil_report_counts_find (self->sexes, sex);
}

/* Returns: the visits paid by @payer ("bpjs", "umum", "other") */
gint64
gil_daily_report_count_payer (GilDailyReport *self,
                              const char     *payer)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return _gil_report_counts_find (self->payers, payer);
}

/* Returns: the visits for @purpose ("sick", "anc", …) */
gint64
gil_daily_report_count_purpose (GilDailyReport *self,
                                const char     *purpose)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), 0);

  return _gil_report_counts_find (self->purposes, purpose);
}

/**
 * gil_daily_report_get_loket_wait_p50_minutes:
 *
 * Returns: the median wait before the registration desk, from taking a
 *   loket ticket to its first call, in whole minutes; -1 for a day
 *   without a called loket ticket
 */
gint64
gil_daily_report_get_loket_wait_p50_minutes (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), -1);

  return self->loket_wait_p50_minutes;
}

/**
 * gil_daily_report_get_loket_wait_p90_minutes:
 *
 * Returns: as gil_daily_report_get_loket_wait_p50_minutes(), the 90th
 *   percentile
 */
gint64
gil_daily_report_get_loket_wait_p90_minutes (GilDailyReport *self)
{
  g_return_val_if_fail (GIL_IS_DAILY_REPORT (self), -1);

  return self->loket_wait_p90_minutes;
}
