/* gil-rooms.c — the rooms patients are queued for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-events.h"
#include "gil-rooms.h"

G_DEFINE_QUARK (gil-room-error-quark, gil_room_error)

GilRoom *
gil_room_new (void)
{
  GilRoom *room = g_new0 (GilRoom, 1);

  room->active = TRUE;
  room->interleave_every = 2;
  return room;
}

void
gil_room_free (GilRoom *room)
{
  if (room == NULL)
    return;
  g_free (room->code);
  g_free (room->name);
  g_free (room->cluster);
  g_free (room->prefix);
  g_strfreev (room->tags);
  g_free (room);
}

#define ROOM_SELECT \
  "SELECT r.id, r.code, r.name, r.cluster, r.prefix, r.active, r.priority_policy," \
  " r.interleave_every, r.number_only," \
  " (SELECT coalesce (sum (q.waiting), 0) FROM queue_counts q WHERE q.room = r.id)," \
  " (SELECT group_concat (tag, ',') FROM (SELECT tag FROM room_tags t" \
  "   WHERE t.room = r.id ORDER BY tag))" \
  " FROM rooms r "

static GilRoom *
room_from_row (sqlite3_stmt *stmt)
{
  GilRoom *room = gil_room_new ();
  const char *tags = (const char *)sqlite3_column_text (stmt, 10);

  room->id = sqlite3_column_int64 (stmt, 0);
  room->code = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  room->name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  room->cluster = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  room->prefix = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
  room->active = sqlite3_column_int (stmt, 5) != 0;
  room->strict = g_strcmp0 ((const char *)sqlite3_column_text (stmt, 6), "strict") == 0;
  room->interleave_every = sqlite3_column_int (stmt, 7);
  room->number_only = sqlite3_column_int (stmt, 8) != 0;
  room->waiting = sqlite3_column_int (stmt, 9);
  room->tags = tags != NULL ? g_strsplit (tags, ",", -1) : g_new0 (char *, 1);
  return room;
}

/**
 * gil_rooms_list:
 *
 * Returns: (transfer full) (element-type GilRoom): every room, active or
 *   not, by id, with its waiting count
 */
GPtrArray *
gil_rooms_list (GilStore  *store,
                GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store, ROOM_SELECT "ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  return gil_store_collect_rows (store, stmt, (GilStoreRowFunc)room_from_row,
                                 (GDestroyNotify)gil_room_free, "reading rooms", error);
}

GilRoom *
gil_rooms_get (GilStore  *store,
               gint64     id,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_get_row (store, ROOM_SELECT "WHERE r.id = ?", id, "reading a room", error,
                            GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                            _("There is no room %lld"), (long long)id);
  return stmt != NULL ? room_from_row (stmt) : NULL;
}

GilRoom *
gil_rooms_get_by_code (GilStore    *store,
                       const char  *code,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = gil_store_prepare (store, ROOM_SELECT "WHERE r.code = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (!gil_store_step_one (store, stmt, "reading a room", error,
                           GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                           _("There is no room with code %s"), code))
    return NULL;
  return room_from_row (stmt);
}

