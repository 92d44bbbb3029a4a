/* test-ui-morning.c — a puskesmas morning end to end under Xvfb, on one
 * real manager whose clock libfaketime holds still and sets between steps
 * (issue 20's "Done when"): 30 arrivals take loket numbers at the kiosk
 * page, each ticket printed to a PDF file and read back; two desks,
 * Loket 1 and Loket 2, call them with F5 in the order the manager lists,
 * priority interleaved, and register each person there with Ctrl+Enter,
 * the visit carrying the loket number; the rooms call and finish ten
 * visits; the day's report, the head page's cards and the printed report
 * give the wait before the desk and after it, to the minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-registration-page.h"
#include "gil-report-labels.h"
#include "gil-test-api.h"
#include "gil-test-desk.h"
#include "gil-test-files.h"
#include "gil-test-head.h"
#include "gil-test-kiosk.h"
#include "gil-test-month.h"
#include "gil-test-ui.h"

#define ARRIVALS 30
#define SERVED   10
/* Every room of a new database. */
#define ROOMS    10

static AdwApplication *app;

typedef struct
{
  GilTestMonth      month;
  char             *day;       /* today, YYYY-MM-DD */
  GilTestKiosk      kiosk;
  GilTestUiStation  desks[2];
} Fixture;

/* Holds the manager's clock still at @minutes after midnight today. */
static void
set_clock (Fixture *f,
           guint    minutes)
{
  g_autofree char *text = g_strdup_printf ("%s %02u:%02u:00\n", f->day, minutes / 60, minutes % 60);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (f->month.clock, text, -1, &error);
  g_assert_no_error (error);
}

static void
kiosk_open (Fixture *f)
{
  g_autofree char *token = gil_test_api_pair (f->month.url, f->month.admin, "kiosk", "");

  gil_test_kiosk_open (&f->kiosk, app, f->month.url, token);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *start = NULL;

  if (!gil_test_month_init (&f->month))
    return;
  /* Today, as the app's own clock has it too. */
  f->day = g_date_time_format (now, "%Y-%m-%d");
  start = g_strconcat (f->day, " 06:50:00", NULL);
  gil_test_month_start_day (&f->month, start);
  /* The manager started on the running clock; from here it stands still. */
  set_clock (f, 6 * 60 + 55);
  json_node_unref (gil_test_api_expect (f->month.url, f->month.admin, "PATCH", "/api/v1/profile",
                                        "{\"name\":\"Puskesmas Karang Taliwang\"}", NULL, 200));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->desks); i++)
    gil_test_ui_station_close (&f->desks[i]);
  gil_test_kiosk_close (&f->kiosk);
  g_free (f->day);
  gil_test_month_clear (&f->month);
}

/* ── the manager's side ────────────────────────────────────────────── */

static JsonNode *
get (Fixture    *f,
     const char *path)
{
  return gil_test_api_expect (f->month.url, f->month.admin, "GET", path, NULL, NULL, 200);
}

/* POSTs @action ("call") to stop @id. */
static void
post (Fixture    *f,
      gint64      id,
      const char *action)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", id, action);

  json_node_unref (gil_test_api_expect (f->month.url, f->month.admin, "POST", path, "{}", NULL, 200));
}

/* ── the morning ───────────────────────────────────────────────────── */

#define KIOSK_START (7 * 60)        /* 07:00, a ticket a minute */
#define DESK_START  (7 * 60 + 30)   /* 07:30, a call a minute */
#define ROOM_START  (9 * 60)        /* 09:00, a call every two minutes */

static const char * const given[] = { "Baiq", "Lalu", "Ni Made", "Siti", "Ahmad", "Dewi" };
static const char * const family[] = { "Aini", "Fauzi", "Hajar", "Saputra", "Rahmawati" };

static char *
patient_name (guint i)
{
  return g_strdup_printf ("%s %s", given[i % G_N_ELEMENTS (given)], family[i / G_N_ELEMENTS (given)]);
}

/* Thirty arrivals, one a minute from 07:00, each pressing their series'
 * button; each ticket printed and read back. Returns the minute each
 * number was taken, by number. */
