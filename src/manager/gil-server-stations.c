/* gil-server-stations.c — health, pairing and the stations
 *
 * GET /health, POST /pairing-codes and /pair (with the throttle on wrong
 * codes, gil-pairing-guard.c), GET /stations and /stations/me, POST
 * /stations/{id}/revoke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-server-private.h"

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

void
gil_server_handle_health (GilServer *self,
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
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_pairing_code (GilServer *self,
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
      gil_server_reply_error (req, error);
      return;
    }

  code = gil_stations_create_pairing_code (self->store, role, rooms, &expires_at, &error);
  if (code == NULL)
    {
      gil_server_reply_error (req, error);
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
  gil_server_reply_builder (req, 201, builder);
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

void
gil_server_handle_pair (GilServer *self,
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
      gil_server_reply_error (req, error);
      return;
    }

  host = soup_server_message_get_remote_host (req->msg);
  verdict = gil_pairing_guard_check (self->pairing_guard, host, now, &wait_s);
  if (verdict != GIL_PAIRING_ALLOWED)
    {
      g_autofree char *wait = g_strdup_printf ("%" G_GINT64_FORMAT, wait_s);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After", wait);
      gil_server_reply_message (req, 429, GIL_ERROR_CODE_TOO_MANY_ATTEMPTS,
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
      gil_server_reply_error (req, error);
      return;
    }

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "token");
  gil_json_writer_string (builder, token);
  gil_json_writer_member (builder, "station");
  gil_api_add_station (builder, station);
  add_fingerprint (self, builder);
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 201, builder);
}

void
gil_server_handle_stations (GilServer *self,
                            Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stations = gil_stations_list (self->store, &error);

  if (stations == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  gil_json_writer_begin_array (builder);
  for (guint i = 0; i < stations->len; i++)
    gil_api_add_station (builder, g_ptr_array_index (stations, i));
  gil_json_writer_end_array (builder);
  gil_server_reply_builder (req, 200, builder);
}

/* The station asking: a window shows what its role may do. The admin
 * token has no station row, so no id. */
void
gil_server_handle_station_me (GilServer *self,
                              Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_api_add_station (builder, req->station);
  gil_server_reply_builder (req, 200, builder);
}

void
gil_server_handle_revoke (GilServer *self,
                          Request   *req)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();
  g_autoptr(GilStation) station = NULL;
  g_autoptr(GError) error = NULL;

  if (!gil_stations_revoke (self->store, req->id, &error) ||
      (station = gil_stations_get (self->store, req->id, &error)) == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }

  /* Its open event streams end now, not at their next reconnect. */
  gil_event_hub_close_station (self->hub, req->id);
  gil_api_add_station (builder, station);
  gil_server_reply_builder (req, 200, builder);
}
