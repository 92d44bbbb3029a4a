/* gil-load-client.c — one desk registering patients as fast as it can,
 * retrying each action with its own Idempotency-Key until the manager
 * answers; used by the kill test while the manager is killed and restarted
 *
 *   gil-load-client URL TOKEN NAME COUNT OUTPUT
 *
 * Writes one line per acknowledged visit to OUTPUT: "KEY VISIT-ID TICKET".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#define GIVE_UP_US (120 * G_USEC_PER_SEC)

/* Sends until the manager answers; returns the reply, or NULL on timeout. */
static JsonObject *
send_until_answered (SoupSession *session,
                     const char  *url,
                     const char  *token,
                     const char  *path,
                     const char  *body,
                     const char  *key,
                     guint       *status)
{
  gint64 deadline = g_get_monotonic_time () + GIVE_UP_US;
  g_autofree char *uri = g_strconcat (url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
      reply = soup_session_send_and_read (session, msg, NULL, &error);
      if (reply == NULL || soup_message_get_status (msg) == 0 || soup_message_get_status (msg) >= 500)
        {
          /* Down, or killed mid-request: the same key again shortly. */
          g_usleep (20 * 1000);
          continue;
        }
      {
        gsize length;
        const char *data = g_bytes_get_data (reply, &length);
        g_autofree char *text = g_strndup (data, length);
        g_autoptr(JsonNode) node = json_from_string (text, NULL);

        if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
          {
            g_usleep (20 * 1000);
            continue;
          }
        *status = soup_message_get_status (msg);
        return json_object_ref (json_node_get_object (node));
      }
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  const char *url, *token, *name;
  FILE *output;
  guint count;

  if (argc != 6)
    {
      g_printerr ("usage: gil-load-client URL TOKEN NAME COUNT OUTPUT\n");
      return 2;
    }
  url = argv[1];
  token = argv[2];
  name = argv[3];
  count = atoi (argv[4]);
  output = fopen (argv[5], "w");
  if (output == NULL)
    return 2;

  session = soup_session_new_with_options ("timeout", 5, "max-conns-per-host", 1, NULL);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *patient_key = g_strdup_printf ("%s-patient-%u", name, i);
      g_autofree char *visit_key = g_strdup_printf ("%s-visit-%u", name, i);
      g_autofree char *patient_body = g_strdup_printf ("{\"name\":\"Pasien %s %u\",\"birth_date\":\"1980-01-01\","
                                                       "\"sex\":\"F\"}", name, i);
      g_autofree char *visit_body = NULL;
      g_autoptr(JsonObject) patient = NULL;
      g_autoptr(JsonObject) visit = NULL;
      guint status = 0;

      patient = send_until_answered (session, url, token, "/api/v1/patients", patient_body,
                                     patient_key, &status);
      if (patient == NULL || status != 201)
        {
          g_printerr ("%s: patient %u not created (status %u)\n", name, i, status);
          return 1;
        }

      visit_body = g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\","
                                    "\"payer\":\"bpjs\"}",
                                    json_object_get_int_member (patient, "id"));
      visit = send_until_answered (session, url, token, "/api/v1/visits", visit_body,
                                   visit_key, &status);
      if (visit == NULL || status != 201)
        {
          g_printerr ("%s: visit %u not registered (status %u)\n", name, i, status);
          return 1;
        }
      fprintf (output, "%s %" G_GINT64_FORMAT " %s\n", visit_key,
               json_object_get_int_member (visit, "id"),
               json_object_get_string_member (visit, "ticket"));
      fflush (output);
    }

  fclose (output);
  return 0;
}
