/* gil-server-events.c — GET /events: the WebSocket upgrade that makes a
 * connection a station's event stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-metered-stream.h"
#include "gil-server-private.h"

static void on_upgraded_cb (SoupServerMessage *msg,
                            gpointer           user_data);

void
gil_server_handle_events (GilServer *self,
                          Request   *req)
{
  g_autoptr(GError) error = NULL;
  const char *since = req->query != NULL ? g_hash_table_lookup (req->query, "since") : NULL;
  /* An addition to API.md: the log id the client's seq is in, if known. */
  const char *log = req->query != NULL ? g_hash_table_lookup (req->query, "log") : NULL;
  /* An addition to API.md: without since, a station that has nothing
   * starts from a snapshot (-1 to the hub). */
  gint64 value = -1;
  /* A browser offers "giliran" beside its token (gil-server.c); a
   * station that offers none is answered with none, as before. */
  char *protocols[] = { (char *)GIL_SERVER_PROTOCOL, NULL };

  if (since != NULL && !g_ascii_string_to_signed (since, 10, 0, G_MAXINT64, &value, NULL))
    {
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD, _("The parameter “since” is a sequence number"));
      return;
    }

  if (!soup_websocket_server_check_handshake (req->msg, NULL, protocols, NULL, &error))
    {
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_NOT_WEBSOCKET,
                                _("The event stream needs a WebSocket connection"));
      return;
    }

  /* The upgrade is the manager's own, not libsoup's WebSocket handler:
   * the connection goes through a GilMeteredStream (on_upgraded_cb). No
   * extension is taken, so what is queued is what is written. */
  if (!soup_websocket_server_process_handshake (req->msg, NULL, protocols, NULL, NULL))
    return;   /* checked above: not reached */
  g_object_set_data_full (G_OBJECT (req->msg), "gil-station",
                          g_steal_pointer (&req->station), (GDestroyNotify)gil_station_free);
  g_object_set_data (G_OBJECT (req->msg), "gil-since", GSIZE_TO_POINTER ((gsize)(value + 2)));
  g_object_set_data_full (G_OBJECT (req->msg), "gil-log", g_strdup (log), g_free);
  g_object_set_data (G_OBJECT (req->msg), "gil-plain", GINT_TO_POINTER (req->plain));
  g_signal_connect_object (req->msg, "wrote-informational", G_CALLBACK (on_upgraded_cb), self, 0);
  req->status = 0;
}

/* The 101 reply is out: the connection becomes the station's event
 * stream, as libsoup's own handler would make it, but measured. */
static void
on_upgraded_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  GilServer *self = user_data;
  /* Kept alive until the stream is handed on: stealing the connection
   * can drop libsoup's own reference to the message. */
  G_GNUC_UNUSED g_autoptr(SoupServerMessage) held = g_object_ref (msg);
  g_autoptr(GilStation) station = g_object_steal_data (G_OBJECT (msg), "gil-station");
  gsize since = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "gil-since"));
  g_autofree char *log = g_object_steal_data (G_OBJECT (msg), "gil-log");
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GilMeteredStream) meter = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;
  GilListener *listener = g_object_get_data (G_OBJECT (msg), "gil-plain") != NULL
                          ? self->plain_listener : self->listener;

  g_signal_handlers_disconnect_by_func (msg, on_upgraded_cb, user_data);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL || station == NULL || since == 0)
    return;
  if (listener != NULL)
    gil_listener_note_upgrade (listener, msg);
  meter = gil_metered_stream_new (stream, gil_event_hub_get_max_backlog ());
  connection = soup_websocket_connection_new (G_IO_STREAM (meter),
                                              soup_server_message_get_uri (msg),
                                              SOUP_WEBSOCKET_CONNECTION_SERVER,
                                              soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Origin"),
                                              soup_message_headers_get_one (soup_server_message_get_response_headers (msg), "Sec-WebSocket-Protocol"),
                                              NULL);
  gil_event_hub_add (self->hub, connection, meter, station->id,
                     station->role != GIL_ROLE_DISPLAY, (gint64)since - 2, log);
}
