/* gil-listener-private.h — what the listener's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-listener.h"
#include "gil-server-stream.h"

G_BEGIN_DECLS

/* Descriptors kept back from connections: the database, its log and index,
 * a backup being written, the event hub's and GLib's own. */
#define RESERVED_FDS       96
/* The part of the total only known stations' addresses may use (at most
 * an eighth). */
#define KNOWN_HEADROOM     64
#define KNOWN_HOSTS_MAX    4096
#define ACCEPT_BATCH       32
#define SWEEP_MAX_S        15
/* After the input is shut, libsoup closes at once; if it has not within
 * this time, the connection is closed from here. */
#define SHUT_GRACE_US      (10 * G_USEC_PER_SEC)
/* A refused body: what is read and dropped before the close, so that the
 * 413 reaches the peer instead of a reset. */
#define LINGER_MS          2000
#define LINGER_BYTES       (1024 * 1024)
#define LOG_EVERY_US       (60 * G_USEC_PER_SEC)
#define KEEPALIVE_IDLE_S   60
#define KEEPALIVE_INTERVAL 10
#define KEEPALIVE_COUNT    4
#define USER_TIMEOUT_MS    60000
#define ACCEPT_FAILURES_MAX 1000
#define ACCEPT_PAUSE_MS    100

typedef struct
{
  GilListener       *listener;
  GSocket           *socket;
  GIOStream         *base;        /* the TCP connection, or TLS over it */
  GSocketAddress    *local;
  GSocketAddress    *remote;      /* the key: libsoup hands it back */
  char              *host;
  GilServerStream   *stream;      /* libsoup's while it lives; not a ref */
  GCancellable      *handshake;
  guint              handshake_timeout_id;
  gint64             shut_at;     /* monotonic µs the input was shut; 0 not */
  gsize              body_read;
  gint64             request_started; /* monotonic µs; 0 once its headers are in */
  gboolean           upgraded;    /* a WebSocket, kept by its own pings */
  gboolean           in_handler;  /* the request is read; its reply is due */
  GSource           *linger;
  gint64             linger_until;
  gsize              lingered;
} Connection;

typedef enum
{
  REFUSED_PER_ADDRESS,
  REFUSED_TOTAL,
  N_REFUSALS
} Refusal;

typedef struct
{
  GSocket *socket;
  GSource *source;
  guint    port;
  gboolean ipv6;
  char    *host;
} Listening;

struct _GilListener
{
  GObject             parent_instance;

  SoupServer         *soup;
  GTlsCertificate    *certificate;
  GilListenerOptions  options;
  guint               max_connections;
  guint               headroom;     /* of max_connections, for known hosts */
  GPtrArray          *listening;    /* Listening */
  GHashTable         *connections;  /* GSocketAddress* → Connection */
  GHashTable         *per_host;     /* host → count */
  GHashTable         *known_hosts;  /* host set */
  GSocket            *keep_alive_pair[2];
  guint               sweep_id;
  guint               resume_id;
  int                 spare_fd;
  guint               accept_failures;
  guint               ended_since_trim;
  gint64              trimmed;
  gint64              refused_logged[N_REFUSALS];
  guint               refused_unlogged[N_REFUSALS];
  gint64              exhausted_logged;
  gulong              signal_ids[4];
  gboolean            stopped;
};

Connection *gil_listener_find                  (GilListener       *self,
                                              SoupServerMessage *msg);
void        gil_listener_count_host            (GilListener       *self,
                                              const char        *host,
                                              int                delta);
void        gil_listener_connection_free       (Connection        *conn);
void        gil_listener_drop                  (Connection        *conn);
void        gil_listener_set_socket_options    (GSocket           *socket);
void        gil_listener_start_tls             (Connection        *conn,
                                              GIOStream         *tcp);
void        gil_listener_hand_to_soup          (Connection        *conn);
void        gil_listener_on_request_started_cb (SoupServer        *soup,
                                              SoupServerMessage *msg,
                                              gpointer           user_data);
void        gil_listener_on_request_read_cb    (SoupServer        *soup,
                                              SoupServerMessage *msg,
                                              gpointer           user_data);
void        gil_listener_on_request_done_cb    (SoupServer        *soup,
                                              SoupServerMessage *msg,
                                              gpointer           user_data);
gboolean    gil_listener_on_sweep_cb           (gpointer           user_data);

G_END_DECLS
