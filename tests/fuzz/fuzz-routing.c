/* fuzz-routing.c — libFuzzer target: routing a visit to a room
 *
 * One database made by the core's own schema code, with its default rooms
 * and routing rules, serves every input. The bytes say the service day, the
 * birth date, sex, purpose, signs and pregnancy, and which rooms are closed
 * for this input (inside a transaction that is rolled back). Beyond not
 * crashing: a routed visit names an existing active room that carries the
 * deciding rule's tag; with every room open some rule always finds a room;
 * the priority follows the facts; a refusal is an input error in UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "gil-fuzz.h"
#include "gil-patients.h"
#include "gil-store.h"
#include "gil-terms.h"
#include "gil-routing-rules.h"

#define MAX_SIGNS 6

static GilStore *store;
static char *dir;
static GArray *room_ids;

typedef struct
{
  const guint8 *data;
  size_t        left;
} Bytes;

static guint
take (Bytes *in)
{
  if (in->left == 0)
    return 0;
  in->left--;
  return *in->data++;
}

static guint
take16 (Bytes *in)
{
  guint high = take (in);

  return high << 8 | take (in);
}

/* A piece of free text: up to the next '|' or the end. */
static char *
take_text (Bytes *in)
{
  const guint8 *end = memchr (in->data, '|', in->left);
  size_t length = end != NULL ? (size_t)(end - in->data) : in->left;
  char *text = g_strndup ((const char *)in->data, length);

  in->data += length;
  in->left -= length;
  if (end != NULL)
    take (in);
  return text;
}

