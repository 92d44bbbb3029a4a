/* gil-connection-private.h — what the files of GilConnection share
 *
 * gil-connection.c          the object, its settings and the station's role
 * gil-connection-requests.c requests, their retries and Idempotency-Keys
 * gil-connection-events.c   the event stream: WebSocket, reconnects, since/snapshot
 * gil-connection-tls.c      the pinned certificate, and probing one before pairing
 * gil-connection-profile.c  the puskesmas profile, kept current, and the admin's changes
 * gil-connection-health-probe.c  a manager's health asked by its address
 *
 * The typed calls of one resource each (gil-connection-rooms.c,
 * gil-connection-stations.c, gil-connection-backups.c, …) need none of
 * this: they send through gil-connection-call-private.h.
 *
 * Not installed and not for the app: only src/client includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-profile.h"

G_BEGIN_DECLS

#define IO_TIMEOUT_S        30
/* On a message the pin refused: the fingerprint the server showed. */
#define REFUSED_KEY         "gil-refused-certificate"

struct _GilConnection
{
  GObject                  parent_instance;

  char                    *base_url;
  char                    *token;
  char                    *fingerprint;  /* pinned, or NULL */
  GMainContext            *context;
  SoupSession             *session;

  /* The event stream */
  gboolean                 events_running;
  GCancellable            *connect_cancellable;  /* the handshake under way */
  SoupWebsocketConnection *socket;
  GSource                 *ping_source;
  GSource                 *silence_source;
  GSource                 *reconnect_source;
  guint                    failures;     /* connects since the manager was last heard */
  gint64                   last_heard;   /* monotonic µs */
  gint64                   last_seq;
  gboolean                 has_nothing;  /* asks for a snapshot until it has one */
  char                    *log;          /* the id of the log last_seq is in, once heard */
  gint64                   gap_seq;      /* the seq that made the last reconnect, or 0 */
  gboolean                 online;

  /* The station's role, asked of the manager once someone wants it */
  char                    *role;
  gboolean                 role_wanted;
  gboolean                 role_asking;
  gboolean                 stream_lost;  /* lost, or not opened, since it was last heard */

  GPtrArray               *requests;     /* element-type GTask: tries under way, not owned */

  /* The puskesmas profile, fetched when online and on profile.changed */
  GilProfile              *profile;
  gboolean                 profile_wanted;       /* someone asked for it */
  GCancellable            *profile_cancellable;  /* the fetch of its own under way */
  guint64                  profile_asked;        /* fetches sent */
  guint64                  profile_applied;      /* the last fetch whose reply was taken */
};

/* gil-connection.c */
SoupSession *_gil_connection_new_session        (guint           timeout_s);
void      _gil_connection_clear_source          (GSource       **source);
GSource  *_gil_connection_add_timeout           (GilConnection  *self,
                                                 guint           msec,
                                                 GSourceFunc     func);
void      _gil_connection_set_online            (GilConnection  *self,
                                                 gboolean        online);
void      _gil_connection_set_last_seq          (GilConnection  *self,
                                                 gint64          seq);
void      _gil_connection_set_log               (GilConnection  *self,
                                                 const char     *log);
void      _gil_connection_emit_event            (GilConnection  *self,
                                                 const char     *type,
                                                 JsonObject     *event);
void      _gil_connection_emit_snapshot         (GilConnection  *self,
                                                 JsonObject     *snapshot);

/* gil-connection-tls.c */
GError   *_gil_connection_new_refused_error     (void);
gboolean  _gil_connection_check_pinned_scheme   (GilConnection  *self,
                                                 GError        **error);
void      _gil_connection_prepare_message       (GilConnection  *self,
                                                 SoupMessage    *msg);

/* gil-connection-requests.c */
GError   *_gil_connection_new_network_error     (const GError   *cause);
JsonNode *_gil_connection_parse_reply           (guint           status,
                                                 GBytes         *bytes,
                                                 GError        **error);
void      _gil_connection_resend_stranded_requests (GilConnection *self);

/* gil-connection-events.c */
void      _gil_connection_reconnect_events      (GilConnection  *self);

/* gil-connection-profile.c */
void      _gil_connection_profile_online        (GilConnection  *self);
void      _gil_connection_profile_changed       (GilConnection  *self);
void      _gil_connection_profile_stop          (GilConnection  *self);

/* gil-profile.c */
gboolean  _gil_profile_update                   (GilProfile     *self,
                                                 JsonObject     *reply);

G_END_DECLS
