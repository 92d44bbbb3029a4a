/* gil-server-private.h — what the server's files share
 *
 * gil-server.c is the object, the route table and the dispatch; each
 * route's handler lives in the file of its resource (gil-server-patients.c,
 * -visits.c, -queue.c, -stations.c, -reports.c, -profile.c, -backups.c,
 * -events.c, -loket.c). gil-server-reply.c makes the replies, gil-server-read.c runs
 * long reads on a worker thread, gil-server-day.c turns the service day and
 * gil-server-replies.c keeps the replies for Idempotency-Key.
 * gil-server-web.c serves the browser display's files and clips, and
 * gil-server-plain.c its read-only plain-HTTP port.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gil-api-json.h"
#include "gil-error-codes.h"
#include "gil-event-hub.h"
#include "gil-pairing-guard.h"
#include "gil-server.h"

G_BEGIN_DECLS

struct _GilServer
{
  GObject      parent_instance;

  GilStore    *store;
  SoupServer  *soup;
  GilListener *listener;       /* accepts the connections soup serves */
  GilEventHub *hub;
  char        *admin_token;
  guint        day_check_id;
  guint        midnight_id;    /* aimed at the next local midnight */
  GilPairingGuard *pairing_guard;  /* wrong pairing codes, by address and in all */
  char        *backup_dir;
  gint64       last_backup;    /* unix time of the last good backup; 0 none */
  char        *backup_day;     /* the service day of the last backup begun */
  gboolean     backing_up;
  gboolean     stopping;
  GPtrArray   *backup_waiting; /* admins' requests for the next backup */
  guint        backup_id;
  guint        publish_id;     /* events go out once the reply has */
  guint        prune_id;       /* while events older than the window go */
  gint64       prune_through;  /* the last seq they go up to */
  guint        backups_kept;
  gulong       storage_error_id;
  gboolean     storage_failing;  /* as last logged */
  char        *fingerprint;    /* of the TLS certificate; NULL for plain HTTP */
  char        *replies_day;    /* the service day old replies last went */
  GPtrArray   *listen_addresses;  /* GInetAddress: where gil_server_listen() listens */
  GilListenerOptions listen_options;
  SoupServer  *plain_soup;     /* the display over plain HTTP (gil-server-plain.c) */
  GilListener *plain_listener; /* NULL while that port is off */
};

typedef enum
{
  ROLES_NONE = 0,
  ADMIN = 1 << GIL_ROLE_ADMIN,
  REGISTRATION = 1 << GIL_ROLE_REGISTRATION,
  ROOM = 1 << GIL_ROLE_ROOM,
  DISPLAY = 1 << GIL_ROLE_DISPLAY,
  HEAD = 1 << GIL_ROLE_HEAD,
  /* A kiosk takes loket tickets and nothing else: not in ANY. */
  KIOSK = 1 << GIL_ROLE_KIOSK,
  ANY = ADMIN | REGISTRATION | ROOM | DISPLAY | HEAD,
} Roles;

typedef struct
{
  SoupServerMessage *msg;
  const char        *method;
  const char        *path;
  GHashTable        *query;
  GilStation        *station;
  gint64             id;       /* the number in the path, if any */
  JsonObject        *body;
  guint              status;
  char              *reply;
  gboolean           deferred; /* answered later, from another thread's work */
  gboolean           plain;    /* came to the plain-HTTP display port */
} Request;

typedef void (*Handler) (GilServer *self,
                         Request   *req);

typedef struct
{
  const char *method;
  const char *pattern;   /* "#" stands for a positive id */
  Roles       roles;
  Handler     handler;
} Route;

/* A read run on a worker thread (gil-server-read.c): the reply's body, or
 * %NULL and @error. */
typedef char *(*ReadFunc) (GilStore     *reader,
                           gpointer      data,
                           const char  **content_type,
                           GError      **error);

/* gil-server.c */
void     gil_server_notify_puskesmas_name (GilServer     *self);
void     gil_server_serve           (GilServer         *self,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     GHashTable        *query,
                                     gboolean           plain);

/* gil-server-reply.c */
void     gil_server_reply_builder   (Request       *req,
                                     guint          status,
                                     GilJsonWriter *builder);
void     gil_server_reply_error     (Request       *req,
                                     const GError  *error);
void     gil_server_reply_message   (Request       *req,
                                     guint          status,
                                     GilErrorCode   code,
                                     const char    *message);

/* gil-server-read.c */
void     gil_server_run_read        (GilServer     *self,
                                     Request       *req,
                                     ReadFunc       func,
                                     gpointer       data,
                                     GDestroyNotify data_free);

/* gil-server-replies.c */
gboolean gil_server_lookup_reply    (GilStore      *store,
                                     const char    *key,
                                     const char    *route,
                                     guint         *status,
                                     char         **body,
                                     GError       **error);
gboolean gil_server_save_reply      (GilStore      *store,
                                     const char    *key,
                                     const char    *route,
                                     guint          status,
                                     const char    *body,
                                     GError       **error);
