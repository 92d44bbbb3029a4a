/* gil-audit.h — who did what: a visit's history, a patient record's changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-store.h"

G_BEGIN_DECLS

/* The station that did something, as the audit trail names it. */
typedef struct
{
  gint64  id;      /* 0: the manager itself; GIL_STATION_ADMIN: the admin token */
  char   *name;    /* NULL for the manager itself */
  char   *role;    /* NULL for the manager itself */
} GilAuditStation;

/* One event of a visit, with what it meant at the time. */
typedef struct
{
  gint64           seq;
  char            *type;            /* "stop.called", … */
  gint64           at;              /* unix seconds */
  gint64           room;            /* 0 when none */
  char            *room_name;
  gint64           stop;
  char            *ticket;
  char            *status;          /* the stop's status just after */
  gint64           calls;
  GilAuditStation  station;

  /* visit.registered */
  gint64           suggested_room;
  char            *suggested_room_name;
  gboolean         overridden;
  char            *reason;          /* also stop.cancelled, stop.rerouted */
  /* stop.called */
  gboolean         out_of_order;
  /* stop.transferred, stop.rerouted: where the patient was sent */
  gint64           to_room;
  char            *to_room_name;
  gboolean         returns;         /* comes back when finished there */
  /* stop.enqueued after a transfer or a return */
  gint64           from_room;
  char            *from_room_name;
  gboolean         returning;       /* back from a room that sent them here */
} GilAuditEntry;

/* One creation or correction of a patient's record. */
typedef struct
{
  gint64           id;
  gint64           at;
  char            *action;          /* "created" or "updated" */
  GStrv            fields;          /* the fields changed */
  GilAuditStation  station;
} GilPatientChange;

void        gil_audit_entry_free          (GilAuditEntry    *entry);
void        gil_patient_change_free       (GilPatientChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilAuditEntry, gil_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GilPatientChange, gil_patient_change_free)

GPtrArray  *gil_audit_visit_history       (GilStore   *store,
                                           gint64      visit,
                                           GError    **error);
gboolean    gil_audit_record_patient      (GilStore   *store,
                                           gint64      patient,
                                           const char *action,
                                           const char *fields,
                                           GError    **error);
GPtrArray  *gil_audit_patient_history     (GilStore   *store,
                                           gint64      patient,
                                           GError    **error);

G_END_DECLS
