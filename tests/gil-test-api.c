/* gil-test-api.c — plain HTTP calls to a manager, for the API tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "gil-test-api.h"

/**
 * gil_test_api_prepare:
 * @token: (nullable): sent as a Bearer token
 * @key: (nullable): an Idempotency-Key
 * @body: (nullable): JSON text, of @body_length bytes
 *
 * Gives @msg what a station's request carries.
 */
void
gil_test_api_prepare (SoupMessage *msg,
                      const char  *token,
                      const char  *key,
                      const char  *body,
                      gsize        body_length)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
}

static GTlsCertificate *trusted;

/**
 * gil_test_api_trust:
 * @pem: the manager's certificate (giliran-tls.pem beside its database)
 *
 * Calls to an https:// manager accept this certificate, and no other.
 */
void
gil_test_api_trust (const char *pem)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&trusted);
  trusted = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
}

static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  return trusted != NULL && g_tls_certificate_is_same (certificate, trusted);
}

static GBytes *
send (const char  *url,
      const char  *token,
      const char  *method,
      const char  *path,
      const char  *body,
      const char  *key,
      guint       *status,
      char       **content_type)
{
  static SoupSession *session;
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 30, NULL);

  g_assert_nonnull (msg);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), NULL);
  gil_test_api_prepare (msg, token, key, body, body != NULL ? strlen (body) : 0);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  *content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                                   NULL));
  return reply;
}

/**
 * gil_test_api_get_text:
 * @content_type: (out): the reply's media type
 *
 * Returns: (transfer full): the reply's body, as text
 */
char *
gil_test_api_get_text (const char  *url,
                       const char  *token,
                       const char  *path,
                       guint       *status,
                       char       **content_type)
{
  g_autoptr(GBytes) reply = send (url, token, "GET", path, NULL, NULL, status, content_type);
  gsize length;
  const char *data = g_bytes_get_data (reply, &length);

  return g_strndup (data, length);
}

/**
 * gil_test_api_call:
 * @token: (nullable): sent as a Bearer token
 * @body: (nullable): JSON text
 * @key: (nullable): an Idempotency-Key
 * @status: (out): the HTTP status
 *
 * Returns: (transfer full) (nullable): the parsed reply
 */
JsonNode *
gil_test_api_call (const char *url,
                   const char *token,
                   const char *method,
                   const char *path,
                   const char *body,
                   const char *key,
                   guint      *status)
{
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) reply = send (url, token, method, path, body, key, status, &content_type);
  g_autoptr(GError) error = NULL;
  gsize length;

  if (g_bytes_get_size (reply) == 0)
    return NULL;
  g_assert_cmpstr (content_type, ==, "application/json");
  {
    const char *data = g_bytes_get_data (reply, &length);
    g_autofree char *text = g_strndup (data, length);
    JsonNode *node = json_from_string (text, &error);

    g_assert_no_error (error);
    return node;
  }
}

/**
 * gil_test_api_expect:
 *
 * Like gil_test_api_call(), but fails the test, showing the reply, unless
 * its status is @expected.
 *
 * Returns: (transfer full) (nullable): the parsed reply
 */
JsonNode *
gil_test_api_expect (const char *url,
                     const char *token,
                     const char *method,
                     const char *path,
                     const char *body,
                     const char *key,
                     guint       expected)
{
  guint status = 0;
  JsonNode *reply = gil_test_api_call (url, token, method, path, body, key, &status);

  if (status != expected)
    {
      g_autofree char *text = reply != NULL ? json_to_string (reply, FALSE) : g_strdup ("");

      g_error ("%s %s: status %u, expected %u: %s", method, path, status, expected, text);
    }
  return reply;
}

/**
 * gil_test_api_count_patients:
 * @query: what the desk's search is given (plain letters and digits)
 *
 * Returns: how many patients GET /patients?q=@query finds
 */
