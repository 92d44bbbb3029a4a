/* gil-schema.c — the database schema and its migrations
 *
 * The schema moves forward by PRAGMA user_version, one transaction a step,
 * so a new file and a file of any older version reach the newest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "gil-core-resources.h"
#include "gil-events.h"
#include "gil-schema.h"

typedef gboolean (*MigrateFunc) (GilStore *store, GError **error);

static const char schema_v1[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE rooms ("
  "  id               INTEGER PRIMARY KEY,"
  "  code             TEXT NOT NULL UNIQUE,"
  "  name             TEXT NOT NULL,"
  "  cluster          TEXT NOT NULL CHECK (cluster IN ('k2','k3','k4','lk')),"
  "  prefix           TEXT NOT NULL CHECK (length (prefix) = 1),"
  "  active           INTEGER NOT NULL DEFAULT 1,"
  "  priority_policy  TEXT NOT NULL DEFAULT 'interleave'"
  "                   CHECK (priority_policy IN ('interleave','strict')),"
  "  interleave_every INTEGER NOT NULL DEFAULT 2 CHECK (interleave_every >= 1),"
  "  number_only      INTEGER NOT NULL DEFAULT 0,"
  "  streak           INTEGER NOT NULL DEFAULT 0"  /* priority calls in a row */
  ");"

  "CREATE TABLE room_tags ("
  "  room INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,"
  "  tag  TEXT NOT NULL,"
  "  PRIMARY KEY (room, tag)"
  ") WITHOUT ROWID;"
  "CREATE INDEX room_tags_tag ON room_tags (tag);"

  "CREATE TABLE rules ("
  "  id         TEXT PRIMARY KEY,"
  "  position   INTEGER NOT NULL UNIQUE,"
  "  signs      TEXT NOT NULL DEFAULT '',"
  "  purposes   TEXT NOT NULL DEFAULT '',"
  "  pregnant   INTEGER NOT NULL DEFAULT 0,"
  "  min_months INTEGER,"
  "  max_months INTEGER,"
  "  tag        TEXT NOT NULL,"
  "  priority   TEXT CHECK (priority IS NULL OR priority = 'emergency'),"
  "  active     INTEGER NOT NULL DEFAULT 1"
  ");"

  "CREATE TABLE patients ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  rm         TEXT NOT NULL UNIQUE,"
  "  nik        TEXT UNIQUE,"
  "  bpjs       TEXT,"
  "  name       TEXT NOT NULL,"
  "  birth_date TEXT NOT NULL,"
  "  sex        TEXT NOT NULL CHECK (sex IN ('F','M')),"
  "  address    TEXT NOT NULL DEFAULT '',"
  "  phone      TEXT NOT NULL DEFAULT '',"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX patients_bpjs ON patients (bpjs) WHERE bpjs IS NOT NULL;"

  /* One row per word of a name, folded, for prefix search by any word. */
  "CREATE TABLE patient_words ("
  "  word    TEXT NOT NULL,"
  "  patient INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (word, patient)"
  ") WITHOUT ROWID;"
  "CREATE INDEX patient_words_patient ON patient_words (patient);";

