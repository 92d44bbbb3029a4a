/* test-ui-loket.c — the registration desk's side of the loket queue under
 * Xvfb, against a real manager (issue 20): two desks ("Loket 1" and
 * "Loket 2", each its own connection and settings) call the tickets taken
 * through the API in the order the manager gives, priority interleaved,
 * with F5 and the button; recall (F6) and skip; a stale press said; the
 * called person registered at Loket 1 with the ticket, the visit carrying
 * it; a ticket used meanwhile refused and the visit still registered; the
 * head page's wait at the loket; the desk with its panel at 1024x768 and
 * 1366x768
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gil-registration-page.h"
#include "gil-test-files.h"
#include "gil-test-api.h"
#include "gil-test-desk.h"
#include "gil-test-head.h"
#include "gil-test-manager.h"
#include "gil-test-ui.h"

/* Every room of a new database. */
#define ROOMS 10

typedef GilTestExpect Expect;

typedef struct
{
  GilTestManager   *manager;
  const char       *url;
  const char       *token;
  GilTestUiStation  one;
  GilTestUiStation  two;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->token);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gil_test_ui_station_close (&f->two);
  gil_test_ui_station_close (&f->one);
  gil_test_manager_free (f->manager);
}

/* Takes a ticket of @series as a kiosk would; returns its id. */
static gint64
take (Fixture    *f,
      const char *series)
{
  g_autofree char *body = g_strdup_printf ("{\"series\":\"%s\"}", series);
  g_autoptr(JsonNode) ticket = gil_test_api_expect (f->url, f->token, "POST", "/api/v1/loket/tickets",
                                                    body, NULL, 201);

  return json_object_get_int_member (gil_test_api_object (ticket), "id");
}

/* Today's ticket @label ("A-001") as the manager lists it: waiting or
 * called; NULL once registered or skipped. */
static JsonObject *
ticket_at_manager (Fixture    *f,
                   const char *label)
{
  g_autoptr(JsonNode) list = gil_test_api_expect (f->url, f->token, "GET", "/api/v1/loket/tickets",
                                                  NULL, NULL, 200);
  const char *members[] = { "called", "waiting" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonArray *tickets = json_object_get_array_member (gil_test_api_object (list), members[m]);

      for (guint i = 0; i < json_array_get_length (tickets); i++)
        {
          JsonObject *ticket = json_array_get_object_element (tickets, i);

          if (g_strcmp0 (json_object_get_string_member (ticket, "ticket"), label) == 0)
            return json_object_ref (ticket);
        }
    }
  return NULL;
}

static void
wait_called (GilTestUiStation *desk,
             const char       *ticket)
{
  gil_test_ui_wait_label (desk->page, "loket_called", ticket);
}

static gboolean
error_says (gpointer data)
{
  Expect *e = data;

  return gtk_widget_get_visible (e->widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (e->widget)), e->text) != NULL;
}

static void
wait_error (GilTestUiStation *desk,
            const char       *name,
            const char       *text)
{
  Expect e = { gil_test_ui_get_named (desk->page, name), text };

  gil_test_ui_wait (error_says, &e, text);
}

/* Two desks call the morning's tickets in the manager's order, priority
 * interleaved: Loket 1 with F5, Loket 2 with its button. Each sees how
 * many wait as the other calls. Then recall (F6), skip, a stale press,
 * and the queue empty. */
