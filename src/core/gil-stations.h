/* gil-stations.h — the PCs allowed to use a manager, and their pairing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

#define GIL_STATION_ERROR (gil_station_error_quark ())

typedef enum
{
  GIL_STATION_ERROR_NOT_FOUND,
  GIL_STATION_ERROR_INVALID_CODE,   /* wrong, used or expired pairing code */
  GIL_STATION_ERROR_INVALID,        /* a bad name, role or room list */
} GilStationError;

typedef enum
{
  GIL_ROLE_ADMIN,
  GIL_ROLE_REGISTRATION,
  GIL_ROLE_ROOM,
  GIL_ROLE_DISPLAY,
  GIL_ROLE_HEAD,
  GIL_ROLE_KIOSK,     /* schema 16: takes loket tickets, nothing else */
} GilRole;

#define GIL_PAIRING_CODE_LIFETIME (10 * 60)

/* The station id that events and visits record for the manager's own admin
 * token (the host PC), which has no row in stations; 0 is the manager
 * itself, as when a new day expires the open stops. */
#define GIL_STATION_ADMIN ((gint64)-1)

typedef struct
{
  gint64    id;         /* GIL_STATION_ADMIN for the manager's own admin token */
  char     *name;
  GilRole   role;
  GArray   *rooms;      /* gint64 room ids, for room stations */
  gint64    created_at;
  gboolean  revoked;
} GilStation;

GQuark       gil_station_error_quark     (void);

const char  *gil_role_to_string          (GilRole        role);
gboolean     gil_role_from_string        (const char    *text,
                                          GilRole       *role);

GilStation  *gil_station_new             (gint64         id,
                                          const char    *name,
                                          GilRole        role);
GilStation  *gil_station_new_admin       (void);
void         gil_station_free            (GilStation    *station);
gboolean     gil_station_has_room        (const GilStation *station,
                                          gint64         room);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilStation, gil_station_free)

char        *gil_token_hash              (const char    *token);
char        *gil_token_generate          (void);

char        *gil_stations_create_pairing_code (GilStore      *store,
                                               GilRole        role,
                                               GArray        *rooms,
                                               gint64        *expires_at,
                                               GError       **error);
gint64       gil_stations_withdraw_pairing_codes (GilStore *store,
                                                  GError  **error);
GilStation  *gil_stations_pair           (GilStore      *store,
                                          const char    *code,
                                          const char    *name,
                                          const GilRole *role,
                                          GArray        *rooms,
                                          char         **token,
                                          GError       **error);
GilStation  *gil_stations_authenticate   (GilStore      *store,
                                          const char    *token,
                                          GError       **error);
GilStation  *gil_stations_get            (GilStore      *store,
                                          gint64         id,
                                          GError       **error);
GPtrArray   *gil_stations_list           (GilStore      *store,
                                          GError       **error);
gboolean     gil_stations_revoke         (GilStore      *store,
                                          gint64         id,
                                          GError       **error);

G_END_DECLS
