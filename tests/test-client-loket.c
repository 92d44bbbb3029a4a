/* test-client-loket.c — the loket's typed calls against the real manager:
 * series and tickets from a kiosk, the desk's list, call-next, recall and
 * skip, a visit registered with its ticket, the loket events typed, and
 * the errors a desk and a kiosk meet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-api-error.h"
#include "gil-connection-loket.h"
#include "gil-connection-patients.h"
#include "gil-connection-reports.h"
#include "gil-connection-visits.h"
#include "gil-patient-draft.h"
#include "gil-queue-event.h"
#include "gil-test-api.h"
#include "gil-test-client.h"
#include "gil-test-loop.h"

typedef struct
{
  GilTestClient  client;   /* as a paired registration desk */
  char          *kiosk_token;
  GilConnection *kiosk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gil_test_client_set_up (&f->client, NULL, "registration", "");
  f->kiosk_token = gil_test_api_pair (f->client.url, f->client.admin, "kiosk", "");
  f->kiosk = gil_connection_new (f->client.url, f->kiosk_token);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->kiosk));
  g_free (f->kiosk_token);
  gil_test_client_tear_down (&f->client);
}

/* ── waiting for a call ────────────────────────────────────────────── */

static GPtrArray *
list_series (GilConnection  *connection,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_list_loket_series_async (connection, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_list_loket_series_finish (connection, gil_test_client_wait (&result, "the series"), error);
}

static GilLoketTicket *
take (GilConnection  *connection,
      const char     *series,
      const char     *key,
      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_take_loket_ticket_async (connection, series, key, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_take_loket_ticket_finish (connection, gil_test_client_wait (&result, "a ticket"), error);
}

static gboolean
list_day (GilConnection  *connection,
          GPtrArray     **called,
          GPtrArray     **waiting,
          GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_list_loket_tickets_async (connection, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_list_loket_tickets_finish (connection, gil_test_client_wait (&result, "the day's list"),
                                                   called, waiting, error);
}

static GilLoketTicket *
call_next (GilConnection  *connection,
           const char     *desk,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gil_connection_call_next_loket_async (connection, desk, NULL, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_call_next_loket_finish (connection, gil_test_client_wait (&result, "a call"), error);
}

static GilLoketTicket *
act (GilConnection  *connection,
     gint64          ticket,
     gboolean        skip,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (skip)
    {
      gil_connection_skip_loket_ticket_async (connection, ticket, NULL, NULL, gil_test_loop_keep_result, &result);
      return gil_connection_skip_loket_ticket_finish (connection, gil_test_client_wait (&result, "a skip"), error);
    }
  gil_connection_recall_loket_ticket_async (connection, ticket, NULL, NULL, gil_test_loop_keep_result, &result);
  return gil_connection_recall_loket_ticket_finish (connection, gil_test_client_wait (&result, "a recall"), error);
}

static GilVisit *
register_with (Fixture  *f,
               gint64    loket,
               GError  **error)
{
  g_autoptr(GilPatientDraft) patient_draft = gil_patient_draft_new ();
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GilVisitDraft) draft = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) visit_result = NULL;

  gil_patient_draft_set_name (patient_draft, "Lalu Ahmad");
  gil_patient_draft_set_birth_date (patient_draft, "1975-03-04");
  gil_patient_draft_set_sex (patient_draft, "M");
  gil_connection_create_patient_async (f->client.connection, patient_draft, NULL, NULL,
                                       gil_test_loop_keep_result, &result);
  patient = gil_connection_create_patient_finish (f->client.connection,
                                                  gil_test_client_wait (&result, "a patient"), NULL);
  g_assert_nonnull (patient);
  draft = gil_visit_draft_new (gil_patient_get_id (patient));
  gil_visit_draft_set_purpose (draft, "sick");
  gil_visit_draft_set_payer (draft, "umum");
  gil_visit_draft_set_loket_ticket (draft, loket);
  gil_connection_register_visit_async (f->client.connection, draft, NULL, NULL,
                                       gil_test_loop_keep_result, &visit_result);
  return gil_connection_register_visit_finish (f->client.connection,
                                               gil_test_client_wait (&visit_result, "a visit"), error);
}

/* ── tests ─────────────────────────────────────────────────────────── */

/* The kiosk's calls: the series, field by field; a ticket with how many
 * are ahead; the same key gives the same ticket. */
static void
test_kiosk (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = list_series (f->kiosk, &error);
  g_autoptr(GilLoketTicket) a1 = NULL;
  g_autoptr(GilLoketTicket) p1 = NULL;
  g_autoptr(GilLoketTicket) again = NULL;
  GilLoketSeries *a;
  GilLoketSeries *p;

  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 3);
  a = series->pdata[0];
  g_assert_cmpstr (gil_loket_series_get_code (a), ==, "A");
  g_assert_cmpstr (gil_loket_series_get_name (a), ==, "BPJS");
  g_assert_false (gil_loket_series_get_priority (a));
  g_assert_cmpuint (gil_loket_series_get_position (a), ==, 1);
  g_assert_true (gil_loket_series_get_active (a));
  g_assert_cmpstr (gil_loket_series_get_name (series->pdata[1]), ==, "Umum");
  p = series->pdata[2];
  g_assert_cmpstr (gil_loket_series_get_code (p), ==, "P");
  g_assert_true (gil_loket_series_get_priority (p));

  a1 = take (f->kiosk, "A", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_loket_ticket_get_id (a1), >, 0);
  g_assert_cmpstr (gil_loket_ticket_get_ticket (a1), ==, "A-001");
  g_assert_cmpstr (gil_loket_ticket_get_series (a1), ==, "A");
  g_assert_cmpuint (gil_loket_ticket_get_number (a1), ==, 1);
  g_assert_cmpstr (gil_loket_ticket_get_status (a1), ==, "waiting");
  g_assert_false (gil_loket_ticket_get_priority (a1));
  g_assert_nonnull (gil_loket_ticket_get_taken_at (a1));
  g_assert_null (gil_loket_ticket_get_called_at (a1));
  g_assert_null (gil_loket_ticket_get_desk (a1));
  g_assert_cmpuint (gil_loket_ticket_get_calls (a1), ==, 0);
  g_assert_cmpint (gil_loket_ticket_get_visit (a1), ==, 0);
  g_assert_cmpuint (gil_loket_ticket_get_ahead (a1), ==, 0);
  g_assert_nonnull (gil_loket_ticket_get_day (a1));

  p1 = take (f->kiosk, "P", "press-7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_loket_ticket_get_ticket (p1), ==, "P-001");
  g_assert_true (gil_loket_ticket_get_priority (p1));
  g_assert_cmpuint (gil_loket_ticket_get_ahead (p1), ==, 0);   /* before A-001 */
  again = take (f->kiosk, "P", "press-7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_loket_ticket_get_id (again), ==, gil_loket_ticket_get_id (p1));

  /* No such series; and a kiosk may not call. */
  g_assert_null (take (f->kiosk, "Z", NULL, &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (call_next (f->kiosk, "Loket 1", &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_FORBIDDEN);
}

typedef struct
{
  GPtrArray *events;   /* element-type GilQueueEvent: the loket's */
} Heard;

static void
on_event_cb (GilConnection *connection,
             GilQueueEvent *event,
             Heard         *heard)
{
  if (g_str_has_prefix (gil_queue_event_get_event_type (event), "loket."))
    g_ptr_array_add (heard->events, g_object_ref (event));
}

static gboolean
heard_five (gpointer data)
{
  return ((Heard *)data)->events->len >= 5;
}

static gboolean
is_online (gpointer data)
{
  return gil_connection_get_online (data);
}

/* The desk's calls, in order, and the events they make, typed. */
static void
test_desk (Fixture       *f,
           gconstpointer  data)
{
  static const char * const types[] = {
    "loket.taken", "loket.taken", "loket.called", "loket.recalled", "loket.registered",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) b1 = NULL;
  g_autoptr(GilLoketTicket) b2 = NULL;
  g_autoptr(GilLoketTicket) called = NULL;
  g_autoptr(GilLoketTicket) recalled = NULL;
  g_autoptr(GilLoketTicket) skipped = NULL;
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  Heard heard = { g_ptr_array_new_with_free_func (g_object_unref) };
  Heard shown = { g_ptr_array_new_with_free_func (g_object_unref) };
  g_autofree char *display_token = gil_test_api_pair (f->client.url, f->client.admin, "display", "");
  g_autoptr(GilConnection) display = gil_connection_new (f->client.url, display_token);
  GilLoketTicket *loket;

  g_signal_connect (f->client.connection, "queue-event", G_CALLBACK (on_event_cb), &heard);
  gil_connection_start_events (f->client.connection, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, f->client.connection, GIL_TEST_CLIENT_WAIT_MS, "online");
  /* A waiting-room display hears the loket's calls too. */
  g_signal_connect (display, "queue-event", G_CALLBACK (on_event_cb), &shown);
  gil_connection_start_events (display, GIL_CONNECTION_SINCE_NOTHING);
  gil_test_loop_wait_until (is_online, display, GIL_TEST_CLIENT_WAIT_MS, "the display online");

  b1 = take (f->kiosk, "B", NULL, &error);
  g_assert_no_error (error);
  b2 = take (f->client.connection, "B", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gil_loket_ticket_get_ahead (b2), ==, 1);

  g_assert_true (list_day (f->client.connection, &calls, &waiting, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_cmpstr (gil_loket_ticket_get_ticket (waiting->pdata[0]), ==, "B-001");
  g_assert_cmpstr (gil_loket_ticket_get_ticket (waiting->pdata[1]), ==, "B-002");
  g_assert_cmpuint (gil_loket_ticket_get_ahead (waiting->pdata[1]), ==, 1);
  g_clear_pointer (&calls, g_ptr_array_unref);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  called = call_next (f->client.connection, "Loket 2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_loket_ticket_get_ticket (called), ==, "B-001");
  g_assert_cmpstr (gil_loket_ticket_get_status (called), ==, "called");
  g_assert_cmpstr (gil_loket_ticket_get_desk (called), ==, "Loket 2");
  g_assert_nonnull (gil_loket_ticket_get_called_at (called));
  g_assert_cmpuint (gil_loket_ticket_get_calls (called), ==, 1);

  recalled = act (f->client.connection, gil_loket_ticket_get_id (called), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gil_loket_ticket_get_calls (recalled), ==, 2);

  g_assert_true (list_day (f->client.connection, &calls, &waiting, &error));
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpuint (waiting->len, ==, 1);

  /* Registered with it: the visit carries the ticket and its times. */
  visit = register_with (f, gil_loket_ticket_get_id (called), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gil_visit_get_loket_id (visit), ==, gil_loket_ticket_get_id (called));
  g_assert_cmpstr (gil_visit_get_loket_ticket (visit), ==, "B-001");
  g_assert_cmpstr (gil_visit_get_loket_desk (visit), ==, "Loket 2");
  g_assert_true (g_date_time_equal (gil_visit_get_loket_taken_at (visit), gil_loket_ticket_get_taken_at (b1)));
  g_assert_true (g_date_time_equal (gil_visit_get_loket_called_at (visit),
                                    gil_loket_ticket_get_called_at (called)));

  gil_test_loop_wait_until (heard_five, &heard, GIL_TEST_CLIENT_WAIT_MS, "the loket's events");
  gil_test_loop_wait_until (heard_five, &shown, GIL_TEST_CLIENT_WAIT_MS, "the display's loket events");
  g_assert_cmpstr (gil_queue_event_get_event_type (shown.events->pdata[2]), ==, "loket.called");
  g_assert_cmpstr (gil_loket_ticket_get_desk (gil_queue_event_get_loket (shown.events->pdata[2])), ==, "Loket 2");
  gil_connection_stop_events (display);
  g_signal_handlers_disconnect_by_func (display, on_event_cb, &shown);
  g_ptr_array_unref (shown.events);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_cmpstr (gil_queue_event_get_event_type (heard.events->pdata[i]), ==, types[i]);
  loket = gil_queue_event_get_loket (heard.events->pdata[2]);
  g_assert_nonnull (loket);
  g_assert_cmpstr (gil_loket_ticket_get_ticket (loket), ==, "B-001");
  g_assert_cmpstr (gil_loket_ticket_get_desk (loket), ==, "Loket 2");
  g_assert_cmpstr (gil_loket_ticket_get_status (loket), ==, "called");
  g_assert_nonnull (gil_loket_ticket_get_called_at (loket));
  g_assert_cmpuint (gil_queue_event_get_room (heard.events->pdata[2]), ==, 0);
  g_assert_null (gil_queue_event_get_stop (heard.events->pdata[2]));
  loket = gil_queue_event_get_loket (heard.events->pdata[4]);
  g_assert_cmpstr (gil_loket_ticket_get_status (loket), ==, "registered");
  g_assert_cmpint (gil_loket_ticket_get_visit (loket), ==, gil_visit_get_id (visit));

  /* Used: a stale skip is refused; the second is skipped; then nobody. */
  g_assert_null (act (f->client.connection, gil_loket_ticket_get_id (called), TRUE, &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_INVALID_TRANSITION);
  g_clear_error (&error);
  g_clear_object (&called);
  called = call_next (f->client.connection, "Loket 1", &error);
  g_assert_no_error (error);
  skipped = act (f->client.connection, gil_loket_ticket_get_id (called), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gil_loket_ticket_get_status (skipped), ==, "skipped");
  g_assert_null (call_next (f->client.connection, "Loket 1", &error));
  g_assert_error (error, GIL_API_ERROR, GIL_API_ERROR_QUEUE_EMPTY);

  /* The day's report has the wait before the desk: seconds here, so 0
   * minutes, not "none". */
  {
    g_autoptr(GilConnection) head = gil_connection_new (f->client.url, f->client.admin);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GilDailyReport) report = NULL;
    g_autofree char *today = gil_test_client_dup_day (&f->client);

    g_clear_error (&error);
    gil_connection_get_daily_report_async (head, today, NULL, gil_test_loop_keep_result, &result);
    report = gil_connection_get_daily_report_finish (head, gil_test_client_wait (&result, "the report"), &error);
    g_assert_no_error (error);
    g_assert_cmpint (gil_daily_report_get_loket_wait_p50_minutes (report), ==, 0);
    g_assert_cmpint (gil_daily_report_get_loket_wait_p90_minutes (report), ==, 0);
    g_clear_object (&report);
    g_clear_object (&result);
    gil_connection_get_daily_report_async (head, "2020-01-01", NULL, gil_test_loop_keep_result, &result);
    report = gil_connection_get_daily_report_finish (head, gil_test_client_wait (&result, "the report"), &error);
    g_assert_no_error (error);
    g_assert_cmpint (gil_daily_report_get_loket_wait_p50_minutes (report), ==, -1);
  }

  gil_connection_stop_events (f->client.connection);
  g_signal_handlers_disconnect_by_func (f->client.connection, on_event_cb, &heard);
  while (heard.events->len > 0)
    g_assert_finalize_object (g_ptr_array_steal_index (heard.events, heard.events->len - 1));
  g_ptr_array_unref (heard.events);
  g_assert_finalize_object (g_steal_pointer (&skipped));
  g_assert_finalize_object (g_steal_pointer (&visit));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/giliran/client/loket/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("kiosk", test_kiosk);
  ADD ("desk", test_desk);
#undef ADD
  return g_test_run ();
}
