/* gil-server.c — the manager's HTTP/JSON API and event stream
 *
 * Every route of API.md. A request is authenticated, checked against its
 * route's roles, decoded strictly, and handled by the core; a write is
 * answered only after its COMMIT, and its events are then published to the
 * WebSocket clients. With an Idempotency-Key the reply is stored inside the
 * same transaction as the change, so a retried request gets the same answer
 * and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gil-api-json.h"
#include "gil-audit.h"
#include "gil-backup.h"
#include "gil-event-hub.h"
#include "gil-events.h"
#include "gil-metered-stream.h"
#include "gil-fingerprint.h"
#include "gil-listener.h"
#include "gil-nik.h"
#include "gil-pairing-guard.h"
#include "gil-patients.h"
#include "gil-queue.h"
#include "gil-rooms.h"
#include "gil-server.h"
#include "gil-stations.h"
#include "gil-triage.h"

#define MAX_BODY            (64 * 1024)
#define MAX_KEY             128
#define DAY_CHECK_INTERVAL  30
#define SEARCH_LIMIT        20
#define SEARCH_LIMIT_MAX    100
/* Events pruned in one write: a few milliseconds of the main loop. */
#define PRUNE_BATCH         200

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
};

G_DEFINE_FINAL_TYPE (GilServer, gil_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PUSKESMAS_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  ROLES_NONE = 0,
  ADMIN = 1 << GIL_ROLE_ADMIN,
  REGISTRATION = 1 << GIL_ROLE_REGISTRATION,
  ROOM = 1 << GIL_ROLE_ROOM,
  DISPLAY = 1 << GIL_ROLE_DISPLAY,
  HEAD = 1 << GIL_ROLE_HEAD,
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

/* ── replies ─────────────────────────────────────────────────────────── */

static void
reply_builder (Request       *req,
               guint          status,
               GilJsonWriter *builder)
{
  g_free (req->reply);
  req->status = status;
  req->reply = gil_json_writer_steal (builder, NULL);
}

static void
reply_error_code (Request    *req,
                  guint       status,
                  const char *code,
                  const char *message,
                  const char *detail)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "error");
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "code");
  gil_json_writer_string (builder, code);
  gil_json_writer_member (builder, "message");
  gil_json_writer_string (builder, message);
  if (detail != NULL)
    {
      gil_json_writer_member (builder, "detail");
      gil_json_writer_string (builder, detail);
    }
  gil_json_writer_end_object (builder);
  gil_json_writer_end_object (builder);
  reply_builder (req, status, builder);
}

/* The API's status and code for an error of the core. */
static void
reply_error (Request      *req,
             const GError *error)
{
  guint status = 500;
  const char *code = "internal-error";
  const char *detail = NULL;

  if (error->domain == GIL_NIK_ERROR)
    {
      status = 400, code = "invalid-nik";
      detail = gil_nik_error_code (error->code);
    }
  else if (error->domain == GIL_REQUEST_ERROR)
    {
      status = 400;
      code = error->code == GIL_REQUEST_ERROR_INVALID_JSON ? "invalid-json" : "invalid-field";
    }
  else if (error->domain == GIL_PATIENT_ERROR)
    {
      switch ((GilPatientError)error->code)
        {
        case GIL_PATIENT_ERROR_NOT_FOUND: status = 404, code = "not-found"; break;
        case GIL_PATIENT_ERROR_INVALID_BPJS: status = 400, code = "invalid-bpjs"; break;
        case GIL_PATIENT_ERROR_INVALID_BIRTH_DATE: status = 400, code = "invalid-birth-date"; break;
        case GIL_PATIENT_ERROR_MISSING_NAME: status = 400, code = "missing-name"; break;
        case GIL_PATIENT_ERROR_INVALID_SEX:
        case GIL_PATIENT_ERROR_INVALID_FIELD: status = 400, code = "invalid-field"; break;
        case GIL_PATIENT_ERROR_DUPLICATE_NIK: status = 409, code = "duplicate-nik"; break;
        case GIL_PATIENT_ERROR_MERGED: status = 409, code = "merged"; break;
        case GIL_PATIENT_ERROR_INVALID_MERGE: status = 409, code = "invalid-merge"; break;
        default: break;
        }
    }
  else if (error->domain == GIL_TRIAGE_ERROR)
    {
      status = 400, code = "invalid-field";
    }
  else if (error->domain == GIL_QUEUE_ERROR)
    {
      switch ((GilQueueError)error->code)
        {
        case GIL_QUEUE_ERROR_NOT_FOUND: status = 404, code = "not-found"; break;
        case GIL_QUEUE_ERROR_ALREADY_QUEUED: status = 409, code = "already-queued"; break;
        case GIL_QUEUE_ERROR_QUEUE_EMPTY: status = 409, code = "queue-empty"; break;
        case GIL_QUEUE_ERROR_INVALID_TRANSITION: status = 409, code = "invalid-transition"; break;
        case GIL_QUEUE_ERROR_NO_ROOM: status = 409, code = "no-room"; break;
        case GIL_QUEUE_ERROR_ROOM_INACTIVE: status = 409, code = "room-inactive"; break;
        case GIL_QUEUE_ERROR_INVALID_PAYER: status = 400, code = "invalid-field"; break;
        case GIL_QUEUE_ERROR_CANCELLED: status = 409, code = "already-cancelled"; break;
        case GIL_QUEUE_ERROR_INVALID_REASON: status = 400, code = "invalid-reason"; break;
        case GIL_QUEUE_ERROR_IMPLAUSIBLE: status = 409, code = "implausible"; break;
        case GIL_QUEUE_ERROR_INVALID_COUNTER: status = 400, code = "invalid-field"; break;
        default: break;
        }
    }
  else if (error->domain == GIL_ROOM_ERROR)
    {
      switch ((GilRoomError)error->code)
        {
        case GIL_ROOM_ERROR_NOT_FOUND: status = 404, code = "not-found"; break;
        case GIL_ROOM_ERROR_DUPLICATE_CODE: status = 409, code = "duplicate-code"; break;
        case GIL_ROOM_ERROR_INVALID: status = 400, code = "invalid-field"; break;
        default: break;
        }
    }
  else if (error->domain == GIL_STATION_ERROR)
    {
      switch ((GilStationError)error->code)
        {
        case GIL_STATION_ERROR_NOT_FOUND: status = 404, code = "not-found"; break;
        case GIL_STATION_ERROR_INVALID_CODE: status = 403, code = "invalid-pairing-code"; break;
        case GIL_STATION_ERROR_INVALID: status = 400, code = "invalid-field"; break;
        default: break;
        }
    }
  else if (error->domain == GIL_STORE_ERROR)
    {
      /* Logged once when the storage starts failing, not per request. */
      status = 503, code = "storage-error";
    }

  reply_error_code (req, status, code, error->message, detail);
}

static void
reply_message (Request    *req,
               guint       status,
               const char *code,
               const char *message)
{
  reply_error_code (req, status, code, message, NULL);
}

/* ── requests ────────────────────────────────────────────────────────── */

static gboolean
tokens_equal (const char *a,
              const char *b)
{
  gsize la = strlen (a);
  gsize lb = strlen (b);
  guint8 diff = la != lb;

  /* Compare in time that does not depend on where they differ. */
  for (gsize i = 0; i < MAX (la, lb); i++)
    diff |= (guint8)(i < la ? a[i] : 0) ^ (guint8)(i < lb ? b[i] : 0);
  return diff == 0;
}

/* %NULL with @error unset: no such token. */
static GilStation *
authenticate (GilServer          *self,
              SoupServerMessage  *msg,
              GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *token;

  if (auth == NULL || g_ascii_strncasecmp (auth, "Bearer ", 7) != 0)
    return NULL;
  token = auth + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0')
    return NULL;

  if (tokens_equal (token, self->admin_token))
    return gil_station_new_admin ();
  return gil_stations_authenticate (self->store, token, error);
}

/* Matches a path against a route pattern, segment by segment, without
 * allocating: every request tries most routes. A "#" segment takes a
 * positive decimal id. */
