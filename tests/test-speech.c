/* test-speech.c — a call announcement as its list of clips: numbers as
 * words, every letter, every default room, a room added later, and a clip
 * in data/sounds/ for everything said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-speech.h"
#include "gil-test-util.h"

/* The clips, space-separated, for comparing. */
static char *
joined (GStrv clips)
{
  g_auto(GStrv) owned = clips;

  g_assert_nonnull (owned);
  return g_strjoinv (" ", owned);
}

static char *
sounds_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "sounds", file, NULL);
}

/* Every clip of @clips but pauses has its recording. */
static void
assert_recorded (const char * const *clips)
{
  for (guint i = 0; clips[i] != NULL; i++)
    {
      g_autofree char *file = NULL;
      g_autofree char *path = NULL;

      if (g_str_equal (clips[i], GIL_SPEECH_PAUSE))
        continue;
      file = g_strconcat (clips[i], ".oga", NULL);
      path = sounds_path (file);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("no clip %s", file);
    }
}

/* Adds @value to the group of a number being read, if it may come next:
 * hundreds, then tens, then units. */
static gboolean
take (gint64 *group,
      gint64 *below,
      gint64  value)
{
  if (value >= *below)
    return FALSE;
  *group += value;
  *below = value >= 100 ? 100 : value >= 20 ? 10 : 1;
  return TRUE;
}

/* Reads Indonesian number words back, independently of how they were
 * made; -1 for words that are no number or out of order. */
static gint64
read_number (const char * const *words)
{
  static const char * const digits[] = {
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
  };
  gint64 total = 0, group = 0, below = 1000, digit = -1;

  if (words[0] != NULL && g_str_equal (words[0], "nol"))
    return words[1] == NULL ? 0 : -1;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      gint64 value = -1;

      for (guint d = 1; d < G_N_ELEMENTS (digits); d++)
        if (g_str_equal (word, digits[d]))
          value = d;
      if (value > 0)
        {
          if (digit >= 0)
            return -1;
          digit = value;
          continue;
        }

      if (g_str_equal (word, "sepuluh") || g_str_equal (word, "sebelas") || g_str_equal (word, "seratus"))
        {
          if (digit >= 0)
            return -1;
          value = g_str_equal (word, "sepuluh") ? 10 : g_str_equal (word, "sebelas") ? 11 : 100;
        }
      /* One ten, eleven or hundred is said with "se-", never "satu". */
      else if (g_str_equal (word, "belas") || g_str_equal (word, "puluh") || g_str_equal (word, "ratus"))
        {
          if (digit < 2)
            return -1;
          value = g_str_equal (word, "belas") ? digit + 10
                : g_str_equal (word, "puluh") ? digit * 10 : digit * 100;
          digit = -1;
        }
      else if (g_str_equal (word, "seribu"))
        {
          if (digit >= 0 || group > 0 || total > 0)
            return -1;
          total = 1000;
          continue;
        }
      else if (g_str_equal (word, "ribu"))
        {
          if (digit >= 0 && !take (&group, &below, digit))
            return -1;
          if (group < 2 || total > 0)
            return -1;
          total = group * 1000;
          group = 0;
          below = 1000;
          digit = -1;
          continue;
        }
      else
        return -1;

      if (!take (&group, &below, value))
        return -1;
    }
  if (digit >= 0 && !take (&group, &below, digit))
    return -1;
  return total + group;
}

/* ── the tests ─────────────────────────────────────────────────────── */

