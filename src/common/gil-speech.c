/* gil-speech.c — what a call announcement says, as a list of clips
 *
 * "Nomor antrean D tujuh, silakan menuju Ruang Usia Dewasa." is spoken
 * from short recorded clips: the phrases, the ticket's letters by their
 * Indonesian names (D = "de", V = "fe"), its number as words ("tujuh",
 * "sebelas", "seratus satu") and the room's name. A clip is named after its text,
 * lower case, words joined by hyphens: "nomor antrean" is nomor-antrean.
 * data/sounds/words.txt lists every word and phrase used here, and
 * build-aux/make-sounds.py records them and the default rooms' names.
 *
 * A call from one counter (meja) of a room with more than one PC says
 * which: "…, silakan menuju Ruang Usia Dewasa, meja dua."
 *
 * A call to the registration desk (loket) says the desk: "Nomor antrean
 * A dua belas, silakan ke Loket 2" (gil_speech_loket_call()).
 *
 * A room without a clip of its own (one the admin added, or renamed) is
 * said by its cluster and, when its name has one, its number: "ruang
 * klaster tiga nomor dua" for "Ruang Umum 2" in cluster 3.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-speech.h"

/* Beyond this many digits a number is read digit by digit. */
#define MAX_NUMBER_DIGITS 6

static const char * const digits[] = {
  "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
};

static const char * const letters[] = {
  "a", "be", "ce", "de", "e", "ef", "ge", "ha", "i", "je", "ka", "el", "em",
  "en", "o", "pe", "ki", "er", "es", "te", "u", "fe", "we", "eks", "ye", "zet",
};

static const struct
{
  const char *cluster;
  const char *words[2];
} clusters[] = {
  { "k2", { "klaster", "dua" } },
  { "k3", { "klaster", "tiga" } },
  { "k4", { "klaster", "empat" } },
  { "lk", { "lintas-klaster", NULL } },
};

/**
 * gil_speech_clip_name:
 * @text: what the clip says
 *
 * Returns: (transfer full): the name of the clip saying @text: its letters
 *   and digits in lower case, every other run of characters one hyphen
 */
char *
gil_speech_clip_name (const char *text)
{
  GString *name;
  gboolean gap = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  name = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          gap = TRUE;
          continue;
        }
      if (gap && name->len > 0)
        g_string_append_c (name, '-');
      g_string_append_c (name, g_ascii_tolower (*p));
      gap = FALSE;
    }
  return g_string_free (name, FALSE);
}

/**
 * gil_speech_letter:
 * @letter: a letter, A–Z in either case
 *
 * Returns: (nullable): the clip of the letter's Indonesian name ("de" for D),
 *   or %NULL when @letter is no letter of the alphabet
 */
const char *
gil_speech_letter (char letter)
{
  if (!g_ascii_isalpha (letter))
    return NULL;
  return letters[g_ascii_toupper (letter) - 'A'];
}

/* 1–999, as words. */
static void
add_hundreds (GStrvBuilder *clips,
              guint         number)
{
  guint hundreds = number / 100;
  guint rest = number % 100;

  g_assert (number > 0 && number < 1000);

  if (hundreds == 1)
    g_strv_builder_add (clips, "seratus");
  else if (hundreds > 1)
    {
      g_strv_builder_add (clips, digits[hundreds]);
      g_strv_builder_add (clips, "ratus");
    }

  if (rest == 0)
    return;
  if (rest < 10)
    g_strv_builder_add (clips, digits[rest]);
  else if (rest == 10)
    g_strv_builder_add (clips, "sepuluh");
  else if (rest == 11)
    g_strv_builder_add (clips, "sebelas");
  else if (rest < 20)
    {
      g_strv_builder_add (clips, digits[rest - 10]);
      g_strv_builder_add (clips, "belas");
    }
  else
    {
      g_strv_builder_add (clips, digits[rest / 10]);
      g_strv_builder_add (clips, "puluh");
      if (rest % 10 != 0)
        g_strv_builder_add (clips, digits[rest % 10]);
    }
}