void     gil_server_forget_old_replies (GilServer  *self);

/* gil-server-day.c */
void     gil_server_start_pruning   (GilServer     *self);
void     gil_server_aim_at_midnight (GilServer     *self);
void     gil_server_ensure_day      (GilServer     *self);
gboolean gil_server_check_day_cb    (gpointer       user_data);

/* gil-server-backups.c */
void     gil_server_begin_backup    (GilServer     *self,
                                     Request       *req);
void     gil_server_handle_backup   (GilServer     *self,
                                     Request       *req);

/* gil-server-profile.c */
gboolean gil_server_display_names   (GilServer     *self);
void     gil_server_handle_profile  (GilServer     *self,
                                     Request       *req);
void     gil_server_handle_profile_update (GilServer *self,
                                           Request   *req);

/* gil-server-stations.c */
void     gil_server_handle_health   (GilServer     *self,
                                     Request       *req);
void     gil_server_handle_pairing_code (GilServer *self,
                                         Request   *req);
void     gil_server_handle_pair     (GilServer     *self,
                                     Request       *req);
void     gil_server_handle_stations (GilServer     *self,
                                     Request       *req);
void     gil_server_handle_station_me (GilServer   *self,
                                       Request     *req);
void     gil_server_handle_revoke   (GilServer     *self,
                                     Request       *req);

/* gil-server-reports.c */
void     gil_server_handle_report_daily (GilServer *self,
                                         Request   *req);
void     gil_server_handle_report_range (GilServer *self,
                                         Request   *req);
gboolean gil_server_query_date      (Request       *req,
                                     const char    *name,
                                     GDate         *date);

/* gil-server-reports-monthly.c */
void     gil_server_handle_report_monthly (GilServer *self,
                                           Request   *req);

/* gil-server-patients.c */
void     gil_server_handle_patient_search  (GilServer *self,
                                            Request   *req);
void     gil_server_handle_patient_create  (GilServer *self,
                                            Request   *req);
void     gil_server_handle_patient_get     (GilServer *self,
                                            Request   *req);
void     gil_server_handle_patient_update  (GilServer *self,
                                            Request   *req);
void     gil_server_handle_patient_merge   (GilServer *self,
                                            Request   *req);
void     gil_server_handle_patient_history (GilServer *self,
                                            Request   *req);
void     gil_server_handle_routing         (GilServer *self,
                                            Request   *req);

/* gil-server-visits.c */
void     gil_server_handle_visit_create  (GilServer *self,
                                          Request   *req);
void     gil_server_handle_visit_list    (GilServer *self,
                                          Request   *req);
void     gil_server_handle_visit_get     (GilServer *self,
                                          Request   *req);
void     gil_server_handle_visit_history (GilServer *self,
                                          Request   *req);
void     gil_server_handle_visit_cancel  (GilServer *self,
                                          Request   *req);
void     gil_server_handle_visit_reroute (GilServer *self,
                                          Request   *req);

/* gil-server-queue.c */
void     gil_server_handle_rooms         (GilServer *self,
                                          Request   *req);
void     gil_server_handle_room_create   (GilServer *self,
                                          Request   *req);
void     gil_server_handle_room_update   (GilServer *self,
                                          Request   *req);
void     gil_server_handle_queue         (GilServer *self,
                                          Request   *req);
void     gil_server_handle_call_next     (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_call     (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_recall   (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_start    (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_finish   (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_skip     (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_requeue  (GilServer *self,
                                          Request   *req);
void     gil_server_handle_stop_transfer (GilServer *self,
                                          Request   *req);

/* gil-server-loket.c */
void     gil_server_handle_loket_series    (GilServer *self,
                                            Request   *req);
void     gil_server_handle_loket_take      (GilServer *self,
                                            Request   *req);
void     gil_server_handle_loket_tickets   (GilServer *self,
                                            Request   *req);
void     gil_server_handle_loket_call_next (GilServer *self,
                                            Request   *req);
void     gil_server_handle_loket_recall    (GilServer *self,
                                            Request   *req);
void     gil_server_handle_loket_skip      (GilServer *self,
                                            Request   *req);

/* gil-server-web.c */
gboolean gil_server_web_handle           (GilServer *self,
                                          Request   *req);
void     gil_server_handle_announcement  (GilServer *self,
                                          Request   *req);
void     gil_server_handle_loket_announcement (GilServer *self,
                                               Request   *req);

/* gil-server-plain.c */
void     gil_server_plain_init           (GilServer   *self);
void     gil_server_plain_shutdown       (GilServer   *self);
gboolean gil_server_plain_allows         (const Route *route);
GilStation *gil_server_plain_station     (void);
gboolean gil_server_plain_port_valid     (GilServer   *self,
                                          gint64       port);
guint    gil_server_plain_port           (GilServer   *self);
void     gil_server_apply_plain_port     (GilServer   *self);

/* gil-server-events.c */
void     gil_server_handle_events        (GilServer *self,
                                          Request   *req);

G_END_DECLS
