/* gil-listener.h — the manager's own accepting of connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define GIL_LISTENER_IDLE_TIMEOUT      120  /* seconds a kept-alive connection may idle */
#define GIL_LISTENER_HANDSHAKE_TIMEOUT 10   /* seconds a TLS handshake may take */
#define GIL_LISTENER_PER_ADDRESS       64   /* connections from one address */
#define GIL_LISTENER_BACKLOG           128

typedef struct
{
  guint idle_timeout;       /* seconds */
  guint handshake_timeout;  /* seconds */
  guint max_connections;    /* 0: as many as the descriptor limit allows */
  guint max_per_address;
  gsize max_body;           /* bytes of a request body */
} GilListenerOptions;

#define GIL_TYPE_LISTENER (gil_listener_get_type ())
G_DECLARE_FINAL_TYPE (GilListener, gil_listener, GIL, LISTENER, GObject)

void         gil_listener_options_init        (GilListenerOptions       *options);

GilListener *gil_listener_new                 (SoupServer               *soup,
                                               GTlsCertificate          *certificate,
                                               const GilListenerOptions *options);
gboolean     gil_listener_listen              (GilListener              *self,
                                               GInetAddress             *address,
                                               guint                     port,
                                               GError                  **error);
guint        gil_listener_get_port            (GilListener              *self);
GStrv        gil_listener_dup_uris            (GilListener              *self);
void         gil_listener_note_station        (GilListener              *self,
                                               SoupServerMessage        *msg);
void         gil_listener_note_upgrade        (GilListener              *self,
                                               SoupServerMessage        *msg);
void         gil_listener_stop                (GilListener              *self);

gboolean     gil_listener_raise_file_limit    (guint64                  *limit);

G_END_DECLS
