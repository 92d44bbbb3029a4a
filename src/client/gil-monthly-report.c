/* gil-monthly-report.c — a month's report from the manager, typed
 *
 * The manager's monthly report (api.md, "Monthly report"), read once into
 * plain figures: the month's totals with kunjungan baru and lama, the
 * visits day by day, each cluster and room, the visits by cluster × age
 * group × sex, by payer and by purpose, and the terduga TBC.
 *
 * A count the manager left out reads 0 and a time it sent as null reads
 * -1, as a page shows "—" for a time with nothing to measure. Times are
 * the manager's whole minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-api-error.h"
#include "gil-monthly-report.h"
#include "gil-reply-private.h"
#include "gil-report-counts-private.h"

struct _GilMonthlyReport
{
  GObject          parent_instance;

  char            *month;
  char            *from;
  char            *to;
  GilMonthFigures  totals;
  GArray          *days;      /* element-type GilMonthDay */
  GArray          *clusters;  /* element-type GilMonthCluster */
  GArray          *rooms;     /* element-type GilMonthRoom */
  GArray          *age_sex;   /* element-type GilMonthAgeSex */
  GArray          *payers;    /* element-type GilReportCount */
  GArray          *purposes;  /* element-type GilReportCount */
  gint64           tb_presumptive;
};

G_DEFINE_FINAL_TYPE (GilMonthlyReport, gil_monthly_report, G_TYPE_OBJECT)

/* ── reading the JSON ──────────────────────────────────────────────── */

/* Returns: (transfer full): the string @member of @object, "" when missing */
static char *
dup_string (JsonObject *object,
            const char *member)
{
  const char *text = _gil_reply_get_string (object, member);

  return g_strdup (text != NULL ? text : "");
}

/* Calls @read on each object of @array; anything else is passed over. */
static void
read_objects (JsonArray *array,
              GArray    *into,
              void     (*read) (JsonObject *object, GArray *into))
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        read (json_node_get_object (node), into);
    }
}

static void
read_figures (JsonObject      *object,
              GilMonthFigures *figures)
{
  figures->visits = _gil_reply_get_int (object, "visits", 0);
  figures->new_visits = _gil_reply_get_int (object, "new", 0);
  figures->returning = _gil_reply_get_int (object, "returning", 0);
  figures->served = _gil_reply_get_int (object, "served", 0);
  figures->not_served = _gil_reply_get_int (object, "not_served", 0);
  figures->cancelled = _gil_reply_get_int (object, "cancelled", 0);
  figures->wait_p50 = _gil_reply_get_int (object, "wait_p50_minutes", -1);
  figures->wait_p90 = _gil_reply_get_int (object, "wait_p90_minutes", -1);
  figures->service_p50 = _gil_reply_get_int (object, "service_p50_minutes", -1);
  figures->service_p90 = _gil_reply_get_int (object, "service_p90_minutes", -1);
  figures->referred = _gil_reply_get_int (object, "referred", 0);
  figures->died = _gil_reply_get_int (object, "died", 0);
}

static void
read_day (JsonObject *object,
          GArray     *into)
{
  GilMonthDay day = { dup_string (object, "date"), _gil_reply_get_int (object, "visits", 0) };

  g_array_append_val (into, day);
}

static void
read_cluster (JsonObject *object,
              GArray     *into)
{
  GilMonthCluster cluster = { dup_string (object, "cluster") };

  read_figures (object, &cluster.figures);
  g_array_append_val (into, cluster);
}

static void
read_room (JsonObject *object,
           GArray     *into)
{
  GilMonthRoom room = {
    _gil_reply_get_int (object, "room", 0), dup_string (object, "code"), dup_string (object, "name"),
  };

  read_figures (object, &room.figures);
  g_array_append_val (into, room);
}

static void
read_age_sex (JsonObject *object,
              GArray     *into)
{
  GilMonthAgeSex row = {
    dup_string (object, "cluster"), dup_string (object, "age_group"),
    _gil_reply_get_int (object, "F", 0), _gil_reply_get_int (object, "M", 0),
  };

  g_array_append_val (into, row);
}

/**
 * gil_monthly_report_new_from_json:
 * @node: the reply of GET /api/v1/reports/monthly
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with a
 *   %GIL_API_ERROR_UNKNOWN error when @node is not a report
 */
GilMonthlyReport *
gil_monthly_report_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  GilMonthlyReport *self;
  JsonObject *object;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s report is not as expected"));
      return NULL;
    }
  object = json_node_get_object (node);
  self = g_object_new (GIL_TYPE_MONTHLY_REPORT, NULL);
  self->month = dup_string (object, "month");
  self->from = dup_string (object, "from");
  self->to = dup_string (object, "to");
  read_figures (_gil_reply_get_member_object (object, "totals"), &self->totals);
  read_objects (_gil_reply_get_member_array (object, "days"), self->days, read_day);
  read_objects (_gil_reply_get_member_array (object, "clusters"), self->clusters, read_cluster);
  read_objects (_gil_reply_get_member_array (object, "rooms"), self->rooms, read_room);
  read_objects (_gil_reply_get_member_array (object, "by_cluster_age_sex"), self->age_sex, read_age_sex);
  _gil_report_counts_read (self->payers, _gil_reply_get_member_object (object, "by_payer"));
  _gil_report_counts_read (self->purposes, _gil_reply_get_member_object (object, "by_purpose"));
  self->tb_presumptive = _gil_reply_get_int (object, "tb_presumptive", 0);
  return self;
}

