/* test-dns-sd.c — a station finds the manager on the LAN (DNS-SD)
 *
 * Two hosts of a puskesmas LAN, as network namespaces joined by a veth
 * pair, each with avahi-daemon on its own private system bus, as on two
 * Debian PCs. The real giliran-manager --listen-all runs on one; on the
 * other, the client library's GilServerBrowser must list it, over multicast
 * DNS, with the address, port and certificate fingerprint to pair with,
 * list one started with --listen on its LAN address too (the second of the
 * same name under avahi's alternative, "Puskesmas #2"), follow the
 * puskesmas's new name when an admin changes it, and never list a manager
 * started with --no-dns-sd.
 *
 * One program, two parts:
 *  - run by meson, as root: makes the namespaces and the link, runs itself
 *    again inside the station's namespace, and removes the namespaces
 *    however that ends (gil-test-netns.c);
 *  - "--station": the GTest cases, in the station's namespace; starts the
 *    buses, the two avahi-daemons and the managers.
 *
 * avahi-daemon keeps its pid file and socket in /run/avahi-daemon, so a
 * second one (or one beside the machine's own) refuses to start: each runs
 * with a tmpfs of its own there, mounted in the mount namespace that
 * `ip netns exec` makes for it, which nothing else sees. (The empty folder
 * is made on the machine's /run if it is missing, as the package would.)
 *
 * Without root, iproute2, avahi-daemon or dbus-daemon the test is skipped;
 * under CI it fails instead, since there it must run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>

#include "gil-server-browser.h"
#include "gil-test-api.h"
#include "gil-test-dir.h"
#include "gil-test-loop.h"
#include "gil-test-manager.h"
#include "gil-test-netns.h"

#define NETNS_PREFIX     "giliran-dns-sd-"
#define MANAGER_ADDRESS  "10.48.0.1"
#define STATION_ADDRESS  "10.48.0.2"
/* From the manager's start to the station listing it: avahi probes its
 * name for about a second, then announces; a browser asks at once. */
#define FOUND_LIMIT_MS   10000
/* How long a manager that must not be listed is watched for, once one
 * that is has been. */
#define SILENT_WATCH_MS  5000
/* The private bus's socket appears within this. */
#define BUS_START_MS     5000
#define NEW_NAME         "Puskesmas Sukamaju"

/* ── the part meson runs: the two hosts, joined ──────────────────────── */

/* The manager's namespace first, the station's second; the inner part gets
 * both links' names. */
static gboolean
join_hosts (const char * const *namespaces,
            GPtrArray          *inner_args,
            gpointer            user_data)
{
  char *link_manager = NULL;
  char *link_station = NULL;
  /* Multicast is what DNS-SD travels by; veth links allow it. */
  gboolean joined = gil_test_netns_link_two (namespaces, "gd", MANAGER_ADDRESS "/24", STATION_ADDRESS "/24",
                                             &link_manager, &link_station);

  g_ptr_array_add (inner_args, link_manager);
  g_ptr_array_add (inner_args, link_station);
  return joined;
}