static GHashTable *
take_numbers (Fixture *f)
{
  static const char * const series[] = { "A", "B", "A", "P", "B", "A" };
  GHashTable *taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[3] = { 0, 0, 0 };
  gboolean keyboard = gil_test_ui_can_type ();

  for (guint i = 0; i < ARRIVALS; i++)
    {
      const char *code = series[i % G_N_ELEMENTS (series)];
      guint which = code[0] == 'A' ? 0 : code[0] == 'B' ? 1 : 2;
      g_autofree char *expected = g_strdup_printf ("%s-%03u", code, ++counts[which]);
      g_autofree char *text = NULL;

      set_clock (f, KIOSK_START + i);
      gil_test_kiosk_wait_choosing (f->kiosk.page);
      gil_test_kiosk_press (f->kiosk.page, code, keyboard && i % 5 == 4);
      gil_test_ui_wait_label (f->kiosk.page, "kiosk_number", expected);
      gil_test_kiosk_wait_printed (f->kiosk.output);
      text = gil_test_kiosk_printed_text (f->kiosk.output);
      gil_test_kiosk_assert_says (text, "Puskesmas Karang Taliwang");
      gil_test_kiosk_assert_says (text, expected);
      g_hash_table_insert (taken, g_steal_pointer (&expected), GUINT_TO_POINTER (KIOSK_START + i));
    }
  return taken;
}

typedef struct
{
  Fixture *f;
  gint64   id;
} Visit;

static gboolean
visit_exists (gpointer data)
{
  Visit *v = data;
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, v->id);
  guint status = 0;
  g_autoptr(JsonNode) reply = gil_test_api_call (v->f->month.url, v->f->month.admin, "GET", path,
                                                 NULL, NULL, &status);

  return status == 200;
}

/* Visit @id as the manager has it. */
static JsonNode *
visit (Fixture *f,
       gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, id);

  return get (f, path);
}

/* The desks call and register everyone, a call a minute from 07:30,
 * Loket 1 and Loket 2 in turn; returns the loket waits in seconds. */
static GArray *
call_and_register (Fixture    *f,
                   GHashTable *taken)
{
  static const char * const first[] = { "P-001", "P-002", "A-001" };
  GArray *waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean interleaved = FALSE;

  for (guint j = 0; j < ARRIVALS; j++)
    {
      GilTestUiStation *desk = &f->desks[j % 2];
      const char *desk_name = j % 2 == 0 ? "Loket 1" : "Loket 2";
      g_autoptr(GPtrArray) order = gil_test_api_loket_order (f->month.url, f->month.admin);
      g_autofree char *next = NULL;
      g_autofree char *name = patient_name (j);
      g_autoptr(JsonNode) registered = NULL;
      JsonObject *loket;
      Visit v = { f, j + 1 };
      gint64 wait;

      /* Everyone not yet called waits, in the order the manager lists. */
      g_assert_cmpuint (order->len, ==, ARRIVALS - j);
      next = g_strdup (order->pdata[0]);
      /* Priority interleaved: the first two priority numbers before
       * A-001 though taken after it, then one of the others; and now and
       * then another goes first while a priority number waits. */
      if (j < G_N_ELEMENTS (first))
        g_assert_cmpstr (next, ==, first[j]);
      if (next[0] != 'P')
        for (guint k = 1; k < order->len; k++)
          if (((char *) order->pdata[k])[0] == 'P')
            interleaved = TRUE;

      set_clock (f, DESK_START + j);
      gtk_window_present (desk->window);
      gil_test_ui_type (GTK_WIDGET (desk->window), "F5");
      gil_test_ui_wait_label (desk->page, "loket_called", next);

      {
        GilTestDesk as_desk = { .window = desk->window, .page = desk->page };

        gil_test_desk_choose (&as_desk, name, name);
      }
      gil_test_desk_press_register (desk);
      gil_test_ui_wait (visit_exists, &v, "the visit registered");
      gil_test_ui_wait_label (desk->page, "loket_called", "—");

      /* The visit carries the number, the desk and the times. */
      registered = visit (f, v.id);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (registered),
                                                                                     "patient"), "name"), ==, name);
      loket = json_object_get_object_member (gil_test_api_object (registered), "loket");
      g_assert_nonnull (loket);
      g_assert_cmpstr (json_object_get_string_member (loket, "ticket"), ==, next);
      g_assert_cmpstr (json_object_get_string_member (loket, "desk"), ==, desk_name);
      wait = (gint64) (DESK_START + j - GPOINTER_TO_UINT (g_hash_table_lookup (taken, next))) * 60;
      g_assert_cmpint (wait, >=, 0);
      g_array_append_val (waits, wait);
    }
  g_assert_true (interleaved);
  gil_test_sort_int64 (waits);
  return waits;
}