static void
test_two_desks (Fixture       *f,
                gconstpointer  data)
{
  static const char * const series[] = { "A", "B", "A", "P", "P", "P", "B" };
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(JsonObject) ticket = NULL;
  g_autofree char *path = NULL;
  GilTestUiStation *desks[] = { &f->one, &f->two };
  gint64 id;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    take (f, series[i]);
  order = gil_test_api_loket_order (f->url, f->token);
  g_assert_cmpuint (order->len, ==, G_N_ELEMENTS (series));
  /* Priority first, two in a row, then the longest waiting other. */
  g_assert_cmpstr (order->pdata[0], ==, "P-001");
  g_assert_cmpstr (order->pdata[1], ==, "P-002");
  g_assert_cmpstr (order->pdata[2], ==, "A-001");

  gil_test_desk_open_loket (&f->one, f->url, f->token, "Loket 1", 1200);
  gil_test_desk_open_loket (&f->two, f->url, f->token, "Loket 2", 1200);
  gil_test_ui_wait_label (f->one.page, "loket_desk", "Loket 1");
  gil_test_ui_wait_label (f->two.page, "loket_desk", "Loket 2");
  gil_test_ui_wait_label (f->one.page, "loket_waiting", "7 menunggu");
  gil_test_ui_wait_label (f->one.page, "loket_next", "Berikutnya: P-001 · P-002 · A-001 · P-003 …");
  gil_test_ui_wait_label (f->one.page, "loket_called", "—");
  g_assert_false (gtk_widget_is_sensitive (gil_test_ui_find_button (f->one.page, "Panggil Ulang")));
  g_assert_false (gtk_widget_is_sensitive (gil_test_ui_find_button (f->one.page, "Lewati")));

  for (guint i = 0; i < 6; i++)
    {
      GilTestUiStation *desk = desks[i % 2];
      g_autofree char *waiting = g_strdup_printf ("%u menunggu", order->len - i - 1);
      const char *name = i % 2 == 0 ? "Loket 1" : "Loket 2";
      g_autoptr(JsonObject) called = NULL;

      if (i % 2 == 0)
        {
          gtk_window_present (desk->window);
          gil_test_ui_type (GTK_WIDGET (desk->window), "F5");
        }
      else
        gil_test_ui_press_button (desk->page, "Panggil Berikutnya", GIL_TEST_UI_PRESS_CLICK);
      wait_called (desk, order->pdata[i]);
      /* The other desk hears of it. */
      gil_test_ui_wait_label (desks[(i + 1) % 2]->page, "loket_waiting", waiting);
      called = ticket_at_manager (f, order->pdata[i]);
      g_assert_cmpstr (json_object_get_string_member (called, "status"), ==, "called");
      g_assert_cmpstr (json_object_get_string_member (called, "desk"), ==, name);
      if (i == 3)
        g_free (gil_test_ui_screenshot (GTK_WIDGET (f->two.window), "loket-desk-two"));
    }
  gil_test_ui_wait_label (f->two.page, "loket_next", "Berikutnya: B-002");

  /* F6 at Loket 1: its ticket once more, to the same desk. */
  g_assert_true (gtk_widget_is_sensitive (gil_test_ui_find_button (f->one.page, "Panggil Ulang")));
  gtk_window_present (f->one.window);
  gil_test_ui_type (GTK_WIDGET (f->one.window), "F6");
  ticket = ticket_at_manager (f, order->pdata[4]);
  while (json_object_get_int_member (ticket, "calls") < 2)
    {
      gil_test_ui_spin (50);
      json_object_unref (ticket);
      ticket = ticket_at_manager (f, order->pdata[4]);
    }
  g_assert_cmpstr (json_object_get_string_member (ticket, "desk"), ==, "Loket 1");
  g_clear_pointer (&ticket, json_object_unref);

  /* Lewati at Loket 2: skipped, and nothing on show. */
  gil_test_ui_press_button (f->two.page, "Lewati", GIL_TEST_UI_PRESS_CLICK);
  wait_called (&f->two, "—");
  g_assert_null (ticket_at_manager (f, order->pdata[5]));

  /* Loket 1's ticket skipped elsewhere, and Panggil Ulang pressed before
   * the desk heard: said, and the list as it is now. */
  ticket = ticket_at_manager (f, order->pdata[4]);
  id = json_object_get_int_member (ticket, "id");
  path = g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/skip", id);
  json_node_unref (gil_test_api_expect (f->url, f->token, "POST", path, NULL, NULL, 200));
  g_assert_true (gtk_widget_activate_action (gil_test_ui_get_named (f->one.page, "loket_called"),
                                             "loket.recall", NULL));
  {
    g_autofree char *said = g_strdup_printf ("%s sudah dilewati", (char *)order->pdata[4]);

    wait_error (&f->one, "loket_error", said);
  }
  wait_called (&f->one, "—");

  /* The last one, then nobody. */
  gil_test_ui_press_button (f->two.page, "Panggil Berikutnya", GIL_TEST_UI_PRESS_CLICK);
  wait_called (&f->two, order->pdata[6]);
  gil_test_ui_wait_label (f->two.page, "loket_next", "Tidak ada antrean");
  gil_test_ui_press_button (f->two.page, "Panggil Berikutnya", GIL_TEST_UI_PRESS_CLICK);
  wait_error (&f->two, "loket_error", "Tidak ada antrean");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->two.window), "loket-desk-empty"));

  /* Somebody takes a number: the message goes, and they are next. */
  take (f, "B");
  gil_test_ui_wait_label (f->two.page, "loket_waiting", "1 menunggu");
  gil_test_ui_wait_label (f->two.page, "loket_next", "Berikutnya: B-003");
  g_assert_false (gtk_widget_get_visible (gil_test_ui_get_named (f->two.page, "loket_error")));
}

