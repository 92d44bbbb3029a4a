/* gil-test-client.h — a client library's test against a real manager:
 * the manager, a station paired on it and a GilConnection as that
 * station; an async call waited for as if it were a plain one; a raw
 * request and what came back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"
#include "gil-test-manager.h"

G_BEGIN_DECLS

/* How long a client test waits for one call. */
#define GIL_TEST_CLIENT_WAIT_MS 20000

/* A manager of its own and a connection to it, for a test's fixture. */
typedef struct
{
  GilTestManager *manager;
  const char     *url;
  const char     *admin;      /* the administrator's token */
  char           *token;      /* the paired station's token, or NULL */
  GilConnection  *connection; /* as the paired station, or as the admin */
} GilTestClient;

void          gil_test_client_set_up       (GilTestClient      *client,
                                            const char * const *args,
                                            const char         *role,
                                            const char         *rooms);
void          gil_test_client_tear_down    (GilTestClient      *client);
char         *gil_test_client_dup_day      (GilTestClient      *client);
char         *gil_test_client_dup_gone_url (void);

GAsyncResult *gil_test_client_wait         (GAsyncResult      **result,
                                            const char         *what);

gint64        gil_test_json_int            (JsonObject         *object,
                                            const char         *member,
                                            gint64              missing);

/* A request of gil_connection_request_async() as it came back. */
typedef struct
{
  gboolean  done;
  JsonNode *node;    /* the reply, or NULL */
  GError   *error;
  guint     status;  /* its HTTP status; 0 for none */
} GilTestReply;

void          gil_test_reply_clear      (GilTestReply       *reply);
gboolean      gil_test_reply_done       (gpointer            reply);
void          gil_test_reply_cb         (GObject            *source,
                                         GAsyncResult       *result,
                                         gpointer            reply);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GilTestReply, gil_test_reply_clear)

void          gil_test_client_start_request (GilConnection  *connection,
                                             const char     *method,
                                             const char     *path,
                                             const char     *body,
                                             const char     *key,
                                             GilTestReply   *reply);
void          gil_test_client_request       (GilConnection  *connection,
                                             const char     *method,
                                             const char     *path,
                                             const char     *body,
                                             const char     *key,
                                             GilTestReply   *reply);
JsonObject   *gil_test_client_request_ok    (GilConnection  *connection,
                                             const char     *method,
                                             const char     *path,
                                             const char     *body,
                                             const char     *key,
                                             guint           expected,
                                             GilTestReply   *reply);
void          gil_test_client_expect_error  (GilConnection  *connection,
                                             const char     *method,
                                             const char     *path,
                                             const char     *body,
                                             const char     *key,
                                             guint           status,
                                             GilApiError     code);

/* A change of a connection's online property, and when. */
typedef struct
{
  gboolean online;
  gint64   time;   /* monotonic µs */
} GilTestOnlineChange;

/* Everything a connection passed on, and when it went on- and offline. */
typedef struct
{
  GilConnection *connection;
  GArray        *seqs;         /* element-type gint64: each event's */
  GPtrArray     *types;        /* each event's type */
  GPtrArray     *messages;     /* the events as JSON text */
  GArray        *changes;      /* element-type GilTestOnlineChange */
  guint          snapshots;
  guint          snapshot_at;  /* events passed on before the last snapshot */
  gint64         wanted;       /* the seq a test waits to hear */
} GilTestRecorder;

void          gil_test_recorder_init        (GilTestRecorder *rec,
                                             GilConnection   *connection);
void          gil_test_recorder_clear       (GilTestRecorder *rec);
gboolean      gil_test_recorder_got_snapshot (gpointer        rec);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GilTestRecorder, gil_test_recorder_clear)

G_END_DECLS