/* The rooms call, start and finish the first ten visits, one every two
 * minutes from 09:00, a minute each; returns their waits in seconds. */
static GArray *
serve_some (Fixture *f)
{
  GArray *waits = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint k = 0; k < SERVED; k++)
    {
      g_autoptr(JsonNode) registered = visit (f, k + 1);
      JsonArray *stops = json_object_get_array_member (gil_test_api_object (registered), "stops");
      gint64 stop = json_object_get_int_member (json_array_get_object_element (stops, 0), "id");
      gint64 wait = (gint64) (ROOM_START + 2 * k - (DESK_START + k)) * 60;

      set_clock (f, ROOM_START + 2 * k);
      post (f, stop, "call");
      post (f, stop, "start");
      set_clock (f, ROOM_START + 2 * k + 1);
      post (f, stop, "finish");
      g_array_append_val (waits, wait);
    }
  gil_test_sort_int64 (waits);
  return waits;
}

/* The day's report printed by `giliran --export-report DAY`, as text. */
static char *
printed_report (Fixture    *f,
                const char *token)
{
  g_autofree char *token_file = g_build_filename (f->kiosk.dir, "token", NULL);
  g_autofree char *pdf = g_build_filename (f->kiosk.dir, "day.pdf", NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  g_assert_true (g_file_set_contents (token_file, token, -1, &error));
  g_free (gil_test_run_tool ((const char * const[]) { g_getenv ("GILIRAN_APP"), "--manager", f->month.url,
                                                      "--token-file", token_file, "--export-report", f->day,
                                                      "--output", pdf, NULL }));
  text = gil_test_run_tool ((const char * const[]) { "pdftotext", "-layout", pdf, "-", NULL });
  g_unlink (pdf);
  g_unlink (token_file);
  return text;
}

static void
assert_contains (const char *text,
                 const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not in:\n%s", expected, text);
}

static void
check_report (Fixture *f,
              GArray  *loket_waits,
              GArray  *room_waits)
{
  g_autofree char *head = gil_test_api_pair (f->month.url, f->month.admin, "head", "");
  g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", f->day);
  g_autoptr(JsonNode) report = get (f, path);
  JsonObject *totals = json_object_get_object_member (gil_test_api_object (report), "totals");
  gint64 loket_p50 = gil_test_nearest_rank (loket_waits, 50), loket_p90 = gil_test_nearest_rank (loket_waits, 90);
  gint64 room_p50 = gil_test_nearest_rank (room_waits, 50), room_p90 = gil_test_nearest_rank (room_waits, 90);
  g_autofree char *loket_p50_text = gil_report_format_minutes (loket_p50);
  g_autofree char *loket_p90_text = gil_report_format_minutes (loket_p90);
  g_autofree char *room_p50_text = gil_report_format_minutes (room_p50);
  g_autofree char *printed = NULL;
  GilTestUiStation head_page = { 0 };

  /* What the script makes them, worked out by hand: see the comment in
   * test_morning. */
  g_assert_cmpint (room_p50, ==, 94 * 60);
  g_assert_cmpint (room_p90, ==, 98 * 60);
  /* And the loket's, with the manager's order as it is (P-001, P-002,
   * A-001, P-003, …): 32 and 34 minutes. */
  g_assert_cmpint (loket_p50, ==, 32 * 60);
  g_assert_cmpint (loket_p90, ==, 34 * 60);

  g_assert_cmpint (json_object_get_int_member (totals, "visits"), ==, ARRIVALS);
  g_assert_cmpint (json_object_get_int_member (totals, "served"), ==, SERVED);
  g_assert_cmpint (json_object_get_int_member (totals, "loket_wait_p50_minutes"), ==, loket_p50 / 60);
  g_assert_cmpint (json_object_get_int_member (totals, "loket_wait_p90_minutes"), ==, loket_p90 / 60);
  g_assert_cmpint (json_object_get_int_member (totals, "wait_p50"), ==, room_p50);
  g_assert_cmpint (json_object_get_int_member (totals, "wait_p90"), ==, room_p90);

  /* The head page's cards. */
  gil_test_head_open (&head_page, f->month.url, head, ROOMS, 1366);
  g_assert_cmpstr (gil_test_head_stat_value (head_page.page, "loket-wait"), ==, loket_p50_text);
  g_assert_cmpstr (gil_test_head_stat_value (head_page.page, "loket-wait-p90"), ==, loket_p90_text);
  g_assert_cmpstr (gil_test_head_stat_value (head_page.page, "wait"), ==, room_p50_text);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (head_page.window), "morning-head"));
  gil_test_ui_station_close (&head_page);

  /* And the printed day. */
  printed = printed_report (f, head);
  assert_contains (printed, "Tunggu di loket (median)");
  assert_contains (printed, "Tunggu di loket (persentil ke-90)");
  assert_contains (printed, loket_p50_text);
  assert_contains (printed, loket_p90_text);
  assert_contains (printed, room_p50_text);
}