static const char schema_v2[] =
  "CREATE TABLE visits ("
  "  id              INTEGER PRIMARY KEY,"
  "  patient         INTEGER NOT NULL REFERENCES patients (id),"
  "  day             TEXT NOT NULL,"
  "  ticket          TEXT NOT NULL,"
  "  purpose         TEXT NOT NULL,"
  "  signs           TEXT NOT NULL DEFAULT '',"
  "  pregnant        INTEGER NOT NULL DEFAULT 0,"
  "  payer           TEXT NOT NULL CHECK (payer IN ('bpjs','umum','other')),"
  "  new_patient     INTEGER NOT NULL,"
  "  cluster         TEXT NOT NULL CHECK (cluster IN ('k2','k3')),"
  "  priority        TEXT NOT NULL CHECK (priority IN ('emergency','priority','normal')),"
  "  priority_reason TEXT NOT NULL DEFAULT '',"
  "  age_months      INTEGER NOT NULL,"
  "  sex             TEXT NOT NULL,"
  "  suggested_room  INTEGER REFERENCES rooms (id),"
  "  room            INTEGER NOT NULL REFERENCES rooms (id),"
  "  overridden      INTEGER NOT NULL DEFAULT 0,"
  "  rule            TEXT,"
  "  reason          TEXT NOT NULL,"
  "  registered_at   INTEGER NOT NULL,"
  "  station         INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (day, ticket)"
  ");"
  "CREATE INDEX visits_patient_day ON visits (patient, day);"
  "CREATE INDEX visits_day ON visits (day);"

  /* The last ticket number given per prefix and service day. */
  "CREATE TABLE tickets ("
  "  day    TEXT NOT NULL,"
  "  prefix TEXT NOT NULL,"
  "  last   INTEGER NOT NULL,"
  "  PRIMARY KEY (day, prefix)"
  ") WITHOUT ROWID;"

  "CREATE TABLE stops ("
  "  id           INTEGER PRIMARY KEY,"
  "  visit        INTEGER NOT NULL REFERENCES visits (id),"
  "  room         INTEGER NOT NULL REFERENCES rooms (id),"
  "  day          TEXT NOT NULL,"
  "  status       TEXT NOT NULL CHECK (status IN ('waiting','called','serving','done',"
  "                                               'skipped','transferred','expired')),"
  "  rank         INTEGER NOT NULL,"       /* 0 emergency, 1 priority, 2 normal */
  "  queue_key    INTEGER NOT NULL,"       /* place in the room's queue */
  "  enqueued_at  INTEGER NOT NULL,"
  "  called_at    INTEGER,"
  "  started_at   INTEGER,"
  "  finished_at  INTEGER,"
  "  calls        INTEGER NOT NULL DEFAULT 0,"
  "  out_of_order INTEGER NOT NULL DEFAULT 0,"
  "  from_stop    INTEGER REFERENCES stops (id),"
  "  return_room  INTEGER REFERENCES rooms (id),"
  "  return_key   INTEGER"
  ");"
  "CREATE INDEX stops_queue ON stops (room, status, rank, queue_key);"
  "CREATE INDEX stops_visit ON stops (visit);"
  "CREATE INDEX stops_day ON stops (day);"
  "CREATE INDEX stops_open ON stops (status) WHERE status IN ('waiting','called','serving');"

  "CREATE TABLE events ("
  "  seq     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  type    TEXT NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  room    INTEGER,"
  "  visit   INTEGER,"
  "  stop    INTEGER,"
  "  station INTEGER NOT NULL DEFAULT 0,"
  "  data    TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE INDEX events_visit ON events (visit) WHERE visit IS NOT NULL;"

  "CREATE TABLE requests ("
  "  key        TEXT NOT NULL,"
  "  route      TEXT NOT NULL,"
  "  status     INTEGER NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (key, route)"
  ") WITHOUT ROWID;"

  "CREATE TABLE stations ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name       TEXT NOT NULL,"
  "  role       TEXT NOT NULL CHECK (role IN ('admin','registration','room','display','head')),"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"
  "  last_seen  INTEGER,"
  "  revoked    INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE station_rooms ("
  "  station INTEGER NOT NULL REFERENCES stations (id) ON DELETE CASCADE,"
  "  room    INTEGER NOT NULL REFERENCES rooms (id),"
  "  PRIMARY KEY (station, room)"
  ") WITHOUT ROWID;"
  "CREATE TABLE pairing_codes ("
  "  code_hash  TEXT PRIMARY KEY,"
  "  role       TEXT NOT NULL,"
  "  rooms      TEXT NOT NULL DEFAULT '',"
  "  expires_at INTEGER NOT NULL,"
  "  used       INTEGER NOT NULL DEFAULT 0"
  ");";

/* The audit trail: what an event does not say about an action (a call out
 * of turn), and who created or corrected a patient's record. */
