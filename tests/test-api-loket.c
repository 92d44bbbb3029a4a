/* test-api-loket.c — a morning at the loket through the real manager
 *
 * 30 arrivals take tickets of A (BPJS), B (Umum) and P (Prioritas) at the
 * kiosk; two desks call them in the exact order, priority interleaved;
 * recall, skip and stale actions; each registered with its ticket; the
 * daily report's wait before the desk; the kiosk's role; the next day's
 * numbers. The manager runs under libfaketime, its clock set to the
 * minute through libfaketime's timestamp file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "gil-test-api.h"
#include "gil-test-manager.h"

#define N_ARRIVALS 30

typedef struct
{
  char           *clock;
  GilTestManager *m;
  const char     *url;
  const char     *admin;
} Morning;

static void
set_clock (Morning    *f,
           const char *when)
{
  g_autofree char *text = g_strdup_printf ("@%s\n", when);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->clock, text, -1, &error);
  g_assert_no_error (error);
}

/* 2026-12-04 at @minutes past midnight, local time. */
static void
set_minutes (Morning *f,
             int      minutes)
{
  g_autofree char *when = g_strdup_printf ("2026-12-04 %02d:%02d:00", minutes / 60, minutes % 60);

  set_clock (f, when);
}

static gboolean
start (Morning *f)
{
  const char *library = g_getenv ("GILIRAN_LIBFAKETIME");
  g_autofree char *preload = NULL;
  g_autofree char *file = NULL;
  g_autofree char *asan = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (library == NULL || !g_file_test (library, G_FILE_TEST_IS_REGULAR))
    {
      if (g_getenv ("CI") != NULL && *g_getenv ("CI") != '\0')
        g_error ("libfaketime is not installed (Debian package faketime), and CI must run this test");
      g_test_skip ("libfaketime is not installed (Debian package faketime)");
      return FALSE;
    }
  fd = g_file_open_tmp ("giliran-loket-clock-XXXXXX", &f->clock, &error);
  g_assert_no_error (error);
  close (fd);
  set_minutes (f, 7 * 60);
  preload = g_strconcat ("LD_PRELOAD=", library, NULL);
  file = g_strconcat ("FAKETIME_TIMESTAMP_FILE=", f->clock, NULL);
  asan = g_strconcat ("ASAN_OPTIONS=", g_getenv ("ASAN_OPTIONS") != NULL ? g_getenv ("ASAN_OPTIONS") : "",
                      ":verify_asan_link_order=0", NULL);
  {
    const char *env[] = { preload, file, "FAKETIME_NO_CACHE=1", "FAKETIME_DONT_FAKE_MONOTONIC=1", asan, NULL };

    f->m = gil_test_manager_start_full (NULL, NULL, env, FALSE);
  }
  f->url = gil_test_manager_get_url (f->m);
  f->admin = gil_test_manager_get_admin_token (f->m);
  return TRUE;
}

static void
stop (Morning *f)
{
  g_clear_pointer (&f->m, gil_test_manager_free);
  if (f->clock != NULL)
    g_unlink (f->clock);
  g_free (f->clock);
}

static JsonObject *
take (Morning    *f,
      const char *token,
      const char *series,
      const char *key)
{
  g_autofree char *body = g_strdup_printf ("{\"series\":\"%s\"}", series);
  JsonNode *reply = gil_test_api_expect (f->url, token, "POST", "/api/v1/loket/tickets", body, key, 201);
  JsonObject *object = json_object_ref (gil_test_api_object (reply));

  json_node_unref (reply);
  return object;
}

static JsonObject *
call_next (Morning    *f,
           const char *token,
           const char *desk)
{
  g_autofree char *body = g_strdup_printf ("{\"desk\":\"%s\"}", desk);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, token, "POST", "/api/v1/loket/call-next",
                                                   body, NULL, 200);

  return json_object_ref (gil_test_api_object (reply));
}

static JsonObject *
ticket_action (Morning    *f,
               gint64      id,
               const char *verb,
               guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/%s", id, verb);
  g_autoptr(JsonNode) reply = gil_test_api_expect (f->url, f->admin, "POST", path, NULL, NULL, expected);

  return json_object_ref (gil_test_api_object (reply));
}

