/* test-dns-sd-publisher.c — the manager's DNS-SD announcement, on its own
 *
 * Whether or not this machine runs avahi-daemon (or has a system bus at
 * all), a publisher starts, is renamed and goes without a fuss and without
 * a warning; test-dns-sd sees a real announcement on a LAN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gil-dns-sd-publisher.h"

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *notified = user_data;

  (*notified)++;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_new_destroy (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GilDnsSdPublisher *publisher = gil_dns_sd_publisher_new (8470, "AB:CD");
  guint notified = 0;

  g_signal_connect (publisher, "notify::name", G_CALLBACK (on_notify_cb), &notified);
  g_assert_cmpstr (gil_dns_sd_publisher_get_name (publisher), ==, GIL_DNS_SD_DEFAULT_NAME);

  gil_dns_sd_publisher_start (publisher);
  gil_dns_sd_publisher_set_name (publisher, "Puskesmas Sukamaju");
  g_assert_cmpstr (gil_dns_sd_publisher_get_name (publisher), ==, "Puskesmas Sukamaju");
  gil_dns_sd_publisher_set_name (publisher, "Puskesmas Sukamaju");
  g_assert_cmpuint (notified, ==, 1);
  /* A puskesmas without a name is announced as Giliran. */
  gil_dns_sd_publisher_set_name (publisher, "");
  g_assert_cmpstr (gil_dns_sd_publisher_get_name (publisher), ==, GIL_DNS_SD_DEFAULT_NAME);
  g_assert_cmpuint (notified, ==, 2);
  /* Longer than a DNS label: cut for the announcement, kept whole here. */
  gil_dns_sd_publisher_set_name (publisher,
                                 "Puskesmas Rawat Inap Kecamatan Sukamaju Kabupaten Lombok Tengah Nusa Tenggara Barat");
  g_assert_cmpuint (notified, ==, 3);

  g_timeout_add (200, on_timeout_cb, loop);
  g_main_loop_run (loop);
  g_assert_finalize_object (publisher);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/giliran/dns-sd-publisher/new-destroy", test_new_destroy);
  return g_test_run ();
}
