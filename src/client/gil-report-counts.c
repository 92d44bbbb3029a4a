/* gil-report-counts.c — what the typed reports share: their arrays of
 * figures, and breakdowns written as {"bpjs": 6, "umum": 2}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-reply-private.h"
#include "gil-report-counts-private.h"

/* Returns: (transfer full): an empty array of @element_size elements,
 *   zeroed, each cleared with @clear when it goes */
GArray *
_gil_report_array_new (gsize          element_size,
                       GDestroyNotify clear)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  if (clear != NULL)
    g_array_set_clear_func (array, clear);
  return array;
}

static void
clear_count (GilReportCount *count)
{
  g_free (count->key);
}

/* Returns: (transfer full): an empty array of GilReportCount */
GArray *
_gil_report_counts_new (void)
{
  return _gil_report_array_new (sizeof (GilReportCount), (GDestroyNotify)clear_count);
}

/* Appends to @counts each member of @object (nullable), in its order. */
void
_gil_report_counts_read (GArray     *counts,
                         JsonObject *object)
{
  g_autoptr(GList) members = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      GilReportCount count = { g_strdup (l->data), _gil_reply_get_int (object, l->data, 0) };

      g_array_append_val (counts, count);
    }
}

/* Returns: the visits of the group @key in @counts, 0 when not listed */
gint64
_gil_report_counts_find (GArray     *counts,
                         const char *key)
{
  for (guint i = 0; i < counts->len; i++)
    if (g_strcmp0 (g_array_index (counts, GilReportCount, i).key, key) == 0)
      return g_array_index (counts, GilReportCount, i).visits;
  return 0;
}
