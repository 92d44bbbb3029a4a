/* gil-test-room.c — what the room page's interface tests share: stations
 * (a room page in a window on a real manager), finding and waiting for a
 * patient's row, pressing the page's buttons, the Send to… dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-test-api.h"
#include "gil-test-room.h"

static gboolean
rooms_loaded (gpointer data)
{
  GilTestStation *s = data;

  return g_list_model_get_n_items (G_LIST_MODEL (s->rooms)) == 10;
}

/* Opens a station on @room in a window of @width × @height. */
void
gil_test_room_open_at (GilTestRoomFixture *f,
                       GilTestStation     *s,
                       gint64              room,
                       int                 width,
                       int                 height)
{
  GtkWidget *header;

  s->connection = gil_connection_new (f->url, f->token);
  gil_connection_start_events (s->connection, GIL_CONNECTION_SINCE_NOTHING);
  s->rooms = gil_room_list_new (s->connection);
  g_autoptr(GilContext) context = gil_context_new (s->connection, s->rooms, NULL);
  s->page = gil_room_page_new (context, room);
  s->window = GTK_WINDOW (gtk_window_new ());
  header = gtk_header_bar_new ();
  s->menu = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (s->menu), gtk_popover_new ());
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), s->menu);
  gtk_window_set_titlebar (s->window, header);
  gtk_window_set_default_size (s->window, width, height);
  gtk_window_set_child (s->window, s->page);
  gtk_window_present (s->window);
  gil_test_ui_wait (rooms_loaded, s, "the rooms");
}

/* A station on the adults' room, in a wide window. */
void
gil_test_room_open (GilTestRoomFixture *f,
                    GilTestStation     *s)
{
  gil_test_room_open_at (f, s, f->room, 1366, 720);
}

/* Closes the station's window; its connection must go with it. */
void
gil_test_room_close (GilTestStation *s)
{
  gil_test_ui_close_station (s->window, &s->rooms, s->connection);
}

/* A manager on loopback with a temporary database. */
void
gil_test_room_set_up (GilTestRoomFixture *f,
                      gconstpointer       data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->token);
  f->room = gil_test_api_room_id (f->url, f->token, "K3-DEWASA");
}

void
gil_test_room_tear_down (GilTestRoomFixture *f,
                         gconstpointer       data)
{
  if (f->b.window != NULL)
    gil_test_room_close (&f->b);
  if (f->a.window != NULL)
    gil_test_room_close (&f->a);
  gil_test_manager_free (f->manager);
}

/* Registers an adult for the adults' room; returns the visit's id. */
gint64
gil_test_room_register_adult (GilTestRoomFixture *f,
                              const char         *name)
{
  g_autoptr(JsonNode) visit = gil_test_api_register (f->url, f->token, name, "1985-03-04", NULL);

  return json_object_get_int_member (gil_test_api_object (visit), "id");
}

/* The row of @ticket on @page, or NULL. */
GilStopRow *
gil_test_room_find_row (GtkWidget  *page,
                        const char *ticket)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *row = gil_test_ui_find_type (page, GIL_TYPE_STOP_ROW, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (gil_stop_item_get_ticket (gil_stop_row_get_item (GIL_STOP_ROW (row))), ticket) == 0)
        return GIL_STOP_ROW (row);
    }
}

typedef struct
{
  GtkWidget  *page;
  const char *ticket;
  const char *status;   /* NULL: the ticket is not listed */
} RowExpect;

static gboolean
row_has_status (gpointer data)
{
  RowExpect *e = data;
  GilStopRow *row = gil_test_room_find_row (e->page, e->ticket);

  if (e->status == NULL)
    return row == NULL;
  return row != NULL && g_strcmp0 (gil_stop_status_to_string (gil_stop_item_get_status (gil_stop_row_get_item (row))), e->status) == 0;
}

void
gil_test_room_wait_row (GtkWidget  *page,
                        const char *ticket,
                        const char *status)
{
  RowExpect e = { page, ticket, status };
  g_autofree char *what = g_strdup_printf ("%s to be %s", ticket, status != NULL ? status : "gone");

  gil_test_ui_wait (row_has_status, &e, what);
}

