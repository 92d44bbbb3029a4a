/* test-connections.c — a real manager's connections, over a clinic's day
 *
 * The manager under systemd's open-file limit, against what a LAN does to
 * it in a day and what a careless or hostile client can: thousands of
 * kept-alive connections that the client closes, connections that idle,
 * a thousand held open from many addresses while a station still needs
 * serving, more connections than there are descriptors, a 500 MB body,
 * a TLS handshake never begun. Each time the manager must go on serving,
 * and its descriptors must come back to where they started.
 *
 * Clients are raw sockets, bound to addresses of 127.0.0.0/8 when the
 * test needs many source addresses (Linux answers on all of them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gio/gio.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gil-test-manager.h"

#define SYSTEMD_FILES     1024
#define CLOSED_CONNECTIONS 3000
#define IDLE_CONNECTIONS   950
#define PER_ADDRESS        40
#define ONE_ADDRESS_TRIES  100
#define PER_ADDRESS_CAP    64
#define FD_SLACK           6
#define REPLY_TIMEOUT_MS   10000
#define HUGE_BODY          "500000000"

static const char *health_request =
  "GET /api/v1/health HTTP/1.1\r\nHost: giliran\r\n\r\n";

/* ── the manager, seen from outside ──────────────────────────────────── */



/* The manager's descriptors settle once it has closed what it closes. */
static guint
settled_fds (GilTestManager *m,
             guint           at_most)
{
  guint n = gil_test_manager_count_fds (m);

  for (guint i = 0; i < 100 && n > at_most; i++)
    {
      g_usleep (50 * 1000);
      n = gil_test_manager_count_fds (m);
    }
  return n;
}

/* ── raw clients ─────────────────────────────────────────────────────── */