static gboolean
match_route (const char *pattern,
             const char *path,
             gint64     *id)
{
  const char *want = pattern;
  const char *have = path;

  while (*want != '\0')
    {
      if (*want == '#')
        {
          guint64 value = 0;

          if (!g_ascii_isdigit (*have))
            return FALSE;
          for (; g_ascii_isdigit (*have); have++)
            {
              if (value > (G_MAXINT64 - 9) / 10)
                return FALSE;
              value = value * 10 + (guint64)(*have - '0');
            }
          if (value == 0 || (*have != '/' && *have != '\0'))
            return FALSE;
          *id = (gint64)value;
          want++;
        }
      else if (*want++ != *have++)
        return FALSE;
    }
  return *have == '\0';
}

static gboolean
owns_room (Request *req,
           gint64   room)
{
  if (req->station->role == GIL_ROLE_ADMIN)
    return TRUE;
  if (req->station->role == GIL_ROLE_ROOM && gil_station_has_room (req->station, room))
    return TRUE;
  reply_message (req, 403, "forbidden", _("This station does not serve that room"));
  return FALSE;
}

static gboolean
with_names (Request *req)
{
  return req->station != NULL && req->station->role != GIL_ROLE_DISPLAY;
}

/* ── reads on a worker thread ─────────────────────────────────────── */

/* Reports read years of history and a search may scan many names: they
 * run on a worker thread, on a read-only connection of their own, so the
 * queue and its events never wait for them. */

typedef char *(*ReadFunc) (GilStore     *reader,
                           gpointer      data,
                           const char  **content_type,
                           GError      **error);

typedef struct
{
  GilStore          *reader;
  SoupServerMessage *msg;
  ReadFunc           func;
  gpointer           data;
  GDestroyNotify     data_free;
  const char        *content_type;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->reader);
  g_clear_object (&job->msg);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  ReadJob *job = data;
  GError *error = NULL;
  char *body = job->func (job->reader, job->data, &job->content_type, &error);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, g_free);
}

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *body = g_task_propagate_pointer (G_TASK (result), &error);

  if (body == NULL)
    {
      Request req = { 0 };

      reply_error (&req, error);
      soup_server_message_set_status (job->msg, req.status, NULL);
      soup_server_message_set_response (job->msg, "application/json", SOUP_MEMORY_TAKE,
                                        req.reply, strlen (req.reply));
    }
  else
    {
      soup_server_message_set_status (job->msg, 200, NULL);
      soup_server_message_set_response (job->msg, job->content_type, SOUP_MEMORY_TAKE,
                                        body, strlen (body));
    }
  soup_server_message_unpause (job->msg);
}

/* Answers @req later with what @func reads; takes @data. */
static void
run_read (GilServer      *self,
          Request        *req,
          ReadFunc        func,
          gpointer        data,
          GDestroyNotify  data_free)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ReadJob *job = g_new0 (ReadJob, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->content_type = "application/json";
  job->reader = gil_store_open_reader (self->store, &error);
  if (job->reader == NULL)
    {
      read_job_free (job);
      reply_error (req, error);
      return;
    }
  job->msg = g_object_ref (req->msg);

  req->deferred = TRUE;
  soup_server_message_pause (req->msg);
  task = g_task_new (self, NULL, on_read_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)read_job_free);
  g_task_run_in_thread (task, read_thread);
}

/* ── handlers: reports ────────────────────────────────────────────── */

#define RANGE_DAYS_MAX 366

typedef struct
{
  GDate    from;
  GDate    to;
  gboolean summary;   /* a range: date and totals per day */
  gboolean csv;
} ReportQuery;

static char *
read_report (GilStore     *reader,
             gpointer      data,
             const char  **content_type,
             GError      **error)
{
  ReportQuery *query = data;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  /* A range, or a table, lists its days; one day's report is the day. */
  gboolean list = query->summary || query->csv;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) days = NULL;

  if (list)
    gil_json_writer_begin_array (builder);
  for (GDate day = query->from; g_date_compare (&day, &query->to) <= 0; g_date_add_days (&day, 1))
    {
      char date[16];
      g_autoptr(GilDailyReport) report = NULL;

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      report = gil_report_daily (reader, date, error);
      if (report == NULL)
        return NULL;
      gil_api_add_daily_report (builder, report, query->summary);
    }
  if (list)
    gil_json_writer_end_array (builder);
  text = gil_json_writer_steal (builder, NULL);
  if (!query->csv)
    return g_steal_pointer (&text);

  *content_type = "text/csv; charset=utf-8";
  days = json_from_string (text, NULL);
  return gil_api_report_csv (days);
}

static gboolean
query_date (Request    *req,
            const char *name,
            GDate      *date)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
  g_autofree char *message = NULL;

  if (gil_date_parse (text, date))
    return TRUE;
  if (text == NULL)
    message = g_strdup_printf (_("The parameter “%s” is missing"), name);
  else
    message = g_strdup_printf (_("The parameter “%s” is not a date YYYY-MM-DD"), name);
  reply_message (req, 400, "invalid-field", message);
  return FALSE;
}

static void
run_report (GilServer   *self,
            Request     *req,
            ReportQuery *query)
{
  const char *format = req->query != NULL ? g_hash_table_lookup (req->query, "format") : NULL;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    {
      g_free (query);
      reply_message (req, 400, "invalid-field", _("The parameter “format” is json or csv"));
      return;
    }
  query->csv = g_strcmp0 (format, "csv") == 0;
  run_read (self, req, read_report, query, g_free);
}

static void
handle_report_daily (GilServer *self,
                     Request   *req)
{
  ReportQuery *query = g_new0 (ReportQuery, 1);

  /* Today, unless a day is asked for. */
  if (req->query == NULL || g_hash_table_lookup (req->query, "date") == NULL)
    {
      g_autofree char *today = gil_store_dup_today (self->store);

      gil_date_parse (today, &query->from);
    }
  else if (!query_date (req, "date", &query->from))
    {
      g_free (query);
      return;
    }
  query->to = query->from;
  run_report (self, req, query);
}

static void
handle_report_range (GilServer *self,
                     Request   *req)
{
  ReportQuery *query = g_new0 (ReportQuery, 1);

  query->summary = TRUE;
  if (!query_date (req, "from", &query->from) || !query_date (req, "to", &query->to))
    {
      g_free (query);
      return;
    }
  if (g_date_compare (&query->from, &query->to) > 0 ||
      g_date_days_between (&query->from, &query->to) >= RANGE_DAYS_MAX)
    {
      g_free (query);
      reply_message (req, 400, "invalid-field",
                     _("A range runs forward, from “from” to “to”, over at most 366 days"));
      return;
    }
  run_report (self, req, query);
}

/* ── handlers: health and stations ──────────────────────────────────── */

/* The certificate's fingerprint (null over plain HTTP): the host shows it
 * with a pairing code, and the station compares and pins it. */
static void
add_fingerprint (GilServer   *self,
                 GilJsonWriter *builder)
{
  gil_json_writer_member (builder, "fingerprint");
  if (self->fingerprint != NULL)
    gil_json_writer_string (builder, self->fingerprint);
  else
    gil_json_writer_null (builder);
}

static void
handle_health (GilServer *self,
               Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autofree char *day = gil_store_dup_today (self->store);
  const char *storage_error = gil_store_get_storage_error (self->store);

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "status");
  gil_json_writer_string (builder, storage_error == NULL ? "ok" : "degraded");
  /* Additions to API.md: whether writes reach the disk, and if not why;
   * reads go on either way. */
  gil_json_writer_member (builder, "storage");
  gil_json_writer_string (builder, storage_error == NULL ? "ok" : "error");
  gil_json_writer_member (builder, "storage_error");
  if (storage_error != NULL)
    gil_json_writer_string (builder, storage_error);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "version");
  gil_json_writer_string (builder, PACKAGE_VERSION);
  gil_json_writer_member (builder, "day");
  gil_json_writer_string (builder, day);
  gil_json_writer_member (builder, "seq");
  gil_json_writer_int (builder, gil_events_last_seq (self->store));
  /* An addition to API.md: the id of the event log "seq" counts in; a
   * restored backup starts a new one. */
  gil_json_writer_member (builder, "log");
  if (gil_event_hub_get_log_id (self->hub) != NULL)
    gil_json_writer_string (builder, gil_event_hub_get_log_id (self->hub));
  else
    gil_json_writer_null (builder);
  /* An addition to API.md: when the last good backup was written. */
  gil_json_writer_member (builder, "last_backup");
  if (self->last_backup > 0)
    {
      g_autofree char *at = gil_api_format_time (self->last_backup);

      gil_json_writer_string (builder, at);
    }
  else
    gil_json_writer_null (builder);
  /* Additions to API.md: whether this is HTTPS, and its certificate. */
  gil_json_writer_member (builder, "tls");
  gil_json_writer_bool (builder, self->fingerprint != NULL);
  add_fingerprint (self, builder);
  gil_json_writer_end_object (builder);
  reply_builder (req, 200, builder);
}