static char *
find_daemon (const char *name)
{
  g_autofree char *sbin = g_build_filename ("/usr/sbin", name, NULL);

  if (g_file_test (sbin, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&sbin);
  return g_find_program_in_path (name);
}

/* ── the station: buses and daemons ─────────────────────────────────── */

static struct
{
  char             *dir;
  GPtrArray        *daemons;       /* GSubprocess, stopped at the end */
  char             *manager_bus;   /* DBUS_SYSTEM_BUS_ADDRESS on each host */
  char             *station_bus;
  GilTestManager   *announced;     /* --listen-all */
  GilTestManager   *silent;        /* --listen-all --no-dns-sd */
  GilTestManager   *one_address;   /* --listen MANAGER_ADDRESS */
  GilServerBrowser *browser;
  const char       *netns[2];      /* the manager's host, the station's */
  const char       *link[2];
  GSubprocess      *avahi[2];      /* their avahi-daemons, in daemons */
} station;

static GSubprocess *
spawn_daemon (const char * const *argv,
              const char         *bus)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SYSTEM_BUS_ADDRESS", bus, TRUE);
  /* Never outlive a test that crashed. */
  g_subprocess_launcher_set_child_setup (launcher, gil_test_netns_die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_ptr_array_add (station.daemons, process);
  return process;
}

static gboolean
path_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* A system bus of one host's own, that lets avahi-daemon own its name;
 * returns its address. */
static char *
start_bus (const char *host)
{
  g_autofree char *dbus_daemon = find_daemon ("dbus-daemon");
  g_autofree char *config = g_strdup_printf ("%s/%s-bus.conf", station.dir, host);
  g_autofree char *socket = g_strdup_printf ("%s/%s-bus", station.dir, host);
  g_autofree char *config_arg = g_strconcat ("--config-file=", config, NULL);
  g_autofree char *address = g_strconcat ("unix:path=", socket, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { dbus_daemon, config_arg, "--nofork", "--nopidfile", NULL };

  contents = g_strdup_printf (
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>system</type>\n"
    "  <listen>%s</listen>\n"
    "  <auth>EXTERNAL</auth>\n"
    "  <policy context=\"default\">\n"
    "    <allow user=\"*\"/>\n"
    "    <allow own=\"*\"/>\n"
    "    <allow send_destination=\"*\"/>\n"
    "    <allow receive_sender=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n", address);

  g_file_set_contents (config, contents, -1, &error);
  g_assert_no_error (error);
  spawn_daemon (argv, NULL);
  gil_test_loop_wait_until (path_exists, socket, BUS_START_MS, "the private system bus to start");
  return g_steal_pointer (&address);
}

/* avahi-daemon in @netns, on @link only, IPv4, on the bus at @bus. */
static GSubprocess *
start_avahi (const char *netns,
             const char *host,
             const char *link,
             const char *bus)
{
  g_autofree char *avahi_daemon = find_daemon ("avahi-daemon");
  g_autofree char *config = g_strdup_printf ("%s/%s-avahi.conf", station.dir, host);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  /* The tmpfs is this daemon's alone: `ip netns exec` gives it a mount
   * namespace of its own, which does not pass mounts back. */
  const char *argv[] = {
    "ip", "netns", "exec", netns,
    "sh", "-c",
    "mkdir -p /run/avahi-daemon && mount -t tmpfs giliran-dns-sd /run/avahi-daemon && exec \"$@\"",
    "sh", avahi_daemon, "--no-drop-root", "--no-chroot", "--no-rlimits", "--no-proc-title",
    "-f", config, NULL
  };

  contents = g_strdup_printf ("[server]\n"
                              "host-name=giliran-%s\n"
                              "use-ipv4=yes\n"
                              "use-ipv6=no\n"
                              "allow-interfaces=%s\n"
                              "enable-dbus=yes\n"
                              "[wide-area]\n"
                              "enable-wide-area=no\n"
                              "[publish]\n"
                              "publish-hinfo=no\n"
                              "publish-workstation=no\n",
                              host, link);
  g_file_set_contents (config, contents, -1, &error);
  g_assert_no_error (error);
  return spawn_daemon (argv, bus);
}

static void
stop_daemons (void)
{
  for (guint i = station.daemons->len; i > 0; i--)
    {
      GSubprocess *process = g_ptr_array_index (station.daemons, i - 1);

      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }
  g_ptr_array_set_size (station.daemons, 0);
}

/* ── the cases ───────────────────────────────────────────────────────── */

typedef struct
{
  guint       port;
  const char *name;   /* NULL: any */
} Wanted;

static GilFoundServer *
find_listed (guint       port,
             const char *name)
{
  GListModel *list = G_LIST_MODEL (station.browser);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GilFoundServer) server = g_list_model_get_item (list, i);

      if (gil_found_server_get_port (server) == port &&
          (name == NULL || g_str_equal (gil_found_server_get_name (server), name)))
        return g_steal_pointer (&server);
    }
  return NULL;
}

static gboolean
is_listed (gpointer data)
{
  Wanted *wanted = data;
  g_autoptr(GilFoundServer) server = find_listed (wanted->port, wanted->name);

  return server != NULL;
}

static gboolean
is_gone (gpointer data)
{
  return !is_listed (data);
}

/* Waits for the station to list @manager (@what, if it does not), and
 * checks it is listed at MANAGER_ADDRESS with the manager's port and
 * fingerprint. */
static GilFoundServer *
wait_listed (GilTestManager *manager,
             const char     *what)
{
  guint port = gil_test_manager_get_port (manager);
  Wanted wanted = { port, NULL };
  g_autofree char *fingerprint = gil_test_manager_dup_fingerprint (manager);
  g_autofree char *url = g_strdup_printf ("https://%s:%u", MANAGER_ADDRESS, port);
  GilFoundServer *server;

  gil_test_loop_wait_until (is_listed, &wanted, FOUND_LIMIT_MS, what);
  server = find_listed (port, NULL);
  g_assert_cmpstr (gil_found_server_get_url (server), ==, url);
  g_assert_cmpstr (gil_found_server_get_fingerprint (server), ==, fingerprint);
  return server;
}