/* A connection from @source (an address of 127.0.0.0/8), or -1. */
static int
connect_from (const char *source,
              guint16     port)
{
  struct sockaddr_in local = { .sin_family = AF_INET };
  struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons (port) };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  inet_pton (AF_INET, "127.0.0.1", &remote.sin_addr);
  inet_pton (AF_INET, source, &local.sin_addr);
  if (bind (fd, (struct sockaddr *)&local, sizeof local) != 0
      || connect (fd, (struct sockaddr *)&remote, sizeof remote) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
send_all (int         fd,
          const char *data,
          gsize       length)
{
  while (length > 0)
    {
      gssize n = send (fd, data, length, MSG_NOSIGNAL);

      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Whether @fd has something to read (or its end) within @timeout_ms. */
static gboolean
readable (int  fd,
          int  timeout_ms)
{
  struct pollfd p = { .fd = fd, .events = POLLIN };

  return poll (&p, 1, timeout_ms) == 1;
}

/* One reply, whole by its Content-Length; NULL if the connection ends
 * first or nothing comes in time. */
static char *
read_reply (int fd)
{
  g_autoptr(GString) reply = g_string_new (NULL);
  char buffer[4096];

  for (;;)
    {
      const char *end = strstr (reply->str, "\r\n\r\n");
      gssize n;

      if (end != NULL)
        {
          const char *length = strstr (reply->str, "Content-Length: ");
          gsize body = length != NULL && length < end
                       ? g_ascii_strtoull (length + strlen ("Content-Length: "), NULL, 10) : 0;

          if (reply->len >= (gsize)(end + 4 - reply->str) + body)
            return g_string_free (g_steal_pointer (&reply), FALSE);
        }
      if (!readable (fd, REPLY_TIMEOUT_MS))
        return NULL;
      n = recv (fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        return NULL;
      g_string_append_len (reply, buffer, n);
    }
}

static char *
exchange (int         fd,
          const char *request)
{
  if (!send_all (fd, request, strlen (request)))
    return NULL;
  return read_reply (fd);
}

/* Whether the peer ended @fd within @timeout_ms (anything it sent first
 * is read and dropped). */
static gboolean
ended_within (int fd,
              int timeout_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
  char buffer[4096];

  for (;;)
    {
      int left = (int)MAX ((until - g_get_monotonic_time ()) / 1000, 0);
      gssize n;

      if (!readable (fd, left))
        return FALSE;
      n = recv (fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        return TRUE;
    }
}

static char *
authorised_get (GilTestManager *m,
                const char     *path)
{
  return g_strdup_printf ("GET %s HTTP/1.1\r\nHost: giliran\r\nAuthorization: Bearer %s\r\n\r\n",
                          path, gil_test_manager_get_admin_token (m));
}

static void
assert_status (const char *reply,
               const char *status)
{
  g_assert_nonnull (reply);
  if (!g_str_has_prefix (reply, status))
    g_error ("expected %s, got: %.200s", status, reply);
}

/* A fresh connection from @source gets its answer. */
static void
assert_served (GilTestManager *m,
               const char     *source)
{
  g_autofree char *request = authorised_get (m, "/api/v1/rooms");
  g_autofree char *reply = NULL;
  int fd = connect_from (source, gil_test_manager_get_port (m));

  g_assert_cmpint (fd, >=, 0);
  reply = exchange (fd, request);
  close (fd);
  assert_status (reply, "HTTP/1.1 200");
}

/* The test holds more sockets than the manager may. */
static gboolean
raise_own_limit (guint64 needed)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur >= needed)
    return TRUE;
  if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed)
    {
      g_test_skip ("the hard open-file limit is too low for this test");
      return FALSE;
    }
  limit.rlim_cur = needed;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  return TRUE;
}

static GilTestManager *
start_under_systemd_limit (const char * const *args)
{
  return gil_test_manager_start_limited (NULL, args, NULL, TRUE, SYSTEMD_FILES, SYSTEMD_FILES);
}

/* ── tests ───────────────────────────────────────────────────────────── */

/* Each of thousands of clients asks once on a kept-alive connection and
 * closes it, as curl does and as a station does after idling: libsoup
 * 3.2.3 alone kept every one open until the descriptors ran out. */
static void
test_closed_keep_alive (void)
{
  GilTestManager *m = start_under_systemd_limit (NULL);
  guint16 port = gil_test_manager_get_port (m);
  guint before = gil_test_manager_count_fds (m);

  for (guint i = 0; i < CLOSED_CONNECTIONS; i++)
    {
      g_autofree char *reply = NULL;
      int fd = connect_from ("127.0.0.1", port);

      g_assert_cmpint (fd, >=, 0);
      reply = exchange (fd, health_request);
      if (reply == NULL)
        g_error ("connection %u of %u got no reply (the manager has %u descriptors open)",
                 i + 1, CLOSED_CONNECTIONS, gil_test_manager_count_fds (m));
      assert_status (reply, "HTTP/1.1 200");
      close (fd);
    }
  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  assert_served (m, "127.0.0.1");
  gil_test_manager_free (m);
}

/* Kept-alive connections idle past --idle-timeout are closed, and so are
 * ones that never send a request or stop half-way through its headers. */
static void
test_idle_closed (void)
{
  const char *args[] = { "--idle-timeout", "2", NULL };
  GilTestManager *m = start_under_systemd_limit (args);
  guint16 port = gil_test_manager_get_port (m);
  guint before = gil_test_manager_count_fds (m);
  g_autofree char *reply = NULL;
  gint64 start;
  int kept = connect_from ("127.0.0.1", port);
  int silent = connect_from ("127.0.0.1", port);
  int partial = connect_from ("127.0.0.1", port);

  g_assert_cmpint (kept, >=, 0);
  g_assert_cmpint (silent, >=, 0);
  g_assert_cmpint (partial, >=, 0);
  reply = exchange (kept, health_request);
  assert_status (reply, "HTTP/1.1 200");
  g_assert_true (send_all (partial, "GET /api/v1/health HTTP/1.1\r\nHo", 32));

  start = g_get_monotonic_time ();
  g_assert_true (ended_within (kept, 8000));
  /* Not before the idle time has passed. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_assert_true (ended_within (silent, 8000));
  g_assert_true (ended_within (partial, 8000));
  close (kept);
  close (silent);
  close (partial);

  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  assert_served (m, "127.0.0.1");
  gil_test_manager_free (m);
}

/* A client that stops sending once it has asked (as `nc -N` does) reads
 * its reply and the end, nothing more. */
static void
test_half_closed (void)
{
  GilTestManager *m = start_under_systemd_limit (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  guint before = gil_test_manager_count_fds (m);
  char buffer[4096];
  gssize n;
  int fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (send_all (fd, health_request, strlen (health_request)));
  g_assert_cmpint (shutdown (fd, SHUT_WR), ==, 0);
  while (readable (fd, REPLY_TIMEOUT_MS) && (n = recv (fd, buffer, sizeof buffer, 0)) > 0)
    g_string_append_len (got, buffer, n);
  close (fd);
  assert_status (got->str, "HTTP/1.1 200");
  g_assert_null (strstr (got->str + 1, "HTTP/"));

  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  gil_test_manager_free (m);
}

/* A thousand connections held open from many addresses, and a hundred
 * from one, while a station that was served before asks again: the
 * manager caps them below its descriptor limit, keeps room for the
 * station, and is back where it started once they close. */
static void
test_caps_keep_station_served (void)
{
  GilTestManager *m;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *log = NULL;
  guint16 port;
  guint before, one_address_open = 0;

  if (!raise_own_limit (4 * SYSTEMD_FILES))
    return;
  m = start_under_systemd_limit (NULL);
  port = gil_test_manager_get_port (m);
  before = gil_test_manager_count_fds (m);

  /* The station is known once it has been served. */
  assert_served (m, "127.0.0.1");

  for (guint i = 0; i < ONE_ADDRESS_TRIES; i++)
    {
      int fd = connect_from ("127.0.5.1", port);

      g_assert_cmpint (fd, >=, 0);
      g_array_append_val (held, fd);
    }
  for (guint i = 0; i < IDLE_CONNECTIONS; i++)
    {
      g_autofree char *source = g_strdup_printf ("127.0.10.%u", 1 + i / PER_ADDRESS);
      int fd = connect_from (source, port);

      g_assert_cmpint (fd, >=, 0);
      g_array_append_val (held, fd);
    }

  /* Let the manager take and judge every one. */
  g_usleep (500 * 1000);
  g_assert_cmpuint (gil_test_manager_count_fds (m), <, SYSTEMD_FILES);
  assert_served (m, "127.0.0.1");

  /* Those refused are closed at once: from one address, only its share. */
  for (guint i = 0; i < ONE_ADDRESS_TRIES; i++)
    if (!ended_within (g_array_index (held, int, i), 0))
      one_address_open++;
  g_assert_cmpuint (one_address_open, ==, PER_ADDRESS_CAP);

  for (guint i = 0; i < held->len; i++)
    close (g_array_index (held, int, i));
  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  assert_served (m, "127.0.0.1");
  assert_served (m, "127.0.6.1");

  log = gil_test_manager_dup_log (m);
  g_assert_nonnull (strstr (log, "refusing connections: too many from one address"));
  g_assert_nonnull (strstr (log, "refusing connections: too many connections"));
  gil_test_manager_free (m);
}

/* Told to allow more connections than it has descriptors for, the manager
 * runs out: it must say so and go on, not stop accepting for good. */
static void
test_out_of_descriptors (void)
{
  const char *args[] = { "--max-connections", "4000", "--connections-per-address", "4000", NULL };
  GilTestManager *m;
  g_autoptr(GArray) held = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *log = NULL;
  guint before;

  if (!raise_own_limit (4 * SYSTEMD_FILES))
    return;
  m = start_under_systemd_limit (args);
  before = gil_test_manager_count_fds (m);

  for (guint i = 0; i < SYSTEMD_FILES + 200; i++)
    {
      int fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));

      if (fd >= 0)
        g_array_append_val (held, fd);
    }
  g_usleep (500 * 1000);
  for (guint i = 0; i < held->len; i++)
    close (g_array_index (held, int, i));

  g_assert_true (gil_test_manager_is_running (m));
  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  assert_served (m, "127.0.0.1");
  log = gil_test_manager_dup_log (m);
  g_assert_nonnull (strstr (log, "out of file descriptors"));
  gil_test_manager_free (m);
}

/* A body over 64 KiB is refused from its Content-Length, or as soon as a
 * chunked one passes the limit, without the rest being read into memory. */
static void
test_body_limit (void)
{
  GilTestManager *m = start_under_systemd_limit (NULL);
  g_autofree char *huge = g_strdup_printf ("POST /api/v1/patients HTTP/1.1\r\nHost: giliran\r\n"
                                           "Authorization: Bearer %s\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: " HUGE_BODY "\r\n\r\n{\"name\":\"",
                                           gil_test_manager_get_admin_token (m));
  const char *chunked = "POST /api/v1/patients HTTP/1.1\r\nHost: giliran\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n";
  g_autofree char *reply = NULL;
  g_autofree char *chunk = NULL;
  guint64 rss_before = gil_test_manager_rss_kib (m);
  guint before = gil_test_manager_count_fds (m);
  gsize sent = 0;
  int fd;

  /* Unauthenticated too: nothing of the body is looked at. */
  fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));
  reply = exchange (fd, huge);
  assert_status (reply, "HTTP/1.1 413");
  g_assert_nonnull (strstr (reply, "\"code\":\"too-large\""));
  /* The manager stops reading: the rest does not go in. */
  chunk = g_malloc0 (64 * 1024);
  while (sent < 64 * 1024 * 1024 && send_all (fd, chunk, 64 * 1024))
    sent += 64 * 1024;
  g_assert_cmpuint (sent, <, 64 * 1024 * 1024);
  close (fd);
  g_clear_pointer (&reply, g_free);

  fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));
  g_assert_true (send_all (fd, chunked, strlen (chunked)));
  memset (chunk, 'a', 4096);
  for (guint i = 0; i < 1000 && !readable (fd, 0); i++)
    if (!send_all (fd, "1000\r\n", 6) || !send_all (fd, chunk, 4096) || !send_all (fd, "\r\n", 2))
      break;
  reply = read_reply (fd);
  assert_status (reply, "HTTP/1.1 413");
  close (fd);

  /* A client that stops after a byte of its refused body holds nobody up
   * while the manager lingers on its connection. */
  fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));
  g_assert_true (send_all (fd, huge, strlen (huge)));
  g_clear_pointer (&reply, g_free);
  reply = read_reply (fd);
  assert_status (reply, "HTTP/1.1 413");
  g_assert_true (send_all (fd, "a", 1));
  g_usleep (100 * 1000);
  assert_served (m, "127.0.0.1");
  close (fd);

  g_assert_cmpuint (gil_test_manager_rss_kib (m), <, rss_before + 16 * 1024);
  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  assert_served (m, "127.0.0.1");
  gil_test_manager_free (m);
}

