/* gil-visit.h — a registered visit from the manager, typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "gil-patient.h"
#include "gil-stop-item.h"
#include "gil-terms.h"

G_BEGIN_DECLS

#define GIL_TYPE_VISIT (gil_visit_get_type ())
G_DECLARE_FINAL_TYPE (GilVisit, gil_visit, GIL, VISIT, GObject)

GilVisit           *gil_visit_new_from_json       (JsonNode  *node,
                                                   GError   **error);
GPtrArray          *gil_visit_list_from_json      (JsonNode  *node,
                                                   GError   **error);

gint64              gil_visit_get_id              (GilVisit  *self);
GilPatient         *gil_visit_get_patient         (GilVisit  *self);
const char         *gil_visit_get_day             (GilVisit  *self);
const char         *gil_visit_get_ticket          (GilVisit  *self);
const char         *gil_visit_get_purpose         (GilVisit  *self);
const char * const *gil_visit_get_signs           (GilVisit  *self);
gboolean            gil_visit_get_pregnant        (GilVisit  *self);
const char         *gil_visit_get_payer           (GilVisit  *self);
gboolean            gil_visit_get_new_patient     (GilVisit  *self);
const char         *gil_visit_get_cluster         (GilVisit  *self);
const char         *gil_visit_get_priority        (GilVisit  *self);
gint64              gil_visit_get_suggested_room  (GilVisit  *self);
gint64              gil_visit_get_room            (GilVisit  *self);
gboolean            gil_visit_get_overridden      (GilVisit  *self);
const char         *gil_visit_get_reason          (GilVisit  *self);
guint               gil_visit_get_n_stops         (GilVisit  *self);
GilStopItem        *gil_visit_get_stop            (GilVisit  *self,
                                                   guint      index);
GilStopItem        *gil_visit_get_last_stop       (GilVisit  *self);
GDateTime          *gil_visit_get_registered_at   (GilVisit  *self);
gboolean            gil_visit_is_cancelled        (GilVisit  *self);
GDateTime          *gil_visit_get_cancelled_at    (GilVisit  *self);
const char         *gil_visit_get_cancel_reason   (GilVisit  *self);
GilOutcome          gil_visit_get_outcome         (GilVisit  *self);
const char         *gil_visit_get_referred_to     (GilVisit  *self);
const char         *gil_visit_get_warning         (GilVisit  *self);
gint64              gil_visit_get_loket_id        (GilVisit  *self);
const char         *gil_visit_get_loket_ticket    (GilVisit  *self);
GDateTime          *gil_visit_get_loket_taken_at  (GilVisit  *self);
GDateTime          *gil_visit_get_loket_called_at (GilVisit  *self);
const char         *gil_visit_get_loket_desk      (GilVisit  *self);
gboolean            gil_visit_equal               (GilVisit  *a,
                                                   GilVisit  *b);

G_END_DECLS