guint
gil_test_api_count_patients (const char *url,
                             const char *token,
                             const char *query)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/patients?q=%s", query);
  g_autoptr(JsonNode) found = gil_test_api_expect (url, token, "GET", path, NULL, NULL, 200);

  return json_array_get_length (json_node_get_array (found));
}

/**
 * gil_test_api_expect_error:
 * @expected: the HTTP status the error comes with
 * @code: the reply's error code, as "invalid-field"
 *
 * Calls the API as gil_test_api_expect() and fails the test unless the
 * reply is the error @code with the status @expected.
 */
void
gil_test_api_expect_error (const char *url,
                           const char *token,
                           const char *method,
                           const char *path,
                           const char *body,
                           guint       expected,
                           const char *code)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (url, token, method, path, body, NULL, expected);

  g_assert_cmpstr (gil_test_api_error (reply), ==, code);
}

JsonObject *
gil_test_api_object (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/**
 * gil_test_api_error:
 *
 * Returns: the error code of an error reply, checking its shape
 */
const char *
gil_test_api_error (JsonNode *node)
{
  JsonObject *error = json_object_get_object_member (gil_test_api_object (node), "error");

  g_assert_nonnull (error);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 0);
  return json_object_get_string_member (error, "code");
}

gint64
gil_test_api_room_id (const char *url,
                      const char *token,
                      const char *code)
{
  g_autoptr(JsonNode) rooms = NULL;
  JsonArray *array;
  guint status;

  rooms = gil_test_api_call (url, token, "GET", "/api/v1/rooms", NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  array = json_node_get_array (rooms);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *room = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (room, "code"), code))
        return json_object_get_int_member (room, "id");
    }
  g_assert_not_reached ();
}

/**
 * gil_test_api_pair:
 * @role: registration, room, display or head
 * @rooms: the room ids, comma-separated, for the JSON array
 *
 * Pairs a new station as an admin and a station PC do.
 *
 * Returns: (transfer full): the station's token
 */
char *
gil_test_api_pair (const char *url,
                   const char *admin_token,
                   const char *role,
                   const char *rooms)
{
  g_autofree char *name = g_strdup_printf ("Perangkat %s", role);

  return gil_test_api_pair_named (url, admin_token, role, rooms, name);
}

/**
 * gil_test_api_pair_named:
 * @name: the station's name, as the audit trail will show it
 *
 * Like gil_test_api_pair().
 */
char *
gil_test_api_pair_named (const char *url,
                         const char *admin_token,
                         const char *role,
                         const char *rooms,
                         const char *name)
{
  g_autofree char *code_body = g_strdup_printf ("{\"role\":\"%s\",\"rooms\":[%s]}", role, rooms);
  g_autofree char *pair_body = NULL;
  g_autoptr(JsonNode) code = NULL;
  g_autoptr(JsonNode) paired = NULL;
  guint status = 0;

  code = gil_test_api_call (url, admin_token, "POST", "/api/v1/pairing-codes", code_body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpuint (strlen (json_object_get_string_member (gil_test_api_object (code), "code")), ==, 6);
  g_assert_true (json_object_has_member (gil_test_api_object (code), "expires_at"));
  pair_body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"%s\",\"role\":\"%s\"}",
                               json_object_get_string_member (gil_test_api_object (code), "code"),
                               name, role);
  paired = gil_test_api_call (url, NULL, "POST", "/api/v1/pair", pair_body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (gil_test_api_object (paired), "station"),
                                                  "role"), ==, role);
  return g_strdup (json_object_get_string_member (gil_test_api_object (paired), "token"));
}

