/* gil-bench-http.c — requests to the manager, as the app sends them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "gil-bench.h"

static SoupSession *session;

void
gil_bench_http_open (void)
{
  session = soup_session_new_with_options ("timeout", 60, "max-conns", 100, "max-conns-per-host", 100, NULL);
}

void
gil_bench_http_close (void)
{
  g_clear_object (&session);
}

/**
 * gil_bench_message_new:
 * @body: (nullable): JSON text
 *
 * Returns: (transfer full): a request to the manager at @url, with
 *   @token as its Bearer token
 */
SoupMessage *
gil_bench_message_new (const char *url,
                       const char *token,
                       const char *method,
                       const char *path,
                       const char *body)
{
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

static SoupMessage *
new_message (GilBenchManager *m,
             const char      *method,
             const char      *path,
             const char      *body)
{
  SoupMessage *msg = gil_bench_message_new (m->url, m->token, method, path, body);

  /* A write as the app sends it: with a key of its own, and so over the
   * kept-alive connection (gil-connection.c). */
  if (g_str_equal (method, "POST"))
    {
      g_autofree char *key = g_uuid_string_random ();

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
    }
  return msg;
}

/* One request; the reply parsed when it is JSON.
 *
 * Sent synchronously: the bench is the client of every figure, and it
 * should cost as little as it can, so that the figures are the manager's.
 * (libsoup's asynchronous send adds main-loop turns between a request's
 * headers and its body.) Both the round-trip baseline and the requests
 * measured against it are sent the same way. */
JsonNode *
gil_bench_request (GilBenchManager *m,
                   const char      *method,
                   const char      *path,
                   const char      *body,
                   gint64          *took_us)
{
  g_autoptr(SoupMessage) msg = new_message (m, method, path, body);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) reply = NULL;
  gint64 start = g_get_monotonic_time ();
  gsize length;
  const char *data;

  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (took_us != NULL)
    *took_us = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  if (soup_message_get_status (msg) >= 300)
    g_error ("%s %s: HTTP %u", method, path, soup_message_get_status (msg));
  data = g_bytes_get_data (reply, &length);
  if (length == 0)
    return NULL;
  {
    g_autofree char *text = g_strndup (data, length);

    return json_from_string (text, NULL);
  }
}

gint64
gil_bench_timed (GilBenchManager *m,
                 const char      *method,
                 const char      *path,
                 const char      *body)
{
  gint64 took;
  g_autoptr(JsonNode) reply = gil_bench_request (m, method, path, body, &took);

  return took;
}

gint64
gil_bench_new_patient (GilBenchManager *m,
                       guint            n)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Pasien Uji %u\",\"birth_date\":\"1985-01-01\",\"sex\":\"M\"}", n);
  g_autoptr(JsonNode) patient = gil_bench_request (m, "POST", "/api/v1/patients", body, NULL);

  return json_object_get_int_member (json_node_get_object (patient), "id");
}

char *
gil_bench_visit_body (gint64 patient,
                      gint64 room)
{
  return g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"signs\":[],"
                          "\"pregnant\":false,\"payer\":\"bpjs\",\"room\":%" G_GINT64_FORMAT "}",
                          patient, room);
}
