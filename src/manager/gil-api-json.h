/* gil-api-json.h — the API's JSON: core objects out, request fields in
 *
 * Writers in gil-api-json.c, an event's message in gil-api-event.c, the
 * report's CSV in gil-api-csv.c, the strict parse of a body in
 * gil-json-check.c and the readers in gil-api-read.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "gil-audit.h"
#include "gil-json-writer.h"
#include "gil-events.h"
#include "gil-patients.h"
#include "gil-queue.h"
#include "gil-reports.h"
#include "gil-rooms.h"
#include "gil-stations.h"
#include "gil-routing-rules.h"

G_BEGIN_DECLS

#define GIL_REQUEST_ERROR (gil_request_error_quark ())

typedef enum
{
  GIL_REQUEST_ERROR_INVALID_JSON,
  GIL_REQUEST_ERROR_INVALID_FIELD,
} GilRequestError;

typedef enum
{
  GIL_JSON_WITH_NAMES = 1 << 0,   /* patient names; never for a display */
} GilJsonFlags;

GQuark      gil_request_error_quark   (void);

/* gil-api-json.c */
char       *gil_api_format_time       (gint64          unix_seconds);

void        gil_api_add_room          (GilJsonWriter  *builder,
                                       const GilRoom  *room,
                                       gboolean        with_waiting);
void        gil_api_add_patient       (GilJsonWriter  *builder,
                                       const GilPatient *patient,
                                       const char     *warning);
void        gil_api_add_stop          (GilJsonWriter  *builder,
                                       const GilStop  *stop,
                                       GilJsonFlags    flags);
void        gil_api_add_visit         (GilJsonWriter  *builder,
                                       const GilVisit *visit);
void        gil_api_add_visit_warning (GilJsonWriter  *builder,
                                       const GilVisit *visit,
                                       const char     *warning);
void        gil_api_add_station       (GilJsonWriter  *builder,
                                       const GilStation *station);
void        gil_api_add_audit_entry   (GilJsonWriter  *builder,
                                       const GilAuditEntry *entry);
void        gil_api_add_patient_change (GilJsonWriter *builder,
                                        const GilPatientChange *change);
void        gil_api_add_daily_report  (GilJsonWriter  *builder,
                                       const GilDailyReport *report,
                                       gboolean        summary);

/* The members of a report's figures: see gil_api_add_report_figures(). */
typedef enum
{
  GIL_REPORT_JSON_OF_VISITS = 1 << 0,   /* new patients, referred, died */
  GIL_REPORT_JSON_MONTHLY   = 1 << 1,   /* the monthly report's names, minutes */
} GilReportJsonFlags;

void        gil_api_add_minutes       (GilJsonWriter  *builder,
                                       const char     *name,
                                       gint64          seconds);
void        gil_api_add_report_figures (GilJsonWriter *builder,
                                        const GilReportFigures *figures,
                                        GilReportJsonFlags flags);
void        gil_api_add_report_groups (GilJsonWriter  *builder,
                                       const char     *name,
                                       GPtrArray      *groups,
                                       gboolean        rooms,
                                       GilReportJsonFlags flags);
void        gil_api_add_payers_purposes (GilJsonWriter *builder,
                                         const int     *by_payer,
                                         const int     *by_purpose);

/* gil-api-event.c */
char       *gil_api_event_message     (const GilEvent *event,
                                        const char     *log);

/* gil-api-csv.c */
char       *gil_api_report_csv        (JsonNode       *reports);

/* gil-json-check.c */
JsonObject *gil_api_parse_object      (GBytes         *body,
                                       GError        **error);

/* gil-api-read.c: strict field readers: a wrong type is an error naming
 * the field; a missing optional field leaves *out alone and succeeds. */
gboolean    gil_api_get_string        (JsonObject     *object,
                                       const char     *field,
                                       gboolean        required,
                                       const char    **out,
                                       GError        **error);
gboolean    gil_api_get_nullable_string (JsonObject   *object,
                                         const char   *field,
                                         const char  **out,
                                         gboolean     *present,
                                         GError      **error);
gboolean    gil_api_get_int           (JsonObject     *object,
                                       const char     *field,
                                       gboolean        required,
                                       gint64         *out,
                                       GError        **error);
gboolean    gil_api_get_nullable_int  (JsonObject     *object,
                                       const char     *field,
                                       gint64         *out,
                                       GError        **error);
gboolean    gil_api_get_bool          (JsonObject     *object,
                                       const char     *field,
                                       gboolean       *out,
                                       GError        **error);
gboolean    gil_api_get_strv          (JsonObject     *object,
                                       const char     *field,
                                       GStrv          *out,
                                       GError        **error);
gboolean    gil_api_get_ids           (JsonObject     *object,
                                       const char     *field,
                                       GArray        **out,
                                       GError        **error);


/* Request bodies into the core's structs. Strings point into @body, which
 * must outlive them; a failure is a GIL_REQUEST_ERROR naming the field. */
gboolean    gil_api_read_room         (JsonObject     *body,
                                       GilRoom        *room,
                                       GError        **error);
gboolean    gil_api_read_unidentified (JsonObject     *body,
                                       gboolean       *unidentified,
                                       GilPatient     *patient,
                                       guint          *approx_age_years,
                                       GError        **error);
gboolean    gil_api_read_patient      (JsonObject     *body,
                                       GilPatient     *patient,
                                       GError        **error);
gboolean    gil_api_read_routing      (JsonObject      *body,
                                       gint64          *patient_id,
                                       GilRoutingInput *input,
                                       GStrv           *signs,
                                       GError         **error);
gboolean    gil_api_read_visit        (JsonObject     *body,
                                       GilVisitRequest *request,
                                       GStrv          *signs,
                                       GError        **error);
gboolean    gil_api_read_cancel       (JsonObject     *body,
                                       const char    **reason,
                                       GError        **error);
gboolean    gil_api_read_reroute      (JsonObject     *body,
                                       gint64         *room,
                                       const char    **reason,
                                       GError        **error);
gboolean    gil_api_read_counter      (JsonObject     *body,
                                       int            *counter,
                                       GError        **error);
gboolean    gil_api_read_outcome      (JsonObject     *body,
                                       GilOutcome     *outcome,
                                       const char    **referred_to,
                                       GError        **error);
gboolean    gil_api_read_transfer     (JsonObject     *body,
                                       gint64         *room,
                                       gboolean       *return_after,
                                       GError        **error);
gboolean    gil_api_read_pairing_code (JsonObject     *body,
                                       GilRole        *role,
                                       GArray        **rooms,
                                       GError        **error);
gboolean    gil_api_read_pair         (JsonObject     *body,
                                       const char    **code,
                                       const char    **name,
                                       GilRole        *role,
                                       gboolean       *role_given,
                                       GArray        **rooms,
                                       GError        **error);

G_END_DECLS