/* Pairs each of @stations' stations. */
void
gil_test_api_pair_stations (const char      *url,
                            const char      *admin_token,
                            GilTestStations *stations)
{
  g_autofree char *lansia_rooms = NULL;
  g_autofree char *lab_rooms = NULL;

  stations->lansia_id = gil_test_api_room_id (url, admin_token, "K3-LANSIA");
  stations->lab_id = gil_test_api_room_id (url, admin_token, "LK-LAB");
  lansia_rooms = g_strdup_printf ("%" G_GINT64_FORMAT, stations->lansia_id);
  lab_rooms = g_strdup_printf ("%" G_GINT64_FORMAT, stations->lab_id);
  stations->desk = gil_test_api_pair_named (url, admin_token, "registration", "", "Meja Pendaftaran 1");
  stations->lansia = gil_test_api_pair_named (url, admin_token, "room", lansia_rooms, "PC Ruang Lansia");
  stations->lab = gil_test_api_pair_named (url, admin_token, "room", lab_rooms, "PC Laboratorium");
}

void
gil_test_api_clear_stations (GilTestStations *stations)
{
  g_clear_pointer (&stations->desk, g_free);
  g_clear_pointer (&stations->lansia, g_free);
  g_clear_pointer (&stations->lab, g_free);
}

/* Starts @f's manager and pairs its stations. */
void
gil_test_paired_set_up (GilTestPaired *f,
                        gconstpointer  data)
{
  f->manager = gil_test_manager_start_api (&f->url, &f->admin);
  gil_test_api_pair_stations (f->url, f->admin, &f->stations);
}

void
gil_test_paired_tear_down (GilTestPaired *f,
                           gconstpointer  data)
{
  gil_test_api_clear_stations (&f->stations);
  gil_test_manager_free (f->manager);
}

/**
 * gil_test_api_call_next:
 *
 * Calls the next patient of the room with @room_code.
 *
 * Returns: (transfer full): the stop called
 */
JsonObject *
gil_test_api_call_next (const char *url,
                        const char *token,
                        const char *room_code)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next",
                                           gil_test_api_room_id (url, token, room_code));
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = gil_test_api_call (url, token, "POST", path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_object_get_object_member (gil_test_api_object (reply), "stop"));
}

/**
 * gil_test_api_stop_action:
 * @verb: recall, start, finish, skip or requeue
 */
void
gil_test_api_stop_action (const char *url,
                          const char *token,
                          gint64      stop,
                          const char *verb)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/stops/%" G_GINT64_FORMAT "/%s", stop, verb);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = gil_test_api_call (url, token, "POST", path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

/**
 * gil_test_api_create_patient:
 * @key: (nullable): an Idempotency-Key
 * @expected: the HTTP status the test expects (201 when it is created)
 *
 * Adds a patient with only a name, a birth date and a sex.
 *
 * Returns: the new patient's id; 0 when @expected is not 201
 */
gint64
gil_test_api_create_patient (const char *url,
                             const char *token,
                             const char *name,
                             const char *birth_date,
                             const char *sex,
                             const char *key,
                             guint       expected)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\"}",
                                           name, birth_date, sex);
  g_autoptr(JsonNode) patient = gil_test_api_expect (url, token, "POST", "/api/v1/patients", body, key,
                                                     expected);

  if (expected != 201)
    return 0;
  return json_object_get_int_member (gil_test_api_object (patient), "id");
}

/**
 * gil_test_api_first_stop:
 * @visit: a visit as the API writes it
 *
 * Returns: the id of @visit's first stop
 */
gint64
gil_test_api_first_stop (JsonNode *visit)
{
  JsonArray *stops = json_object_get_array_member (gil_test_api_object (visit), "stops");

  g_assert_nonnull (stops);
  g_assert_cmpuint (json_array_get_length (stops), >, 0);
  return json_object_get_int_member (json_array_get_object_element (stops, 0), "id");
}

/**
 * gil_test_api_register:
 * @extra: more members of the visit, starting with a comma, or NULL
 *
 * Adds a patient and registers a sick visit for them, as a desk would.
 *
 * Returns: (transfer full): the visit
 */