/* Started at systemd's soft 1,024, the manager takes the hard limit, and
 * listens with a backlog a morning's rush fits in. */
static void
test_limit_and_backlog (void)
{
  GilTestManager *m = gil_test_manager_start_limited (NULL, NULL, NULL, FALSE,
                                                      SYSTEMD_FILES, 4 * SYSTEMD_FILES);
  g_autofree char *path = g_strdup_printf ("/proc/%d/limits", gil_test_manager_get_pid (m));
  g_autofree char *limits = NULL;
  g_autofree char *command = g_strdup_printf ("ss -Hltn sport = :%u", gil_test_manager_get_port (m));
  g_autofree char *out = NULL;
  g_auto(GStrv) fields = NULL;
  const char *line;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &limits, NULL, NULL));
  line = strstr (limits, "Max open files");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line + strspn (line + 14, " ") + 14, "4096"));

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, NULL, NULL));
  fields = g_strsplit_set (g_strstrip (out), " \t", -1);
  /* State, Recv-Q, Send-Q: for a listening socket Send-Q is its backlog. */
  for (guint i = 0; fields[i] != NULL; i++)
    if (*fields[i] != '\0' && ++n == 3)
      g_assert_cmpuint (g_ascii_strtoull (fields[i], NULL, 10), >=, 128);
  g_assert_cmpuint (n, >=, 3);
  gil_test_manager_free (m);
}

