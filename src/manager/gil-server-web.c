/* gil-server-web.c — the browser display: its page, script and style, the
 * clips its announcements are made of, and what a call says
 *
 * GET /display is a waiting-room display for any browser (a smart TV, an
 * Android box): plain HTML, CSS and JavaScript from the manager's own
 * resources (data/web), nothing from outside. The page pairs itself with a
 * display code and then uses the API like any station (doc/api.md,
 * "The browser display"). GET /sounds/NAME.oga gives the same recorded clips
 * the app speaks from, and GET /api/v1/rooms/{id}/announcement says which
 * clips a call is made of, worked out by the one src/common speech code the
 * app uses; GET /api/v1/loket/tickets/{id}/announcement the same for a
 * loket call. GET /kiosk is the loket kiosk for a browser: big buttons that
 * take a loket ticket, paired with a kiosk code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gil-loket.h"
#include "gil-manager-sound-resources.h"
#include "gil-rooms.h"
#include "gil-server-private.h"
#include "gil-speech.h"
#include "gil-web-resources.h"

#define WEB_PATH      "/org/giliran/web/"
#define SOUNDS_PATH   "/org/giliran/Giliran/sounds/"
#define CLIP_NAME_MAX 64
#define TICKET_MAX    32
#define COUNTER_MAX   99

/* What a page may load: only the manager itself. */
#define PAGE_POLICY "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self'; " \
                    "img-src 'self' data:; frame-ancestors 'none'"

static const struct
{
  const char *path;
  const char *resource;
  const char *type;
  gboolean    plain;   /* served over the plain-HTTP display port too */
} pages[] = {
  { "/display", "display.html", "text/html; charset=utf-8", TRUE },
  { "/display/display.js", "display.js", "text/javascript; charset=utf-8", TRUE },
  { "/display/display.css", "display.css", "text/css; charset=utf-8", TRUE },
  /* What the display and the kiosk share (common.js, common.css), under each. */
  { "/display/common.js", "common.js", "text/javascript; charset=utf-8", TRUE },
  { "/display/common.css", "common.css", "text/css; charset=utf-8", TRUE },
  /* The kiosk takes tickets: a write, never over plain HTTP. */
  { "/kiosk", "kiosk.html", "text/html; charset=utf-8", FALSE },
  { "/kiosk/kiosk.js", "kiosk.js", "text/javascript; charset=utf-8", FALSE },
  { "/kiosk/kiosk.css", "kiosk.css", "text/css; charset=utf-8", FALSE },
  { "/kiosk/common.js", "common.js", "text/javascript; charset=utf-8", FALSE },
  { "/kiosk/common.css", "common.css", "text/css; charset=utf-8", FALSE },
};

static void
reply_bytes (Request    *req,
             GBytes     *bytes,
             const char *type,
             const char *cache)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  soup_message_headers_replace (headers, "Cache-Control", cache);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Content-Security-Policy", PAGE_POLICY);
  soup_server_message_set_status (req->msg, 200, NULL);
  if (g_str_equal (req->method, "HEAD"))
    {
      soup_message_headers_set_content_length (headers, size);
      soup_message_headers_replace (headers, "Content-Type", type);
      return;
    }
  soup_server_message_set_response (req->msg, type, SOUP_MEMORY_COPY, data, size);
}

/* The page, with what kind of display it is written into it: one that
 * pairs itself, or one on the plain-HTTP port that needs no pairing. */
