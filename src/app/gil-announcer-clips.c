/* gil-announcer-clips.c — the recorded clips an announcement is made of,
 * decoded, levelled and put together into one WAV file
 *
 * The clips are Ogg Vorbis in the app's resources, or WAV files espeak-ng
 * made for a room (in the user's cache). Each is trimmed of silence at
 * its ends and levelled to the same peak. This runs on the announcer's
 * worker thread (gil-announcer.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <vorbis/vorbisfile.h>

#include "gil-announcer-clips.h"
#include "gil-sound-resources.h"

#define SOUNDS_PATH    "/org/giliran/Giliran/sounds/"
#define SILENCE_LEVEL  100    /* of 32767: quieter is silence at a clip's ends */
#define PEAK_LEVEL     23197  /* -3 dBFS, each clip's loudest sample */

char *
gil_announcer_cached_clip (const char *dir,
                           const char *name)
{
  g_autofree char *file = NULL;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  file = g_strconcat (name, ".wav", NULL);
  return g_build_filename (dir, file, NULL);
}

char *
gil_announcer_clip_resource (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_strconcat (SOUNDS_PATH, name, ".oga", NULL);
}

/* ── decoding clips (on the worker thread) ─────────────────────────── */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Reader;

static size_t
read_cb (void   *buffer,
         size_t  size,
         size_t  count,
         void   *user_data)
{
  Reader *reader = user_data;
  gsize n;

  if (size == 0)
    return 0;
  n = MIN (count, (reader->size - reader->offset) / size);
  memcpy (buffer, reader->data + reader->offset, n * size);
  reader->offset += n * size;
  return n;
}

static int
seek_cb (void        *user_data,
         ogg_int64_t  offset,
         int          whence)
{
  Reader *reader = user_data;
  gint64 base = whence == SEEK_CUR ? (gint64)reader->offset
              : whence == SEEK_END ? (gint64)reader->size : 0;

  if (base + offset < 0 || base + offset > (gint64)reader->size)
    return -1;
  reader->offset = base + offset;
  return 0;
}

static long
tell_cb (void *user_data)
{
  return ((Reader *)user_data)->offset;
}

static GArray *
decode_vorbis (GBytes  *bytes,
               GError **error)
{
  Reader reader = { g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), 0 };
  ov_callbacks callbacks = { read_cb, seek_cb, NULL, tell_cb };
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint16));
  OggVorbis_File file;
  vorbis_info *info;
  char buffer[4096];
  long n;
  int section;

  if (ov_open_callbacks (&reader, &file, NULL, 0, callbacks) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not Ogg Vorbis");
      return NULL;
    }
  info = ov_info (&file, -1);
  if (info->rate != GIL_ANNOUNCER_RATE || info->channels != 1)
    {
      ov_clear (&file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%d channels at %ld Hz, not one at %d Hz", info->channels, info->rate, GIL_ANNOUNCER_RATE);
      return NULL;
    }
  while ((n = ov_read (&file, buffer, sizeof buffer, G_BYTE_ORDER == G_BIG_ENDIAN, 2, 1, &section)) > 0)
    g_array_append_vals (samples, buffer, n / 2);
  ov_clear (&file);
  if (n < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "damaged Ogg Vorbis (%ld)", n);
      return NULL;
    }
  return g_steal_pointer (&samples);
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | p[1] << 8 | p[2] << 16 | (guint32)p[3] << 24;
}

static guint16
read_le16 (const guint8 *p)
{
  return p[0] | p[1] << 8;
}

/* A WAV file as espeak-ng writes it: 16-bit mono PCM. */
static GArray *
decode_wav (GBytes  *bytes,
            GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean format_ok = FALSE;
  gsize offset = 12;

  if (size < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a WAV file");
      return NULL;
    }

  while (offset + 8 <= size)
    {
      const guint8 *chunk = data + offset;
      gsize length = MIN (read_le32 (chunk + 4), size - offset - 8);

      if (memcmp (chunk, "fmt ", 4) == 0 && length >= 16)
        format_ok = read_le16 (chunk + 8) == 1 && read_le16 (chunk + 10) == 1 &&
                    read_le32 (chunk + 12) == GIL_ANNOUNCER_RATE && read_le16 (chunk + 22) == 16;
      else if (memcmp (chunk, "data", 4) == 0 && format_ok)
        {
          GArray *samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16), length / 2);

          for (gsize i = 0; i + 1 < length; i += 2)
            {
              gint16 sample = (gint16)read_le16 (chunk + 8 + i);

              g_array_append_val (samples, sample);
            }
          return samples;
        }
      offset += 8 + length + (length & 1);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not 16-bit mono at %d Hz", GIL_ANNOUNCER_RATE);
  return NULL;
}