static gboolean
is_valid_tag (const char *tag)
{
  if (tag == NULL || *tag == '\0' || strlen (tag) > 32)
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
validate (const GilRoom  *room,
          GError        **error)
{
  static const char * const clusters[] = { "k2", "k3", "k4", "lk", NULL };

  if (room->code == NULL || *room->code == '\0' || strlen (room->code) > 32)
    {
      g_set_error_literal (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                           _("A room needs a code of at most 32 characters"));
      return FALSE;
    }
  if (is_blank (room->name))
    {
      g_set_error_literal (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                           _("A room needs a name"));
      return FALSE;
    }
  if (room->cluster == NULL || !g_strv_contains (clusters, room->cluster))
    {
      g_set_error_literal (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                           _("A room's cluster is k2, k3, k4 or lk"));
      return FALSE;
    }
  if (room->prefix == NULL || strlen (room->prefix) != 1 || !g_ascii_isupper (room->prefix[0]))
    {
      g_set_error_literal (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                           _("A room's ticket prefix is one capital letter"));
      return FALSE;
    }
  if (room->interleave_every < 1 || room->interleave_every > 20)
    {
      g_set_error_literal (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                           _("Interleaving is every 1 to 20 priority calls"));
      return FALSE;
    }
  for (guint i = 0; room->tags != NULL && room->tags[i] != NULL; i++)
    {
      if (!is_valid_tag (room->tags[i]))
        {
          g_set_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_INVALID,
                       _("The tag “%s” may use only lower-case letters, digits and “-”"),
                       room->tags[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_tags (GilStore       *store,
            gint64          id,
            const GilRoom  *room,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  clear = gil_store_prepare (store, "DELETE FROM room_tags WHERE room = ?", error);
  insert = gil_store_prepare (store, "INSERT OR IGNORE INTO room_tags (room, tag) VALUES (?, ?)", error);
  if (clear == NULL || insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (clear, 1, id);
  if (!gil_store_step_done (store, clear, error))
    return FALSE;

  for (guint i = 0; room->tags != NULL && room->tags[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_text (insert, 2, room->tags[i], -1, SQLITE_STATIC);
      if (!gil_store_step_done (store, insert, error))
        return FALSE;
    }
  return TRUE;
}

static void
bind_room (sqlite3_stmt  *stmt,
           const GilRoom *room)
{
  sqlite3_bind_text (stmt, 1, room->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, room->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, room->cluster, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, room->prefix, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, room->active);
  sqlite3_bind_text (stmt, 6, room->strict ? "strict" : "interleave", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, room->interleave_every);
  sqlite3_bind_int (stmt, 8, room->number_only);
}

static gboolean
finish_write (GilStore       *store,
              gint64          id,
              const GilRoom  *room,
              int             rc,
              GError        **error)
{
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_set_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_DUPLICATE_CODE,
                   _("Another room already has the code %s"), room->code);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "saving a room");
      return FALSE;
    }
  return write_tags (store, id, room, error) &&
         gil_events_append (store, "room.changed", id, 0, error) != 0;
}

/* Saves @room in one write: a new room (@create), its id then in @id, or
 * the room @id. */
static gboolean
save_room (GilStore       *store,
           const GilRoom  *room,
           gboolean        create,
           gint64         *id,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = gil_store_get_db (store);
  int rc;

  if (!validate (room, error) || !gil_store_begin (store, error))
    return FALSE;

  stmt = gil_store_prepare (store,
                            create
                            ? "INSERT INTO rooms (code, name, cluster, prefix, active,"
                              " priority_policy, interleave_every, number_only) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            : "UPDATE rooms SET code = ?1, name = ?2, cluster = ?3, prefix = ?4,"
                              " active = ?5, priority_policy = ?6, interleave_every = ?7,"
                              " number_only = ?8 WHERE id = ?9",
                            error);
  if (stmt == NULL)
    goto fail;
  bind_room (stmt, room);
  if (!create)
    sqlite3_bind_int64 (stmt, 9, *id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE && create)
    {
      *id = sqlite3_last_insert_rowid (db);
    }
  else if (rc == SQLITE_DONE && sqlite3_changes (db) == 0)
    {
      g_set_error (error, GIL_ROOM_ERROR, GIL_ROOM_ERROR_NOT_FOUND,
                   _("There is no room %lld"), (long long)*id);
      goto fail;
    }
  if (!finish_write (store, *id, room, rc, error) || !gil_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gil_store_abort (store);
  return FALSE;
}

/**
 * gil_rooms_create:
 * @room: the new room; its id is set on success
 */
gboolean
gil_rooms_create (GilStore  *store,
                  GilRoom   *room,
                  GError   **error)
{
  gint64 id = 0;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (room != NULL, FALSE);

  room->id = 0;
  if (!save_room (store, room, TRUE, &id, error))
    return FALSE;
  room->id = id;
  return TRUE;
}

/**
 * gil_rooms_update:
 * @room: the whole room as it should be, found by its id
 */
gboolean
gil_rooms_update (GilStore       *store,
                  const GilRoom  *room,
                  GError        **error)
{
  gint64 id;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);
  g_return_val_if_fail (room != NULL, FALSE);

  id = room->id;
  return save_room (store, room, FALSE, &id, error);
}
