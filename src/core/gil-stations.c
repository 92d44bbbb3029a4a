/* gil-stations.c — the PCs allowed to use a manager, and their pairing
 *
 * A station proves who it is with a random token; the database keeps only
 * the token's SHA-256, so a copied database file lets nobody in. Pairing
 * codes are six digits, single-use, and expire after ten minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "gil-rooms.h"
#include "gil-stations.h"
#include "gil-terms.h"

G_DEFINE_QUARK (gil-station-error-quark, gil_station_error)

static const char * const role_names[] = {
  "admin", "registration", "room", "display", "head", "kiosk",
};

const char *
gil_role_to_string (GilRole role)
{
  g_return_val_if_fail (role <= GIL_ROLE_KIOSK, "display");

  return role_names[role];
}

gboolean
gil_role_from_string (const char *text,
                      GilRole    *role)
{
  guint index;

  g_return_val_if_fail (role != NULL, FALSE);

  if (!gil_terms_name_index (role_names, G_N_ELEMENTS (role_names), text, &index))
    return FALSE;
  *role = index;
  return TRUE;
}

/**
 * gil_station_new:
 * @name: the station's name
 *
 * A station that is no row of the stations table (the manager's admin,
 * a plain-HTTP display): no rooms, never revoked.
 *
 * Returns: (transfer full): the station
 */
GilStation *
gil_station_new (gint64      id,
                 const char *name,
                 GilRole     role)
{
  GilStation *station;

  g_return_val_if_fail (name != NULL, NULL);

  station = g_new0 (GilStation, 1);
  station->id = id;
  station->name = g_strdup (name);
  station->role = role;
  station->rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  return station;
}

GilStation *
gil_station_new_admin (void)
{
  return gil_station_new (GIL_STATION_ADMIN, "admin", GIL_ROLE_ADMIN);
}

void
gil_station_free (GilStation *station)
{
  if (station == NULL)
    return;
  g_free (station->name);
  g_clear_pointer (&station->rooms, g_array_unref);
  g_free (station);
}

gboolean
gil_station_has_room (const GilStation *station,
                      gint64            room)
{
  g_return_val_if_fail (station != NULL, FALSE);

  for (guint i = 0; i < station->rooms->len; i++)
    if (g_array_index (station->rooms, gint64, i) == room)
      return TRUE;
  return FALSE;
}

/**
 * gil_token_hash:
 *
 * Returns: (transfer full): the SHA-256 of @token in hex
 */
char *
gil_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static void
random_bytes (guint8 *buffer,
              gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n > 0)
        done += n;
      else if (errno != EINTR)
        g_error ("getrandom failed: %s", g_strerror (errno));
    }
}

/**
 * gil_token_generate:
 *
 * Returns: (transfer full): 32 random bytes from the kernel, in hex
 */
char *
gil_token_generate (void)
{
  guint8 bytes[32];
  GString *hex = g_string_sized_new (64);

  random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static char *
join_rooms (GArray *rooms)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (rooms, gint64, i));
  return g_string_free (text, FALSE);
}

static GArray *
split_rooms (const char *text)
{
  GArray *rooms = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

      if (id > 0)
        g_array_append_val (rooms, id);
    }
  return rooms;
}