const char *
gil_test_room_selected_ticket (GtkWidget *page)
{
  GtkListBox *list = GTK_LIST_BOX (gil_test_ui_find_named (page, "queue_list"));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  if (row == NULL || !gtk_list_box_row_is_selected (row))
    return NULL;
  return gil_stop_item_get_ticket (gil_stop_row_get_item (GIL_STOP_ROW (row)));
}

void
gil_test_room_select_ticket (GtkWidget  *page,
                             const char *ticket)
{
  GtkListBox *list = GTK_LIST_BOX (gil_test_ui_find_named (page, "queue_list"));
  GilStopRow *row = gil_test_room_find_row (page, ticket);

  g_assert_nonnull (row);
  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
  g_assert_cmpstr (gil_test_room_selected_ticket (page), ==, ticket);
}

typedef struct
{
  GtkWidget *widget;
  gboolean   sensitive;
} SensitiveExpect;

static gboolean
is_sensitive (gpointer data)
{
  SensitiveExpect *e = data;

  return gtk_widget_get_sensitive (e->widget) == e->sensitive;
}

/* Waits until exactly the buttons named in @enabled can be pressed. */
void
gil_test_room_expect_buttons (GtkWidget          *page,
                              const char * const *enabled)
{
  static const char * const all[] = {
    "Panggil Berikutnya", "Panggil Pasien Ini", "Panggil Ulang", "Mulai Layani",
    "Selesai", "Kirim ke…", "Antrekan Kembali", "Lewati",
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      SensitiveExpect e = { gil_test_ui_find_button (page, all[i]), g_strv_contains (enabled, all[i]) };
      g_autofree char *what = g_strdup_printf ("“%s” to be %s with %s chosen", all[i],
                                               e.sensitive ? "enabled" : "disabled",
                                               gil_test_room_selected_ticket (page));

      g_assert_nonnull (e.widget);
      gil_test_ui_wait (is_sensitive, &e, what);
    }
}

void
gil_test_room_press (GtkWidget  *page,
                     const char *label)
{
  gil_test_ui_press_button (page, label, GIL_TEST_UI_PRESS_CLICK);
}

/* Presses the button @label of @page and waits until the row of @ticket
 * has the style of @status: "called", "serving", … */
void
gil_test_room_act (GtkWidget  *page,
                   const char *label,
                   const char *ticket,
                   const char *status)
{
  gil_test_room_press (page, label);
  gil_test_room_wait_row (page, ticket, status);
}

/* The first label under @root (on show, if @shown_only) whose text
 * starts with @prefix, or NULL. */
static GtkWidget *
find_label_starting (GtkWidget  *root,
                     const char *prefix,
                     gboolean    shown_only)
{
  for (guint i = 0;; i++)
    {
      GtkWidget *label = gil_test_ui_find_type (root, GTK_TYPE_LABEL, i);

      if (label == NULL)
        return NULL;
      if ((!shown_only || gtk_widget_is_visible (label)) &&
          g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), prefix))
        return label;
    }
}

GtkWidget *
gil_test_room_label_starting (GtkWidget  *root,
                              const char *prefix)
{
  return find_label_starting (root, prefix, FALSE);
}

typedef struct
{
  GtkWidget  *root;
  const char *prefix;
  gboolean    gone;   /* wait for no such label on show, not for one */
} PrefixExpect;

static gboolean
prefix_as_expected (gpointer data)
{
  PrefixExpect *e = data;

  if (e->gone)
    return find_label_starting (e->root, e->prefix, TRUE) == NULL;
  return find_label_starting (e->root, e->prefix, FALSE) != NULL;
}

static void
wait_prefix (GtkWidget  *root,
             const char *prefix,
             gboolean    gone,
             const char *what)
{
  PrefixExpect e = { root, prefix, gone };

  gil_test_ui_wait (prefix_as_expected, &e, what);
}

/* Waits until a label under @root starts with @prefix. */
void
gil_test_room_wait_label (GtkWidget  *root,
                          const char *prefix)
{
  g_autofree char *what = g_strdup_printf ("a label “%s…”", prefix);

  wait_prefix (root, prefix, FALSE, what);
}