/* 0–999999 as words: "seribu dua ratus", "dua belas ribu". */
static void
add_number (GStrvBuilder *clips,
            guint64       number)
{
  guint thousands = number / 1000;

  g_assert (number < 1000000);

  if (number == 0)
    {
      g_strv_builder_add (clips, digits[0]);
      return;
    }
  if (thousands == 1)
    g_strv_builder_add (clips, "seribu");
  else if (thousands > 1)
    {
      add_hundreds (clips, thousands);
      g_strv_builder_add (clips, "ribu");
    }
  if (number % 1000 != 0)
    add_hundreds (clips, number % 1000);
}

/* A run of digits as its number, leading zeros aside ("007" is "tujuh");
 * a run too long for words, digit by digit. */
static void
add_digits (GStrvBuilder *clips,
            const char   *run,
            gsize         length)
{
  guint64 number = 0;

  while (length > 1 && *run == '0')
    {
      run++;
      length--;
    }
  if (length > MAX_NUMBER_DIGITS)
    {
      for (gsize i = 0; i < length; i++)
        g_strv_builder_add (clips, digits[run[i] - '0']);
      return;
    }
  for (gsize i = 0; i < length; i++)
    number = number * 10 + (run[i] - '0');
  add_number (clips, number);
}

/**
 * gil_speech_number:
 * @number: a number below a million
 *
 * Returns: (transfer full): the clips saying @number in words: 0 is "nol",
 *   11 "sebelas", 101 "seratus satu", 999 "sembilan ratus sembilan puluh
 *   sembilan"
 */
GStrv
gil_speech_number (guint64 number)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();

  g_return_val_if_fail (number < 1000000, NULL);

  add_number (clips, number);
  return g_strv_builder_end (clips);
}

static void
add_ticket (GStrvBuilder *clips,
            const char   *ticket)
{
  const char *p = ticket;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          gsize length = strspn (p, "0123456789");

          add_digits (clips, p, length);
          p += length;
          continue;
        }
      if (gil_speech_letter (*p) != NULL)
        g_strv_builder_add (clips, gil_speech_letter (*p));
      p++;
    }
}

/**
 * gil_speech_ticket:
 * @ticket: a ticket label, such as "D-007"
 *
 * Its letters are read by their names and each run of digits as a number;
 * anything else (the hyphen) is not read.
 *
 * Returns: (transfer full): the clips saying @ticket: "de", "tujuh"
 */
GStrv
gil_speech_ticket (const char *ticket)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();

  g_return_val_if_fail (ticket != NULL, NULL);

  add_ticket (clips, ticket);
  return g_strv_builder_end (clips);
}

/**
 * gil_speech_room_composed:
 * @room_name: the room's name
 * @cluster: (nullable): the room's cluster: k2, k3, k4 or lk
 *
 * For a room with no clip of its name: "ruang", its cluster, and the last
 * number in its name.
 *
 * Returns: (transfer full): the clips saying the room: "ruang", "klaster",
 *   "tiga", "nomor", "dua" for "Ruang Umum 2" in cluster 3
 */
GStrv
gil_speech_room_composed (const char *room_name,
                          const char *cluster)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();
  const char *number = NULL;
  gsize length = 0;

  g_return_val_if_fail (room_name != NULL, NULL);

  g_strv_builder_add (clips, "ruang");
  for (guint i = 0; i < G_N_ELEMENTS (clusters); i++)
    if (g_strcmp0 (cluster, clusters[i].cluster) == 0)
      for (guint j = 0; j < G_N_ELEMENTS (clusters[i].words) && clusters[i].words[j] != NULL; j++)
        g_strv_builder_add (clips, clusters[i].words[j]);

  for (const char *p = room_name; *p != '\0'; p += MAX (length, 1))
    {
      length = strspn (p, "0123456789");
      if (length > 0)
        number = p;
    }
  if (number != NULL)
    {
      g_strv_builder_add (clips, "nomor");
      add_digits (clips, number, strspn (number, "0123456789"));
    }
  return g_strv_builder_end (clips);
}

/**
 * gil_speech_call:
 * @ticket: the ticket label called, such as "D-007"
 * @room: (array zero-terminated=1): the clips saying the room
 *
 * Returns: (transfer full): the clips of the whole call: "nomor-antrean",
 *   the ticket, a pause, "silakan-menuju" and the room
 */
GStrv
gil_speech_call (const char         *ticket,
                 const char * const *room)
{
  g_return_val_if_fail (ticket != NULL, NULL);
  g_return_val_if_fail (room != NULL, NULL);

  return gil_speech_call_at (ticket, room, 0);
}