JsonNode *
gil_test_api_register (const char *url,
                       const char *token,
                       const char *name,
                       const char *birth_date,
                       const char *extra)
{
  gint64 patient = gil_test_api_create_patient (url, token, name, birth_date, "M", NULL, 201);
  g_autofree char *visit_body = NULL;
  JsonNode *visit;
  guint status = 0;

  visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                "\"signs\":[],\"pregnant\":false,\"payer\":\"bpjs\"%s}",
                                patient, extra != NULL ? extra : "");
  visit = gil_test_api_call (url, token, "POST", "/api/v1/visits", visit_body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  return visit;
}

/**
 * gil_test_api_health_seq:
 *
 * Returns: the manager's last event seq, from GET /api/v1/health
 */
gint64
gil_test_api_health_seq (const char *url)
{
  g_autoptr(JsonObject) health = gil_test_api_health (url, NULL);

  return json_object_get_int_member (health, "seq");
}

/**
 * gil_test_api_health_day:
 *
 * Returns: (transfer full): the manager's service day, from GET
 *   /api/v1/health
 */
char *
gil_test_api_health_day (const char *url)
{
  g_autoptr(JsonObject) health = gil_test_api_health (url, NULL);

  return g_strdup (json_object_get_string_member (health, "day"));
}

/**
 * gil_test_api_health:
 * @token: (nullable): sent as a Bearer token
 *
 * Returns: (transfer full): GET /api/v1/health's reply, which must be 200
 */
JsonObject *
gil_test_api_health (const char *url,
                     const char *token)
{
  g_autoptr(JsonNode) reply = gil_test_api_expect (url, token, "GET", "/api/v1/health", NULL, NULL, 200);

  return json_object_ref (gil_test_api_object (reply));
}

/**
 * gil_test_api_years_ago:
 *
 * Returns: (transfer full): the date exactly @years years before today,
 *   as the API writes birth dates ("1996-12-04")
 */
char *
gil_test_api_years_ago (guint years)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_subtract_years (&date, years);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          g_date_get_month (&date), g_date_get_day (&date));
}

/**
 * gil_test_api_expect_refusals:
 * @refusals: (array length=n_refusals): the calls, made in this order
 *
 * Makes each call as gil_test_api_expect_error() does: each must be
 * refused with its status and code.
 */
void
gil_test_api_expect_refusals (const char           *url,
                              const char           *token,
                              const GilTestRefusal *refusals,
                              gsize                 n_refusals)
{
  for (gsize i = 0; i < n_refusals; i++)
    gil_test_api_expect_error (url, token, refusals[i].method, refusals[i].path, refusals[i].body,
                               refusals[i].status, refusals[i].code);
}

/**
 * gil_test_api_loket_order:
 * @token: a station's that may read the loket's tickets
 *
 * Returns: (transfer full) (element-type utf8): the waiting tickets'
 *   numbers, in the order the manager will call them
 */
GPtrArray *
gil_test_api_loket_order (const char *url,
                          const char *token)
{
  g_autoptr(JsonNode) list = gil_test_api_expect (url, token, "GET", "/api/v1/loket/tickets", NULL, NULL, 200);
  JsonArray *waiting = json_object_get_array_member (gil_test_api_object (list), "waiting");
  GPtrArray *order = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (waiting); i++)
    g_ptr_array_add (order, g_strdup (json_object_get_string_member (json_array_get_object_element (waiting, i),
                                                                     "ticket")));
  return order;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  return (*(const gint64 *)a > *(const gint64 *)b) - (*(const gint64 *)a < *(const gint64 *)b);
}

/* Sorts @values (element-type gint64) from the smallest. */
void
gil_test_sort_int64 (GArray *values)
{
  g_array_sort (values, compare_int64);
}

/**
 * gil_test_nearest_rank:
 * @sorted: (element-type gint64): not empty, from the smallest
 * @percent: 1 to 100
 *
 * Returns: the @percent-th percentile of @sorted by nearest rank, as the
 *   manager's reports count it
 */
gint64
gil_test_nearest_rank (GArray *sorted,
                       guint   percent)
{
  guint rank = (sorted->len * percent + 99) / 100;

  return g_array_index (sorted, gint64, MAX (rank, 1) - 1);
}
