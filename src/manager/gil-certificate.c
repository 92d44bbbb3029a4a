/* gil-certificate.c — the manager's own TLS certificate
 *
 * A manager that serves the LAN speaks HTTPS and WSS with a self-signed
 * certificate it makes on its first run: an ECDSA P-256 key and an X.509
 * certificate for "giliran-manager", valid for ten years, written as PEM
 * beside the database (the key readable by its owner only) and used again
 * on every later run. No certificate authority vouches for it; stations
 * pin its fingerprint when they pair instead (gil-fingerprint.c).
 *
 * GIO can load a certificate but not make one, so GnuTLS makes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>
#include <sys/stat.h>

#include "gil-certificate.h"

#define COMMON_NAME     "giliran-manager"
#define VALID_YEARS     10
#define SERIAL_LENGTH   16

G_DEFINE_QUARK (gil-certificate-error-quark, gil_certificate_error)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

/* Sets @error from a GnuTLS result; returns whether it was a success. */
static gboolean
check (int          result,
       const char  *what,
       GError     **error)
{
  if (result >= 0)
    return TRUE;
  g_set_error (error, GIL_CERTIFICATE_ERROR, GIL_CERTIFICATE_ERROR_FAILED,
               _("Cannot make the TLS certificate (%s): %s"), what, gnutls_strerror (result));
  return FALSE;
}

static gboolean
write_datum (const char      *path,
             gnutls_datum_t  *datum,
             int              mode,
             GError         **error)
{
  gboolean written = g_file_set_contents_full (path, (const char *)datum->data, datum->size,
                                               G_FILE_SET_CONTENTS_CONSISTENT |
                                               G_FILE_SET_CONTENTS_DURABLE,
                                               mode, error);

  gnutls_free (datum->data);
  datum->data = NULL;
  return written;
}

/* The names a station may know this computer by. Pinning does not need
 * them, but other clients (curl --cacert) do. */
static gboolean
add_names (gnutls_x509_crt_t   crt,
           GError            **error)
{
  const char *host = g_get_host_name ();
  const guint8 loopback[4] = { 127, 0, 0, 1 };

  if (host != NULL && *host != '\0' && !g_str_equal (host, "localhost") &&
      !check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, host, strlen (host),
                                                    GNUTLS_FSAN_APPEND),
              "subjectAltName", error))
    return FALSE;
  return check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost",
                                                      strlen ("localhost"), GNUTLS_FSAN_APPEND),
                "subjectAltName", error) &&
         check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, loopback,
                                                      sizeof loopback, GNUTLS_FSAN_APPEND),
                "subjectAltName", error);
}

static gboolean
create (const char  *certificate_path,
        const char  *key_path,
        GError     **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_years (now, VALID_YEARS);
  gnutls_datum_t datum = { NULL, 0 };
  guint8 serial[SERIAL_LENGTH];
  guint8 key_id[64];
  size_t key_id_length = sizeof key_id;

  if (!check (gnutls_x509_privkey_init (&key), "key", error) ||
      !check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                            GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
              "key", error))
    return FALSE;

  /* A random positive serial, as RFC 5280 asks. */
  if (!check (gnutls_rnd (GNUTLS_RND_NONCE, serial, sizeof serial), "serial", error))
    return FALSE;
  serial[0] &= 0x7f;
  serial[0] |= 0x01;

  if (!check (gnutls_x509_crt_init (&crt), "certificate", error) ||
      !check (gnutls_x509_crt_set_version (crt, 3), "version", error) ||
      !check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), "serial", error) ||
      /* A day's slack for a station whose clock is behind. */
      !check (gnutls_x509_crt_set_activation_time (crt, g_date_time_to_unix (now) - 24 * 60 * 60),
              "activation time", error) ||
      !check (gnutls_x509_crt_set_expiration_time (crt, g_date_time_to_unix (until)),
              "expiration time", error) ||
      !check (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                             COMMON_NAME, strlen (COMMON_NAME)),
              "common name", error) ||
      !add_names (crt, error) ||
      !check (gnutls_x509_crt_set_key (crt, key), "public key", error) ||
      !check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "basic constraints", error) ||
      !check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), "key usage", error) ||
      !check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0),
              "key purpose", error) ||
      !check (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_length), "key id", error) ||
      !check (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_length), "key id", error) ||
      !check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), "signature", error))
    return FALSE;

  /* The key first: a certificate on disk always has its key. */
  if (!check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN,
                                                 &datum),
              "key", error) ||
      !write_datum (key_path, &datum, 0600, error))
    return FALSE;
  if (!check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &datum), "certificate", error) ||
      !write_datum (certificate_path, &datum, 0644, error))
    {
      /* A key alone would stop every later start; without it the next
       * start simply makes both again. */
      g_unlink (key_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * gil_certificate_load_or_create:
 * @certificate_path: the certificate's PEM file
 * @key_path: its private key's PEM file
 *
 * Loads the manager's certificate and key, making both first when neither
 * file exists. Only one of them there is an error, not a reason to make a
 * new pair: stations that pinned the old certificate would have to pair
 * again, so the admin decides.
 *
 * Returns: (transfer full): the certificate with its key, or %NULL
 */
GTlsCertificate *
gil_certificate_load_or_create (const char  *certificate_path,
                                const char  *key_path,
                                GError     **error)
{
  GTlsCertificate *certificate;
  gboolean have_certificate;
  gboolean have_key;
  GStatBuf st;

  g_return_val_if_fail (certificate_path != NULL, NULL);
  g_return_val_if_fail (key_path != NULL, NULL);

  have_certificate = g_file_test (certificate_path, G_FILE_TEST_EXISTS);
  have_key = g_file_test (key_path, G_FILE_TEST_EXISTS);
  if (have_certificate != have_key)
    {
      g_set_error (error, GIL_CERTIFICATE_ERROR, GIL_CERTIFICATE_ERROR_INCOMPLETE,
                   _("%s is there without %s; remove it to make a new certificate (every station then pairs again)"),
                   have_certificate ? certificate_path : key_path,
                   have_certificate ? key_path : certificate_path);
      return NULL;
    }
  if (!have_certificate && !create (certificate_path, key_path, error))
    return NULL;

  /* The key is a secret, whoever made the file. */
  if (g_stat (key_path, &st) == 0 && (st.st_mode & 0077) != 0)
    g_printerr (_("giliran-manager: %s may be read by other users; only its owner should (chmod 600)\n"),
                key_path);

  certificate = g_tls_certificate_new_from_files (certificate_path, key_path, error);
  if (certificate == NULL)
    g_prefix_error (error, _("Cannot load the TLS certificate %s with its key %s: "),
                    certificate_path, key_path);
  return certificate;
}