static gboolean
is_online (gpointer data)
{
  gboolean online = FALSE;

  g_object_get (data, "online", &online, NULL);
  return online;
}

static gboolean
is_offline (gpointer data)
{
  return !is_online (data);
}

/* A desk that was away from the event stream reads the queue again when
 * it is back: what happened meanwhile is on show, though no event of it
 * came. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  take (f, "A");
  gil_test_desk_open_loket (&f->one, f->url, f->token, "Loket 1", 1200);
  gil_test_ui_wait_label (f->one.page, "loket_waiting", "1 menunggu");
  gil_test_ui_wait (is_online, f->one.connection, "the event stream");

  gil_connection_stop_events (f->one.connection);
  gil_test_ui_wait (is_offline, f->one.connection, "the event stream to stop");
  /* Whatever reading was under way has ended. */
  gil_test_ui_spin (500);
  gil_test_ui_wait_label (f->one.page, "loket_waiting", "1 menunggu");
  take (f, "B");
  take (f, "P");
  gil_test_ui_spin (300);
  gil_test_ui_wait_label (f->one.page, "loket_waiting", "1 menunggu");

  /* Back, from now on: no event of the two tickets is sent again. */
  gil_connection_start_events (f->one.connection, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_ui_wait_label (f->one.page, "loket_waiting", "3 menunggu");
  gil_test_ui_wait_label (f->one.page, "loket_next", "Berikutnya: P-001 · A-001 · B-001");
}

/* Chooses the patient found for @query, as the clerk does with Enter. */
static void
choose (GilTestUiStation *desk,
        const char       *query,
        const char       *name)
{
  GilTestDesk as_desk = { .window = desk->window, .page = desk->page };

  gil_test_desk_choose (&as_desk, query, name);
}

static gint64
add_patient (Fixture    *f,
             const char *name,
             const char *nik)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"nik\":\"%s\",\"sex\":\"F\","
                                           "\"birth_date\":\"1990-03-02\"}", name, nik);
  g_autoptr(JsonNode) patient = gil_test_api_expect (f->url, f->token, "POST", "/api/v1/patients",
                                                     body, NULL, 201);

  return json_object_get_int_member (gil_test_api_object (patient), "id");
}

static gboolean
ticket_shown (gpointer data)
{
  return gil_registration_page_get_ticket (GIL_REGISTRATION_PAGE (data)) != NULL;
}

/* The visit @id's loket member as the manager has it, or NULL. */
static JsonObject *
visit_loket (Fixture *f,
             gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT, id);
  g_autoptr(JsonNode) visit = gil_test_api_expect (f->url, f->token, "GET", path, NULL, NULL, 200);
  JsonObject *object = gil_test_api_object (visit);

  if (json_object_get_null_member (object, "loket"))
    return NULL;
  return json_object_ref (json_object_get_object_member (object, "loket"));
}

/* A row of the day's visits, titled @title, whose subtitle says
 * @loket, or (@loket %NULL) says no loket number. */
typedef struct
{
  GtkWidget  *page;
  const char *title;
  const char *loket;
} Row;

static gboolean
row_says (gpointer data)
{
  Row *r = data;

  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (r->page, ADW_TYPE_EXPANDER_ROW, i);
      const char *subtitle;

      if (row == NULL)
        return FALSE;
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), r->title) != 0)
        continue;
      subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      if (r->loket == NULL)
        return strstr (subtitle, "Nomor antrean loket") == NULL;
      return g_str_has_suffix (subtitle, r->loket);
    }
}

/* The person Loket 1 called is registered there: the visit carries the
 * ticket, the panel lets it go; the day's visits say the number. A
 * ticket registered meanwhile at another desk: said, the form kept, and
 * Register again registers the visit without it. */
