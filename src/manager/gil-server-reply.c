/* gil-server-reply.c — the manager's replies: a JSON body, or an error
 * with the API's status and code for each error of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-nik.h"
#include "gil-server-private.h"

void
gil_server_reply_builder (Request       *req,
                          guint          status,
                          GilJsonWriter *builder)
{
  g_free (req->reply);
  req->status = status;
  req->reply = gil_json_writer_steal (builder, NULL);
}

static void
reply_error_code (Request      *req,
                  guint         status,
                  GilErrorCode  code,
                  const char   *message,
                  const char   *detail)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "error");
  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "code");
  gil_json_writer_string (builder, gil_error_code_to_string (code));
  gil_json_writer_member (builder, "message");
  gil_json_writer_string (builder, message);
  if (detail != NULL)
    {
      gil_json_writer_member (builder, "detail");
      gil_json_writer_string (builder, detail);
    }
  gil_json_writer_end_object (builder);
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, status, builder);
}

/* The API's status and code for an error of the core. */
void
gil_server_reply_error (Request      *req,
                        const GError *error)
{
  guint status = 500;
  GilErrorCode code = GIL_ERROR_CODE_INTERNAL_ERROR;
  const char *detail = NULL;

  if (error->domain == GIL_NIK_ERROR)
    {
      status = 400, code = GIL_ERROR_CODE_INVALID_NIK;
      detail = gil_nik_error_code (error->code);
    }
  else if (error->domain == GIL_REQUEST_ERROR)
    {
      status = 400;
      code = error->code == GIL_REQUEST_ERROR_INVALID_JSON ? GIL_ERROR_CODE_INVALID_JSON : GIL_ERROR_CODE_INVALID_FIELD;
    }
  else if (error->domain == GIL_PATIENT_ERROR)
    {
      switch ((GilPatientError)error->code)
        {
        case GIL_PATIENT_ERROR_NOT_FOUND: status = 404, code = GIL_ERROR_CODE_NOT_FOUND; break;
        case GIL_PATIENT_ERROR_INVALID_BPJS: status = 400, code = GIL_ERROR_CODE_INVALID_BPJS; break;
        case GIL_PATIENT_ERROR_INVALID_BIRTH_DATE: status = 400, code = GIL_ERROR_CODE_INVALID_BIRTH_DATE; break;
        case GIL_PATIENT_ERROR_MISSING_NAME: status = 400, code = GIL_ERROR_CODE_MISSING_NAME; break;
        case GIL_PATIENT_ERROR_INVALID_SEX:
        case GIL_PATIENT_ERROR_INVALID_FIELD: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        case GIL_PATIENT_ERROR_DUPLICATE_NIK: status = 409, code = GIL_ERROR_CODE_DUPLICATE_NIK; break;
        case GIL_PATIENT_ERROR_MERGED: status = 409, code = GIL_ERROR_CODE_MERGED; break;
        case GIL_PATIENT_ERROR_INVALID_MERGE: status = 409, code = GIL_ERROR_CODE_INVALID_MERGE; break;
        default: break;
        }
    }
  else if (error->domain == GIL_ROUTING_ERROR)
    {
      status = 400, code = GIL_ERROR_CODE_INVALID_FIELD;
    }
  else if (error->domain == GIL_QUEUE_ERROR)
    {
      switch ((GilQueueError)error->code)
        {
        case GIL_QUEUE_ERROR_NOT_FOUND: status = 404, code = GIL_ERROR_CODE_NOT_FOUND; break;
        case GIL_QUEUE_ERROR_ALREADY_QUEUED: status = 409, code = GIL_ERROR_CODE_ALREADY_QUEUED; break;
        case GIL_QUEUE_ERROR_QUEUE_EMPTY: status = 409, code = GIL_ERROR_CODE_QUEUE_EMPTY; break;
        case GIL_QUEUE_ERROR_INVALID_TRANSITION: status = 409, code = GIL_ERROR_CODE_INVALID_TRANSITION; break;
        case GIL_QUEUE_ERROR_NO_ROOM: status = 409, code = GIL_ERROR_CODE_NO_ROOM; break;
        case GIL_QUEUE_ERROR_ROOM_INACTIVE: status = 409, code = GIL_ERROR_CODE_ROOM_INACTIVE; break;
        case GIL_QUEUE_ERROR_INVALID_PAYER: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        case GIL_QUEUE_ERROR_CANCELLED: status = 409, code = GIL_ERROR_CODE_ALREADY_CANCELLED; break;
        case GIL_QUEUE_ERROR_INVALID_REASON: status = 400, code = GIL_ERROR_CODE_INVALID_REASON; break;
        case GIL_QUEUE_ERROR_IMPLAUSIBLE: status = 409, code = GIL_ERROR_CODE_IMPLAUSIBLE; break;
        case GIL_QUEUE_ERROR_INVALID_COUNTER: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        case GIL_QUEUE_ERROR_INVALID_OUTCOME: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        default: break;
        }
    }
  else if (error->domain == GIL_ROOM_ERROR)
    {
      switch ((GilRoomError)error->code)
        {
        case GIL_ROOM_ERROR_NOT_FOUND: status = 404, code = GIL_ERROR_CODE_NOT_FOUND; break;
        case GIL_ROOM_ERROR_DUPLICATE_CODE: status = 409, code = GIL_ERROR_CODE_DUPLICATE_CODE; break;
        case GIL_ROOM_ERROR_INVALID: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        default: break;
        }
    }
  else if (error->domain == GIL_STATION_ERROR)
    {
      switch ((GilStationError)error->code)
        {
        case GIL_STATION_ERROR_NOT_FOUND: status = 404, code = GIL_ERROR_CODE_NOT_FOUND; break;
        case GIL_STATION_ERROR_INVALID_CODE: status = 403, code = GIL_ERROR_CODE_INVALID_PAIRING_CODE; break;
        case GIL_STATION_ERROR_INVALID: status = 400, code = GIL_ERROR_CODE_INVALID_FIELD; break;
        default: break;
        }
    }
  else if (error->domain == GIL_STORE_ERROR)
    {
      /* Logged once when the storage starts failing, not per request. */
      status = 503, code = GIL_ERROR_CODE_STORAGE_ERROR;
    }

  reply_error_code (req, status, code, error->message, detail);
}

void
gil_server_reply_message (Request      *req,
                          guint         status,
                          GilErrorCode  code,
                          const char   *message)
{
  g_return_if_fail (req != NULL);

  reply_error_code (req, status, code, message, NULL);
}
