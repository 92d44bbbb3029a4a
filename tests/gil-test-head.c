/* gil-test-head.c — the head's page in a window, for its UI tests:
 * opened on a real manager as the head station, waited for, and read
 * (its big figures and its tables' cells)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-context.h"
#include "gil-head-page.h"
#include "gil-test-api.h"
#include "gil-test-head.h"
#include "gil-test-ui.h"

typedef struct
{
  GilRoomList *rooms;
  guint        n_rooms;
} RoomsWait;

static gboolean
rooms_loaded (gpointer data)
{
  RoomsWait *wait = data;

  return g_list_model_get_n_items (G_LIST_MODEL (wait->rooms)) == wait->n_rooms;
}

static gboolean
page_loaded (gpointer data)
{
  GilHeadPage *page = GIL_HEAD_PAGE (data);

  return !gil_head_page_get_loading (page) && gil_head_page_get_date (page) != NULL;
}

/* Waits until the page has shown what it was loading. */
void
gil_test_head_wait_loaded (GtkWidget *page)
{
  gil_test_ui_spin (50);
  gil_test_ui_wait (page_loaded, page, "the report");
}

/**
 * gil_test_head_set_up:
 * @head: where the manager goes
 *
 * Starts a manager of its own and pairs a head station on it.
 */
void
gil_test_head_set_up (GilTestHead *head)
{
  g_autoptr(JsonNode) health = NULL;

  head->manager = gil_test_manager_start_api (&head->url, &head->admin);
  head->token = gil_test_api_pair (head->url, head->admin, "head", "");
  health = gil_test_api_expect (head->url, head->admin, "GET", "/api/v1/health", NULL, NULL, 200);
  head->today = g_strdup (json_object_get_string_member (gil_test_api_object (health), "day"));
}

/* Stops @head's manager and removes its files. */
void
gil_test_head_tear_down (GilTestHead *head)
{
  g_clear_pointer (&head->token, g_free);
  g_clear_pointer (&head->today, g_free);
  g_clear_pointer (&head->manager, gil_test_manager_free);
}

/**
 * gil_test_head_open:
 * @station: (out caller-allocates): the head's station: its connection,
 *   events started, its room list, its window on show and its page
 * @token: a head station's
 * @n_rooms: the manager's rooms, waited for
 * @width: the window's, 768 high
 *
 * Opens the head's page in a window of its own, today's report loaded.
 */
void
gil_test_head_open (GilTestUiStation *station,
                    const char       *url,
                    const char       *token,
                    guint             n_rooms,
                    int               width)
{
  g_autoptr(GilContext) context = NULL;
  RoomsWait wait;

  station->connection = gil_connection_new (url, token);
  gil_connection_start_events (station->connection, GIL_CONNECTION_SINCE_NOTHING);
  station->rooms = gil_room_list_new (station->connection);
  context = gil_context_new (station->connection, station->rooms, NULL);
  station->page = gil_head_page_new (context);
  station->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (station->window, width, 768);
  gtk_window_set_child (station->window, station->page);
  gtk_window_present (station->window);
  wait = (RoomsWait) { station->rooms, n_rooms };
  gil_test_ui_wait (rooms_loaded, &wait, "the rooms");
  gil_test_head_wait_loaded (station->page);
}

const char *
gil_test_head_label_text (GtkWidget *widget)
{
  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

/* The column of a table whose header reads @title. */
int
gil_test_head_column_of (GtkGrid    *grid,
                         const char *title)
{
  for (int c = 0;; c++)
    {
      GtkWidget *cell = gtk_grid_get_child_at (grid, c, 0);

      g_assert_nonnull (cell);
      if (g_strcmp0 (gil_test_head_label_text (cell), title) == 0)
        return c;
    }
}

/* The value of the big figure @id ("visits", "served"…), or NULL while
 * the page does not show it. */
const char *
gil_test_head_stat_value (GtkWidget  *page,
                          const char *id)
{
  g_autofree char *name = g_strconcat ("stat-", id, NULL);
  GtkWidget *figure = gil_test_ui_find_named (page, name);

  return figure != NULL ? gil_test_head_label_text (figure) : NULL;
}