static void
test_register_with_ticket (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) loket = NULL;
  g_autoptr(JsonObject) ticket = NULL;
  g_autofree char *body = NULL;
  gint64 other;
  GtkWidget *patient_label;

  if (gil_test_ui_skip_unless_can_type ())
    return;
  add_patient (f, "Baiq Nurul Aini", "5271014203900001");
  add_patient (f, "Lalu Ahmad Fauzi", "5271010203900002");
  other = add_patient (f, "Siti Hajar", "5271014403900003");
  take (f, "A");
  take (f, "B");
  gil_test_desk_open_loket (&f->one, f->url, f->token, "Loket 1", 1200);
  gil_test_ui_type (GTK_WIDGET (f->one.window), "F5");
  wait_called (&f->one, "A-001");

  choose (&f->one, "Baiq Nurul", "Baiq Nurul Aini");
  gil_test_desk_press_register (&f->one);
  gil_test_ui_wait (ticket_shown, f->one.page, "the visit's ticket");
  wait_called (&f->one, "—");
  loket = visit_loket (f, 1);
  g_assert_nonnull (loket);
  g_assert_cmpstr (json_object_get_string_member (loket, "ticket"), ==, "A-001");
  g_assert_cmpstr (json_object_get_string_member (loket, "desk"), ==, "Loket 1");
  g_assert_null (ticket_at_manager (f, "A-001"));
  g_clear_pointer (&loket, json_object_unref);

  /* B-001 called here, then registered elsewhere before this desk heard. */
  gil_test_ui_type (GTK_WIDGET (f->one.window), "F5");
  wait_called (&f->one, "B-001");
  choose (&f->one, "Lalu Ahmad", "Lalu Ahmad Fauzi");
  ticket = ticket_at_manager (f, "B-001");
  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"payer\":\"umum\","
                          "\"loket_ticket\":%" G_GINT64_FORMAT "}", other,
                          json_object_get_int_member (ticket, "id"));
  json_node_unref (gil_test_api_expect (f->url, f->token, "POST", "/api/v1/visits", body, NULL, 201));
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (f->one.page, "payer_row")),
                              gil_test_desk_payer_index ("umum"));
  g_assert_true (gtk_widget_activate_action (f->one.page, "registration.register", NULL));
  wait_error (&f->one, "register_error", "Nomor antrean loket B-001 sudah dipakai");
  /* Nothing lost: the patient is still the one chosen. */
  patient_label = gil_test_ui_get_named (f->one.page, "patient_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (patient_label)), ==, "Lalu Ahmad Fauzi");
  wait_called (&f->one, "—");
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->one.window), "loket-desk-ticket-used"));
  gil_test_desk_press_register (&f->one);
  gil_test_ui_wait_label (f->one.page, "ticket_label", "D-003");
  loket = visit_loket (f, 3);
  g_assert_null (loket);

  /* The day's visits: the loket number of each that has one. */
  gtk_widget_activate (gil_test_ui_find_button (f->one.page, "Kunjungan Hari Ini"));
  {
    Row with = { f->one.page, "D-001 · Baiq Nurul Aini", "Nomor antrean loket A-001" };
    Row without = { f->one.page, "D-003 · Lalu Ahmad Fauzi", NULL };

    gil_test_ui_wait (row_says, &with, "the loket number in the day's visits");
    gil_test_ui_wait (row_says, &without, "a visit without a loket number");
  }
  g_free (gil_test_ui_screenshot (GTK_WIDGET (f->one.window), "loket-desk-visits"));
}

/* The day's report printed by `giliran --export-report DAY`, as text. */
static char *
printed_report (Fixture    *f,
                const char *token)
{
  g_autofree char *day = gil_test_api_health_day (f->url);
  g_autofree char *dir = g_dir_make_tmp ("giliran-loket-XXXXXX", NULL);
  g_autofree char *token_file = g_build_filename (dir, "token", NULL);
  g_autofree char *pdf = g_build_filename (dir, "day.pdf", NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (token_file, token, -1, &error));
  g_free (gil_test_run_tool ((const char * const[]) { g_getenv ("GILIRAN_APP"), "--manager", f->url,
                                                      "--token-file", token_file, "--export-report", day,
                                                      "--output", pdf, NULL }));
  text = gil_test_run_tool ((const char * const[]) { "pdftotext", "-layout", pdf, "-", NULL });
  g_unlink (pdf);
  g_unlink (token_file);
  g_rmdir (dir);
  return text;
}

/* The head page: no wait at the loket on a day without loket tickets;
 * with a ticket called and registered, its median and 90th percentile. */
