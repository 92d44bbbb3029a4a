/* gil-test-api.h — plain HTTP calls to a manager, for the API tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gil-test-manager.h"

G_BEGIN_DECLS

/* The stations whose actions the audit trail tells apart: a registration
 * desk and the room PCs of K3-LANSIA and LK-LAB, each paired under its
 * own name. */
typedef struct
{
  char   *desk;       /* "Meja Pendaftaran 1" */
  char   *lansia;     /* "PC Ruang Lansia", of K3-LANSIA */
  char   *lab;        /* "PC Laboratorium", of LK-LAB */
  gint64  lansia_id;
  gint64  lab_id;
} GilTestStations;

void        gil_test_api_trust    (const char *pem);
gint64      gil_test_api_health_seq (const char *url);
char       *gil_test_api_health_day (const char *url);
JsonObject *gil_test_api_health   (const char *url,
                                   const char *token);
JsonNode   *gil_test_api_call     (const char *url,
                                   const char *token,
                                   const char *method,
                                   const char *path,
                                   const char *body,
                                   const char *key,
                                   guint      *status);
JsonNode   *gil_test_api_expect   (const char *url,
                                   const char *token,
                                   const char *method,
                                   const char *path,
                                   const char *body,
                                   const char *key,
                                   guint       expected);
guint       gil_test_api_count_patients (const char *url,
                                         const char *token,
                                         const char *query);
void        gil_test_api_expect_error (const char *url,
                                       const char *token,
                                       const char *method,
                                       const char *path,
                                       const char *body,
                                       guint       expected,
                                       const char *code);
void        gil_test_api_prepare  (SoupMessage *msg,
                                   const char  *token,
                                   const char  *key,
                                   const char  *body,
                                   gsize        body_length);
char       *gil_test_api_get_text (const char *url,
                                   const char *token,
                                   const char *path,
                                   guint      *status,
                                   char      **content_type);
JsonObject *gil_test_api_object   (JsonNode   *node);
const char *gil_test_api_error    (JsonNode   *node);
gint64      gil_test_api_room_id  (const char *url,
                                   const char *token,
                                   const char *code);
char       *gil_test_api_pair     (const char *url,
                                   const char *admin_token,
                                   const char *role,
                                   const char *rooms);
char       *gil_test_api_pair_named (const char *url,
                                     const char *admin_token,
                                     const char *role,
                                     const char *rooms,
                                     const char *name);
JsonObject *gil_test_api_call_next (const char *url,
                                    const char *token,
                                    const char *room_code);
void        gil_test_api_stop_action (const char *url,
                                      const char *token,
                                      gint64      stop,
                                      const char *verb);
gint64      gil_test_api_create_patient (const char *url,
                                         const char *token,
                                         const char *name,
                                         const char *birth_date,
                                         const char *sex,
                                         const char *key,
                                         guint       expected);
gint64      gil_test_api_first_stop (JsonNode  *visit);
JsonNode   *gil_test_api_register (const char *url,
                                   const char *token,
                                   const char *name,
                                   const char *birth_date,
                                   const char *extra);
void        gil_test_api_pair_stations  (const char      *url,
                                         const char      *admin_token,
                                         GilTestStations *stations);
void        gil_test_api_clear_stations (GilTestStations *stations);

/* A test fixture of a manager of its own, as GilTestServer, with the
 * stations of GilTestStations paired. */
typedef struct
{
  GilTestManager  *manager;
  const char      *url;
  const char      *admin;
  GilTestStations  stations;
} GilTestPaired;

void        gil_test_paired_set_up      (GilTestPaired   *f,
                                         gconstpointer    data);
void        gil_test_paired_tear_down   (GilTestPaired   *f,
                                         gconstpointer    data);
char       *gil_test_api_years_ago      (guint            years);
/* A call the manager must refuse: with @status and the error @code. */
typedef struct
{
  const char *method;
  const char *path;
  const char *body;
  guint       status;
  const char *code;
} GilTestRefusal;

void        gil_test_api_expect_refusals (const char           *url,
                                          const char           *token,
                                          const GilTestRefusal *refusals,
                                          gsize                 n_refusals);
GPtrArray  *gil_test_api_loket_order    (const char      *url,
                                         const char      *token);
void        gil_test_sort_int64         (GArray          *values);
gint64      gil_test_nearest_rank       (GArray          *sorted,
                                         guint            percent);

G_END_DECLS