/* ── backups ─────────────────────────────────────────────────────────── */

/* Every quarter of an hour (or as often as the admin chose) and when a
 * service day starts, the database is copied online into backups/ on a
 * worker thread, from a read-only connection, so the queue never waits;
 * each copy is checked before it counts, and only the newest few are
 * kept. The admin can ask for one now (POST /api/v1/backups). */

typedef struct
{
  GilStore  *reader;
  char      *dir;
  guint      keep;
  GPtrArray *msgs;   /* the admins' requests it answers */
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->reader);
  g_ptr_array_unref (job->msgs);
  g_free (job->dir);
  g_free (job);
}

static void start_backup (GilServer *self,
                          Request   *req);

/* Answers every waiting request with @reply's status and body. */
static void
answer_waiting (GPtrArray *msgs,
                Request   *reply)
{
  for (guint i = 0; i < msgs->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (msgs, i);

      soup_server_message_set_status (msg, reply->status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        reply->reply, strlen (reply->reply));
      soup_server_message_unpause (msg);
    }
  g_free (reply->reply);
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  BackupJob *job = data;
  GError *error = NULL;
  char *path = gil_backup_write (job->reader, job->dir, &error);

  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  gil_backup_prune (job->dir, job->keep);
  g_task_return_pointer (task, path, g_free);
}

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GilServer *self = GIL_SERVER (source);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *today = NULL;
  Request req = { 0 };

  self->backing_up = FALSE;
  if (path != NULL)
    {
      g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *at = NULL;

      self->last_backup = gil_store_now (self->store);
      g_message ("backup written: %s", path);
      at = gil_api_format_time (self->last_backup);
      gil_json_writer_begin_object (builder);
      gil_json_writer_member (builder, "file");
      gil_json_writer_string (builder, name);
      gil_json_writer_member (builder, "at");
      gil_json_writer_string (builder, at);
      gil_json_writer_end_object (builder);
      reply_builder (&req, 201, builder);
    }
  else
    {
      g_message ("backup failed: %s", error->message);
      reply_error (&req, error);
    }

  answer_waiting (job->msgs, &req);

  /* Asked for while this one was under way, or a day began meanwhile:
   * another, with what is new. */
  today = gil_store_dup_today (self->store);
  if (self->backup_waiting->len > 0 || g_strcmp0 (today, self->backup_day) != 0)
    start_backup (self, NULL);
}

/* Starts a backup; with @req, answers it when done. */
static void
start_backup (GilServer *self,
              Request   *req)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  BackupJob *job;

  /* No backup starts while the manager stops: nobody would answer. */
  if (req != NULL && self->stopping)
    {
      reply_message (req, 503, "shutting-down", _("The queue server is stopping"));
      return;
    }
  if (req != NULL)
    {
      g_ptr_array_add (self->backup_waiting, g_object_ref (req->msg));
      req->deferred = TRUE;
      soup_server_message_pause (req->msg);
    }
  if (self->backing_up || self->stopping)
    return;

  /* One day-start backup is tried each day; should it fail, the regular
   * ones go on trying. */
  g_free (self->backup_day);
  self->backup_day = gil_store_dup_today (self->store);
  job = g_new0 (BackupJob, 1);
  job->dir = g_strdup (self->backup_dir);
  job->keep = self->backups_kept;
  job->msgs = g_steal_pointer (&self->backup_waiting);
  self->backup_waiting = g_ptr_array_new_with_free_func (g_object_unref);
  job->reader = gil_store_open_reader (self->store, &error);
  if (job->reader == NULL)
    {
      Request failed = { 0 };

      g_message ("backup failed: %s", error->message);
      reply_error (&failed, error);
      answer_waiting (job->msgs, &failed);
      backup_job_free (job);
      return;
    }
  self->backing_up = TRUE;
  task = g_task_new (self, NULL, on_backup_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify)backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

static gboolean
backup_cb (gpointer user_data)
{
  start_backup (user_data, NULL);
  return G_SOURCE_CONTINUE;
}

static void
handle_backup (GilServer *self,
               Request   *req)
{
  start_backup (self, req);
}

static void
handle_pairing_code (GilServer *self,
                     Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expires = NULL;
  gint64 expires_at = 0;
  GilRole role;

  if (!gil_api_read_pairing_code (req->body, &role, &rooms, &error))
    {
      reply_error (req, error);
      return;
    }

  code = gil_stations_create_pairing_code (self->store, role, rooms, &expires_at, &error);
  if (code == NULL)
    {
      reply_error (req, error);
      return;
    }

  expires = gil_api_format_time (expires_at);
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "code");
  gil_json_writer_string (builder, code);
  gil_json_writer_member (builder, "expires_at");
  gil_json_writer_string (builder, expires);
  add_fingerprint (self, builder);
  gil_json_writer_end_object (builder);
  reply_builder (req, 201, builder);
}

/* Enough wrong codes have come for one of the open codes to be near
 * guessed: none of them works any more (gil-pairing-guard.c). The
 * deletion commits with the request's own write. */
static void
withdraw_pairing_codes (GilServer *self)
{
  g_autoptr(GError) error = NULL;
  gint64 withdrawn = gil_stations_withdraw_pairing_codes (self->store, &error);

  if (withdrawn < 0)
    g_warning ("Open pairing codes were not withdrawn: %s", error->message);
  else
    g_message ("pairing: %d wrong codes; %" G_GINT64_FORMAT " open pairing codes withdrawn",
               GIL_PAIRING_CODE_TRIES_MAX, withdrawn);
}

static void
handle_pair (GilServer *self,
             Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilStation) station = NULL;
  g_autoptr(GArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  const char *code = NULL;
  const char *name = NULL;
  const char *host;
  gint64 now = g_get_monotonic_time ();
  gint64 wait_s = 0;
  gboolean role_given = FALSE;
  GilRole role = GIL_ROLE_REGISTRATION;
  GilPairingVerdict verdict;

  if (!gil_api_read_pair (req->body, &code, &name, &role, &role_given, &rooms, &error))
    {
      reply_error (req, error);
      return;
    }

  host = soup_server_message_get_remote_host (req->msg);
  verdict = gil_pairing_guard_check (self->pairing_guard, host, now, &wait_s);
  if (verdict != GIL_PAIRING_ALLOWED)
    {
      g_autofree char *wait = g_strdup_printf ("%" G_GINT64_FORMAT, wait_s);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After", wait);
      reply_message (req, 429, "too-many-attempts",
                     verdict == GIL_PAIRING_HOST_BLOCKED
                     ? _("Too many wrong pairing codes from this computer; try again in a few minutes")
                     : _("Too many wrong pairing codes have been sent; pairing is paused for a few minutes"));
      return;
    }

  station = gil_stations_pair (self->store, code, name, role_given ? &role : NULL,
                               rooms, &token, &error);
  if (station == NULL)
    {
      if (g_error_matches (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID_CODE) &&
          gil_pairing_guard_record_wrong (self->pairing_guard, host, now))
        withdraw_pairing_codes (self);
      reply_error (req, error);
      return;
    }

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "token");
  gil_json_writer_string (builder, token);
  gil_json_writer_member (builder, "station");
  gil_api_add_station (builder, station);
  add_fingerprint (self, builder);
  gil_json_writer_end_object (builder);
  reply_builder (req, 201, builder);
}

static void
handle_stations (GilServer *self,
                 Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stations = gil_stations_list (self->store, &error);

  if (stations == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < stations->len; i++)
    gil_api_add_station (builder, g_ptr_array_index (stations, i));
  gil_json_writer_end_array (builder);
  reply_builder (req, 200, builder);
}

/* The station asking: a window shows what its role may do. The admin
 * token has no station row, so no id. */
static void
handle_station_me (GilServer *self,
                   Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_api_add_station (builder, req->station);
  reply_builder (req, 200, builder);
}