/**
 * gil_speech_call_at:
 * @ticket: the ticket label called, such as "D-007"
 * @room: (array zero-terminated=1): the clips saying the room
 * @counter: the counter (meja) of the room that called, below a million;
 *   0 for none
 *
 * Returns: (transfer full): the clips of gil_speech_call(), then with a
 *   counter a pause, "meja" and its number: "meja", "dua"
 */
GStrv
gil_speech_call_at (const char         *ticket,
                    const char * const *room,
                    guint               counter)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();

  g_return_val_if_fail (ticket != NULL, NULL);
  g_return_val_if_fail (room != NULL, NULL);
  g_return_val_if_fail (counter < 1000000, NULL);

  g_strv_builder_add (clips, "nomor-antrean");
  add_ticket (clips, ticket);
  g_strv_builder_add (clips, GIL_SPEECH_PAUSE);
  g_strv_builder_add (clips, "silakan-menuju");
  g_strv_builder_addv (clips, (const char **)room);
  if (counter > 0)
    {
      g_strv_builder_add (clips, GIL_SPEECH_PAUSE);
      g_strv_builder_add (clips, "meja");
      add_number (clips, counter);
    }
  return g_strv_builder_end (clips);
}

/* The last run of digits in @text, or %NULL; its length in @length. */
static const char *
last_number (const char *text,
             gsize      *length)
{
  const char *number = NULL;
  gsize run = 0;

  *length = 0;
  for (const char *p = text; *p != '\0'; p += MAX (run, 1))
    {
      run = strspn (p, "0123456789");
      if (run > 0)
        {
          number = p;
          *length = run;
        }
    }
  return number;
}

/**
 * gil_speech_loket_call:
 * @ticket: the loket ticket called, such as "A-012"
 * @desk: the desk that calls, such as "Loket 2"
 *
 * A call to the registration desk: "Nomor antrean A dua belas, silakan
 * ke Loket 2". The desk is said as "loket" and the last number in its
 * name; a desk without one as "loket" alone.
 *
 * Returns: (transfer full): the clips: "nomor-antrean", the ticket, a
 *   pause, "silakan-ke", "loket" and the desk's number: "nomor-antrean",
 *   "a", "dua", "belas", ",", "silakan-ke", "loket", "dua"
 */
GStrv
gil_speech_loket_call (const char *ticket,
                       const char *desk)
{
  g_autoptr(GStrvBuilder) clips = g_strv_builder_new ();
  const char *number;
  gsize length;

  g_return_val_if_fail (ticket != NULL, NULL);
  g_return_val_if_fail (desk != NULL, NULL);

  g_strv_builder_add (clips, "nomor-antrean");
  add_ticket (clips, ticket);
  g_strv_builder_add (clips, GIL_SPEECH_PAUSE);
  g_strv_builder_add (clips, "silakan-ke");
  g_strv_builder_add (clips, "loket");
  number = last_number (desk, &length);
  if (number != NULL)
    add_digits (clips, number, length);
  return g_strv_builder_end (clips);
}

/**
 * gil_speech_loket_text:
 * @ticket: the loket ticket called, such as "A-012"
 * @desk: the desk that calls, such as "Loket 2"
 *
 * What gil_speech_loket_call() says, written: for a caption, and for a
 * voice that speaks text where a clip is missing.
 *
 * Returns: (transfer full): "Nomor antrean A dua belas, silakan ke
 *   Loket 2": the ticket's letters as they are written, its numbers in
 *   words, the desk by its name
 */
char *
gil_speech_loket_text (const char *ticket,
                       const char *desk)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_auto(GStrv) said = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (ticket != NULL, NULL);
  g_return_val_if_fail (desk != NULL, NULL);

  for (const char *p = ticket; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          gsize length = strspn (p, "0123456789");

          add_digits (words, p, length);
          p += length;
          continue;
        }
      if (gil_speech_letter (*p) != NULL)
        {
          char letter[2] = { g_ascii_toupper (*p), '\0' };

          g_strv_builder_add (words, letter);
        }
      p++;
    }
  said = g_strv_builder_end (words);
  joined = g_strjoinv (" ", said);
  return g_strdup_printf ("Nomor antrean %s, silakan ke %s", joined, desk);
}
