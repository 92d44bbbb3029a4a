/* gil-test-routing.c — the routing scenarios of tests/data/routing.tsv
 *
 * The core's routing (test-routing) and the API's triage (test-api) are
 * checked against the same table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-test-routing.h"

/* "10d", "8m", "3y", "5y-1d": N days, months or years old on @day exactly,
 * or one day younger than that. */
char *
gil_test_birth_date_for_age (const char  *age,
                             const GDate *day)
{
  GDate birth = *day;
  char *end = NULL;
  guint64 n = g_ascii_strtoull (age, &end, 10);

  g_assert_true (end != age);
  switch (*end)
    {
    case 'd':
      g_date_subtract_days (&birth, n);
      break;
    case 'm':
      g_date_subtract_months (&birth, n);
      break;
    case 'y':
      g_date_subtract_years (&birth, n);
      break;
    default:
      g_assert_not_reached ();
    }
  end++;
  if (g_str_equal (end, "-1d"))
    g_date_add_days (&birth, 1);
  else
    g_assert_cmpstr (end, ==, "");

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&birth),
                          g_date_get_month (&birth), g_date_get_day (&birth));
}

/**
 * gil_test_routing_scenarios:
 *
 * Returns: (transfer full) (element-type GStrv): the rows of
 *   tests/data/routing.tsv, each split into its 8 fields (its "name" line
 *   says which)
 */
GPtrArray *
gil_test_routing_scenarios (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "routing.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **f;

      if (lines[i][0] == '#' || lines[i][0] == '\0' || g_str_has_prefix (lines[i], "name\t"))
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 8);
      g_ptr_array_add (rows, f);
    }
  g_assert_cmpuint (rows->len, >=, 32);
  return rows;
}