static void
remove_dir (void)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  g_clear_object (&store);
  handle = g_dir_open (dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  gil_fuzz_make_warnings_fatal ();
  dir = g_dir_make_tmp ("giliran-fuzz-routing-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "giliran.db", NULL);
  store = gil_store_open (path, GIL_STORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  atexit (remove_dir);

  room_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = gil_store_prepare (store, "SELECT id FROM rooms ORDER BY id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (room_ids, id);
    }
  g_assert_cmpuint (room_ids->len, >, 0);
  return 0;
}

static void
close_room (gint64 id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = gil_store_prepare (store, "UPDATE rooms SET active = 0 WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* Whether an active room has this tag, and (room != 0) whether it is that room. */
static gboolean
active_room_with_tag (gint64      room,
                      const char *tag)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = gil_store_prepare (store,
                            "SELECT count (*) FROM rooms r JOIN room_tags t ON t.room = r.id"
                            " WHERE r.active AND t.tag = ? AND (? = 0 OR r.id = ?)",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, room);
  sqlite3_bind_int64 (stmt, 3, room);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0) > 0;
}

static void
check_routed (const GilRoutingInput  *input,
              const GilRoutingResult *result,
              gboolean                all_open)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  gboolean emergency_sign = input->signs != NULL &&
                            (g_strv_contains (input->signs, "emergency") ||
                             g_strv_contains (input->signs, "danger-sign-child"));

  g_assert_true (g_strcmp0 (result->cluster, "k2") == 0 || g_strcmp0 (result->cluster, "k3") == 0);
  g_assert_true (result->reason != NULL && g_utf8_validate (result->reason, -1, NULL));
  g_assert_true (result->priority_reason != NULL && g_utf8_validate (result->priority_reason, -1, NULL));
  g_assert_cmpint (result->age_months, >=, 0);
  g_assert_cmpint (result->age_months, <=, 131 * 12);

  /* The facts that always give priority. */
  if (input->pregnant || result->age_months < 60 || result->age_months >= 720 ||
      (input->signs != NULL && g_strv_contains (input->signs, "disability")))
    g_assert_cmpint (result->priority, !=, GIL_PRIORITY_NORMAL);
  /* Emergency signs, and only they, make an emergency, whichever room the
   * visit ends in: a closed UGD never sends it to the back of a queue. */
  g_assert_cmpint (result->priority == GIL_PRIORITY_EMERGENCY, ==, emergency_sign);

  if (result->room == 0)
    {
      /* Every age has a rule of its own: only closed rooms leave a visit unrouted. */
      g_assert_false (all_open);
      g_assert_null (result->rule);
      g_assert_null (result->room_code);
      return;
    }

  /* A routed visit names a room that exists, is active, and has the tag of
   * the rule that chose it. */
  g_assert_nonnull (result->rule);
  stmt = gil_store_prepare (store, "SELECT code, name, active FROM rooms WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, result->room);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (result->room_code, ==, (const char *)sqlite3_column_text (stmt, 0));
  g_assert_cmpstr (result->room_name, ==, (const char *)sqlite3_column_text (stmt, 1));
  g_assert_cmpint (sqlite3_column_int (stmt, 2), !=, 0);
  g_clear_pointer (&stmt, gil_store_release_statement);

  stmt = gil_store_prepare (store, "SELECT tag FROM rules WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, result->rule, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  tag = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  g_assert_true (active_room_with_tag (result->room, tag));

  /* An emergency goes to the emergency room whenever one is open. */
  if (emergency_sign && active_room_with_tag (0, "ugd"))
    {
      g_assert_cmpstr (result->rule, ==, "emergency");
      g_assert_cmpint (result->priority, ==, GIL_PRIORITY_EMERGENCY);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char * const *purposes = gil_terms_purposes ();
  const char * const *signs_known = gil_terms_signs ();
  guint n_purposes = g_strv_length ((GStrv)purposes);
  guint n_signs = g_strv_length ((GStrv)signs_known);
  Bytes in = { data, size };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = g_date_new ();
  g_autoptr(GDate) birth = g_date_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *signs[MAX_SIGNS + 1] = { NULL };
  char day_text[16];
  char birth_text[16];
  GilRoutingInput input = { 0 };
  GilRoutingResult result;
  guint flags;
  guint n;
  guint64 closed = 0;
  gboolean any_closed = FALSE;
  gboolean ok;

  flags = take (&in);
  input.pregnant = flags & 1;

  /* The service day: the manager's own date, 2000 to 2099. */
  g_date_set_dmy (day, 1, 1, 2000);
  g_date_add_days (day, take16 (&in) % 36500);
  g_date_strftime (day_text, sizeof day_text, "%Y-%m-%d", day);

  /* The birth date: up to about 180 years back, a day ahead, or free text. */
  *birth = *day;
  n = take16 (&in);
  if (n == 0xffff)
    g_date_add_days (birth, 1);
  else
    g_date_subtract_days (birth, n);
  g_date_strftime (birth_text, sizeof birth_text, "%Y-%m-%d", birth);
  input.birth_date = birth_text;

  switch ((flags >> 1) & 3)
    {
    case 0: input.sex = "F"; break;
    case 1: input.sex = "M"; break;
    case 2: input.sex = NULL; break;
    default: input.sex = "f"; break;
    }

  n = take (&in) % (n_purposes + 2);
  input.purpose = n < n_purposes ? purposes[n] : n == n_purposes ? NULL : "sick ";

  n = take (&in) % (MAX_SIGNS + 1);
  for (guint i = 0; i < n; i++)
    {
      guint which = take (&in) % (n_signs + 1);

      signs[i] = which < n_signs ? signs_known[which] : "Emergency";
    }
  input.signs = (flags & 0x08) ? NULL : signs;

  if (flags & 0x10)
    for (guint i = 0; i < 8; i++)
      closed = closed << 8 | take (&in);

  /* The rest, when asked for, is free text for the birth date and purpose. */
  if (flags & 0x20)
    {
      char *text = take_text (&in);

      g_ptr_array_add (texts, text);
      input.birth_date = text;
    }
  if (flags & 0x40)
    {
      char *text = take_text (&in);

      g_ptr_array_add (texts, text);
      input.purpose = text;
    }

  g_assert_true (gil_store_begin (store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < room_ids->len && i < 64; i++)
    if (closed & ((guint64)1 << i))
      {
        close_room (g_array_index (room_ids, gint64, i));
        any_closed = TRUE;
      }

  ok = gil_routing_evaluate (store, &input, day_text, &result, &error);
  if (ok)
    {
      g_assert_no_error (error);
      check_routed (&input, &result, !any_closed);
      gil_routing_result_clear (&result);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GIL_ROUTING_ERROR || error->domain == GIL_PATIENT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  gil_store_rollback (store);
  return 0;
}
