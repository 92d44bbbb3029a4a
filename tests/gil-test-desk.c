/* gil-test-desk.c — what the registration desk's interface tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "gil-desk-loket.h"
#include "gil-registration-page.h"
#include "gil-terms.h"
#include "gil-test-api.h"
#include "gil-test-desk.h"
#include "gil-test-ui.h"

/* Every room of a new database, as the page's room list has them. */
#define ROOMS 10

static gboolean
rooms_loaded (gpointer rooms)
{
  return g_list_model_get_n_items (G_LIST_MODEL (rooms)) == ROOMS;
}

void
gil_test_desk_set_up (GilTestDesk   *f,
                      gconstpointer  data)
{
  f->manager = gil_test_manager_start ();
  f->connection = gil_connection_new (gil_test_manager_get_url (f->manager),
                                      gil_test_manager_get_admin_token (f->manager));
  gil_connection_start_events (f->connection, GIL_CONNECTION_SINCE_NOTHING);
  f->rooms = gil_room_list_new (f->connection);
  g_autoptr(GilContext) context = gil_context_new (f->connection, f->rooms, NULL);
  f->page = gil_registration_page_new (context);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 760);
  gtk_window_set_child (f->window, f->page);
  gtk_window_present (f->window);
  gil_test_ui_wait (rooms_loaded, f->rooms, "the rooms");
}

/**
 * gil_test_desk_open_loket:
 * @desk: (out caller-allocates): the desk's station
 * @token: the station's
 * @name: the desk's loket ("Loket 2"), in settings of its own
 * @width: the window's, 740 high
 *
 * Opens a registration desk in a window titled @name and waits for its
 * rooms and its loket's name.
 */
void
gil_test_desk_open_loket (GilTestUiStation *desk,
                          const char       *url,
                          const char       *token,
                          const char       *name,
                          int               width)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  g_autoptr(GilContext) context = NULL;

  g_settings_set_string (settings, GIL_DESK_LOKET_KEY, name);
  desk->connection = gil_connection_new (url, token);
  gil_connection_start_events (desk->connection, GIL_CONNECTION_SINCE_NOTHING);
  desk->rooms = gil_room_list_new (desk->connection);
  context = gil_context_new (desk->connection, desk->rooms, settings);
  desk->page = gil_registration_page_new (context);
  desk->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (desk->window, name);
  gtk_window_set_default_size (desk->window, width, 740);
  gtk_window_set_child (desk->window, desk->page);
  gtk_window_present (desk->window);
  gil_test_ui_wait (rooms_loaded, desk->rooms, "the rooms");
  gil_test_ui_wait_label (desk->page, "loket_desk", name);
}

/* Registers the desk's chosen patient with Ctrl+Enter, on the Umum payer. */
void
gil_test_desk_press_register (GilTestUiStation *desk)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (gil_test_ui_get_named (desk->page, "payer_row")),
                              gil_test_desk_payer_index ("umum"));
  gtk_window_present (desk->window);
  gil_test_ui_type (GTK_WIDGET (desk->window), "ctrl+Return");
}

void
gil_test_desk_tear_down (GilTestDesk   *f,
                         gconstpointer  data)
{
  gil_test_ui_close_station (f->window, &f->rooms, f->connection);
  gil_test_manager_free (f->manager);
}

/* Waits until the keyboard focus is in @widget: where the clerk types
 * next. */
void
gil_test_desk_wait_focus (GilTestDesk *f,
                          GtkWidget   *widget,
                          const char  *what)
{
  gil_test_ui_wait_focus (f->window, widget, what);
}

/* A GilTestCondition: a field error of the registration page @data is
 * on show, with its message: the new-patient form's, the Register
 * button's or the NIK's (the NIK's note is an error when it has the
 * "field-error" style). */
gboolean
gil_test_desk_error_shown (gpointer data)
{
  static const char * const names[] = { "form_error", "register_error", "nik_note" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *label = gil_test_ui_find_named (data, names[i]);

      g_assert_nonnull (label);
      if (gtk_widget_has_css_class (label, "field-error") &&
          gtk_widget_get_mapped (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0')
        return TRUE;
    }
  return FALSE;
}

static guint
term_index (const char * const *terms,
            const char         *term)
{
  for (guint i = 0; terms[i] != NULL; i++)
    if (g_strcmp0 (terms[i], term) == 0)
      return i;
  g_assert_not_reached ();
}

/* The payer row's item for @payer, after "Belum dipilih". */
guint
gil_test_desk_payer_index (const char *payer)
{
  return term_index (gil_terms_payers (), payer) + 1;
}

/* The purpose row's item for @purpose. */
guint
gil_test_desk_purpose_index (const char *purpose)
{
  return term_index (gil_terms_purposes (), purpose);
}

/* Saves a patient (@body, the API's JSON) at the manager, as another desk
 * would have; returns the patient's id. */
gint64
gil_test_desk_add_patient (GilTestDesk *f,
                           const char  *body)
{
  guint status = 0;
  g_autoptr(JsonNode) patient = gil_test_api_call (gil_test_manager_get_url (f->manager),
                                                   gil_test_manager_get_admin_token (f->manager),
                                                   "POST", "/api/v1/patients", body, NULL, &status);

  g_assert_cmpuint (status, ==, 201);
  return json_object_get_int_member (gil_test_api_object (patient), "id");
}

/* The manager's reply to GET @path, as the admin; its status in @status. */
JsonNode *
gil_test_desk_get (GilTestDesk *f,
                   const char  *path,
                   guint       *status)
{
  return gil_test_api_call (gil_test_manager_get_url (f->manager),
                            gil_test_manager_get_admin_token (f->manager),
                            "GET", path, NULL, NULL, status);
}

static gboolean
first_result_is (gpointer data)
{
  GilTestExpect *e = data;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (e->widget), 0);

  return row != NULL &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), e->text) == 0;
}

/* Chooses the first patient the search finds for @query: @name, as the
 * clerk does with Enter in the search. */
void
gil_test_desk_choose (GilTestDesk *f,
                      const char  *query,
                      const char  *name)
{
  GtkWidget *search = gil_test_ui_get_named (f->page, "search_entry");
  GtkWidget *list = gil_test_ui_get_named (f->page, "results_list");
  GtkWidget *patient_label = gil_test_ui_get_named (f->page, "patient_label");
  GilTestExpect e;

  gtk_editable_set_text (GTK_EDITABLE (search), query);
  e = (GilTestExpect) { list, name };
  gil_test_ui_wait (first_result_is, &e, "the patient among the search results");
  g_signal_emit_by_name (search, "activate");
  e = (GilTestExpect) { patient_label, name };
  gil_test_ui_wait (gil_test_expect_label, &e, "the patient to be chosen");
}