static void
handle_revoke (GilServer *self,
               Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilStation) station = NULL;
  g_autoptr(GError) error = NULL;

  if (!gil_stations_revoke (self->store, req->id, &error) ||
      (station = gil_stations_get (self->store, req->id, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }

  /* Its open event streams end now, not at their next reconnect. */
  gil_event_hub_close_station (self->hub, req->id);
  gil_api_add_station (builder, station);
  reply_builder (req, 200, builder);
}

/* ── handlers: the puskesmas profile ───────────────────────────────── */

/* Whether the puskesmas shows patient names on its waiting-room displays
 * (never for a number_only room). Off unless the admin turns it on. */
static gboolean
display_names (GilServer *self)
{
  g_autofree char *value = gil_store_dup_setting (self->store, "display_names");

  return g_strcmp0 (value, "1") == 0;
}

static void
reply_profile (GilServer *self,
               Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autofree char *name = gil_store_dup_setting (self->store, "puskesmas_name");

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "name");
  gil_json_writer_string (builder, name != NULL ? name : "");
  gil_json_writer_member (builder, "display_names");
  gil_json_writer_bool (builder, display_names (self));
  gil_json_writer_end_object (builder);
  reply_builder (req, 200, builder);
}

static void
handle_profile (GilServer *self,
                Request   *req)
{
  reply_profile (self, req);
}

static void
handle_profile_update (GilServer *self,
                       Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  const char *name = NULL;
  gboolean names = display_names (self);
  gboolean names_given = json_object_has_member (req->body, "display_names");

  if (!gil_api_get_string (req->body, "name", FALSE, &name, &error) ||
      !gil_api_get_bool (req->body, "display_names", &names, &error))
    {
      reply_error (req, error);
      return;
    }
  if (name != NULL)
    {
      clean = g_strstrip (g_strdup (name));
      if (*clean == '\0' || g_utf8_strlen (clean, -1) > 100)
        {
          reply_message (req, 400, "invalid-field",
                         _("The puskesmas name has 1 to 100 characters"));
          return;
        }
    }
  if (clean != NULL || names_given)
    {
      if (!gil_store_begin (self->store, &error) ||
          (clean != NULL && !gil_store_set_setting (self->store, "puskesmas_name", clean, &error)) ||
          (names_given && !gil_store_set_setting (self->store, "display_names", names ? "1" : "0", &error)) ||
          gil_events_append (self->store, "profile.changed", 0, 0, &error) == 0 ||
          !gil_store_commit (self->store, &error))
        {
          if (gil_store_in_transaction (self->store))
            gil_store_rollback (self->store);
          reply_error (req, error);
          return;
        }
      if (clean != NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUSKESMAS_NAME]);
    }
  reply_profile (self, req);
}

/* ── handlers: rooms ─────────────────────────────────────────────────── */

static void
handle_rooms (GilServer *self,
              Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = gil_rooms_list (self->store, &error);

  if (rooms == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < rooms->len; i++)
    gil_api_add_room (builder, g_ptr_array_index (rooms, i), TRUE);
  gil_json_writer_end_array (builder);
  reply_builder (req, 200, builder);
}

static void
reply_room (GilServer *self,
            Request   *req,
            guint      status,
            gint64     id)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) room = gil_rooms_get (self->store, id, &error);

  if (room == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_api_add_room (builder, room, TRUE);
  reply_builder (req, status, builder);
}

static void
handle_room_create (GilServer *self,
                    Request   *req)
{
  g_autoptr(GilRoom) room = gil_room_new ();
  g_autoptr(GError) error = NULL;

  room->tags = g_new0 (char *, 1);
  if (!gil_api_read_room (req->body, room, &error) || !gil_rooms_create (self->store, room, &error))
    {
      reply_error (req, error);
      return;
    }
  reply_room (self, req, 201, room->id);
}

static void
handle_room_update (GilServer *self,
                    Request   *req)
{
  g_autoptr(GilRoom) room = NULL;
  g_autoptr(GError) error = NULL;

  room = gil_rooms_get (self->store, req->id, &error);
  if (room == NULL || !gil_api_read_room (req->body, room, &error) ||
      !gil_rooms_update (self->store, room, &error))
    {
      reply_error (req, error);
      return;
    }
  reply_room (self, req, 200, room->id);
}

/* ── handlers: patients and triage ──────────────────────────────────── */

static void
reply_patient (Request          *req,
               guint             status,
               const GilPatient *patient,
               const char       *warning)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_api_add_patient (builder, patient, warning);
  reply_builder (req, status, builder);
}

typedef struct
{
  char  *text;
  guint  limit;
} SearchQuery;

static void
search_query_free (SearchQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static char *
read_search (GilStore     *reader,
             gpointer      data,
             const char  **content_type,
             GError      **error)
{
  SearchQuery *query = data;
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) patients = gil_patients_search (reader, query->text, query->limit, error);

  if (patients == NULL)
    return NULL;
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < patients->len; i++)
    gil_api_add_patient (builder, g_ptr_array_index (patients, i), NULL);
  gil_json_writer_end_array (builder);
  return gil_json_writer_steal (builder, NULL);
}

static void
handle_patient_search (GilServer *self,
                       Request   *req)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, "q") : NULL;
  const char *limit_text = req->query != NULL ? g_hash_table_lookup (req->query, "limit") : NULL;
  guint64 limit = SEARCH_LIMIT;
  SearchQuery *query;

  if (limit_text != NULL &&
      (!g_ascii_string_to_unsigned (limit_text, 10, 1, SEARCH_LIMIT_MAX, &limit, NULL)))
    {
      reply_message (req, 400, "invalid-field",
                     _("The parameter “limit” is a number from 1 to 100"));
      return;
    }

  query = g_new0 (SearchQuery, 1);
  query->text = g_strdup (text != NULL ? text : "");
  query->limit = limit;
  run_read (self, req, read_search, query, (GDestroyNotify)search_query_free);
}

static void
handle_patient_create (GilServer *self,
                       Request   *req)
{
  g_autoptr(GilPatient) patient = gil_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  gboolean unidentified = FALSE;
  guint approx_age = 0;

  if (!gil_api_read_unidentified (req->body, &unidentified, patient, &approx_age, &error))
    {
      reply_error (req, error);
      return;
    }
  if (unidentified)
    {
      if (!gil_patients_create_unidentified (self->store, patient, approx_age, &error))
        {
          reply_error (req, error);
          return;
        }
      reply_patient (req, 201, patient, NULL);
      return;
    }
  if (!gil_api_read_patient (req->body, patient, &error) ||
      !gil_patients_create (self->store, patient, &warning, &error))
    {
      reply_error (req, error);
      return;
    }
  reply_patient (req, 201, patient, warning);
}

/* Registrasi menyusul: an unidentified patient's visits go to the
 * patient's own record. */