/* A TLS client that never finishes its handshake is let go. */
static void
test_handshake_timeout (void)
{
  const char *args[] = { "--tls", "--handshake-timeout", "2", NULL };
  GilTestManager *m = start_under_systemd_limit (args);
  guint before = gil_test_manager_count_fds (m);
  int fd = connect_from ("127.0.0.1", gil_test_manager_get_port (m));

  g_assert_cmpint (fd, >=, 0);
  g_assert_true (ended_within (fd, 8000));
  close (fd);
  g_assert_cmpuint (settled_fds (m, before + FD_SLACK), <=, before + FD_SLACK);
  gil_test_manager_free (m);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/giliran/connections/closed-keep-alive", test_closed_keep_alive);
  g_test_add_func ("/giliran/connections/idle-closed", test_idle_closed);
  g_test_add_func ("/giliran/connections/half-closed", test_half_closed);
  g_test_add_func ("/giliran/connections/caps-keep-station-served", test_caps_keep_station_served);
  g_test_add_func ("/giliran/connections/out-of-descriptors", test_out_of_descriptors);
  g_test_add_func ("/giliran/connections/body-limit", test_body_limit);
  g_test_add_func ("/giliran/connections/limit-and-backlog", test_limit_and_backlog);
  g_test_add_func ("/giliran/connections/handshake-timeout", test_handshake_timeout);
  return g_test_run ();
}