static void
test_numbers (void)
{
  static const struct
  {
    guint64     number;
    const char *words;
  } numbers[] = {
    { 0, "nol" },
    { 1, "satu" },
    { 7, "tujuh" },
    { 9, "sembilan" },
    { 10, "sepuluh" },
    { 11, "sebelas" },
    { 12, "dua belas" },
    { 19, "sembilan belas" },
    { 20, "dua puluh" },
    { 21, "dua puluh satu" },
    { 55, "lima puluh lima" },
    { 99, "sembilan puluh sembilan" },
    { 100, "seratus" },
    { 101, "seratus satu" },
    { 110, "seratus sepuluh" },
    { 111, "seratus sebelas" },
    { 115, "seratus lima belas" },
    { 120, "seratus dua puluh" },
    { 200, "dua ratus" },
    { 305, "tiga ratus lima" },
    { 999, "sembilan ratus sembilan puluh sembilan" },
    { 1000, "seribu" },
    { 1001, "seribu satu" },
    { 1100, "seribu seratus" },
    { 2024, "dua ribu dua puluh empat" },
    { 11000, "sebelas ribu" },
    { 100000, "seratus ribu" },
    { 999999, "sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *words = joined (gil_speech_number (numbers[i].number));

      g_assert_cmpstr (words, ==, numbers[i].words);
    }
}

/* Every ticket number a day can reach, read back. */
static void
test_numbers_all (void)
{
  for (guint64 n = 0; n < 10000; n++)
    {
      g_auto(GStrv) clips = gil_speech_number (n);

      g_assert_cmpint (read_number ((const char * const *)clips), ==, n);
      assert_recorded ((const char * const *)clips);
    }
  for (guint64 n = 10000; n < 1000000; n += 997)
    {
      g_auto(GStrv) clips = gil_speech_number (n);

      g_assert_cmpint (read_number ((const char * const *)clips), ==, n);
    }
}

static void
test_letters (void)
{
  static const char * const names[] = {
    "a", "be", "ce", "de", "e", "ef", "ge", "ha", "i", "je", "ka", "el", "em",
    "en", "o", "pe", "ki", "er", "es", "te", "u", "fe", "we", "eks", "ye", "zet",
  };

  for (char letter = 'A'; letter <= 'Z'; letter++)
    {
      const char *clips[] = { gil_speech_letter (letter), NULL };

      g_assert_cmpstr (gil_speech_letter (letter), ==, names[letter - 'A']);
      g_assert_cmpstr (gil_speech_letter (g_ascii_tolower (letter)), ==, names[letter - 'A']);
      assert_recorded (clips);
    }
  g_assert_null (gil_speech_letter ('-'));
  g_assert_null (gil_speech_letter ('7'));
  g_assert_null (gil_speech_letter (' '));
  g_assert_null (gil_speech_letter ('\0'));
}

static void
test_tickets (void)
{
  static const struct
  {
    const char *ticket;
    const char *clips;
  } tickets[] = {
    { "D-007", "de tujuh" },
    { "A-001", "a satu" },
    { "B-012", "be dua belas" },
    { "C-010", "ce sepuluh" },
    { "E-000", "e nol" },
    { "F-019", "ef sembilan belas" },
    { "G-020", "ge dua puluh" },
    { "H-100", "ha seratus" },
    { "J-101", "je seratus satu" },
    { "K-110", "ka seratus sepuluh" },
    { "Q-999", "ki sembilan ratus sembilan puluh sembilan" },
    /* V is said "fe", as Indonesians name it, never the English "vee". */
    { "V-005", "fe lima" },
    { "X-1000", "eks seribu" },
    { "z-5", "zet lima" },
    { "AB-12", "a be dua belas" },
    { "D-1234567", "de satu dua tiga empat lima enam tujuh" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    {
      g_autofree char *clips = joined (gil_speech_ticket (tickets[i].ticket));

      g_assert_cmpstr (clips, ==, tickets[i].clips);
    }

  /* Every prefix letter, in a whole call. */
  for (char letter = 'A'; letter <= 'Z'; letter++)
    {
      g_autofree char *ticket = g_strdup_printf ("%c-011", letter);
      const char *room[] = { "farmasi", NULL };
      g_auto(GStrv) call = gil_speech_call (ticket, room);
      g_autofree char *expected = g_strdup_printf ("nomor-antrean %s sebelas , silakan-menuju farmasi",
                                                   gil_speech_letter (letter));
      g_autofree char *clips = g_strjoinv (" ", call);

      g_assert_cmpstr (clips, ==, expected);
      assert_recorded ((const char * const *)call);
    }
}

static void
test_call (void)
{
  const char *room[] = { "ruang-usia-dewasa", NULL };
  g_auto(GStrv) call = gil_speech_call ("D-007", room);
  g_autofree char *clips = g_strjoinv (" ", call);

  g_assert_cmpstr (clips, ==, "nomor-antrean de tujuh , silakan-menuju ruang-usia-dewasa");
  assert_recorded ((const char * const *)call);
}

/* A call to the registration desk: "Nomor antrean A dua belas, silakan
 * ke Loket 2", as clips (every one recorded) and as text. */
static void
test_loket_call (void)
{
  static const struct
  {
    const char *ticket;
    const char *desk;
    const char *clips;
    const char *text;
  } calls[] = {
    { "A-012", "Loket 2", "nomor-antrean a dua belas , silakan-ke loket dua",
      "Nomor antrean A dua belas, silakan ke Loket 2" },
    { "P-001", "Loket 11", "nomor-antrean pe satu , silakan-ke loket sebelas",
      "Nomor antrean P satu, silakan ke Loket 11" },
    { "B-120", "Loket Lansia", "nomor-antrean be seratus dua puluh , silakan-ke loket",
      "Nomor antrean B seratus dua puluh, silakan ke Loket Lansia" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_auto(GStrv) call = gil_speech_loket_call (calls[i].ticket, calls[i].desk);
      g_autofree char *clips = g_strjoinv (" ", call);
      g_autofree char *text = gil_speech_loket_text (calls[i].ticket, calls[i].desk);

      g_assert_cmpstr (clips, ==, calls[i].clips);
      g_assert_cmpstr (text, ==, calls[i].text);
      assert_recorded ((const char * const *)call);
    }
}

/* A call from one counter of a room with two PCs: "…, meja dua". */
static void
test_call_at_counter (void)
{
  static const struct
  {
    guint       counter;
    const char *clips;
  } calls[] = {
    { 0, "nomor-antrean de tujuh , silakan-menuju ruang-usia-dewasa" },
    { 2, "nomor-antrean de tujuh , silakan-menuju ruang-usia-dewasa , meja dua" },
    { 11, "nomor-antrean de tujuh , silakan-menuju ruang-usia-dewasa , meja sebelas" },
    { 99, "nomor-antrean de tujuh , silakan-menuju ruang-usia-dewasa , meja sembilan puluh sembilan" },
  };
  const char *room[] = { "ruang-usia-dewasa", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_auto(GStrv) call = gil_speech_call_at ("D-007", room, calls[i].counter);
      g_autofree char *clips = g_strjoinv (" ", call);

      g_assert_cmpstr (clips, ==, calls[i].clips);
      assert_recorded ((const char * const *)call);
    }
}

static void
test_clip_names (void)
{
  g_autofree char *a = gil_speech_clip_name ("nomor antrean");
  g_autofree char *b = gil_speech_clip_name ("Ruang Balita (MTBS)");
  g_autofree char *c = gil_speech_clip_name ("  Farmasi ");
  g_autofree char *d = gil_speech_clip_name ("Ruang KB & Imunisasi 2");
  g_autofree char *e = gil_speech_clip_name ("Ruang Tindakan–Ruang Nifas");
  g_autofree char *f = gil_speech_clip_name ("");

  g_assert_cmpstr (a, ==, "nomor-antrean");
  g_assert_cmpstr (b, ==, "ruang-balita-mtbs");
  g_assert_cmpstr (c, ==, "farmasi");
  g_assert_cmpstr (d, ==, "ruang-kb-imunisasi-2");
  g_assert_cmpstr (e, ==, "ruang-tindakan-ruang-nifas");
  g_assert_cmpstr (f, ==, "");
}

/* Each room a new database starts with has its name recorded. */
static void
test_default_rooms (void)
{
  static const struct
  {
    const char *code;
    const char *clip;
  } rooms[] = {
    { "K2-KIA", "ruang-kesehatan-ibu" },
    { "K2-BALITA", "ruang-balita-mtbs" },
    { "K2-ANAK", "ruang-anak-dan-remaja" },
    { "K3-DEWASA", "ruang-usia-dewasa" },
    { "K3-LANSIA", "ruang-lansia" },
    { "LK-KHUSUS", "ruang-pemeriksaan-khusus" },
    { "LK-UGD", "ruang-gawat-darurat" },
    { "LK-GIGI", "ruang-gigi-dan-mulut" },
    { "LK-LAB", "laboratorium" },
    { "LK-FARMASI", "farmasi" },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "default-rooms.tsv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint seen = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *clip = NULL;
      const char *expected = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      for (guint r = 0; r < G_N_ELEMENTS (rooms); r++)
        if (g_str_equal (rooms[r].code, fields[0]))
          expected = rooms[r].clip;
      g_assert_nonnull (expected);

      clip = gil_speech_clip_name (fields[1]);
      g_assert_cmpstr (clip, ==, expected);
      {
        const char *room[] = { clip, NULL };
        g_auto(GStrv) call = gil_speech_call ("A-001", room);

        assert_recorded ((const char * const *)call);
      }
      seen++;
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (rooms));
}

/* A room the admin adds later, with no clip of its name. */
static void
test_composed_rooms (void)
{
  static const struct
  {
    const char *name;
    const char *cluster;
    const char *clips;
  } rooms[] = {
    { "Ruang Umum 2", "k3", "ruang klaster tiga nomor dua" },
    { "Ruang MTBS", "k2", "ruang klaster dua" },
    { "Poli TB", "k4", "ruang klaster empat" },
    { "Ruang 12", "lk", "ruang lintas-klaster nomor dua belas" },
    { "Ruang 3A lantai 2", "lk", "ruang lintas-klaster nomor dua" },
    { "Ruang Baru 101", NULL, "ruang nomor seratus satu" },
    { "Ruang Baru", "zz", "ruang" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    {
      g_auto(GStrv) room = gil_speech_room_composed (rooms[i].name, rooms[i].cluster);
      g_auto(GStrv) call = gil_speech_call ("D-007", (const char * const *)room);
      g_autofree char *clips = g_strjoinv (" ", room);
      g_autofree char *expected = g_strconcat ("nomor-antrean de tujuh , silakan-menuju ", rooms[i].clips, NULL);
      g_autofree char *said = g_strjoinv (" ", call);

      g_assert_cmpstr (clips, ==, rooms[i].clips);
      g_assert_cmpstr (said, ==, expected);
      assert_recorded ((const char * const *)call);
    }
}

/* The chime is recorded too, and the app's resource lists every clip. */
static void
test_manifest (void)
{
  g_autofree char *path = sounds_path ("giliran-sounds.gresource.xml");
  g_autofree char *manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *dir_path = sounds_path (NULL);
  const char *name;
  const char *chime[] = { GIL_SPEECH_CHIME, NULL };
  guint clips = 0;

  assert_recorded (chime);
  g_file_get_contents (path, &manifest, NULL, &error);
  g_assert_no_error (error);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *entry = NULL;

      if (!g_str_has_suffix (name, ".oga"))
        continue;
      entry = g_strdup_printf ("<file>%s</file>", name);
      g_assert_nonnull (strstr (manifest, entry));
      clips++;
    }
  g_assert_cmpuint (clips, >, 26 + 18 + 10);
}

int
main (int    argc,
      char **argv)
{
  gil_test_init (&argc, &argv);

  g_test_add_func ("/giliran/speech/numbers", test_numbers);
  g_test_add_func ("/giliran/speech/numbers-all", test_numbers_all);
  g_test_add_func ("/giliran/speech/letters", test_letters);
  g_test_add_func ("/giliran/speech/tickets", test_tickets);
  g_test_add_func ("/giliran/speech/call", test_call);
  g_test_add_func ("/giliran/speech/call-at-counter", test_call_at_counter);
  g_test_add_func ("/giliran/speech/loket-call", test_loket_call);
  g_test_add_func ("/giliran/speech/clip-names", test_clip_names);
  g_test_add_func ("/giliran/speech/default-rooms", test_default_rooms);
  g_test_add_func ("/giliran/speech/composed-rooms", test_composed_rooms);
  g_test_add_func ("/giliran/speech/manifest", test_manifest);

  return g_test_run ();
}