static void
handle_patient_merge (GilServer *self,
                      Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = NULL;
  gint64 into = 0;

  if (!gil_api_get_int (req->body, "into", TRUE, &into, &error) ||
      !gil_patients_merge (self->store, req->id, into, &error) ||
      (patient = gil_patients_get (self->store, into, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_patient (req, 200, patient, NULL);
}

static void
handle_patient_get (GilServer *self,
                    Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_patients_get (self->store, req->id, &error);

  if (patient == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_patient (req, 200, patient, NULL);
}

static void
handle_patient_update (GilServer *self,
                       Request   *req)
{
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *old_name = NULL;
  gboolean identified;

  patient = gil_patients_get (self->store, req->id, &error);
  if (patient == NULL)
    {
      reply_error (req, error);
      return;
    }
  old_name = g_strdup (patient->name);
  if (!gil_api_read_patient (req->body, patient, &error))
    {
      reply_error (req, error);
      return;
    }
  /* A real name given to an unidentified record identifies it, and its
   * visits count with the real sex and age from now on. */
  identified = patient->unidentified && g_strcmp0 (patient->name, old_name) != 0;
  if (identified)
    patient->unidentified = FALSE;
  if (!gil_patients_update (self->store, patient, &warning, &error) ||
      (identified && !gil_patients_refresh_visits (self->store, patient->id, patient, &error)))
    {
      reply_error (req, error);
      return;
    }
  reply_patient (req, 200, patient, warning);
}

/* Who created and corrected a patient's record; the admin's only. */
static void
handle_patient_history (GilServer *self,
                        Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilPatient) patient = gil_patients_get (self->store, req->id, &error);
  g_autoptr(GPtrArray) changes = NULL;

  if (patient == NULL ||
      (changes = gil_audit_patient_history (self->store, req->id, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    gil_api_add_patient_change (builder, g_ptr_array_index (changes, i));
  gil_json_writer_end_array (builder);
  reply_builder (req, 200, builder);
}

static void
handle_triage (GilServer *self,
               Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  g_autofree char *day = gil_store_dup_today (self->store);
  GilTriageInput input = { 0 };
  GilTriageResult result;
  gint64 patient_id = 0;

  if (!gil_api_read_triage (req->body, &patient_id, &input, &signs, &error))
    {
      reply_error (req, error);
      return;
    }

  if (patient_id != 0)
    {
      patient = gil_patients_get (self->store, patient_id, &error);
      if (patient == NULL)
        {
          reply_error (req, error);
          return;
        }
      input.birth_date = patient->birth_date;
      input.sex = patient->sex;
    }

  if (!gil_triage_evaluate (self->store, &input, day, &result, &error))
    {
      reply_error (req, error);
      return;
    }

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "room");
  if (result.room != 0)
    gil_json_writer_int (builder, result.room);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "room_code");
  if (result.room_code != NULL)
    gil_json_writer_string (builder, result.room_code);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "room_name");
  if (result.room_name != NULL)
    gil_json_writer_string (builder, result.room_name);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "cluster");
  gil_json_writer_string (builder, result.cluster);
  gil_json_writer_member (builder, "priority");
  gil_json_writer_string (builder, gil_priority_to_string (result.priority));
  gil_json_writer_member (builder, "priority_reason");
  gil_json_writer_string (builder, result.priority_reason);
  gil_json_writer_member (builder, "reason");
  gil_json_writer_string (builder, result.reason);
  gil_json_writer_member (builder, "rule");
  if (result.rule != NULL)
    gil_json_writer_string (builder, result.rule);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "age_months");
  gil_json_writer_int (builder, result.age_months);
  gil_json_writer_end_object (builder);
  gil_triage_result_clear (&result);
  reply_builder (req, 200, builder);
}

/* ── handlers: visits and queues ─────────────────────────────────────── */

static void
add_visit_member (GilJsonWriter *builder,
                  GilVisit    *visit)
{
  gil_json_writer_member (builder, "visit");
  gil_api_add_visit (builder, visit);
}

static void
handle_visit_create (GilServer *self,
                     Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) signs = NULL;
  g_autofree char *warning = NULL;
  GilVisitRequest request;

  if (!gil_api_read_visit (req->body, &request, &signs, &error))
    {
      reply_error (req, error);
      return;
    }

  visit = gil_queue_register (self->store, &request, &error);
  if (visit == NULL)
    {
      reply_error (req, error);
      return;
    }
  /* Registered because the desk confirmed it: the reply still says why
   * it looked wrong. */
  if (request.confirmed)
    warning = gil_patients_check_pregnancy (visit->patient, visit->purpose,
                                            visit->pregnant, visit->day);
  gil_api_add_visit_warning (builder, visit, warning);
  reply_builder (req, 201, builder);
}

static void
handle_visit_get (GilServer *self,
                  Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_queue_get_visit (self->store, req->id, &error);

  if (visit == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_api_add_visit (builder, visit);
  reply_builder (req, 200, builder);
}

/* The desk's corrections (gil-queue-desk.c): cancel a visit, or move it
 * to the room it should have gone to. */
static void
handle_visit_cancel (GilServer *self,
                     Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  if (!gil_api_read_cancel (req->body, &reason, &error) ||
      (visit = gil_queue_cancel (self->store, req->id, reason, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_api_add_visit (builder, visit);
  reply_builder (req, 200, builder);
}

/* Today's visits, newest first, for the desk to correct. */
static void
handle_visit_list (GilServer *self,
                   Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;

  visits = gil_queue_list_today (self->store, GIL_QUEUE_DAY_LIST_MAX, &error);
  if (visits == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < visits->len; i++)
    gil_api_add_visit (builder, g_ptr_array_index (visits, i));
  gil_json_writer_end_array (builder);
  reply_builder (req, 200, builder);
}

static void
handle_visit_reroute (GilServer *self,
                      Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  gint64 room = 0;

  if (!gil_api_read_reroute (req->body, &room, &reason, &error) ||
      (visit = gil_queue_reroute (self->store, req->id, room, reason, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_api_add_visit (builder, visit);
  reply_builder (req, 200, builder);
}

/* Every action on a visit, in order, with the station that did it. The
 * admin's only: it tells which desk and rooms a patient went through. */
static void
handle_visit_history (GilServer *self,
                      Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_queue_get_visit (self->store, req->id, &error);
  g_autoptr(GPtrArray) entries = NULL;

  if (visit == NULL ||
      (entries = gil_audit_visit_history (self->store, req->id, &error)) == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    gil_api_add_audit_entry (builder, g_ptr_array_index (entries, i));
  gil_json_writer_end_array (builder);
  reply_builder (req, 200, builder);
}

static void
add_stops (GilJsonWriter *builder,
           const char  *member,
           GPtrArray   *stops,
           GilJsonFlags flags)
{
  gil_json_writer_member (builder, member);
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < stops->len; i++)
    gil_api_add_stop (builder, g_ptr_array_index (stops, i), flags);
  gil_json_writer_end_array (builder);
}

static void
handle_queue (GilServer *self,
              Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilRoom) room = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GilRoomQueue) queue = { 0 };
  GilJsonFlags flags = 0;

  room = gil_rooms_get (self->store, req->id, &error);
  if (room == NULL || !gil_queue_list_room (self->store, req->id, &queue, &error))
    {
      reply_error (req, error);
      return;
    }
  /* Staff see names; a display only where the puskesmas allows it. */
  if (with_names (req) ||
      (req->station != NULL && !room->number_only && display_names (self)))
    flags = GIL_JSON_WITH_NAMES;
  room->waiting = queue.waiting->len;

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "room");
  gil_api_add_room (builder, room, TRUE);
  add_stops (builder, "called", queue.called, flags);
  add_stops (builder, "serving", queue.serving, flags);
  add_stops (builder, "waiting", queue.waiting, flags);
  /* Additions to API.md's reply: today's no-shows, and totals. */
  add_stops (builder, "skipped", queue.skipped, flags);
  gil_json_writer_member (builder, "why");
  if (queue.next_why != NULL)
    gil_json_writer_string (builder, queue.next_why);
  else
    gil_json_writer_null (builder);
  gil_json_writer_member (builder, "today");
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "seen");
  gil_json_writer_int (builder, queue.seen);
  gil_json_writer_member (builder, "done");
  gil_json_writer_int (builder, queue.done);
  gil_json_writer_member (builder, "median_wait");
  if (queue.median_wait >= 0)
    gil_json_writer_int (builder, queue.median_wait);
  else
    gil_json_writer_null (builder);
  gil_json_writer_end_object (builder);
  gil_json_writer_end_object (builder);
  reply_builder (req, 200, builder);
}

/* The reply to a stop action: the stop, its visit and, for calls, why. */
static void
reply_stop (GilServer  *self,
            Request    *req,
            GilStop    *stop,
            const char *why)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GilVisit) visit = gil_queue_get_visit (self->store, stop->visit, &error);

  if (visit == NULL)
    {
      reply_error (req, error);
      return;
    }
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "stop");
  gil_api_add_stop (builder, stop, GIL_JSON_WITH_NAMES);
  add_visit_member (builder, visit);
  if (why != NULL)
    {
      gil_json_writer_member (builder, "why");
      gil_json_writer_string (builder, why);
    }
  gil_json_writer_end_object (builder);
  reply_builder (req, 200, builder);
}

static void
handle_call_next (GilServer *self,
                  Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int counter = 0;

  if (!gil_api_read_counter (req->body, &counter, &error))
    {
      reply_error (req, error);
      return;
    }
  if (!owns_room (req, req->id))
    return;
  stop = gil_queue_call_next_at (self->store, req->id, counter, &why, &error);
  if (stop == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_stop (self, req, stop, why);
}

/* Loads the stop named in the path and checks the station serves its room. */
static gboolean
own_stop (GilServer *self,
          Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStop) stop = gil_queue_get_stop (self->store, req->id, &error);

  if (stop == NULL)
    {
      reply_error (req, error);
      return FALSE;
    }
  return owns_room (req, stop->room);
}