static GBytes *
page_bytes (Request    *req,
            const char *resource)
{
  g_autofree char *path = g_strconcat (WEB_PATH, resource, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (gil_web_get_resource (), path, 0, NULL);
  GString *text;

  g_assert (bytes != NULL);   /* compiled in */
  if (!g_str_equal (resource, "display.html"))
    return g_steal_pointer (&bytes);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (text, "data-mode=\"paired\"", req->plain ? "data-mode=\"plain\"" : "data-mode=\"paired\"", 1);
  return g_string_free_to_bytes (text);
}

static gboolean
clip_name_valid (const char *name,
                 gsize       length)
{
  if (length == 0 || length > CLIP_NAME_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (name[i]) && !g_ascii_isdigit (name[i]) && name[i] != '-')
      return FALSE;
  return TRUE;
}

/* GET /sounds/NAME.oga: a clip of the app's resources. */
static void
serve_clip (Request    *req,
            const char *file)
{
  const char *dot = strrchr (file, '.');
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (dot != NULL && g_str_equal (dot, ".oga") && clip_name_valid (file, dot - file))
    {
      path = g_strconcat (SOUNDS_PATH, file, NULL);
      bytes = g_resource_lookup_data (gil_manager_sounds_get_resource (), path, 0, NULL);
    }
  if (bytes == NULL)
    {
      gil_server_reply_message (req, 404, GIL_ERROR_CODE_NOT_FOUND, _("There is nothing at this address"));
      return;
    }
  reply_bytes (req, bytes, "audio/ogg", "public, max-age=86400");
}

/**
 * gil_server_web_handle:
 *
 * Answers @req when its path is one of the browser display's files (GET or
 * HEAD), or says 405 for another method there.
 *
 * Returns: whether @req was one of them
 */
gboolean
gil_server_web_handle (GilServer *self,
                       Request   *req)
{
  gboolean reads = g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD");
  gboolean known = FALSE;

  if (g_str_has_prefix (req->path, "/sounds/"))
    {
      if (reads)
        serve_clip (req, req->path + strlen ("/sounds/"));
      known = TRUE;
    }
  for (guint i = 0; !known && i < G_N_ELEMENTS (pages); i++)
    {
      if (!g_str_equal (req->path, pages[i].path) || (req->plain && !pages[i].plain))
        continue;
      known = TRUE;
      if (reads)
        {
          g_autoptr(GBytes) bytes = page_bytes (req, pages[i].resource);

          reply_bytes (req, bytes, pages[i].type, "no-cache");
        }
    }
  if (known && !reads)
    gil_server_reply_message (req, 405, GIL_ERROR_CODE_METHOD_NOT_ALLOWED,
                              _("This method is not allowed on this address"));
  return known;
}

/* ── what a call says ──────────────────────────────────────────────── */

static gboolean
has_clip (const char *name)
{
  g_autofree char *path = g_strconcat (SOUNDS_PATH, name, ".oga", NULL);

  return g_resource_get_info (gil_manager_sounds_get_resource (), path, 0, NULL, NULL, NULL);
}

/* The room as the app says it without espeak-ng: its own clip, or its
 * cluster and number (gil-announcer-espeak.c). */
static GStrv
room_clips (GilRoom *room)
{
  g_autofree char *name = gil_speech_clip_name (room->name);

  if (*name != '\0' && has_clip (name))
    {
      const char *clips[] = { name, NULL };

      return g_strdupv ((GStrv)clips);
    }
  return gil_speech_room_composed (room->name, room->cluster);
}

static gboolean
read_counter (Request *req,
              guint   *counter)
{
  const char *text = g_hash_table_lookup (req->query, "counter");
  guint64 value = 0;

  if (text != NULL && *text != '\0' &&
      !g_ascii_string_to_unsigned (text, 10, 0, COUNTER_MAX, &value, NULL))
    return FALSE;
  *counter = (guint)value;
  return TRUE;
}

/* Answers {"clips": […]}: the chime, then @call's clips. */
static void
reply_clips (Request            *req,
             const char * const *call)
{
  g_autoptr(GilJsonWriter) builder = gil_json_writer_new ();

  gil_json_writer_begin_object (builder);
  gil_json_writer_member (builder, "clips");
  gil_json_writer_begin_array (builder);
  gil_json_writer_string (builder, GIL_SPEECH_CHIME);
  for (guint i = 0; call[i] != NULL; i++)
    gil_json_writer_string (builder, call[i]);
  gil_json_writer_end_array (builder);
  gil_json_writer_end_object (builder);
  gil_server_reply_builder (req, 200, builder);
}

/* GET /api/v1/rooms/{id}/announcement?ticket=E-007&counter=2: the clips
 * the app plays for that call, in order; "," is a pause. */
void
gil_server_handle_announcement (GilServer *self,
                                Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilRoom) room = NULL;
  g_auto(GStrv) room_words = NULL;
  g_auto(GStrv) call = NULL;
  const char *ticket = req->query != NULL ? g_hash_table_lookup (req->query, "ticket") : NULL;
  guint counter = 0;

  if (ticket == NULL || *ticket == '\0' || strlen (ticket) > TICKET_MAX ||
      !g_utf8_validate (ticket, -1, NULL))
    {
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                _("The parameter “ticket” is a queue number such as E-007"));
      return;
    }
  if (!read_counter (req, &counter))
    {
      gil_server_reply_message (req, 400, GIL_ERROR_CODE_INVALID_FIELD,
                                _("The parameter “counter” is a whole number from 0 to 99"));
      return;
    }
  room = gil_rooms_get (self->store, req->id, &error);
  if (room == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  room_words = room_clips (room);
  call = gil_speech_call_at (ticket, (const char * const *)room_words, counter);

  reply_clips (req, (const char * const *)call);
}

/* GET /api/v1/loket/tickets/{id}/announcement: the clips of that loket
 * ticket's call to its desk ("Nomor antrean A dua belas, silakan ke Loket
 * 2"), as the GTK display says it; 409 for a ticket never called. */
void
gil_server_handle_loket_announcement (GilServer *self,
                                      Request   *req)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GilLoketTicket) ticket = gil_loket_get (self->store, req->id, &error);
  g_auto(GStrv) call = NULL;

  if (ticket == NULL)
    {
      gil_server_reply_error (req, error);
      return;
    }
  if (ticket->desk == NULL || ticket->called_at == 0)
    {
      gil_server_reply_message (req, 409, GIL_ERROR_CODE_INVALID_TRANSITION,
                                _("This loket ticket has not been called"));
      return;
    }
  call = gil_speech_loket_call (ticket->ticket, ticket->desk);
  reply_clips (req, (const char * const *)call);
}
