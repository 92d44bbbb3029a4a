/* test-commands.c — `giliran --pairing-code`, run for real with no display
 *
 * On the PC that hosts the packaged manager, the admin makes the first
 * pairing codes with the app itself: `sudo giliran --manager … --token-file
 * /var/lib/giliran/admin-token --pairing-code registration`. The code it
 * prints pairs a station; a wrong command line makes no code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gil-test-api.h"
#include "gil-test-app.h"
#include "gil-test-manager.h"
#include "gil-test-sql.h"

typedef struct
{
  GilTestManager *manager;
  const char     *url;
  char           *token_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *args = data;

  f->manager = gil_test_manager_start_with (NULL, args);
  f->url = gil_test_manager_get_url (f->manager);
  f->token_file = g_build_filename (gil_test_manager_get_dir (f->manager), "admin-token", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->token_file);
  gil_test_manager_free (f->manager);
}

/* The pairing codes the database holds, read beside the manager. */
static int
count_codes (Fixture *f)
{
  g_autofree char *count = gil_test_query_one (gil_test_manager_get_database (f->manager),
                                               "SELECT count (*) FROM pairing_codes");

  return atoi (count);
}

/* Runs `giliran --manager URL --token-file TOKEN_FILE` with @args.
 * Returns: the exit status */
static int
run_command (Fixture            *f,
             const char         *token_file,
             const char * const *args,
             const char * const *env,
             char              **out,
             char              **err)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "--manager", f->url, "--token-file", token_file, NULL);
  g_strv_builder_addv (builder, (const char **)args);
  argv = g_strv_builder_end (builder);
  return gil_test_app_run_with ((const char * const *)argv, env, out, err);
}

/* Runs `giliran --pairing-code` with @args as the admin, which must
 * succeed, and reads the code it printed.
 * Returns: (transfer full): the six-digit code */
static char *
make_code (Fixture            *f,
           const char * const *args,
           const char * const *env,
           char              **out)
{
  g_autoptr(GRegex) regex = g_regex_new ("^Kode sambung: ([0-9]{6}) — berlaku sampai pukul [0-9]{2}\\.[0-9]{2}$",
                                         G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *printed = NULL;

  g_assert_cmpint (run_command (f, f->token_file, args, env, &printed, NULL), ==, 0);
  g_assert_true (g_regex_match (regex, printed, 0, &match));
  if (out != NULL)
    *out = g_steal_pointer (&printed);
  return g_match_info_fetch (match, 1);
}

/* Pairs a station with @code as a station PC does.
 * Returns: (transfer full): the new station, as the manager gives it */
static JsonNode *
pair (Fixture    *f,
      const char *code,
      guint       expected)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"name\":\"Perangkat baru\"}", code);

  return gil_test_api_expect (f->url, NULL, "POST", "/api/v1/pair", body, NULL, expected);
}

/* A code for a registration desk pairs one desk, once. */
static void
test_registration (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const args[] = { "--pairing-code", "registration", NULL };
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) paired = NULL;
  g_autoptr(JsonNode) again = NULL;
  JsonObject *station;

  code = make_code (f, args, NULL, NULL);
  g_assert_cmpint (count_codes (f), ==, 1);
  paired = pair (f, code, 201);
  station = json_object_get_object_member (gil_test_api_object (paired), "station");
  g_assert_cmpstr (json_object_get_string_member (station, "role"), ==, "registration");
  again = pair (f, code, 403);
  g_assert_cmpstr (gil_test_api_error (again), ==, "invalid-pairing-code");
}

/* A room station's code carries the rooms named by code, in any case. */
static void
test_room (Fixture       *f,
           gconstpointer  data)
{
  static const char * const args[] = { "--pairing-code", "room", "--room", "k3-lansia", "--room", "K3-DEWASA", NULL };
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) paired = NULL;
  JsonObject *station;
  JsonArray *rooms;
  gint64 lansia, dewasa, first, second;

  code = make_code (f, args, NULL, NULL);
  paired = pair (f, code, 201);
  station = json_object_get_object_member (gil_test_api_object (paired), "station");
  g_assert_cmpstr (json_object_get_string_member (station, "role"), ==, "room");
  rooms = json_object_get_array_member (station, "rooms");
  g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
  lansia = gil_test_api_room_id (f->url, gil_test_manager_get_admin_token (f->manager), "K3-LANSIA");
  dewasa = gil_test_api_room_id (f->url, gil_test_manager_get_admin_token (f->manager), "K3-DEWASA");
  first = json_array_get_int_element (rooms, 0);
  second = json_array_get_int_element (rooms, 1);
  g_assert_true ((first == lansia && second == dewasa) || (first == dewasa && second == lansia));
}

