/* test-json-writer.c — the manager's JSON writer against RFC 8259 and json-glib
 *
 * Every reply and event the manager sends is written by gil-json-writer.c.
 * What it writes must read back, through the manager's own strict reader
 * and json-glib, as exactly what went in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-api-json.h"
#include "gil-events.h"
#include "gil-json-writer.h"

static char *
steal (GilJsonWriter *writer)
{
  char *text = gil_json_writer_steal (writer, NULL);

  g_assert_nonnull (text);
  return text;
}

/* Reads @text as the manager reads a request body: RFC 8259 exactly. */
static JsonObject *
read_strictly (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  JsonObject *object = gil_api_parse_object (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

static void
test_shapes (void)
{
  g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *scalar = NULL;
  gsize length = 0;

  gil_json_writer_begin_object (writer);
  gil_json_writer_member (writer, "id");
  gil_json_writer_int (writer, 7);
  gil_json_writer_member (writer, "name");
  gil_json_writer_string (writer, "Siti");
  gil_json_writer_member (writer, "phone");
  gil_json_writer_string (writer, NULL);
  gil_json_writer_member (writer, "tags");
  gil_json_writer_begin_array (writer);
  gil_json_writer_string (writer, "anak");
  gil_json_writer_int (writer, -3);
  gil_json_writer_bool (writer, TRUE);
  gil_json_writer_begin_object (writer);
  gil_json_writer_end_object (writer);
  gil_json_writer_begin_array (writer);
  gil_json_writer_end_array (writer);
  gil_json_writer_null (writer);
  gil_json_writer_end_array (writer);
  gil_json_writer_member (writer, "active");
  gil_json_writer_bool (writer, FALSE);
  gil_json_writer_end_object (writer);
  text = gil_json_writer_steal (writer, &length);

  g_assert_cmpstr (text, ==,
                   "{\"id\":7,\"name\":\"Siti\",\"phone\":null,"
                   "\"tags\":[\"anak\",-3,true,{},[],null],\"active\":false}");
  g_assert_cmpuint (length, ==, strlen (text));

  /* The writer is empty again, and a value alone is whole JSON too. */
  gil_json_writer_begin_array (writer);
  gil_json_writer_end_array (writer);
  empty = steal (writer);
  g_assert_cmpstr (empty, ==, "[]");
  gil_json_writer_string (writer, "x");
  scalar = steal (writer);
  g_assert_cmpstr (scalar, ==, "\"x\"");
}

static void
test_integers (void)
{
  static const gint64 values[] = {
    0, 1, -1, 9, 10, -10, 99, 100, 1234567890, G_MAXINT32, G_MININT32,
    G_MAXINT64, G_MININT64, G_MAXINT64 - 1, G_MININT64 + 1,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("{\"n\":%" G_GINT64_FORMAT "}", values[i]);
      g_autoptr(JsonObject) object = NULL;

      gil_json_writer_begin_object (writer);
      gil_json_writer_member (writer, "n");
      gil_json_writer_int (writer, values[i]);
      gil_json_writer_end_object (writer);
      text = steal (writer);
      g_assert_cmpstr (text, ==, expected);
      object = read_strictly (text);
      g_assert_cmpint (json_object_get_int_member (object, "n"), ==, values[i]);
    }
}

/* Text from a patient's record may hold anything: quotes, backslashes,
 * control characters, Indonesian and other scripts, and bytes that are
 * not UTF-8 at all (an old import). */
static char *
random_text (GRand *rand)
{
  static const char * const pieces[] = {
    "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x7f",
    "é", "Ñ", "日本", "\xf0\x9f\x98\x80", "\xe2\x80\xa8", "\\u0000",
    "\xff", "\xc3", "\xed\xa0\x80", "Jl. Merdeka No. 5", " ", "a", "0",
  };
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < n; i++)
    {
      if (g_rand_boolean (rand))
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      else
        g_string_append_c (text, (char)g_rand_int_range (rand, 1, 256));
    }
  return g_string_free (text, FALSE);
}

static void
test_strings_read_back (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *name = random_text (rand);
      g_autofree char *value = random_text (rand);
      g_autofree char *valid_name = g_utf8_make_valid (name, -1);
      g_autofree char *valid_value = g_utf8_make_valid (value, -1);
      g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) object = NULL;

      gil_json_writer_begin_object (writer);
      gil_json_writer_member (writer, name);
      gil_json_writer_string (writer, value);
      gil_json_writer_member (writer, "after");
      gil_json_writer_int (writer, round);
      gil_json_writer_end_object (writer);
      text = steal (writer);

      g_assert_true (g_utf8_validate (text, -1, NULL));
      for (const char *p = text; *p != '\0'; p++)
        g_assert_cmpint ((guchar)*p, >=, 0x20);
      object = read_strictly (text);
      g_assert_cmpuint (json_object_get_size (object), ==, g_str_equal (valid_name, "after") ? 1 : 2);
      if (!g_str_equal (valid_name, "after"))
        g_assert_cmpstr (json_object_get_string_member (object, valid_name), ==, valid_value);
      g_assert_cmpint (json_object_get_int_member (object, "after"), ==, round);
    }
}

