/* gil-fingerprint.c — a TLS certificate's fingerprint, as stations pin it
 *
 * The SHA-256 of the certificate in DER, as upper-case hex pairs joined by
 * colons ("3F:A0:…", 95 characters), the way `openssl x509 -fingerprint
 * -sha256` prints it. The manager puts it in its pairing replies; a person
 * compares what the host shows with what the joining station shows, and
 * the station then accepts that certificate and no other.
 *
 * GLib only, so the manager builds this file too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gil-fingerprint.h"

#define DIGEST_LENGTH 32

/**
 * gil_fingerprint_of_certificate:
 *
 * Returns: (transfer full): the fingerprint of @certificate
 */
char *
gil_fingerprint_of_certificate (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[DIGEST_LENGTH];
  gsize length = sizeof digest;
  GString *text = g_string_sized_new (DIGEST_LENGTH * 3);

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (text, FALSE);
}

/* Only the hex digits count: a fingerprint typed or pasted in lower case,
 * with spaces or without colons is the same fingerprint. */
static char *
normalize (const char *fingerprint)
{
  GString *hex = g_string_new (NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_toupper (*p));
      else if (*p != ':' && !g_ascii_isspace (*p))
        {
          g_string_free (hex, TRUE);
          return NULL;
        }
    }
  return g_string_free (hex, FALSE);
}

/**
 * gil_fingerprint_equal:
 *
 * Returns: whether @a and @b are the same SHA-256 fingerprint, whatever
 *   their case and separators
 */
gboolean
gil_fingerprint_equal (const char *a,
                       const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  x = normalize (a);
  y = normalize (b);
  return x != NULL && y != NULL && strlen (x) == DIGEST_LENGTH * 2 && g_str_equal (x, y);
}

/**
 * gil_fingerprint_format_lines:
 *
 * Returns: (transfer full): @fingerprint in four lines of eight pairs, so
 *   a person can compare it a line at a time
 */
char *
gil_fingerprint_format_lines (const char *fingerprint)
{
  g_auto(GStrv) pairs = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (fingerprint != NULL, NULL);

  pairs = g_strsplit (fingerprint, ":", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 8 == 0 ? '\n' : ' ');
      g_string_append (text, pairs[i]);
    }
  return g_string_free (text, FALSE);
}