static void
handle_stop_call (GilServer *self,
                  Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  int counter = 0;

  if (!gil_api_read_counter (req->body, &counter, &error))
    {
      reply_error (req, error);
      return;
    }
  if (!own_stop (self, req))
    return;
  stop = gil_queue_call_at (self->store, req->id, counter, &why, &error);
  if (stop == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_stop (self, req, stop, why);
}

#define DEFINE_STOP_ACTION(name, func)                                  \
  static void                                                           \
  name (GilServer *self,                                                \
        Request   *req)                                                 \
  {                                                                     \
    g_autoptr(GilStop) stop = NULL;                                     \
    g_autoptr(GError) error = NULL;                                     \
                                                                        \
    if (!own_stop (self, req))                                          \
      return;                                                           \
    stop = func (self->store, req->id, &error);                         \
    if (stop == NULL)                                                   \
      {                                                                 \
        reply_error (req, error);                                       \
        return;                                                         \
      }                                                                 \
    reply_stop (self, req, stop, NULL);                                 \
  }

static void
handle_stop_recall (GilServer *self,
                    Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  int counter = 0;

  if (!gil_api_read_counter (req->body, &counter, &error))
    {
      reply_error (req, error);
      return;
    }
  if (!own_stop (self, req))
    return;
  stop = gil_queue_recall_at (self->store, req->id, counter, &error);
  if (stop == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_stop (self, req, stop, NULL);
}
DEFINE_STOP_ACTION (handle_stop_start, gil_queue_start)
DEFINE_STOP_ACTION (handle_stop_finish, gil_queue_finish)
DEFINE_STOP_ACTION (handle_stop_skip, gil_queue_skip)
DEFINE_STOP_ACTION (handle_stop_requeue, gil_queue_requeue)

static void
handle_stop_transfer (GilServer *self,
                      Request   *req)
{
  g_autoptr(GilStop) stop = NULL;
  g_autoptr(GError) error = NULL;
  gboolean return_after = FALSE;
  gint64 room = 0;

  if (!gil_api_read_transfer (req->body, &room, &return_after, &error))
    {
      reply_error (req, error);
      return;
    }
  if (!own_stop (self, req))
    return;
  stop = gil_queue_transfer (self->store, req->id, room, return_after, &error);
  if (stop == NULL)
    {
      reply_error (req, error);
      return;
    }
  reply_stop (self, req, stop, NULL);
}

static void on_upgraded_cb (SoupServerMessage *msg,
                            gpointer           user_data);

static void
handle_events (GilServer *self,
               Request   *req)
{
  g_autoptr(GError) error = NULL;
  const char *since = req->query != NULL ? g_hash_table_lookup (req->query, "since") : NULL;
  /* An addition to API.md: the log id the client's seq is in, if known. */
  const char *log = req->query != NULL ? g_hash_table_lookup (req->query, "log") : NULL;
  /* An addition to API.md: without since, a station that has nothing
   * starts from a snapshot (-1 to the hub). */
  gint64 value = -1;

  if (since != NULL && !g_ascii_string_to_signed (since, 10, 0, G_MAXINT64, &value, NULL))
    {
      reply_message (req, 400, "invalid-field", _("The parameter “since” is a sequence number"));
      return;
    }

  if (!soup_websocket_server_check_handshake (req->msg, NULL, NULL, NULL, &error))
    {
      reply_message (req, 400, "not-websocket",
                     _("The event stream needs a WebSocket connection"));
      return;
    }

  /* The upgrade is the manager's own, not libsoup's WebSocket handler:
   * the connection goes through a GilMeteredStream (on_upgraded_cb). No
   * extension is taken, so what is queued is what is written. */
  if (!soup_websocket_server_process_handshake (req->msg, NULL, NULL, NULL, NULL))
    return;   /* checked above: not reached */
  g_object_set_data_full (G_OBJECT (req->msg), "gil-station",
                          g_steal_pointer (&req->station), (GDestroyNotify)gil_station_free);
  g_object_set_data (G_OBJECT (req->msg), "gil-since", GSIZE_TO_POINTER ((gsize)(value + 2)));
  g_object_set_data_full (G_OBJECT (req->msg), "gil-log", g_strdup (log), g_free);
  g_signal_connect_object (req->msg, "wrote-informational", G_CALLBACK (on_upgraded_cb), self, 0);
  req->status = 0;
}

/* ── dispatch ─────────────────────────────────────────────────────────── */

static const Route routes[] = {
  { "GET", "/api/v1/health", ROLES_NONE, handle_health },
  { "POST", "/api/v1/pair", ROLES_NONE, handle_pair },
  { "POST", "/api/v1/pairing-codes", ADMIN, handle_pairing_code },
  { "GET", "/api/v1/stations", ADMIN, handle_stations },
  { "GET", "/api/v1/stations/me", ANY, handle_station_me },
  { "POST", "/api/v1/stations/#/revoke", ADMIN, handle_revoke },
  { "GET", "/api/v1/profile", ANY, handle_profile },
  { "PATCH", "/api/v1/profile", ADMIN, handle_profile_update },
  { "GET", "/api/v1/reports/daily", HEAD | ADMIN, handle_report_daily },
  { "POST", "/api/v1/backups", ADMIN, handle_backup },
  { "GET", "/api/v1/reports/range", HEAD | ADMIN, handle_report_range },
  { "GET", "/api/v1/rooms", ANY, handle_rooms },
  { "POST", "/api/v1/rooms", ADMIN, handle_room_create },
  { "PATCH", "/api/v1/rooms/#", ADMIN, handle_room_update },
  { "GET", "/api/v1/rooms/#/queue", ANY, handle_queue },
  { "POST", "/api/v1/rooms/#/call-next", ROOM | ADMIN, handle_call_next },
  { "GET", "/api/v1/patients", REGISTRATION | ADMIN, handle_patient_search },
  { "POST", "/api/v1/patients", REGISTRATION | ADMIN, handle_patient_create },
  { "GET", "/api/v1/patients/#", REGISTRATION | ADMIN, handle_patient_get },
  { "PATCH", "/api/v1/patients/#", REGISTRATION | ADMIN, handle_patient_update },
  { "GET", "/api/v1/patients/#/history", ADMIN, handle_patient_history },
  { "POST", "/api/v1/patients/#/merge", REGISTRATION | ADMIN, handle_patient_merge },
  { "POST", "/api/v1/triage", REGISTRATION | ADMIN, handle_triage },
  { "POST", "/api/v1/visits", REGISTRATION | ADMIN, handle_visit_create },
  { "GET", "/api/v1/visits", REGISTRATION | ADMIN, handle_visit_list },
  { "GET", "/api/v1/visits/#", ANY & ~DISPLAY, handle_visit_get },
  { "GET", "/api/v1/visits/#/history", ADMIN, handle_visit_history },
  { "POST", "/api/v1/visits/#/cancel", REGISTRATION | ADMIN, handle_visit_cancel },
  { "POST", "/api/v1/visits/#/reroute", REGISTRATION | ADMIN, handle_visit_reroute },
  { "POST", "/api/v1/stops/#/call", ROOM | ADMIN, handle_stop_call },
  { "POST", "/api/v1/stops/#/recall", ROOM | ADMIN, handle_stop_recall },
  { "POST", "/api/v1/stops/#/start", ROOM | ADMIN, handle_stop_start },
  { "POST", "/api/v1/stops/#/finish", ROOM | ADMIN, handle_stop_finish },
  { "POST", "/api/v1/stops/#/skip", ROOM | ADMIN, handle_stop_skip },
  { "POST", "/api/v1/stops/#/requeue", ROOM | ADMIN, handle_stop_requeue },
  { "POST", "/api/v1/stops/#/transfer", ROOM | ADMIN, handle_stop_transfer },
  { "GET", "/api/v1/events", ANY, handle_events },
};

static gboolean
is_write (const char *method)
{
  return g_str_equal (method, "POST") || g_str_equal (method, "PATCH");
}

/* Runs a write as one transaction: what the handler changes, the reads
 * its reply is made of and, with a key, the stored reply commit together
 * or not at all, so that a failure anywhere (a full disk at COMMIT, a read
 * after the change) never answers an error for a change that was saved.
 * A repeat of the key gets the stored reply back. */
static void
run_write (GilServer   *self,
           const Route *route,
           Request     *req,
           const char  *key)
{
  g_autofree char *route_key = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  /* A pairing reply holds a token, which is never stored. */
  if (route->handler == handle_pair)
    key = NULL;

  route_key = g_strconcat (req->method, " ", req->path, NULL);
  if (!gil_store_begin (self->store, &error))
    {
      reply_error (req, error);
      return;
    }
  if (key != NULL && gil_store_lookup_reply (self->store, key, route_key, &status, &stored, &error))
    {
      gil_store_rollback (self->store);
      req->status = status;
      req->reply = g_steal_pointer (&stored);
      return;
    }
  if (error != NULL)
    {
      gil_store_rollback (self->store);
      reply_error (req, error);
      return;
    }

  route->handler (self, req);

  /* Answered later from another thread (a backup): nothing to keep. */
  if (req->deferred)
    {
      gil_store_rollback (self->store);
      return;
    }
  /* A storage failure is not an answer to keep: a retry should try again. */
  if (req->status >= 500)
    {
      gil_store_rollback (self->store);
      return;
    }
  if (key != NULL &&
      !gil_store_save_reply (self->store, key, route_key, req->status, req->reply, &error))
    {
      gil_store_rollback (self->store);
      reply_error (req, error);
      return;
    }
  if (!gil_store_commit (self->store, &error))
    reply_error (req, error);
}

static void
dispatch (GilServer *self,
          Request   *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const Route *route = NULL;
  gboolean path_known = FALSE;
  const char *key;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      gint64 id = 0;

      if (!match_route (routes[i].pattern, req->path, &id))
        continue;
      path_known = TRUE;
      if (g_str_equal (routes[i].method, req->method))
        {
          route = &routes[i];
          req->id = id;
          break;
        }
    }
  if (route == NULL)
    {
      if (path_known)
        {
          reply_message (req, 405, "method-not-allowed",
                         _("This method is not allowed on this address"));
          return;
        }
      reply_message (req, 404, "not-found", _("There is nothing at this address"));
      return;
    }

  if (route->roles != ROLES_NONE)
    {
      g_autoptr(GError) error = NULL;

      req->station = authenticate (self, req->msg, &error);
      if (error != NULL)
        {
          reply_error (req, error);
          return;
        }
      if (req->station == NULL)
        {
          reply_message (req, 401, "unauthorized",
                         _("This station is not paired or its token was revoked"));
          return;
        }
      if (!(route->roles & (1u << req->station->role)))
        {
          reply_message (req, 403, "forbidden",
                         _("This station's role may not do this"));
          return;
        }
      if (self->listener != NULL)
        gil_listener_note_station (self->listener, req->msg);
    }

  if (is_write (req->method))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (body->length > MAX_BODY)
        {
          reply_message (req, 413, "too-large", _("The request body is larger than 64 KiB"));
          return;
        }

      key = soup_message_headers_get_one (headers, "Idempotency-Key");
      if (key != NULL && (strlen (key) == 0 || strlen (key) > MAX_KEY))
        {
          reply_message (req, 400, "invalid-field",
                         _("An Idempotency-Key has 1 to 128 bytes"));
          return;
        }

      /* Actions such as call-next carry no body; an empty one is {}. */
      bytes = soup_message_body_flatten (body);
      if (g_bytes_get_size (bytes) == 0)
        req->body = json_object_new ();
      else if ((req->body = gil_api_parse_object (bytes, &error)) == NULL)
        {
          reply_error (req, error);
          return;
        }

      gil_store_set_station (self->store, req->station != NULL ? req->station->id : 0);
      run_write (self, route, req, key);
      gil_store_set_station (self->store, 0);
      return;
    }

  route->handler (self, req);
}