static gboolean
check_rooms (GilStore  *store,
             GilRole    role,
             GArray    *rooms,
             GError   **error)
{
  if (role == GIL_ROLE_ROOM && (rooms == NULL || rooms->len == 0))
    {
      g_set_error_literal (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID,
                           _("A room station needs at least one room"));
      return FALSE;
    }
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      g_autoptr(GilRoom) room = gil_rooms_get (store, g_array_index (rooms, gint64, i), error);

      if (room == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * gil_stations_create_pairing_code:
 * @rooms: (nullable): the rooms a room station will serve
 * @expires_at: (out): when the code stops working
 *
 * Returns: (transfer full): a new six-digit code
 */
char *
gil_stations_create_pairing_code (GilStore  *store,
                                  GilRole    role,
                                  GArray    *rooms,
                                  gint64    *expires_at,
                                  GError   **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *room_list = NULL;
  gint64 now;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (role <= GIL_ROLE_KIOSK, NULL);

  if (role == GIL_ROLE_ADMIN)
    {
      g_set_error_literal (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID,
                           _("An admin station cannot be paired; use the admin token"));
      return NULL;
    }
  if (!check_rooms (store, role, rooms, error) || !gil_store_begin (store, error))
    return NULL;

  now = gil_store_now (store);
  room_list = role == GIL_ROLE_ROOM ? join_rooms (rooms) : g_strdup ("");
  insert = gil_store_prepare (store,
                              "INSERT INTO pairing_codes (code_hash, role, rooms, expires_at)"
                              " VALUES (?, ?, ?, ?) ON CONFLICT (code_hash) DO UPDATE"
                              " SET role = excluded.role, rooms = excluded.rooms,"
                              " expires_at = excluded.expires_at, used = 0"
                              " WHERE used OR expires_at <= ?5",
                              error);
  if (insert == NULL)
    goto fail;

  /* A live code is never handed out twice; draw again on the rare clash. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *code = NULL;
      g_autofree char *hash = NULL;
      guint32 value;

      random_bytes ((guint8 *)&value, sizeof value);
      code = g_strdup_printf ("%06u", value % 1000000);
      hash = gil_token_hash (code);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, hash, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, gil_role_to_string (role), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, room_list, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 4, now + GIL_PAIRING_CODE_LIFETIME);
      sqlite3_bind_int64 (insert, 5, now);
      if (!gil_store_step_done (store, insert, error))
        goto fail;
      if (sqlite3_changes (gil_store_get_db (store)) == 1)
        {
          if (!gil_store_commit (store, error))
            goto fail;
          *expires_at = now + GIL_PAIRING_CODE_LIFETIME;
          return g_steal_pointer (&code);
        }
    }
  g_set_error_literal (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID,
                       _("Too many pairing codes are open; try again in a few minutes"));

fail:
  gil_store_abort (store);
  return NULL;
}

/**
 * gil_stations_withdraw_pairing_codes:
 *
 * Removes every open pairing code (not used, not expired): after enough
 * wrong codes one of them may be close to guessed (gil-pairing-guard.c).
 *
 * Returns: how many were open, or -1 with @error set
 */
gint64
gil_stations_withdraw_pairing_codes (GilStore  *store,
                                     GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), -1);

  stmt = gil_store_prepare (store,
                            "DELETE FROM pairing_codes WHERE NOT used AND expires_at > ?",
                            error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, gil_store_now (store));
  if (!gil_store_step_done (store, stmt, error))
    return -1;
  return sqlite3_changes (gil_store_get_db (store));
}

/**
 * gil_stations_pair:
 * @role: (nullable): the role the new station asks for; must be the code's
 * @rooms: (nullable): rooms, when the code did not name them
 * @token: (out) (transfer full): the new station's token, shown only now
 *
 * Uses a pairing code to create a station.
 */
GilStation *
gil_stations_pair (GilStore       *store,
                   const char     *code,
                   const char     *name,
                   const GilRole  *role,
                   GArray         *rooms,
                   char          **token,
                   GError        **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) use = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) add_room = NULL;
  g_autoptr(GArray) code_rooms = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *clean_name = NULL;
  GArray *station_rooms;
  GilRole code_role;
  gint64 id;
  int rc;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL && token != NULL, NULL);

  clean_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*clean_name == '\0' || g_utf8_strlen (clean_name, -1) > 64)
    {
      g_set_error_literal (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID,
                           _("A station needs a name of at most 64 characters"));
      return NULL;
    }

  if (!gil_store_begin (store, error))
    return NULL;

  hash = gil_token_hash (code);
  find = gil_store_prepare (store,
                            "SELECT role, rooms FROM pairing_codes"
                            " WHERE code_hash = ? AND NOT used AND expires_at > ?",
                            error);
  if (find == NULL)
    goto fail;
  sqlite3_bind_text (find, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (find, 2, gil_store_now (store));
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gil_store_set_error (store, error, rc, "reading a pairing code");
      goto fail;
    }
  if (rc != SQLITE_ROW ||
      !gil_role_from_string ((const char *)sqlite3_column_text (find, 0), &code_role))
    {
      g_set_error_literal (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID_CODE,
                           _("This pairing code is wrong, used or expired"));
      goto fail;
    }
  if (role != NULL && *role != code_role)
    {
      g_set_error (error, GIL_STATION_ERROR, GIL_STATION_ERROR_INVALID_CODE,
                   /* TRANSLATORS: %s is what the code's station is used as,
                    * e.g. "Waiting-room display" */
                   _("This pairing code is for another kind of station: %s"),
                   gil_terms_role_label (gil_role_to_string (code_role)));
      goto fail;
    }
  code_rooms = split_rooms ((const char *)sqlite3_column_text (find, 1));
  station_rooms = code_rooms->len > 0 || code_role != GIL_ROLE_ROOM ? code_rooms : rooms;
  if (!check_rooms (store, code_role, station_rooms, error))
    goto fail;

  use = gil_store_prepare (store, "UPDATE pairing_codes SET used = 1 WHERE code_hash = ?", error);
  insert = gil_store_prepare (store,
                              "INSERT INTO stations (name, role, token_hash, created_at)"
                              " VALUES (?, ?, ?, ?)",
                              error);
  add_room = gil_store_prepare (store, "INSERT OR IGNORE INTO station_rooms (station, room) VALUES (?, ?)", error);
  if (use == NULL || insert == NULL || add_room == NULL)
    goto fail;
  sqlite3_bind_text (use, 1, hash, -1, SQLITE_STATIC);
  if (!gil_store_step_done (store, use, error))
    goto fail;

  new_token = gil_token_generate ();
  token_hash = gil_token_hash (new_token);
  sqlite3_bind_text (insert, 1, clean_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, gil_role_to_string (code_role), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 4, gil_store_now (store));
  if (!gil_store_step_done (store, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (gil_store_get_db (store));

  for (guint i = 0; code_role == GIL_ROLE_ROOM && i < station_rooms->len; i++)
    {
      sqlite3_reset (add_room);
      sqlite3_bind_int64 (add_room, 1, id);
      sqlite3_bind_int64 (add_room, 2, g_array_index (station_rooms, gint64, i));
      if (!gil_store_step_done (store, add_room, error))
        goto fail;
    }
  if (!gil_store_commit (store, error))
    goto fail;

  *token = g_steal_pointer (&new_token);
  return gil_stations_get (store, id, error);

fail:
  gil_store_abort (store);
  return NULL;
}

static GilStation *
load_station (GilStore    *store,
              const char  *where,
              const char  *text,
              gint64       id,
              GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT id, name, role, created_at, revoked,"
                                      " (SELECT group_concat (room) FROM station_rooms r"
                                      "  WHERE r.station = s.id)"
                                      " FROM stations s ", where, NULL);
  g_autoptr(sqlite3_stmt) stmt = gil_store_prepare (store, sql, error);
  GilStation *station;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (!gil_store_step_one (store, stmt, "reading a station", error,
                           GIL_STATION_ERROR, GIL_STATION_ERROR_NOT_FOUND,
                           _("There is no station %lld"), (long long)id))
    return NULL;

  station = g_new0 (GilStation, 1);
  station->id = sqlite3_column_int64 (stmt, 0);
  station->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  if (!gil_role_from_string ((const char *)sqlite3_column_text (stmt, 2), &station->role))
    station->role = GIL_ROLE_DISPLAY;
  station->created_at = sqlite3_column_int64 (stmt, 3);
  station->revoked = sqlite3_column_int (stmt, 4) != 0;
  station->rooms = split_rooms ((const char *)sqlite3_column_text (stmt, 5));
  return station;
}

