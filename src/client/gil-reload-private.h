/* gil-reload-private.h — a list kept current from the manager
 *
 * What GilRoomList and GilQueueModel share: load once, then again on
 * every event that may change the list, on every snapshot and when the
 * manager is back online; one load at a time, and whatever asks during
 * it gets one more afterwards. The owner embeds a #GilReload and gives it
 * how to load, how to take a reply and which events concern it. Also the
 * items-changed of a list that keeps its items across loads. Not
 * installed and not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gil-connection.h"

G_BEGIN_DECLS

/* Starts a load; @callback gets the result for #GilReloadApply. */
typedef void     (*GilReloadLoad)     (gpointer             owner,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Finishes a load (@source is the connection) and takes its reply. */
typedef void     (*GilReloadApply)    (gpointer             owner,
                                       GObject             *source,
                                       GAsyncResult        *result);
/* Whether @event may change the owner's list. */
typedef gboolean (*GilReloadConcerns) (gpointer             owner,
                                       JsonObject          *event);

typedef struct
{
  GObject           *owner;          /* not owned: it embeds this */
  GilConnection     *connection;     /* not owned: the owner's */
  GParamSpec        *loading_pspec;  /* the owner's "loading" */
  GilReloadLoad      load;
  GilReloadApply     apply;
  GilReloadConcerns  concerns;
  GCancellable      *cancellable;
  gboolean           loading;        /* a load is under way */
  gboolean           stale;          /* something changed since it went out */
} GilReload;

void  _gil_reload_start  (GilReload          *self,
                          gpointer            owner,
                          GilConnection      *connection,
                          GParamSpec         *loading_pspec,
                          GilReloadLoad       load,
                          GilReloadApply      apply,
                          GilReloadConcerns   concerns);
void  _gil_reload_again  (GilReload          *self);
void  _gil_reload_stop   (GilReload          *self);

void  _gil_reload_replace_items (GListModel  *model,
                                 GPtrArray  **items,
                                 GPtrArray   *fresh);

G_END_DECLS