static void
test_head_loket_wait (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *head = gil_test_api_pair (f->url, f->token, "head", "");
  g_autofree char *printed = NULL;
  GilTestUiStation head_page = { 0 };
  gint64 patient;
  gint64 ticket;

  gil_test_head_open (&head_page, f->url, head, ROOMS, 1366);
  g_assert_null (gil_test_ui_find_named (head_page.page, "stat-loket-wait"));
  gil_test_ui_station_close (&head_page);
  printed = printed_report (f, head);
  g_assert_nonnull (strstr (printed, "Ringkasan"));
  g_assert_null (strstr (printed, "Tunggu di loket"));
  g_clear_pointer (&printed, g_free);

  patient = add_patient (f, "Baiq Nurul Aini", "5271014203900001");
  ticket = take (f, "A");
  json_node_unref (gil_test_api_expect (f->url, f->token, "POST", "/api/v1/loket/call-next",
                                        "{\"desk\":\"Loket 1\"}", NULL, 200));
  body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"payer\":\"umum\","
                          "\"loket_ticket\":%" G_GINT64_FORMAT "}", patient, ticket);
  json_node_unref (gil_test_api_expect (f->url, f->token, "POST", "/api/v1/visits", body, NULL, 201));

  gil_test_head_open (&head_page, f->url, head, ROOMS, 1366);
  g_assert_cmpstr (gil_test_head_stat_value (head_page.page, "loket-wait"), ==, "0 mnt");
  g_assert_cmpstr (gil_test_head_stat_value (head_page.page, "loket-wait-p90"), ==, "0 mnt");
  g_assert_nonnull (gil_test_ui_find_label (head_page.page, "Tunggu di loket (median)"));
  g_assert_nonnull (gil_test_ui_find_label (head_page.page, "Tunggu di loket (persentil ke-90)"));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (head_page.window), "loket-head"));
  gil_test_ui_station_close (&head_page);

  /* The printed day's summary says them too. */
  printed = printed_report (f, head);
  g_assert_nonnull (strstr (printed, "Tunggu di loket (median)"));
  g_assert_nonnull (strstr (printed, "Tunggu di loket (persentil ke-90)"));
}

static gboolean
window_is (gpointer data)
{
  Expect *e = data;

  return gtk_widget_get_width (e->widget) == GPOINTER_TO_INT (e->text);
}

/* The desk with its panel on an old 1024x768 monitor and a 1366x768
 * laptop, a task bar's height less: the panel, the finding side's
 * buttons and Register on the screen, the window no taller. */
static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  static const int widths[] = { 1024, 1366 };

  take (f, "A");
  take (f, "P");
  take (f, "B");
  gil_test_desk_open_loket (&f->one, f->url, f->token, "Loket 2", 1024);
  gil_test_ui_press_button (f->one.page, "Panggil Berikutnya", GIL_TEST_UI_PRESS_CLICK);
  wait_called (&f->one, "P-001");
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("loket-desk-%d", widths[i]);
      Expect e = { GTK_WIDGET (f->one.window), GINT_TO_POINTER (widths[i]) };
      GtkWidget *window = GTK_WIDGET (f->one.window);

      gtk_window_set_default_size (f->one.window, widths[i], 740);
      gil_test_ui_wait (window_is, &e, "the window's width");
      gil_test_ui_spin (400);
      g_assert_cmpint (gtk_widget_get_height (window), <=, 740);
      gil_test_ui_assert_inside (gil_test_ui_find_button (f->one.page, "Panggil Berikutnya"), window);
      gil_test_ui_assert_inside (gil_test_ui_find_button (f->one.page, "Lewati"), window);
      gil_test_ui_assert_inside (gil_test_ui_find_button (f->one.page, "Pasien Baru"), window);
      gil_test_ui_assert_inside (gil_test_ui_find_button (f->one.page, "Daftarkan"), window);
      gil_test_ui_assert_inside (gil_test_ui_get_named (f->one.page, "search_entry"), window);
      g_free (gil_test_ui_screenshot (window, name));
    }
}

int
main (int   argc,
      char *argv[])
{
  gil_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/ui-loket/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("two-desks", test_two_desks);
  ADD ("register-with-ticket", test_register_with_ticket);
  ADD ("head-loket-wait", test_head_loket_wait);
  ADD ("fits", test_fits);
  ADD ("reconnect", test_reconnect);
#undef ADD

  return g_test_run ();
}