static void
test_found (void)
{
  g_autoptr(GilFoundServer) server = wait_listed (station.announced, "the station to list the manager");

  /* A new database's puskesmas is "Puskesmas" until the first run names
   * it (or "Puskesmas #2": see test_collision). */
  g_assert_true (g_str_has_prefix (gil_found_server_get_name (server), "Puskesmas"));
  g_assert_cmpstr (gil_found_server_get_address (server), ==, MANAGER_ADDRESS);
}

/* Two managers of the same name on a LAN: the second takes avahi's
 * alternative name, and both are listed. */
static void
test_collision (void)
{
  Wanted first = { gil_test_manager_get_port (station.announced), NULL };
  Wanted second = { gil_test_manager_get_port (station.one_address), NULL };
  g_autoptr(GilFoundServer) one = NULL;
  g_autoptr(GilFoundServer) other = NULL;
  const char *names[2];

  gil_test_loop_wait_until (is_listed, &first, FOUND_LIMIT_MS, "the station to list one manager");
  gil_test_loop_wait_until (is_listed, &second, FOUND_LIMIT_MS, "the station to list the other");
  one = find_listed (first.port, NULL);
  other = find_listed (second.port, NULL);
  names[0] = gil_found_server_get_name (one);
  names[1] = gil_found_server_get_name (other);
  if (g_strcmp0 (names[0], names[1]) > 0)
    {
      const char *swap = names[0];

      names[0] = names[1];
      names[1] = swap;
    }
  g_assert_cmpstr (names[0], ==, "Puskesmas");
  g_assert_cmpstr (names[1], ==, "Puskesmas #2");
}

static void
test_renamed (void)
{
  const char *url = gil_test_manager_get_url (station.announced);
  const char *token = gil_test_manager_get_admin_token (station.announced);
  guint port = gil_test_manager_get_port (station.announced);
  Wanted wanted = { port, NEW_NAME };
  g_autoptr(GilFoundServer) before = find_listed (port, NULL);
  g_autofree char *old_name = g_strdup (gil_found_server_get_name (before));
  Wanted old = { port, old_name };
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = gil_test_api_call (url, token, "PATCH", "/api/v1/profile",
                             "{\"name\": \"" NEW_NAME "\"}", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  gil_test_loop_wait_until (is_listed, &wanted, FOUND_LIMIT_MS,
                            "the station to list the manager's new name");
  /* Renamed, not listed twice: the old name's goodbye may come a moment
   * after the new name's announcement. */
  gil_test_loop_wait_until (is_gone, &old, FOUND_LIMIT_MS,
                            "the station to forget the manager's old name");
}

static gboolean
is_empty (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (station.browser)) == 0;
}

static void
stop_avahi (guint host)
{
  GSubprocess *process = station.avahi[host];

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
  station.avahi[host] = NULL;
  g_ptr_array_remove (station.daemons, process);
}

/* avahi-daemon stops on both hosts and starts again: the station forgets
 * what its daemon had found, and once both are back the manager is
 * announced again and listed again, with no restart of either. */
static void
test_daemons_return (void)
{
  Wanted wanted = { gil_test_manager_get_port (station.announced), NULL };

  gil_test_loop_wait_until (is_listed, &wanted, FOUND_LIMIT_MS, "the station to list the manager");
  stop_avahi (1);
  stop_avahi (0);
  gil_test_loop_wait_until (is_empty, NULL, FOUND_LIMIT_MS,
                            "the station to forget what its daemon had found");

  station.avahi[0] = start_avahi (station.netns[0], "manager", station.link[0], station.manager_bus);
  station.avahi[1] = start_avahi (station.netns[1], "station", station.link[1], station.station_bus);
  gil_test_loop_wait_until (is_listed, &wanted, FOUND_LIMIT_MS,
                            "the station to list the manager once the daemons are back");
}

