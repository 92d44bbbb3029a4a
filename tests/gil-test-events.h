/* gil-test-events.h — a manager's event stream (/api/v1/events) read
 * over its WebSocket, as plainly as a test wants it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GMainLoop               *loop;        /* quit on every message */
  SoupSession             *session;
  SoupWebsocketConnection *connection;  /* NULL where the handshake failed */
  GError                  *error;       /* why it failed */
  guint                    status;      /* the handshake's HTTP status */
  GPtrArray               *messages;    /* element-type JsonObject */
} GilTestEvents;

GilTestEvents *gil_test_events_open  (const char    *url,
                                      const char    *token,
                                      gint64         since);
void           gil_test_events_wait  (GilTestEvents *events,
                                      guint          count);
void           gil_test_events_ping  (GilTestEvents *events);
const char    *gil_test_events_type  (GilTestEvents *events,
                                      guint          index);
void           gil_test_events_close (GilTestEvents *events);

G_END_DECLS
