/* gil-reload.c — a list kept current from the manager
 *
 * See gil-reload-private.h. A load under way when its owner is disposed
 * is cancelled, and its reply goes nowhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-reload-private.h"

/* One load: the reload it is for, while its cancellable is not cancelled. */
typedef struct
{
  GilReload    *reload;
  GCancellable *cancellable;
} Load;

static void start_load (GilReload *self);

static void
set_loading (GilReload *self,
             gboolean   loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (self->owner, self->loading_pspec);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;
  GilReload *self = load->reload;
  gboolean gone = g_cancellable_is_cancelled (load->cancellable);

  g_object_unref (load->cancellable);
  g_free (load);
  /* Cancelled in the owner's dispose: the owner is gone. */
  if (gone)
    return;

  self->apply (self->owner, source, result);
  if (self->stale)
    start_load (self);
  else
    set_loading (self, FALSE);
}

static void
start_load (GilReload *self)
{
  Load *load = g_new0 (Load, 1);

  load->reload = self;
  load->cancellable = g_object_ref (self->cancellable);
  self->stale = FALSE;
  set_loading (self, TRUE);
  self->load (self->owner, self->cancellable, on_loaded_cb, load);
}

/* Loads again; while a load is under way, once more after it. */
void
_gil_reload_again (GilReload *self)
{
  if (self->cancellable == NULL)
    return;
  if (self->loading)
    self->stale = TRUE;
  else
    start_load (self);
}

static void
on_event_cb (GilConnection *connection,
             JsonObject    *event,
             GilReload     *self)
{
  if (self->concerns (self->owner, event))
    _gil_reload_again (self);
}

static void
on_snapshot_cb (GilConnection *connection,
                JsonObject    *snapshot,
                GilReload     *self)
{
  _gil_reload_again (self);
}

/* Back online after a gap: whatever was missed is replayed as events, but a
 * load that failed while offline is only tried again here. */
static void
on_notify_online_cb (GilConnection *connection,
                     GParamSpec    *pspec,
                     GilReload     *self)
{
  if (gil_connection_get_online (connection))
    _gil_reload_again (self);
}

/* In the owner's constructed: listens to @connection and loads. */
void
_gil_reload_start (GilReload         *self,
                   gpointer           owner,
                   GilConnection     *connection,
                   GParamSpec        *loading_pspec,
                   GilReloadLoad      load,
                   GilReloadApply     apply,
                   GilReloadConcerns  concerns)
{
  g_assert (G_IS_OBJECT (owner));
  g_assert (GIL_IS_CONNECTION (connection));
  g_assert (load != NULL && apply != NULL && concerns != NULL);

  self->owner = owner;
  self->connection = connection;
  self->loading_pspec = loading_pspec;
  self->load = load;
  self->apply = apply;
  self->concerns = concerns;
  self->cancellable = g_cancellable_new ();
  g_signal_connect (connection, "event", G_CALLBACK (on_event_cb), self);
  g_signal_connect (connection, "snapshot", G_CALLBACK (on_snapshot_cb), self);
  g_signal_connect (connection, "notify::online", G_CALLBACK (on_notify_online_cb), self);
  start_load (self);
}

/* In the owner's dispose: cancels the load under way and stops listening. */
void
_gil_reload_stop (GilReload *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_signal_handlers_disconnect_by_data (self->connection, self);
}

/* Makes @fresh the list @items of @model, telling views only about the
 * changed middle. */
void
_gil_reload_replace_items (GListModel  *model,
                           GPtrArray  **items,
                           GPtrArray   *fresh)
{
  g_autoptr(GPtrArray) old = *items;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < old->len && prefix < fresh->len &&
         old->pdata[prefix] == fresh->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < fresh->len - prefix &&
         old->pdata[old->len - 1 - suffix] == fresh->pdata[fresh->len - 1 - suffix])
    suffix++;

  *items = g_ptr_array_ref (fresh);
  if (old->len != fresh->len || prefix + suffix < fresh->len)
    g_list_model_items_changed (model, prefix,
                                old->len - prefix - suffix,
                                fresh->len - prefix - suffix);
}
