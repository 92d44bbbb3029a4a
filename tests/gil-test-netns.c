/* gil-test-netns.c — test hosts as network namespaces joined by veth pairs
 *
 * A network test is one program in parts. Run by meson, as root, it makes
 * its namespaces (each a host of the clinic's LAN), has its setup join
 * them, runs itself again inside one of them with a flag that names the
 * part and the namespaces, and removes the namespaces however that ends:
 * a failed assertion, a crash, meson's timeout. Namespaces a run killed
 * outright left behind are removed by the next. Without root or iproute2
 * the test is skipped; under CI it fails instead, since there it must run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gil-test-netns.h"

#define NETNS_DIR "/run/netns"

/* A child setup: never outlive a test that crashed. */
void
gil_test_netns_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/**
 * gil_test_netns_ip:
 *
 * Runs `ip ARGS…`; on failure says why on stderr.
 */
gboolean
gil_test_netns_ip (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, "ip");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_autofree char *command = g_strjoinv (" ", (char **)argv->pdata);

      g_printerr ("# %s: %s%s%s\n", command, error->message,
                  err != NULL && err[0] != '\0' ? ": " : "",
                  err != NULL ? g_strstrip (err) : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_test_netns_link:
 * @address_a: @link_a's address with its prefix length, as 10.48.0.1/24
 *
 * Joins @netns_a and @netns_b by a veth pair, @link_a in the first and
 * @link_b in the second, each with its address and up, multicast on (as
 * veth links have it anyway: DNS-SD travels by it).
 *
 * Returns: whether every step worked; a failed one is on stderr
 */
gboolean
gil_test_netns_link (const char *netns_a,
                     const char *link_a,
                     const char *address_a,
                     const char *netns_b,
                     const char *link_b,
                     const char *address_b)
{
  return gil_test_netns_ip ("link", "add", link_a, "netns", netns_a,
                            "type", "veth", "peer", "name", link_b, "netns", netns_b, NULL) &&
         gil_test_netns_ip ("-n", netns_a, "address", "add", address_a, "dev", link_a, NULL) &&
         gil_test_netns_ip ("-n", netns_b, "address", "add", address_b, "dev", link_b, NULL) &&
         gil_test_netns_ip ("-n", netns_a, "link", "set", link_a, "multicast", "on", "up", NULL) &&
         gil_test_netns_ip ("-n", netns_b, "link", "set", link_b, "multicast", "on", "up", NULL);
}

/**
 * gil_test_netns_link_two:
 * @namespaces: two or more; the first two are joined
 * @prefix: the links' names begin with it, then "m" in the first
 *   namespace, "s" in the second, and this process's id
 * @link_a: (out) (transfer full): the first namespace's link's name
 * @link_b: (out) (transfer full): the second's
 *
 * Joins a manager's namespace and a station's as gil_test_netns_link()
 * does, by links named for this test run.
 *
 * Returns: whether every step worked
 */
gboolean
gil_test_netns_link_two (const char * const *namespaces,
                         const char         *prefix,
                         const char         *address_a,
                         const char         *address_b,
                         char              **link_a,
                         char              **link_b)
{
  *link_a = g_strdup_printf ("%sm%d", prefix, (int)getpid ());
  *link_b = g_strdup_printf ("%ss%d", prefix, (int)getpid ());
  return gil_test_netns_link (namespaces[0], *link_a, address_a, namespaces[1], *link_b, address_b);
}

/* A skip meson understands (a TAP plan of nothing), except under CI. */
int
gil_test_netns_skip (const char *reason)
{
  if (g_getenv ("CI") != NULL && g_getenv ("CI")[0] != '\0')
    {
      g_print ("Bail out! %s, and CI must run this test\n", reason);
      return 1;
    }
  g_print ("1..0 # SKIP %s\n", reason);
  return 0;
}

static volatile sig_atomic_t inner_pid;
static volatile sig_atomic_t stopped_by;

static void
on_stop_signal (int signum)
{
  stopped_by = signum;
  if (inner_pid > 0)
    kill (inner_pid, SIGKILL);
}

/* Namespaces left by a run that was killed outright (SIGKILL leaves no
 * chance to clean up): their pid, the name's last part, is gone. */
static void
remove_stale_namespaces (const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (NETNS_DIR, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoll (strrchr (name, '-') + 1, NULL, 10);
      if (pid > 0 && kill ((pid_t)pid, 0) != 0 && errno == ESRCH)
        gil_test_netns_ip ("netns", "delete", name, NULL);
    }
}

static int
run_inner (int                 argc,
           char               *argv[],
           const char * const *namespaces,
           guint               n_namespaces,
           GPtrArray          *inner_args,
           guint               inner,
           const char         *inner_flag)
{
  g_autofree char *ip_path = g_find_program_in_path ("ip");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GPtrArray) child_argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid child = 0;
  int status = 0;

  g_assert_nonnull (self);
  g_ptr_array_add (child_argv, ip_path);
  g_ptr_array_add (child_argv, "netns");
  g_ptr_array_add (child_argv, "exec");
  g_ptr_array_add (child_argv, (char *)namespaces[inner]);
  g_ptr_array_add (child_argv, self);
  g_ptr_array_add (child_argv, (char *)inner_flag);
  for (guint i = 0; i < n_namespaces; i++)
    g_ptr_array_add (child_argv, (char *)namespaces[i]);
  for (guint i = 0; i < inner_args->len; i++)
    g_ptr_array_add (child_argv, inner_args->pdata[i]);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (child_argv, argv[i]);
  g_ptr_array_add (child_argv, NULL);

  if (!g_spawn_async (NULL, (char **)child_argv->pdata, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_CHILD_INHERITS_STDIN,
                      gil_test_netns_die_with_parent, NULL, &child, &error))
    {
      g_printerr ("# cannot run the test's inner part: %s\n", error->message);
      return -1;
    }
  inner_pid = child;
  if (stopped_by != 0)
    kill (child, SIGKILL);
  while (waitpid (child, &status, 0) < 0 && errno == EINTR)
    ;
  inner_pid = 0;
  return status;
}