/* The call order of the 30 tickets taken as "ABAPB" over and over: two
 * priority tickets, then one normal, while priority ones wait; then the
 * normal ones in the order they came, A and B alike. */
static GPtrArray *
expected_order (void)
{
  static const char * const head[] = {
    "P-001", "P-002", "A-001", "P-003", "P-004", "B-001", "P-005", "P-006", "A-002", NULL
  };
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; head[i] != NULL; i++)
    g_ptr_array_add (order, g_strdup (head[i]));
  /* B-002, A-003, B-003, …, A-012, B-012 */
  g_ptr_array_add (order, g_strdup ("B-002"));
  for (int n = 3; n <= 12; n++)
    {
      g_ptr_array_add (order, g_strdup_printf ("A-%03d", n));
      g_ptr_array_add (order, g_strdup_printf ("B-%03d", n));
    }
  g_assert_cmpuint (order->len, ==, N_ARRIVALS);
  return order;
}

/* Every route a kiosk may not use refuses it. */
static void
check_kiosk_refused (Morning    *f,
                     const char *kiosk,
                     gint64      ticket)
{
  static const char * const routes[][2] = {
    { "POST", "/api/v1/pairing-codes" }, { "GET", "/api/v1/stations" },
    { "POST", "/api/v1/stations/1/revoke" }, { "PATCH", "/api/v1/profile" },
    { "GET", "/api/v1/reports/daily?date=2026-12-04" }, { "POST", "/api/v1/backups" },
    { "GET", "/api/v1/reports/range?from=2026-12-01&to=2026-12-04" },
    { "GET", "/api/v1/reports/monthly?month=2026-12" }, { "GET", "/api/v1/rooms" },
    { "POST", "/api/v1/rooms" }, { "PATCH", "/api/v1/rooms/1" }, { "GET", "/api/v1/rooms/1/queue" },
    { "POST", "/api/v1/rooms/1/call-next" }, { "GET", "/api/v1/patients?q=a" },
    { "POST", "/api/v1/patients" }, { "GET", "/api/v1/patients/1" }, { "PATCH", "/api/v1/patients/1" },
    { "GET", "/api/v1/patients/1/history" }, { "POST", "/api/v1/patients/1/merge" },
    { "POST", "/api/v1/triage" }, { "POST", "/api/v1/visits" }, { "GET", "/api/v1/visits" },
    { "GET", "/api/v1/visits/1" }, { "GET", "/api/v1/visits/1/history" },
    { "POST", "/api/v1/visits/1/cancel" }, { "POST", "/api/v1/visits/1/reroute" },
    { "POST", "/api/v1/stops/1/call" }, { "POST", "/api/v1/stops/1/recall" },
    { "POST", "/api/v1/stops/1/start" }, { "POST", "/api/v1/stops/1/finish" },
    { "POST", "/api/v1/stops/1/skip" }, { "POST", "/api/v1/stops/1/requeue" },
    { "POST", "/api/v1/stops/1/transfer" }, { "GET", "/api/v1/events" },
    { "GET", "/api/v1/loket/tickets" }, { "POST", "/api/v1/loket/call-next" },
    { "POST", "/api/v1/loket/tickets/#/recall" }, { "POST", "/api/v1/loket/tickets/#/skip" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ticket);
      g_auto(GStrv) parts = g_strsplit (routes[i][1], "#", -1);
      g_autofree char *path = g_strjoinv (id, parts);
      const char *body = g_str_equal (routes[i][0], "GET") ? NULL : "{}";

      gil_test_api_expect_error (f->url, kiosk, routes[i][0], path, body, 403, "forbidden");
    }
  /* What it may: the series, a ticket, its own pairing and the profile. */
  json_node_unref (gil_test_api_expect (f->url, kiosk, "GET", "/api/v1/loket/series", NULL, NULL, 200));
  json_node_unref (gil_test_api_expect (f->url, kiosk, "GET", "/api/v1/stations/me", NULL, NULL, 200));
  json_node_unref (gil_test_api_expect (f->url, kiosk, "GET", "/api/v1/profile", NULL, NULL, 200));
}