/* Over https, the admin on the manager's PC needs no fingerprint (the
 * certificate is beside the token), and the command prints the one the
 * new station will show. */
static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  static const char * const args[] = { "--pairing-code", "display", NULL };
  g_autofree char *out = NULL;
  g_autofree char *code = NULL;
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (f->manager);
  g_autofree char *line = NULL;
  g_autofree char *pem = g_build_filename (gil_test_manager_get_dir (f->manager), "giliran-tls.pem", NULL);
  g_autofree char *asan = NULL;
  const char *env[3] = { NULL };
  g_autoptr(JsonNode) paired = NULL;

  g_assert_true (g_str_has_prefix (f->url, "https://"));
  gil_test_api_trust (pem);
  /* Under AddressSanitizer, its leak checker crashes at the app's exit
   * (a fatal error of its own, reading the dynamic thread-local storage of
   * the GTask thread that ran the TLS handshake): that one process runs
   * without it (elsewhere the option does nothing). The same command is
   * checked for leaks over http above. */
  asan = g_getenv ("ASAN_OPTIONS") != NULL ? g_strconcat (g_getenv ("ASAN_OPTIONS"), ":detect_leaks=0", NULL)
                                           : g_strdup ("detect_leaks=0");
  env[0] = "ASAN_OPTIONS";
  env[1] = asan;
  code = make_code (f, args, env, &out);
  line = g_strdup_printf ("Sidik jari sertifikat server: %s\n", fingerprint);
  g_assert_nonnull (strstr (out, line));
  paired = pair (f, code, 201);
}

typedef struct
{
  const char *args[8];
  int         status;
  const char *says;
} Refusal;

/* A wrong command line, or a token that is not the admin's, makes no
 * code and says why. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const Refusal refusals[] = {
    { { "--pairing-code", "admin", NULL }, 2, "--pairing-code adalah registration, room, display, head, atau kiosk" },
    { { "--pairing-code", "loket", NULL }, 2, "--pairing-code adalah" },
    { { "--pairing-code", "room", NULL }, 2, "--room" },
    { { "--pairing-code", "head", "--room", "K3-LANSIA", NULL }, 2, "--room hanya untuk perangkat ruang atau layar" },
    { { "--pairing-code", "room", "--room", "K9-TIDAK-ADA", NULL }, 2, "Tidak ada ruang dengan kode K9-TIDAK-ADA" },
    { { "--pairing-code", "head", "--export-report", "2026-11", NULL }, 2, "jangan keduanya" },
  };
  g_autofree char *desk_token_file = g_build_filename (gil_test_manager_get_dir (f->manager), "desk-token", NULL);
  g_autofree char *desk = gil_test_api_pair (f->url, gil_test_manager_get_admin_token (f->manager),
                                             "registration", "");
  static const char * const head_args[] = { "--pairing-code", "head", NULL };
  g_autofree char *missing = g_build_filename (gil_test_manager_get_dir (f->manager), "no-such-token", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_command (f, f->token_file, refusals[i].args, NULL, &out, &err), ==, refusals[i].status);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, refusals[i].says));
    }
  /* The pair above used one code; none of the refusals made another. */
  g_assert_cmpint (count_codes (f), ==, 1);

  /* A desk's token may not make codes: the manager refuses it. */
  g_assert_true (g_file_set_contents (desk_token_file, desk, -1, NULL));
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_command (f, desk_token_file, head_args, NULL, &out, &err), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_true (g_str_has_prefix (err, "giliran: Kode sambung tidak dibuat: "));
  }
  /* No token file, no manager: nothing made, exit 1. */
  g_assert_cmpint (run_command (f, missing, head_args, NULL, NULL, NULL), ==, 1);
  {
    static const char * const no_manager[] = { "--token-file", "x", "--pairing-code", "head", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (gil_test_app_run (no_manager, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--pairing-code memerlukan --manager dan --token-file"));
  }
  g_assert_cmpint (count_codes (f), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const tls[] = { "--tls", NULL };

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/giliran/commands/pairing-code/registration", Fixture, NULL,
              fixture_set_up, test_registration, fixture_tear_down);
  g_test_add ("/giliran/commands/pairing-code/room", Fixture, NULL,
              fixture_set_up, test_room, fixture_tear_down);
  g_test_add ("/giliran/commands/pairing-code/tls", Fixture, tls,
              fixture_set_up, test_tls, fixture_tear_down);
  g_test_add ("/giliran/commands/pairing-code/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  return g_test_run ();
}
