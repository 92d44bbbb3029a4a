/* gil-host.h — the queue server this computer hosts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  GIL_HOST_STOPPED,
  GIL_HOST_STARTING,
  GIL_HOST_RUNNING,
  GIL_HOST_RESTARTING,
} GilHostState;

#define GIL_TYPE_HOST_STATE (gil_host_state_get_type ())
GType gil_host_state_get_type (void);

#define GIL_TYPE_HOST (gil_host_get_type ())
G_DECLARE_FINAL_TYPE (GilHost, gil_host, GIL, HOST, GObject)

GilHost      *gil_host_new               (const char    *manager,
                                          const char    *data_dir,
                                          guint          port,
                                          gboolean       local_only);
void          gil_host_start_async       (GilHost       *self,
                                          GCancellable  *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer       user_data);
gboolean      gil_host_start_finish      (GilHost       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
GilHostState  gil_host_get_state         (GilHost       *self);
const char   *gil_host_get_problem       (GilHost       *self);
gboolean      gil_host_get_local_only    (GilHost       *self);
void          gil_host_set_local_only    (GilHost       *self,
                                          gboolean       local_only);
const char   *gil_host_get_url           (GilHost       *self);
const char   *gil_host_get_fingerprint   (GilHost       *self);
const char   *gil_host_get_token_file    (GilHost       *self);
GPid          gil_host_get_pid           (GilHost       *self);
GStrv         gil_host_dup_lan_urls      (GilHost       *self);

G_END_DECLS