/* Waits until no label on show under @root starts with @prefix. */
void
gil_test_room_wait_label_gone (GtkWidget  *root,
                               const char *prefix)
{
  g_autofree char *what = g_strdup_printf ("no label “%s…” on show", prefix);

  wait_prefix (root, prefix, TRUE, what);
}

typedef struct
{
  GtkWidget  *page;
  const char *ticket;
  const char *text;
} RowSays;

static gboolean
row_says (gpointer data)
{
  RowSays *e = data;
  GilStopRow *row = gil_test_room_find_row (e->page, e->ticket);

  return gil_test_ui_find_label_containing (GTK_WIDGET (row), e->text, NULL) != NULL;
}

/* Waits until the row of @ticket on @page has a label on show with
 * @text in it. */
void
gil_test_room_wait_row_says (GtkWidget  *page,
                             const char *ticket,
                             const char *text)
{
  RowSays e = { page, ticket, text };
  g_autofree char *what = g_strdup_printf ("the row of %s to say “%s”", ticket, text);

  gil_test_ui_wait (row_says, &e, what);
}

/* Ticks "Comes back to this room afterwards" as a click does. */
void
gil_test_room_tick_return (GtkWidget *dialog)
{
  GtkWidget *label = gil_test_ui_find_label (dialog, "Kembali ke ruang ini sesudahnya");
  GtkWidget *check = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_CHECK_BUTTON) : NULL;

  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_activate (check));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

/* The Send to… dialog's list of rooms. */
static GtkListBox *
room_choice (GtkWidget *dialog)
{
  return GTK_LIST_BOX (gil_test_ui_find_named (dialog, "rooms"));
}

/* Whether a room's radio button is on. */
static gboolean
room_chosen (GtkWidget *dialog)
{
  GtkWidget *check;

  for (guint i = 0; (check = gil_test_ui_find_type (GTK_WIDGET (room_choice (dialog)),
                                                   GTK_TYPE_CHECK_BUTTON, i)) != NULL; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      return TRUE;
  return FALSE;
}

/* Chooses the room named @name in the Send to… dialog as a click or
 * Enter on its row does: nothing is chosen before, and "Send" can be
 * pressed only after. */
void
gil_test_room_choose_room (GtkWidget  *dialog,
                           const char *name)
{
  GtkWidget *label = gil_test_ui_find_label (dialog, name);
  GtkWidget *row;

  g_assert_false (room_chosen (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (room_chosen (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
}

/**
 * gil_test_room_answer_home:
 * @s: (nullable): the station whose keyboard answers; %NULL to press the
 *   dialog's "Finish" response instead
 *
 * Waits for "Visit Outcome", which "Finish" on a visit's last stop asks,
 * and answers it with the choice it starts with, Home: by Enter on @s's
 * display, or by the response.
 */
void
gil_test_room_answer_home (GilTestStation *s)
{
  GtkWidget *dialog;

  gil_test_ui_wait (gil_test_ui_dialog_shown, NULL, "the Visit Outcome dialog");
  dialog = gil_test_ui_find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Hasil Kunjungan");
  if (s != NULL)
    gil_test_ui_type (dialog, "Return");
  else
    {
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "finish");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  gil_test_ui_wait (gil_test_ui_dialog_gone, NULL, "the Visit Outcome dialog to close");
}

static gboolean
focus_in_page (gpointer data)
{
  GilTestStation *s = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (s->window));

  return focus != NULL && gtk_widget_is_ancestor (focus, s->page);
}

/* Presses @keys on @s's window as the nurse would, once the keyboard
 * focus is back in the page after what was done before: GTK drops it
 * from a button made insensitive and from a row made again. */
void
gil_test_room_type_keys (GilTestStation *s,
                         const char     *keys)
{
  g_autofree char *what = g_strdup_printf ("the keyboard focus in the room page before %s", keys);

  gil_test_ui_wait (focus_in_page, s, what);
  gil_test_ui_type (GTK_WIDGET (s->window), keys);
}
