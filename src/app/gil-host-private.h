/* gil-host-private.h — what gil-host.c and gil-host-process.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-host.h"

G_BEGIN_DECLS

/* How long a started manager has to answer, in steps of PROBE_STEP_MS. */
#define PROBE_STEP_MS        200
#define PROBE_STEPS          50
/* Back-off between starts: doubled from BACKOFF_FIRST_S up to BACKOFF_MAX_S,
 * and back to the first once a manager has run for BACKOFF_RESET_S. */
#define BACKOFF_FIRST_S      1
#define BACKOFF_MAX_S        30
#define BACKOFF_RESET_S      60
/* A manager this object did not start: asked every WATCH_INTERVAL_S, and
 * counted as gone after WATCH_FAILURES unanswered asks in a row. */
#define WATCH_INTERVAL_S     5
#define WATCH_FAILURES       2
/* How long "stopped and was started again" stays said. */
#define RECOVERED_NOTE_S     60
/* A manager being replaced has this long to stop, in steps of PROBE_STEP_MS. */
#define STRAY_STOP_STEPS     50
#define MANAGER_PREFIX       "giliran-manager: "

struct _GilHost
{
  GObject           parent_instance;

  char             *manager;
  char             *data_dir;
  char             *database;
  char             *token_file;
  guint             port;
  gboolean          local_only;

  GilHostState      state;
  char             *problem;
  char             *url;
  char             *fingerprint;

  GCancellable     *cancellable;        /* this object's life */
  GCancellable     *probe_cancellable;  /* the current attempt's health probes */
  GSubprocess      *process;            /* the manager this object started */
  GDataInputStream *errors;             /* its stderr */
  char             *reason;             /* its last "giliran-manager: …" line */
  gboolean          exited;
  gboolean          errors_done;
  gboolean          restart_now;        /* stopped on purpose, to start another way */
  gboolean          ever_ran;
  guint             steps;
  guint             backoff_s;
  gint64            running_since;      /* monotonic µs; 0 when not running */
  guint             watch_failures;
  guint             timeout_id;
  guint             note_id;
  GArray           *strays;             /* element-type GPid: being stopped */
  GPtrArray        *waiting;            /* element-type GTask: start_async callers */
};

typedef void (*Answered) (GilHost *self, gboolean healthy);

void gil_host_new_attempt     (GilHost    *self);
void gil_host_begin           (GilHost    *self);
void gil_host_became_running  (GilHost    *self);
void gil_host_failed          (GilHost    *self,
                               const char *reason);
void gil_host_ask_health      (GilHost    *self,
                               Answered    answered);
void gil_host_spawn           (GilHost    *self);
void gil_host_replace_strays  (GilHost    *self);

G_END_DECLS