/* ── the object ────────────────────────────────────────────────────── */

static void
clear_day (GilMonthDay *day)
{
  g_free (day->date);
}

static void
clear_cluster (GilMonthCluster *cluster)
{
  g_free (cluster->cluster);
}

static void
clear_room (GilMonthRoom *room)
{
  g_free (room->code);
  g_free (room->name);
}

static void
clear_age_sex (GilMonthAgeSex *row)
{
  g_free (row->cluster);
  g_free (row->age_group);
}

static void
gil_monthly_report_finalize (GObject *object)
{
  GilMonthlyReport *self = (GilMonthlyReport *)object;

  g_free (self->month);
  g_free (self->from);
  g_free (self->to);
  g_array_unref (self->days);
  g_array_unref (self->clusters);
  g_array_unref (self->rooms);
  g_array_unref (self->age_sex);
  g_array_unref (self->payers);
  g_array_unref (self->purposes);

  G_OBJECT_CLASS (gil_monthly_report_parent_class)->finalize (object);
}

static void
gil_monthly_report_class_init (GilMonthlyReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gil_monthly_report_finalize;
}

static void
gil_monthly_report_init (GilMonthlyReport *self)
{
  self->days = _gil_report_array_new (sizeof (GilMonthDay), (GDestroyNotify)clear_day);
  self->clusters = _gil_report_array_new (sizeof (GilMonthCluster), (GDestroyNotify)clear_cluster);
  self->rooms = _gil_report_array_new (sizeof (GilMonthRoom), (GDestroyNotify)clear_room);
  self->age_sex = _gil_report_array_new (sizeof (GilMonthAgeSex), (GDestroyNotify)clear_age_sex);
  self->payers = _gil_report_counts_new ();
  self->purposes = _gil_report_counts_new ();
}

/* ── accessors ─────────────────────────────────────────────────────── */

/* Returns: the report's month, YYYY-MM */
const char *
gil_monthly_report_get_month (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);

  return self->month;
}

/* Returns: the month's first day, YYYY-MM-DD */
const char *
gil_monthly_report_get_from (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);

  return self->from;
}

/* Returns: the report's last day: the month's last, or today in the
 *   current month */
const char *
gil_monthly_report_get_to (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);

  return self->to;
}

/* Returns: (transfer none): the whole puskesmas's figures */
const GilMonthFigures *
gil_monthly_report_get_totals (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);

  return &self->totals;
}

/* Returns: how many days the report has, from its first to its last */
guint
gil_monthly_report_get_n_days (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->days->len;
}

/* Returns: (transfer none): the day @index, first to last */
const GilMonthDay *
gil_monthly_report_get_day (GilMonthlyReport *self,
                            guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->days->len, NULL);

  return &g_array_index (self->days, GilMonthDay, index);
}

guint
gil_monthly_report_get_n_clusters (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->clusters->len;
}

/* Returns: (transfer none): the cluster @index, in the manager's order */
const GilMonthCluster *
gil_monthly_report_get_cluster (GilMonthlyReport *self,
                                guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->clusters->len, NULL);

  return &g_array_index (self->clusters, GilMonthCluster, index);
}

guint
gil_monthly_report_get_n_rooms (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->rooms->len;
}

/* Returns: (transfer none): the room @index, in the manager's order */
const GilMonthRoom *
gil_monthly_report_get_room (GilMonthlyReport *self,
                             guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->rooms->len, NULL);

  return &g_array_index (self->rooms, GilMonthRoom, index);
}

guint
gil_monthly_report_get_n_age_sex (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->age_sex->len;
}

/* Returns: (transfer none): the row @index of the cluster × age group ×
 *   sex table, in the manager's order */
const GilMonthAgeSex *
gil_monthly_report_get_age_sex (GilMonthlyReport *self,
                                guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->age_sex->len, NULL);

  return &g_array_index (self->age_sex, GilMonthAgeSex, index);
}

guint
gil_monthly_report_get_n_payers (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->payers->len;
}

/* Returns: (transfer none): the payer @index ("bpjs", "umum", …) */
const GilReportCount *
gil_monthly_report_get_payer (GilMonthlyReport *self,
                              guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->payers->len, NULL);

  return &g_array_index (self->payers, GilReportCount, index);
}

guint
gil_monthly_report_get_n_purposes (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->purposes->len;
}

/* Returns: (transfer none): the purpose @index ("sick", "anc", …) */
const GilReportCount *
gil_monthly_report_get_purpose (GilMonthlyReport *self,
                                guint             index)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), NULL);
  g_return_val_if_fail (index < self->purposes->len, NULL);

  return &g_array_index (self->purposes, GilReportCount, index);
}

/* Returns: the month's visits paid by @payer, 0 for a payer not listed */
gint64
gil_monthly_report_count_payer (GilMonthlyReport *self,
                                const char       *payer)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return _gil_report_counts_find (self->payers, payer);
}

/* Returns: the month's visits for @purpose, 0 for a purpose not listed */
gint64
gil_monthly_report_count_purpose (GilMonthlyReport *self,
                                  const char       *purpose)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return _gil_report_counts_find (self->purposes, purpose);
}

/* Returns: the month's terduga TBC: coughs of two weeks sent to the
 *   infection room */
gint64
gil_monthly_report_get_tb_presumptive (GilMonthlyReport *self)
{
  g_return_val_if_fail (GIL_IS_MONTHLY_REPORT (self), 0);

  return self->tb_presumptive;
}
