/* gil-connection-loket.c — the queue before the registration desk
 * (loket), one call each
 *
 * doc/api.md, *Loket*: GET /loket/series, POST and GET /loket/tickets,
 * POST /loket/call-next and POST /loket/tickets/{id}/recall and /skip.
 * Tickets come as #GilLoketTicket, series as #GilLoketSeries. A kiosk
 * may list the series and take a ticket, nothing else; the desk does the
 * rest. A write keeps the Idempotency-Key it is given: the kiosk keeps
 * one across the retries of one press, so that a ticket the manager did
 * give is not given twice (and a printer's failure loses no number).
 * Errors are the connection's: %GIL_API_ERROR_QUEUE_EMPTY when nobody
 * waits, %GIL_API_ERROR_INVALID_TRANSITION for a ticket not called today,
 * %GIL_API_ERROR_FORBIDDEN for a role that may not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gil-connection-call-private.h"
#include "gil-connection-loket.h"
#include "gil-reply-private.h"

/* Returns: (transfer full): {"@member": @value} */
static JsonNode *
string_body (const char *member,
             const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static GilLoketTicket *
ticket_from_reply (JsonNode  *reply,
                   GError   **error)
{
  JsonObject *object = _gil_reply_get_object (reply, error);

  if (object == NULL)
    return NULL;
  if (_gil_reply_get_int (object, "id", 0) <= 0 || !_gil_reply_has_strings (object, "ticket", NULL))
    {
      g_set_error_literal (error, GIL_API_ERROR, GIL_API_ERROR_UNKNOWN,
                           _("The manager’s reply has no loket ticket"));
      return NULL;
    }
  return gil_loket_ticket_new_from_json (object);
}

static gpointer
series_from_object (JsonObject *object)
{
  return gil_loket_series_new_from_json (object);
}

static GPtrArray *
series_from_reply (JsonNode  *reply,
                   GError   **error)
{
  JsonArray *array = _gil_reply_get_array (reply, error);

  return array != NULL ? _gil_reply_read_objects (array, series_from_object) : NULL;
}

static gpointer
ticket_from_object (JsonObject *object)
{
  return gil_loket_ticket_new_from_json (object);
}

/* The day's list: a pair, called then waiting. */
static GPtrArray *
day_from_reply (JsonNode  *reply,
                GError   **error)
{
  JsonObject *object = _gil_reply_get_object (reply, error);
  JsonArray *called;
  JsonArray *waiting;
  GPtrArray *day;

  if (object == NULL)
    return NULL;
  called = _gil_reply_get_member_array (object, "called");
  waiting = _gil_reply_get_member_array (object, "waiting");
  if (called == NULL || waiting == NULL)
    {
      _gil_reply_set_unreadable (error);
      return NULL;
    }
  day = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_ptr_array_add (day, _gil_reply_read_objects (called, ticket_from_object));
  g_ptr_array_add (day, _gil_reply_read_objects (waiting, ticket_from_object));
  return day;
}

static void
post_ticket (GilConnection       *self,
             gpointer             source_tag,
             const char          *path,
             JsonNode            *body,
             const char          *idempotency_key,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(JsonNode) request = body;

  _gil_connection_call (self, source_tag, "POST", path, request, idempotency_key,
                        (GilReplyReader)ticket_from_reply, g_object_unref,
                        cancellable, callback, user_data);
}

/**
 * gil_connection_list_loket_series_async:
 *
 * The series a ticket may be taken of, for the kiosk's buttons.
 */
void
gil_connection_list_loket_series_async (GilConnection       *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gil_connection_call (self, gil_connection_list_loket_series_async, "GET", "/api/v1/loket/series",
                        NULL, NULL, (GilReplyReader)series_from_reply,
                        (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * gil_connection_list_loket_series_finish:
 *
 * Returns: (transfer full) (element-type GilLoketSeries): every series,
 *   in their order on the kiosk, those not in use too
 *   (gil_loket_series_get_active())
 */
GPtrArray *
gil_connection_list_loket_series_finish (GilConnection  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_list_loket_series_async, error);
}

/**
 * gil_connection_take_loket_ticket_async:
 * @series: the series' letter, "A"
 * @idempotency_key: (nullable): the same for every try of one press
 *
 * Takes the next number of @series.
 */
void
gil_connection_take_loket_ticket_async (GilConnection       *self,
                                        const char          *series,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (series != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  post_ticket (self, gil_connection_take_loket_ticket_async, "/api/v1/loket/tickets",
               string_body ("series", series), idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_take_loket_ticket_finish:
 *
 * Returns: (transfer full): the new ticket, with how many are ahead of it
 */
GilLoketTicket *
gil_connection_take_loket_ticket_finish (GilConnection  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_take_loket_ticket_async, error);
}

/**
 * gil_connection_list_loket_tickets_async:
 *
 * Today's loket queue, for the desk (and a display).
 */
void
gil_connection_list_loket_tickets_async (GilConnection       *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gil_connection_call (self, gil_connection_list_loket_tickets_async, "GET", "/api/v1/loket/tickets",
                        NULL, NULL, (GilReplyReader)day_from_reply,
                        (GDestroyNotify)g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * gil_connection_list_loket_tickets_finish:
 * @called: (out) (transfer full) (element-type GilLoketTicket): the
 *   tickets called and not yet registered or skipped, the latest first
 * @waiting: (out) (transfer full) (element-type GilLoketTicket): the
 *   waiting tickets in call order
 */
gboolean
gil_connection_list_loket_tickets_finish (GilConnection  *self,
                                          GAsyncResult   *result,
                                          GPtrArray     **called,
                                          GPtrArray     **waiting,
                                          GError        **error)
{
  g_autoptr(GPtrArray) day = NULL;

  g_return_val_if_fail (called != NULL && waiting != NULL, FALSE);

  day = _gil_connection_call_finish (self, result, gil_connection_list_loket_tickets_async, error);
  if (day == NULL)
    return FALSE;
  *called = g_ptr_array_ref (g_ptr_array_index (day, 0));
  *waiting = g_ptr_array_ref (g_ptr_array_index (day, 1));
  return TRUE;
}

/**
 * gil_connection_call_next_loket_async:
 * @desk: this desk's name, "Loket 2", said by the announcement
 * @idempotency_key: (nullable): the same for every try of one press of
 *   "Panggil Berikutnya"
 *
 * Calls the next ticket in call order to @desk.
 */
void
gil_connection_call_next_loket_async (GilConnection       *self,
                                      const char          *desk,
                                      const char          *idempotency_key,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (desk != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  post_ticket (self, gil_connection_call_next_loket_async, "/api/v1/loket/call-next",
               string_body ("desk", desk), idempotency_key, cancellable, callback, user_data);
}

/**
 * gil_connection_call_next_loket_finish:
 *
 * Returns: (transfer full): the called ticket; %NULL with @error set,
 *   %GIL_API_ERROR_QUEUE_EMPTY when nobody waits
 */
GilLoketTicket *
gil_connection_call_next_loket_finish (GilConnection  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_call_next_loket_async, error);
}

static char *
ticket_path (gint64      ticket,
             const char *verb)
{
  return g_strdup_printf ("/api/v1/loket/tickets/%" G_GINT64_FORMAT "/%s", ticket, verb);
}

/**
 * gil_connection_recall_loket_ticket_async:
 * @ticket: the called ticket's id
 *
 * Calls @ticket once more, to the desk that called it.
 */
void
gil_connection_recall_loket_ticket_async (GilConnection       *self,
                                          gint64               ticket,
                                          const char          *idempotency_key,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (ticket > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = ticket_path (ticket, "recall");
  post_ticket (self, gil_connection_recall_loket_ticket_async, path, NULL, idempotency_key,
               cancellable, callback, user_data);
}

/**
 * gil_connection_recall_loket_ticket_finish:
 *
 * Returns: (transfer full): the ticket, one call more;
 *   %GIL_API_ERROR_INVALID_TRANSITION when it is not called today
 */
GilLoketTicket *
gil_connection_recall_loket_ticket_finish (GilConnection  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_recall_loket_ticket_async, error);
}

/**
 * gil_connection_skip_loket_ticket_async:
 * @ticket: the called ticket's id
 *
 * @ticket was called and did not come.
 */
void
gil_connection_skip_loket_ticket_async (GilConnection       *self,
                                        gint64               ticket,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (GIL_IS_CONNECTION (self));
  g_return_if_fail (ticket > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = ticket_path (ticket, "skip");
  post_ticket (self, gil_connection_skip_loket_ticket_async, path, NULL, idempotency_key,
               cancellable, callback, user_data);
}

/**
 * gil_connection_skip_loket_ticket_finish:
 *
 * Returns: (transfer full): the ticket, skipped;
 *   %GIL_API_ERROR_INVALID_TRANSITION when it is not called today
 */
GilLoketTicket *
gil_connection_skip_loket_ticket_finish (GilConnection  *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  return _gil_connection_call_finish (self, result, gil_connection_skip_loket_ticket_async, error);
}