static const char schema_v3[] =
  "ALTER TABLE events ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';"

  "CREATE TABLE patient_changes ("
  "  id      INTEGER PRIMARY KEY,"
  "  patient INTEGER NOT NULL REFERENCES patients (id),"
  "  at      INTEGER NOT NULL,"
  "  station INTEGER NOT NULL DEFAULT 0,"
  "  action  TEXT NOT NULL CHECK (action IN ('created','updated')),"
  "  fields  TEXT NOT NULL DEFAULT ''"     /* the fields changed, comma-separated */
  ");"
  "CREATE INDEX patient_changes_patient ON patient_changes (patient);";

static GBytes *
lookup_data (const char  *name,
             GError     **error)
{
  g_autofree char *path = g_strconcat ("/org/giliran/core/", name, NULL);

  return g_resource_lookup_data (gil_core_get_resource (), path,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/* Rows of a shipped TSV file, without comments and blank lines. */
static GPtrArray *
read_tsv (const char  *name,
          guint        columns,
          GError     **error)
{
  g_autoptr(GBytes) bytes = lookup_data (name, error);
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) lines = NULL;

  if (bytes == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != columns)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s: line %u has %u fields, not %u",
                       name, i + 1, g_strv_length (fields), columns);
          return NULL;
        }
      g_ptr_array_add (rows, g_steal_pointer (&fields));
    }
  return g_steal_pointer (&rows);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (g_strcmp0 (text, "-") == 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, atoi (text));
}

static const char *
list_or_empty (const char *text)
{
  return g_strcmp0 (text, "-") == 0 ? "" : text;
}

