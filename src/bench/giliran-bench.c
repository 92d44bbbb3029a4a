/* giliran-bench — how fast Giliran is, against what this machine allows
 *
 * Starts a real giliran-manager on a temporary database and measures, in
 * one run, the physical baselines (a durable SQLite commit with the
 * manager's pragmas, an HTTP round trip on loopback) and Giliran's own
 * figures against them: registration, a call reaching 50 WebSocket
 * subscribers, patient search over a million patients, the daily report
 * over five years of a busy puskesmas, a station's start and what ten
 * starting at once cost the others, the manager's peak memory, the
 * app's first frame and a call's way from its event to the frame of a
 * display that shows it, with ten displays connected
 * (gil-bench-display.c). Prints one "name value" line per figure.
 *
 * The baselines are sampled between the registrations and calls they are
 * compared with, one commit before each request and a round trip after
 * it, so that a ratio compares like with like on a machine whose disk and
 * cores are shared and drift from one minute to the next.
 *
 *   giliran-bench [--quick | --smoke] [--manager PATH] [--app PATH]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "gil-bench-display.h"
#include "gil-bench-stations.h"
#include "gil-patients.h"
#include "gil-rooms.h"
#include "gil-store.h"

typedef struct
{
  const char *name;
  guint       patients;      /* for search */
  guint       years;         /* of visits, for the report */
  guint       visits_per_day;
  guint       samples;       /* timed requests per figure */
  guint       subscribers;
} Scale;

static const Scale full = { "full", 1000000, 5, 400, 400, 50 };
static const Scale quick = { "quick", 200000, 1, 400, 200, 50 };
static const Scale smoke = { "smoke", 2000, 1, 20, 20, 5 };

static const char * const first_names[] = {
  "Ahmad", "Budi", "Siti", "Nur", "Dewi", "Made", "Wayan", "Ketut", "Nyoman", "Putu",
  "Lalu", "Baiq", "Inaq", "Amaq", "Rina", "Agus", "Sri", "Eko", "Hendra", "Yanti",
  "Fitri", "Rizki", "Dian", "Andi", "Indah", "Joko", "Ratna", "Hadi", "Lestari", "Bayu",
  "Ayu", "Gede", "Komang", "Kadek", "Fauzi", "Rahmat", "Suryani", "Aminah", "Yusuf", "Maya",
};

static const char * const family_names[] = {
  "Saputra", "Wijaya", "Hidayat", "Pratama", "Santoso", "Lestari", "Kurniawan", "Sari",
  "Setiawan", "Rahayu", "Mahendra", "Sukardi", "Mardiana", "Hartono", "Susanti", "Gunawan",
  "Wibowo", "Nugroho", "Permata", "Utami", "Anggraini", "Firmansyah", "Ramadhan", "Purnama",
  "Suharto", "Yulianti", "Kusuma", "Handayani", "Syahputra", "Fitriani",
};

/* ── figures ───────────────────────────────────────────────────────── */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Nearest rank over @samples (sorted in place). */
static gint64
percentile (GArray *samples,
            int     percent)
{
  guint rank;

  g_array_sort (samples, compare_gint64);
  rank = (samples->len * percent + 99) / 100;
  return g_array_index (samples, gint64, MAX (rank, 1) - 1);
}

static void
figure (const char *name,
        double      value)
{
  g_print ("%s %.1f\n", name, value);
}

/* ── the baselines, sampled between the measured requests ─────────── */

/* The machine's own limits are sampled one of each between the requests
 * they are compared with, so that both see the same machine: a virtual
 * disk's commit time drifts by half from one minute to the next. */
typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *insert;
  GArray       *commit_us;
  GArray       *rtt_us;
} Baselines;

static void
baselines_open (Baselines  *b,
                const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "baseline.db", NULL);

  g_assert (sqlite3_open (path, &b->db) == SQLITE_OK);
  /* The manager's own pragmas (gil-store.c). */
  sqlite3_exec (b->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                "CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)", NULL, NULL, NULL);
  g_assert (sqlite3_prepare_v2 (b->db, "INSERT INTO t (value) VALUES ('x')", -1, &b->insert, NULL) == SQLITE_OK);
  b->commit_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->rtt_us = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
baselines_close (Baselines *b)
{
  sqlite3_finalize (b->insert);
  sqlite3_close (b->db);
  g_array_unref (b->commit_us);
  g_array_unref (b->rtt_us);
}