static void
test_morning (void)
{
  Morning f = { 0 };
  g_autofree char *kiosk = NULL;
  g_autofree char *desk1 = NULL;
  g_autofree char *desk2 = NULL;
  g_autoptr(GPtrArray) order = expected_order ();
  g_autoptr(GHashTable) taken_minute = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonNode) series = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonArray *waiting;
  JsonObject *totals;

  if (!start (&f))
    return;
  kiosk = gil_test_api_pair (f.url, f.admin, "kiosk", "");
  desk1 = gil_test_api_pair_named (f.url, f.admin, "registration", "", "Meja Loket 1");
  desk2 = gil_test_api_pair_named (f.url, f.admin, "registration", "", "Meja Loket 2");

  series = gil_test_api_expect (f.url, kiosk, "GET", "/api/v1/loket/series", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (series)), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (series), 2),
                                                  "code"), ==, "P");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (series), 2),
                                                 "priority"));

  /* 30 arrivals, a minute apart from 07:00. */
  for (int i = 0; i < N_ARRIVALS; i++)
    {
      char code[2] = { "ABAPB"[i % 5], '\0' };
      g_autoptr(JsonObject) ticket = NULL;
      const char *label;

      set_minutes (&f, 7 * 60 + i);
      ticket = take (&f, kiosk, code, NULL);
      label = json_object_get_string_member (ticket, "ticket");
      g_assert_cmpstr (json_object_get_string_member (ticket, "series"), ==, code);
      g_assert_cmpstr (json_object_get_string_member (ticket, "status"), ==, "waiting");
      g_assert_nonnull (json_object_get_string_member (ticket, "taken_at"));
      g_assert_true (g_str_has_prefix (label, code));
      g_assert_cmpint (json_object_get_int_member (ticket, "number"), ==, g_ascii_strtoll (label + 2, NULL, 10));
      if (i == 0)
        {
          g_assert_cmpstr (label, ==, "A-001");
          g_assert_cmpint (json_object_get_int_member (ticket, "ahead"), ==, 0);
        }
      else if (i == 3)   /* P-001 goes ahead of the three before it */
        g_assert_cmpint (json_object_get_int_member (ticket, "ahead"), ==, 0);
      else if (i == 4)   /* B-002: after P-001 and A-001, B-001, A-002 */
        g_assert_cmpint (json_object_get_int_member (ticket, "ahead"), ==, 4);
      g_hash_table_insert (taken_minute, g_strdup (label), GINT_TO_POINTER (7 * 60 + i));
      g_hash_table_insert (ids, g_strdup (label), GINT_TO_POINTER (json_object_get_int_member (ticket, "id")));
    }

  /* A retried take with its key gives the same ticket, not a new one. */
  {
    g_autoptr(JsonObject) first = NULL;
    g_autoptr(JsonObject) again = NULL;

    set_minutes (&f, 7 * 60 + 45);
    first = take (&f, desk1, "A", "kiosk-press-1");
    again = take (&f, desk1, "A", "kiosk-press-1");
    g_assert_cmpstr (json_object_get_string_member (first, "ticket"), ==, "A-013");
    g_assert_cmpint (json_object_get_int_member (again, "id"), ==, json_object_get_int_member (first, "id"));
    g_assert_cmpint (json_object_get_int_member (first, "ahead"), ==, N_ARRIVALS);
    /* A-013 leaves the queue: called by the admin, then skipped. */
  }

  /* The list a desk sees: the waiting in call order. */
  list = gil_test_api_expect (f.url, desk2, "GET", "/api/v1/loket/tickets", NULL, NULL, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (list), "called")),
                    ==, 0);
  waiting = json_object_get_array_member (gil_test_api_object (list), "waiting");
  g_assert_cmpuint (json_array_get_length (waiting), ==, N_ARRIVALS + 1);
  for (guint i = 0; i < order->len; i++)
    {
      JsonObject *ticket = json_array_get_object_element (waiting, i);

      g_assert_cmpstr (json_object_get_string_member (ticket, "ticket"), ==, order->pdata[i]);
      g_assert_cmpint (json_object_get_int_member (ticket, "ahead"), ==, i);
    }

  /* Stale actions: nothing called yet. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%d/skip",
                                             GPOINTER_TO_INT (g_hash_table_lookup (ids, "A-001")));

    gil_test_api_expect_error (f.url, desk1, "POST", path, NULL, 409, "invalid-transition");
    gil_test_api_expect_error (f.url, desk1, "POST", "/api/v1/loket/tickets/99999/recall", NULL, 404, "not-found");
    gil_test_api_expect_error (f.url, desk1, "POST", "/api/v1/loket/call-next", "{}", 400, "invalid-field");
    gil_test_api_expect_error (f.url, desk1, "POST", "/api/v1/loket/tickets", "{\"series\":\"Z\"}", 404, "not-found");
  }

  check_kiosk_refused (&f, kiosk, GPOINTER_TO_INT (g_hash_table_lookup (ids, "A-001")));

  /* A display reads the day's list (numbers only) and calls nobody. */
  {
    g_autofree char *display = gil_test_api_pair (f.url, f.admin, "display", "");
    g_autoptr(JsonNode) shown = gil_test_api_expect (f.url, display, "GET", "/api/v1/loket/tickets", NULL, NULL, 200);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (shown), "waiting")),
                      ==, N_ARRIVALS + 1);
    gil_test_api_expect_error (f.url, display, "POST", "/api/v1/loket/call-next", "{\"desk\":\"Loket 9\"}",
                               403, "forbidden");
    gil_test_api_expect_error (f.url, display, "POST", "/api/v1/loket/tickets", "{\"series\":\"A\"}",
                               403, "forbidden");
  }

  /* From 08:00 the two desks call in turn, a minute apart; each is
   * registered with its ticket but one, who does not come. */
  for (guint k = 0; k < order->len; k++)
    {
      const char *desk = k % 2 == 0 ? "Loket 1" : "Loket 2";
      g_autoptr(JsonObject) called = NULL;
      g_autofree char *extra = NULL;
      g_autofree char *name = NULL;
      g_autoptr(JsonNode) visit = NULL;
      JsonObject *loket;
      gint64 id;
      gint64 wait;

      set_minutes (&f, 8 * 60 + k);
      called = call_next (&f, k % 2 == 0 ? desk1 : desk2, desk);
      g_assert_cmpstr (json_object_get_string_member (called, "ticket"), ==, order->pdata[k]);
      g_assert_cmpstr (json_object_get_string_member (called, "status"), ==, "called");
      g_assert_cmpstr (json_object_get_string_member (called, "desk"), ==, desk);
      id = json_object_get_int_member (called, "id");
      wait = (8 * 60 + k - GPOINTER_TO_INT (g_hash_table_lookup (taken_minute, order->pdata[k]))) * 60;
      g_array_append_val (waits, wait);

      if (g_str_equal (order->pdata[k], "B-005"))
        {
          g_autoptr(JsonObject) recalled = ticket_action (&f, id, "recall", 200);
          g_autoptr(JsonObject) skipped = NULL;

          g_assert_cmpint (json_object_get_int_member (recalled, "calls"), ==, 2);
          g_assert_cmpstr (json_object_get_string_member (recalled, "desk"), ==, desk);
          skipped = ticket_action (&f, id, "skip", 200);
          g_assert_cmpstr (json_object_get_string_member (skipped, "status"), ==, "skipped");
          {
            g_autofree char *path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/skip", id);
            g_autofree char *recall = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/recall", id);

            gil_test_api_expect_error (f.url, desk1, "POST", path, NULL, 409, "invalid-transition");
            gil_test_api_expect_error (f.url, desk1, "POST", recall, NULL, 409, "invalid-transition");
          }
          continue;
        }

      name = g_strdup_printf ("Pasien %u", k);
      extra = g_strdup_printf (",\"loket_ticket\":%" G_GINT64_FORMAT, id);
      visit = gil_test_api_register (f.url, k % 2 == 0 ? desk1 : desk2, name, "1980-01-01", extra);
      loket = json_object_get_object_member (gil_test_api_object (visit), "loket");
      g_assert_nonnull (loket);
      g_assert_cmpstr (json_object_get_string_member (loket, "ticket"), ==, order->pdata[k]);
      g_assert_cmpstr (json_object_get_string_member (loket, "desk"), ==, desk);
      g_assert_nonnull (json_object_get_string_member (loket, "taken_at"));
      g_assert_nonnull (json_object_get_string_member (loket, "called_at"));
      g_assert_cmpstr (json_object_get_string_member (loket, "called_at"), >,
                       json_object_get_string_member (loket, "taken_at"));

      /* Used once: a second registration with it is refused, and makes
       * no visit. */
      if (k == 0)
        {
          g_autoptr(JsonNode) patient = gil_test_api_expect (f.url, desk1, "POST", "/api/v1/patients",
                                                             "{\"name\":\"Kedua\",\"birth_date\":\"1970-01-01\","
                                                             "\"sex\":\"F\"}", NULL, 201);
          g_autofree char *body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                                   "\"payer\":\"bpjs\",\"loket_ticket\":%" G_GINT64_FORMAT "}",
                                                   json_object_get_int_member (gil_test_api_object (patient), "id"),
                                                   id);
          g_autoptr(JsonNode) before = gil_test_api_expect (f.url, desk1, "GET", "/api/v1/visits", NULL, NULL, 200);
          g_autoptr(JsonNode) after = NULL;

          gil_test_api_expect_error (f.url, desk1, "POST", "/api/v1/visits", body, 409, "invalid-transition");
          after = gil_test_api_expect (f.url, desk1, "GET", "/api/v1/visits", NULL, NULL, 200);
          g_assert_cmpuint (json_array_get_length (json_node_get_array (after)), ==,
                            json_array_get_length (json_node_get_array (before)));
        }
    }

  /* A-013 (the retried take) is next and last; then nobody. */
  {
    g_autoptr(JsonObject) last = call_next (&f, f.admin, "Loket 1");
    g_autoptr(JsonObject) skipped = NULL;

    g_assert_cmpstr (json_object_get_string_member (last, "ticket"), ==, "A-013");
    skipped = ticket_action (&f, json_object_get_int_member (last, "id"), "skip", 200);
    gil_test_api_expect_error (f.url, desk1, "POST", "/api/v1/loket/call-next", "{\"desk\":\"Loket 1\"}",
                               409, "queue-empty");
  }

  /* A visit without a ticket says so. */
  {
    g_autoptr(JsonNode) plain = gil_test_api_register (f.url, desk1, "Tanpa Nomor", "1990-02-02", NULL);

    g_assert_true (json_object_get_null_member (gil_test_api_object (plain), "loket"));
  }

  /* The day's report: the wait before the desk, nearest rank, minutes.
   * A-013 (taken 07:45, called 08:29) is in it too. */
  {
    gint64 last = (8 * 60 + N_ARRIVALS - 1 - (7 * 60 + 45)) * 60;

    g_array_append_val (waits, last);
  }
  gil_test_sort_int64 (waits);
  report = gil_test_api_expect (f.url, f.admin, "GET", "/api/v1/reports/daily?date=2026-12-04", NULL, NULL, 200);
  totals = json_object_get_object_member (gil_test_api_object (report), "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "loket_wait_p50_minutes"), ==, gil_test_nearest_rank (waits, 50) / 60);
  g_assert_cmpint (json_object_get_int_member (totals, "loket_wait_p90_minutes"), ==, gil_test_nearest_rank (waits, 90) / 60);
  g_assert_cmpint (json_object_get_int_member (totals, "loket_wait_p50_minutes"), >, 0);

  /* The next day: numbers start again; yesterday's call cannot be
   * registered; a day without tickets has no wait. */
  set_clock (&f, "2026-12-05 07:00:00");
  {
    g_autoptr(JsonObject) first = take (&f, kiosk, "A", NULL);
    g_autoptr(JsonNode) next_list = NULL;
    g_autoptr(JsonNode) empty = NULL;

    g_assert_cmpstr (json_object_get_string_member (first, "ticket"), ==, "A-001");
    g_assert_cmpstr (json_object_get_string_member (first, "day"), ==, "2026-12-05");
    next_list = gil_test_api_expect (f.url, desk1, "GET", "/api/v1/loket/tickets", NULL, NULL, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (gil_test_api_object (next_list),
                                                                          "waiting")), ==, 1);
    empty = gil_test_api_expect (f.url, f.admin, "GET", "/api/v1/reports/daily?date=2026-12-03", NULL, NULL, 200);
    g_assert_true (json_object_get_null_member (json_object_get_object_member (gil_test_api_object (empty), "totals"),
                                                "loket_wait_p90_minutes"));
  }

  stop (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/api/loket/morning", test_morning);
  return g_test_run ();
}
