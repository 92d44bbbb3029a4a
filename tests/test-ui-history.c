/* test-ui-history.c — a visit's history on the room page under Xvfb,
 * against a real manager: the admin opens it and reads who did what; a
 * room's own PC has no such action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gil-history-window.h"
#include "gil-room-page.h"
#include "gil-stop-row.h"
#include "gil-test-api.h"
#include "gil-test-manager.h"
#include "gil-test-room.h"
#include "gil-test-ui.h"

typedef struct
{
  GilTestPaired     api;
  GilTestUiStation  ui;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_paired_set_up (&f->api, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The history window too, if one was opened. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  f->ui.window = NULL;
  gil_test_ui_spin (50);
  gil_test_ui_station_close (&f->ui);
  gil_test_paired_tear_down (&f->api, data);
}

static gboolean
rooms_loaded (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->ui.rooms)) == 10;
}

static gboolean
role_known (gpointer data)
{
  Fixture *f = data;

  return gil_connection_get_role (f->ui.connection) != NULL;
}

/* The laboratory's page, as the station with @token sees it. */
static void
open_lab_page (Fixture    *f,
               const char *token)
{
  f->ui.connection = gil_connection_new (f->api.url, token);
  gil_connection_start_events (f->ui.connection, GIL_CONNECTION_SINCE_NOTHING);
  f->ui.rooms = gil_room_list_new (f->ui.connection);
  g_autoptr(GilContext) context = gil_context_new (f->ui.connection, f->ui.rooms, NULL);
  f->ui.page = gil_room_page_new (context, f->api.stations.lab_id);
  f->ui.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->ui.window, 1366, 720);
  gtk_window_set_child (f->ui.window, f->ui.page);
  gtk_window_present (f->ui.window);
  gil_test_ui_wait (rooms_loaded, f, "the rooms");
  gil_test_ui_wait (role_known, f, "the station's role");
}

/* A visit the desk registers for a patient @years old, to the room
 * @room_id (0: where routing sends it). */
static JsonNode *
register_visit (Fixture    *f,
                const char *name,
                guint       years,
                gint64      room_id)
{
  g_autofree char *birth = gil_test_api_years_ago (years);
  g_autofree char *extra = room_id != 0 ? g_strdup_printf (",\"room\":%" G_GINT64_FORMAT, room_id) : NULL;

  return gil_test_api_register (f->api.url, f->api.stations.desk, name, birth, extra);
}

/* On the laboratory's page, as the station with @token sees it, the
 * patient with @ticket called with "Call Next". */
static void
call_on_lab_page (Fixture    *f,
                  const char *token,
                  const char *ticket)
{
  open_lab_page (f, token);
  gil_test_room_wait_row (f->ui.page, ticket, "waiting");
  gtk_widget_activate (gil_test_ui_find_button (f->ui.page, _("Call Next")));
  gil_test_room_wait_row (f->ui.page, ticket, "called");
  gil_test_ui_spin (100);
}

static GilHistoryWindow *
find_history_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GIL_IS_HISTORY_WINDOW (window))
        return GIL_HISTORY_WINDOW (window);
    }
  return NULL;
}

static gboolean
history_loaded (gpointer data)
{
  GilHistoryWindow *window = find_history_window ();

  return window != NULL && gil_history_window_get_loaded (window);
}

/* "History" pressed on the page; returns the window once it is loaded. */
static GilHistoryWindow *
open_history (Fixture *f)
{
  GtkWidget *button = gil_test_ui_find_button (f->ui.page, _("History"));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  gil_test_ui_wait (history_loaded, NULL, "the history");
  gil_test_ui_spin (200);
  return find_history_window ();
}

/* The texts of every visible label under @widget, in order, joined by " | ". */
static void
collect_texts (GtkWidget *widget,
               GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      if (texts->len > 0)
        g_string_append (texts, " | ");
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

/* The history window's rows, in order, each as its shown texts: time,
 * action, [detail,] room, station, role. */
static GPtrArray *
history_rows (void)
{
  GtkListBox *list = GTK_LIST_BOX (gil_test_ui_find_named (GTK_WIDGET (find_history_window ()), "entry_list"));
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_autoptr(GString) texts = g_string_new (NULL);
      char **cells;

      collect_texts (GTK_WIDGET (row), texts);
      g_test_message ("row %u: %s", i, texts->str);
      cells = g_strsplit (texts->str, " | ", -1);
      g_assert_cmpuint (g_strv_length (cells), >=, 5);
      g_ptr_array_add (rows, cells);
    }
  return rows;
}

/* A visit desk → Ruang Lansia → laboratory; the admin calls it from the
 * laboratory's page and opens its history: each action, its room and the
 * station that did it, in order. */