/* One durable single-row commit. */
static void
baselines_commit (Baselines *b)
{
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  sqlite3_exec (b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_step (b->insert);
  sqlite3_reset (b->insert);
  g_assert (sqlite3_exec (b->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK);
  took = g_get_monotonic_time () - start;
  g_array_append_val (b->commit_us, took);
}

/* ── data: patients and years of visits, written before the manager ─ */

static void
add_patients (GilStore *store,
              guint     count,
              GRand    *rand)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GilPatient) patient = g_new0 (GilPatient, 1);

      /* The store takes these over as it cleans them. */
      patient->name = g_strdup_printf ("%s %s %s",
                                       first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                       first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))],
                                       family_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (family_names))]);
      patient->birth_date = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1940, 2025),
                                             g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      patient->sex = g_strdup (g_rand_boolean (rand) ? "F" : "M");

      if (i % 10000 == 0)
        g_assert (gil_store_begin (store, &error));
      g_assert (gil_patients_create (store, patient, NULL, &error));
      if (i % 10000 == 9999 || i == count - 1)
        g_assert (gil_store_commit (store, &error));
    }
}

/* Five years of a busy puskesmas, straight into the tables: every visit
 * with its stop, served and timed, in rooms of the default set. */
static void
add_history (GilStore *store,
             guint     years,
             guint     per_day,
             guint     patients,
             GRand    *rand)
{
  static const char * const clusters[] = { "k2", "k3" };
  static const char * const payers[] = { "bpjs", "umum", "other" };
  static const char * const purposes[] = { "sick", "anc", "immunization", "screening", "dental" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_add_days (today, -365 * (int)years);
  sqlite3_stmt *visit = gil_store_prepare (store,
                                           "INSERT INTO visits (patient, day, ticket, purpose, payer, new_patient,"
                                           " cluster, priority, age_months, sex, suggested_room, room, reason,"
                                           " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?, '', ?)",
                                           &error);
  sqlite3_stmt *stop = gil_store_prepare (store,
                                          "INSERT INTO stops (visit, room, day, status, rank, queue_key, enqueued_at,"
                                          " called_at, started_at, finished_at, calls) VALUES"
                                          " (?, ?, ?, 'done', 2, ?, ?, ?, ?, ?, 1)",
                                          &error);
  gint64 key = 0;

  g_assert_no_error (error);
  for (guint d = 0; d < 365 * years; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, d);
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autoptr(GDateTime) opening = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day), 7, 30, 0);
      gint64 open_at = g_date_time_to_unix (opening);

      g_assert (gil_store_begin (store, &error));
      for (guint v = 0; v < per_day; v++)
        {
          g_autofree char *ticket = g_strdup_printf ("D-%03u", v + 1);
          gint64 room = g_rand_int_range (rand, 1, 11);
          gint64 arrived = open_at + v * 60;
          gint64 called = arrived + g_rand_int_range (rand, 60, 3600);
          gint64 finished = called + g_rand_int_range (rand, 120, 900);

          sqlite3_bind_int64 (visit, 1, g_rand_int_range (rand, 1, patients + 1));
          sqlite3_bind_text (visit, 2, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 3, ticket, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 4, purposes[g_rand_int_range (rand, 0, G_N_ELEMENTS (purposes))], -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (visit, 5, payers[g_rand_int_range (rand, 0, 3)], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (visit, 6, g_rand_int_range (rand, 0, 5) == 0);
          sqlite3_bind_text (visit, 7, clusters[g_rand_boolean (rand)], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (visit, 8, g_rand_int_range (rand, 0, 90 * 12));
          sqlite3_bind_text (visit, 9, g_rand_boolean (rand) ? "F" : "M", -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (visit, 10, room);
          sqlite3_bind_int64 (visit, 11, room);
          sqlite3_bind_int64 (visit, 12, arrived);
          g_assert (gil_store_step_done (store, visit, &error));
          sqlite3_reset (visit);

          sqlite3_bind_int64 (stop, 1, sqlite3_last_insert_rowid (gil_store_get_db (store)));
          sqlite3_bind_int64 (stop, 2, room);
          sqlite3_bind_text (stop, 3, date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stop, 4, ++key);
          sqlite3_bind_int64 (stop, 5, arrived);
          sqlite3_bind_int64 (stop, 6, called);
          sqlite3_bind_int64 (stop, 7, called);
          sqlite3_bind_int64 (stop, 8, finished);
          g_assert (gil_store_step_done (store, stop, &error));
          sqlite3_reset (stop);
        }
      g_assert (gil_store_commit (store, &error));
    }
  sqlite3_finalize (visit);
  sqlite3_finalize (stop);
}

/* ── the manager ───────────────────────────────────────────────────── */

typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *token;
  char        *shm;      /* the index of the database's write-ahead log */
} Manager;

/* How many frames (pages) the write-ahead log holds now, read from the
 * header of its index, the -shm file beside it (SQLite's file format:
 * mxFrame, a native 32-bit integer at byte 16); -1 if it cannot be read. */
static gint64
log_frames (Manager *m)
{
  guint32 header[5];
  int fd = g_open (m->shm, O_RDONLY, 0);
  gssize got;

  if (fd < 0)
    return -1;
  got = pread (fd, header, sizeof header, 0);
  close (fd);
  return got == sizeof header ? (gint64)header[4] : -1;
}

/* How many pages the write that found the log at @before put in it, or
 * -1 when a checkpoint let the log start again in between. Every table
 * and index a write touches is at least one page to write and sync. */
static gint64
log_pages_since (Manager *m,
                 gint64   before)
{
  gint64 after = log_frames (m);

  return before >= 0 && after > before ? after - before : -1;
}

static void
manager_start (Manager    *m,
               const char *program,
               const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "giliran.db", NULL);
  g_autofree char *token_file = g_build_filename (dir, "admin-token", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *at;

  m->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program,
                                 "--database", db, "--admin-token-file", token_file,
                                 "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (m->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert (line != NULL && (at = strstr (line, "http://")) != NULL);
  m->url = g_strdup (at);
  m->shm = g_strconcat (db, "-shm", NULL);
  g_assert (g_file_get_contents (token_file, &m->token, NULL, NULL));
  g_strstrip (m->token);
}

static double
manager_peak_rss_mb (Manager *m)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (m->process));
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents (path, &status, NULL, NULL) || (hwm = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (hwm + 6, NULL) / 1024.0;
}