/**
 * gil_stations_authenticate:
 *
 * Returns: (transfer full) (nullable): the live station holding @token;
 *   %NULL with @error unset when no live station holds it, with @error set
 *   when the database could not be read
 */
GilStation *
gil_stations_authenticate (GilStore    *store,
                           const char  *token,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  GilStation *station;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  if (token == NULL || *token == '\0')
    return NULL;
  hash = gil_token_hash (token);
  station = load_station (store, "WHERE token_hash = ? AND NOT revoked", hash, 0, &local_error);
  if (station == NULL && !g_error_matches (local_error, GIL_STATION_ERROR, GIL_STATION_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return station;
}

GilStation *
gil_stations_get (GilStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  return load_station (store, "WHERE id = ?", NULL, id, error);
}

/**
 * gil_stations_list:
 *
 * Returns: (transfer full) (element-type GilStation): every station
 */
GPtrArray *
gil_stations_list (GilStore  *store,
                   GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) stations = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), NULL);

  stmt = gil_store_prepare (store, "SELECT id FROM stations ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  ids = gil_store_collect_ids (store, stmt, "listing stations", error);
  if (ids == NULL)
    return NULL;
  stations = g_ptr_array_new_with_free_func ((GDestroyNotify)gil_station_free);
  for (guint i = 0; i < ids->len; i++)
    {
      GilStation *station = gil_stations_get (store, g_array_index (ids, gint64, i), error);

      if (station == NULL)
        return NULL;
      g_ptr_array_add (stations, station);
    }
  return g_steal_pointer (&stations);
}

gboolean
gil_stations_revoke (GilStore  *store,
                     gint64     id,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (GIL_IS_STORE (store), FALSE);

  if (!gil_store_begin (store, error))
    return FALSE;
  stmt = gil_store_prepare (store, "UPDATE stations SET revoked = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!gil_store_step_done (store, stmt, error))
    goto fail;
  if (sqlite3_changes (gil_store_get_db (store)) == 0)
    {
      g_set_error (error, GIL_STATION_ERROR, GIL_STATION_ERROR_NOT_FOUND,
                   _("There is no station %lld"), (long long)id);
      goto fail;
    }
  if (!gil_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  gil_store_abort (store);
  return FALSE;
}