static gboolean
seed_defaults (GilStore  *store,
               GError   **error)
{
  g_autoptr(GPtrArray) rooms = read_tsv ("default-rooms.tsv", 6, error);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(sqlite3_stmt) room_stmt = NULL;
  g_autoptr(sqlite3_stmt) tag_stmt = NULL;
  g_autoptr(sqlite3_stmt) rule_stmt = NULL;

  if (rooms == NULL)
    return FALSE;
  rules = read_tsv ("default-rules.tsv", 8, error);
  if (rules == NULL)
    return FALSE;

  room_stmt = gil_store_prepare (store,
                                 "INSERT INTO rooms (code, name, cluster, prefix, number_only) "
                                 "VALUES (?, ?, ?, ?, ?)",
                                 error);
  tag_stmt = gil_store_prepare (store,
                                "INSERT INTO room_tags (room, tag) VALUES (?, ?)",
                                error);
  rule_stmt = gil_store_prepare (store,
                                 "INSERT INTO rules (id, position, signs, purposes, pregnant,"
                                 " min_months, max_months, tag, priority) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
  if (room_stmt == NULL || tag_stmt == NULL || rule_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rooms->len; i++)
    {
      GStrv f = g_ptr_array_index (rooms, i);
      g_auto(GStrv) tags = g_strsplit (f[4], ",", -1);
      gint64 room;

      sqlite3_reset (room_stmt);
      for (guint c = 0; c < 4; c++)
        sqlite3_bind_text (room_stmt, c + 1, f[c], -1, SQLITE_STATIC);
      sqlite3_bind_int (room_stmt, 5, atoi (f[5]));
      if (!gil_store_step_done (store, room_stmt, error))
        return FALSE;
      room = sqlite3_last_insert_rowid (gil_store_get_db (store));

      for (guint t = 0; tags[t] != NULL; t++)
        {
          sqlite3_reset (tag_stmt);
          sqlite3_bind_int64 (tag_stmt, 1, room);
          sqlite3_bind_text (tag_stmt, 2, tags[t], -1, SQLITE_STATIC);
          if (!gil_store_step_done (store, tag_stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < rules->len; i++)
    {
      GStrv f = g_ptr_array_index (rules, i);

      sqlite3_reset (rule_stmt);
      sqlite3_bind_text (rule_stmt, 1, f[0], -1, SQLITE_STATIC);
      sqlite3_bind_int (rule_stmt, 2, (int)i + 1);
      sqlite3_bind_text (rule_stmt, 3, list_or_empty (f[1]), -1, SQLITE_STATIC);
      sqlite3_bind_text (rule_stmt, 4, list_or_empty (f[2]), -1, SQLITE_STATIC);
      sqlite3_bind_int (rule_stmt, 5, atoi (f[3]));
      bind_optional_int (rule_stmt, 6, f[4]);
      bind_optional_int (rule_stmt, 7, f[5]);
      sqlite3_bind_text (rule_stmt, 8, f[6], -1, SQLITE_STATIC);
      if (g_strcmp0 (f[7], "-") == 0)
        sqlite3_bind_null (rule_stmt, 9);
      else
        sqlite3_bind_text (rule_stmt, 9, f[7], -1, SQLITE_STATIC);
      if (!gil_store_step_done (store, rule_stmt, error))
        return FALSE;
    }

  return gil_store_set_setting (store, "puskesmas_name", "Puskesmas", error);
}

static gboolean
migrate_to_1 (GilStore  *store,
              GError   **error)
{
  return gil_store_exec (store, schema_v1, error) && seed_defaults (store, error);
}

/* Less to write for every registration: the day's visits are found by
 * the index of UNIQUE (day, ticket) as well as by one on the day alone. */
static const char schema_v4[] =
  "DROP INDEX visits_day;";

/* The triggers that keep queue_counts as stops enter and leave the
 * waiting state: made by schema 5, and made again, the same, when schema
 * 12 makes the stops table again. Shipped: never to change (a change is a
 * new step). */
#define STOPS_WAITING_TRIGGERS \
  "CREATE TRIGGER stops_waiting_insert AFTER INSERT ON stops" \
  "  WHEN new.status = 'waiting' BEGIN" \
  "  INSERT INTO queue_counts (room, rank, waiting) VALUES (new.room, new.rank, 1)" \
  "    ON CONFLICT (room, rank) DO UPDATE SET waiting = waiting + 1;" \
  "END;" \
  "CREATE TRIGGER stops_waiting_leave AFTER UPDATE OF status, room, rank ON stops" \
  "  WHEN old.status = 'waiting' BEGIN" \
  "  UPDATE queue_counts SET waiting = waiting - 1 WHERE room = old.room AND rank = old.rank;" \
  "END;" \
  "CREATE TRIGGER stops_waiting_enter AFTER UPDATE OF status, room, rank ON stops" \
  "  WHEN new.status = 'waiting' BEGIN" \
  "  INSERT INTO queue_counts (room, rank, waiting) VALUES (new.room, new.rank, 1)" \
  "    ON CONFLICT (room, rank) DO UPDATE SET waiting = waiting + 1;" \
  "END;" \
  "CREATE TRIGGER stops_waiting_delete AFTER DELETE ON stops" \
  "  WHEN old.status = 'waiting' BEGIN" \
  "  UPDATE queue_counts SET waiting = waiting - 1 WHERE room = old.room AND rank = old.rank;" \
  "END;"

/* How many wait in each room at each rank, kept by triggers on stops as
 * they enter and leave the waiting state: a stop's place, the next to call
 * and the least busy room come from these few rows instead of counting a
 * queue, which a busy room's 100–200 waiting make cost. */
static const char schema_v5[] =
  "CREATE TABLE queue_counts ("
  "  room    INTEGER NOT NULL,"
  "  rank    INTEGER NOT NULL,"
  "  waiting INTEGER NOT NULL,"
  "  PRIMARY KEY (room, rank)"
  ") WITHOUT ROWID;"
  "INSERT INTO queue_counts (room, rank, waiting)"
  "  SELECT room, rank, count (*) FROM stops WHERE status = 'waiting' GROUP BY room, rank;"

  STOPS_WAITING_TRIGGERS;

/* Replies to writes are kept a week from now on (the manager's
 * gil-server-replies.c); those an older version kept for ever go at once,
 * when the manager starts, rather than in the first write of a day. */
static gboolean
migrate_to_6 (GilStore  *store,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = gil_store_prepare (store, "DELETE FROM requests WHERE created_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, gil_store_now (store) - 7 * 24 * 3600);
  return gil_store_step_done (store, stmt, error);
}

/* Replies kept for their Idempotency-Key lie in a table of their own
 * order, with their key in an index beside. As rows of a WITHOUT ROWID
 * table on the key, a reply of about a kilobyte went in among others at
 * a random place, splitting pages: four to five written for every write
 * of the API. Now one at the table's end and one of the small index.
 * A key is still once per route. */
static const char schema_v7[] =
  "CREATE TABLE requests_by_time ("
  "  id         INTEGER PRIMARY KEY,"
  "  key        TEXT NOT NULL,"
  "  route      TEXT NOT NULL,"
  "  status     INTEGER NOT NULL,"
  "  body       TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL"
  ");"
  "INSERT INTO requests_by_time (key, route, status, body, created_at)"
  "  SELECT key, route, status, body, created_at FROM requests ORDER BY created_at;"
  "DROP TABLE requests;"
  "ALTER TABLE requests_by_time RENAME TO requests;"
  "CREATE UNIQUE INDEX requests_key ON requests (key, route);";

/* Fewer pages for each write to put in the log, and so to sync: every
 * table and index a write touches is at least one page of 4 KiB, and a
 * commit's time grows with them (a call-next wrote 9, a registration 16).
 * The events' seq no longer goes through sqlite_sequence: the last event
 * is never deleted, so the largest seq plus one is what AUTOINCREMENT gave, without
 * a page of its own to write each time. The queues are read through an
 * index of the open stops alone, a few pages however long the history:
 * over every stop, a room's called and waiting entries lay on two pages
 * with years of its finished stops between them, and a call wrote both.
 * It also stands for the index of open stops by status that every change
 * of state moved. A query that names one open status as a literal reads
 * it; one that names none says its condition (OPEN_STOP in gil-queue.c). */
static const char schema_v8[] =
  "CREATE TABLE events_by_seq ("
  "  seq     INTEGER PRIMARY KEY,"
  "  type    TEXT NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  room    INTEGER,"
  "  visit   INTEGER,"
  "  stop    INTEGER,"
  "  station INTEGER NOT NULL DEFAULT 0,"
  "  data    TEXT NOT NULL DEFAULT '{}',"
  "  detail  TEXT NOT NULL DEFAULT '{}'"
  ");"
  "INSERT INTO events_by_seq (seq, type, at, room, visit, stop, station, data, detail)"
  "  SELECT seq, type, at, room, visit, stop, station, data, detail FROM events ORDER BY seq;"
  "DROP TABLE events;"
  "ALTER TABLE events_by_seq RENAME TO events;"
  "CREATE INDEX events_visit ON events (visit) WHERE visit IS NOT NULL;"
  "DROP INDEX stops_open;"
  "CREATE INDEX stops_open_queue ON stops (room, status, rank, queue_key)"
  "  WHERE (status = 'waiting' OR status = 'called' OR status = 'serving');"
  "DROP INDEX stops_queue;";

/* The counters a registration moves, in one small table and so on one
 * page: the last place given in any queue (it was in settings) and the
 * day's last ticket number per prefix (a table of its own, one row a day
 * and prefix for ever). The day's ticket counters are all a day needs;
 * a day start removes the days before it. */
static const char schema_v9[] =
  "CREATE TABLE counters ("
  "  name  TEXT PRIMARY KEY,"   /* 'queue_key', or 'ticket DAY PREFIX' */
  "  value INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO counters (name, value)"
  "  SELECT 'queue_key', CAST (value AS INTEGER) FROM settings WHERE key = 'queue_key';"
  "INSERT INTO counters (name, value)"
  "  SELECT 'ticket ' || day || ' ' || prefix, last FROM tickets"
  "  WHERE day = (SELECT max (day) FROM tickets);"
  "DELETE FROM settings WHERE key = 'queue_key';"
  "DROP TABLE tickets;";

/* A reply is kept for the station that sent its Idempotency-Key: another
 * station sending the same key (a guess, a copied log, two desks that
 * number their keys alike) runs its own request and never reads the
 * first one's reply, which may hold a patient's NIK or a room it may not
 * see. The admin token is GIL_STATION_ADMIN. Replies kept before this
 * step belong to no station (0, which no request has) and so are never
 * given again; within a week they are forgotten as usual. */
static const char schema_v10[] =
  "ALTER TABLE requests ADD COLUMN station INTEGER NOT NULL DEFAULT 0;"
  "DROP INDEX requests_key;"
  "CREATE UNIQUE INDEX requests_key ON requests (key, route, station);";

/* The events are a window now, the service day and the one before
 * (gil-events.c): a station starts from a snapshot and resumes from the
 * window, and older events are pruned. A visit's history is read from
 * its events, so those move here first, with what the history shows of
 * the stop at that moment (ticket, status, calls) and without the rest
 * of its copy. Nothing is written here on a write of the queue: a
 * registration writes the pages it wrote before. */
static const char schema_v11[] =
  "CREATE TABLE visit_history ("
  "  seq     INTEGER PRIMARY KEY,"   /* the event's seq */
  "  type    TEXT NOT NULL,"
  "  at      INTEGER NOT NULL,"
  "  room    INTEGER,"
  "  visit   INTEGER NOT NULL,"
  "  stop    INTEGER,"
  "  station INTEGER NOT NULL DEFAULT 0,"
  "  ticket  TEXT,"
  "  status  TEXT,"
  "  calls   INTEGER NOT NULL DEFAULT 0,"
  "  detail  TEXT NOT NULL DEFAULT '{}'"
  ");"
  "CREATE INDEX visit_history_visit ON visit_history (visit);";

/* The desk may cancel a visit registered by mistake or left unserved
 * (POST /visits/{id}/cancel): its open stops end 'cancelled', a state
 * the stops' CHECK did not allow, so the table is made again with the
 * same rows, indexes and waiting-count triggers. The old table is renamed
 * first so that the new one's from_stop names itself; rows go in by id,
 * and a stop only ever comes from an earlier one. The visit keeps when
 * and why it was cancelled. */
static const char schema_v12[] =
  "ALTER TABLE stops RENAME TO stops_v11;"
  "CREATE TABLE stops ("
  "  id           INTEGER PRIMARY KEY,"
  "  visit        INTEGER NOT NULL REFERENCES visits (id),"
  "  room         INTEGER NOT NULL REFERENCES rooms (id),"
  "  day          TEXT NOT NULL,"
  "  status       TEXT NOT NULL CHECK (status IN ('waiting','called','serving','done',"
  "                                               'skipped','transferred','expired',"
  "                                               'cancelled')),"
  "  rank         INTEGER NOT NULL,"
  "  queue_key    INTEGER NOT NULL,"
  "  enqueued_at  INTEGER NOT NULL,"
  "  called_at    INTEGER,"
  "  started_at   INTEGER,"
  "  finished_at  INTEGER,"
  "  calls        INTEGER NOT NULL DEFAULT 0,"
  "  out_of_order INTEGER NOT NULL DEFAULT 0,"
  "  from_stop    INTEGER REFERENCES stops (id),"
  "  return_room  INTEGER REFERENCES rooms (id),"
  "  return_key   INTEGER"
  ");"
  "INSERT INTO stops (id, visit, room, day, status, rank, queue_key, enqueued_at, called_at,"
  "                   started_at, finished_at, calls, out_of_order, from_stop, return_room,"
  "                   return_key)"
  "  SELECT id, visit, room, day, status, rank, queue_key, enqueued_at, called_at,"
  "         started_at, finished_at, calls, out_of_order, from_stop, return_room, return_key"
  "  FROM stops_v11 ORDER BY id;"
  "DROP TABLE stops_v11;"
  "CREATE INDEX stops_visit ON stops (visit);"
  "CREATE INDEX stops_day ON stops (day);"
  "CREATE INDEX stops_open_queue ON stops (room, status, rank, queue_key)"
  "  WHERE (status = 'waiting' OR status = 'called' OR status = 'serving');"
  STOPS_WAITING_TRIGGERS
  "ALTER TABLE visits ADD COLUMN cancelled_at INTEGER;"
  "ALTER TABLE visits ADD COLUMN cancel_reason TEXT;";

/* Registrasi menyusul: a patient registered for the UGD before anyone
 * knew who it was is marked unidentified until the record is completed
 * or merged into the patient's existing one; a merged record stays,
 * pointing at the one that took its visits, and is found no more. */
static const char schema_v13[] =
  "ALTER TABLE patients ADD COLUMN unidentified INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients (id);";

/* Two PCs on one room call from two counters (meja): each call says
 * which, for the display and the announcement. NULL: the room's one. */
static const char schema_v14[] =
  "ALTER TABLE stops ADD COLUMN counter INTEGER;";

/* The room records how a visit ended when it finishes its last stop:
 * home (pulang), referred (dirujuk, with where to) or died (meninggal).
 * NULL while the visit is open, and for visits finished without one. */
static const char schema_v15[] =
  "ALTER TABLE visits ADD COLUMN outcome TEXT"
  "  CHECK (outcome IN ('home', 'referred', 'died'));"
  "ALTER TABLE visits ADD COLUMN referred_to TEXT;";

/* The queue before the registration desk (loket): series of tickets as
 * data (a letter, a name, whether it is a priority series called in turn
 * with the others as the rooms interleave, its place on the kiosk) and
 * the tickets, numbered per series and service day, from taken through
 * called to the visit they became. A ticket is kept as its visit is, one
 * small row per arrival, so that a past day's report still has the wait
 * before the desk. A kiosk is a station of its own role, which the
 * stations' CHECK did not allow: the table is made again with the same
 * rows (and its rooms' table with it, whose REFERENCES follows a rename),
 * its AUTOINCREMENT going on from where it was. */
static const char schema_v16[] =
  "CREATE TABLE loket_series ("
  "  code     TEXT PRIMARY KEY CHECK (length (code) = 1 AND code BETWEEN 'A' AND 'Z'),"
  "  name     TEXT NOT NULL,"
  "  priority INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL,"
  "  active   INTEGER NOT NULL DEFAULT 1"
  ") WITHOUT ROWID;"
  "INSERT INTO loket_series (code, name, priority, position) VALUES"
  "  ('A', 'BPJS', 0, 1), ('B', 'Umum', 0, 2), ('P', 'Prioritas', 1, 3);"

  "CREATE TABLE loket_tickets ("
  "  id        INTEGER PRIMARY KEY,"
  "  day       TEXT NOT NULL,"
  "  series    TEXT NOT NULL REFERENCES loket_series (code),"
  "  number    INTEGER NOT NULL,"
  "  priority  INTEGER NOT NULL DEFAULT 0,"
  "  status    TEXT NOT NULL DEFAULT 'waiting'"
  "            CHECK (status IN ('waiting','called','registered','skipped','cancelled')),"
  "  taken_at  INTEGER NOT NULL,"
  "  called_at INTEGER,"
  "  calls     INTEGER NOT NULL DEFAULT 0,"
  "  desk      TEXT,"
  "  visit     INTEGER UNIQUE REFERENCES visits (id),"
  "  station   INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (day, series, number)"
  ");"
  "CREATE INDEX loket_tickets_open ON loket_tickets (status, id)"
  "  WHERE (status = 'waiting' OR status = 'called');"

  "ALTER TABLE station_rooms RENAME TO station_rooms_v15;"
  "ALTER TABLE stations RENAME TO stations_v15;"
  "CREATE TABLE stations ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name       TEXT NOT NULL,"
  "  role       TEXT NOT NULL"
  "             CHECK (role IN ('admin','registration','room','display','head','kiosk')),"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"
  "  last_seen  INTEGER,"
  "  revoked    INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO stations (id, name, role, token_hash, created_at, last_seen, revoked)"
  "  SELECT id, name, role, token_hash, created_at, last_seen, revoked FROM stations_v15 ORDER BY id;"
  "CREATE TABLE station_rooms ("
  "  station INTEGER NOT NULL REFERENCES stations (id) ON DELETE CASCADE,"
  "  room    INTEGER NOT NULL REFERENCES rooms (id),"
  "  PRIMARY KEY (station, room)"
  ") WITHOUT ROWID;"
  "INSERT INTO station_rooms (station, room) SELECT station, room FROM station_rooms_v15;"
  "UPDATE sqlite_sequence SET seq = max (seq, coalesce ((SELECT seq FROM sqlite_sequence"
  "  WHERE name = 'stations_v15'), 0)) WHERE name = 'stations';"
  "INSERT INTO sqlite_sequence (name, seq) SELECT 'stations', seq FROM sqlite_sequence"
  "  WHERE name = 'stations_v15' AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'stations');"
  "DROP TABLE station_rooms_v15;"
  "DROP TABLE stations_v15;";

/* The steps, schema 1 first: the SQL of a step, or the function of one
 * that SQL alone does not do. A shipped step never changes; a change of
 * the schema is a new step. */
typedef struct
{
  const char  *sql;
  MigrateFunc  func;
} Migration;

static const Migration migrations[] = {
  { NULL, migrate_to_1 },
  { schema_v2, NULL },
  { schema_v3, NULL },
  { schema_v4, NULL },
  { schema_v5, NULL },
  { NULL, migrate_to_6 },
  { schema_v7, NULL },
  { schema_v8, NULL },
  { schema_v9, NULL },
  { schema_v10, NULL },
  { schema_v11, NULL },
  { schema_v12, NULL },
  { schema_v13, NULL },
  { schema_v14, NULL },
  { schema_v15, NULL },
  { schema_v16, NULL },
};

static gboolean
run_step (GilStore         *store,
          const Migration  *step,
          GError          **error)
{
  g_assert ((step->sql == NULL) != (step->func == NULL));

  if (step->func != NULL)
    return step->func (store, error);
  return gil_store_exec (store, step->sql, error);
}

int
gil_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

int
gil_schema_current_version (GilStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), -1);

  stmt = gil_store_prepare (store, "PRAGMA user_version", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int (stmt, 0);
}

/**
 * gil_schema_migrate:
 * @target: the version to reach
 *
 * Applies each missing step in its own transaction. A file newer than this
 * program is refused rather than touched.
 */
gboolean
gil_schema_migrate (GilStore  *store,
                    int        target,
                    GError   **error)
{
  int version, from;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (target >= 0 && target <= gil_schema_latest_version (), FALSE);

  version = gil_schema_current_version (store);
  if (version > gil_schema_latest_version ())
    {
      g_set_error (error, GIL_STORE_ERROR, GIL_STORE_ERROR_TOO_NEW,
                   _("The database %s was written by a newer version of Giliran "
                     "(schema %d, this program knows %d)"),
                   gil_store_get_path (store), version, gil_schema_latest_version ());
      return FALSE;
    }

  from = version;
  while (version < target)
    {
      g_autofree char *set_version = NULL;

      if (!gil_store_begin (store, error))
        return FALSE;

      /* Another process may have migrated while we waited for the lock. */
      version = gil_schema_current_version (store);
      if (version >= target)
        {
          gil_store_rollback (store);
          break;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!run_step (store, &migrations[version], error) ||
          !gil_store_exec (store, set_version, error) ||
          !gil_store_commit (store, error))
        {
          gil_store_abort (store);
          g_prefix_error (error, _("Cannot update the database to schema %d: "), version + 1);
          return FALSE;
        }
      version++;
    }

  /* A step that copied a table (schema 8 copies the events, all of them)
   * leaves as large a write-ahead log, which would stay that size on
   * disk until the manager stops: after any step it is copied back and
   * emptied. */
  if (version > from)
    sqlite3_wal_checkpoint_v2 (gil_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  /* Every database that has settings has an event log id too. */
  if (version >= 1 && !gil_events_ensure_log_id (store, error))
    {
      g_prefix_error (error, _("Cannot update the database to schema %d: "), version);
      return FALSE;
    }
  return TRUE;
}
