/* gil-registration-page-private.h — the registration desk's parts, shared
 * by its files: the page itself (the visit's fields, the live suggestion,
 * set-up), finding or adding the patient (gil-registration-patient.c), and
 * registering and the ticket (gil-registration-visit.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "gil-connection-patients.h"
#include "gil-connection-visits.h"
#include "gil-desk-loket.h"
#include "gil-desk-visits.h"
#include "gil-label.h"
#include "gil-nik-autofill.h"
#include "gil-patient-search.h"
#include "gil-registration-page.h"
#include "gil-warning-bar.h"

G_BEGIN_DECLS

/* The sex row's items: nothing chosen until the clerk chooses. */
enum
{
  SEX_NONE,
  SEX_FEMALE,
  SEX_MALE,
};

struct _GilRegistrationPage
{
  AdwBin          parent_instance;

  GilContext     *context;
  GilConnection  *connection;   /* the context's */
  GilRoomList    *rooms;
  GCancellable   *routing_cancellable;
  GCancellable   *cancellable;
  GilPatient     *patient;        /* the chosen patient */
  GilVisit       *visit;          /* the last registered visit */
  char           *register_key;   /* one Idempotency-Key per registration */
  char           *patient_key;
  GilPatientSearch *search;      /* lists in results_list what search_entry finds */
  GPtrArray      *sign_checks;    /* element-type GtkCheckButton */
  GArray         *room_ids;       /* gint64, parallel to room_row's model after item 0 */
  guint           routing_id;
  gboolean        registering;    /* a registration is under way */
  gboolean        confirmed;      /* the clerk confirmed what looked implausible */
  GilNikAutofill *nik_autofill;

  GtkSearchEntry *search_entry;
  GtkListBox     *results_list;
  GtkStack       *left_stack;
  AdwEntryRow    *name_row;
  AdwEntryRow    *nik_row;
  AdwEntryRow    *birth_row;
  AdwComboRow    *sex_row;
  AdwEntryRow    *bpjs_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *phone_row;
  GtkLabel       *nik_note;
  GtkLabel       *form_error;
  GilWarningBar  *warning_bar;
  GtkWidget      *identify_box;
  GtkLabel       *patient_label;
  GtkLabel       *patient_detail;
  AdwComboRow    *purpose_row;
  AdwComboRow    *payer_row;
  GtkSwitch      *pregnant_switch;
  GtkFlowBox     *signs_box;
  AdwActionRow   *suggestion_row;
  AdwComboRow    *room_row;
  GtkLabel       *register_error;
  GtkWidget      *register_button;
  GtkRevealer    *ticket_revealer;
  GtkLabel       *ticket_label;
  GtkLabel       *ticket_room_label;
  GtkLabel       *ticket_ahead_label;
  GilDeskVisits  *desk_visits;    /* the left column's "visits" page */
  GtkBox         *left_box;
  GilDeskLoket   *loket;          /* the loket queue's panel, atop the left column */
  GilLoketTicket *register_loket; /* the loket ticket of the registration under way */
};

/* gil-registration-page.c */
gboolean    gil_registration_page_form_open               (GilRegistrationPage *self);
void        gil_registration_page_update_register_enabled (GilRegistrationPage *self);
const char *gil_registration_page_selected_payer          (GilRegistrationPage *self);
void        gil_registration_page_preselect_payer         (GilRegistrationPage *self);
GilVisitDraft *gil_registration_page_new_visit_draft      (GilRegistrationPage *self);
void        gil_registration_page_queue_routing           (GilRegistrationPage *self);

/* gil-registration-patient.c */
void        gil_registration_page_choose_patient          (GilRegistrationPage *self,
                                                           GilPatient          *patient);
void        gil_registration_page_show_patient_warning    (GilRegistrationPage *self,
                                                           GilPatient          *patient);
void        gil_registration_page_clear_search            (GilRegistrationPage *self);
void        gil_registration_page_class_init_patient      (GtkWidgetClass      *widget_class);

/* gil-registration-visit.c */
void        gil_registration_page_class_init_visit        (GtkWidgetClass      *widget_class);

G_END_DECLS