/* Cuts the silence at both ends and brings the loudest sample to
 * PEAK_LEVEL: recorded and synthesised clips sound alike. */
static void
level (GArray *samples)
{
  gint16 *s = (gint16 *)samples->data;
  guint first = 0, last = samples->len;
  int peak = 0;

  while (first < last && ABS ((int)s[first]) <= SILENCE_LEVEL)
    first++;
  while (last > first && ABS ((int)s[last - 1]) <= SILENCE_LEVEL)
    last--;
  g_array_remove_range (samples, last, samples->len - last);
  g_array_remove_range (samples, 0, first);

  s = (gint16 *)samples->data;
  for (guint i = 0; i < samples->len; i++)
    peak = MAX (peak, ABS ((int)s[i]));
  if (peak == 0)
    return;
  for (guint i = 0; i < samples->len; i++)
    s[i] = CLAMP ((gint64)s[i] * PEAK_LEVEL / peak, G_MININT16, G_MAXINT16);
}

/* A clip from the resources, else one espeak-ng made for a room. */
GArray *
gil_announcer_load_clip (const char  *name,
                         const char  *dir,
                         GError     **error)
{
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GArray *samples;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  resource = gil_announcer_clip_resource (name);
  bytes = g_resource_lookup_data (gil_sounds_get_resource (), resource, 0, NULL);
  if (bytes != NULL)
    samples = decode_vorbis (bytes, error);
  else
    {
      g_autofree char *path = gil_announcer_cached_clip (dir, name);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);

      if (file == NULL)
        return NULL;
      bytes = g_mapped_file_get_bytes (file);
      samples = decode_wav (bytes, error);
    }
  if (samples != NULL)
    level (samples);
  return samples;
}

void
gil_announcer_add_silence (GArray *samples,
                           guint   msec)
{
  guint n = GIL_ANNOUNCER_RATE * msec / 1000;

  g_return_if_fail (samples != NULL);

  g_array_set_size (samples, samples->len + n);
  memset ((gint16 *)samples->data + samples->len - n, 0, n * sizeof (gint16));
}

static void
put_le32 (GByteArray *bytes,
          guint32     value)
{
  guint8 le[4] = { value, value >> 8, value >> 16, value >> 24 };

  g_byte_array_append (bytes, le, 4);
}

static void
put_le16 (GByteArray *bytes,
          guint16     value)
{
  guint8 le[2] = { value, value >> 8 };

  g_byte_array_append (bytes, le, 2);
}

gboolean
gil_announcer_write_wav (const char  *path,
                         GArray      *samples,
                         GError     **error)
{
  guint32 data_size;
  g_autoptr(GByteArray) wav = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (samples != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data_size = samples->len * sizeof (gint16);
  wav = g_byte_array_sized_new (44 + data_size);
  g_byte_array_append (wav, (const guint8 *)"RIFF", 4);
  put_le32 (wav, 36 + data_size);
  g_byte_array_append (wav, (const guint8 *)"WAVEfmt ", 8);
  put_le32 (wav, 16);
  put_le16 (wav, 1);              /* PCM */
  put_le16 (wav, 1);              /* mono */
  put_le32 (wav, GIL_ANNOUNCER_RATE);
  put_le32 (wav, GIL_ANNOUNCER_RATE * sizeof (gint16));
  put_le16 (wav, sizeof (gint16));
  put_le16 (wav, 16);
  g_byte_array_append (wav, (const guint8 *)"data", 4);
  put_le32 (wav, data_size);
  for (guint i = 0; i < samples->len; i++)
    put_le16 (wav, g_array_index (samples, gint16, i));

  return g_file_set_contents (path, (const char *)wav->data, wav->len, error);
}
