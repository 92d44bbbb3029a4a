/* gil-test-sql.c — reading a database beside the program that writes it
 * (the core in a test, or a running manager), with SQLite itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "gil-test-sql.h"

static char *
query_one (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/**
 * gil_test_query_one:
 *
 * Returns: (transfer full): the first column of the first row of @sql in
 *   the database at @path, opened read-only by SQLite itself
 */
char *
gil_test_query_one (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  text = query_one (db, sql);
  sqlite3_close (db);
  return text;
}

