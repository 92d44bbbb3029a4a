/* gil-nik.h — the Indonesian national identity number (NIK)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GIL_NIK_ERROR (gil_nik_error_quark ())

typedef enum
{
  GIL_NIK_ERROR_LENGTH,      /* not exactly 16 characters */
  GIL_NIK_ERROR_NOT_DIGITS,  /* a character that is not 0–9 */
  GIL_NIK_ERROR_PROVINCE,    /* not one of the 38 province codes */
  GIL_NIK_ERROR_REGENCY,     /* regency or city code 00 */
  GIL_NIK_ERROR_DISTRICT,    /* district code 00 */
  GIL_NIK_ERROR_DATE,        /* DDMMYY (day + 40 for women) is no real date */
  GIL_NIK_ERROR_SERIAL,      /* serial 0000 */
} GilNikError;

typedef struct
{
  char     province[3];
  char     regency[3];
  char     district[3];
  char     serial[5];
  gboolean female;
  GDateDay day;
  GDateMonth month;
  guint    year_2digit;
} GilNik;

GQuark       gil_nik_error_quark    (void);
const char  *gil_nik_error_code     (GilNikError    code);

gboolean     gil_nik_parse          (const char    *text,
                                     GilNik        *nik,
                                     GError       **error);
const char  *gil_nik_province_name  (const char    *code);
char        *gil_nik_check_person   (const GilNik  *nik,
                                     const GDate   *birth_date,
                                     gboolean       female);

G_END_DECLS