/**
 * gil_test_netns_supervise:
 * @prefix: the namespaces' names begin with it
 * @n_namespaces: how many to make
 * @setup: joins them
 * @inner: the index of the namespace to run the inner part in
 * @inner_flag: the inner part's first argument; the namespaces' names,
 *   what @setup added and this program's own arguments follow it
 *
 * Returns: the exit status for main()
 */
int
gil_test_netns_supervise (int                argc,
                          char              *argv[],
                          const char        *prefix,
                          guint              n_namespaces,
                          GilTestNetnsSetup  setup,
                          gpointer           user_data,
                          guint              inner,
                          const char        *inner_flag)
{
  g_autoptr(GPtrArray) namespaces = g_ptr_array_new_null_terminated (n_namespaces, g_free, TRUE);
  g_autoptr(GPtrArray) inner_args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ip_path = g_find_program_in_path ("ip");
  struct sigaction action = { 0 };
  gboolean made = TRUE;
  int status = -1;

  g_assert_cmpuint (inner, <, n_namespaces);
  if (geteuid () != 0)
    return gil_test_netns_skip ("needs root to make network namespaces");
  if (ip_path == NULL)
    return gil_test_netns_skip ("needs ip from iproute2");

  action.sa_handler = on_stop_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGHUP, &action, NULL);

  remove_stale_namespaces (prefix);
  for (guint i = 0; i < n_namespaces && made; i++)
    {
      char *name = g_strdup_printf ("%s%u-%d", prefix, i, (int)getpid ());

      made = gil_test_netns_ip ("netns", "add", name, NULL);
      if (made)
        g_ptr_array_add (namespaces, name);
      else
        g_free (name);
      if (!made && i == 0)
        return gil_test_netns_skip ("cannot make a network namespace (ip netns add)");
    }
  for (guint i = 0; i < namespaces->len && made; i++)
    made = gil_test_netns_ip ("-n", namespaces->pdata[i], "link", "set", "lo", "up", NULL);
  made = made && setup ((const char * const *)namespaces->pdata, inner_args, user_data);

  if (made && stopped_by == 0)
    status = run_inner (argc, argv, (const char * const *)namespaces->pdata, n_namespaces,
                        inner_args, inner, inner_flag);

  /* Whatever happened: the namespaces go, and the veth pairs with them
   * once the last process inside has ended. */
  for (guint i = namespaces->len; i > 0; i--)
    gil_test_netns_ip ("netns", "delete", namespaces->pdata[i - 1], NULL);

  if (!made)
    return gil_test_netns_skip ("cannot join network namespaces with veth pairs");
  if (stopped_by != 0)
    return 128 + stopped_by;
  if (status < 0)
    return 1;
  if (WIFSIGNALED (status))
    {
      g_print ("Bail out! the test's inner part died of signal %d\n", WTERMSIG (status));
      return 1;
    }
  return WEXITSTATUS (status);
}
