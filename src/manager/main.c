/* main.c — giliran-manager: the one process that owns the database and
 * serves the queue to every station on the LAN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>

#include "gil-backup.h"
#include "gil-certificate.h"
#include "gil-dns-sd-publisher.h"
#include "gil-i18n.h"
#include "gil-server.h"
#include "gil-stations.h"
#include "gil-store.h"

#define DEFAULT_BACKUP_INTERVAL (15 * 60)

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* The admin token: the file's first line, or a new random one written there
 * readable by its owner only. */
static char *
load_admin_token (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_auto(GStrv) lines = g_strsplit (contents, "\n", 2);

      token = g_strstrip (g_strdup (lines[0] != NULL ? lines[0] : ""));
      if (*token == '\0')
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       _("The admin token file %s is empty"), path);
          return NULL;
        }
      return g_steal_pointer (&token);
    }
  if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  token = gil_token_generate ();
  contents = g_strconcat (token, "\n", NULL);
  if (!g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, error))
    return NULL;
  return g_steal_pointer (&token);
}

/* Where to listen: every address (IPv4, and IPv6 where there is), one
 * given address, or this computer alone. */
static GPtrArray *
listen_addresses (const char  *address,
                  gboolean     all,
                  GError     **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_null_terminated (2, g_object_unref, TRUE);

  if (all)
    {
      g_ptr_array_add (addresses, g_inet_address_new_any (G_SOCKET_FAMILY_IPV4));
      g_ptr_array_add (addresses, g_inet_address_new_any (G_SOCKET_FAMILY_IPV6));
    }
  else if (address == NULL)
    g_ptr_array_add (addresses, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
  else
    {
      GInetAddress *inet = g_inet_address_new_from_string (address);

      if (inet == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s is not an IP address"), address);
          return NULL;
        }
      g_ptr_array_add (addresses, inet);
    }
  return g_steal_pointer (&addresses);
}

static void
print_listening (GilListener *listener)
{
  g_auto(GStrv) uris = gil_listener_dup_uris (listener);

  for (guint i = 0; uris[i] != NULL; i++)
    g_print ("giliran-manager: listening on %s\n", uris[i]);
  fflush (stdout);
}

static void
on_listener_failed_cb (GilListener *listener,
                       gpointer     user_data)
{
  int *status = user_data;

  *status = 1;
  g_main_loop_quit (g_object_get_data (G_OBJECT (listener), "gil-loop"));
}

/* Whether the manager serves more than this computer: then it speaks TLS
 * unless told not to. */
static gboolean
serves_lan (gboolean    all,
            const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (all)
    return TRUE;
  if (address == NULL)
    return FALSE;
  inet = g_inet_address_new_from_string (address);
  /* Not an address at all: listen_on() says so. */
  return inet != NULL && !g_inet_address_get_is_loopback (inet);
}

/* The index of the network interface that has @address, or -1. */
static int
interface_of (const char *address)
{
  g_autoptr(GInetAddress) wanted = g_inet_address_new_from_string (address);
  struct ifaddrs *list = NULL;
  int index = -1;

  if (wanted == NULL || getifaddrs (&list) != 0)
    return -1;
  for (struct ifaddrs *entry = list; entry != NULL && index < 0; entry = entry->ifa_next)
    {
      g_autoptr(GSocketAddress) socket_address = NULL;

      if (entry->ifa_addr == NULL ||
          (entry->ifa_addr->sa_family != AF_INET && entry->ifa_addr->sa_family != AF_INET6))
        continue;
      socket_address = g_socket_address_new_from_native (entry->ifa_addr,
                                                         entry->ifa_addr->sa_family == AF_INET
                                                         ? sizeof (struct sockaddr_in)
                                                         : sizeof (struct sockaddr_in6));
      if (socket_address != NULL &&
          g_inet_address_equal (wanted, g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (socket_address))))
        index = (int)if_nametoindex (entry->ifa_name);
    }
  freeifaddrs (list);
  return index > 0 ? index : -1;
}