static gboolean
on_publish_cb (gpointer user_data)
{
  GilServer *self = user_data;

  self->publish_id = 0;
  gil_event_hub_publish (self->hub);
  return G_SOURCE_REMOVE;
}

/* libsoup writes a reply as soon as the request's handler returns, so the
 * station that asked hears first and every event client just after, not
 * the other way round. Before any other request: the source is urgent. */
static void
publish_soon (GilServer *self)
{
  if (self->publish_id == 0)
    self->publish_id = g_idle_add_full (G_PRIORITY_HIGH, on_publish_cb, self, NULL);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  GilServer *self = user_data;
  Request req = { 0 };

  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;

  dispatch (self, &req);

  /* Every write ends within its request. One a failure left open would
   * take the next request's changes in with it, or never end. */
  if (gil_store_rollback_all (self->store))
    g_critical ("A write was left open by %s %s; rolled back", req.method, path);

  if (req.status != 0 && !req.deferred)
    {
      /* The length first: the order a call's arguments are worked out
       * in is the compiler's (clang steals the text before strlen). */
      gsize length = req.reply != NULL ? strlen (req.reply) : 0;

      soup_server_message_set_status (msg, req.status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&req.reply), length);
    }

  /* What this request committed goes out to every event client next. */
  if (is_write (req.method))
    publish_soon (self);

  g_clear_pointer (&req.station, gil_station_free);
  g_clear_pointer (&req.body, json_object_unref);
  g_free (req.reply);
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

  g_signal_handlers_disconnect_by_func (msg, on_upgraded_cb, user_data);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL || station == NULL || since == 0)
    return;
  if (self->listener != NULL)
    gil_listener_note_upgrade (self->listener, msg);
  meter = gil_metered_stream_new (stream, gil_event_hub_get_max_backlog ());
  connection = soup_websocket_connection_new (G_IO_STREAM (meter),
                                              soup_server_message_get_uri (msg),
                                              SOUP_WEBSOCKET_CONNECTION_SERVER,
                                              soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Origin"),
                                              NULL, NULL);
  gil_event_hub_add (self->hub, connection, meter, station->id,
                     station->role != GIL_ROLE_DISPLAY, (gint64)since - 2, log);
}

static gboolean
on_prune_cb (gpointer user_data)
{
  GilServer *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 pruned = gil_events_prune (self->store, self->prune_through, PRUNE_BATCH, &error);

  if (pruned > 0)
    return G_SOURCE_CONTINUE;
  /* A storage failure is logged once by on_store_storage_error_cb; the
   * next check of the day tries again. */
  if (pruned < 0 && error->domain != GIL_STORE_ERROR)
    g_warning ("Cannot remove old events: %s", error->message);
  self->prune_id = 0;
  return G_SOURCE_REMOVE;
}

/* Events before the window go a batch at a time, when nothing else waits:
 * the first start on a long log has months of them. */
static void
start_pruning (GilServer *self)
{
  if (self->prune_id != 0 || self->stopping)
    return;
  self->prune_through = gil_events_prune_bound (self->store, gil_events_window_start (self->store));
  if (self->prune_through > 0 && self->prune_through >= gil_events_first_seq (self->store))
    self->prune_id = g_idle_add (on_prune_cb, self);
}

static void aim_at_midnight (GilServer *self);

/* A new service day begins at midnight even when nobody writes, with a
 * backup of the day before. */
static void
check_day (GilServer *self)
{
  g_autoptr(GError) error = NULL;

  /* A storage failure is logged once by on_store_storage_error_cb. */
  if (!gil_queue_ensure_day (self->store, &error) && error->domain != GIL_STORE_ERROR)
    g_warning ("Cannot start the new service day: %s", error->message);
  gil_event_hub_publish (self->hub);
  start_pruning (self);

  if (self->backup_dir != NULL)
    {
      g_autofree char *today = gil_store_dup_today (self->store);

      if (g_strcmp0 (today, self->backup_day) != 0)
        start_backup (self, NULL);
    }
  aim_at_midnight (self);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  GilServer *self = user_data;

  self->midnight_id = 0;
  check_day (self);
  return G_SOURCE_REMOVE;
}

/* The check every DAY_CHECK_INTERVAL follows a clock that was set forward
 * or back, or a computer that slept; this one turns the day at midnight
 * itself. It is aimed anew at every check, from the clock as it is then. */