static void
test_admin_reads_history (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_visit (f, "Siti Aminah", 67, 0);
  g_autoptr(JsonObject) called = gil_test_api_call_next (f->api.url, f->api.stations.lansia, "K3-LANSIA");
  g_autofree char *transfer_path = NULL;
  g_autofree char *transfer_body = NULL;
  g_autoptr(JsonNode) transferred = NULL;
  g_autofree char *shot = NULL;
  GilHistoryWindow *history;
  g_autoptr(GPtrArray) rows = NULL;
  /* action, detail (or NULL), room, station, role line: in this order */
  g_autofree char *title = g_strdup_printf (_("History of %s"), "E-001");
  g_autofree char *sent_from = g_strdup_printf (_("Sent from %s"), "Ruang Lansia");
  g_autofree char *sent_to = g_strdup_printf (_("To %s, to come back afterwards"), "Laboratorium");
  const char *expected[][4] = {
    { _("Registered"), "Ruang Lansia", "Meja Pendaftaran 1", _("Registration desk") },
    { _("Joined the queue"), "Ruang Lansia", "Meja Pendaftaran 1", _("Registration desk") },
    { _("Called"), "Ruang Lansia", "PC Ruang Lansia", _("Cluster room") },
    { _("Service started"), "Ruang Lansia", "PC Ruang Lansia", _("Cluster room") },
    { _("Sent on"), "Ruang Lansia", "PC Ruang Lansia", _("Cluster room") },
    { _("Joined the queue"), "Laboratorium", "PC Ruang Lansia", _("Cluster room") },
    { _("Called"), "Laboratorium", _("Administrator"), _("Server PC") },
  };

  g_assert_nonnull (visit);
  gil_test_api_stop_action (f->api.url, f->api.stations.lansia, json_object_get_int_member (called, "id"), "start");
  transfer_path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/transfer",
                                   json_object_get_int_member (called, "id"));
  transfer_body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"return\":true}", f->api.stations.lab_id);
  transferred = gil_test_api_expect (f->api.url, f->api.stations.lansia, "POST", transfer_path, transfer_body, NULL, 200);

  /* The admin, on the laboratory's page, calls her in. */
  call_on_lab_page (f, f->api.admin, "E-001");
  g_assert_cmpstr (gil_connection_get_role (f->ui.connection), ==, "admin");

  /* The called patient is the one chosen: History is there for her. */
  history = open_history (f);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (history)), ==, title);

  rows = history_rows ();
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      guint n = g_strv_length (cells);

      g_assert_true (g_regex_match_simple ("^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$", cells[0], 0, 0));
      g_assert_cmpstr (cells[1], ==, expected[i][0]);
      g_assert_cmpstr (cells[n - 3], ==, expected[i][1]);
      g_assert_cmpstr (cells[n - 2], ==, expected[i][2]);
      g_assert_cmpstr (cells[n - 1], ==, expected[i][3]);
      if (i == 4)
        g_assert_cmpstr (cells[2], ==, sent_to);
      if (i == 5)
        g_assert_cmpstr (cells[2], ==, sent_from);
    }

  shot = gil_test_ui_screenshot (GTK_WIDGET (history), "history");
  g_test_message ("screenshot: %s", shot);
}

/* A visit the desk moved from the Lansia room to the laboratory: its
 * history says so, with where to and why, and the desk that did it. */
static void
test_history_of_a_move (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_visit (f, "Rudi Hartono", 30, f->api.stations.lansia_id);
  g_autofree char *path = g_strdup_printf ("/api/v1/visits/%" G_GINT64_FORMAT "/reroute",
                                           json_object_get_int_member (gil_test_api_object (visit), "id"));
  g_autofree char *body = g_strdup_printf ("{\"room\":%" G_GINT64_FORMAT ",\"reason\":\"Hanya cek darah\"}",
                                           f->api.stations.lab_id);
  g_autoptr(JsonNode) moved = NULL;
  g_autofree char *moved_to = g_strdup_printf (_("To %s: %s"), "Laboratorium", "Hanya cek darah");
  const char *expected[][2] = {
    { _("Registered"), "Ruang Lansia" },
    { _("Joined the queue"), "Ruang Lansia" },
    { _("Moved to another room at the desk"), "Ruang Lansia" },
    { _("Joined the queue"), "Laboratorium" },
    { _("Called"), "Laboratorium" },
  };
  g_autoptr(GPtrArray) rows = NULL;

  moved = gil_test_api_expect (f->api.url, f->api.stations.desk, "POST", path, body, NULL, 200);

  call_on_lab_page (f, f->api.admin, "J-001");
  open_history (f);

  rows = history_rows ();
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);
      guint n = g_strv_length (cells);

      g_assert_cmpstr (cells[1], ==, expected[i][0]);
      g_assert_cmpstr (cells[n - 3], ==, expected[i][1]);
      if (i < 4)
        g_assert_cmpstr (cells[n - 2], ==, "Meja Pendaftaran 1");
      if (i == 2)
        g_assert_cmpstr (cells[2], ==, moved_to);
    }
  g_free (gil_test_ui_screenshot (GTK_WIDGET (find_history_window ()), "history-move"));
}