static void
test_not_announced (void)
{
  guint announced = gil_test_manager_get_port (station.announced);
  guint silent = gil_test_manager_get_port (station.silent);
  Wanted wanted = { announced, NULL };
  Wanted unwanted = { silent, NULL };

  /* Finding the other shows the station can hear this host at all. */
  gil_test_loop_wait_until (is_listed, &wanted, FOUND_LIMIT_MS,
                            "the station to list the announced manager");
  g_assert_false (gil_test_loop_wait_for (is_listed, &unwanted, SILENT_WATCH_MS));
}

/* A manager on one address is announced on that address's link. */
static void
test_one_address (void)
{
  g_autoptr(GilFoundServer) server = wait_listed (station.one_address,
                                                  "the station to list the manager on one address");
}

static int
run_station (int   argc,
             char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *manager_env = NULL;
  g_autofree char *pem = NULL;
  const char *ns_manager = argv[2];
  const char *ns_station = argv[3];
  const char *link_manager = argv[4];
  const char *link_station = argv[5];
  const char *announced_args[] = { "--listen-all", NULL };
  const char *silent_args[] = { "--listen-all", "--no-dns-sd", NULL };
  const char *one_address_args[] = { "--listen", MANAGER_ADDRESS, NULL };
  const char *manager_envv[] = { NULL, NULL };
  int status;

  /* The rest is GTest's. */
  argv[5] = argv[0];
  argc -= 5;
  argv += 5;
  g_test_init (&argc, &argv, NULL);

  station.dir = g_dir_make_tmp ("giliran-dns-sd-XXXXXX", &error);
  g_assert_no_error (error);
  station.daemons = g_ptr_array_new_with_free_func (g_object_unref);
  station.manager_bus = start_bus ("manager");
  station.station_bus = start_bus ("station");
  station.netns[0] = ns_manager;
  station.netns[1] = ns_station;
  station.link[0] = link_manager;
  station.link[1] = link_station;
  station.avahi[0] = start_avahi (ns_manager, "manager", link_manager, station.manager_bus);
  station.avahi[1] = start_avahi (ns_station, "station", link_station, station.station_bus);

  manager_env = g_strconcat ("DBUS_SYSTEM_BUS_ADDRESS=", station.manager_bus, NULL);
  manager_envv[0] = manager_env;
  station.silent = gil_test_manager_start_in_netns_full (ns_manager, MANAGER_ADDRESS,
                                                          silent_args, manager_envv);
  station.announced = gil_test_manager_start_in_netns_full (ns_manager, MANAGER_ADDRESS,
                                                             announced_args, manager_envv);
  station.one_address = gil_test_manager_start_in_netns_full (ns_manager, MANAGER_ADDRESS,
                                                               one_address_args, manager_envv);
  pem = g_build_filename (gil_test_manager_get_dir (station.announced), "giliran-tls.pem", NULL);
  gil_test_api_trust (pem);

  /* The station's client library asks its own host's avahi-daemon. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", station.station_bus, TRUE);
  station.browser = gil_server_browser_new ();
  gil_server_browser_start (station.browser);

  g_test_add_func ("/giliran/dns-sd/found", test_found);
  g_test_add_func ("/giliran/dns-sd/not-announced", test_not_announced);
  g_test_add_func ("/giliran/dns-sd/one-address", test_one_address);
  g_test_add_func ("/giliran/dns-sd/collision", test_collision);
  g_test_add_func ("/giliran/dns-sd/renamed", test_renamed);
  g_test_add_func ("/giliran/dns-sd/daemons-return", test_daemons_return);

  status = g_test_run ();

  g_assert_finalize_object (g_steal_pointer (&station.browser));
  gil_test_manager_free (station.announced);
  gil_test_manager_free (station.silent);
  gil_test_manager_free (station.one_address);
  stop_daemons ();
  g_ptr_array_unref (station.daemons);
  g_free (station.manager_bus);
  g_free (station.station_bus);
  gil_test_remove_dir (station.dir);
  g_free (station.dir);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *avahi_daemon = NULL;
  g_autofree char *dbus_daemon = NULL;

  if (argc >= 6 && g_str_equal (argv[1], "--station"))
    return run_station (argc, argv);

  avahi_daemon = find_daemon ("avahi-daemon");
  dbus_daemon = find_daemon ("dbus-daemon");
  if (avahi_daemon == NULL)
    return gil_test_netns_skip ("needs avahi-daemon");
  if (dbus_daemon == NULL)
    return gil_test_netns_skip ("needs dbus-daemon");
  return gil_test_netns_supervise (argc, argv, NETNS_PREFIX, 2, join_hosts, NULL, 1, "--station");
}