static void
aim_at_midnight (GilServer *self)
{
  gint64 now = gil_store_now (self->store);
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (local),
                                                      g_date_time_get_month (local),
                                                      g_date_time_get_day_of_month (local),
                                                      0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (start, 1);
  /* From the whole second before now: never early. */
  gint64 wait = g_date_time_to_unix (midnight) - now;

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  self->midnight_id = g_timeout_add_seconds ((guint)CLAMP (wait, 1, 2 * 24 * 3600),
                                             on_midnight_cb, self);
}

static gboolean
check_day_cb (gpointer user_data)
{
  check_day (user_data);
  return G_SOURCE_CONTINUE;
}

/* One line in the log when the storage starts failing and one when it
 * works again, however many requests it refuses in between. */
static void
on_store_storage_error_cb (GilStore   *store,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  GilServer *self = user_data;
  const char *message = gil_store_get_storage_error (store);

  if (message != NULL && !self->storage_failing)
    g_message ("storage failing: %s; writes are refused until it works again, reads go on",
               message);
  else if (message == NULL && self->storage_failing)
    g_message ("storage works again: a write was saved");
  self->storage_failing = message != NULL;
}

static void
gil_server_dispose (GObject *object)
{
  GilServer *self = (GilServer *)object;

  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_handle_id (&self->publish_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->storage_error_id, self->store);
  if (self->listener != NULL)
    gil_listener_stop (self->listener);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->listener);
  g_clear_object (&self->hub);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gil_server_parent_class)->dispose (object);
}

static void
gil_server_finalize (GObject *object)
{
  GilServer *self = (GilServer *)object;

  g_free (self->admin_token);
  g_free (self->fingerprint);
  g_clear_pointer (&self->pairing_guard, gil_pairing_guard_free);
  g_free (self->backup_dir);
  g_free (self->backup_day);
  g_ptr_array_unref (self->backup_waiting);

  G_OBJECT_CLASS (gil_server_parent_class)->finalize (object);
}

static void
gil_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GilServer *self = GIL_SERVER (object);

  switch (prop_id)
    {
    case PROP_PUSKESMAS_NAME:
      g_value_take_string (value, gil_server_dup_puskesmas_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gil_server_class_init (GilServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gil_server_dispose;
  object_class->finalize = gil_server_finalize;
  object_class->get_property = gil_server_get_property;

  /**
   * GilServer:puskesmas-name:
   *
   * The name GET /profile gives; notified when an admin changes it.
   */
  properties[PROP_PUSKESMAS_NAME] =
    g_param_spec_string ("puskesmas-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gil_server_init (GilServer *self)
{
  self->pairing_guard = gil_pairing_guard_new ();
  self->backup_waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * gil_server_dup_puskesmas_name:
 *
 * Returns: (transfer full) (nullable): the puskesmas's name, as GET
 *   /profile gives it
 */
char *
gil_server_dup_puskesmas_name (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->store != NULL ? gil_store_dup_setting (self->store, "puskesmas_name") : NULL;
}

/**
 * gil_server_new:
 * @admin_token: the token that acts as admin
 *
 * Returns: (transfer full): a server; listen with gil_server_listen()
 */
GilServer *
gil_server_new (GilStore   *store,
                const char *admin_token)
{
  GilServer *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (admin_token != NULL && *admin_token != '\0', NULL);

  self = g_object_new (GIL_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->admin_token = g_strdup (admin_token);
  self->hub = gil_event_hub_new (store);
  /* Paths are matched as sent: decoded, "patients%2f1" would be taken
   * for "patients/1", a second spelling of every address. */
  self->soup = soup_server_new ("server-header", "giliran-manager/" PACKAGE_VERSION,
                                "raw-paths", TRUE, NULL);

  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  /* The events' handler refuses a bad token with 401 before the
   * WebSocket handshake, and then makes the upgrade itself. */
  soup_server_add_handler (self->soup, "/api/v1/events", on_request_cb, self, NULL);

  self->storage_error_id = g_signal_connect (store, "notify::storage-error",
                                             G_CALLBACK (on_store_storage_error_cb), self);
  on_store_storage_error_cb (store, NULL, self);

  if (!gil_queue_ensure_day (store, &error))
    g_warning ("Cannot start the service day: %s", error->message);
  start_pruning (self);
  self->day_check_id = g_timeout_add_seconds (DAY_CHECK_INTERVAL, check_day_cb, self);
  aim_at_midnight (self);
  return self;
}

SoupServer *
gil_server_get_soup (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->soup;
}

/**
 * gil_server_listen:
 * @addresses: (array zero-terminated=1): where to listen; the first must
 *   work, a later one may fail (IPv6 on a computer without it)
 * @port: the TCP port, 0 for one the kernel picks
 * @options: how connections are kept
 *
 * Accepts connections on @addresses and serves them, over TLS when a
 * certificate was set.
 *
 * Returns: (transfer none): the listener, or %NULL when the first address
 *   cannot be listened on
 */
GilListener *
gil_server_listen (GilServer                *self,
                   GInetAddress            **addresses,
                   guint                     port,
                   const GilListenerOptions *options,
                   GError                  **error)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);
  g_return_val_if_fail (addresses != NULL && addresses[0] != NULL, NULL);
  g_return_val_if_fail (self->listener == NULL, NULL);

  self->listener = gil_listener_new (self->soup, soup_server_get_tls_certificate (self->soup), options);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (gil_listener_listen (self->listener, addresses[i], port, &local_error))
        continue;
      if (i == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_clear_object (&self->listener);
          return NULL;
        }
      {
        g_autofree char *text = g_inet_address_to_string (addresses[i]);

        g_message ("not listening on %s: %s", text, local_error->message);
      }
    }
  return self->listener;
}

/**
 * gil_server_set_certificate:
 * @certificate: the certificate, with its private key
 *
 * Serves HTTPS and WSS with @certificate: call before gil_server_listen(). Replies that a station pins from
 * carry its fingerprint.
 */
void
gil_server_set_certificate (GilServer       *self,
                            GTlsCertificate *certificate)
{
  g_return_if_fail (GIL_IS_SERVER (self));
  g_return_if_fail (G_IS_TLS_CERTIFICATE (certificate));

  soup_server_set_tls_certificate (self->soup, certificate);
  g_free (self->fingerprint);
  self->fingerprint = gil_fingerprint_of_certificate (certificate);
}

/**
 * gil_server_get_fingerprint:
 *
 * Returns: (nullable): the fingerprint of the TLS certificate, or %NULL
 *   when the server speaks plain HTTP
 */
const char *
gil_server_get_fingerprint (GilServer *self)
{
  g_return_val_if_fail (GIL_IS_SERVER (self), NULL);

  return self->fingerprint;
}

/**
 * gil_server_start_backups:
 * @interval: seconds between backups
 * @keep: how many backups to keep
 *
 * Backs the database up into backups/ beside it now, every @interval
 * seconds, and when a new service day starts; the newest @keep are kept.
 */
void
gil_server_start_backups (GilServer *self,
                          guint      interval,
                          guint      keep)
{
  g_return_if_fail (GIL_IS_SERVER (self));
  g_return_if_fail (interval > 0);
  g_return_if_fail (keep > 0);

  g_free (self->backup_dir);
  self->backup_dir = gil_backup_dir (gil_store_get_path (self->store));
  self->backups_kept = keep;
  start_backup (self, NULL);
  g_clear_handle_id (&self->backup_id, g_source_remove);
  self->backup_id = g_timeout_add_seconds (interval, backup_cb, self);
}

/**
 * gil_server_shutdown:
 *
 * Finishes a backup under way, stops accepting requests and closes the
 * event streams. Requests run one at a time on the main loop, so no write
 * is half-done when this runs.
 */
void
gil_server_shutdown (GilServer *self)
{
  g_return_if_fail (GIL_IS_SERVER (self));

  /* A backup under way is finished, not left half-written. */
  self->stopping = TRUE;
  g_clear_handle_id (&self->backup_id, g_source_remove);
  g_clear_handle_id (&self->day_check_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  while (self->backing_up)
    g_main_context_iteration (NULL, TRUE);

  if (self->listener != NULL)
    gil_listener_stop (self->listener);
  gil_event_hub_close_all (self->hub);
  soup_server_disconnect (self->soup);
}