/* A room's own PC sees no History: the action is neither shown nor enabled. */
static void
test_room_station_has_none (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_visit (f, "Made Wirawan", 30, f->api.stations.lab_id);

  call_on_lab_page (f, f->api.stations.lab, json_object_get_string_member (gil_test_api_object (visit), "ticket"));
  g_assert_cmpstr (gil_connection_get_role (f->ui.connection), ==, "room");

  /* The other actions are there for the chosen patient; History is not. */
  g_assert_nonnull (gil_test_ui_find_button (f->ui.page, _("Start")));
  g_assert_null (gil_test_ui_find_button (f->ui.page, _("History")));
  gtk_widget_activate_action (f->ui.page, "room.history", NULL);
  gil_test_ui_spin (200);
  g_assert_null (find_history_window ());
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *)data == NULL;
}

/* Made and destroyed, loaded or still asking: nothing keeps it alive. */
static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_visit (f, "Komang Ayu", 30, 0);
  gint64 id = json_object_get_int_member (gil_test_api_object (visit), "id");
  GilConnection *connection = gil_connection_new (f->api.url, f->api.admin);
  GilHistoryWindow *window;
  gpointer weak;

  window = gil_history_window_new (NULL, connection, id, "D-001");
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (history_loaded, NULL, "the history");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* Closed before the manager answered: the request is cancelled. */
  window = gil_history_window_new (NULL, connection, id, "D-001");
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  gil_test_ui_wait (is_gone, &weak, "the window to go");
  gil_test_ui_spin (100);
  g_assert_finalize_object (connection);
}

/* A visit the laboratory referred out: the finish that ended it says
 * where to; the one before it, sent on to come back, says nothing of an
 * outcome. */
static void
test_history_of_a_referral (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) visit = register_visit (f, "Rudi Hartono", 30, f->api.stations.lab_id);
  gint64 id = json_object_get_int_member (gil_test_api_object (visit), "id");
  g_autoptr(JsonObject) called = gil_test_api_call_next (f->api.url, f->api.stations.lab, "LK-LAB");
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/finish",
                                           json_object_get_int_member (called, "id"));
  g_autoptr(JsonNode) finished = NULL;
  g_autofree char *referred = g_strdup_printf (_("Referred to %s"), "RSUD Kota Mataram");
  g_autoptr(GPtrArray) rows = NULL;
  GilHistoryWindow *window;
  char **last;

  gil_test_api_stop_action (f->api.url, f->api.stations.lab, json_object_get_int_member (called, "id"), "start");
  finished = gil_test_api_expect (f->api.url, f->api.stations.lab, "POST", path,
                                  "{\"outcome\":\"referred\",\"referred_to\":\"RSUD Kota Mataram\"}", NULL, 200);

  f->ui.connection = gil_connection_new (f->api.url, f->api.admin);
  window = gil_history_window_new (NULL, f->ui.connection, id, "J-001");
  gtk_window_present (GTK_WINDOW (window));
  gil_test_ui_wait (history_loaded, NULL, "the history");
  gil_test_ui_spin (200);

  rows = history_rows ();
  g_assert_cmpuint (rows->len, >=, 4);
  last = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpstr (last[1], ==, _("Service finished"));
  g_assert_cmpstr (last[2], ==, referred);
  g_assert_cmpstr (referred, ==, "Dirujuk ke RSUD Kota Mataram");
  for (guint i = 0; i + 1 < rows->len; i++)
    g_assert_false (g_strv_contains ((const char * const *)g_ptr_array_index (rows, i), referred));
  g_free (gil_test_ui_screenshot (GTK_WIDGET (window), "history-referral"));
}

int
main (int    argc,
      char **argv)
{
  gil_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/giliran/ui-history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("admin-reads-history", test_admin_reads_history);
  ADD ("history-of-a-move", test_history_of_a_move);
  ADD ("history-of-a-referral", test_history_of_a_referral);
  ADD ("new-destroy", test_new_destroy);
  ADD ("room-station-has-none", test_room_station_has_none);

  return g_test_run ();
}