/* The clock, held still and set before each step:
 *   07:00 + i   the i-th arrival takes a number at the kiosk (i = 0…29);
 *   07:30 + j   the j-th call, at Loket 1 (j even) or Loket 2 (j odd),
 *               and its registration at that desk: visit j + 1;
 *   09:00 + 2k  visit k + 1's first stop called and started, finished a
 *               minute on (k = 0…9).
 * So the room waits are 90 + k minutes: median (the 5th of 10) 94,
 * 90th percentile (the 9th) 98. The loket waits depend on the call
 * order, which the manager lists and the test follows; each is 30 + j - i
 * minutes, their percentiles worked out the report's way (nearest rank):
 * 32 and 34 minutes with the order the manager gives today. The app's
 * own clock is not faked: the day is today, the fixed times early in it. */
static void
test_morning (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GArray) loket_waits = NULL;
  g_autoptr(GArray) room_waits = NULL;

  if (f->month.clock == NULL || gil_test_ui_skip_unless_can_type ())
    return;
  for (guint i = 0; i < ARRIVALS; i++)
    {
      g_autofree char *name = patient_name (i);

      gil_test_month_add_patient (&f->month, name, "1990-03-02", "F");
    }

  kiosk_open (f);
  taken = take_numbers (f);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->kiosk.window), "morning-kiosk"));

  gil_test_desk_open_loket (&f->desks[0], f->month.url, f->month.admin, "Loket 1", 1200);
  gil_test_desk_open_loket (&f->desks[1], f->month.url, f->month.admin, "Loket 2", 1200);
  gil_test_ui_wait_label (f->desks[0].page, "loket_waiting", "30 menunggu");
  loket_waits = call_and_register (f, taken);
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->desks[1].window), "morning-desk"));
  gil_test_ui_wait_label (f->desks[0].page, "loket_next", "Tidak ada antrean");

  room_waits = serve_some (f);
  set_clock (f, 11 * 60);
  check_report (f, loket_waits, room_waits);
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-print-backends", "file", NULL);

  app = gil_test_ui_app_new ("org.giliran.Giliran.Test");

  g_test_add ("/giliran/ui-morning/morning", Fixture, NULL, fixture_set_up, test_morning, fixture_tear_down);

  return g_test_run ();
}