static void
manager_stop (Manager *m)
{
  g_subprocess_send_signal (m->process, SIGTERM);
  g_subprocess_wait (m->process, NULL, NULL);
  g_clear_object (&m->process);
  g_free (m->url);
  g_free (m->shm);
  g_free (m->token);
}

/* ── HTTP ─────────────────────────────────────────────────────────── */

static SoupSession *session;

static SoupMessage *
new_message (Manager    *m,
             const char *method,
             const char *path,
             const char *body)
{
  g_autofree char *uri = g_strconcat (m->url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", m->token, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  /* A write as the app sends it: with a key of its own, and so over the
   * kept-alive connection (gil-connection.c). */
  if (g_str_equal (method, "POST"))
    {
      g_autofree char *key = g_uuid_string_random ();

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
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
static JsonNode *
request (Manager    *m,
         const char *method,
         const char *path,
         const char *body,
         gint64     *took_us)
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

static gint64
timed (Manager    *m,
       const char *method,
       const char *path,
       const char *body)
{
  gint64 took;
  g_autoptr(JsonNode) reply = request (m, method, path, body, &took);

  return took;
}

/* One HTTP round trip that does no work. */
static void
baselines_rtt (Baselines *b,
               Manager   *m)
{
  gint64 took = timed (m, "GET", "/api/v1/health", NULL);

  g_array_append_val (b->rtt_us, took);
}

/* One of each baseline, after a measured request. Each measured request
 * and each round trip comes after a commit of the bench's own, so that
 * both find the manager as idle as the other. */
static void
baselines_sample (Baselines *b,
                  Manager   *m)
{
  baselines_commit (b);
  baselines_rtt (b, m);
  baselines_commit (b);
}

static gint64
new_patient (Manager *m,
             guint    n)
{
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Pasien Uji %u\",\"birth_date\":\"1985-01-01\",\"sex\":\"M\"}", n);
  g_autoptr(JsonNode) patient = request (m, "POST", "/api/v1/patients", body, NULL);

  return json_object_get_int_member (json_node_get_object (patient), "id");
}

static char *
visit_body (gint64 patient,
            gint64 room)
{
  return g_strdup_printf ("{\"patient_id\":%" G_GINT64_FORMAT ",\"purpose\":\"sick\",\"signs\":[],"
                          "\"pregnant\":false,\"payer\":\"bpjs\",\"room\":%" G_GINT64_FORMAT "}",
                          patient, room);
}

/* The manager backs the database up as it starts, on a thread, reading
 * and checking every page; measuring during that would measure the backup.
 * Waits until health shows it done. */
static void
wait_for_first_backup (Manager *m)
{
  for (guint i = 0; i < 6000; i++)
    {
      g_autoptr(JsonNode) health = request (m, "GET", "/api/v1/health", NULL, NULL);
      JsonObject *object = json_node_get_object (health);

      if (json_object_has_member (object, "last_backup") &&
          !json_object_get_null_member (object, "last_backup"))
        return;
      g_usleep (100 * 1000);
    }
  g_printerr ("giliran-bench: the start-up backup did not finish; measuring anyway\n");
}

/* ── call to event, through 50 subscribers ───────────────────────── */

/* Each subscriber stands for a PC of its own, which would read its event
 * on its own CPU; here all 50 share the manager's two cores. So they are
 * read by one thread that does no more than a PC's first look at a
 * message: one epoll wait for all of them, a read, the WebSocket frame
 * found, and the call and its stop id recognised in the text. libsoup's
 * client would cost this process a main-loop turn and a signal per
 * message, 50 times over, on the cores the manager needs. */

#define SUB_BUFFER 65536

typedef struct
{
  int    fd;
  guint8 data[SUB_BUFFER];
  gsize  length;
} Subscriber;

typedef struct
{
  int         epoll;
  Subscriber *subs;
  guint       count;
  gboolean    quit;
  GMutex      lock;
  GCond       changed;
  GHashTable *heard;     /* stop id → how many subscribers heard its call */
  GHashTable *all_at;    /* stop id → when the last of them heard it */
  GThread    *thread;
} Subscribers;

static void
write_all (int         fd,
           const void *data,
           gsize       length)
{
  const char *at = data;

  while (length > 0)
    {
      gssize done = write (fd, at, length);

      if (done < 0 && errno == EINTR)
        continue;
      g_assert (done > 0);
      at += done;
      length -= done;
    }
}

/* A client's frames are masked (RFC 6455 §5.3). */
static void
send_masked_text (int         fd,
                  const char *text)
{
  static const guint8 mask[4] = { 0x5a, 0x17, 0xc3, 0x8e };
  gsize length = strlen (text);
  guint8 frame[6 + 125];

  g_assert (length <= 125);
  frame[0] = 0x81;
  frame[1] = 0x80 | length;
  memcpy (frame + 2, mask, 4);
  for (gsize i = 0; i < length; i++)
    frame[6 + i] = text[i] ^ mask[i % 4];
  write_all (fd, frame, 6 + length);
}

/* Opens the event socket by hand: the HTTP upgrade, then its 101. */
static int
subscriber_connect (Manager    *m,
                    const char *path,
                    Subscriber *sub)
{
  g_autoptr(GUri) uri = g_uri_parse (m->url, G_URI_FLAGS_NONE, NULL);
  struct sockaddr_in address = { 0 };
  g_autofree char *upgrade = NULL;
  const char *end = NULL;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int one = 1;

  g_assert (uri != NULL && fd >= 0);
  address.sin_family = AF_INET;
  address.sin_port = htons (g_uri_get_port (uri));
  g_assert (inet_pton (AF_INET, g_uri_get_host (uri), &address.sin_addr) == 1);
  g_assert (connect (fd, (struct sockaddr *)&address, sizeof address) == 0);
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  upgrade = g_strdup_printf ("GET %s HTTP/1.1\r\n"
                             "Host: %s:%d\r\n"
                             "Authorization: Bearer %s\r\n"
                             "Upgrade: websocket\r\n"
                             "Connection: Upgrade\r\n"
                             "Sec-WebSocket-Key: YmVuY2gtc3Vic2NyaWJlcg==\r\n"
                             "Sec-WebSocket-Version: 13\r\n\r\n",
                             path, g_uri_get_host (uri), g_uri_get_port (uri), m->token);
  write_all (fd, upgrade, strlen (upgrade));

  sub->fd = fd;
  sub->length = 0;
  while (end == NULL)
    {
      gssize got = read (fd, sub->data + sub->length, SUB_BUFFER - 1 - sub->length);

      g_assert (got > 0);
      sub->length += got;
      sub->data[sub->length] = '\0';
      end = strstr ((const char *)sub->data, "\r\n\r\n");
    }
  g_assert (g_str_has_prefix ((const char *)sub->data, "HTTP/1.1 101"));
  /* Whatever came after the headers is the first frames. */
  end += 4;
  sub->length -= end - (const char *)sub->data;
  memmove (sub->data, end, sub->length);
  g_unix_set_fd_nonblocking (fd, TRUE, NULL);
  return fd;
}

static void
heard_text (Subscribers *subs,
            const char  *data,
            gsize        length)
{
  static const char stop_called[] = "\"type\":\"stop.called\"";
  static const char stop_object[] = "\"stop\":{";
  static const char id_member[] = "\"id\":";
  const char *found;
  gpointer id;
  guint heard;

  if (g_strstr_len (data, length, stop_called) == NULL ||
      (found = g_strstr_len (data, length, stop_object)) == NULL ||
      (found = g_strstr_len (found, length - (found - data), id_member)) == NULL)
    return;
  id = GINT_TO_POINTER (g_ascii_strtoll (found + strlen (id_member), NULL, 10));

  g_mutex_lock (&subs->lock);
  heard = GPOINTER_TO_UINT (g_hash_table_lookup (subs->heard, id)) + 1;
  g_hash_table_insert (subs->heard, id, GUINT_TO_POINTER (heard));
  if (heard == subs->count)
    {
      gint64 *at = g_new (gint64, 1);

      *at = g_get_monotonic_time ();
      g_hash_table_insert (subs->all_at, id, at);
      g_cond_broadcast (&subs->changed);
    }
  g_mutex_unlock (&subs->lock);
}

/* Takes every whole frame off the front of @sub's buffer. The manager
 * sends each message in one unmasked frame. */
static void
take_frames (Subscribers *subs,
             Subscriber  *sub)
{
  gsize at = 0;

  for (;;)
    {
      const guint8 *frame = sub->data + at;
      gsize left = sub->length - at;
      gsize header = 2;
      guint64 length;

      if (left < 2)
        break;
      g_assert ((frame[1] & 0x80) == 0);
      length = frame[1] & 0x7f;
      if (length == 126)
        {
          header = 4;
          if (left < header)
            break;
          length = (frame[2] << 8) | frame[3];
        }
      else if (length == 127)
        {
          header = 10;
          if (left < header)
            break;
          length = 0;
          for (guint i = 0; i < 8; i++)
            length = (length << 8) | frame[2 + i];
        }
      g_assert (length < SUB_BUFFER - 16);
      if (left < header + length)
        break;
      if ((frame[0] & 0x0f) == 0x1)
        heard_text (subs, (const char *)frame + header, length);
      at += header + length;
    }
  sub->length -= at;
  memmove (sub->data, sub->data + at, sub->length);
}

static gpointer
subscribers_thread (gpointer data)
{
  Subscribers *subs = data;
  gint64 pinged = g_get_monotonic_time ();

  while (!g_atomic_int_get (&subs->quit))
    {
      struct epoll_event ready[64];
      int n = epoll_wait (subs->epoll, ready, G_N_ELEMENTS (ready), 200);

      for (int i = 0; i < n; i++)
        {
          Subscriber *sub = &subs->subs[ready[i].data.u32];
          gssize got;

          while ((got = read (sub->fd, sub->data + sub->length, SUB_BUFFER - sub->length)) > 0)
            {
              sub->length += got;
              take_frames (subs, sub);
            }
          g_assert (got < 0 && (errno == EAGAIN || errno == EINTR));
        }
      /* The manager drops a client it has not heard from for 15 s. */
      if (g_get_monotonic_time () - pinged > 5 * G_USEC_PER_SEC)
        {
          for (guint i = 0; i < subs->count; i++)
            send_masked_text (subs->subs[i].fd, "{\"type\":\"ping\"}");
          pinged = g_get_monotonic_time ();
        }
    }
  return NULL;
}

static void
subscribers_start (Subscribers *subs,
                   Manager     *m,
                   guint        count)
{
  g_autoptr(JsonNode) health = request (m, "GET", "/api/v1/health", NULL, NULL);
  g_autofree char *path = g_strdup_printf ("/api/v1/events?since=%" G_GINT64_FORMAT,
                                           json_object_get_int_member (json_node_get_object (health), "seq"));

  subs->count = count;
  subs->subs = g_new0 (Subscriber, count);
  subs->heard = g_hash_table_new (NULL, NULL);
  subs->all_at = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_mutex_init (&subs->lock);
  g_cond_init (&subs->changed);
  subs->epoll = epoll_create1 (EPOLL_CLOEXEC);
  g_assert (subs->epoll >= 0);
  for (guint i = 0; i < count; i++)
    {
      struct epoll_event event = { .events = EPOLLIN, .data.u32 = i };

      subscriber_connect (m, path, &subs->subs[i]);
      g_assert (epoll_ctl (subs->epoll, EPOLL_CTL_ADD, subs->subs[i].fd, &event) == 0);
    }
  subs->thread = g_thread_new ("subscribers", subscribers_thread, subs);
}

static void
subscribers_stop (Subscribers *subs)
{
  g_atomic_int_set (&subs->quit, TRUE);
  g_thread_join (subs->thread);
  for (guint i = 0; i < subs->count; i++)
    close (subs->subs[i].fd);
  close (subs->epoll);
  g_free (subs->subs);
  g_hash_table_unref (subs->heard);
  g_hash_table_unref (subs->all_at);
  g_mutex_clear (&subs->lock);
  g_cond_clear (&subs->changed);
}

/* When every subscriber had heard the call of @stop. */
static gint64
subscribers_wait (Subscribers *subs,
                  gint64       stop)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gint64 *at;

  g_mutex_lock (&subs->lock);
  while ((at = g_hash_table_lookup (subs->all_at, GINT_TO_POINTER (stop))) == NULL)
    if (!g_cond_wait_until (&subs->changed, &subs->lock, deadline))
      g_error ("the call of stop %" G_GINT64_FORMAT " did not reach every subscriber", stop);
  g_mutex_unlock (&subs->lock);
  return *at;
}

static void
measure_call_to_event (Manager     *m,
                       const Scale *scale,
                       gint64       room,
                       Baselines   *baselines,
                       GArray      *times,
                       GArray      *replies,
                       GArray      *pages)
{
  Subscribers subs = { 0 };
  g_autofree char *call_path = g_strdup_printf ("/api/v1/rooms/%" G_GINT64_FORMAT "/call-next", room);

  subscribers_start (&subs, m, scale->subscribers);
  baselines_commit (baselines);
  for (guint i = 0; i < scale->samples; i++)
    {
      g_autoptr(JsonNode) reply = NULL;
      JsonObject *stop;
      gint64 start, answered, heard, frames;

      frames = log_frames (m);
      start = g_get_monotonic_time ();
      reply = request (m, "POST", call_path, NULL, NULL);
      answered = g_get_monotonic_time ();
      if ((frames = log_pages_since (m, frames)) > 0)
        g_array_append_val (pages, frames);
      stop = json_object_get_object_member (json_node_get_object (reply), "stop");
      heard = subscribers_wait (&subs, json_object_get_int_member (stop, "id"));
      /* The event may reach the subscribers before the reply reaches us. */
      g_array_append_val (times, (gint64){ MAX (answered, heard) - start });
      g_array_append_val (replies, (gint64){ answered - start });
      baselines_sample (baselines, m);
    }
  subscribers_stop (&subs);
}

/* ── the app's first frame ──────────────────────────────────────────── */

static double
app_first_frame_ms (const char *app,
                    Manager    *m,
                    const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token_file = g_build_filename (dir, "admin-token", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 start;

  if (app == NULL || g_getenv ("DISPLAY") == NULL || !g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    return -1;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GILIRAN_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", FALSE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  /* Run from the build folder, the app finds its schema there. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *bin = g_path_get_dirname (app);
      g_autofree char *schemas = g_build_filename (bin, "..", "..", "data", NULL);

      g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
    }
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, app, "--manager", m->url,
                                         "--token-file", token_file, "--station", "display", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    return -1;
  /* The app prints when it painted, on the same monotonic clock. */
  line = out != NULL ? strstr (out, "first-frame-us ") : NULL;
  return line != NULL ? (g_ascii_strtoll (line + 15, NULL, 10) - start) / 1000.0 : -1;
}

/* ── the run ───────────────────────────────────────────────────────── */

static char *
beside_me (const char *argv0,
           const char *relative)
{
  g_autofree char *dir = g_path_get_dirname (argv0);

  return g_build_filename (dir, relative, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *manager_path = NULL;
  g_autofree char *app_path = NULL;
  gboolean quick_run = FALSE, smoke_run = FALSE;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick_run, "A reduced scale: 200,000 patients, one year", NULL },
    { "smoke", 0, 0, G_OPTION_ARG_NONE, &smoke_run, "A tiny scale, to check the program works", NULL },
    { "manager", 0, 0, G_OPTION_ARG_FILENAME, &manager_path, "giliran-manager to measure", "PATH" },
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app_path, "giliran, for its first frame", "PATH" },
    { NULL }
  };
  const Scale *scale;
  g_autofree char *dir = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) replies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (gint64));
  Manager m = { 0 };
  Baselines baselines = { 0 };
  gint64 commit_us, rtt_us, register_p50, register_p99, call_p50, call_p99;
  gint64 register_pages;
  gint64 room;
  double rtt_plus_commit;
  gint64 started;

  context = g_option_context_new ("— measure Giliran against this machine");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("giliran-bench: %s\n", error->message);
      return 2;
    }
  scale = smoke_run ? &smoke : quick_run ? &quick : &full;
  if (manager_path == NULL)
    manager_path = g_strdup (g_getenv ("GILIRAN_MANAGER"));
  if (manager_path == NULL)
    manager_path = beside_me (argv[0], "../manager/giliran-manager");
  if (app_path == NULL)
    app_path = beside_me (argv[0], "../app/giliran");

  dir = g_dir_make_tmp ("giliran-bench-XXXXXX", &error);
  g_assert_no_error (error);
  g_print ("scale %s\n", scale->name);

  baselines_open (&baselines, dir);

  /* The data the manager will serve, written before it starts. */
  started = g_get_monotonic_time ();
  {
    g_autofree char *db = g_build_filename (dir, "giliran.db", NULL);
    g_autoptr(GilStore) store = gil_store_open (db, GIL_STORE_FLAGS_NONE, &error);

    g_assert_no_error (error);
    add_patients (store, scale->patients, rand);
    add_history (store, scale->years, scale->visits_per_day, scale->patients, rand);
  }
  g_printerr ("giliran-bench: data written in %.0f s\n", (g_get_monotonic_time () - started) / 1e6);

  session = soup_session_new_with_options ("timeout", 60, "max-conns", 100, "max-conns-per-host", 100, NULL);
  manager_start (&m, manager_path, dir);
  started = g_get_monotonic_time ();
  wait_for_first_backup (&m);
  g_printerr ("giliran-bench: start-up backup done in %.1f s\n", (g_get_monotonic_time () - started) / 1e6);

  /* Registration, end to end, into the adults' room. */
  {
    g_autoptr(JsonNode) rooms = request (&m, "GET", "/api/v1/rooms", NULL, NULL);
    JsonArray *list = json_node_get_array (rooms);

    room = 0;
    for (guint i = 0; i < json_array_get_length (list); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (list, i), "code"), "K3-DEWASA") == 0)
        room = json_object_get_int_member (json_array_get_object_element (list, i), "id");
    g_assert (room > 0);
  }
  g_array_set_size (times, 0);
  for (guint i = 0; i < scale->samples; i++)
    {
      gint64 patient;
      g_autofree char *body = NULL;
      gint64 took, frames;

      patient = new_patient (&m, i);
      body = visit_body (patient, room);
      baselines_commit (&baselines);
      frames = log_frames (&m);
      took = timed (&m, "POST", "/api/v1/visits", body);
      g_array_append_val (times, took);
      if ((frames = log_pages_since (&m, frames)) > 0)
        g_array_append_val (pages, frames);
      baselines_sample (&baselines, &m);
    }
  register_p50 = percentile (times, 50);
  register_p99 = percentile (times, 99);
  register_pages = pages->len > 0 ? percentile (pages, 50) : -1;
  g_array_set_size (pages, 0);

  /* A call reaching every subscriber. */
  g_array_set_size (times, 0);
  measure_call_to_event (&m, scale, room, &baselines, times, replies, pages);
  call_p50 = percentile (times, 50);
  call_p99 = percentile (times, 99);

  /* The baselines, from samples taken between the requests above. */
  commit_us = percentile (baselines.commit_us, 50);
  rtt_us = percentile (baselines.rtt_us, 50);
  rtt_plus_commit = commit_us + rtt_us;
  figure ("baseline.commit_us", commit_us);
  figure ("baseline.rtt_us", rtt_us);
  /* The disk's own tail, for reading call_to_event.p99_us against. */
  figure ("baseline.commit_p99_us", percentile (baselines.commit_us, 99));
  figure ("register.p50_us", register_p50);
  figure ("register.p99_us", register_p99);
  figure ("call_to_event.p50_us", call_p50);
  figure ("call_to_event.p99_us", call_p99);
  /* The caller's own reply: the rest of call_to_event is the sending to
   * every subscriber, after it. */
  figure ("call_to_reply.p50_us", percentile (replies, 50));
  figure ("call_to_reply.p99_us", percentile (replies, 99));
  /* Pages each write put in the log, to write and sync in its commit
   * (the baseline's commit puts one). */
  if (register_pages > 0 && pages->len > 0)
    {
      figure ("register.log_pages", register_pages);
      figure ("call.log_pages", percentile (pages, 50));
    }

  /* Search: names by the prefix of a word, as a clerk types them. */
  g_array_set_size (times, 0);
  for (guint i = 0; i < scale->samples; i++)
    {
      const char *first = first_names[i % G_N_ELEMENTS (first_names)];
      const char *family = family_names[(i * 7) % G_N_ELEMENTS (family_names)];
      g_autofree char *path = g_strdup_printf ("/api/v1/patients?q=%.3s%%20%.4s", first, family);
      gint64 took = timed (&m, "GET", path, NULL);

      g_array_append_val (times, took);
    }
  figure ("search.p50_ms", percentile (times, 50) / 1000.0);

  /* The daily report on days spread over the history. */
  g_array_set_size (times, 0);
  for (guint i = 0; i < MIN (scale->samples, 100); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -1 - (int)g_rand_int_range (rand, 0, 365 * scale->years - 1));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *path = g_strdup_printf ("/api/v1/reports/daily?date=%s", date);
      gint64 took = timed (&m, "GET", path, NULL);

      g_array_append_val (times, took);
    }
  figure ("report.daily_p50_ms", percentile (times, 50) / 1000.0);

  /* Stations starting on the day's queues, over the whole history. */
  {
    GilBenchStations stations = { 0 };

    gil_bench_stations (m.url, m.token, &stations);
    figure ("station.start_ms", stations.start_ms);
    figure ("station.start_stall_ms", stations.start_stall_ms);
    figure ("station.quiet_stall_ms", stations.quiet_stall_ms);
  }

  figure ("manager.rss_mb", manager_peak_rss_mb (&m));
  {
    g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));

    /* The median of five starts: one start alone swings by a third. */
    for (guint i = 0; i < 5; i++)
      {
        double first_frame = app_first_frame_ms (app_path, &m, dir);

        if (first_frame < 0)
          break;
        g_array_append_val (frames, (gint64){ (gint64)(first_frame * 1000) });
      }
    if (frames->len == 5)
      figure ("app.first_frame_ms", percentile (frames, 50) / 1000.0);
    else
      g_printerr ("giliran-bench: no display or no app: app.first_frame_ms not measured\n");
  }

  /* A call's event to the display's frame, ten displays connected. */
  {
    g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autofree char *token_file = g_build_filename (dir, "admin-token", NULL);
    const char *why = gil_bench_display (m.url, m.token, app_path, token_file, room,
                                         MIN (scale->samples, 200), frames);

    if (why == NULL)
      {
        figure ("display.call_to_frame_p50_ms", percentile (frames, 50) / 1000.0);
        figure ("display.call_to_frame_p99_ms", percentile (frames, 99) / 1000.0);
      }
    else
      g_printerr ("giliran-bench: %s: display.call_to_frame not measured\n", why);
  }

  g_print ("ratio.register_p50 %.2f\n", register_p50 / rtt_plus_commit);
  g_print ("ratio.call_to_event_p99 %.2f\n", call_p99 / rtt_plus_commit);

  manager_stop (&m);
  baselines_close (&baselines);
  g_clear_object (&session);
  /* Kept on request, to look at what the manager wrote. */
  if (g_getenv ("GILIRAN_BENCH_KEEP") != NULL)
    {
      g_printerr ("giliran-bench: the data is kept in %s\n", dir);
      return 0;
    }
  {
    g_autoptr(GFile) top = g_file_new_for_path (dir);
    g_autoptr(GFileEnumerator) files = g_file_enumerate_children (top, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (files != NULL && (info = g_file_enumerator_next_file (files, NULL, NULL)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, g_file_info_get_name (info), NULL);

        g_unlink (path);
        g_object_unref (info);
      }
    g_rmdir (dir);
  }
  return 0;
}