/* The certificate and key live beside the database, like the admin token. */
static gboolean
use_certificate (GilServer   *server,
                 const char  *database,
                 GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (database);
  g_autofree char *certificate_path = g_build_filename (dir, "giliran-tls.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "giliran-tls.key", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;

  certificate = gil_certificate_load_or_create (certificate_path, key_path, error);
  if (certificate == NULL)
    return FALSE;
  gil_server_set_certificate (server, certificate);
  return TRUE;
}

static int
fail (const char *message)
{
  g_printerr ("giliran-manager: %s\n", message);
  return 1;
}

/* GnuTLS's defaults, less TLS 1.0 and 1.1, and less every suite but the
 * AEAD ones (AES-GCM, ChaCha20-Poly1305): CBC with SHA-1 goes with them. */
#define GIL_TLS_PRIORITY \
  "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" \
  ":-CIPHER-ALL:+AES-256-GCM:+AES-128-GCM:+CHACHA20-POLY1305" \
  ":-MAC-ALL:+AEAD:%COMPAT"

/* Files an older version made readable by all are made the user's alone
 * too (SQLite makes the -wal and -shm with the database's own mode), and
 * the backups folder beside the database. Never the folder the database
 * is in: that may be anyone's (/srv, a home). */
static void
make_private (const char *database)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (database);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (database, suffixes[i], NULL);

      if (g_chmod (path, 0600) != 0 && errno != ENOENT)
        g_warning ("Cannot make %s private: %s", path, g_strerror (errno));
    }
  if (g_chmod (backups, 0700) != 0 && errno != ENOENT)
    g_warning ("Cannot make %s private: %s", backups, g_strerror (errno));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GilStore) store = NULL;
  g_autoptr(GilServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GilDnsSdPublisher) publisher = NULL;
  g_autofree char *database = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *admin_token = NULL;
  g_autofree char *restore = NULL;
  gboolean listen_all = FALSE;
  gboolean allow_network_fs = FALSE;
  gboolean tls = FALSE;
  gboolean no_tls = FALSE;
  gboolean no_dns_sd = FALSE;
  gboolean version = FALSE;
  int port = GIL_DEFAULT_PORT;
  int idle_timeout = GIL_LISTENER_IDLE_TIMEOUT;
  int handshake_timeout = GIL_LISTENER_HANDSHAKE_TIMEOUT;
  int max_connections = 0;
  int per_address = GIL_LISTENER_PER_ADDRESS;
  int status = 0;
  guint64 file_limit = 0;
  GilListenerOptions listener_options;
  g_autoptr(GPtrArray) addresses = NULL;
  GilListener *listener;
  int backup_interval = DEFAULT_BACKUP_INTERVAL;
  int backups_kept = GIL_BACKUPS_KEPT;
  g_autofree char *port_help = NULL;
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, N_("The database file (created if missing)"), N_("PATH") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, NULL /* below */, N_("N") },
    { "listen-all", 0, 0, G_OPTION_ARG_NONE, &listen_all, N_("Serve the whole LAN, not only this computer"), NULL },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Serve on this address only"), N_("ADDR") },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &tls, N_("Serve HTTPS and WSS only, with a certificate made on the first run beside the database (the default with --listen-all)"), NULL },
    { "no-tls", 0, 0, G_OPTION_ARG_NONE, &no_tls, N_("Serve plain HTTP even to the LAN (unsafe)"), NULL },
    { "no-dns-sd", 0, 0, G_OPTION_ARG_NONE, &no_dns_sd, N_("Do not announce the manager on the LAN with DNS-SD (avahi-daemon)"), NULL },
    { "admin-token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("Read the admin token from this file, or create it there"), N_("PATH") },
    { "allow-network-fs", 0, 0, G_OPTION_ARG_NONE, &allow_network_fs, N_("Allow a database on a network filesystem (unsafe)"), NULL },
    { "backup-interval", 0, 0, G_OPTION_ARG_INT, &backup_interval, N_("Back the database up into backups/ beside it every SECONDS (default 900, a quarter of an hour); also when a day starts"), N_("SECONDS") },
    { "backups-kept", 0, 0, G_OPTION_ARG_INT, &backups_kept, N_("Keep the newest N backups and remove older ones (default 48)"), N_("N") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_INT, &idle_timeout, N_("Close a connection that sends nothing for SECONDS between requests (default 120)"), N_("SECONDS") },
    { "handshake-timeout", 0, 0, G_OPTION_ARG_INT, &handshake_timeout, N_("Close a connection whose TLS handshake takes longer than SECONDS (default 10)"), N_("SECONDS") },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &max_connections, N_("Serve at most N connections at once (default: as many as the open-file limit allows)"), N_("N") },
    { "connections-per-address", 0, 0, G_OPTION_ARG_INT, &per_address, N_("Serve at most N connections from one address (default 64)"), N_("N") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, &restore, N_("Put this backup in place of the database, after checking it, and exit (stop the manager first)"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  /* Every file the manager makes (the database, its -wal and -shm, the
   * backups, the token and the key) holds patients' records or the keys
   * to them: its user's alone, whatever umask it was started with. */
  umask (077);
  /* TLS 1.2 or newer, with AEAD suites only (no CBC, no SHA-1 MAC), for
   * every TLS connection GIO's GnuTLS backend makes in this process; it
   * reads this once, when its first connection is made. Set whatever the
   * environment had: a desktop session may carry a weaker one for some
   * other program (an old mail server's TLS 1.0). */
  g_setenv ("G_TLS_GNUTLS_PRIORITY", GIL_TLS_PRIORITY, TRUE);

  gil_i18n_init (TRUE);
  textdomain (GETTEXT_PACKAGE);
  port_help = g_strdup_printf (_("The TCP port (default %d; 0 picks a free one)"), GIL_DEFAULT_PORT);
  g_assert (g_str_equal (entries[1].long_name, "port"));
  entries[1].description = port_help;

  /* A file-size limit (ulimit -f, systemd's LimitFSIZE=) reached by the
   * database is a failed write to answer and recover from, as with a full
   * disk, not a reason to stop serving the queue. */
  signal (SIGXFSZ, SIG_IGN);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("The Giliran queue manager: owns the database and serves every station."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  if (version)
    {
      g_print ("giliran-manager %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (database == NULL)
    return fail (_("--database PATH is required"));
  if (restore != NULL)
    {
      if (!gil_backup_restore (restore, database, &error))
        return fail (error->message);
      g_print (_("giliran-manager: restored %s from %s\n"), database, restore);
      return 0;
    }
  if (port < 0 || port > 65535)
    return fail (_("--port is a number from 0 to 65535"));
  if (backup_interval < 1)
    return fail (_("--backup-interval is a number of seconds, at least 1"));
  if (backups_kept < 1)
    return fail (_("--backups-kept is a number, at least 1"));
  if (idle_timeout < 1 || handshake_timeout < 1)
    return fail (_("--idle-timeout and --handshake-timeout are numbers of seconds, at least 1"));
  if (max_connections < 0 || per_address < 1)
    return fail (_("--max-connections is a number, at least 0; --connections-per-address at least 1"));
  if (listen_all && listen != NULL)
    return fail (_("Give either --listen-all or --listen, not both"));
  if (tls && no_tls)
    return fail (_("Give either --tls or --no-tls, not both"));
  if (!no_tls && serves_lan (listen_all, listen))
    tls = TRUE;

  if (token_file == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (database);

      token_file = g_build_filename (dir, "admin-token", NULL);
    }

  make_private (database);

  /* systemd starts services at 1,024 open files; the hard limit is higher. */
  if (!gil_listener_raise_file_limit (&file_limit))
    g_message ("the open-file limit stays at %" G_GUINT64_FORMAT, file_limit);

  addresses = listen_addresses (listen, listen_all, &error);
  if (addresses == NULL)
    return fail (error->message);

  store = gil_store_open (database, allow_network_fs ? GIL_STORE_ALLOW_NETWORK_FS : 0, &error);
  if (store == NULL)
    return fail (error->message);
  gil_store_start_checkpointer (store);

  admin_token = load_admin_token (token_file, &error);
  if (admin_token == NULL)
    return fail (error->message);

  server = gil_server_new (store, admin_token);
  if (tls && !use_certificate (server, database, &error))
    return fail (error->message);
  gil_listener_options_init (&listener_options);
  listener_options.idle_timeout = idle_timeout;
  listener_options.handshake_timeout = handshake_timeout;
  listener_options.max_connections = max_connections;
  listener_options.max_per_address = per_address;
  listener = gil_server_listen (server, (GInetAddress **)addresses->pdata, port,
                                &listener_options, &error);
  if (listener == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        message = g_strdup_printf (_("Port %d is already in use"), port);
      else
        message = g_strdup_printf (_("Cannot listen on port %d: %s"), port, error->message);
      return fail (message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);

  g_object_set_data (G_OBJECT (listener), "gil-loop", loop);
  g_signal_connect (listener, "failed", G_CALLBACK (on_listener_failed_cb), &status);

  print_listening (listener);
  /* For the admin of a manager without a screen: what stations pin. */
  if (gil_server_get_fingerprint (server) != NULL)
    {
      g_print ("giliran-manager: certificate fingerprint (SHA-256) %s\n",
               gil_server_get_fingerprint (server));
      fflush (stdout);
    }
  gil_server_start_backups (server, backup_interval, backups_kept);
  /* Stations on the LAN find it by name; this computer alone needs no
   * announcing. */
  if (!no_dns_sd && serves_lan (listen_all, listen))
    {
      publisher = gil_dns_sd_publisher_new (gil_listener_get_port (listener),
                                            gil_server_get_fingerprint (server));
      if (listen != NULL)
        gil_dns_sd_publisher_set_interface (publisher, interface_of (listen));
      g_object_bind_property (server, "puskesmas-name", publisher, "name", G_BINDING_SYNC_CREATE);
      gil_dns_sd_publisher_start (publisher);
    }
  g_main_loop_run (loop);

  /* Nothing is mid-write here: requests run one at a time on this loop. */
  g_clear_object (&publisher);
  gil_server_shutdown (server);
  g_clear_object (&server);
  g_clear_object (&store);  /* checkpoints the WAL */
  g_print ("giliran-manager: stopped\n");
  return status;
}