/* A stored value written again: the same JSON, members in their order. */
static void
test_node (void)
{
  static const char * const texts[] = {
    "{\"a\":1,\"b\":[true,false,null,\"x\\\"y\"],\"c\":{\"d\":-2,\"e\":{}},\"f\":[]}",
    "[1,[2,[3]],{\"z\":\"\\u00e9\"}]",
  };
  g_autoptr(JsonNode) numbers = json_from_string ("{\"half\":0.5,\"big\":1e+20}", NULL);
  g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
  g_autofree char *written = NULL;
  g_autoptr(JsonObject) object = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (texts[i], NULL);
      g_autoptr(GilJsonWriter) again = gil_json_writer_new ();
      g_autofree char *text = NULL;
      g_autofree char *generated = json_to_string (node, FALSE);

      gil_json_writer_node (again, node);
      text = steal (again);
      /* json-glib's own generator as the reference. */
      g_assert_cmpstr (text, ==, generated);
    }

  /* Not for numbers with a fraction: json-glib 1.6 writes 1e+20 as
   * "1e+20.0", which is not JSON. */
  gil_json_writer_node (writer, numbers);
  written = steal (writer);
  g_assert_cmpstr (written, ==, "{\"half\":0.5,\"big\":1e+20}");
  object = read_strictly (written);
  g_assert_cmpfloat (json_object_get_double_member (object, "big"), ==, 1e20);
}

/* Mistakes in the writer's use are reported and leave nothing broken out. */
static void
test_misuse (void)
{
  g_autoptr(GilJsonWriter) writer = gil_json_writer_new ();
  g_autofree char *text = NULL;

  gil_json_writer_begin_object (writer);
  g_test_expect_message ("Giliran-Manager", G_LOG_LEVEL_CRITICAL, "*needs a member name*");
  gil_json_writer_int (writer, 1);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Giliran-Manager", G_LOG_LEVEL_CRITICAL, "*no array open*");
  gil_json_writer_end_array (writer);
  g_test_assert_expected_messages ();

  gil_json_writer_member (writer, "list");
  gil_json_writer_begin_array (writer);
  g_test_expect_message ("Giliran-Manager", G_LOG_LEVEL_CRITICAL, "*member name belongs in an object*");
  gil_json_writer_member (writer, "x");
  g_test_assert_expected_messages ();

  /* Not closed: not one whole value. */
  g_test_expect_message ("Giliran-Manager", G_LOG_LEVEL_CRITICAL, "*not one whole value*");
  g_assert_null (gil_json_writer_steal (writer, NULL));
  g_test_assert_expected_messages ();

  /* Two values side by side are not one either. */
  gil_json_writer_int (writer, 1);
  g_test_expect_message ("Giliran-Manager", G_LOG_LEVEL_CRITICAL, "*already one whole value*");
  gil_json_writer_int (writer, 2);
  g_test_assert_expected_messages ();
  text = steal (writer);
  g_assert_cmpstr (text, ==, "1");
}

static char *
event_message (const char *data,
               gint64      stop)
{
  GilEvent event = { 41, (char *)"stop.called", 1700000400, 5, 3, stop, 2, (char *)data };

  return gil_api_event_message (&event, "00000000000000aa");
}

/* The same snapshot with a space after every colon and comma: the
 * manager's quick reading of SQLite's compact text takes none, so this
 * one goes through json-glib. (No test text has either inside a string.) */
static char *
spaced (const char *data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (const char *p = data; *p != '\0'; p++)
    {
      g_string_append_c (text, *p);
      if (*p == ':' || *p == ',')
        g_string_append_c (text, ' ');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An event's message is the same whichever way its stored snapshot is
 * read: as the flat object SQLite writes, or by json-glib. */
static void
test_event_message (void)
{
  static const char * const snapshots[] = {
    "{\"id\":7,\"visit\":3,\"room\":5,\"ticket\":\"E-007\",\"status\":\"called\",\"calls\":1,"
    "\"priority\":\"priority\",\"enqueued_at\":1700000000,\"called_at\":1700000300,"
    "\"started_at\":null,\"finished_at\":null,\"number_only\":1}",
    "{\"id\":8,\"visit\":4,\"room\":2,\"ticket\":\"A-120\",\"status\":\"waiting\",\"calls\":0,"
    "\"priority\":\"normal\",\"enqueued_at\":1700000000,\"called_at\":null,"
    "\"started_at\":null,\"finished_at\":null,\"number_only\":0}",
    /* An older snapshot, without priority and number_only. */
    "{\"id\":9,\"visit\":5,\"room\":1,\"ticket\":\"B-001\",\"status\":\"done\",\"calls\":2,"
    "\"enqueued_at\":1600000000,\"called_at\":1600000100,\"started_at\":1600000200,"
    "\"finished_at\":1600000900}",
    "{}",
    "{\"id\":-3,\"ticket\":null,\"calls\":null,\"number_only\":null,\"called_at\":\"soon\"}",
    "{\"id\":10,\"ticket\":\"Ruang Gizi \xe2\x80\x93 G-002\",\"calls\":999999999999999999}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (snapshots); i++)
    {
      g_autofree char *wide = spaced (snapshots[i]);
      g_autofree char *quick = event_message (snapshots[i], 7);
      g_autofree char *parsed = event_message (wide, 7);

      g_assert_cmpstr (quick, ==, parsed);
    }

  /* What the first says, with its times in local time. */
  {
    g_autofree char *message = event_message (snapshots[0], 7);
    g_autofree char *called = gil_api_format_time (1700000300);
    g_autofree char *called_member = g_strdup_printf ("\"called_at\":\"%s\"", called);
    g_autoptr(JsonObject) object = read_strictly (message);
    JsonObject *stop = json_object_get_object_member (object, "stop");

    g_assert_nonnull (strstr (message, called_member));
    g_assert_nonnull (strstr (message, "\"started_at\":null"));
    g_assert_true (json_object_get_boolean_member (stop, "number_only"));
    g_assert_cmpint (json_object_get_int_member (stop, "id"), ==, 7);
    g_assert_cmpstr (json_object_get_string_member (object, "ticket"), ==, "E-007");
    g_assert_cmpint (json_object_get_int_member (object, "calls"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object, "seq"), ==, 41);
  }

  /* Escapes, and a name twice, are json-glib's to read: the same text
   * as the plain snapshot, the last of the two. */
  {
    g_autofree char *plain = event_message ("{\"ticket\":\"E-007\",\"calls\":1}", 7);
    g_autofree char *escaped = event_message ("{\"ticket\":\"E\\u002d007\",\"calls\":1}", 7);
    g_autofree char *twice = event_message ("{\"calls\":1,\"calls\":2}", 7);

    g_assert_cmpstr (plain, ==, escaped);
    g_assert_nonnull (strstr (twice, "\"calls\":2}"));
  }

  /* No stop, no snapshot read: a day's start. */
  {
    g_autofree char *message = event_message ("{}", 0);

    g_assert_null (strstr (message, "\"stop\""));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-writer/shapes", test_shapes);
  g_test_add_func ("/json-writer/integers", test_integers);
  g_test_add_func ("/json-writer/strings-read-back", test_strings_read_back);
  g_test_add_func ("/json-writer/node", test_node);
  g_test_add_func ("/json-writer/misuse", test_misuse);
  g_test_add_func ("/json-writer/event-message", test_event_message);

  return g_test_run ();
}
